/**
 * Incremental sync against a scripted LRS: the cursor on `stored`, the overlap window whose
 * statements are not kept twice, a later voiding statement taking its target out of the file, and
 * the refusals that protect a sync file from being mixed up.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OVERLAP_MS, syncLrs } from '../../src/report/index.js';
import { COURSE, score, statement, voiding } from './make-statements.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cp-report-sync-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SOURCE = { endpoint: 'https://lrs.example.org/xAPI', auth: 'Basic a2V5OnNlY3JldA==' };

/** An LRS holding `stored` statements; answers `since` (exclusive, on stored) like Communication §2.1.3. */
function lrs(held: Array<Record<string, unknown>>) {
  const queries: URLSearchParams[] = [];
  const fetch = (async (url: string | URL | Request) => {
    const params = new URL(String(url)).searchParams;
    queries.push(params);
    const since = params.get('since');
    const statements = held
      .filter((s) => since === null || Date.parse(s.stored as string) > Date.parse(since))
      .sort((a, b) => Date.parse(a.stored as string) - Date.parse(b.stored as string));
    return new Response(JSON.stringify({ statements, more: '' }), { status: 200 });
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
});
