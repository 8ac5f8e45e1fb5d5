// The shipped course must pass `coursepack validate` with no errors and no warnings: it is the first thing a
// district sees, and a warning (an option without feedback, a skipped heading) is a visible flaw there.
// Runs the real bundled CLI (lib/coursepack.mjs, built by `npm test` via src/bundle.mjs) as an author would.
import { existsSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { CLI, runCli } from '../helpers/run-cli.mjs';

describe('coursepack validate --course course', () => {
  it('reports no problems and exits 0', async () => {
    expect(existsSync(CLI), 'lib/coursepack.mjs is missing: run `node src/bundle.mjs` (npm test does)').toBe(true);
    const run = await runCli(['validate', '--course', 'course']);
    const output = `${run.stdout}${run.stderr}`;
    expect(output).not.toMatch(/\bwarning\b/i);
    expect(output).not.toMatch(/\berror\b/i);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('no problems found');
    expect(run.status).toBe(0);
  }, 60_000);
});
