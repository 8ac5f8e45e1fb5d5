import { describe, expect, it } from 'vitest';
import { parseCommand, type Command } from '../../src/cli/parse-args.js';

const cases: [string, string[], Command][] = [
  ['no arguments shows help', [], { kind: 'help' }],
  ['--help', ['--help'], { kind: 'help' }],
  ['-h with a command', ['build', '-h'], { kind: 'help' }],
  ['--version', ['--version'], { kind: 'version' }],
  ['build with defaults', ['build'], { kind: 'build', course: 'course', out: 'dist', split: 'none' }],
  ['build another course', ['build', '--course', 'x', '--out', 'y'], { kind: 'build', course: 'x', out: 'y', split: 'none' }],
  ['build --split modules', ['build', '--split', 'modules'], { kind: 'build', course: 'course', out: 'dist', split: 'modules' }],
  ['build --course=x form', ['build', '--course=x'], { kind: 'build', course: 'x', out: 'dist', split: 'none' }],
  ['validate', ['validate', '--course', 'x'], { kind: 'validate', course: 'x', split: 'none' }],
  ['unknown command', ['publish'], { kind: 'usage-error', message: "Unknown command 'publish'. Commands: build, validate, lrs, report" }],
  ['bad split', ['build', '--split', 'pages'], { kind: 'usage-error', message: "--split takes 'modules' (got 'pages')" }],
  ['extra positional', ['build', 'course'], { kind: 'usage-error', message: "Unexpected argument 'course'" }],
  ['--out on validate', ['validate', '--out', 'x'], { kind: 'usage-error', message: '--out is only for build' }],
];

describe('parseCommand', () => {
  it.each(cases)('%s', (_name, argv, expected) => {
    expect(parseCommand(argv)).toEqual(expected);
  });

  it('rejects unknown options as a usage error', () => {
    const command = parseCommand(['build', '--fast']);
    expect(command.kind).toBe('usage-error');
    expect(command.kind === 'usage-error' && command.message).toMatch(/Unknown option '--fast'/);
  });
});
