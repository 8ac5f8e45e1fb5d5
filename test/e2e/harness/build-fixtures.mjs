// Builds the browser tests' fixture courses one after another in this one Node process (test/e2e/global-setup.ts),
// with the build command lib/ bundles (what `coursepack build` runs), each into a fresh temporary folder:
//
//   node test/e2e/harness/build-fixtures.mjs COURSE_DIR...
//
// Prints one JSON line, an array in the order given: `{ "zip": path }` for a build that wrote one zip, else
// `{ "error": what it said }`. One process instead of one a course: the bundle loads and compiles once, and the
// courses that share the fixture's modules parse them once (the build's parse cache); on 2 cores, 14 builds took
// 2.1 CPU-s as 14 processes and the run's first test file started ~2.7 s after vitest did.
import { mkdtemp, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { runBuild } = createRequire(import.meta.url)('../../../lib/commands/run-build.cjs');
const print = process.stdout.write.bind(process.stdout);
const results = [];
for (const course of process.argv.slice(2)) {
  const dir = await mkdtemp(join(tmpdir(), 'cp-package-'));
  let said = '';
  const capture = (chunk) => {
    said += String(chunk);
    return true;
  };
  const { stdout, stderr } = process;
  const [out, err] = [stdout.write, stderr.write];
  stdout.write = capture;
  stderr.write = capture;
  let status;
  try {
    status = await runBuild(['--course', course, '--out', dir]);
  } catch (error) {
    status = 'a throw';
    said += error instanceof Error ? error.stack : String(error);
  } finally {
    stdout.write = out;
    stderr.write = err;
  }
  const zips = (await readdir(dir)).filter((name) => name.endsWith('-scorm12.zip'));
  results.push(status === 0 && zips.length === 1 ? { zip: join(dir, zips[0]) } : { error: `building ${course} ended with ${status} and ${zips.length} zips in ${dir}\n${said}` });
}
print(`${JSON.stringify(results)}\n`);
