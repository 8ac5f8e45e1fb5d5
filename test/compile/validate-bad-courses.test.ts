/**
 * Every bad course under test/fixtures/bad/ gives exactly the messages in its expected.txt: positions,
 * rule ids, wording and hints, all reported in one run, as the CLI prints them. Golden files (vitest file
 * snapshots) so a reviewer sees the real output; `npx vitest run -u` rewrites them after a deliberate
 * change: read the diff.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateCourse } from '../../src/compile/index.js';
import { formatHuman, hasErrors } from '../../src/messages/index.js';
import { showPathFrom } from '../../src/cli/show-messages.js';
import { optionsOf } from './fixture-options.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const badDir = path.join(root, 'test/fixtures/bad');
const fixtures = readdirSync(badDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe('validate reports every problem in a bad course', () => {
  it('has fixtures to check', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(7);
  });

  it.each(fixtures)('%s', async (name) => {
    const courseDir = `test/fixtures/bad/${name}`;
    const result = await validateCourse({ courseDir, cwd: root, toolDir: root, ...optionsOf(path.join(root, courseDir)) });
    expect(hasErrors(result.messages)).toBe(true);
    const text = formatHuman(result.messages, showPathFrom(root, result.courseDir));
    await expect(text).toMatchFileSnapshot(path.join(badDir, name, 'expected.txt'));
  });
});
