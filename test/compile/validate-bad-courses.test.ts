/**
 * Every bad course under test/fixtures/bad/ gives exactly the messages in its expected.txt: positions,
 * rule ids, wording and hints, all reported in one run. Golden files so a reviewer sees the real output;
 * regenerate with UPDATE_GOLDEN=1 after a deliberate change, and read the diff.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, hasErrors, summarize, validateCourse } from '../../src/compile/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const badDir = path.join(root, 'test/fixtures/bad');
const fixtures = readdirSync(badDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe('validate reports every problem in a bad course', () => {
  it('has fixtures to check', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(7);
  });

  it.each(fixtures)('%s', async (name) => {
    const diagnostics = await validateCourse({ courseDir: `test/fixtures/bad/${name}`, cwd: root, toolDir: root });
    expect(hasErrors(diagnostics)).toBe(true);
    const text = `${diagnostics.map(formatDiagnostic).join('\n')}\n\n${summarize(diagnostics)}\n`;
    const golden = path.join(badDir, name, 'expected.txt');
    if (process.env['UPDATE_GOLDEN']) writeFileSync(golden, text);
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });
});
