// Report benchmark (issue 11 point 8), standalone: `node test/bench/bench-report.mjs`. Not part of `npm test`.
//
// 1. Generates BENCH_STATEMENTS (default 1,000,000) realistic statements as NDJSON in a temp folder
//    (generate-statements.mjs: the player's statement set, as an LRS returns it).
// 2. Aggregates the file BENCH_RUNS times (default 3), each in a fresh child process, through the same
//    code as `coursepack report --from` (src/report, bundled here with esbuild): one streamed fold (a
//    second only where a voiding statement follows its target; the generated file has none), then the views; with the CLI's worker threads (lib/workers/aggregate-part.cjs, one per core up to
//    4), and again in one thread (`--threads 1`). Reports statements/s over wall time and over the child's CPU time, and peak RSS.
//    A "fold only" line times the aggregation alone on statements already read into memory.
// 3. Seeds BENCH_LRS_STATEMENTS (default 100,000) into xapi-statements on 127.0.0.1 and pages them all
//    back with the LRS reader (limit 500, following `more`), BENCH_RUNS times.
// Prints a Markdown section for BENCHMARKS.md ("## Reports"). Wall times on a shared machine are noisy:
// the load average is printed before and after.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, createReadStream } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { writeStatements } from './generate-statements.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const COUNT = Number(process.env.BENCH_STATEMENTS ?? 1_000_000);
const LRS_COUNT = Number(process.env.BENCH_LRS_STATEMENTS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const FOLD_SAMPLE = Math.min(COUNT, 300_000);
const COURSE = 'https://coursepack.invalid/courses/mentoring-young-inventors';
const WORKER = path.join(root, 'lib/workers/aggregate-part.cjs');
// As src/cli/run-report.ts chooses: one thread per core, at most 4.
const THREADS = Math.min(availableParallelism(), 4);
const work = mkdtempSync(path.join(tmpdir(), 'cp-bench-report-'));
const load = () => loadavg().map((l) => l.toFixed(2)).join(' / ');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const fmt = (n) => Math.round(n).toLocaleString('en-US');

/**
 * The host's speed now: a fixed loop of arithmetic in a fresh process, in ms (336 ms at the quietest hour
 * seen on the reference machine). On a shared host the neighbours' load slows every core, and the load
 * average inside this machine does not show it; this does, so runs at different hours can be compared.
 */
const calibrate = () => Number(spawnSync(process.execPath, ['-e', 'let t=Date.now(),x=0;for(let i=0;i<3e8;i++)x+=i%7;console.log(Date.now()-t)'], { encoding: 'utf8' }).stdout.trim());
const loadBefore = load();
const loopBefore = calibrate();
try {
  // The report code as the CLI has it, in one ESM file the children import.
  const bundle = path.join(work, 'report.mjs');
  await build({
    absWorkingDir: root, entryPoints: ['src/report/index.ts'], outfile: bundle, bundle: true, platform: 'node', format: 'esm',
    target: 'node20', logLevel: 'warning',
    banner: { js: "import { createRequire as __cpRequire } from 'node:module'; const require = __cpRequire(import.meta.url);" },
  });

  const file = path.join(work, 'statements.ndjson');
  const started = performance.now();
  const written = await writeStatements(file, COUNT);
  const bytes = spawnSync('stat', ['-c', '%s', file], { encoding: 'utf8' }).stdout.trim();
  process.stderr.write(`generated ${written} statements (${(Number(bytes) / 2 ** 20).toFixed(0)} MiB) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

  const child = path.join(work, 'aggregate-child.mjs');
  writeFileSync(child, `
import { aggregateExport, buildViews, createAggregator, readStatementText } from ${JSON.stringify(bundle)};
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
const [mode, file, course, sample, worker, threads] = process.argv.slice(2);
if (mode === 'file') {
  const wall = performance.now(); const cpu = process.cpuUsage();
  const parts = Number(threads) > 1 ? { worker: pathToFileURL(worker), threads: Number(threads), minBytes: 32 * 2 ** 20 } : undefined;
  const aggregate = await aggregateExport(file, { courseIri: course }, 'ndjson', parts);
  const views = buildViews(aggregate, { meta: { source: 'bench', generatedAt: 0, since: undefined, until: undefined, version: undefined, groupBy: undefined, pseudonymized: false, consistentThrough: undefined } });
  const c = process.cpuUsage(cpu);
  console.log(JSON.stringify({ wallMs: performance.now() - wall, cpuMs: (c.user + c.system) / 1000, rssMB: process.resourceUsage().maxRSS / 1024, read: aggregate.counts.read, learners: views.learners.length }));
} else {
  const facts = [];
  for await (const line of createInterface({ input: createReadStream(file) })) { if (facts.length >= Number(sample)) break; facts.push(readStatementText(line)); }
  const wall = performance.now(); const cpu = process.cpuUsage();
  const aggregator = createAggregator({ courseIri: course });
  for (const f of facts) aggregator.add(f);
  aggregator.result();
  const c = process.cpuUsage(cpu);
  console.log(JSON.stringify({ wallMs: performance.now() - wall, cpuMs: (c.user + c.system) / 1000, read: facts.length }));
}
`);
  const runChild = (args) => {
    const r = spawnSync(process.execPath, [child, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (r.status !== 0) throw new Error(`aggregation child failed: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };
  if (!existsSync(WORKER)) spawnSync(process.execPath, [path.join(root, 'src/bundle.mjs')], { cwd: root, stdio: 'inherit' });
  const fileRuns = [];
  const oneThreadRuns = [];
  const foldRuns = [];
  for (let i = 0; i < RUNS; i++) {
    fileRuns.push(runChild(['file', file, COURSE, '0', WORKER, String(THREADS)]));
    oneThreadRuns.push(runChild(['file', file, COURSE, '0', WORKER, '1']));
    foldRuns.push(runChild(['fold', file, COURSE, String(FOLD_SAMPLE)]));
    process.stderr.write(`aggregation run ${i + 1}/${RUNS}: ${fmt(fileRuns.at(-1).wallMs)} ms wall (${THREADS} threads), ${fmt(oneThreadRuns.at(-1).wallMs)} ms (one)\n`);
  }

  // Paging from the loopback LRS.
  const lrs = await startLrs();
  let lrsRuns = [];
  let lrsSeeded = 0;
  try {
    const seeded = await seed(lrs, file, LRS_COUNT);
    const pager = path.join(work, 'page-child.mjs');
    writeFileSync(pager, `
import { readLrs } from ${JSON.stringify(bundle)};
const [endpoint, course] = process.argv.slice(2);
const wall = performance.now();
let n = 0;
const result = await readLrs({ endpoint, auth: 'Basic ${Buffer.from('bench:bench').toString('base64')}' }, { activity: course, limit: 500 }, () => n++);
console.log(JSON.stringify({ wallMs: performance.now() - wall, statements: n, pages: result.pages }));
`);
    for (let i = 0; i < RUNS; i++) {
      const r = spawnSync(process.execPath, [pager, lrs.endpoint, COURSE], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`paging child failed: ${r.stderr}`);
      lrsRuns.push(JSON.parse(r.stdout));
      process.stderr.write(`LRS paging run ${i + 1}/${RUNS}: ${fmt(lrsRuns.at(-1).wallMs)} ms for ${lrsRuns.at(-1).statements} statements\n`);
    }
    lrsSeeded = seeded;
  } finally {
    lrs.stop();
  }

  const wallRate = (r) => r.read / (r.wallMs / 1000);
  const cpuRate = (r) => r.read / (r.cpuMs / 1000);
  const summary = (runs) => ({ wall: median(runs.map((r) => r.wallMs)), wallRate: median(runs.map(wallRate)), cpuRate: median(runs.map(cpuRate)), rss: Math.max(...runs.map((r) => r.rssMB)) });
  const f = summary(fileRuns);
  const one = summary(oneThreadRuns);
  const fold = { wallRate: median(foldRuns.map(wallRate)), cpuRate: median(foldRuns.map(cpuRate)) };
  const page = { wall: median(lrsRuns.map((r) => r.wallMs)), pages: lrsRuns[0].pages, statements: lrsRuns[0].statements };
  // xapi-statements' memory store sorts pages by stored but cuts them at a cursor compared as a v1 UUID
  // string, whose first field wraps every 429.5 s: a seeding that spans a wrap loses statements in paging.
  const lost = lrsSeeded - page.statements;
  const met = (ok) => (ok ? '**met**' : '**not met**');
  const lines = [
    '## Reports',
    '',
    `Generated by \`node test/bench/bench-report.mjs\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC (BENCH_RUNS=${RUNS}; medians; peak RSS is the largest run's).`,
    `Machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}; load average ${loadBefore} before, ${load()} after; calibration loop ${loopBefore} ms before, ${calibrate()} ms after (336 ms on the quietest hour seen; other engineers share these cores: wall-time rates move with the load, CPU-time rates less).`,
    '',
    `| what | statements | median wall | statements/s (wall) | statements/s (CPU time) | peak RSS |`,
    `|---|---:|---:|---:|---:|---:|`,
    `| aggregate ${COUNT.toLocaleString('en-US')} statements from NDJSON (${(Number(bytes) / 2 ** 20).toFixed(0)} MiB; streamed, one fold + views, as \`report --from\`), ${THREADS} threads | ${fmt(fileRuns[0].read)} | ${fmt(f.wall)} ms | ${fmt(f.wallRate)} | ${fmt(f.cpuRate)} | ${fmt(f.rss)} MB |`,
    `| the same in one thread (\`--threads 1\`) | ${fmt(oneThreadRuns[0].read)} | ${fmt(one.wall)} ms | ${fmt(one.wallRate)} | ${fmt(one.cpuRate)} | ${fmt(one.rss)} MB |`,
    `| fold only (${fmt(FOLD_SAMPLE)} statements already read into memory) | ${fmt(FOLD_SAMPLE)} | | ${fmt(fold.wallRate)} | ${fmt(fold.cpuRate)} | |`,
    `| page from xapi-statements on 127.0.0.1 (limit 500, following \`more\`) | ${fmt(page.statements)} | ${fmt(page.wall)} ms | ${fmt(page.statements / (page.wall / 1000))} | | |`,
    '',
    `Targets (issue 11 point 8): at least 300,000 statements/s aggregating from NDJSON — ${fmt(f.wallRate)}/s wall with ${THREADS} threads (${(f.wallRate / one.wallRate).toFixed(2)}× one thread): ${met(f.wallRate >= 300_000)}; under 500 MB — ${fmt(f.rss)} MB: ${met(f.rss < 500)}. Paging ${fmt(page.statements)} statements took ${(page.wall / 1000).toFixed(1)} s in ${page.pages} pages.`,
    ...(lost ? ['', `**xapi-statements returned ${fmt(page.statements)} of the ${fmt(lrsSeeded)} statements seeded** when paged with \`more\` (every run the same): its memory store orders by \`stored\` but cuts pages at a v1-UUID cursor compared as a string, and the seeding spanned a wrap of that UUID's first field (every 429.5 s). The reader follows \`more\` as given; this is the test peer's fault, not a report's.`] : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** xapi-statements in memory on a free loopback port, as test/helpers/xapi-statements-lrs.ts starts it. */
async function startLrs() {
  const { createServer } = await import('node:net');
  const port = await new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port: free } = s.address();
      s.close(() => resolve(free));
    });
  });
  const storage = mkdtempSync(path.join(tmpdir(), 'cp-bench-lrs-'));
  const child = spawn(process.execPath, [path.join(root, 'test/helpers/run-xapi-statements.cjs')], {
    cwd: root,
    env: { ...process.env, AUTH_REPO: 'test', EVENTS_REPO: 'test', MODELS_REPO: 'memory', STORAGE_REPO: 'local', EXPRESS_PORT: String(port), EXPRESS_HOST: '127.0.0.1', FS_LOCAL_STORAGE_DIR: storage, CP_PARENT_PID: String(process.pid), NODE_NO_WARNINGS: '1' },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const endpoint = `http://127.0.0.1:${port}/xAPI`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      if ((await fetch(`${endpoint}/about`, { headers: { 'X-Experience-API-Version': '1.0.3' } })).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('xapi-statements did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { endpoint, stop: () => { child.kill('SIGKILL'); rmSync(storage, { recursive: true, force: true }); } };
}

/** The first `count` statements of the file, POSTed in batches of 500; returns how many the LRS holds. */
async function seed(lrs, file, count) {
  const started = performance.now();
  let batch = [];
  const ids = new Set();
  const send = async () => {
    const response = await fetch(`${lrs.endpoint}/statements`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3', Authorization: `Basic ${Buffer.from('bench:bench').toString('base64')}` },
      body: `[${batch.join(',')}]`,
    });
    if (!response.ok) throw new Error(`seeding failed: HTTP ${response.status} ${await response.text()}`);
    batch = [];
  };
  for await (const line of createInterface({ input: createReadStream(file) })) {
    if (ids.size >= count) break;
    const s = JSON.parse(line);
    if (ids.has(s.id)) continue; // the generator's retried sends: one LRS keeps one
    ids.add(s.id);
    // The LRS sets stored, authority and version itself.
    delete s.stored;
    delete s.authority;
    delete s.version;
    batch.push(JSON.stringify(s));
    if (batch.length === 500) await send();
  }
  if (batch.length) await send();
  process.stderr.write(`seeded ${ids.size} statements into xapi-statements in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return ids.size;
}
