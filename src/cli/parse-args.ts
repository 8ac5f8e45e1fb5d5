/**
 * argv → what to run, apart from running it so it can be tested as a table: first the command line as a
 * whole (help, version, which command), then each command's own options.
 */
import { parseArgs } from 'node:util';
import type { SplitMode } from '../compile/index.js';
import type { MessageFormat } from '../messages/index.js';
import { closest } from '../shared/closest-word.js';
import { optionWords, shellWord } from '../shared/shell-word.js';
import { explainArgsError, repeatedOption } from './explain-args-error.js';

export type TopLevel =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'command'; readonly name: string; readonly argv: readonly string[] }
  | { readonly kind: 'usage-error'; readonly message: string };


export interface CourseOptions {
  readonly course: string;
  readonly split: SplitMode;
  readonly format: MessageFormat;
}

export interface BuildArgs extends CourseOptions {
  readonly out: string;
}

export interface PreviewArgs {
  readonly course: string;
  /** 0: any free port. */
  readonly port: number;
}

/** The preview's port unless `--port` says otherwise. */
export const PREVIEW_PORT = 8080;

export type Parsed<T> =
  | { readonly kind: 'run'; readonly options: T }
  | { readonly kind: 'help' }
  | { readonly kind: 'usage-error'; readonly message: string };

/**
 * The command comes first. `-h`/`--help` and `-v`/`--version` work on their own or anywhere after a
 * command that has no help of its own; a command in `ownHelp` (lrs, report) gets its flags untouched.
 */
export function parseTopLevel(argv: readonly string[], commands: readonly string[], ownHelp: readonly string[] = []): TopLevel {
  const [name, ...rest] = argv;
  const delegated = name !== undefined && ownHelp.includes(name);
  if (!delegated && (argv.includes('-h') || argv.includes('--help'))) return { kind: 'help' };
  if (!delegated && (argv.includes('-v') || argv.includes('--version'))) return { kind: 'version' };
  if (name === undefined) return { kind: 'help' };
  if (name.startsWith('-')) return { kind: 'usage-error', message: commandFirst(argv, commands) };
  if (!commands.includes(name)) {
    const guess = closest(name, commands);
    return { kind: 'usage-error', message: `Unknown command '${name}'.${guess ? ` Did you mean ${guess}?` : ''} Commands: ${commands.join(', ')}` };
  }
  return { kind: 'command', name, argv: rest };
}

/** Options of build and validate that take a value: the word after one is its value, not a command. */
const VALUE_OPTIONS = new Set(['--course', '--out', '--split', '--format']);

/**
 * The hint for options before the command: the same command line with the command moved to the front, to
 * paste as it is. The command is the first word that names one and is not an option's value
 * (`--course build validate` validates the folder `build`). With no command, `build` is suggested only
 * when the options are build's, so the suggestion never fails on its own.
 */
function commandFirst(argv: readonly string[], commands: readonly string[]): string {
  const at = argv.findIndex((a, i) => commands.includes(a) && !VALUE_OPTIONS.has(argv[i - 1] ?? ''));
  const name = at >= 0 ? argv[at] : parseBuildArgs(argv).kind === 'run' ? 'build' : undefined;
  if (name === undefined) return `Give the command first: npx coursepack COMMAND [options], where COMMAND is one of ${commands.join(', ')}`;
  const rest = argv.filter((_, i) => i !== at);
  return `Give the command first: ${['npx', 'coursepack', name, ...rest].map(shellWord).join(' ')}`;
}


export function parsePreviewArgs(argv: readonly string[]): Parsed<PreviewArgs> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, tokens: true, options: PREVIEW_PARSE });
  } catch (error) {
    return { kind: 'usage-error', message: explainArgsError(error, 'preview') };
  }
  const repeated = repeatedOption(parsed.tokens, PREVIEW_PARSE);
  if (repeated) return { kind: 'usage-error', message: repeated };
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.course !== undefined && values.course.trim() === '') return { kind: 'usage-error', message: '--course needs a folder name (it was empty)' };
  if (positionals.length) return { kind: 'usage-error', message: `Unexpected argument '${positionals[0] ?? ''}'` };
  const port = values.port === undefined ? PREVIEW_PORT : /^\d{1,5}$/.test(values.port) ? Number(values.port) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) return { kind: 'usage-error', message: `--port takes a number from 0 to 65535, 0 for any free port (got '${values.port ?? ''}')` };
  return { kind: 'run', options: { course: values.course ?? 'course', port } };
}

export function parseBuildArgs(argv: readonly string[]): Parsed<BuildArgs> {
  const parsed = parseCourseArgs(argv, true);
  if (parsed.kind !== 'run') return parsed;
  return { kind: 'run', options: { ...parsed.options, out: parsed.out ?? 'dist' } };
}

export function parseValidateArgs(argv: readonly string[]): Parsed<CourseOptions> {
  const parsed = parseCourseArgs(argv, false);
  return parsed.kind === 'run' ? { kind: 'run', options: parsed.options } : parsed;
}

const COURSE_PARSE = {
  course: { type: 'string' },
  out: { type: 'string' },
  split: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const PREVIEW_PARSE = { course: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

function parseCourseArgs(argv: readonly string[], build: boolean):
  | { readonly kind: 'run'; readonly options: CourseOptions; readonly out: string | undefined }
  | { readonly kind: 'help' }
  | { readonly kind: 'usage-error'; readonly message: string } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, tokens: true, options: COURSE_PARSE });
  } catch (error) {
    return { kind: 'usage-error', message: explainArgsError(error, build ? 'build' : 'validate') };
  }
  const repeated = repeatedOption(parsed.tokens, COURSE_PARSE);
  if (repeated) return { kind: 'usage-error', message: repeated };
  const { values, positionals } = parsed;
  for (const name of ['course', 'out'] as const) {
    // An empty folder name would mean the working folder: `--out ""` wrote the zip next to the course.
    if (values[name] !== undefined && values[name].trim() === '') return { kind: 'usage-error', message: `--${name} needs a folder name (it was empty)` };
  }
  if (values.help) return { kind: 'help' };
  if (positionals.length) return { kind: 'usage-error', message: `Unexpected argument '${positionals[0] ?? ''}'` };
  const split = values.split ?? 'none';
  if (split !== 'none' && split !== 'modules') return { kind: 'usage-error', message: `--split takes 'modules' (got '${split}')` };
  const format = values.format ?? 'human';
  if (format !== 'human' && format !== 'json' && format !== 'github') return { kind: 'usage-error', message: `--format takes 'human', 'json' or 'github' (got '${format}')` };
  if (!build && values.out !== undefined) return { kind: 'usage-error', message: '--out is only for build' };
  // `--out course.zip` made a folder named course.zip, which an LMS admin then tried to upload.
  if (values.out !== undefined && /\.zip$/i.test(values.out.trim())) {
    return { kind: 'usage-error', message: `--out names the folder the packages go in (each named <course-id>-scorm12.zip, beside its xAPI activities file), not a zip: give a folder, e.g. ${optionWords('out', values.out.trim().replace(/[^/\\]*$/, '') || 'dist')}` };
  }
  return { kind: 'run', options: { course: values.course ?? 'course', split, format }, out: values.out };
}
