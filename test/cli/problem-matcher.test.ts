/**
 * The VS Code problemMatcher in docs/authoring.md ("Problems in VS Code"), applied as VS Code applies it (a
 * JavaScript RegExp on each line) to what `coursepack validate` prints for every bad course under
 * test/fixtures/bad/: each message's first line gives exactly the file, position, severity, message and rule id
 * of the JSON output, and no other line (hints, the summary) is taken for a problem. A change of the text
 * format fails here, not in authors' editors.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { runValidate } from '../../src/cli/run-validate.js';
import { fixtureCommand } from '../compile/fixture-options.js';
import { commandInProcess } from '../helpers/command-in-process.js';
import { runCli } from '../helpers/run-cli.mjs';

// The commands find templates/ and lib/player.js from their bundle's place; from the sources, say where.
vi.mock('../../src/cli/tool-dir.js', () => ({ toolDir: fileURLToPath(new URL('../..', import.meta.url)) }));

const root = fileURLToPath(new URL('../..', import.meta.url));
const badDir = path.join(root, 'test/fixtures/bad');
const fixtures = readdirSync(badDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

interface Pattern { regexp: string; file: number; line: number; column: number; severity: number; message: number; code: number }

/** The tasks.json of the guide, as an author copies it. */
function documentedMatcher(): { fileLocation: unknown; pattern: Pattern } {
  const docs = readFileSync(path.join(root, 'docs/authoring.md'), 'utf8');
  const section = docs.slice(docs.indexOf('### Problems in VS Code'));
  const block = /```json\n([\s\S]*?)\n```/.exec(section)?.[1];
  if (!block) throw new Error('docs/authoring.md: no tasks.json under "Problems in VS Code"');
  const tasks = JSON.parse(block) as { tasks: { problemMatcher: { fileLocation: unknown; pattern: Pattern } }[] };
  const matcher = tasks.tasks[0]?.problemMatcher;
  if (!matcher) throw new Error('the tasks.json has no problemMatcher');
  return matcher;
}

const { fileLocation, pattern } = documentedMatcher();
const regexp = new RegExp(pattern.regexp);

interface MessageJson { file: string; line: number; column: number; severity: string; message: string; ruleId: string }

const commandFor = (name: string) => fixtureCommand(badDir, name);

function problemsIn(text: string) {
  return text.split('\n').flatMap((line) => {
    const m = regexp.exec(line);
    return m ? [{ file: m[pattern.file], line: Number(m[pattern.line]), column: Number(m[pattern.column]), severity: m[pattern.severity], message: m[pattern.message], ruleId: m[pattern.code] }] : [];
  });
}

describe('the documented VS Code problemMatcher', () => {
  it('finds files from the workspace folder, and whole paths too', () => {
    expect(fileLocation).toEqual(['autoDetect', '${workspaceFolder}']);
    // A course outside the folder the command runs in, on Windows: its drive's colon is no line number.
    expect(problemsIn('C:/Users/ana/My course/course.yaml:3:11  warning  A: b  c  language-words')).toEqual([
      { file: 'C:/Users/ana/My course/course.yaml', line: 3, column: 11, severity: 'warning', message: 'A: b  c', ruleId: 'language-words' },
    ]);
  });

  it.each(fixtures)('reads every message of %s, and nothing else', async (name) => {
    const { args, env } = commandFor(name);
    const text = await commandInProcess(runValidate, args, env);
    const json = await commandInProcess(runValidate, [...args, '--format', 'json'], env);
    const expected = (JSON.parse(json.stdout) as { messages: MessageJson[] }).messages;
    expect(expected.length).toBeGreaterThan(0);
    const found = problemsIn(text.stderr);
    expect(found).toEqual(expected.map((m) => ({ file: m.file, line: m.line, column: m.column, severity: m.severity, message: m.message, ruleId: m.ruleId })));
    // Each hint line, the blank line and the summary are no problem of their own.
    const others = text.stderr.split('\n').filter((line) => !regexp.test(line));
    expect(others.every((line) => line === '' || line.startsWith('  hint: ') || /^\d+ errors?, \d+ warnings?$/.test(line))).toBe(true);
  });

  it('reads what the bundled command prints, as a VS Code task runs it', async () => {
    const r = await runCli(['validate', '--course', 'test/fixtures/bad/checks']);
    expect(r.status).toBe(1);
    const found = problemsIn(r.stderr);
    expect(found.length).toBe(45);
    expect(found[0]).toEqual({ file: 'test/fixtures/bad/checks/modules/01-checks.md', line: 10, column: 1, severity: 'error', message: 'The check has no correct answer', ruleId: 'check-no-correct' });
    expect(found.filter((p) => p.severity === 'warning').length).toBe(4);
  });
});
