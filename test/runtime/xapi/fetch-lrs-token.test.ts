import { describe, expect, it } from 'vitest';
import { createLrsTokenSource, type TokenFetchLike, type TokenInit } from '../../../src/runtime/xapi/fetch-lrs-token.js';

const request = {
  actor: { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 's1' } },
  registration: '760e3480-ba55-4991-94b0-01820dbd23a2',
  activityId: 'https://district.example.org/xapi/courses/c',
};

function service(answer: () => { status: number; body?: string } | 'network') {
  const calls: { url: string; init: TokenInit }[] = [];
  const fetch: TokenFetchLike = (url, init) => {
    calls.push({ url, init });
    const a = answer();
    if (a === 'network') return Promise.reject(new TypeError('Failed to fetch'));
    return Promise.resolve({ status: a.status, text: () => Promise.resolve(a.body ?? '') });
  };
  return { fetch, calls };
}

describe('createLrsTokenSource', () => {
  it('POSTs the actor, registration and course IRI as JSON, with the site\'s cookies, and gives the key', async () => {
    const { fetch, calls } = service(() => ({ status: 200, body: '{"auth":"Bearer abc.def-1"}' }));
    const source = createLrsTokenSource({ url: 'https://lms.example.org/xapi-token', request, fetch, now: () => 0 });
    expect(await source.get()).toEqual({ ok: true, auth: 'Bearer abc.def-1', fresh: true });
    expect(calls).toEqual([{
      url: 'https://lms.example.org/xapi-token',
      init: { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request), credentials: 'include' },
    }]);
    // Held in memory: not asked again.
    expect(await source.get()).toEqual({ ok: true, auth: 'Bearer abc.def-1', fresh: false });
    expect(calls).toHaveLength(1);
  });

  it('asks again once the key has expired (30 s early), and after the LRS refused it', async () => {
    let now = Date.parse('2026-01-01T10:00:00Z');
    let n = 0;
    const { fetch, calls } = service(() => ({ status: 200, body: JSON.stringify({ auth: `Basic a${++n}==`, expiresAt: new Date(now + 600_000).toISOString() }) }));
    const source = createLrsTokenSource({ url: 'https://lms.example.org/t', request, fetch, now: () => now });
    expect(await source.get()).toMatchObject({ auth: 'Basic a1==' });
    now = Date.parse('2026-01-01T10:09:29Z');
    expect(source.current()).toBe('Basic a1==');
    now = Date.parse('2026-01-01T10:09:30Z');
    expect(source.current()).toBeNull();
    expect(await source.get()).toEqual({ ok: true, auth: 'Basic a2==', fresh: true });
    source.drop('Basic a1=='); // an older key: the one held stays
    expect(source.current()).toBe('Basic a2==');
    source.drop('Basic a2==');
    expect(await source.get()).toMatchObject({ auth: 'Basic a3==', fresh: true });
    expect(calls).toHaveLength(3);
  });

  it.each([
    ['down', 'network', 'retry'],
    ['busy (503)', { status: 503 }, 'retry'],
    ['rate-limited (429)', { status: 429 }, 'retry'],
    ['no LMS session (401)', { status: 401 }, 'refused'],
    ['not allowed (403)', { status: 403 }, 'refused'],
    ['not JSON', { status: 200, body: '<html>Sign in</html>' }, 'refused'],
    ['JSON without auth', { status: 200, body: '{"token":"abc"}' }, 'refused'],
    ['an auth of another scheme', { status: 200, body: '{"auth":"Digest abc"}' }, 'refused'],
    ['an auth a header cannot carry', { status: 200, body: '{"auth":"Bearer a\\r\\nX-Evil: 1"}' }, 'refused'],
  ] as const)('a service that is %s gives no key (%s)', async (_name, answer, outcome) => {
    const { fetch } = service(() => answer);
    const source = createLrsTokenSource({ url: 'https://lms.example.org/t', request, fetch, now: () => 0 });
    expect(await source.get()).toMatchObject({ ok: false, outcome });
    expect(source.current()).toBeNull();
  });

  it('an expiresAt already past when the key comes (this computer\'s clock is ahead) is taken as none: held until the LRS refuses it', async () => {
    // The service's clock says 10:00 and gives an hour; the learner's computer says 12:00 (a wrong time zone).
    let now = Date.parse('2026-01-01T12:00:00Z');
    let n = 0;
    const { fetch, calls } = service(() => ({ status: 200, body: JSON.stringify({ auth: `Bearer k${++n}`, expiresAt: '2026-01-01T11:00:00Z' }) }));
    const source = createLrsTokenSource({ url: 'https://lms.example.org/t', request, fetch, now: () => now });
    expect(await source.get()).toEqual({ ok: true, auth: 'Bearer k1', fresh: true });
    now += 60_000;
    // Still the key to send, and the one to go with keepalive at pagehide.
    expect(source.current()).toBe('Bearer k1');
    expect(await source.get()).toEqual({ ok: true, auth: 'Bearer k1', fresh: false });
    expect(calls).toHaveLength(1);
    source.drop('Bearer k1');
    expect(await source.get()).toEqual({ ok: true, auth: 'Bearer k2', fresh: true });
  });

  it('an expiresAt that is no date is taken as none', async () => {
    const { fetch } = service(() => ({ status: 200, body: '{"auth":"Bearer k","expiresAt":"soon"}' }));
    const source = createLrsTokenSource({ url: 'https://lms.example.org/t', request, fetch, now: () => 0 });
    expect(await source.get()).toMatchObject({ ok: true, auth: 'Bearer k' });
    expect(source.current()).toBe('Bearer k');
  });
});
