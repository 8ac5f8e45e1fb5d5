/**
 * Incremental sync against a scripted LRS: the cursor on `stored`, the overlap window whose
 * statements are not kept twice, a later voiding statement taking its target out of the file, and
 * the refusals that protect a sync file from being mixed up.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { OVERLAP_MS, ReportError, syncLrs } from '../../src/report/index.js';
import { writeAllSync } from '../../src/report/sync-lrs.js';
import { COURSE, PAGE_A1, score, statement, voiding } from './make-statements.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cp-report-sync-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SOURCE = { endpoint: 'https://lrs.example.org/xAPI', auth: 'Basic a2V5OnNlY3JldA==' };

/**
 * An LRS holding `stored` statements; answers `since` (exclusive, on stored) like Communication §2.1.3.
 * `consistentThrough`: sent as X-Experience-API-Consistent-Through.
 */
function lrs(held: Array<Record<string, unknown>>, consistentThrough?: string) {
  const queries: URLSearchParams[] = [];
  const fetch = (async (url: string | URL | Request) => {
    const params = new URL(String(url)).searchParams;
    queries.push(params);
    const since = params.get('since');
    const statements = held
      .filter((s) => since === null || Date.parse(s.stored as string) > Date.parse(since))
      .sort((a, b) => Date.parse(a.stored as string) - Date.parse(b.stored as string));
    const headers: Record<string, string> = consistentThrough ? { 'X-Experience-API-Consistent-Through': consistentThrough } : {};
    return new Response(JSON.stringify({ statements, more: '' }), { status: 200, headers });
  }) as typeof globalThis.fetch;
  return { fetch, queries };
}

/**
 * The same LRS, paging: `limit` statements a page, `more` an offset. Oldest first when asked `ascending`
 * (newest first otherwise, the spec's default), unless `ignoresAscending`. From request `failFrom` on
 * (counted from 1), it answers 503 for good.
 */
function pagedLrs(held: Array<Record<string, unknown>>, options: { failFrom?: number; ignoresAscending?: boolean } = {}) {
  const queries: URLSearchParams[] = [];
  let requests = 0;
  const fetch = (async (url: string | URL | Request) => {
    requests++;
    if (options.failFrom !== undefined && requests >= options.failFrom) return new Response('down', { status: 503 });
    const params = new URL(String(url)).searchParams;
    queries.push(params);
    const query = params.has('offset') ? new URLSearchParams(params.get('query') ?? '') : params;
    const since = query.get('since');
    const oldestFirst = query.get('ascending') === 'true' && !options.ignoresAscending;
    const all = held
      .filter((s) => since === null || Date.parse(s.stored as string) > Date.parse(since))
      .sort((a, b) => (oldestFirst ? 1 : -1) * (Date.parse(a.stored as string) - Date.parse(b.stored as string)));
    const limit = Number(query.get('limit') ?? 500);
    const offset = Number(params.get('offset') ?? 0);
    const more = offset + limit < all.length ? `/xAPI/statements?offset=${offset + limit}&query=${encodeURIComponent(query.toString())}` : '';
    return new Response(JSON.stringify({ statements: all.slice(offset, offset + limit), more }), { status: 200 });
  }) as typeof globalThis.fetch;
  return { fetch, queries };
}

const NO_WAIT = { delaysMs: [1, 1], sleep: async () => undefined };

const ids = (file: string): string[] => readFileSync(file, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);

describe('writeAllSync', () => {
  it('writes on after a short write, and a write that takes nothing (a full disk) is an error, not a file cut short', () => {
    const taken: string[] = [];
    writeAllSync(7, 'é'.repeat(5000), (_fd, bytes, at, length) => {
      const n = Math.min(4096, length);
      taken.push(bytes.subarray(at, at + n).toString('latin1'));
      return n;
    });
    expect(Buffer.from(taken.join(''), 'latin1').toString('utf8')).toBe('é'.repeat(5000));
    let calls = 0;
    expect(() => writeAllSync(7, 'x'.repeat(10_000), (_fd, _bytes, _at, length) => (++calls === 1 ? Math.min(4096, length) : 0))).toThrow(/ENOSPC/);
  });
});

