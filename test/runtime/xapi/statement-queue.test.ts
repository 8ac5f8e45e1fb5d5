import { describe, expect, it, vi } from 'vitest';
import { createStatementQueue, routeOfQueued } from '../../../src/runtime/xapi/statement-queue.js';
import { VERBS } from '../../../src/shared/xapi/vocabulary.js';
import { makeMemoryStorage, makeStatement } from './fake-lrs.js';

describe('statement queue', () => {
  it('keeps statements in storage, oldest first, and a new queue on the same storage sees them (reload)', () => {
    const storage = makeMemoryStorage();
    const queue = createStatementQueue({ storage, key: 'k', warn: vi.fn() });
    queue.add(makeStatement(1));
    queue.add(makeStatement(2));
    const reloaded = createStatementQueue({ storage, key: 'k', warn: vi.fn() });
    expect(reloaded.peek().map((s) => s.id)).toEqual([makeStatement(1).id, makeStatement(2).id]);
    expect(reloaded.peek(1)).toEqual([makeStatement(1)]);
  });

  it('keeps each statement\'s route with it, for another learner\'s launch to send (none given: none kept)', () => {
    const storage = makeMemoryStorage();
    createStatementQueue({ storage, key: 'k', route: 'package https://lrs.example.org/xapi', warn: vi.fn() }).add(makeStatement(1));
    createStatementQueue({ storage, key: 'k', warn: vi.fn() }).add(makeStatement(2));
    expect(routeOfQueued(storage.getItem(`k:${makeStatement(1).id}`) ?? '')).toBe('package https://lrs.example.org/xapi');
    expect(routeOfQueued(storage.getItem(`k:${makeStatement(2).id}`) ?? '')).toBeNull();
    expect(routeOfQueued('not json')).toBeNull();
    expect(routeOfQueued(JSON.stringify({ r: 'package x' }))).toBeNull();
  });

  it('holds only its own route\'s statements: a launch never sends what was queued for another LRS or key; old ones go to the package\'s LRS alone', () => {
    const storage = makeMemoryStorage();
    const queue = (route?: string) => createStatementQueue({ storage, key: 'k', ...(route === undefined ? {} : { route }), warn: vi.fn() });
    const packageRoute = 'package https://lrs.district.example.org/xapi';
    const launchA = 'launch https://lrs.a.example.org/xapi 0123456789abcdef';
    const launchB = 'launch https://evil.example/xapi fedcba9876543210';
    queue(launchA).add(makeStatement(1));
    queue(packageRoute).add(makeStatement(2));
    // Queued by a player before routes (no `r`).
    queue().add(makeStatement(3));
    expect(queue(launchB).peek()).toEqual([]);
    expect(queue(launchB).size()).toBe(0);
    expect(queue(launchA).peek().map((s) => s.id)).toEqual([makeStatement(1).id]);
    expect(queue(packageRoute).peek().map((s) => s.id)).toEqual([makeStatement(2).id, makeStatement(3).id]);
    // What another route holds stays in storage for a launch of its own.
    queue(packageRoute).remove([makeStatement(2).id, makeStatement(3).id]);
    expect(queue(launchA).peek().map((s) => s.id)).toEqual([makeStatement(1).id]);
  });

  it('deduplicates by statement id', () => {
    const queue = createStatementQueue({ storage: makeMemoryStorage(), key: 'k', warn: vi.fn() });
    expect(queue.add(makeStatement(1))).toBe(true);
    expect(queue.add(makeStatement(1))).toBe(false);
    expect(queue.size()).toBe(1);
  });

  it('removes by id and leaves the rest', () => {
    const queue = createStatementQueue({ storage: makeMemoryStorage(), key: 'k', warn: vi.fn() });
    for (const n of [1, 2, 3]) queue.add(makeStatement(n));
    queue.remove([makeStatement(2).id, 'unknown']);
    expect(queue.peek().map((s) => s.id)).toEqual([makeStatement(1).id, makeStatement(3).id]);
  });

  it('two tabs on one key keep each other\'s statements', () => {
    const storage = makeMemoryStorage();
    const a = createStatementQueue({ storage, key: 'k', warn: vi.fn() });
    const b = createStatementQueue({ storage, key: 'k', warn: vi.fn() });
    a.add(makeStatement(1));
    b.add(makeStatement(2));
    a.remove([makeStatement(1).id]);
    expect(b.peek().map((s) => s.id)).toEqual([makeStatement(2).id]);
  });

  it('two tabs writing at the same moment lose nothing: no tab writes back a copy of another\'s statements', () => {
    // localStorage is not atomic across tabs: the other tab's add lands between this tab's reads and its
    // write. A shared list, written back whole, erased it (an audit lost 58 of 300 statements that way).
    const storage = makeMemoryStorage();
    const other = createStatementQueue({ storage, key: 'k', warn: vi.fn() });
    let interleave = true;
    const racing = {
      ...storage,
      setItem: (key: string, value: string) => {
        if (interleave) {
          interleave = false;
          other.add(makeStatement(2));
          other.remove([makeStatement(3).id]);
        }
        storage.setItem(key, value);
      },
    };
    other.add(makeStatement(3));
    const tab = createStatementQueue({ storage: racing, key: 'k', warn: vi.fn() });
    tab.add(makeStatement(1));
    expect(tab.peek().map((s) => s.id).sort()).toEqual([makeStatement(1).id, makeStatement(2).id].sort());
  });

  it('splits a list an earlier player kept under the key into one item a statement, in its order', () => {
    const storage = makeMemoryStorage();
    storage.values.set('k', JSON.stringify([makeStatement(1), makeStatement(2)]));
    const queue = createStatementQueue({ storage, key: 'k', warn: vi.fn() });
    queue.add(makeStatement(3));
    expect(queue.peek().map((s) => s.id)).toEqual([1, 2, 3].map((n) => makeStatement(n).id));
    expect(storage.values.has('k')).toBe(false);
    expect([...storage.values.keys()].sort()).toEqual([1, 2, 3].map((n) => `k:${makeStatement(n).id}`).sort());
  });

  it.each([
    ['count', { maxStatements: 3 }],
    ['size', { maxChars: 3 * (JSON.stringify(makeStatement(1)).length + 1) + 1 }],
  ])('caps what it stores by %s: the rest stays in this page\'s memory, still queued, with one warning', (_, cap) => {
    const warn = vi.fn();
    const storage = makeMemoryStorage();
    const queue = createStatementQueue({ storage, key: 'k', warn, ...cap });
    for (const n of [1, 2, 3, 4, 5]) queue.add(makeStatement(n));
    expect(queue.peek().map((s) => s.id)).toEqual([1, 2, 3, 4, 5].map((n) => makeStatement(n).id));
    expect([...storage.values.keys()].sort()).toEqual([3, 4, 5].map((n) => `k:${makeStatement(n).id}`).sort());
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/in localStorage is full; 1 unsent statement\(s\) are kept for this page only/));
    // A reload (a new page) has what storage kept.
    expect(createStatementQueue({ storage, key: 'k', warn, ...cap }).size()).toBe(3);
  });

  it('stores answers and results before page views, and gives up page views first past the memory cap too', () => {
    const warn = vi.fn();
    const storage = makeMemoryStorage();
    const queue = createStatementQueue({ storage, key: 'k', warn, maxStatements: 3, maxInMemory: 4 });
    const as = (n: number, verb: string) => ({ ...makeStatement(n), verb: { id: verb, display: { 'en-US': verb.split('/').pop() ?? '' } } });
    const passed = as(1, VERBS.passed);
    const answered = as(2, VERBS.answered);
    queue.add(passed);
    queue.add(answered);
    for (const n of [3, 4, 5, 6]) queue.add(makeStatement(n));
    // Stored: the result, the answer and the newest page view; in all, 4: the oldest page views went.
    expect([...storage.values.keys()].sort()).toEqual([passed.id, answered.id, makeStatement(6).id].map((id) => `k:${id}`).sort());
    expect(queue.peek().map((s) => s.id)).toEqual([passed.id, answered.id, makeStatement(5).id, makeStatement(6).id]);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/full; dropped 1 unsent statement/));
  });

  it('a burst (Submit answers in a 900-question course) is queued in one read of storage, none lost', () => {
    const storage = makeMemoryStorage();
    let reads = 0;
    const counting = { ...storage, names: (prefix: string) => { reads++; return storage.names(prefix); } };
    const queue = createStatementQueue({ storage: counting, key: 'k', warn: vi.fn() });
    const burst = Array.from({ length: 900 }, (_, i) => makeStatement(i + 1));
    expect(queue.addAll(burst)).toBe(900);
    expect(reads).toBe(1);
    expect(queue.size()).toBe(900);
    expect(queue.addAll(burst.slice(0, 10))).toBe(0);
  });

  it('lives in memory, with one warning, when storage is full or blocked', () => {
    const warn = vi.fn();
    const storage = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); }, removeItem: () => undefined, names: () => [] };
    const queue = createStatementQueue({ storage, key: 'k', warn });
    queue.add(makeStatement(1));
    queue.add(makeStatement(2));
    expect(queue.size()).toBe(2);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('lives in memory without storage, and ignores what it cannot read', () => {
    const none = createStatementQueue({ storage: null, key: 'k', warn: vi.fn() });
    none.add(makeStatement(1));
    expect(none.size()).toBe(1);
    const storage = makeMemoryStorage();
    storage.values.set('k', '{"not":"a list"');
    const junk = createStatementQueue({ storage, key: 'k', warn: vi.fn() });
    expect(junk.size()).toBe(0);
    storage.values.set('k', '[1, {"no":"id"}, {"id":"x"}]');
    expect(junk.peek().map((s) => s.id)).toEqual(['x']);
  });
});
