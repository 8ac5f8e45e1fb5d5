/**
 * `--format json` is for people writing tools (an editor extension, a CI step), who have only the guide's
 * description to write against: every field the real commands print, at any depth, is named in docs/authoring.md
 * "Checking your work", so a field added without a word there fails here, not in someone's tool.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runBuild } from '../../src/cli/run-build.js';
import { runValidate } from '../../src/cli/run-validate.js';
import { commandInProcess } from '../helpers/command-in-process.js';
import { runCli } from '../helpers/run-cli.mjs';

// The commands find templates/ and lib/player.js from their bundle's place; from the sources, say where.
vi.mock('../../src/cli/tool-dir.js', () => ({ toolDir: fileURLToPath(new URL('../..', import.meta.url)) }));

const work = mkdtempSync(path.join(tmpdir(), 'coursepack-json-doc-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const docs = readFileSync(new URL('../../docs/authoring.md', import.meta.url), 'utf8');
const section = docs.slice(docs.indexOf('## Checking your work'), docs.indexOf('\n## ', docs.indexOf('## Checking your work') + 1));

/** Every key of a JSON value, at any depth. */
function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysOf(item, into);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      into.add(key);
      keysOf(inner, into);
    }
  }
  return into;
}

function undocumented(document: unknown): string[] {
  return [...keysOf(document)].filter((key) => !section.includes(`\`${key}\``) && !section.includes(`"${key}"`));
}

describe('the JSON output of validate and build is documented field by field', () => {
  it('validate: the counts and every field of a message, warnings and errors, with and without an end', async () => {
    const r = await commandInProcess(runValidate, ['--course', 'test/fixtures/bad/pass-mark', '--format', 'json']);
    const document = JSON.parse(r.stdout) as { messages: unknown[] };
    expect(document.messages.length).toBeGreaterThan(1);
    expect(undocumented(document)).toEqual([]);
  });

  it('build: the outputs of a good build, and the packages an earlier build left', async () => {
    const out = path.join(work, 'dist');
    await commandInProcess(runBuild, ['--course', 'test/fixtures/courses/minimal', '--out', out]);
    const r = await commandInProcess(runBuild, ['--course', 'test/fixtures/courses/minimal', '--out', out, '--split', 'modules', '--format', 'json']);
    const document = JSON.parse(r.stdout) as { outputs: unknown[]; otherPackages: unknown[] };
    expect(document.outputs.length).toBeGreaterThan(0);
    expect(document.otherPackages.length).toBeGreaterThan(0);
    expect(undocumented(document)).toEqual([]);
  });

  it('exit 2: the error document, with the notes said on the way (the real bin writes it)', async () => {
    const r = await runCli(['validate', '--course', path.join(work, 'nowhere'), '--format', 'json'], { env: { COURSEPACK_LRS_ENDPIONT: 'x' } });
    expect(r.status).toBe(2);
    const document = JSON.parse(r.stdout) as { notes: unknown[] };
    expect(document.notes.length).toBe(1);
    expect(undocumented(document)).toEqual([]);
  });
});
