// The one CLI runner of the tests and the benchmark (plain JS, types in run-cli.d.mts): runs the real
// bundled command (`node lib/coursepack.mjs …`, what `npm run build:scorm` runs) in a child process,
// the way a user does. `npm test` bundles first; the vitest global setup (test/global-setup.ts) calls
// ensureBundle() for a bare `npx vitest` on a fresh clone, once before any file runs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = join(ROOT, 'lib', 'coursepack.mjs');

/** Bundles lib/ (CLI and player) when either is missing. */
export function ensureBundle() {
  if (existsSync(CLI) && existsSync(join(ROOT, 'lib', 'player.js'))) return;
  const run = spawnSync(process.execPath, [join(ROOT, 'src', 'bundle.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`bundling failed: ${run.stderr}`);
}

/**
 * `node [nodeArgs] lib/coursepack.mjs …args`; resolves with the exit status and the output, whatever
 * the status (tests assert on it); rejects only when node itself cannot be started.
 * @param {readonly string[]} args
 * @param {import('./run-cli.d.mts').CliOptions} [options]
 * @returns {Promise<import('./run-cli.d.mts').CliRun>}
 */
export function runCli(args, { cwd = ROOT, nodeArgs = [], env = {}, bin = CLI } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, bin, ...args], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk) => { stderr += chunk; });
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * Options that run the command with its clock stopped at `ms` (test/helpers/fake-clock.mjs), for
 * tests that show the output does not depend on when it was made.
 * @param {number} ms
 * @returns {import('./run-cli.d.mts').CliOptions}
 */
export function fakeClock(ms) {
  return { nodeArgs: ['--import', new URL('./fake-clock.mjs', import.meta.url).href], env: { COURSEPACK_FAKE_NOW: String(ms) } };
}

/**
 * `coursepack build --course DIR --out DIR …extra`.
 * @param {string} courseDir
 * @param {string} outDir
 * @param {readonly string[]} [extra]
 * @param {import('./run-cli.d.mts').CliOptions} [options]
 */
export function runBuild(courseDir, outDir, extra = [], options = {}) {
  return runCli(['build', '--course', courseDir, '--out', outDir, ...extra], options);
}

/**
 * Builds a course into a fresh temporary folder and returns the zip's path; throws unless the build
 * succeeds with one zip. For fixture packages (the caller removes `dir`).
 * @param {string} courseDir
 * @returns {Promise<{ zip: string, dir: string }>}
 */
export async function buildPackage(courseDir) {
  const dir = await mkdtemp(join(tmpdir(), 'cp-package-'));
  const run = await runBuild(courseDir, dir);
  const zips = (await readdir(dir)).filter((f) => f.endsWith('-scorm12.zip'));
  if (run.status !== 0 || zips.length !== 1) {
    throw new Error(`building ${courseDir} exited ${run.status} with ${zips.length} zips\n${run.stdout}${run.stderr}`);
  }
  return { zip: join(dir, zips[0] ?? ''), dir };
}
