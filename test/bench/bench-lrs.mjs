// `npm run bench` (last step) or `npm run bench:lrs` (this alone), each with `-- --write` to update BENCHMARKS.md; or
// `node src/bundle.mjs && node test/bench/bench-lrs.mjs [--write]`: the
// embedded LRS (`coursepack lrs`, the bundle in lib/) side by side with xapi-statements@5.0.1 in
// memory (the loopback test peer, XAPI.md §10), in the same run: statements stored per second in
// POSTs of 1 and of 50, statements read per second by following `more`, and each server's peak
// resident memory (VmHWM from /proc). Prints a Markdown section; --write puts it in BENCHMARKS.md
// under "## Embedded LRS". Not a test: it asserts nothing and is not part of `npm test`.
//
// Load comes from a small concurrent fetch loop, not autocannon: every POST needs new statement ids
// (a re-sent id is a no-op, not a store), and following `more` is a chain of dependent requests,
// which a fixed-request load generator cannot express without scripting it anyway. The client
// shares the 2 cores with the server, equally for both LRSs.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'lib/coursepack.mjs');
const PEER = join(ROOT, 'test/helpers/run-xapi-statements.cjs');
const ROUNDS = Number(process.env.BENCH_RUNS ?? 3);
const SINGLE_POSTS = Number(process.env.BENCH_SINGLE ?? 1000);
const BATCH_POSTS = Number(process.env.BENCH_BATCHES ?? 100);
const READ_TARGET = Number(process.env.BENCH_READ ?? 5000);
const PAGE = 500;
const CONCURRENCY = 8;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const fmt = (x) => Math.round(x).toLocaleString('en-US');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitUp(url, child) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited`);
    try {
      if ((await fetch(url, { headers: { 'X-Experience-API-Version': '1.0.3' } })).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url}: no answer in 20 s`);
}

async function startEmbedded(dir) {
  const db = join(dir, 'lrs.sqlite');
  const add = spawn(process.execPath, [CLI, 'lrs', 'keys', 'add', '--scope', 'admin', '--db', db, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  add.stdout.on('data', (c) => (out += c));
  await new Promise((r) => add.once('exit', r));
  const { key, secret } = JSON.parse(out);
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, 'lrs', '--port', String(port), '--db', db, '--quiet'], { stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}/xAPI`;
  await waitUp(`${endpoint}/about`, child);
  return { name: 'embedded (coursepack lrs, SQLite)', endpoint, auth: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`, child };
}

async function startPeer(dir) {
  const port = await freePort();
  const child = spawn(process.execPath, [PEER], {
    // Its own folder: xapi-statements writes access logs under its working directory.
    cwd: dir,
    env: {
      ...process.env, AUTH_REPO: 'test', EVENTS_REPO: 'test', MODELS_REPO: 'memory', STORAGE_REPO: 'local',
      EXPRESS_PORT: String(port), EXPRESS_HOST: '127.0.0.1', FS_LOCAL_STORAGE_DIR: dir, CP_PARENT_PID: String(process.pid), NODE_NO_WARNINGS: '1',
    },
    stdio: 'ignore',
  });
  const endpoint = `http://127.0.0.1:${port}/xAPI`;
  await waitUp(`${endpoint}/about`, child);
  return { name: 'xapi-statements 5.0.1 (memory)', endpoint, auth: `Basic ${Buffer.from('bench:bench').toString('base64')}`, child };
}

/** Peak resident set size of a process, from the kernel (Linux). */
function peakRss(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return kb * 1024;
}

const COURSE = 'https://coursepack.invalid/courses/bench';
/** A statement as the player sends one (XAPI.md §2–4): account actor, registration, course grouping. */
function makeStatement(i) {
  return {
    id: randomUUID(),
    actor: { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: `s${i % 500}` } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } },
    object: { objectType: 'Activity', id: `${COURSE}/modules/m${i % 7}/pages/p${i % 40}`, definition: { type: 'http://adlnet.gov/expapi/activities/lesson' } },
    context: {
      registration: randomUUID(),
      contextActivities: { grouping: [{ objectType: 'Activity', id: COURSE }], category: [{ objectType: 'Activity', id: 'https://coursepack.invalid/xapi/profile/1.0' }] },
      platform: 'SCORM 1.2 / bench',
    },
    timestamp: new Date().toISOString(),
  };
}

