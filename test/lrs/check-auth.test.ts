/**
 * Basic credentials and the scope table (Communication §4.0; issue 10 scopes).
 */
import { describe, expect, it } from 'vitest';
import { needOf, parseBasicAuth, scopeAllows } from '../../src/lrs/check-auth.js';
import { hashSecret, newCredentials, verifySecret } from '../../src/lrs/hash-secret.js';
import { addKey, makeAuthenticator, openSqliteStore, revokeKey } from '../../src/lrs/index.js';

const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

describe('parseBasicAuth', () => {
  it.each([
    [basic('key:secret'), { key: 'key', secret: 'secret' }],
    [basic('key:se:cret'), { key: 'key', secret: 'se:cret' }],
    [`basic ${Buffer.from('k:s').toString('base64')}`, { key: 'k', secret: 's' }],
    [undefined, undefined],
    ['Bearer abc', undefined],
    [basic('no-colon'), undefined],
    [basic(':secret'), undefined],
    ['Basic !!!', undefined],
  ])('%s', (header, expected) => {
    expect(parseBasicAuth(header)).toEqual(expected);
  });
});

describe('scopes', () => {
  // method, resource → what write, read and admin keys may do
  it.each([
    ['POST', 'statements', [true, false, true]],
    ['PUT', 'statements', [true, false, true]],
    ['GET', 'statements', [false, true, true]],
    ['HEAD', 'statements', [false, true, true]],
    ['GET', 'activities/state', [false, true, true]],
    ['PUT', 'activities/state', [false, false, true]],
    ['POST', 'agents/profile', [false, false, true]],
    ['DELETE', 'activities/profile', [false, false, true]],
    ['GET', 'activities', [false, true, true]],
    ['GET', 'about', [true, true, true]],
  ] as const)('%s %s', (method, resource, [write, read, admin]) => {
    const need = needOf(method, resource);
    expect([scopeAllows('write', need), scopeAllows('read', need), scopeAllows('admin', need)]).toEqual([write, read, admin]);
  });

  it('needs no credentials for About only', () => {
    expect(needOf('GET', 'about')).toBe('none');
    expect(needOf('GET', 'agents')).not.toBe('none');
  });
});

describe('secrets', () => {
  it('stores an scrypt hash that verifies the secret and nothing else', () => {
    const hash = hashSecret('s3cret');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(hash).not.toContain('s3cret');
    expect(verifySecret('s3cret', hash)).toBe(true);
    expect(verifySecret('s3cret ', hash)).toBe(false);
    expect(verifySecret('s3cret', 'plain')).toBe(false);
  });

  it('makes keys and secrets a command line cannot take for options: never a leading - (1 in 64 did before)', () => {
    const made = Array.from({ length: 2000 }, () => newCredentials());
    for (const { key, secret } of made) {
      expect(key).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{21}$/);
      expect(secret).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{42}$/);
    }
    // Still random: no two alike, and - and _ still appear after the first character.
    expect(new Set(made.map((m) => m.key)).size).toBe(made.length);
    expect(made.some((m) => m.key.slice(1).includes('-'))).toBe(true);
  });

  it('authenticates a key until it is revoked, and never with a wrong secret', () => {
    const store = openSqliteStore(':memory:');
    const { key, secret } = addKey(store, 'read', new Date());
    const { authenticate } = makeAuthenticator(store);
    expect(authenticate({ key, secret })).toEqual({ key, scope: 'read' });
    expect(authenticate({ key, secret: `${secret}x` })).toBeUndefined();
    expect(authenticate({ key, secret })).toEqual({ key, scope: 'read' });
    expect(authenticate({ key: 'other', secret })).toBeUndefined();
    expect(revokeKey(store, key, new Date())).toBe(true);
    expect(authenticate({ key, secret })).toBeUndefined();
    expect(revokeKey(store, key, new Date())).toBe(false);
    store.close();
  });

  // 36 scrypt checks, two at a time (~0.9 s alone): past vitest's 5 s default on busy shared cores (it timed out there).
  it('checks secrets ahead of a request off the event loop, remembers wrong ones, and answers a flood of them busy', async () => {
    const store = openSqliteStore(':memory:');
    const { key, secret } = addKey(store, 'write', new Date());
    const keys = makeAuthenticator(store);
    expect(await keys.check({ key: 'unknown', secret })).toBe('refused');
    // The event loop keeps turning while scrypt runs on the thread pool.
    let turns = 0;
    const ticking = setInterval(() => turns++, 1);
    expect(await keys.check({ key, secret: 'wrong' })).toBe('refused');
    clearInterval(ticking);
    expect(turns).toBeGreaterThan(0);
    // The same wrong secret again costs nothing, in the synchronous path too.
    expect(await keys.check({ key, secret: 'wrong' })).toBe('refused');
    expect(keys.authenticate({ key, secret: 'wrong' })).toBeUndefined();
    // 40 different wrong secrets at once: 2 run, 32 wait, the rest are answered busy without scrypt.
    const verdicts = await Promise.all(Array.from({ length: 40 }, (_, i) => keys.check({ key, secret: `wrong-${i}` })));
    expect(verdicts.filter((v) => v === 'busy')).toHaveLength(6);
    expect(verdicts.filter((v) => v === 'refused')).toHaveLength(34);
    // The right secret, once verified, never waits behind anything.
    expect(await keys.check({ key, secret })).toBe('ok');
    expect(keys.authenticate({ key, secret })).toEqual({ key, scope: 'write' });
    revokeKey(store, key, new Date());
    expect(await keys.check({ key, secret })).toBe('refused');
    store.close();
  }, 30_000);
});
