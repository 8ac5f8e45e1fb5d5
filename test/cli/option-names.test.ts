/**
 * The one list of each command's options (src/cli/option-names.ts), which usage errors list and which tells
 * another command's option from a typo, is the list its parser takes and its help shows: an option added to a
 * parser without a word in the list or the help fails here.
 */
import { describe, expect, it } from 'vitest';
import { usage } from '../../src/cli/commands.js';
import { COMMAND_OPTIONS } from '../../src/cli/option-names.js';
import { parseBuildArgs, parsePreviewArgs, parseValidateArgs } from '../../src/cli/parse-args.js';
import { parseReportArgs, REPORT_USAGE } from '../../src/cli/parse-report-args.js';
import { LRS_USAGE } from '../../src/cli/run-lrs.js';

type Parse = (argv: readonly string[]) => { kind: string; message?: string };
const parsers: Record<'build' | 'validate' | 'preview' | 'report', Parse> = {
  build: parseBuildArgs,
  validate: parseValidateArgs,
  preview: parsePreviewArgs,
  report: (argv) => parseReportArgs(argv, {}),
};
const help = { build: usage(), validate: usage(), preview: usage(), report: REPORT_USAGE, lrs: LRS_USAGE };

describe.each(Object.keys(parsers) as (keyof typeof parsers)[])('%s', (command) => {
  // `--debug` is taken by the bin for every command (src/cli/main.ts) before the command's parser sees it.
  it.each(COMMAND_OPTIONS[command].filter((name) => name !== 'debug'))('takes --%s', (name) => {
    for (const argv of [[`--${name}`, 'x'], [`--${name}`]]) {
      expect(parsers[command](argv).message ?? '').not.toMatch(/^Unknown option/);
    }
  });
});

describe.each(Object.keys(help) as (keyof typeof help)[])('the help of %s', (command) => {
  it('shows every option it takes', () => {
    const missing = COMMAND_OPTIONS[command].filter((name) => !help[command].includes(`--${name}`));
    expect(missing).toEqual([]);
  });
});

describe.each(['lrs', 'report'] as const)('the options of %s', (command) => {
  // The other way round, where a command has a help of its own: an option added to the parser and its help but not
  // to the list (lrs --public-url) was called another command's or a typo in usage errors. Build, validate and
  // preview share one help, checked by their parsers above.
  it('are every option its help shows', () => {
    // Not another command's option the help names as such (lrs's help: "report --sync files").
    const shown = new Set([...help[command].matchAll(/(?<![\w-]|report )--([a-z][a-z-]*)/g)].map((m) => m[1] ?? ''));
    expect([...shown].filter((name) => !(COMMAND_OPTIONS[command] as readonly string[]).includes(name))).toEqual([]);
  });
});