function headers(lrs) {
  return { Authorization: lrs.auth, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' };
}

/** `posts` POSTs of `size` statements from CONCURRENCY workers; statements stored per second. */
async function store(lrs, posts, size) {
  let next = 0;
  let n = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < posts) {
      next += 1;
      const body = JSON.stringify(size === 1 ? makeStatement(n++) : Array.from({ length: size }, () => makeStatement(n++)));
      const response = await fetch(`${lrs.endpoint}/statements`, { method: 'POST', headers: headers(lrs), body });
      if (response.status !== 200) throw new Error(`${lrs.name}: POST answered ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return (posts * size) / ((performance.now() - start) / 1000);
}

/** Follows `more` from the newest statement until `target` statements are read; statements per second. */
async function read(lrs, target) {
  let url = `${lrs.endpoint}/statements?limit=${PAGE}`;
  let count = 0;
  const start = performance.now();
  while (url && count < target) {
    const response = await fetch(url, { headers: headers(lrs) });
    if (response.status !== 200) throw new Error(`${lrs.name}: GET answered ${response.status}`);
    const page = await response.json();
    count += page.statements.length;
    url = page.more ? new URL(page.more, lrs.endpoint).toString() : '';
  }
  if (count < target) throw new Error(`${lrs.name}: only ${count} statements to read`);
  return count / ((performance.now() - start) / 1000);
}

const SECTION = '## Embedded LRS';
const SUBSECTION = '### Speed and memory (test/bench/bench-lrs.mjs)';

/**
 * Puts `sub` in BENCHMARKS.md as the "Speed and memory" part of "## Embedded LRS", replacing the
 * previous one and leaving the rest of the section (the conformance figures) as it is.
 */
export function placeSection(text, sub) {
  let start = text.indexOf(`\n${SECTION}\n`);
  if (start < 0) {
    text = `${text.replace(/\s*$/, '\n')}\n${SECTION}\n`;
    start = text.indexOf(`\n${SECTION}\n`);
  }
  const nextSection = text.indexOf('\n## ', start + 1);
  const end = nextSection >= 0 ? nextSection : text.length;
  const body = text.slice(start, end);
  const subAt = body.indexOf(`\n${SUBSECTION}`);
  let newBody;
  if (subAt >= 0) {
    const after = body.slice(subAt + 1).search(/\n#{2,3} /);
    const subEnd = after >= 0 ? subAt + 1 + after : body.length;
    newBody = `${body.slice(0, subAt)}\n${sub.trimEnd()}\n${body.slice(subEnd)}`;
  } else {
    newBody = `${body.replace(/\s*$/, '\n')}\n${sub.trimEnd()}\n`;
  }
  return `${text.slice(0, start)}${newBody}${text.slice(end)}`;
}

async function main() {
  if (!existsSync(CLI)) throw new Error('lib/coursepack.mjs is missing: run `node src/bundle.mjs` first');
  const load0 = os.loadavg();
  const dirs = [await mkdtemp(join(os.tmpdir(), 'cp-bench-lrs-')), await mkdtemp(join(os.tmpdir(), 'cp-bench-peer-'))];
  const lrss = [await startEmbedded(dirs[0]), await startPeer(dirs[1])];
  const results = lrss.map(() => ({ single: [], batch: [], read: [] }));
  try {
    // Warm-up: both JITs, and enough statements in each to read through from the first round.
    for (const lrs of lrss) {
      await store(lrs, 50, 1);
      await store(lrs, Math.ceil(READ_TARGET / 50), 50);
    }
    for (let r = 0; r < ROUNDS; r += 1) {
      // Interleaved, so a burst of load from other processes hits both LRSs alike.
      for (const [i, lrs] of lrss.entries()) results[i].single.push(await store(lrs, SINGLE_POSTS, 1));
      for (const [i, lrs] of lrss.entries()) results[i].batch.push(await store(lrs, BATCH_POSTS, 50));
      for (const [i, lrs] of lrss.entries()) results[i].read.push(await read(lrs, READ_TARGET));
    }
    const rss = lrss.map((l) => peakRss(l.child.pid));
    const load1 = os.loadavg();
    const cpu = os.cpus();
    const lines = [
      SUBSECTION,
      '',
      `Generated by \`node test/bench/bench-lrs.mjs --write\` (the last step of \`npm run bench -- --write\`; \`npm run bench:lrs -- --write\` runs it alone) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
      `Both servers on 127.0.0.1 in their own processes; the load comes from ${CONCURRENCY} concurrent \`fetch\` workers in the bench process,`,
      'which shares the machine\'s cores with the server. Statements as the player sends them (account actor, registration,',
      `course grouping, ~0.6 KB). Each figure is the **median of ${ROUNDS} rounds** (min–max after it), rounds interleaved between the two`,
      'LRSs after one warm-up. The embedded LRS fsyncs every acknowledged write (WAL, synchronous=FULL); xapi-statements keeps',
      'everything in memory and loses it on restart: the two are not alike on durability, only on the xAPI they speak.',
      '',
      `- Machine: ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}`,
      `- Load average ${load0.map((x) => x.toFixed(2)).join(' / ')} at start, ${load1.map((x) => x.toFixed(2)).join(' / ')} at the end`,
      `- Work per round: ${SINGLE_POSTS} POSTs of 1 statement, ${BATCH_POSTS} POSTs of 50, and reading ${READ_TARGET} statements through \`more\` (limit=${PAGE})`,
      '',
      `| measure | ${lrss.map((l) => l.name).join(' | ')} |`,
      `|---|${lrss.map(() => '---:').join('|')}|`,
    ];
    const row = (label, key) =>
      `| ${label} | ${results.map((r) => `${fmt(median(r[key]))} (${fmt(Math.min(...r[key]))}–${fmt(Math.max(...r[key]))})`).join(' | ')} |`;
    lines.push(row('statements stored / s, POSTs of 1', 'single'));
    lines.push(row('statements stored / s, POSTs of 50', 'batch'));
    lines.push(row('statements read / s, following `more`', 'read'));
    lines.push(`| peak RSS of the server process | ${rss.map((b) => `${(b / 2 ** 20).toFixed(0)} MiB`).join(' | ')} |`);
    const total = 50 + Math.ceil(READ_TARGET / 50) * 50 + ROUNDS * (SINGLE_POSTS + BATCH_POSTS * 50);
    lines.push('', `Each LRS held ${fmt(total)} statements at the end of the run.`, '');
    const section = lines.join('\n');
    process.stdout.write(`${section}\n`);
    if (process.argv.includes('--write')) {
      const file = join(ROOT, 'BENCHMARKS.md');
      await writeFile(file, placeSection(await readFile(file, 'utf8'), section));
    }
  } finally {
    for (const l of lrss) l.child.kill('SIGTERM');
    await Promise.all(lrss.map((l) => new Promise((r) => (l.child.exitCode !== null ? r() : l.child.once('exit', r)))));
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
