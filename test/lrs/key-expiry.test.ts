/**
 * Keys that expire (`lrs keys add --expires-in`): stored with the key, refused from their instant on by the LRS's
 * clock exactly as a revoked key is, kept and listed afterwards; and a database made before keys could expire opens
 * with its keys working as they did.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { addKey, createLrsServer, isExpired, listKeys, makeAuthenticator, makeDeps, openSqliteStore, revokeKey, routeRequest, type LrsStore } from '../../src/lrs/index.js';
import { statement } from './lrs-fixture.js';

const work = mkdtempSync(join(tmpdir(), 'cp-lrs-expiry-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const MADE = Date.UTC(2026, 2, 2, 14, 0, 0);
const HOUR = 3_600_000;

/** A clock the test sets: the LRS's `now`, with no waiting. */
function clock(start = MADE): { now: () => Date; set(ms: number): void } {
  let t = start;
  return { now: () => new Date(t), set: (ms) => (t = ms) };
}

function basic(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}

describe('a key made with a lifetime', () => {
  it('is stored with its expiry, and one made without has none', () => {
    const store = openSqliteStore(':memory:');
    const made = addKey(store, 'write', new Date(MADE), 90 * 60_000);
    const forever = addKey(store, 'read', new Date(MADE));
    expect(made.expires).toBe('2026-03-02T15:30:00.000Z');
    expect(forever.expires).toBeNull();
    expect(store.findKey(made.key)?.expires).toBe('2026-03-02T15:30:00.000Z');
    const listed = new Map(listKeys(store).map((k) => [k.key, k]));
    expect(listed.get(made.key)).toEqual({ key: made.key, scope: 'write', created: '2026-03-02T14:00:00.000Z', revoked: null, expires: '2026-03-02T15:30:00.000Z' });
    expect(listed.get(forever.key)).toEqual({ key: forever.key, scope: 'read', created: '2026-03-02T14:00:00.000Z', revoked: null, expires: null });
    store.close();
  });

  it('has expired at its instant and after, not a millisecond before', () => {
    const key = { expires: '2026-03-02T15:00:00.000Z' };
    expect(isExpired(key, new Date(MADE + HOUR - 1))).toBe(false);
    expect(isExpired(key, new Date(MADE + HOUR))).toBe(true);
    expect(isExpired(key, new Date(MADE + 400 * 24 * HOUR))).toBe(true);
    expect(isExpired({ expires: null }, new Date(MADE + 400 * 24 * HOUR))).toBe(false);
  });
});

describe('the authenticator, by the LRS clock', () => {
  it('takes the key until its expiry and refuses it at that instant and after, cached secret or not', async () => {
    const store = openSqliteStore(':memory:');
    const { key, secret } = addKey(store, 'write', new Date(MADE), HOUR);
    const time = clock();
    const keys = makeAuthenticator(store, time.now);
    // Verified (and cached) while it works.
    expect(await keys.check({ key, secret })).toBe('ok');
    time.set(MADE + HOUR - 1);
    expect(keys.authenticate({ key, secret })).toEqual({ key, scope: 'write' });
    expect(await keys.check({ key, secret })).toBe('ok');
    time.set(MADE + HOUR);
    expect(keys.authenticate({ key, secret })).toBeUndefined();
    expect(await keys.check({ key, secret })).toBe('refused');
    time.set(MADE + 30 * 24 * HOUR);
    expect(keys.authenticate({ key, secret })).toBeUndefined();
    expect(await keys.check({ key, secret })).toBe('refused');
    // A fresh authenticator (a restarted server), which never verified the secret, refuses it too.
    expect(makeAuthenticator(store, time.now).authenticate({ key, secret })).toBeUndefined();
    // Kept and listed, as a revoked key is: reports' --trusted-authority may still name it.
    expect(listKeys(store).map((k) => k.key)).toEqual([key]);
    store.close();
  });

  it('answers an expired key exactly as a revoked one, and keeps the authority of what it stored before', () => {
    const store = openSqliteStore(':memory:');
    const time = clock();
    const deps = makeDeps(store, { now: time.now, uuid: () => crypto.randomUUID() });
    const keys = makeAuthenticator(store, time.now);
    const expiring = addKey(store, 'write', new Date(MADE), HOUR);
    const revoked = addKey(store, 'write', new Date(MADE));
    const admin = addKey(store, 'admin', new Date(MADE));
    const call = (method: string, auth: string, body?: unknown, search = new URLSearchParams()) =>
      routeRequest(
        {
          method,
          resource: 'statements',
          search,
          headers: { authorization: auth, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' },
          body: body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body)),
        },
        deps,
        keys.authenticate,
      ).response;
    const id = crypto.randomUUID();
    time.set(MADE + HOUR - 1000);
    expect(call('POST', basic(expiring.key, expiring.secret), [statement({ id })]).status).toBe(200);

    time.set(MADE + HOUR);
    revokeKey(store, revoked.key, time.now());
    const late = [statement({ id: crypto.randomUUID() })];
    const afterExpiry = call('POST', basic(expiring.key, expiring.secret), late);
    const afterRevoke = call('POST', basic(revoked.key, revoked.secret), late);
    const unknown = call('POST', basic('no-such-key', expiring.secret), late);
    expect(afterExpiry.status).toBe(401);
    expect(afterExpiry).toEqual(afterRevoke);
    expect(afterExpiry).toEqual(unknown);
    expect(String(afterExpiry.body)).not.toMatch(/expired at|has expired/);

    // Stored before the expiry: still there, its authority still naming the key.
    const got = call('GET', basic(admin.key, admin.secret), undefined, new URLSearchParams({ statementId: id }));
    expect(got.status).toBe(200);
    expect(JSON.parse(String(got.body))).toMatchObject({ id, authority: { account: { name: expiring.key } } });
    store.close();
  });
});

