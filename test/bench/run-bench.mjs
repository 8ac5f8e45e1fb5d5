// `npm run bench` (after `node src/bundle.mjs`): wall time of `coursepack build` as a user runs it,
// Node start-up included, on the mentoring course and on generated courses of 10 to 200 modules,
// then the runtime, warm-rebuild and xAPI-size sections and the embedded LRS (bench-lrs.mjs, run
// last as a child). Prints BENCHMARKS.md's text and leaves the tree as it was; `npm run bench --
// --write` writes it into BENCHMARKS.md at the project root. Medians and ratios only: machines are shared and
// noisy, so single runs and absolute numbers from another machine mean little. Not a test: it
// asserts nothing and never fails on time.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { listZipEntries } from '../helpers/read-zip.mjs';
import { generateCourse } from './generate-course.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = 'lib/coursepack.mjs';
const SIZES = [10, 50, 100, 200];
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TARGET_MS = 1000;
const TARGET_BYTES = 200 * 1024;
const COLD_START_TARGET = 3.5;
/** `npm run bench -- --write` updates BENCHMARKS.md; without it the run prints and changes nothing. */
const WRITE = process.argv.includes('--write');
/** Before and after issue 8, measured by hand against the old tree (compare-cold-start.mjs): kept as written. */
const COLD_START_RECORD = new URL('./cold-start-record.md', import.meta.url);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const ms = (x) => `${Math.round(x)} ms`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** Wall time of one child process, spawn to exit. */
/**
 * The temporary folder every child gets (TMPDIR), so coursepack's per-user cache (parsed modules, code
 * cache: src/cli/user-cache-dir.ts) is the benchmark's own: the developer's is left alone, and a case
 * that clears its cache clears only its own folder. Set by main().
 */
let childTmp = os.tmpdir();

function timeOnce(args, prepare, tmp = childTmp, env = process.env) {
  prepare?.();
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...env, TMPDIR: tmp } });
  const elapsed = performance.now() - start;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}\n${run.stdout}\n${run.stderr}`);
  return elapsed;
}

/**
 * One warm-up run each (file cache), then `runs` rounds in which every case runs once, in turn:
 * interleaving spreads a burst of load from other processes over all cases instead of one.
 */
function timeInterleaved(cases, runs = RUNS) {
  for (const c of cases) timeOnce(c.args, c.prepare, c.tmp, c.env);
  const times = cases.map(() => []);
  for (let r = 0; r < runs; r++) cases.forEach((c, i) => times[i].push(timeOnce(c.args, c.prepare, c.tmp, c.env)));
  return times.map((t) => ({ median: median(t), min: Math.min(...t), max: Math.max(...t), runs }));
}

async function zipStats(outDir) {
  const zips = (await readdir(outDir)).filter((n) => n.endsWith('.zip'));
  let bytes = 0;
  for (const z of zips) bytes += (await stat(join(outDir, z))).size;
  return { zips: zips.length, bytes };
}

/** Entry count of a zip (the tests' zip reader, test/helpers/read-zip.mjs). */
async function entryCount(file) {
  return listZipEntries(await readFile(file)).length;
}

function buildCase(label, courseDir, work, extra = []) {
  const out = join(work, `out-${label}`);
  return { label, courseDir, out, args: [CLI, 'build', '--course', courseDir, '--out', out, ...extra] };
}

/**
 * A build with nothing in the user's cache: the first build of a new course, or the first after an
 * install (the command bundle then comes from the install's code cache, lib/code-cache). Its own
 * temporary folder, emptied before each run.
 */
function firstBuildCase(label, courseDir, work) {
  const tmp = join(work, `tmp-${label}`);
  mkdirSync(tmp, { recursive: true });
  return { ...buildCase(label, courseDir, work), tmp, prepare: () => rmSync(join(tmp, `coursepack-compile-cache-${process.getuid?.() ?? 'user'}`), { recursive: true, force: true }) };
}

/**
 * Where NODE_EXTRA_CA_CERTS is set (this machine kind sets it for the npm registry's proxy; district machines behind
 * a TLS-inspecting proxy do too), Node 20 reads and parses that bundle as every process starts, before any script
 * runs: `node -e 0` and every build above include it. The bare start-up and the rebuild again without it, interleaved
 * with both as they are, so coursepack's own share of a build is shown apart from the machine's. Null where unset.
 */
function timeWithoutExtraCaCerts(nodeCase, buildCase) {
  if (!process.env.NODE_EXTRA_CA_CERTS) return null;
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  const [node, build, nodeBare, buildBare] = timeInterleaved([nodeCase, buildCase, { ...nodeCase, env }, { ...buildCase, env }]);
  return { node, build, nodeBare, buildBare };
}

function describeWithoutExtraCaCerts({ node, build, nodeBare, buildBare }) {
  return `NODE_EXTRA_CA_CERTS is set on this machine (${process.env.NODE_EXTRA_CA_CERTS}), and Node reads and parses that ` +
    'bundle as every process starts, before any script runs: it is in `node -e 0` above, and in every build. ' +
    `Without it (${node.runs} interleaved runs of these four, medians): \`node -e 0\` ${ms(nodeBare.median)} against ${ms(node.median)} with it, ` +
    `the rebuild ${ms(buildBare.median)} against ${ms(build.median)} (**${(buildBare.median / nodeBare.median).toFixed(2)}×** the bare start-up, ` +
    `${(build.median / node.median).toFixed(2)}× with it). coursepack's own part, the rebuild less the bare start-up: ` +
    `${ms(buildBare.median - nodeBare.median)} without the bundle, ${ms(build.median - node.median)} with it.`;
}

