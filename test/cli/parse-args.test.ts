import { describe, expect, it } from 'vitest';
import { parseBuildArgs, parsePreviewArgs, parseTopLevel, parseValidateArgs, type TopLevel } from '../../src/cli/parse-args.js';
import { closest } from '../../src/shared/closest-word.js';
import { missing } from '../helpers/require-tools.js';
import { SHELLS, shellWords } from '../helpers/shell-words.js';

const COMMANDS = ['build', 'validate', 'lrs', 'report'];
const OWN_HELP = ['lrs', 'report'];

const topLevel: [string, string[], TopLevel][] = [
  ['no arguments shows help', [], { kind: 'help' }],
  ['--help', ['--help'], { kind: 'help' }],
  ['-h with a command', ['build', '-h'], { kind: 'help' }],
  ['--version', ['--version'], { kind: 'version' }],
  ['-v', ['-v'], { kind: 'version' }],
  ['a command and its arguments', ['build', '--out', 'x'], { kind: 'command', name: 'build', argv: ['--out', 'x'] }],
  ['a command from the table', ['lrs'], { kind: 'command', name: 'lrs', argv: [] }],
  ['a command with help of its own keeps its flags', ['report', '--help'], { kind: 'command', name: 'report', argv: ['--help'] }],
  ['unknown command', ['publish'], { kind: 'usage-error', message: "Unknown command 'publish'. Commands: build, validate, lrs, report" }],
  ['an option before the command', ['--course', 'x', 'build'], { kind: 'usage-error', message: 'Give the command first: npx coursepack build --course x' }],
  ['the command given is the one suggested', ['--course', 'x', 'validate'], { kind: 'usage-error', message: 'Give the command first: npx coursepack validate --course x' }],
  ['an option value named like a command is not the command', ['--course', 'build', 'validate'], { kind: 'usage-error', message: 'Give the command first: npx coursepack validate --course build' }],
  ['no command: build, when the options are build\'s', ['--out', 'o'], { kind: 'usage-error', message: 'Give the command first: npx coursepack build --out o' }],
  ['no command and options build does not take: no suggestion that would fail', ['--port', '8080'],
    { kind: 'usage-error', message: 'Give the command first: npx coursepack COMMAND [options], where COMMAND is one of build, validate, lrs, report' }],
];

describe('the command-first hint can be pasted into a shell', () => {
  it.each([
    ['a path with a space, in double quotes', '/tmp/my course', '"/tmp/my course"'],
    ['a path with $, in single quotes', '/tmp/$HOME', "'/tmp/$HOME'"],
    ['a single quote inside single quotes', "it's $x", "'it'\\''s $x'"],
    ['an empty word', '', '""'],
  ])('%s', (_name, course, quoted) => {
    expect(parseTopLevel(['--course', course, 'validate'], COMMANDS, OWN_HELP)).toEqual({
      kind: 'usage-error', message: `Give the command first: npx coursepack validate --course ${quoted}`,
    });
  });
});

describe('the command-first hint reads back as the words given, in each shell', () => {
  const hostile = ['my course', "it's $b!", '*', '#1', 'café', '', '=ls', 'a&b'];
  describe.each(SHELLS)('%s', (shell) => {
    it.skipIf(missing(shell))('paths with spaces, quotes, $, !, *, #, letters outside ASCII, nothing, a leading =', () => {
      for (const course of hostile) {
        const parsed = parseTopLevel([`--course=${course}`, '--out', course, 'build'], COMMANDS, OWN_HELP);
        const line = parsed.kind === 'usage-error' ? parsed.message.replace(/^Give the command first: /, '') : '';
        expect(shellWords(line, shell), course).toEqual(['npx', 'coursepack', 'build', `--course=${course}`, '--out', course]);
      }
    });
  });
});

describe('the --out folder suggested for a zip can be given as it is said', () => {
  it.each([['-x/a.zip', '-x/'], ['my $b/a.zip', 'my $b/'], ['a.zip', 'dist']])('%s', (out, folder) => {
    const parsed = parseBuildArgs([`--out=${out}`]);
    const said = parsed.kind === 'usage-error' ? /e\.g\. (.*)$/.exec(parsed.message)?.[1] ?? '' : '';
    expect(parseBuildArgs(shellWords(`npx ${said}`, 'bash').slice(1))).toEqual({ kind: 'run', options: { course: 'course', out: folder, split: 'none', format: 'human' } });
  });
});

describe('parseTopLevel', () => {
  it.each(topLevel)('%s', (_name, argv, expected) => {
    expect(parseTopLevel(argv, COMMANDS, OWN_HELP)).toEqual(expected);
  });
});

