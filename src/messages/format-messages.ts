/**
 * Messages → text, in three forms. Human (the default): `file:line:col  severity  message  rule-id`
 * then `  hint: …`, every message at once, then a summary line, as compilers print and as
 * coursepack always has (the golden files in test/fixtures/bad/ hold it). JSON: one document for
 * editors and CI, with every field of every message. GitHub: the messages as GitHub Actions annotations.
 *
 * Why not vfile-reporter: its layout differs from the one authors and the golden files know, and it
 * brings supports-color and string-width onto the CLI's start-up path for output a few lines long.
 *
 * Paths: messages carry course-relative paths; the caller says how to show them (the CLI shows
 * them relative to the working directory).
 */
import { workflowCommand } from './github-commands.js';
import { endOf, hasErrors, severityOf, type CoursepackMessage } from './make-message.js';

export type ShowPath = (file: string) => string;

/** `--format`: human (the default), json, or github (GitHub Actions workflow commands). */
export type MessageFormat = 'human' | 'json' | 'github';

/**
 * Control characters (C0, DEL, C1) as visible escapes: a path or a quoted value can hold one (macOS names a
 * folder's custom icon `Icon\r`; Word pastes a vertical tab), and printed raw, a carriage return sent the
 * cursor back to overwrite the message, and an escape character could recolour or clear the terminal.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const NAMED: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r' };

function visible(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

export function formatMessage(message: CoursepackMessage, show: ShowPath = (f) => f): string {
  const head = `${visible(show(message.file))}:${message.line}:${message.column}  ${severityOf(message).padEnd(7)}  ${visible(message.reason)}  ${message.ruleId}`;
  return message.note ? `${head}\n  hint: ${visible(message.note)}` : head;
}

export function summarize(messages: readonly CoursepackMessage[]): string {
  const errors = messages.filter((m) => m.fatal).length;
  const warnings = messages.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

/** All messages and the summary line; empty when there are none. */
export function formatHuman(messages: readonly CoursepackMessage[], show?: ShowPath): string {
  if (messages.length === 0) return '';
  return `${messages.map((m) => formatMessage(m, show)).join('\n')}\n\n${summarize(messages)}\n`;
}

/**
 * One workflow command a message (the rule id as its title, the hint on a second line), then the summary as
 * plain text for the log; empty when there are none. The runner takes an absolute `file` inside the
 * repository as its path there, whatever folder the step ran in.
 */
export function formatGithub(messages: readonly CoursepackMessage[], show: ShowPath = (f) => f): string {
  if (messages.length === 0) return '';
  const commands = messages.map((m) => {
    const end = endOf(m);
    const text = m.note ? `${visible(m.reason)}\nhint: ${visible(m.note)}` : visible(m.reason);
    return workflowCommand(severityOf(m), { file: visible(show(m.file)), line: m.line, col: m.column, endLine: end?.line, title: m.ruleId }, text);
  });
  return `${commands.join('\n')}\n${summarize(messages)}\n`;
}

/** One message as plain JSON data (documented in docs/authoring.md, "Checking your work"). */
export interface MessageJson {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number | null;
  readonly endColumn: number | null;
  readonly severity: 'error' | 'warning';
  readonly ruleId: string;
  readonly source: string;
  readonly message: string;
  readonly hint: string | null;
  readonly url: string;
}

export function toJson(message: CoursepackMessage, show: ShowPath = (f) => f): MessageJson {
  const end = endOf(message);
  return {
    file: show(message.file),
    line: message.line,
    column: message.column,
    endLine: end?.line ?? null,
    endColumn: end?.column ?? null,
    severity: severityOf(message),
    ruleId: message.ruleId,
    source: message.source,
    message: message.reason,
    hint: message.note ?? null,
    url: message.url,
  };
}

/** `{ ok, errors, warnings, messages, …extra }` as one JSON document (and a final newline). */
export function formatJson(messages: readonly CoursepackMessage[], show?: ShowPath, extra: Readonly<Record<string, unknown>> = {}): string {
  const errors = messages.filter((m) => m.fatal).length;
  const document = {
    ok: !hasErrors(messages),
    errors,
    warnings: messages.length - errors,
    messages: messages.map((m) => toJson(m, show)),
    ...extra,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