async function describeResult(c, time) {
  const { zips, bytes } = await zipStats(c.out);
  const first = (await readdir(c.out)).find((n) => n.endsWith('.zip'));
  const files = zips === 1 && first ? await entryCount(join(c.out, first)) : null;
  return { ...c, time, zips, bytes, files, pages: await countPages(c.courseDir) };
}

async function countPages(courseDir) {
  const dir = join(ROOT, courseDir, 'modules');
  const dirAbs = existsSync(dir) ? dir : join(courseDir, 'modules');
  let pages = 0;
  let modules = 0;
  for (const name of await readdir(dirAbs)) {
    if (!name.endsWith('.md')) continue;
    modules++;
    pages += ((await readFile(join(dirAbs, name), 'utf8')).match(/^## /gm) ?? []).length;
  }
  return { modules, pages };
}

function machine(load) {
  const cpus = os.cpus();
  const models = [...new Set(cpus.map((c) => c.model.trim()))].join(', ');
  return [
    `- CPU: ${models} × ${cpus.length} (os.cpus())`,
    `- OS: ${os.type()} ${os.release()} ${os.arch()}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, load average ${load.map((x) => x.toFixed(2)).join(' / ')} at start`,
    `- Node: ${process.version}`,
  ].join('\n');
}

/** The section of `file` that starts with the line `heading`, up to the next `## ` heading; null if none. */
async function keptSection(file, heading) {
  const text = existsSync(file) ? await readFile(file, 'utf8') : '';
  const start = text.split('\n').indexOf(heading);
  if (start < 0) return null;
  const rest = text.split('\n').slice(start);
  const end = rest.findIndex((line, i) => i > 0 && line.startsWith('## '));
  return rest.slice(0, end < 0 ? undefined : end).join('\n');
}

async function main() {
  if (!existsSync(join(ROOT, CLI))) throw new Error(`${CLI} is missing: run node src/bundle.mjs first (npm run bench does)`);
  const work = await mkdtemp(join(os.tmpdir(), 'coursepack-bench-'));
  childTmp = join(work, 'tmp');
  mkdirSync(childTmp);
  const started = new Date();
  const load = os.loadavg();
  try {
    const edited = join(work, 'course-edited');
    cpSync(join(ROOT, 'course'), edited, { recursive: true });
    const firstModule = readdirSync(join(edited, 'modules')).filter((n) => n.endsWith('.md')).sort()[0];
    let edits = 0;
    const cases = [
      { label: 'node', args: ['-e', '0'] },
      { label: 'cli', args: [CLI, '--version'] },
      { label: 'help', args: [CLI, '--help'] },
      // The first build after an install, or of a new course: every module is parsed.
      firstBuildCase('mentoring-no-cache', 'course', work),
      buildCase('mentoring', 'course', work),
      {
        // An author's edit loop: one module changed before each run (a copy of course/), so that one is parsed again.
        ...buildCase('mentoring-one-changed', edited, work),
        prepare: () => appendFileSync(join(edited, 'modules', firstModule), `\nEdited ${++edits}.\n`),
      },
      buildCase('mentoring-split', 'course', work, ['--split', 'modules']),
    ];
    const firstBuilds = [];
    for (const size of SIZES) {
      const dir = await generateCourse(join(work, `course-${size}`), size);
      cases.push({ ...buildCase(`gen-${size}`, dir, work), size });
      firstBuilds.push(firstBuildCase(`gen-${size}-first`, dir, work));
    }
    cases.push(...firstBuilds);
    console.log(`timing ${cases.length} cases × ${RUNS} interleaved runs…`);
    const times = timeInterleaved(cases);
    const [nodeStart, cliStart, helpStart, noCache] = times;
    const results = [];
    for (let i = 4; i < cases.length; i++) results.push(await describeResult(cases[i], times[i]));
    const generatedFirst = results.splice(results.length - firstBuilds.length).map((r) => r.time);
    const [mentoring, oneChanged, mentoringSplit, ...generated] = results;
    const withoutCa = timeWithoutExtraCaCerts(cases[0], cases[4]);

    const base = generated[0];
    const largest = generated[generated.length - 1];
    const lines = [
      '# Benchmarks',
      '',
      `Generated by \`npm run bench -- --write\` (\`node src/bundle.mjs && node test/bench/run-bench.mjs --write\`) on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
      `Each figure is the **median** wall time of ${RUNS} runs after one warm-up run (cases interleaved run by run), measured around`,
      '`spawnSync(process.execPath, [...])`, so Node start-up, loading the bundle, reading the course, rendering,',
      'checking and writing the zip are all included. The command is what a user types:',
      '',
      '```sh',
      'node lib/coursepack.mjs build --course DIR --out DIR',
      '```',
      '',
      'Machines are shared and noisy: compare medians and ratios from one run of this script, not absolute',
      'numbers across machines. Min and max show the spread. `BENCH_RUNS=N npm run bench` changes the run count (default 7); without `-- --write` it only prints.',
      '',
      '## Machine',
      '',
      machine(load),
      '',
      '## Start-up baselines',
      '',
      '| command | median | min | max |',
      '|---|---|---|---|',
      `| \`node -e 0\` (bare Node start-up) | ${ms(nodeStart.median)} | ${ms(nodeStart.min)} | ${ms(nodeStart.max)} |`,
      `| \`node lib/coursepack.mjs --version\` (start-up + the bin; no command bundle loads) | ${ms(cliStart.median)} | ${ms(cliStart.min)} | ${ms(cliStart.max)} |`,
      `| \`node lib/coursepack.mjs --help\` | ${ms(helpStart.median)} | ${ms(helpStart.min)} | ${ms(helpStart.max)} |`,
      '',
      '## Mentoring course (`course/`)',
      '',
      '| build | modules | pages | median | min | max | zips | zip bytes | files per zip |',
      '|---|---|---|---|---|---|---|---|---|',
      ...[mentoring, mentoringSplit].map(
        (r) =>
          `| ${r.args.slice(2).filter((a) => !a.startsWith(work)).join(' ').replace('--out', '--out DIR')} | ${r.pages.modules} | ${r.pages.pages} | ${ms(r.time.median)} | ${ms(r.time.min)} | ${ms(r.time.max)} | ${r.zips} | ${r.bytes} (${kb(r.bytes)}) | ${r.files ?? 'varies'} |`,
      ),
      '',
      `Targets: build well under ${ms(TARGET_MS)} including Node start-up — median ${ms(mentoring.time.median)}, ` +
        `**${mentoring.time.median < TARGET_MS ? 'met' : 'NOT met'}**; zip under ${kb(TARGET_BYTES)} — ${kb(mentoring.bytes)}, ` +
        `**${mentoring.bytes < TARGET_BYTES ? 'met' : 'NOT met'}**. ` +
        `Start-up and the bin take ${ms(cliStart.median)} of the ${ms(mentoring.time.median)}.`,
      '',
      `Cold start (issue 8 point 8): the whole build process is **${(mentoring.time.median / nodeStart.median).toFixed(2)}×** \`node -e 0\` ` +
        `(medians; target at most ${COLD_START_TARGET}×, **${mentoring.time.median / nodeStart.median <= COLD_START_TARGET ? 'met' : 'NOT met'}**). ` +
        'From the second build on, the command bundle is compiled from V8\'s code cache (src/cli/load-command.ts) and unchanged ' +
        'modules are read back parsed (src/cli/store-parsed-modules.ts), so these runs, which follow a warm-up run, are what an ' +
        'author sees when rebuilding (after changing one module, only that one is parsed again). With the user\'s cache folder deleted ' +
        'before each run (the first build after an install, or of a new course: the bundle is compiled from the code cache the install ' +
        `made in lib/code-cache, and every module is parsed): median ${ms(noCache.median)} ` +
        `(${(noCache.median / nodeStart.median).toFixed(2)}×), min ${ms(noCache.min)}, max ${ms(noCache.max)}. ` +
        `With one module changed before each run (a copy of course/, its first module edited): median ${ms(oneChanged.time.median)} ` +
        `(${(oneChanged.time.median / nodeStart.median).toFixed(2)}×), min ${ms(oneChanged.time.min)}, max ${ms(oneChanged.time.max)}.`,
      '',
      ...(withoutCa ? [describeWithoutExtraCaCerts(withoutCa), ''] : []),
      ...(existsSync(COLD_START_RECORD) ? [readFileSync(COLD_START_RECORD, 'utf8').trimEnd(), ''] : []),
      '## Growth with course size (generated courses)',
      '',
      'Each generated module (test/bench/generate-course.mjs, authoring format of docs/authoring.md) has three',
      'pages with a list, a table, an image, a web link and an internal link, one knowledge check, one reflection',
      'and one callout. One package (no split). authoring.md names modules `NN-slug.md` with two digits, so the',
      '200-module course shares prefixes (`00-module-001.md`, `00-module-002.md`, …); the builder orders them by name.',
      'The median, min and max are rebuilds (modules read back parsed, as in the author\'s edit loop); the first build',
      'column is the same course with the cache emptied before each run (every module parsed).',
      '',
      `| modules | pages | median | min | max | ratio to ${base.size} modules | ms per added module (vs previous row) | first build, median | zip bytes | files |`,
      '|---|---|---|---|---|---|---|---|---|---|',
      ...generated.map(
        (r, i) =>
          `| ${r.size} | ${r.pages.pages} | ${ms(r.time.median)} | ${ms(r.time.min)} | ${ms(r.time.max)} | ${(r.time.median / base.time.median).toFixed(2)}× | ` +
          `${i === 0 ? '' : ((r.time.median - generated[i - 1].time.median) / (r.size - generated[i - 1].size)).toFixed(1)} | ` +
          `${ms(generatedFirst[i].median)} | ${r.bytes} (${kb(r.bytes)}) | ${r.files} |`,
      ),
      '',
      `From ${base.size} to ${largest.size} modules (${largest.size / base.size}× the content) the median grows ` +
        `${(largest.time.median / base.time.median).toFixed(2)}×; the marginal cost is about ` +
        `${((largest.time.median - base.time.median) / (largest.size - base.size)).toFixed(1)} ms per module ` +
        `(${((largest.time.median - base.time.median) / (largest.pages.pages - base.pages.pages)).toFixed(1)} ms per page), ` +
        `on top of a fixed ${ms(base.time.median - ((largest.time.median - base.time.median) / (largest.size - base.size)) * base.size)} ` +
        '(start-up, templates, zip).',
      '',
      `Load average went from ${load.map((x) => x.toFixed(2)).join(' / ')} to ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')} during the run.`,
      '',
    ];

    const runtimeBench = new URL('./bench-runtime.mjs', import.meta.url);
    if (existsSync(fileURLToPath(runtimeBench))) {
      console.log('runtime benchmark (bench-runtime.mjs)…');
      try {
        const { benchRuntime } = await import(pathToFileURL(fileURLToPath(runtimeBench)).href);
        const { markdown } = await benchRuntime();
        lines.push(markdown.trimEnd(), '');
      } catch (error) {
        lines.push('## Runtime', '', `test/bench/bench-runtime.mjs failed: ${String(error?.message ?? error).split('\n')[0]}`, '');
      }
    }

    const xapiSize = new URL('./measure-xapi-size.mjs', import.meta.url);
    if (existsSync(fileURLToPath(xapiSize))) {
      console.log('xAPI bundle sizes (measure-xapi-size.mjs)…');
      try {
        const { measureXapiSize } = await import(pathToFileURL(fileURLToPath(xapiSize)).href);
        lines.push((await measureXapiSize()).markdown.trimEnd(), '');
      } catch (error) {
        lines.push('### xAPI in the player', '', `test/bench/measure-xapi-size.mjs failed: ${String(error?.message ?? error).split('\n')[0]}`, '');
      }
    }

    console.log('warm rebuild (bench-warm-rebuild.mjs)…');
    try {
      const { benchWarmRebuild } = await import('./bench-warm-rebuild.mjs');
      lines.push((await benchWarmRebuild()).markdown.trimEnd(), '');
    } catch (error) {
      lines.push('## Warm rebuild (library API, one process)', '', `test/bench/bench-warm-rebuild.mjs failed: ${String(error?.message ?? error).split('\n')[0]}`, '');
    }

    // Sections measured apart, in longer runs, are kept as they are: the embedded LRS (bench-lrs.mjs --write),
    // the reports (bench-report.mjs, a million statements) and the test suite's wall time (time-test-suite.mjs).
    for (const heading of ['## Embedded LRS', '## Reports', '## Test suite']) {
      const kept = await keptSection(join(ROOT, 'BENCHMARKS.md'), heading);
      if (kept) lines.push(kept.trimEnd(), '');
    }

    console.log(lines.join('\n'));
    if (WRITE) await writeFile(join(ROOT, 'BENCHMARKS.md'), lines.join('\n'));
    // The embedded LRS, last: it replaces its own section in BENCHMARKS.md when writing, else prints it.
    console.log('embedded LRS (bench-lrs.mjs)…');
    const lrs = spawnSync(process.execPath, [fileURLToPath(new URL('./bench-lrs.mjs', import.meta.url)), ...(WRITE ? ['--write'] : [])], { cwd: ROOT, stdio: 'inherit' });
    if (lrs.status !== 0) process.exitCode = lrs.status ?? 1;
    if (!WRITE) console.log('\nNothing written: `npm run bench -- --write` puts this in BENCHMARKS.md.');
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
