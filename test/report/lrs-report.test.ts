/**
 * The real command against real LRSs on 127.0.0.1, seeded with the scenarios of scenarios.ts: the
 * report read through the statement API, read incrementally with --sync (before and after an admin
 * voids a pass), and read from an export of the same statements must all say the same thing.
 *
 * PEERS is a table so every LRS gets the same test: xapi-statements and the embedded LRS
 * (`coursepack lrs`) must give the same report (issue 10 point 6, issue 11 point 7).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmbeddedLrs } from '../helpers/embedded-lrs.js';
import { reportInProcess } from '../helpers/report-in-process.js';
import { startLrsGate } from '../helpers/lrs-gate.js';
import { startXapiStatements, type TestLrs } from '../helpers/xapi-statements-lrs.js';
import { COURSE } from './make-statements.js';
import { EXPECTED_LEARNERS, scenarioStatements, VOIDED_PASS_ID } from './scenarios.js';

// Each test runs the real command (a Node start-up and more) on shared cores: no 5 s default here.
vi.setConfig({ testTimeout: 120_000 });

const PEERS: ReadonlyArray<{ readonly name: string; readonly start: () => Promise<TestLrs>; readonly authority: (lrs: TestLrs) => string }> = [
  // `authority`: the IFI the peer stamps on stored statements for the test credentials.
  { name: 'xapi-statements', start: startXapiStatements, authority: () => 'mailto:client@example.org' },
  // The embedded LRS names the key itself (src/lrs/prepare-statement.ts authorityFor): account homePage|key id.
  { name: 'embedded LRS (coursepack lrs)', start: () => startEmbeddedLrs(), authority: (lrs) => `https://coursepack.invalid/lrs/keys|${keyOf(lrs.auth)}` },
];

/** The key id of a `Basic base64(key:secret)` header value. */
function keyOf(auth: string): string {
  return Buffer.from(auth.replace(/^Basic /, ''), 'base64').toString('utf8').split(':')[0] ?? '';
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'lib/coursepack.mjs');
const work = mkdtempSync(path.join(tmpdir(), 'cp-report-lrs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function report(args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [bin, 'report', '--activity', COURSE, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, COURSEPACK_LRS_ENDPOINT: '', COURSEPACK_LRS_AUTH: '', COURSEPACK_REPORT_ENDPOINT: '', COURSEPACK_REPORT_AUTH: '', ...env },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same, without blocking this process: for an LRS or a gate served from this process. */
function reportAsync(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'report', '--activity', COURSE, ...args], {
      cwd: root,
      env: { ...process.env, COURSEPACK_LRS_ENDPOINT: '', COURSEPACK_LRS_AUTH: '', COURSEPACK_REPORT_ENDPOINT: '', COURSEPACK_REPORT_AUTH: '', ...env },
      timeout: 120_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The same report computed in this process (report-in-process.ts): for tests of what the report says. The
 * real command (above) stays for what the process does: its lines on stderr, its exit codes.
 */
function reportHere(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return reportInProcess(['--activity', COURSE, ...args], { COURSEPACK_LRS_ENDPOINT: '', COURSEPACK_LRS_AUTH: '', COURSEPACK_REPORT_ENDPOINT: '', COURSEPACK_REPORT_AUTH: '', ...env });
}

interface JsonReport {
  learners: Array<Record<string, unknown>>;
  statements: Record<string, number>;
  summary: Array<Record<string, unknown>>;
  questions: Array<{ attempts: number; correct: number }>;
}

function json(run: Run): JsonReport {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as JsonReport;
}

async function post(lrs: TestLrs, statements: unknown[]): Promise<void> {
  const response = await fetch(`${lrs.endpoint}/statements`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3', Authorization: lrs.auth },
    body: JSON.stringify(statements),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  await response.body?.cancel();
}

describe.each(PEERS)('reports from an LRS: $name', ({ start, authority }) => {
  let lrs: TestLrs;
  const { statements, duplicate, voidingStatement } = scenarioStatements();
  const syncFile = path.join(work, `sync-${Math.random().toString(16).slice(2)}.ndjson`);
  let beforeVoiding: JsonReport;
  let firstSync: JsonReport;

  beforeAll(async () => {
    lrs = await start();
    // One batch, then a retried statement. Not several batches: xapi-statements' memory store cuts
    // pages at a v1-UUID cursor compared as a string, which loses statements when its inserts span a
    // wrap of the UUID's first field (every 429.5 s; seen in the benchmark), so the paging test would
    // fail now and then through no fault of the report.
    await post(lrs, statements);
    await post(lrs, [duplicate]);
    const env = { COURSEPACK_REPORT_ENDPOINT: lrs.endpoint, COURSEPACK_REPORT_AUTH: lrs.auth };
    beforeVoiding = json(await reportHere(['--format', 'json'], env));
    firstSync = json(await reportHere(['--format', 'json', '--sync', syncFile, '--page-size', '9'], env));
    await post(lrs, [voidingStatement]);
  }, 120_000);
  afterAll(async () => lrs?.stop());

  const env = (): Record<string, string> => ({ COURSEPACK_REPORT_ENDPOINT: lrs.endpoint, COURSEPACK_REPORT_AUTH: lrs.auth });

  it('before the admin voids it, the pass counts', () => {
    const cy = beforeVoiding.learners.find((l) => l.learner === EXPECTED_LEARNERS[0]?.learner);
    expect(cy).toMatchObject({ status: 'passed', bestScaled: 0.95 });
    expect(firstSync.learners).toEqual(beforeVoiding.learners);
  });

  it('reads every page and reports each learner by the rules', async () => {
    const run = await reportHere(['--format', 'json', '--page-size', '7'], env());
    const doc = json(run);
    expect(run.stderr).not.toContain('COURSEPACK_LRS_AUTH');
    expect(doc.learners).toEqual(EXPECTED_LEARNERS);
    // The same from the build's variables (what the README said before the report had its own): read, and said
    // to be where a build puts its key into every package.
    const old = report(['--format', 'json', '--page-size', '7'], { COURSEPACK_LRS_ENDPOINT: lrs.endpoint, COURSEPACK_LRS_AUTH: lrs.auth });
    expect(old.code).toBe(0);
    expect((JSON.parse(old.stdout) as JsonReport).learners).toEqual(EXPECTED_LEARNERS);
    expect(old.stderr).toMatch(/note: the LRS key comes from COURSEPACK_LRS_AUTH, the variable a build puts into every package it writes: .* Give the report its key as COURSEPACK_REPORT_AUTH/);
    // No check on duplicates here: the same memory-store cursor flaw can hand one statement out twice.
    expect(doc.statements).toMatchObject({ voiding: 1, outOfScope: 0 });
    expect(doc.summary[0]).toMatchObject({ enrolled: 4, started: 4, completed: 2, passed: 1, failed: 2 });
    expect(doc.questions[0]).toMatchObject({ attempts: 4, correct: 2 });
  });

  it('an incremental --sync fetches only what is new, and the voiding statement retracts the pass', async () => {
    const before = readFileSync(syncFile, 'utf8');
    expect(before).toContain(VOIDED_PASS_ID);
    const doc = json(await reportHere(['--format', 'json', '--sync', syncFile], env()));
    expect(doc.learners).toEqual(EXPECTED_LEARNERS);
    const after = readFileSync(syncFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; object: { id: string } });
    expect(after.map((s) => s.id)).not.toContain(VOIDED_PASS_ID);
    expect(after.filter((s) => s.object.id === VOIDED_PASS_ID)).toHaveLength(1);
    const cursor = JSON.parse(readFileSync(`${syncFile}.cursor.json`, 'utf8')) as { endpoint: string; stored: string };
    expect(cursor.endpoint).toBe(lrs.endpoint);
    expect(JSON.stringify(cursor)).not.toContain(lrs.auth.slice(6));
  });

  it('an export of the same statements (with the duplicate and the voided pass in it) gives the same report', async () => {
    const file = path.join(work, 'export.ndjson');
    writeFileSync(file, [...statements, duplicate, voidingStatement].map((s) => JSON.stringify(s)).join('\n'));
    const fromFile = json(await reportHere(['--format', 'json', '--from', file]));
    expect(fromFile.learners).toEqual(EXPECTED_LEARNERS);
    expect(fromFile.statements).toMatchObject({ duplicates: 1, voided: 1, voiding: 1, outOfScope: 1 });
    const asJson = path.join(work, 'export.json');
    writeFileSync(asJson, JSON.stringify({ statements: [...statements, duplicate, voidingStatement], more: '' }));
    expect(json(await reportHere(['--format', 'json', '--from', asJson])).learners).toEqual(EXPECTED_LEARNERS);
  });

  it('--trusted-authority keeps statements sent with a known key and drops the rest', async () => {
    const trusted = json(await reportHere(['--format', 'json', '--trusted-authority', authority(lrs)], env()));
    expect(trusted.learners).toEqual(EXPECTED_LEARNERS);
    const untrusted = json(await reportHere(['--format', 'json', '--trusted-authority', 'mailto:someone-else@example.org'], env()));
    expect(untrusted.learners).toEqual([]);
    expect(untrusted.statements.untrusted).toBeGreaterThan(0);
  });

  it('pages refused for now (a 503, a 429, through a proxy on 127.0.0.1) are asked for again: the same report, each retry said on stderr', async () => {
    const gate = await startLrsGate(lrs.endpoint);
    try {
      // Every third request for a page is refused once; `Retry-After: 0`, so the test waits for nothing.
      gate.fault = ({ method, path, n }) => (method === 'GET' && path.endsWith('/statements') && n % 3 === 2 ? { status: n % 2 ? 429 : 503, headers: { 'Retry-After': '0' } } : undefined);
      const run = await reportAsync(['--format', 'json', '--page-size', '7'], { COURSEPACK_REPORT_ENDPOINT: gate.endpoint, COURSEPACK_REPORT_AUTH: lrs.auth });
      expect(run.code, run.stderr).toBe(0);
      expect((JSON.parse(run.stdout) as JsonReport).learners).toEqual(EXPECTED_LEARNERS);
      const lines = run.stderr.trim().split('\n');
      expect(lines[0]).toBe(`coursepack report: page 2 from the LRS at ${gate.endpoint}: HTTP 503 Service Unavailable; trying again in 0 s (try 2 of 6)`);
      expect(lines[1]).toBe(`coursepack report: page 4 from the LRS at ${gate.endpoint}: HTTP 429 Too Many Requests; trying again in 0 s (try 2 of 6)`);
      expect(run.stderr).not.toContain(lrs.auth.slice(6));
    } finally {
      await gate.stop();
    }
  });

  it('with --sync, an LRS that goes away part-way for good: the pages read are kept, and the next run ends the same as one that never failed', async () => {
    const gate = await startLrsGate(lrs.endpoint);
    const file = path.join(work, `flaky-${Math.random().toString(16).slice(2)}.ndjson`);
    const env = { COURSEPACK_REPORT_ENDPOINT: gate.endpoint, COURSEPACK_REPORT_AUTH: lrs.auth };
    try {
      gate.fault = ({ method, n }) => (method === 'GET' && n >= 3 ? { status: 503, headers: { 'Retry-After': '0' } } : undefined);
      // Without --sync the pages read go with the temporary file: the message says how to keep them.
      const lost = await reportAsync(['--page-size', '7'], env);
      expect(lost.code).toBe(2);
      expect(lost.stderr.trim().split('\n').at(-1)).toMatch(/failed \(HTTP 503 Service Unavailable\); try again later \(after 6 tries over 0 s\); with --sync FILE the 2 pages read before that would have been kept, and the next run would go on from there$/);
      // Counted on from the requests of the run above.
      const before = gate.seen.filter((r) => r.method === 'GET').length;
      gate.fault = ({ method, n }) => (method === 'GET' && n > before + 2 ? { status: 503, headers: { 'Retry-After': '0' } } : undefined);
      const failed = await reportAsync(['--format', 'json', '--sync', file, '--page-size', '7'], env);
      expect(failed.code).toBe(2);
      // Five retries said, then the failure, on stderr; stdout is the one JSON document --format json promises.
      const lines = failed.stderr.trim().split('\n');
      expect(lines.slice(0, 5)).toEqual([2, 3, 4, 5, 6].map((t) => `coursepack report: page 3 from the LRS at ${gate.endpoint}: HTTP 503 Service Unavailable; trying again in 0 s (try ${t} of 6)`));
      expect(JSON.parse(failed.stdout)).toEqual({ ok: false, exitCode: 2, error: failed.stderr.trim() });
      expect(lines.at(-1)).toBe(`coursepack report: the LRS at ${gate.endpoint} failed (HTTP 503 Service Unavailable); try again later (after 6 tries over 0 s); the 14 statements read before that are kept in ${file}, and running the same command again goes on from there`);
      expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(14);

      gate.fault = undefined;
      const again = await reportHere(['--format', 'json', '--sync', file, '--page-size', '7'], env);
      expect(json(again).learners).toEqual(EXPECTED_LEARNERS);
      // Every statement the LRS holds for the course, once, as one sync that never failed keeps them.
      const once = path.join(work, `whole-${Math.random().toString(16).slice(2)}.ndjson`);
      json(await reportHere(['--format', 'json', '--sync', once], env));
      const idsOf = (f: string) => readFileSync(f, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id).sort();
      expect(idsOf(file)).toEqual(idsOf(once));
    } finally {
      await gate.stop();
    }
  });

  it('--since asks the LRS only for what was stored from a day before it: the same report, fewer pages', async () => {
    const gate = await startLrsGate(lrs.endpoint);
    try {
      const env = { COURSEPACK_REPORT_ENDPOINT: gate.endpoint, COURSEPACK_REPORT_AUTH: lrs.auth };
      const pages = async (args: string[]) => {
        const before = gate.seen.filter((r) => r.method === 'GET').length;
        const run = await reportHere(['--format', 'json', '--page-size', '7', ...args], env);
        return { doc: json(run), gets: gate.seen.filter((r) => r.method === 'GET').length - before };
      };
      // The scenario's statements were stored as the test began: a window from the day after tomorrow holds
      // none, and the LRS is asked for none of them (one empty page: the day's margin ends tomorrow); from a
      // week ago, every page, and the same report as without the filter.
      const later = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
      const future = await pages(['--since', later]);
      expect(future.gets).toBe(1);
      expect(future.doc.learners).toEqual([]);
      const all = await pages([]);
      expect(all.gets).toBeGreaterThan(3);
      const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
      expect((await pages(['--since', '2020-01-01'])).doc.learners).toEqual(all.doc.learners);
      expect((await pages(['--since', weekAgo])).gets).toBe(all.gets);
    } finally {
      await gate.stop();
    }
  });

  it('an LRS with nothing about the course says so, with what to check, where the empty report read as nobody started', () => {
    const other = `${COURSE}-not-sent`;
    const r = spawnSync(process.execPath, [bin, 'report', '--activity', other], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env() }, timeout: 120_000 });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`coursepack report: note: the LRS holds no statement about ${other} or its activities; check that it is the IRI the packages send (--activity) and that the key may read their statements\n`);
    expect(r.stdout).toMatch(/Statements: 0 counted of 0 read/);
  });

  it('the terminal table and CSV files come from the same data', async () => {
    const table = await reportHere([], env());
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^All learners\s+4\s+4\s+100%\s+2\s+50%\s+1\s+25%\s+2\s/m);
    const out = path.join(work, 'csv');
    const csv = await reportHere(['--format', 'csv', '--out', out], env());
    expect(csv.code).toBe(0);
    const learners = readFileSync(path.join(out, 'learners.csv'), 'utf8');
    expect(learners.startsWith('\ufefflearner,name,status')).toBe(true);
    expect(learners).toContain('"<img src=x onerror=alert(1)>"'.replace(/"/g, ''));
  });
});