describe('incremental sync', () => {
  it('fetches from the cursor on, skips what the overlap brings back, and retracts a voided statement', async () => {
    const file = path.join(dir, 'a.ndjson');
    const first = [statement({ verb: 'initialized', at: 0 }), statement({ verb: 'passed', at: 10, result: score(0.9) })];
    const held = [...first];
    const a = lrs(held);
    const r1 = await syncLrs(SOURCE, { activity: COURSE, file, incremental: true, fetch: a.fetch });
    expect(r1.fetched).toBe(2);
    expect(a.queries[0]?.get('since')).toBeNull();
    expect(ids(file)).toEqual(first.map((s) => s.id));
    const cursor = JSON.parse(readFileSync(`${file}.cursor.json`, 'utf8')) as { stored: string; endpoint: string; recent: unknown[] };
    expect(cursor).toMatchObject({ stored: first[1]?.stored, endpoint: 'https://lrs.example.org/xAPI' });
    expect(JSON.stringify(cursor)).not.toContain('a2V5OnNlY3JldA');

    // The admin voids the pass; a new statement arrives.
    const later = statement({ verb: 'failed', at: 20, result: score(0.4) });
    held.push(voiding(first[1]?.id as string, 30), later);
    const b = lrs(held);
    const r2 = await syncLrs(SOURCE, { activity: COURSE, file, incremental: true, fetch: b.fetch });
    // The query starts OVERLAP_MS before the cursor, ascending.
    expect(Date.parse(b.queries[0]?.get('since') ?? '')).toBe(Date.parse(first[1]?.stored as string) - OVERLAP_MS);
    expect(b.queries[0]?.get('ascending')).toBe('true');
    // The overlap brought the pass back (the scripted LRS does not hide voided statements): it is skipped, then retracted.
    expect(r2.fetched).toBe(3);
    expect(ids(file)).toEqual([first[0]?.id, later.id, held[2]?.id]);
    expect(existsSync(`${file}.part`)).toBe(false);
    expect(existsSync(`${file}.tmp`)).toBe(false);
  });

  it('refuses a sync file of another LRS or course, or one without its cursor', async () => {
    const file = path.join(dir, 'b.ndjson');
    await syncLrs(SOURCE, { activity: COURSE, file, incremental: true, fetch: lrs([statement({ verb: 'initialized', at: 0 })]).fetch });
    await expect(syncLrs({ ...SOURCE, endpoint: 'https://other.example.org/xAPI' }, { activity: COURSE, file, incremental: true, fetch: lrs([]).fetch })).rejects.toThrow(
      /holds statements of .* from https:\/\/lrs\.example\.org\/xAPI; use another --sync file/,
    );
    await expect(syncLrs(SOURCE, { activity: `${COURSE}-2`, file, incremental: true, fetch: lrs([]).fetch })).rejects.toThrow(/use another --sync file/);
    const orphan = path.join(dir, 'c.ndjson');
    writeFileSync(orphan, '');
    await expect(syncLrs(SOURCE, { activity: COURSE, file: orphan, incremental: true, fetch: lrs([]).fetch })).rejects.toThrow(/cursor\.json does not; remove/);
  });

  it.each([
    ['cut short', '{"stored": "2026-'],
    ['not an object', 'null'],
    ['without its fields', '{}'],
  ])('a damaged cursor (%s) is one clear sentence, not an internal error', async (_name, text) => {
    const file = path.join(dir, 'd.ndjson');
    writeFileSync(file, '');
    writeFileSync(`${file}.cursor.json`, text);
    await expect(syncLrs(SOURCE, { activity: COURSE, file, incremental: true, fetch: lrs([]).fetch })).rejects.toThrow(/cursor\.json is damaged; remove it/);
  });

  it('never moves its cursor past the LRS\'s Consistent-Through time: a statement stored before it that shows up late is fetched next time', async () => {
    const file = path.join(dir, 'e.ndjson');
    const ada = statement({ verb: 'initialized', at: 0 });
    const adaDone = statement({ verb: 'completed', at: 10 });
    const bob = statement({ verb: 'completed', at: 9.9, who: 'bob' });
    // Bob's statement, stored just before Ada's last, is not visible yet; the LRS says it is complete only up to minute 9.
    await syncLrs(SOURCE, { activity: COURSE, file, incremental: true, fetch: lrs([ada, adaDone], statement({ verb: 'initialized', at: 9 }).stored as string).fetch });
    const cursor = JSON.parse(readFileSync(`${file}.cursor.json`, 'utf8')) as { stored: string };
    expect(Date.parse(cursor.stored)).toBeLessThan(Date.parse(adaDone.stored as string));
    await syncLrs(SOURCE, { activity: COURSE, file, incremental: true, fetch: lrs([ada, adaDone, bob]).fetch });
    // Bob came; Ada's completion, read again from the held-back cursor on, is kept once.
    expect(ids(file)).toEqual([ada.id, adaDone.id, bob.id]);
  });

  it('a first sync that finds nothing still leaves a cursor, and the next one reads from the start', async () => {
    const file = path.join(dir, 'f.ndjson');
    expect((await syncLrs(SOURCE, { activity: COURSE, file, incremental: true, fetch: lrs([]).fetch })).fetched).toBe(0);
    expect(JSON.parse(readFileSync(`${file}.cursor.json`, 'utf8'))).toMatchObject({ stored: null, recent: [] });
    const first = statement({ verb: 'initialized', at: 0 });
    const next = lrs([first]);
    await syncLrs(SOURCE, { activity: COURSE, file, incremental: true, fetch: next.fetch });
    expect(next.queries[0]?.get('since')).toBeNull();
    expect(ids(file)).toEqual([first.id]);
  });

  it('one sync into a file at a time: another running is refused, a lock left by a report that died is taken over, none is left behind', async () => {
    const file = path.join(dir, 'locked.ndjson');
    const first = statement({ verb: 'initialized', at: 0 });
    // A live process holds it (this test's parent: vitest's own).
    writeFileSync(`${file}.lock`, `${process.ppid}\n`);
    const refused = syncLrs(SOURCE, { activity: COURSE, file, incremental: true, fetch: lrs([first]).fetch });
    await expect(refused).rejects.toThrow(ReportError);
    await expect(refused).rejects.toThrow(`another report is syncing ${file} (process ${process.ppid}); run this one when it has finished (if no report is running, remove ${file}.lock)`);
    expect(existsSync(`${file}.lock`)).toBe(true);
    // A process that has ended (a report killed mid-sync).
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(`${file}.lock`, `${gone}\n`);
    expect((await syncLrs(SOURCE, { activity: COURSE, file, incremental: true, fetch: lrs([first]).fetch })).fetched).toBe(1);
    expect(ids(file)).toEqual([first.id]);
    expect(existsSync(`${file}.lock`)).toBe(false);
    // A lock naming this very process that no sync here holds: left by an earlier run that had the same
    // process id (containers reuse them), so taken over.
    writeFileSync(`${file}.lock`, `${process.pid}\n`);
    expect((await syncLrs(SOURCE, { activity: COURSE, file, incremental: true, fetch: lrs([first]).fetch })).fetched).toBeGreaterThanOrEqual(0);
    expect(existsSync(`${file}.lock`)).toBe(false);
    // Two at once in this process: the second waits for nothing, it is refused while the first runs.
    // Waits for the sync to reach its fetch (a fixed sleep lost that race on a busy CI machine: release
    // came before the fetch had started, and the fetch then waited for good).
    let release: () => void = () => undefined;
    let fetching: () => void = () => undefined;
    const reachedFetch = new Promise<void>((resolve) => (fetching = resolve));
    const slow = (async () => {
      const released = new Promise<void>((resolve) => (release = resolve));
      fetching();
      await released;
      return new Response(JSON.stringify({ statements: [], more: '' }), { status: 200 });
    }) as typeof globalThis.fetch;
    const running = syncLrs(SOURCE, { activity: COURSE, file, incremental: true, fetch: slow });
    await reachedFetch;
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    await expect(syncLrs(SOURCE, { activity: COURSE, file, incremental: true, fetch: lrs([first]).fetch })).rejects.toThrow(`(process ${process.pid})`);
    // The same file named through a symlinked folder is the same lock: refused too, and the first keeps its lock.
    const alias = path.join(dir, `alias-${path.basename(path.dirname(file))}`);
    symlinkSync(path.dirname(file), alias);
    await expect(syncLrs(SOURCE, { activity: COURSE, file: path.join(alias, path.basename(file)), incremental: true, fetch: lrs([first]).fetch })).rejects.toThrow(`(process ${process.pid})`);
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    release();
    await running;
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('retracts only what a voiding statement voids: the ADL voided verb on a StatementRef, not any verb ending in /voided', async () => {
    const file = path.join(dir, 'g.ndjson');
    const pass = statement({ verb: 'passed', at: 0, result: score(0.9) });
    await syncLrs(SOURCE, { activity: COURSE, file, incremental: true, fetch: lrs([pass]).fetch });
    const lookalike: Record<string, unknown> = { ...voiding(pass.id as string, 5), verb: { id: 'https://vocab.example.org/verbs/voided' } };
    const onActivity: Record<string, unknown> = { ...voiding(pass.id as string, 6), object: { objectType: 'Activity', id: pass.id } };
    await syncLrs(SOURCE, { activity: COURSE, file, incremental: true, fetch: lrs([pass, lookalike, onActivity]).fetch });
    expect(ids(file)).toEqual([pass.id, lookalike.id, onActivity.id]);
  });

  it('a sync file it cannot write (no such folder, a full disk) is one clear error, and no .part is left', async () => {
    const missing = path.join(dir, 'no-such-folder', 'h.ndjson');
    await expect(syncLrs(SOURCE, { activity: COURSE, file: missing, incremental: true, fetch: lrs([]).fetch })).rejects.toThrow(/^cannot write .*h\.ndjson\.part: ENOENT/);
    const full = path.join(dir, 'full.ndjson');
    symlinkSync('/dev/full', `${full}.part`);
    await expect(syncLrs(SOURCE, { activity: COURSE, file: full, incremental: true, fetch: lrs([statement({ verb: 'initialized', at: 0 })]).fetch }))
      .rejects.toThrow(/^cannot write .*full\.ndjson\.part: ENOSPC/);
    expect(existsSync(`${full}.part`) || existsSync(full)).toBe(false);
  });

  it('an LRS that fails for good part-way: the pages read are kept with their cursor, and the next run reads only the rest', async () => {
    const file = path.join(dir, 'i.ndjson');
    const held = Array.from({ length: 10 }, (_, i) => statement({ verb: 'experienced', at: i, object: PAGE_A1 }));
    // Pages of 3: the first two come, then every try of the third fails (three tries: 1 + NO_WAIT's two).
    const failing = pagedLrs(held, { failFrom: 3 });
    const error = await syncLrs(SOURCE, { activity: COURSE, file, incremental: true, pageSize: 3, fetch: failing.fetch, retry: NO_WAIT }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportError);
    expect((error as Error).message).toBe(`the LRS at https://lrs.example.org/xAPI failed (HTTP 503); try again later (after 3 tries over 0 s); the 6 statements read before that are kept in ${file}, and running the same command again goes on from there`);
    // The first sync asks oldest first too, so what it kept is everything stored up to its cursor.
    expect(failing.queries[0]?.get('ascending')).toBe('true');
    expect(ids(file)).toEqual(held.slice(0, 6).map((s) => s.id));
    expect(JSON.parse(readFileSync(`${file}.cursor.json`, 'utf8'))).toMatchObject({ stored: held[5]?.stored });
    expect(existsSync(`${file}.part`)).toBe(false);

    const back = pagedLrs(held);
    const r = await syncLrs(SOURCE, { activity: COURSE, file, incremental: true, pageSize: 3, fetch: back.fetch });
    expect(Date.parse(back.queries[0]?.get('since') ?? '')).toBe(Date.parse(held[5]?.stored as string) - OVERLAP_MS);
    // The same file as one sync that never failed.
    expect(ids(file)).toEqual(held.map((s) => s.id));
    expect(r.fetched).toBeLessThan(held.length);
  });

  it('keeps nothing from a failed sync when the LRS did not page oldest first (a cursor would skip the older statements for good)', async () => {
    const file = path.join(dir, 'j.ndjson');
    const held = Array.from({ length: 10 }, (_, i) => statement({ verb: 'experienced', at: i, object: PAGE_A1 }));
    const careless = pagedLrs(held, { failFrom: 3, ignoresAscending: true });
    const error = await syncLrs(SOURCE, { activity: COURSE, file, incremental: true, pageSize: 3, fetch: careless.fetch, retry: NO_WAIT }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/failed \(HTTP 503\); try again later \(after 3 tries over 0 s\)$/);
    expect(existsSync(file) || existsSync(`${file}.cursor.json`) || existsSync(`${file}.part`)).toBe(false);
  });

  it('a failure on the first page keeps nothing and leaves no file', async () => {
    const file = path.join(dir, 'k.ndjson');
    const down = pagedLrs([statement({ verb: 'initialized', at: 0 })], { failFrom: 1 });
    await expect(syncLrs(SOURCE, { activity: COURSE, file, incremental: true, fetch: down.fetch, retry: NO_WAIT })).rejects.toThrow(/failed \(HTTP 503\); try again later \(after 3 tries over 0 s\)$/);
    expect(existsSync(file) || existsSync(`${file}.cursor.json`) || existsSync(`${file}.part`)).toBe(false);
  });
});

/**
 * Many processes at once against one lock, the way a nightly job and an admin's run meet, only more often.
 * Each child (this script, bundled with the real lock code) takes the lock in a loop; while it holds it,
 * it appends `+pid` and `-pid` to a shared log (O_APPEND: one order for all) and checks the lock still names
 * it; then it either releases it or "dies" holding it (its lock is replaced by one naming a process that has
 * ended), so the others keep meeting stale locks. No two may hold it at once: in the log, every `+` is
 * followed by the same process's `-` before any other `+`.
 */
const LOCK_CHILD = `
import fs, { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { takeSyncLock } from './src/report/take-sync-lock.ts';
import { ReportError } from './src/report/report-error.ts';
const [file, log, go, dead, turns, links] = process.argv.slice(2);
// A folder on a file system without hard links (FAT, some network shares), as Linux answers there.
if (links === 'none') {
  fs.linkSync = () => { throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' }); };
  syncBuiltinESMExports();
}
writeFileSync(go + '.ready-' + process.pid, '');
// Waits a millisecond at a time: eight children spinning on two cores kept the last of them from starting.
while (!existsSync(go)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
for (let turn = 0; turn < Number(turns); turn++) {
  let release;
  try {
    release = takeSyncLock(file);
  } catch (error) {
    if (error instanceof ReportError) continue;
    throw error;
  }
  appendFileSync(log, '+' + process.pid + '\\n');
  for (let look = 0; look < 3; look++) {
    let text = '';
    try { text = readFileSync(file + '.lock', 'utf8'); } catch {}
    if (text !== process.pid + '\\n') appendFileSync(log, '!' + process.pid + ' lock says ' + JSON.stringify(text) + '\\n');
  }
  appendFileSync(log, '-' + process.pid + '\\n');
  if (turn % 2) release();
  else {
    writeFileSync(file + '.dying-' + process.pid, dead + '\\n');
    renameSync(file + '.dying-' + process.pid, file + '.lock');
  }
}
`;

/** What in the log shows two holders at once (or a holder whose lock says otherwise); empty when none. */
function overlaps(log: string): string[] {
  const found: string[] = [];
  let holder: string | undefined;
  for (const line of log.split('\n').filter(Boolean)) {
    if (line.startsWith('!')) found.push(line);
    else if (line.startsWith('+')) {
      if (holder !== undefined) found.push(`${line.slice(1)} took it while ${holder} held it`);
      holder = line.slice(1);
    } else if (holder === line.slice(1)) holder = undefined;
  }
  return found;
}

describe('the sync lock across processes', () => {
  it('a report killed while it removed a stale lock leaves it to a person, and says which files to remove', async () => {
    const file = path.join(dir, 'left-breaking.ndjson');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(`${file}.lock`, `${gone}\n`);
    writeFileSync(`${file}.lock.break`, '');
    const stuck = syncLrs(SOURCE, { activity: COURSE, file, incremental: true, fetch: lrs([]).fetch });
    await expect(stuck).rejects.toThrow(`cannot take ${file}.lock: other reports keep taking it (if no report is running, remove ${file}.lock and ${file}.lock.break)`);
    rmSync(`${file}.lock.break`);
    expect((await syncLrs(SOURCE, { activity: COURSE, file, incremental: true, fetch: lrs([]).fetch })).fetched).toBe(0);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it.each(['hard links', 'none'])('is held by at most one process at a time, eight of them taking it over and over from stale locks (%s)', async (links) => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const child = path.join(dir, `take-lock-${links.replace(' ', '-')}.mjs`);
    await build({ stdin: { contents: LOCK_CHILD, resolveDir: root, loader: 'ts' }, outfile: child, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const found: string[] = [];
    let held = 0;
    for (let round = 0; round < 3; round++) {
      const at = path.join(dir, `race-${links.replace(' ', '-')}-${round}`);
      mkdirSync(at);
      const file = path.join(at, 'statements.ndjson');
      const log = path.join(at, 'holders.log');
      const go = path.join(at, 'go');
      writeFileSync(`${file}.lock`, `${dead}\n`);
      writeFileSync(log, '');
      const children = Array.from({ length: 8 }, () => spawn(process.execPath, [child, file, log, go, dead, '150', links], { stdio: ['ignore', 'ignore', 'pipe'] }));
      const ended = children.map((c) => {
        let stderr = '';
        c.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        return new Promise<string>((resolve) => c.on('close', (code) => resolve(code === 0 ? '' : `exit ${code}: ${stderr}`)));
      });
      // All eight started before any takes the lock, so they meet.
      while (readdirSync(at).filter((name) => name.startsWith('go.ready-')).length < children.length) await new Promise((resolve) => setTimeout(resolve, 10));
      writeFileSync(go, '');
      expect((await Promise.all(ended)).filter(Boolean)).toEqual([]);
      const text = readFileSync(log, 'utf8');
      held += text.split('\n').filter((line) => line.startsWith('+')).length;
      found.push(...overlaps(text));
    }
    expect(found).toEqual([]);
    expect(held).toBeGreaterThan(3 * 8);
  }, 120_000);
});
