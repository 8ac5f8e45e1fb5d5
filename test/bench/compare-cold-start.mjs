// Cold start, this tree against another coursepack checkout (issue 8 point 8): `node -e 0`, `--version`,
// `--help` and a build of the mentoring course, each a whole process, interleaved run by run so a burst
// of load from other processes hits every case alike. Medians; ratios to `node -e 0`.
//
//   git archive <commit> | tar -x -C /tmp/before && ln -s "$PWD/node_modules" /tmp/before/ && (cd /tmp/before && node src/bundle.mjs)
//   node test/bench/compare-cold-start.mjs /tmp/before            # RUNS=15 by default
//
// Not a test: it asserts nothing. Prints a Markdown table.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const before = resolve(process.argv[2] ?? '');
if (!process.argv[2]) throw new Error('usage: node test/bench/compare-cold-start.mjs <other coursepack folder, bundled>');
const runs = Number(process.env.RUNS ?? 15);
const out = mkdtempSync(join(os.tmpdir(), 'coursepack-cold-'));

const rows = [
  ['`node -e 0`', ['-e', '0'], ['-e', '0']],
  ['`coursepack --version`', [join(before, 'lib/coursepack.mjs'), '--version'], ['lib/coursepack.mjs', '--version']],
  ['`coursepack --help`', [join(before, 'lib/coursepack.mjs'), '--help'], ['lib/coursepack.mjs', '--help']],
  ['`coursepack build` (mentoring course)', [join(before, 'lib/coursepack.mjs'), 'build', '--course', 'course', '--out', join(out, 'a')],
    ['lib/coursepack.mjs', 'build', '--course', 'course', '--out', join(out, 'b')]],
];
const cases = rows.flatMap(([, a, b]) => [a, b]);
const noCache = ['lib/coursepack.mjs', 'build', '--course', 'course', '--out', join(out, 'c')];
const all = [...cases, noCache];
// The first-build case runs with a temporary folder of its own, emptied before each run: deleting the shared
// cache folder instead took the other tree's parsed modules too, so its builds all parsed every module and
// "before" looked slower than it was.
const fresh = join(out, 'fresh-tmp');
const time = (args, i) => {
  const first = i === all.length - 1;
  if (first) {
    rmSync(fresh, { recursive: true, force: true });
    mkdirSync(fresh);
  }
  const t = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: ROOT, ...(first ? { env: { ...process.env, TMPDIR: fresh } } : {}) });
  if (run.status !== 0) throw new Error(`node ${args.join(' ')}: ${run.stderr}`);
  return performance.now() - t;
};
const load = os.loadavg();
all.forEach((args, i) => time(args, i));
const times = all.map(() => []);
for (let r = 0; r < runs; r++) all.forEach((args, i) => times[i].push(time(args, i)));
rmSync(out, { recursive: true, force: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const m = times.map(median);
const lo = times.map((t) => Math.min(...t));
const node = m[0];
const cell = (i) => `${Math.round(m[i])} ms (min ${Math.round(lo[i])})`;
const lines = [
  '| command | before: median (min) | after: median (min) | ratio of medians to `node -e 0`, before → after |',
  '|---|---|---|---|',
  ...rows.map(([name], r) => `| ${name} | ${cell(2 * r)} | ${cell(2 * r + 1)} | ${(m[2 * r] / node).toFixed(2)}× → ${(m[2 * r + 1] / node).toFixed(2)}× |`),
  `| \`coursepack build\`, no code cache yet (first build after an install) | | ${cell(all.length - 1)} | ${(m.at(-1) / node).toFixed(2)}× |`,
];
console.log(lines.join('\n'));
console.log(`\n${runs} interleaved rounds after one warm-up; load average ${load.map((x) => x.toFixed(2)).join(' / ')} → ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')}.`);
