import type { Browser, BrowserContext, Frame, Locator, Page } from 'playwright-core';

/** The course's document: its page (opened directly) or its frame (in an LMS host page). */
export type Scope = Page | Frame;
import type { CheckData, CourseData } from '../../../src/shared/course-data.js';
import type { HostOptions } from './host-page.mjs';

export interface TraceEntry { fn: string; args: string[]; result: string; error: string }
export interface HostRecord {
  trace: TraceEntry[];
  stored: Record<string, string>;
  pending: Record<string, string>;
  commits: number;
  finished: boolean;
  /** Set by a test: the LMS's server session has gone (host-page.mjs). */
  expired: boolean;
}
export function launchChromium(): Promise<Browser>;
export function openCourse(context: BrowserContext, baseUrl: string, options?: HostOptions & { onCover?: boolean }): Promise<{ page: Page; frame: Frame }>;
export function scoFrameOf(page: Page): Promise<Frame>;
export function leaveCover(frame: Scope): Promise<void>;
export function clickThrough(scope: Scope, selector: string): Promise<void>;
export function clickAsLearner(scope: Scope, selector: string): Promise<void>;
export function seedFromStored(stored: Record<string, string>): Record<string, unknown>;
export function waitForPlayer(frame: Scope): Promise<void>;
export function readCourseData(frame: Scope): Promise<CourseData>;
export function readStoredAfterClose(context: BrowserContext, baseUrl: string): Promise<{ stored: Record<string, string>; finishCalls: number }>;
export function readHost(page: Page): Promise<HostRecord>;
export function readHostWhenFinished(page: Page): Promise<HostRecord>;
export function passCourse(frame: Scope, course: CourseData, options?: { wrong?: string[]; keyboard?: boolean; exit?: boolean; page?: Page | null; onPage?: ((pageId: string) => Promise<void>) | null }): Promise<void>;
export function rightAnswer(check: CheckData): string[];
export function wrongAnswer(check: CheckData): string[];
export function answerCheck(frame: Scope, check: CheckData, chosen: string[], keyboardPage?: Page | null): Promise<void>;
export function tabTo(frame: Scope, page: Page, selector: string): Promise<void>;
export function textIn(scope: Scope, selector: string): Promise<string | null>;
export function waitShown(scope: Scope, selector: string, nth?: number): Promise<void>;
export function evaluateIn<R, A>(scope: Scope, fn: (root: unknown, arg: A) => R | Promise<R>, arg: A): Promise<R>;
/** One read of readAll: what a locator call would give, of the element(s) `selector` finds. */
export type Read =
  | readonly ['text' | 'checked' | 'disabled' | 'value' | 'shown', string, { nth?: number }?]
  | readonly ['attr', string, { name: string; nth?: number }]
  | readonly ['visible' | 'count' | 'texts', string];
type ReadValue<R> = R extends readonly ['text', ...unknown[]] ? string | null
  : R extends readonly ['attr', ...unknown[]] ? string | null
  : R extends readonly ['checked' | 'disabled' | 'visible' | 'shown', ...unknown[]] ? boolean
  : R extends readonly ['value', ...unknown[]] ? string
  : R extends readonly ['count', ...unknown[]] ? number
  : R extends readonly ['texts', ...unknown[]] ? string[] : never;
export function readAll<T extends Record<string, Read>>(scope: Scope, reads: T): Promise<{ [K in keyof T]: ReadValue<T[K]> }>;
export type { Locator };
