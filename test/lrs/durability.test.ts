/**
 * Issue 10 point 3: `kill -9` during a load loses nothing that was acknowledged, and a restart on
 * the same file needs no repair. A child LRS takes statements from several concurrent writers; it
 * is SIGKILLed while requests are still in flight; a new one on the same database must return every
 * statement that got a 200, and SQLite's integrity check must pass.
 *
 * What this cannot show: a power cut. A killed process leaves its writes in the OS cache, which
 * reaches the disk anyway; synchronous=FULL (store-sqlite.ts) is what covers the power cut.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { addTestKey, spawnLrs } from '../helpers/embedded-lrs.js';
import { claimDatabase, makeDeps, openSqliteStore, routeRequest } from '../../src/lrs/index.js';
import { canonicalJson, storedFingerprint } from '../../src/lrs/prepare-statement.js';
import { statement } from './lrs-fixture.js';

const work = mkdtempSync(join(tmpdir(), 'cp-lrs-kill-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const WRITERS = 6;
const KILL_AFTER = 150;
const MAX_PER_WRITER = 400;

describe('an LRS killed with SIGKILL under load', () => {
  it('keeps every acknowledged statement and restarts without repair', async () => {
    const db = join(work, 'lrs.sqlite');
    const { auth } = addTestKey(db, 'admin');
    const first = await spawnLrs(db, ['--quiet'], auth);
    const headers = { Authorization: auth, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' };
    const acknowledged: string[] = [];
    let failures = 0;
    let killed = false;

    const writer = async (w: number): Promise<void> => {
      for (let i = 0; i < MAX_PER_WRITER && !killed; i += 1) {
        const id = crypto.randomUUID();
        // Batches of 1 and of 5, so a kill can land inside a multi-statement transaction.
        const batch = i % 2 ? [statement({ id })] : [statement({ id }), ...Array.from({ length: 4 }, () => statement({ id: crypto.randomUUID() }))];
        try {
          const response = await fetch(`${first.endpoint}/statements`, { method: 'POST', headers, body: JSON.stringify(batch) });
          if (response.status === 200) acknowledged.push(...((await response.json()) as string[]));
          else failures += 1;
        } catch {
          failures += 1; // the connection died with the server: not acknowledged, so nothing is promised
        }
        if (!killed && acknowledged.length >= KILL_AFTER && w === 0) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    await exited;
    expect(killed).toBe(true);
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);

    // Restart on the same file, as a person would: no repair step.
    const second = await spawnLrs(db, ['--quiet'], auth);
    try {
      const missing: string[] = [];
      for (const id of acknowledged) {
        const response = await fetch(`${second.endpoint}/statements?statementId=${id}`, { headers });
        if (response.status !== 200) missing.push(id);
      }
      expect(missing).toEqual([]);
    } finally {
      await second.stop();
    }
    const check = new Database(db, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(check.pragma('journal_mode', { simple: true })).toBe('wal');
    check.close();
  }, 120_000);
});

/** One request as admin to an LRS on `file`, opened for it and closed after, as a restarted server would. */
function callOn(file: string, method: string, body: unknown, statementId?: string): { status: number; json: unknown } {
  const store = openSqliteStore(file);
  try {
    const deps = makeDeps(store, { now: () => new Date(), uuid: () => crypto.randomUUID() });
    const headers = { authorization: `Basic ${Buffer.from('a:secret').toString('base64')}`, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' };
    const search = new URLSearchParams(statementId ? { statementId } : {});
    const { response } = routeRequest(
      { method, resource: 'statements', search, headers, body: Buffer.from(body === undefined ? '' : JSON.stringify(body)) },
      deps,
      () => ({ key: 'a', scope: 'admin' }),
    );
    const text = response.body?.toString() ?? '';
    return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
  } finally {
    store.close();
  }
}

/**
 * The fingerprint as the LRS computed it before user_version 1: the statement as sent (an LRS-set
 * timestamp is not sent) minus stored, authority and version, the timestamp as an ISO instant.
 */
function oldFingerprint(body: Record<string, unknown>): string {
  const { stored, authority: _a, version: _v, ...rest } = body;
  if (rest['timestamp'] === stored) delete rest['timestamp'];
  else if (typeof rest['timestamp'] === 'string') rest['timestamp'] = new Date(Date.parse(rest['timestamp'])).toISOString();
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

describe('a database from before the statement comparison of Data §2.3.1 (user_version 0)', () => {
  it('gets its fingerprints recomputed at open, so an identical re-send is accepted, and only once', () => {
    const db = join(work, 'old-fingerprints.sqlite');
    const ids = ['aaaaaaaa-0000-4000-8000-00000000f001', 'aaaaaaaa-0000-4000-8000-00000000f002', 'aaaaaaaa-0000-4000-8000-00000000f003'];
    const group = { objectType: 'Group', member: [{ mbox: 'mailto:m1@example.org' }, { mbox: 'mailto:m2@example.org' }] };
    const sent = [
      statement({ id: ids[0] }),
      statement({ id: ids[1], timestamp: '2026-01-01T10:00:00+01:00' }),
      statement({ id: ids[2], actor: group, object: { objectType: 'Activity', id: 'https://coursepack.invalid/a', definition: { name: { 'en-US': 'A' } } } }),
    ];
    expect(callOn(db, 'POST', sent).status).toBe(200);
    const got = ids.map((id) => callOn(db, 'GET', undefined, id).json as Record<string, unknown>);
    const fresh = new Database(db);
    expect(fresh.pragma('user_version', { simple: true })).toBe(3);

    // A stored row's fingerprint is the one its body gives, which is what the migration relies on.
    const rows = fresh.prepare<[], { id: string; body: string; fingerprint: string }>('SELECT id, body, fingerprint FROM statements').all();
    expect(rows.map((r) => r.fingerprint)).toEqual(rows.map((r) => storedFingerprint(JSON.parse(r.body) as Record<string, unknown>)));
    // Make it a database the previous release wrote: old fingerprints, user_version 0.
    for (const row of rows) fresh.prepare('UPDATE statements SET fingerprint = ? WHERE id = ?').run(oldFingerprint(JSON.parse(row.body) as Record<string, unknown>), row.id);
    fresh.close();
    // With those fingerprints and nothing to migrate, what GET returned conflicts: the defect.
    expect(callOn(db, 'PUT', got[0], ids[0]).status).toBe(409);
    const old = new Database(db);
    old.pragma('user_version = 0');
    old.close();

    expect(callOn(db, 'PUT', got[0], ids[0]).status).toBe(204);
    const migrated = new Database(db);
    expect(migrated.pragma('user_version', { simple: true })).toBe(3);
    const after = migrated.prepare<[], { body: string; fingerprint: string }>('SELECT body, fingerprint FROM statements ORDER BY seq').all();
    expect(after.map((r) => r.fingerprint)).toEqual(after.map((r) => storedFingerprint(JSON.parse(r.body) as Record<string, unknown>)));
    migrated.close();

    expect(callOn(db, 'PUT', got[1], ids[1]).status).toBe(204);
    expect(callOn(db, 'PUT', sent[1], ids[1]).status).toBe(204);
    expect(callOn(db, 'PUT', { ...sent[1], timestamp: '2026-01-01T10:00:01Z' }, ids[1]).status).toBe(409);
    expect(callOn(db, 'POST', [got[2]]).status).toBe(200);
    expect(callOn(db, 'PUT', { ...sent[2], actor: { ...group, member: [...group.member].reverse() }, object: { objectType: 'Activity', id: 'https://coursepack.invalid/a' } }, ids[2]).status).toBe(204);
    expect(callOn(db, 'PUT', { ...sent[2], result: { success: true } }, ids[2]).status).toBe(409);
    expect(ids.map((id) => callOn(db, 'GET', undefined, id).json)).toEqual(got);

    // Done once: a later open leaves the fingerprints alone.
    const again = new Database(db);
    again.prepare('UPDATE statements SET fingerprint = ? WHERE id = ?').run('kept', ids[0]);
    again.close();
    callOn(db, 'GET', undefined, ids[0]);
    const check = new Database(db, { readonly: true });
    expect(check.prepare<[string], { fingerprint: string }>('SELECT fingerprint FROM statements WHERE id = ?').get(ids[0] as string)?.fingerprint).toBe('kept');
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  });
});

describe('a database from before Group members were indexed (user_version 1)', () => {
  it('gets its agent rows made again at open, so an agent query finds the statements of a Group the agent is a member of', () => {
    const db = join(work, 'members.sqlite');
    const id = crypto.randomUUID();
    const pair = { objectType: 'Group', member: [{ mbox: 'mailto:m1@example.org' }, { mbox: 'mailto:m2@example.org' }] };
    expect(callOn(db, 'POST', [statement({ id, actor: pair, context: { instructor: { mbox: 'mailto:t@example.org' } } })]).status).toBe(200);
    const old = new Database(db);
    // What the previous release kept: no row for a member, user_version 1.
    old.exec('DELETE FROM statement_agents WHERE related >= 2');
    old.pragma('user_version = 1');
    old.close();
    const query = (agent: string, related = false): unknown => {
      const store = openSqliteStore(db);
      try {
        const deps = makeDeps(store, { now: () => new Date(), uuid: () => crypto.randomUUID() });
        const search = new URLSearchParams({ agent: JSON.stringify({ mbox: agent }), ...(related ? { related_agents: 'true' } : {}) });
        const headers = { authorization: `Basic ${Buffer.from('a:secret').toString('base64')}`, 'x-experience-api-version': '1.0.3' };
        const { response } = routeRequest({ method: 'GET', resource: 'statements', search, headers, body: Buffer.alloc(0) }, deps, () => ({ key: 'a', scope: 'admin' }));
        return (JSON.parse(response.body?.toString() ?? '') as { statements: { id: string }[] }).statements.map((s) => s.id);
      } finally {
        store.close();
      }
    };
    expect(query('mailto:m2@example.org')).toEqual([id]);
    expect(query('mailto:t@example.org')).toEqual([]);
    expect(query('mailto:t@example.org', true)).toEqual([id]);
    const check = new Database(db, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(3);
    check.close();
  });
});

describe('a damaged database (a backup copied over one whose WAL was left beside it)', () => {
  it('is refused at open with what to do, not served with 200s for writes that cannot last', () => {
    const file = join(work, 'damaged.sqlite');
    expect(callOn(file, 'POST', Array.from({ length: 300 }, (_, i) => statement({ id: crypto.randomUUID(), object: { id: `https://example.org/a/${i}` } }))).status).toBe(200);
    // Garbage over a page in the middle of the file, as a WAL replayed onto another file leaves it.
    const bytes = readFileSync(file);
    bytes.fill(0xa5, 8192, 12288);
    writeFileSync(file, bytes);
    expect(() => openSqliteStore(file)).toThrow(/damaged|malformed/);
  });
});

describe('a database a newer coursepack has migrated (a rollback after an upgrade)', () => {
  it('is refused at open with what to do, and left as it was: this version would write rows the newer schema converted away', () => {
    const file = join(work, 'newer.sqlite');
    openSqliteStore(file).close();
    const newer = new Database(file);
    const known = Number(newer.pragma('user_version', { simple: true }));
    newer.pragma(`user_version = ${known + 1}`);
    // A table the newer schema dropped: opening must not make it again.
    newer.exec('DROP TABLE agent_names');
    newer.close();
    expect(() => openSqliteStore(file)).toThrow(`it was made by a newer coursepack (schema ${known + 1}, this one knows ${known}): run that version, or restore a backup made before the upgrade`);
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(known + 1);
    expect(after.prepare("SELECT name FROM sqlite_master WHERE name = 'agent_names'").get()).toBeUndefined();
    after.close();
  });
});

describe('the one-server claim (claimDatabase)', () => {
  it('is held by one connection at a time, and a lock file that is no SQLite file (an earlier version\'s) is replaced', () => {
    const file = join(work, 'claimed.sqlite');
    writeFileSync(`${file}.lock`, '12345\n');
    const release = claimDatabase(file);
    expect(release).toBeTypeOf('function');
    expect(claimDatabase(file)).toBeNull();
    release?.();
    const again = claimDatabase(file);
    expect(again).toBeTypeOf('function');
    again?.();
  });

  it('of processes that claim at the same moment, exactly one gets it, round after round', async () => {
    // The real claimDatabase, bundled for plain Node processes that wait for one start time and race.
    const racer = join(work, 'claim-racer.cjs');
    await build({
      stdin: {
        contents: `import { claimDatabase } from ${JSON.stringify(join(process.cwd(), 'src/lrs/store-sqlite.ts'))};
          const [file, at] = process.argv.slice(2);
          while (Date.now() < Number(at)) {}
          const release = claimDatabase(file);
          process.stdout.write(release ? 'won' : 'lost');
          // The winner holds the claim until every racer has said how it did (the test then closes its stdin):
          // a racer that starts late on a loaded machine still finds it held.
          if (release) process.stdin.on('end', () => { release(); process.exit(0); }).resume();
          else process.exit(0);`,
        resolveDir: process.cwd(), loader: 'ts',
      },
      outfile: racer, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['better-sqlite3'], logLevel: 'warning',
      nodePaths: [join(process.cwd(), 'node_modules')],
    });
    const outcomes: string[] = [];
    for (let round = 0; round < 3; round++) {
      const file = join(work, `race-${round}.sqlite`);
      const at = Date.now() + 200;
      const children = Array.from({ length: 6 }, () => spawn(process.execPath, [racer, file, String(at)], {
        stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, NODE_PATH: join(process.cwd(), 'node_modules') },
      }));
      const said = await Promise.all(children.map((child) => new Promise<string>((resolve) => {
        child.stdout.once('data', (c: Buffer) => resolve(c.toString()));
        child.once('exit', () => resolve('exited without a word'));
      })));
      const exited = children.map((child) => new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null))));
      for (const child of children) child.stdin.end();
      await Promise.all(exited);
      outcomes.push(said.sort().join(' '));
    }
    expect(outcomes).toEqual(Array.from({ length: 3 }, () => 'lost lost lost lost lost won'));
  }, 30_000);
});
