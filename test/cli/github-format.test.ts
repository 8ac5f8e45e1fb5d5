/**
 * `--format github`: every message of every bad course under test/fixtures/bad/ as a GitHub Actions workflow
 * command, read back as the runner reads it (ActionCommand.TryParseV2: the command up to the first space, the
 * properties split at `,` then at the first `=`, each value and the message unescaped) into exactly the JSON's
 * file (absolute: the runner makes it the repository's), position, severity, rule id, message and hint.
 */
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { runBuild } from '../../src/cli/run-build.js';
import { runValidate } from '../../src/cli/run-validate.js';
import { fixtureCommand } from '../compile/fixture-options.js';
import { commandInProcess } from '../helpers/command-in-process.js';
import { runCli } from '../helpers/run-cli.mjs';

// The commands find templates/ and lib/player.js from their bundle's place; from the sources, say where.
vi.mock('../../src/cli/tool-dir.js', () => ({ toolDir: fileURLToPath(new URL('../..', import.meta.url)) }));

const root = fileURLToPath(new URL('../..', import.meta.url));
const badDir = path.join(root, 'test/fixtures/bad');
const fixtures = readdirSync(badDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

interface MessageJson { file: string; line: number; column: number; endLine: number | null; severity: string; message: string; hint: string | null; ruleId: string }

/** The runner's reading of `::name props::message` (actions/runner ActionCommand.cs, TryParseV2 and Unescape). */
function readCommand(line: string): { command: string; properties: Record<string, string>; message: string } | null {
  if (!line.startsWith('::')) return null;
  const end = line.indexOf('::', 2);
  if (end < 0) return null;
  const head = line.slice(2, end);
  const space = head.indexOf(' ');
  const command = space < 0 ? head : head.slice(0, space);
  const unescape = (s: string, property: boolean) => {
    let out = s.replace(/%0D/g, '\r').replace(/%0A/g, '\n');
    if (property) out = out.replace(/%3A/g, ':').replace(/%2C/g, ',');
    return out.replace(/%25/g, '%');
  };
  const properties: Record<string, string> = {};
  if (space >= 0) {
    for (const pair of head.slice(space + 1).split(',')) {
      const eq = pair.indexOf('=');
      properties[pair.slice(0, eq)] = unescape(pair.slice(eq + 1), true);
    }
  }
  return { command, properties, message: unescape(line.slice(end + 2), false) };
}

const commandFor = (name: string) => fixtureCommand(badDir, name);

describe('validate --format github', () => {
  it.each(fixtures)('annotates every message of %s, then says the summary', async (name) => {
    const { args, env } = commandFor(name);
    const github = await commandInProcess(runValidate, [...args, '--format', 'github'], env);
    const json = await commandInProcess(runValidate, [...args, '--format', 'json'], env);
    const expected = (JSON.parse(json.stdout) as { messages: MessageJson[] }).messages;
    expect(github.code).toBe(json.code);
    expect(github.stderr).toBe('');
    const lines = github.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^\d+ errors?, \d+ warnings?$/);
    expect(lines.slice(0, -1).map(readCommand)).toEqual(expected.map((m) => ({
      command: m.severity,
      properties: {
        file: path.resolve(root, m.file), line: String(m.line), col: String(m.column),
        ...(m.endLine === null ? {} : { endLine: String(m.endLine) }), title: m.ruleId,
      },
      message: m.hint === null ? m.message : `${m.message}\nhint: ${m.hint}`,
    })));
  });

  it('build: the same annotations, and nothing written said in the log', async () => {
    const out = path.join(tmpdir(), `coursepack-github-${process.pid}`);
    const r = await commandInProcess(runBuild, ['--course', 'test/fixtures/bad/pass-mark', '--out', out, '--format', 'github']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').map((line) => readCommand(line)?.properties.title).filter(Boolean)).toEqual(['pass-mark-unused', 'broken-link']);
    expect(readCommand(r.stdout)?.properties.file).toBe(path.join(root, 'test/fixtures/bad/pass-mark/course.yaml'));
    expect(r.stderr).toBe('Nothing was written.\n');
    expect(existsSync(out)).toBe(false);
  });

  it('says a usage or environment error (exit 2) as an annotation too, from the bundled command', async () => {
    const r = await runCli(['validate', '--course', 'no/such, folder:here', '--format=github']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/There is no course folder/);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(readCommand(lines[0] ?? '')).toEqual({ command: 'error', properties: { title: 'coursepack' }, message: r.stderr.trim() });
  });
});
