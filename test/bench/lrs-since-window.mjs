#!/usr/bin/env node
/**
 * Reading a `since` window through `more` from the embedded LRS, against the same read without `since`
 * (BENCHMARKS.md, Embedded LRS, "since windows"): a fresh database of N statements for one course, POSTed in
 * batches of 500, then read with limit=500 three times each way. Usage:
 *
 *   node src/bundle.mjs && node test/bench/lrs-since-window.mjs [N]      (N defaults to 60000)
 *
 * Prints the milliseconds of each read as JSON; the tree is left as it was (the database is under the OS temp folder).
 */
import { spawn, execFileSync } from 'node:child_process';
import { rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
const cli = fileURLToPath(new URL('../../lib/coursepack.mjs', import.meta.url));
const N = Number(process.argv[2] ?? 60000);
const dir = join(tmpdir(), `coursepack-since-bench-${process.pid}`); rmSync(dir, { recursive: true, force: true }); mkdirSync(dir);
const db = `${dir}/lrs.sqlite`;
const key = JSON.parse(execFileSync('node', [cli, 'lrs', 'keys', 'add', '--scope', 'admin', '--db', db, '--json']).toString());
const auth = `Basic ${Buffer.from(`${key.key}:${key.secret}`).toString('base64')}`;
const child = spawn('node', [cli, 'lrs', '--port', '18999', '--db', db, '--quiet'], { stdio: 'ignore' });
const base = 'http://127.0.0.1:18999/xAPI';
const H = { Authorization: auth, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' };
for (let i = 0; i < 100; i++) { try { await fetch(`${base}/about`); break; } catch { await new Promise((r) => setTimeout(r, 100)); } }
const course = 'https://example.org/course';
for (let b = 0; b < N / 500; b++) {
  const batch = Array.from({ length: 500 }, (_, j) => ({ actor: { account: { homePage: 'https://lms.example.org', name: `l${(b * 500 + j) % 3000}` } }, verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' }, object: { id: `${course}/p${j % 30}` }, context: { contextActivities: { grouping: [{ id: course }] } }, timestamp: '2026-01-01T00:00:00Z' }));
  const r = await fetch(`${base}/statements`, { method: 'POST', headers: H, body: JSON.stringify(batch) }); if (r.status !== 200) throw new Error(String(r.status));
}
async function readAll(params) {
  let url = `${base}/statements?${new URLSearchParams({ activity: course, related_activities: 'true', ascending: 'true', limit: '500', ...params })}`;
  let n = 0; const t = performance.now();
  for (;;) { const r = await (await fetch(url, { headers: H })).json(); n += r.statements.length; if (!r.more) break; url = new URL(r.more, base).href; }
  return { n, ms: Math.round(performance.now() - t) };
}
const out = {};
for (let round = 0; round < 3; round++) {
  for (const [name, p] of [['no since', {}], ['since', { since: '2000-01-01T00:00:00Z' }]]) (out[name] ??= []).push(await readAll(p));
}
console.log(JSON.stringify(out));
child.kill();
rmSync(dir, { recursive: true, force: true });