describe('parseBuildArgs', () => {
  it.each([
    ['defaults', [], { course: 'course', out: 'dist', split: 'none', format: 'human' }],
    ['another course', ['--course', 'x', '--out', 'y'], { course: 'x', out: 'y', split: 'none', format: 'human' }],
    ['--split modules', ['--split', 'modules'], { course: 'course', out: 'dist', split: 'modules', format: 'human' }],
    ['--course=x form', ['--course=x'], { course: 'x', out: 'dist', split: 'none', format: 'human' }],
    ['--format json', ['--format', 'json'], { course: 'course', out: 'dist', split: 'none', format: 'json' }],
    ['--format github', ['--format', 'github'], { course: 'course', out: 'dist', split: 'none', format: 'github' }],
  ])('%s', (_name, argv, options) => {
    expect(parseBuildArgs(argv)).toEqual({ kind: 'run', options });
  });

  it.each([
    ['bad split', ['--split', 'pages'], "--split takes 'modules' (got 'pages')"],
    ['bad format', ['--format', 'xml'], "--format takes 'human', 'json' or 'github' (got 'xml')"],
    ['extra positional', ['course'], "Unexpected argument 'course'"],
    // parseArgs keeps the last value without a word: a script's default then the person's own built the default.
    ['an option given twice', ['--out', 'dist', '--course', 'a', '--course', 'b'], '--course is given twice: give it once (only one value can count)'],
    ['the = form counts too', ['--out=a', '--out', 'b'], '--out is given twice: give it once (only one value can count)'],
    // A folder named course.zip, which an LMS admin then tried to upload.
    ['a zip file as --out', ['--out', 'dist/mentoring.zip'], '--out names the folder the packages go in (each named <course-id>-scorm12.zip, beside its xAPI activities file), not a zip: give a folder, e.g. --out dist/'],
    ['a bare zip name as --out', ['--out', 'Course.ZIP'], '--out names the folder the packages go in (each named <course-id>-scorm12.zip, beside its xAPI activities file), not a zip: give a folder, e.g. --out dist'],
  ])('%s is a usage error', (_name, argv, message) => {
    expect(parseBuildArgs(argv)).toEqual({ kind: 'usage-error', message });
  });

  // `build --port 8080` was answered "Did you mean --out?": pasted, `--out 8080` wrote the packages into ./8080.
  it.each([
    [['--port', '8080'], "Unknown option '--port': build has no --port (preview and lrs have it). Options: --course, --out, --split, --format, --help, --debug."],
    [['--db', 'lrs.sqlite'], "Unknown option '--db': build has no --db (lrs has it). Options: --course, --out, --split, --format, --help, --debug."],
  ])('%j names the command the option belongs to', (argv, message) => {
    expect(parseBuildArgs(argv)).toEqual({ kind: 'usage-error', message });
  });

  it('rejects unknown options as a usage error', () => {
    const parsed = parseBuildArgs(['--fast']);
    expect(parsed.kind === 'usage-error' && parsed.message).toMatch(/Unknown option '--fast'/);
  });
});

describe('parseValidateArgs', () => {
  it('takes a course, a split and a format', () => {
    expect(parseValidateArgs(['--course', 'x', '--format', 'json'])).toEqual({ kind: 'run', options: { course: 'x', split: 'none', format: 'json' } });
  });

  it('refuses --out', () => {
    expect(parseValidateArgs(['--out', 'x'])).toEqual({ kind: 'usage-error', message: '--out is only for build' });
  });
});

describe('closest: the option an unknown one was meant to be', () => {
  it.each([
    ['cours', ['course', 'out', 'format'], 'course'],
    ['forma', ['course', 'out', 'format'], 'format'],
    // One letter is within two edits of every two-letter option (`db`): only the option it starts names it.
    ['p', ['port', 'db', 'host'], 'port'],
    ['s', ['scope', 'db', 'json'], 'scope'],
    ['v', ['port', 'db', 'host'], null],
    ['d', ['db', 'debug'], null],
  ] as const)('%s among %j is %s', (given, known, expected) => {
    expect(closest(given, known)).toBe(expected);
  });
});

describe('parsePreviewArgs', () => {
  it.each([
    [[], { kind: 'run', options: { course: 'course', port: 8080 } }],
    [['--course', 'c', '--port', '0'], { kind: 'run', options: { course: 'c', port: 0 } }],
    [['--port', '65535'], { kind: 'run', options: { course: 'course', port: 65535 } }],
    [['--port', '65536'], { kind: 'usage-error', message: "--port takes a number from 0 to 65535, 0 for any free port (got '65536')" }],
    [['--port=-1'], { kind: 'usage-error', message: "--port takes a number from 0 to 65535, 0 for any free port (got '-1')" }],
    [['--port', '80a'], { kind: 'usage-error', message: "--port takes a number from 0 to 65535, 0 for any free port (got '80a')" }],
    [['--course', ' '], { kind: 'usage-error', message: '--course needs a folder name (it was empty)' }],
    [['--prot', '1'], { kind: 'usage-error', message: "Unknown option '--prot'. Did you mean --port?" }],
    // Another command's option is named so, not taken for a typo (`--port dist` would be no better).
    [['--out', 'dist'], { kind: 'usage-error', message: "Unknown option '--out': preview has no --out (build and report have it). Options: --course, --port, --help, --debug." }],
    [['extra'], { kind: 'usage-error', message: "Unexpected argument 'extra'" }],
    [['--port', '0', '--port', '8081'], { kind: 'usage-error', message: '--port is given twice: give it once (only one value can count)' }],
    [['-h'], { kind: 'help' }],
  ])('%j', (argv, expected) => {
    expect(parsePreviewArgs(argv)).toEqual(expected);
  });
});
