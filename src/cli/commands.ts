/**
 * The command table: each command's one-line summary and its module. A command module
 * (`src/cli/run-<name>.ts`, exporting `run<Name>(argv) => exit code`) is bundled on its own into
 * `lib/commands/run-<name>.cjs` and loaded only when its command runs, so `--help`, `--version` and a usage
 * error load nothing of the pipeline (unified, remark, archiver, xmlbuilder2 stay on disk): STYLE.md §5, a
 * tiny bin and lazy commands. A command reads (I/O), assembles (pure), then prints or writes.
 */

export type RunCommand = (argv: readonly string[]) => Promise<number>;

export interface CommandEntry {
  readonly summary: string;
  /** `src/cli/<module>.ts`, bundled as `lib/commands/<module>.cjs`. */
  readonly module: `run-${string}`;
  /** The function it exports. */
  readonly run: string;
  /** The command prints its own help (`coursepack lrs --help`), so -h/--help and -v go to it. */
  readonly ownHelp?: true;
}

// One line per command; src/bundle.mjs bundles every src/cli/run-*.ts it finds.
export const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  build: { summary: 'Build the course into SCORM 1.2 zip packages', module: 'run-build', run: 'runBuild' },
  validate: { summary: 'Check the course and report every problem, without building', module: 'run-validate', run: 'runValidate' },
  preview: { summary: 'Show the course in a browser, built again on every save', module: 'run-preview', run: 'runPreview' },
  lrs: { summary: 'Run the embedded xAPI LRS, or manage its keys (npx coursepack lrs --help)', module: 'run-lrs', run: 'runLrs', ownHelp: true },
  report: { summary: 'Completion reports from xAPI statements (npx coursepack report --help)', module: 'run-report', run: 'runReport', ownHelp: true },
};

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length)) + 3;
  const commands = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`).join('\n');
  return `Usage: coursepack <command> [options]

Commands:
${commands}

Options (build, validate):
  --course DIR      Course folder (default: course)
  --out DIR         Output folder for build (default: dist)
  --split modules   Build one package per module instead of one for the course
  --format FORMAT   Messages as human (default), json (one JSON document on stdout)
                    or github (GitHub Actions annotations)
  -h, --help        Show this help
  -v, --version     Show the version
  --debug           Show a stack trace with any error (for bug reports)

Options (preview):
  --course DIR      Course folder (default: course)
  --port N          Port on 127.0.0.1 (default: 8080; 0 for any free one)

Environment (build, validate, preview): COURSEPACK_LRS_ENDPOINT, COURSEPACK_LRS_AUTH, COURSEPACK_LRS_HOMEPAGE
  override course.yaml \`xapi:\` (see docs/authoring.md, xAPI).

Exit codes: 0 ok, 1 content errors, 2 usage, configuration, environment (a file where a folder should
be, no permission, a full disk) or internal errors.
Authoring guide: docs/authoring.md`;
}

/** A usage mistake in two plain lines (issue 13 point 5): what is wrong, and where the options are. */
export function usageError(message: string): string {
  return `coursepack: ${message}\nRun \`npx coursepack --help\` for the commands and options.\n`;
}
