import type { Browser, BrowserContext, ElementHandle, FrameLocator, Locator, Page } from 'playwright-core';

/** A frame locator or a page: anything with `locator()`. */
export interface Scope { locator(selector: string): Locator }
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
export function openCourse(context: BrowserContext, baseUrl: string, options?: HostOptions & { onCover?: boolean }): Promise<{ page: Page; frame: FrameLocator }>;
export function leaveCover(frame: Scope): Promise<void>;
export function clickThrough(scope: Scope, selector: string): Promise<void>;
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
export function documentOf(scope: Scope): Promise<{ document: ElementHandle; release: () => Promise<void> }>;
export function textIn(root: ElementHandle, selector: string): Promise<string | null>;
export type { Locator };
