/**
 * One message shape for everything coursepack tells an author or a packager: a `VFileMessage`
 * (vfile-message, the unified collective's), so editors, CI annotations and vfile tools read
 * coursepack's output like remark-lint's. Fields, as vfile-message defines them:
 * `file` (course-relative for author messages, package-relative for package checks), `place`
 * (start and, where known, end), `fatal` (true: error, false: warning), `ruleId` (a permanent id
 * from a rule catalog), `source` (`coursepack`), `reason`, `note` (the hint: what to do) and `url`
 * (the rule's section in docs/authoring.md).
 *
 * Pure: vfile-message uses neither Node nor DOM.
 */
import type { Point, Position } from 'unist';
import { VFileMessage } from 'vfile-message';

export type Severity = 'error' | 'warning';

export const MESSAGE_SOURCE = 'coursepack';

/** A coursepack message: every optional field vfile-message leaves open is filled in. */
export interface CoursepackMessage<R extends string = string> extends VFileMessage {
  readonly ruleId: R;
  readonly source: typeof MESSAGE_SOURCE;
  readonly file: string;
  readonly fatal: boolean;
  readonly line: number;
  readonly column: number;
  readonly url: string;
}

export interface MessageInput<R extends string> {
  readonly ruleId: R;
  readonly severity: Severity;
  /** Course- or package-relative path, forward slashes. */
  readonly file: string;
  /** Start and end (a node's `position`), or a start only; the first character of the file when unknown. */
  readonly place?: Position | Point | undefined;
  /** What happened and why; never repeats the position (the formatter shows it). */
  readonly reason: string;
  /** What to do about it. */
  readonly hint?: string | undefined;
  /** The rule's section in the docs. */
  readonly url: string;
}

const FILE_START: Point = { line: 1, column: 1 };

export function makeMessage<R extends string>(input: MessageInput<R>): CoursepackMessage<R> {
  const message = new VFileMessage(input.reason, { place: input.place ?? FILE_START, ruleId: input.ruleId, source: MESSAGE_SOURCE });
  message.file = input.file;
  message.fatal = input.severity === 'error';
  message.url = input.url;
  if (input.hint !== undefined) message.note = input.hint;
  return message as CoursepackMessage<R>;
}

export function severityOf(message: CoursepackMessage): Severity {
  return message.fatal ? 'error' : 'warning';
}

export function hasErrors(messages: readonly CoursepackMessage[]): boolean {
  return messages.some((m) => m.fatal);
}

/** Where a message ends, when it is known. */
export function endOf(message: CoursepackMessage): Point | null {
  const place = message.place;
  return place && 'end' in place ? place.end : null;
}

/** Stable order: by file, then position, then rule, so output never depends on stage order. */
export function sortMessages<M extends CoursepackMessage>(messages: readonly M[]): M[] {
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...messages].sort((a, b) => compare(a.file, b.file) || a.line - b.line || a.column - b.column || compare(a.ruleId, b.ruleId));
}

/** `<docs>#<rule-id>`: every rule has an anchor of its own id in docs/authoring.md. */
export function ruleUrl(docsUrl: string, ruleId: string): string {
  return `${docsUrl}#${ruleId}`;
}
