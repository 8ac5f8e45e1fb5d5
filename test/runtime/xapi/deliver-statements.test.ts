import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  KEEPALIVE_BUDGET, createStatementDelivery, utf8Length, type DeliveryOptions, type FetchLike, type PostInit,
} from '../../../src/runtime/xapi/deliver-statements.js';
import { createLrsTokenSource, tokenSourceFor, type TokenFetchLike, type TokenInit } from '../../../src/runtime/xapi/fetch-lrs-token.js';
import { parseLaunchParameters } from '../../../src/shared/xapi/parse-launch.js';
import { resolveXapiConfig } from '../../../src/shared/xapi/resolve-config.js';
import type { ItemStorage as KeyValueStorage } from '../../../src/runtime/xapi/statement-queue.js';
import { makeFakeLrs, makeMemoryStorage, makeStatement } from './fake-lrs.js';

const timers = {
  setTimeout: (fn: () => void, ms: number): unknown => setTimeout(fn, ms),
  clearTimeout: (handle: unknown): void => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function setup(answer?: Parameters<typeof makeFakeLrs>[0], overrides: Partial<DeliveryOptions> = {}, storage: KeyValueStorage = makeMemoryStorage()) {
  const lrs = makeFakeLrs(answer);
  const warn = vi.fn<(message: string) => void>();
  const options: DeliveryOptions = {
    endpoint: 'https://lrs.example.org/xAPI/', auth: 'Basic a2V5OnNlY3JldA==', storage, storageKey: 'coursepack:c:s1:xapi',
    fetch: lrs.fetch, timers, random: () => 1, warn, ...overrides,
  };
  const delivery = createStatementDelivery(options);
  return { lrs, warn, delivery, storage, options };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('batched POSTs', () => {
  it('waits for the batch delay, then POSTs one array to <endpoint>/statements with the xAPI headers', async () => {
    const { lrs, delivery } = setup();
    for (const n of [1, 2, 3]) delivery.send(makeStatement(n));
    await vi.advanceTimersByTimeAsync(999);
    expect(lrs.requests).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(lrs.requests).toHaveLength(1);
    const request = lrs.requests[0];
    expect(request?.url).toBe('https://lrs.example.org/xAPI/statements');
    expect(request?.init).toMatchObject({ method: 'POST', credentials: 'omit', keepalive: false });
    expect(request?.init.headers).toEqual({
      'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3', Authorization: 'Basic a2V5OnNlY3JldA==',
    });
    expect(JSON.parse(request?.init.body ?? '')).toEqual([1, 2, 3].map(makeStatement));
    expect(delivery.queued()).toBe(0);
  });

  it('sends no Authorization header without auth', async () => {
    const { lrs, delivery } = setup(undefined, { auth: null });
    delivery.send(makeStatement(1));
    await vi.advanceTimersByTimeAsync(1000);
    expect(lrs.requests[0]?.init.headers).not.toHaveProperty('Authorization');
  });

  it('splits a long queue into batches of maxBatch, one request at a time', async () => {
    const { lrs, delivery } = setup(undefined, { maxBatch: 4 });
    for (let n = 0; n < 10; n++) delivery.send(makeStatement(n));
    await vi.advanceTimersByTimeAsync(1000);
    expect(lrs.requests.map((r) => r.ids.length)).toEqual([4, 4, 2]);
    expect(lrs.stored.size).toBe(10);
  });

  it('send() is synchronous and returns before any request is made', () => {
    const { lrs, delivery } = setup();
    delivery.send(makeStatement(1));
    expect(lrs.requests).toHaveLength(0);
    expect(delivery.queued()).toBe(1);
  });

  it('deduplicates by id: a statement sent twice is queued and posted once', async () => {
    const { lrs, delivery } = setup();
    delivery.send(makeStatement(1));
    delivery.send(makeStatement(1));
    await vi.advanceTimersByTimeAsync(1000);
    expect(lrs.requests.map((r) => r.ids)).toEqual([[makeStatement(1).id]]);
  });
});

describe('retries', () => {
  it.each([
    ['network error (LRS down, no CORS)', 'network', 2_000],
    ['500', 500, 2_000],
    ['503', 503, 2_000],
    ['429', 429, 2_000],
    ['408', 408, 2_000],
    ['401', 401, 60_000],
    ['403', 403, 60_000],
    ['404', 404, 60_000],
  ] as const)('%s: keeps the statement and retries after %s ms, then twice as long', async (_, failure, first) => {
    let fail = true;
    const { lrs, delivery, warn } = setup(() => (fail ? failure : 200));
    delivery.send(makeStatement(1));
    await vi.advanceTimersByTimeAsync(1000);
    expect(lrs.requests).toHaveLength(1);
    expect(delivery.queued()).toBe(1);
    await vi.advanceTimersByTimeAsync(first - 1);
    expect(lrs.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(lrs.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2 * first - 1);
    expect(lrs.requests).toHaveLength(2);
    fail = false;
    await vi.advanceTimersByTimeAsync(1);
    expect(lrs.requests).toHaveLength(3);
    expect(delivery.queued()).toBe(0);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('back online (retryNow): what waits on a back-off goes at once; a batch still gathering waits its delay', async () => {
    let fail = true;
    const { lrs, delivery } = setup(() => (fail ? 'network' : 200));
    delivery.send(makeStatement(1));
    delivery.retryNow();
    await vi.advanceTimersByTimeAsync(999);
    expect(lrs.requests).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1 + 2_000 + 4_000);
    expect(lrs.requests).toHaveLength(3);
    // The next try is 8 s away; the network is back now.
    fail = false;
    delivery.retryNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(lrs.requests).toHaveLength(4);
    expect(delivery.queued()).toBe(0);
    expect(lrs.stored.size).toBe(1);
  });

  it.each([
    ['503, Retry-After: 30', 503, '30', 30_000],
    ['429, Retry-After: 45', 429, '45', 45_000],
    ['401, Retry-After: 90 (more than the refusal back-off)', 401, '90', 90_000],
    ['503, Retry-After: 1 (less than the back-off)', 503, '1', 2_000],
    ['503, an HTTP-date (not read: the back-off alone)', 503, 'Fri, 31 Dec 2027 23:59:59 GMT', 2_000],
    ['503, Retry-After: 999999 (at most refusedMaxMs)', 503, '999999', 1_800_000],
  ] as const)('%s: the next try waits that long', async (_, status, retryAfter, wait) => {
    const requests: number[] = [];
    const fetch: FetchLike = async () => {
      requests.push(Date.now());
      return requests.length === 1 ? { status, headers: { get: (name: string) => (name === 'Retry-After' ? retryAfter : null) } } : { status: 200 };
    };
    const { delivery } = setup(undefined, { fetch });
    delivery.send(makeStatement(1));
    await vi.advanceTimersByTimeAsync(1000);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(wait - 1);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    expect(delivery.queued()).toBe(0);
  });

  it('jitter: random() = 0 waits half the delay', async () => {
    const { lrs, delivery } = setup(() => (lrs.requests.length === 1 ? 503 : 200), { random: () => 0 });
    delivery.send(makeStatement(1));
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(999);
    expect(lrs.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(lrs.requests).toHaveLength(2);
  });

  it('caps the backoff', async () => {
    const { lrs, delivery } = setup(() => 503, { retryMaxMs: 8_000 });
    delivery.send(makeStatement(1));
    await vi.advanceTimersByTimeAsync(1000 + 2_000 + 4_000 + 8_000);
    expect(lrs.requests).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(8_000);
    expect(lrs.requests).toHaveLength(5);
  });

  it('LRS down, then up: every statement arrives exactly once, with one warning', async () => {
    let up = false;
    const { lrs, delivery, warn } = setup(() => (up ? 200 : 'network'), { maxBatch: 3 });
    for (let n = 0; n < 5; n++) delivery.send(makeStatement(n));
    await vi.advanceTimersByTimeAsync(20_000);
    for (let n = 5; n < 8; n++) delivery.send(makeStatement(n));
    await vi.advanceTimersByTimeAsync(20_000);
    expect(lrs.stored.size).toBe(0);
    up = true;
    await vi.advanceTimersByTimeAsync(120_000);
    for (let n = 8; n < 10; n++) delivery.send(makeStatement(n));
    await vi.advanceTimersByTimeAsync(2_000);
    expect([...lrs.stored.keys()].sort()).toEqual(Array.from({ length: 10 }, (_, n) => makeStatement(n).id).sort());
    expect([...lrs.accepted.values()].every((count) => count === 1)).toBe(true);
    expect(delivery.queued()).toBe(0);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('a slow LRS that never answers: the request is given up after the timeout and retried', async () => {
    let hang = true;
    const { lrs, delivery } = setup(() => (hang ? 'hang' : 200), { requestTimeoutMs: 10_000 });
    delivery.send(makeStatement(1));
    await vi.advanceTimersByTimeAsync(1000 + 10_000);
    expect(lrs.requests).toHaveLength(1);
    hang = false;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(lrs.requests).toHaveLength(2);
    expect(lrs.stored.size).toBe(1);
    expect(delivery.queued()).toBe(0);
  });
});

describe('refused statements (400, 409, 413)', () => {
  it.each([
    ['the first', [0]],
    ['one in the middle', [5]],
    ['the last', [7]],
    ['two of them', [2, 6]],
  ])('bisects a batch of 8 to drop %s, sends the others, warns with the id', async (_, badIndexes) => {
    const bad = new Set(badIndexes.map((n) => makeStatement(n).id));
    const { lrs, delivery, warn } = setup((ids) => (ids.some((id) => bad.has(id)) ? 400 : 200));
    for (let n = 0; n < 8; n++) delivery.send(makeStatement(n));
    await vi.advanceTimersByTimeAsync(1000);
    expect(lrs.stored.size).toBe(8 - bad.size);
    for (const id of bad) {
      expect(lrs.stored.has(id)).toBe(false);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(id));
    }
    expect(delivery.queued()).toBe(0);
    // Halving: at most 1 + 2·log2(8) requests per bad statement, plus the rest.
    expect(lrs.requests.length).toBeLessThanOrEqual(1 + bad.size * 7 + 2);
  });

  it('drops a single statement answered 413', async () => {
    const { lrs, delivery, warn } = setup(() => 413);
    delivery.send(makeStatement(1));
    await vi.advanceTimersByTimeAsync(1000);
    expect(lrs.requests).toHaveLength(1);
    expect(delivery.queued()).toBe(0);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('HTTP 413'));
  });

  it('takes a single statement answered 409 as delivered: the LRS already stores it (Communication §2.1.3)', async () => {
    const { lrs, delivery, warn } = setup(() => 409);
    delivery.send(makeStatement(1));
    await vi.advanceTimersByTimeAsync(1000);
    expect(lrs.requests).toHaveLength(1);
    expect(delivery.queued()).toBe(0);
    // Before: "the LRS refused statement … (HTTP 409); dropped it".
    expect(warn.mock.calls.map(([m]) => m)).toEqual([`coursepack xAPI: the LRS already had statement ${makeStatement(1).id} (HTTP 409: sent before, its answer lost); taken as delivered`]);
  });

  it.each([
    // Before: 33 requests and 6 "refused … dropped it" warnings; 48 and 9; 52 and 9; 77 and 18.
    ['the first 6 (a batch sent before, its answer lost)', 6, 1, 17],
    ['the first 9', 9, 1, 19],
    ['every other one', 9, 2, 35],
    ['all 18', 18, 1, 35],
  ])('an LRS that already holds %s of 18 answers 409 to every batch with one: all delivered, in few requests, with one quiet line', async (_, count, step, most) => {
    const held = new Set(Array.from({ length: count }, (_, n) => makeStatement(n * step).id));
    const { lrs, delivery, warn } = setup((ids) => (ids.some((id) => held.has(id)) ? 409 : 200));
    delivery.sendAll(Array.from({ length: 18 }, (_, n) => makeStatement(n)));
    await vi.advanceTimersByTimeAsync(1000);
    expect(delivery.queued()).toBe(0);
    expect(lrs.stored.size).toBe(18 - held.size);
    expect(lrs.requests.length).toBeLessThanOrEqual(most);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('already had'));
    expect(warn).not.toHaveBeenCalledWith(expect.stringContaining('refused'));
  });

  it('a 409 single at pagehide (keepalive) is taken as delivered too', async () => {
    const { lrs, delivery } = setup(() => 409);
    delivery.send(makeStatement(1));
    delivery.flushOnHide();
    await vi.advanceTimersByTimeAsync(0);
    expect(lrs.requests).toHaveLength(1);
    expect(lrs.requests[0]?.init.keepalive).toBe(true);
    expect(delivery.queued()).toBe(0);
  });

  it('a bad statement does not hold back the ones queued after it', async () => {
    const bad = makeStatement(0).id;
    const { lrs, delivery } = setup((ids) => (ids.includes(bad) ? 400 : 200));
    delivery.send(makeStatement(0));
    await vi.advanceTimersByTimeAsync(1000);
    delivery.send(makeStatement(1));
    await vi.advanceTimersByTimeAsync(1000);
    expect([...lrs.stored.keys()]).toEqual([makeStatement(1).id]);
  });
});

describe('persistence and launch', () => {
  it('statements left by a closed page are sent at once by the next launch (same storage)', async () => {
    const storage = makeMemoryStorage();
    const first = setup(() => 'network', {}, storage);
    for (const n of [1, 2]) first.delivery.send(makeStatement(n));
    await vi.advanceTimersByTimeAsync(1000);
    expect(first.lrs.stored.size).toBe(0);
    // the tab closes; a new launch builds a new delivery on the same storage
    const second = setup(undefined, {}, storage);
    expect(second.delivery.queued()).toBe(2);
    second.delivery.flushOnLaunch();
    await vi.advanceTimersByTimeAsync(0);
    expect(second.lrs.requests).toHaveLength(1);
    expect([...second.lrs.stored.keys()]).toEqual([1, 2].map((n) => makeStatement(n).id));
    expect(second.delivery.queued()).toBe(0);
  });

  it('flushOnLaunch with an empty queue sends nothing', async () => {
    const { lrs, delivery } = setup();
    delivery.flushOnLaunch();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(lrs.requests).toHaveLength(0);
  });
});

describe('flushOnHide (fetch keepalive)', () => {
  it('sends the queue at once with keepalive and removes it only after the 2xx', async () => {
    let answer: (status: number) => void = () => {};
    const fetch: FetchLike = (_url, init) => {
      expect(init.keepalive).toBe(true);
      return new Promise((resolve) => { answer = (status) => resolve({ status }); });
    };
    const { delivery } = setup(undefined, { fetch });
    for (const n of [1, 2, 3]) delivery.send(makeStatement(n));
    delivery.flushOnHide();
    expect(delivery.queued()).toBe(3);
    answer(200);
    await vi.advanceTimersByTimeAsync(0);
    expect(delivery.queued()).toBe(0);
  });

  it('stays within the keepalive budget (UTF-8 bytes of the body); the rest waits for the next launch', async () => {
    const storage = makeMemoryStorage();
    const hanging = setup(() => 'hang', {}, storage);
    const count = 200;
    for (let n = 0; n < count; n++) hanging.delivery.send(makeStatement(n));
    hanging.delivery.flushOnHide();
    expect(hanging.lrs.requests).toHaveLength(1);
    const body = hanging.lrs.requests[0]?.init.body ?? '';
    expect(utf8Length(body)).toBeLessThanOrEqual(KEEPALIVE_BUDGET);
    const sent = hanging.lrs.requests[0]?.ids.length ?? 0;
    expect(sent).toBeGreaterThan(10);
    expect(sent).toBeLessThan(count);
    // A second pagehide while the first body is still in flight: only what fits in the rest of the
    // budget, none of the same statements again.
    hanging.delivery.flushOnHide();
    const inFlight = hanging.lrs.requests.reduce((sum, r) => sum + utf8Length(r.init.body), 0);
    expect(inFlight).toBeLessThanOrEqual(KEEPALIVE_BUDGET);
    const ids = hanging.lrs.requests.flatMap((r) => r.ids);
    expect(new Set(ids).size).toBe(ids.length);
    // The page dies: the next launch sends all of them (the LRS keeps one copy of each).
    const next = setup(undefined, { maxBatch: 50 }, storage);
    next.delivery.flushOnLaunch();
    await vi.advanceTimersByTimeAsync(10);
    expect(next.lrs.stored.size).toBe(count);
  });

  it('skips a statement too large for the budget and takes smaller ones after it', () => {
    const { lrs, delivery } = setup(() => 'hang', { keepaliveBudget: 2 * utf8Length(JSON.stringify(makeStatement(1))) + 10 });
    const big = { ...makeStatement(1), result: { response: 'x'.repeat(5000) } };
    delivery.send(big);
    delivery.send(makeStatement(2));
    delivery.send(makeStatement(3));
    delivery.flushOnHide();
    expect(lrs.requests[0]?.ids).toEqual([makeStatement(2).id, makeStatement(3).id]);
  });

  it('a keepalive request without an answer gives its statements back to the ordinary path after requestTimeoutMs', async () => {
    const { lrs, delivery } = setup((_ids, init) => (init.keepalive ? 'hang' : 200));
    delivery.send(makeStatement(1));
    delivery.flushOnHide();
    await vi.advanceTimersByTimeAsync(29_999 + 1000);
    // Before, held out of every batch for as long as the page lived.
    expect(lrs.requests.map((r) => r.init.keepalive)).toEqual([true]);
    await vi.advanceTimersByTimeAsync(1 + 1000);
    expect(lrs.requests.map((r) => r.init.keepalive)).toEqual([true, false]);
    expect(delivery.queued()).toBe(0);
    // Its bytes still count against the budget (the browser still holds the request): a pagehide now sends
    // what fits in the rest.
    delivery.send(makeStatement(2));
    delivery.flushOnHide();
    const inFlight = lrs.requests.filter((r) => r.init.keepalive).reduce((sum, r) => sum + utf8Length(r.init.body), 0);
    expect(inFlight).toBeLessThanOrEqual(KEEPALIVE_BUDGET);
  });

  it('at pagehide, statements of the batch still in flight go in a keepalive request of their own: a 409 for them sinks none of the others', async () => {
    // An LRS that answers 409 to a batch holding any id it stores (ADL_LRS does, for identical content too). The batch
    // in flight reached it; its answer never comes (the page closes). Before: one keepalive request held that batch
    // and the exit's statement, the LRS refused it whole, and the exit's statement waited for a launch that may not come.
    const stored = new Map<string, number>();
    const requests: Array<{ ids: string[]; keepalive: boolean; status: number | null }> = [];
    const fetch: FetchLike = (_url, init) => {
      const ids = (JSON.parse(init.body) as Array<{ id: string }>).map((s) => s.id);
      if (!init.keepalive) {
        for (const id of ids) stored.set(id, 1);
        requests.push({ ids, keepalive: false, status: null });
        return new Promise(() => {});
      }
      const status = ids.some((id) => stored.has(id)) ? 409 : 200;
      if (status === 200) for (const id of ids) stored.set(id, 1);
      requests.push({ ids, keepalive: true, status });
      return Promise.resolve({ status });
    };
    const { delivery } = setup(undefined, { fetch });
    delivery.sendAll([1, 2, 3].map(makeStatement));
    await vi.advanceTimersByTimeAsync(1000);
    delivery.send(makeStatement(4));
    delivery.flushOnHide();
    await vi.advanceTimersByTimeAsync(0);
    expect(stored.has(makeStatement(4).id)).toBe(true);
    expect(requests.filter((r) => r.keepalive).map((r) => [r.ids.length, r.status])).toEqual([[1, 200], [3, 409]]);
    // The 409 is for statements the LRS holds: taken as delivered only one by one, so the batch waits in the queue.
    expect(delivery.queued()).toBe(3);
  });

  it('a failed keepalive leaves the statements for the ordinary path', async () => {
    let fail = true;
    const { lrs, delivery } = setup(() => (fail ? 'network' : 200));
    delivery.send(makeStatement(1));
    delivery.flushOnHide();
    await vi.advanceTimersByTimeAsync(0);
    expect(delivery.queued()).toBe(1);
    fail = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(lrs.stored.size).toBe(1);
    expect(delivery.queued()).toBe(0);
  });
});

describe('never throws into the player', () => {
  it('fetch that throws synchronously counts as a network error', async () => {
    const fetch: FetchLike = () => { throw new TypeError('bad URL'); };
    const { delivery, warn } = setup(undefined, { fetch });
    expect(() => delivery.send(makeStatement(1))).not.toThrow();
    await vi.advanceTimersByTimeAsync(1000);
    expect(() => delivery.flushOnHide()).not.toThrow();
    expect(() => delivery.flushOnLaunch()).not.toThrow();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(delivery.queued()).toBe(1);
    expect(warn).toHaveBeenCalled();
  });

  it('storage that throws on every call: statements still go out from memory', async () => {
    const blocked = (): never => { throw new Error('SecurityError'); };
    const storage = { getItem: blocked, setItem: blocked, removeItem: blocked, names: blocked };
    const { lrs, delivery } = setup(undefined, {}, storage);
    expect(() => delivery.send(makeStatement(1))).not.toThrow();
    await vi.advanceTimersByTimeAsync(1000);
    expect(lrs.stored.size).toBe(1);
  });
});

describe('utf8Length', () => {
  it.each(['', 'abc', 'é', '€', '😀', 'a😀é€', '\ud800'])('%j matches Buffer.byteLength', (text) => {
    expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
  });
});

describe('keys from a token service (xapi.tokenUrl)', () => {
  /** A token service behind a fake fetch: key n is `Bearer k<n>`, valid for `lifeMs` from when it is given. */
  function tokenService(answer: () => number | 'network' | string = () => 200, lifeMs = 600_000) {
    let given = 0;
    const calls: TokenInit[] = [];
    const fetch: TokenFetchLike = (_url, init) => {
      calls.push(init);
      const result = answer();
      if (result === 'network') return Promise.reject(new TypeError('Failed to fetch'));
      if (typeof result === 'string') return Promise.resolve({ status: 200, text: () => Promise.resolve(result) });
      const body = result === 200 ? JSON.stringify({ auth: `Bearer k${++given}`, expiresAt: new Date(Date.now() + lifeMs).toISOString() }) : '';
      return Promise.resolve({ status: result, text: () => Promise.resolve(body) });
    };
    return { fetch, calls };
  }

  const request = { actor: { objectType: 'Agent' }, registration: 'r', activityId: 'https://d.example.org/c' };

  /** An LRS that takes only the keys in `valid`. */
  function setupWithToken(service: ReturnType<typeof tokenService>, valid: Set<string>) {
    const token = createLrsTokenSource({ url: 'https://lms.example.org/xapi-token', request, fetch: service.fetch, now: () => Date.now() });
    return setup((_ids, init) => (valid.has(init.headers['Authorization'] ?? '') ? 200 : 401), { auth: null, token });
  }

  const authOf = (request: { init: PostInit } | undefined): string | undefined => request?.init.headers['Authorization'];

  it('asks for a key before the first batch, sends with it, and keeps it for the next', async () => {
    const service = tokenService();
    const { lrs, delivery } = setupWithToken(service, new Set(['Bearer k1']));
    delivery.send(makeStatement(1));
    await vi.advanceTimersByTimeAsync(1000);
    delivery.send(makeStatement(2));
    await vi.advanceTimersByTimeAsync(1000);
    expect(service.calls).toHaveLength(1);
    expect(lrs.requests.map(authOf)).toEqual(['Bearer k1', 'Bearer k1']);
    expect(lrs.stored.size).toBe(2);
  });

  it('a 401 for a key held from before: a new key, and the batch again at once', async () => {
    const service = tokenService();
    const valid = new Set(['Bearer k1']);
    const { lrs, delivery, warn } = setupWithToken(service, valid);
    delivery.send(makeStatement(1));
    await vi.advanceTimersByTimeAsync(1000);
    valid.clear(); // revoked
    valid.add('Bearer k2');
    delivery.send(makeStatement(2));
    await vi.advanceTimersByTimeAsync(1000);
    expect(lrs.requests.map(authOf)).toEqual(['Bearer k1', 'Bearer k1', 'Bearer k2']);
    expect(service.calls).toHaveLength(2);
    expect(delivery.queued()).toBe(0);
    expect(warn).not.toHaveBeenCalled();
  });

  it('a new key refused too is a refusal on its back-off, never a loop of requests', async () => {
    const service = tokenService();
    const { lrs, delivery, warn } = setupWithToken(service, new Set());
    delivery.send(makeStatement(1));
    await vi.advanceTimersByTimeAsync(1000 + 60_000 - 1);
    expect(service.calls).toHaveLength(1);
    expect(lrs.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(service.calls).toHaveLength(2);
    expect(lrs.requests.map(authOf)).toEqual(['Bearer k1', 'Bearer k2']);
    expect(delivery.queued()).toBe(1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/the LRS did not take 1 statement\(s\) \(HTTP 401\)/);
  });

  it('asks for a new key once the one held has expired', async () => {
    const service = tokenService(() => 200, 120_000);
    const { lrs, delivery } = setupWithToken(service, new Set(['Bearer k1', 'Bearer k2']));
    delivery.send(makeStatement(1));
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(90_000); // 30 s before it expires: taken as expired
    delivery.send(makeStatement(2));
    await vi.advanceTimersByTimeAsync(1000);
    expect(lrs.requests.map(authOf)).toEqual(['Bearer k1', 'Bearer k2']);
    expect(service.calls).toHaveLength(2);
    expect(lrs.stored.size).toBe(2);
  });

  it.each([
    ['down', 'network', 2_000, 'TypeError: Failed to fetch'],
    ['busy', 503, 2_000, 'HTTP 503'],
    ['refusing (no LMS session)', 401, 60_000, 'HTTP 401'],
    ['answering what is not JSON', '<html>Sign in</html>', 60_000, 'its answer is not JSON'],
  ] as const)('a token service %s: statements stay queued, retried on the back-off, said once', async (_name, failure, first, detail) => {
    let fail = true;
    const service = tokenService(() => (fail ? failure : 200));
    const { lrs, delivery, warn } = setupWithToken(service, new Set(['Bearer k1']));
    delivery.send(makeStatement(1));
    await vi.advanceTimersByTimeAsync(1000);
    expect(lrs.requests).toHaveLength(0);
    expect(delivery.queued()).toBe(1);
    await vi.advanceTimersByTimeAsync(first - 1);
    expect(service.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(service.calls).toHaveLength(2);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toContain(`coursepack xAPI: the LRS token service gave no key (${detail}`);
    expect(warn.mock.calls[0]?.[0]).toContain('1 statement(s) stay queued and will be retried');
    fail = false;
    await vi.advanceTimersByTimeAsync(2 * first);
    expect(lrs.requests.map(authOf)).toEqual(['Bearer k1']);
    expect(delivery.queued()).toBe(0);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('this computer\'s clock hours ahead of the service\'s: one key for the batches, and keepalive with it at pagehide', async () => {
    const service = tokenService(() => 200, -3_600_000); // an hour's key, already past by this computer's clock
    const { lrs, delivery } = setupWithToken(service, new Set(['Bearer k1']));
    delivery.send(makeStatement(1));
    await vi.advanceTimersByTimeAsync(1000);
    delivery.send(makeStatement(2));
    await vi.advanceTimersByTimeAsync(1000);
    delivery.send(makeStatement(3));
    delivery.flushOnHide();
    await vi.advanceTimersByTimeAsync(0);
    expect(lrs.requests.map((r) => [authOf(r), r.init.keepalive])).toEqual([['Bearer k1', false], ['Bearer k1', false], ['Bearer k1', true]]);
    expect(service.calls).toHaveLength(1);
    expect(delivery.queued()).toBe(0);
  });

  it('a key that comes after the request was given up on (30 s) sends nothing for it: the retry sends the batch, once', async () => {
    let given = 0;
    const calls: TokenInit[] = [];
    // A slow service: each key comes 31 s after it is asked for.
    const fetch: TokenFetchLike = (_url, init) => {
      calls.push(init);
      const body = JSON.stringify({ auth: `Bearer k${++given}` });
      return new Promise((resolve) => setTimeout(() => resolve({ status: 200, text: () => Promise.resolve(body) }), 31_000));
    };
    const token = createLrsTokenSource({ url: 'https://lms.example.org/xapi-token', request, fetch, now: () => Date.now() });
    const { lrs, delivery, warn } = setup(undefined, { auth: null, token });
    delivery.send(makeStatement(1));
    await vi.advanceTimersByTimeAsync(1000 + 30_000); // given up on: the retry comes 2 s later
    await vi.advanceTimersByTimeAsync(1000); // the key comes
    expect(lrs.requests).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1000); // the retry, with the key now held
    expect(lrs.requests.map(authOf)).toEqual(['Bearer k1']);
    expect(calls).toHaveLength(1);
    expect(delivery.queued()).toBe(0);
    expect(warn.mock.calls.map(([m]) => m)).toEqual(['coursepack xAPI: the LRS token service gave no key (no answer); 1 statement(s) stay queued and will be retried']);
  });

  it('at pagehide: keepalive with the key held; without one, nothing goes (no time to ask), and nothing is lost', async () => {
    const service = tokenService(() => 'network');
    const { lrs, delivery } = setupWithToken(service, new Set(['Bearer k1']));
    delivery.send(makeStatement(1));
    delivery.flushOnHide();
    await vi.advanceTimersByTimeAsync(0);
    expect(lrs.requests).toHaveLength(0);
    expect(delivery.queued()).toBe(1);

    const held = setupWithToken(tokenService(), new Set(['Bearer k1']));
    held.delivery.send(makeStatement(1));
    await vi.advanceTimersByTimeAsync(1000);
    held.delivery.send(makeStatement(2));
    held.delivery.flushOnHide();
    await vi.advanceTimersByTimeAsync(0);
    expect(held.lrs.requests.map((r) => [authOf(r), r.init.keepalive])).toEqual([['Bearer k1', false], ['Bearer k1', true]]);
    expect(held.delivery.queued()).toBe(0);
  });

  // As connect-xapi.ts wires it: the resolved configuration decides whether there is a token source at all.
  it.each([
    ['a package with a key', { endpoint: 'https://lrs.example.org/xAPI/', auth: 'Basic a2V5OnNlY3JldA==' }, '', 'Basic a2V5OnNlY3JldA=='],
    ['a package without a key (an LRS proxy adds it)', { endpoint: 'https://lrs.example.org/xAPI/' }, '', undefined],
    ['launch parameters, with a token service in the package', { endpoint: 'https://lrs.example.org/xAPI/', tokenUrl: 'https://lms.example.org/t' },
      `?endpoint=${encodeURIComponent('https://launch.example.org/xAPI/')}&auth=${encodeURIComponent('Basic bGF1bmNoOmtleQ==')}`, 'Basic bGF1bmNoOmtleQ=='],
  ])('%s: no token request at all', async (_name, build, query, sent) => {
    const service = tokenService();
    const config = resolveXapiConfig({
      launch: parseLaunchParameters(query), build, studentId: 's1', studentName: '', learnerNames: false, lmsOrigin: 'https://lms.example.org',
    });
    if (!config.enabled) throw new Error(config.reason);
    const token = tokenSourceFor(config, 'r', 'https://d.example.org/c', { fetch: service.fetch, now: Date.now });
    expect(token).toBeUndefined();
    const { lrs, delivery } = setup(undefined, { endpoint: config.endpoint, auth: config.auth, ...(token ? { token } : {}) });
    delivery.send(makeStatement(1));
    await vi.advanceTimersByTimeAsync(1000);
    delivery.send(makeStatement(2));
    delivery.flushOnHide();
    await vi.advanceTimersByTimeAsync(0);
    expect(service.calls).toHaveLength(0);
    expect(lrs.requests.map(authOf)).toEqual([sent, sent]);
  });

  it('a package with a token service: its source, asked with the actor, registration and course IRI', async () => {
    const service = tokenService();
    const config = resolveXapiConfig({
      launch: parseLaunchParameters(''), build: { endpoint: 'https://lrs.example.org/xAPI/', tokenUrl: 'https://lms.example.org/t' },
      studentId: 's1', studentName: '', learnerNames: false, lmsOrigin: 'https://lms.example.org',
    });
    if (!config.enabled) throw new Error(config.reason);
    const token = tokenSourceFor(config, 'r', 'https://d.example.org/c', { fetch: service.fetch, now: Date.now });
    expect(await token?.get()).toMatchObject({ ok: true, auth: 'Bearer k1' });
    expect(service.calls.map((init) => JSON.parse(init.body))).toEqual([{ actor: config.actor, registration: 'r', activityId: 'https://d.example.org/c' }]);
  });
});
