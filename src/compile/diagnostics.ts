/**
 * Author mistakes as positional messages with permanent rule ids, like a compiler:
 * every stage reports into one list, the CLI prints them all, then decides the exit code.
 * Rule ids never change meaning once published (docs/authoring.md lists them).
 */

export type Severity = 'error' | 'warning';

/** The rule catalog: id → severity and the default hint (what to do about it). */
export const RULES = {
  'course-config-missing': ['error', 'Create course.yaml with at least `id` and `title` (see docs/authoring.md).'],
  'course-config-invalid': ['error', 'Fix the field as docs/authoring.md describes.'],
  'no-modules': ['error', 'Add a module file such as modules/01-introduction.md.'],
  'module-file-name': ['error', 'Name module files NN-slug.md, e.g. 03-building-trust.md.'],
  'front-matter-missing': ['error', 'Start the file with a `---` block holding id, title, objectives and minutes.'],
  'front-matter-invalid': ['error', 'Fix the front matter field as docs/authoring.md describes.'],
  'module-no-pages': ['error', 'Add at least one page: a `## Page title` heading followed by content.'],
  'content-before-page': ['error', 'Start every page with a `## Page title` heading; move this under one.'],
  'heading-level-one': ['error', 'The module title comes from front matter; use `##` for pages and `###` below.'],
  'title-too-long': ['error', 'Shorten the title to 200 characters or fewer (SCORM 1.2 limit).'],
  'duplicate-id': ['error', 'Give each module, check and reflection its own id.'],
  'unknown-directive': ['error', 'Use one of :::check, :::reflect, :::callout, ::video or ::audio.'],
  'directive-missing-id': ['error', 'Add an id, e.g. :::check{#trust-first-meeting}.'],
  'directive-invalid-attribute': ['error', 'See docs/authoring.md for the attributes each directive accepts.'],
  'check-no-options': ['error', 'Add the options as a task list: `- [x] right answer` and `- [ ] wrong answer`.'],
  'check-option-marker': ['error', 'Start each option with `[ ]` (wrong) or `[x]` (correct).'],
  'check-no-question': ['error', 'Write the question before the list of options.'],
  'check-content-after-options': ['error', 'Put feedback indented under an option; put the question before the options.'],
  'check-no-correct': ['error', 'Mark the correct option with `[x]`.'],
  'check-too-many-correct': ['error', 'Mark exactly one option with `[x]`, or add type=multiple.'],
  'check-truefalse-options': ['error', 'A true/false check has exactly two options: `True` and `False`.'],
  'check-too-many-options': ['error', 'Use at most 26 options (SCORM 1.2 choice responses are single letters).'],
  'check-option-no-feedback': ['warning', 'Indent a feedback paragraph under the option to say why it is right or wrong.'],
  'empty-directive': ['error', 'Write the prompt or text inside the directive.'],
  'missing-asset': ['error', 'Put the file in the course assets/ folder, or fix the path (it is case-sensitive).'],
  'asset-file-name': ['error', 'Rename the file with letters, digits, -, _ and . only (no spaces), and update the link.'],
  'asset-outside-folder': ['error', 'Keep images, media and files in the course assets/ folder.'],
  'image-alt-missing': ['error', 'Describe the image in the brackets: ![what it shows](path). For decoration: ![](path "decorative").'],
  'broken-link': ['error', 'Link to a module file such as 02-trust.md, optionally with #page-title-slug.'],
  'unsafe-html': ['error', 'Use Markdown or a directive instead; raw HTML may only use simple formatting tags.'],
  'remote-resource': ['error', 'Download the file into assets/ and link it from there; packages must work offline.'],
  'suspend-data-budget': ['error', 'Split the course (coursepack build --split modules) or reduce pages and options.'],
  'heading-skip': ['warning', 'Go down one heading level at a time (`##`, then `###`).'],
  'empty-page': ['warning', 'Add content to the page or remove its heading.'],
  'media-no-captions': ['warning', 'Add captions="…vtt" to videos and transcript="…" to audio (WCAG 1.2.1, 1.2.2).'],
} as const satisfies Record<string, readonly [Severity, string]>;

export type RuleId = keyof typeof RULES;

export interface Place {
  readonly line: number;
  readonly column: number;
}

export interface Diagnostic {
  /** Path as given to the build (relative to the working directory when possible). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: Severity;
  readonly rule: RuleId;
  readonly message: string;
  readonly hint: string;
}

export interface Diagnostics {
  readonly list: Diagnostic[];
  report(rule: RuleId, file: string, place: Place | undefined, message: string, hint?: string): void;
}

export function createDiagnostics(): Diagnostics {
  const list: Diagnostic[] = [];
  return {
    list,
    report(rule, file, place, message, hint) {
      const [severity, defaultHint] = RULES[rule];
      list.push({
        file,
        line: place?.line ?? 1,
        column: place?.column ?? 1,
        severity,
        rule,
        message,
        hint: hint ?? defaultHint,
      });
    },
  };
}

/** Stable order: by file, then position, then rule, so output never depends on stage order. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}

export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}

/** `file:line:col  severity  message  rule` then an indented hint, as compilers and vfile-reporter do. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}  ${d.severity.padEnd(7)}  ${d.message}  ${d.rule}\n  hint: ${d.hint}`;
}

export function summarize(list: readonly Diagnostic[]): string {
  const errors = list.filter((d) => d.severity === 'error').length;
  const warnings = list.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}
