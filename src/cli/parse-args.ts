/**
 * argv → a command, apart from running it so it can be tested as a table.
 */
import { parseArgs } from 'node:util';
import type { SplitMode } from '../compile/index.js';

export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'build'; readonly course: string; readonly out: string; readonly split: SplitMode }
  | { readonly kind: 'validate'; readonly course: string; readonly split: SplitMode }
  | { readonly kind: 'usage-error'; readonly message: string };

export const USAGE = `Usage: coursepack <command> [options]

Commands:
  build      Build the course into SCORM 1.2 zip packages
  validate   Check the course and report every problem, without building
  lrs        Run the embedded xAPI LRS, or manage its keys (coursepack lrs --help)
  report     Completion reports from xAPI statements (coursepack report --help)

Options:
  --course DIR      Course folder (default: course)
  --out DIR         Output folder for build (default: dist)
  --split modules   Build one package per module instead of one for the course
  -h, --help        Show this help
  -v, --version     Show the version

Exit codes: 0 ok, 1 content errors, 2 usage, configuration or internal errors.
Authoring guide: docs/authoring.md`;

export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        course: { type: 'string' },
        out: { type: 'string' },
        split: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    return { kind: 'usage-error', message: (error as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [name, ...rest] = positionals;
  if (!name) return { kind: 'help' };
  if (rest.length) return { kind: 'usage-error', message: `Unexpected argument '${rest[0] ?? ''}'` };
  const split = values.split ?? 'none';
  if (split !== 'none' && split !== 'modules') {
    return { kind: 'usage-error', message: `--split takes 'modules' (got '${split}')` };
  }
  const course = values.course ?? 'course';
  if (name === 'build') return { kind: 'build', course, out: values.out ?? 'dist', split };
  if (name === 'validate') {
    if (values.out !== undefined) return { kind: 'usage-error', message: '--out is only for build' };
    return { kind: 'validate', course, split };
  }
  return { kind: 'usage-error', message: `Unknown command '${name}'. Commands: build, validate, lrs, report` };
}
