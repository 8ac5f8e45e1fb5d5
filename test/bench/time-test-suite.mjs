// Wall time of the test suite as a developer runs it (`npm test`: bundle, then both vitest projects),
// for the "Test suite" section of BENCHMARKS.md. Not part of `npm run bench`: a run takes a minute or more.
//
//   node test/bench/time-test-suite.mjs [--runs 3] [--dir DIR]... [-- COMMAND...]
//
// Each --dir is a checkout to time (default: this one), e.g. an older commit unpacked with `git archive`
// to compare before and after; runs are interleaved (A B A B …) so a burst of load from other processes
// spreads over all checkouts. Prints each run (wall time, exit status, 1-minute load average before and
// after) and the median per checkout. Machines are shared: compare medians from one invocation.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const separator = process.argv.indexOf('--');
const { values } = parseArgs({
  args: process.argv.slice(2, separator < 0 ? undefined : separator),
  options: { runs: { type: 'string', default: '3' }, dir: { type: 'string', multiple: true } },
  strict: true,
});
const command = separator < 0 ? ['npm', 'test'] : process.argv.slice(separator + 1);
const dirs = (values.dir ?? [fileURLToPath(new URL('../../', import.meta.url))]).map((d) => resolve(d));
const runs = Number(values.runs);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const load = () => os.loadavg()[0].toFixed(2);
/** The fixed loop bench-report.mjs times, in ms: the shared host's own speed, which moves by 2× from hour to hour. */
const calibrate = () => Number(spawnSync(process.execPath, ['-e', 'let t=Date.now(),x=0;for(let i=0;i<3e8;i++)x+=i%7;console.log(Date.now()-t)'], { encoding: 'utf8' }).stdout.trim());

const times = dirs.map(() => []);
for (let r = 1; r <= runs; r++) {
  for (const [i, dir] of dirs.entries()) {
    const before = load();
    const loop = calibrate();
    const start = performance.now();
    const run = spawnSync(command[0], command.slice(1), { cwd: dir, stdio: 'ignore' });
    const seconds = (performance.now() - start) / 1000;
    times[i].push(seconds);
    console.log(`${dir} run ${r}: ${seconds.toFixed(1)} s, exit ${run.status}, load ${before} → ${load()}, calibration loop ${loop} → ${calibrate()} ms`);
  }
}
for (const [i, dir] of dirs.entries()) {
  const t = times[i];
  console.log(`${dir}: median ${median(t).toFixed(1)} s of ${t.length} (min ${Math.min(...t).toFixed(1)}, max ${Math.max(...t).toFixed(1)}) for \`${command.join(' ')}\``);
}