describe('the LRS over HTTP', () => {
  it('refuses a key from its expiry by the clock it was given, with the 401 an unknown key gets', async () => {
    const store = openSqliteStore(':memory:');
    const time = clock();
    const { key, secret } = addKey(store, 'write', new Date(MADE), HOUR);
    const lrs = createLrsServer({
      deps: makeDeps(store, { now: time.now, uuid: () => crypto.randomUUID() }),
      cors: { origins: [], allowNullOrigin: false },
      maxBodyBytes: 64 * 1024,
      log: () => undefined,
    });
    try {
      const { port } = await lrs.listen(0, '127.0.0.1');
      const post = async (auth: string) => {
        const r = await fetch(`http://127.0.0.1:${port}/xAPI/statements`, {
          method: 'POST',
          headers: { Authorization: auth, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' },
          body: JSON.stringify([statement({ id: crypto.randomUUID() })]),
        });
        return { status: r.status, body: await r.text() };
      };
      time.set(MADE + HOUR - 1);
      expect((await post(basic(key, secret))).status).toBe(200);
      time.set(MADE + HOUR);
      const expired = await post(basic(key, secret));
      expect(expired.status).toBe(401);
      expect(expired).toEqual(await post(basic('no-such-key', secret)));
    } finally {
      await lrs.close();
      store.close();
    }
  });
});

describe('a database made before keys could expire (user_version 2, api_keys without expires)', () => {
  /** The database as the previous release left it: its keys table without the column, at schema 2. */
  function oldDatabase(file: string): { key: string; secret: string } {
    const store = openSqliteStore(file);
    const made = addKey(store, 'write', new Date(MADE));
    store.close();
    const raw = new Database(file);
    raw.exec('ALTER TABLE api_keys DROP COLUMN expires');
    raw.pragma('user_version = 2');
    raw.close();
    return made;
  }

  it('opens with its keys as they were (never expiring), takes keys that expire, and is migrated once', () => {
    const file = join(work, 'old-keys.sqlite');
    const { key, secret } = oldDatabase(file);
    const before = new Database(file, { readonly: true });
    expect(before.prepare<[], { name: string }>('SELECT name FROM pragma_table_info(\'api_keys\')').all().map((c) => c.name)).toEqual(['key', 'secret_hash', 'scope', 'created', 'revoked']);
    before.close();

    let store: LrsStore = openSqliteStore(file);
    expect(listKeys(store)).toEqual([{ key, scope: 'write', created: '2026-03-02T14:00:00.000Z', revoked: null, expires: null }]);
    expect(makeAuthenticator(store, () => new Date(MADE + 10 * 365 * 24 * HOUR)).authenticate({ key, secret })).toEqual({ key, scope: 'write' });
    const expiring = addKey(store, 'read', new Date(MADE), 2 * HOUR);
    store.close();

    const after = new Database(file);
    expect(after.pragma('user_version', { simple: true })).toBe(3);
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    after.close();
    // Opened again: nothing left to migrate, the expiry kept.
    store = openSqliteStore(file);
    expect(store.findKey(expiring.key)?.expires).toBe('2026-03-02T16:00:00.000Z');
    expect(store.findKey(key)?.expires).toBeNull();
    store.close();
  });
});
