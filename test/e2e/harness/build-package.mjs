// Builds a course with the real CLI (lib/coursepack.mjs) into a fresh temporary folder and
// returns the zip's path. Bundles first when lib/ is missing (a clean clone before `npm test`).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const FIXTURE_COURSE = join(ROOT, 'test', 'e2e', 'fixtures', 'course');

/** @returns {Promise<{ zip: string, dir: string }>} */
export async function buildPackage(courseDir = FIXTURE_COURSE) {
  if (!existsSync(join(ROOT, 'lib', 'coursepack.mjs')) || !existsSync(join(ROOT, 'lib', 'player.js'))) {
    await run(process.execPath, [join(ROOT, 'src', 'bundle.mjs')], { cwd: ROOT });
  }
  const dir = await mkdtemp(join(tmpdir(), 'cp-e2e-'));
  await run(process.execPath, [join(ROOT, 'lib', 'coursepack.mjs'), 'build', '--course', courseDir, '--out', dir], { cwd: ROOT });
  const zip = (await readdir(dir)).find((f) => f.endsWith('-scorm12.zip'));
  if (!zip) throw new Error(`no zip was built from ${courseDir}`);
  return { zip: join(dir, zip), dir };
}
