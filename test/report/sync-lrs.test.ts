/**
 * Incremental sync against a scripted LRS: the cursor on `stored`, the overlap window whose
 * statements are not kept twice, a later voiding statement taking its target out of the file, and
 * the refusals that protect a sync file from being mixed up.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OVERLAP_MS, syncLrs } from '../../src/report/index.js';
import { COURSE, score, statement, voiding } from './make-statements.js';

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

const ids = (file: string): string[] => readFileSync(file, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);

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
});
