/**
 * The statements not yet confirmed by the LRS, kept in localStorage so they survive a reload or a
 * closed tab and go out on the next launch (XAPI.md §7; issue 9 point 6).
 *
 * One storage item per statement (`<key>:<statement id>`), never one list: two tabs of one course (same
 * key) each read, change and write back a shared list, and localStorage does not make that atomic across
 * tabs, so a tab writing its stale copy erased statements the other had just added (an audit lost 58 of
 * 300 statements that way, for good: they were never sent). With an item each, an add writes only its own
 * item and a removal deletes only its own, so no tab can undo another's. A statement both tabs send is
 * stored once by the LRS, which deduplicates by id. When storage is missing, blocked or full the
 * statements that could not be written live in memory for this page only (one warning), as the local
 * progress store does.
 *
 * Capped in count and size, because localStorage is small and shared with the LMS's own pages on
 * its origin: past the cap statements stay in this page's memory only (page views first, results last),
 * still delivered while the page is open, with a warning; past a much larger cap they are given up. A
 * list left under `<key>` by an earlier player is split into items when found.
 */
import type { XapiStatement } from '../../shared/xapi/statement-types.js';
import { VERBS } from '../../shared/xapi/vocabulary.js';

/** The calls the queue makes: a write that fails throws (quota, blocked storage); reads never throw. */
export interface ItemStorage {
  getItem(name: string): string | null;
  setItem(name: string, value: string): void;
  removeItem(name: string): void;
  /** The names of the items that start with `prefix`. */
  names(prefix: string): string[];
}

export interface QueueOptions {
  readonly storage: ItemStorage | null;
  /** Storage key; the caller makes it per learner and course. */
  readonly key: string;
  /**
   * Where these statements go when every learner's go to the same place with the same key (the LRS the
   * package names), kept with each statement: another learner's launch on this computer may then send
   * what this one left (`routeOfQueued`, gather-queued.ts). An LRS the launch named has a route of its own too
   * (`launch …`), and so do a token service's keys (`token …`, each learner's own): the queue holds only the statements of its route, and leaves the others in storage for a
   * launch of theirs. Statements of no route (queued by older players) go to the package's LRS alone, never
   * to one a launch named. Without a route (tests), every statement is this queue's.
   */
  readonly route?: string;
  /** Most statements kept (default 500: several full passes of a large course). */
  readonly maxStatements?: number;
  /** Most characters of JSON kept (default 1,000,000, a fifth of a typical 5 M localStorage quota). */
  readonly maxChars?: number;
  /** Most statements queued in all, storage and this page's memory (default 20,000). */
  readonly maxInMemory?: number;
  readonly warn: (message: string) => void;
}

export interface StatementQueue {
  /** Adds a statement unless one with its id is queued; false when it was already there. */
  add(statement: XapiStatement): boolean;
  /** Adds the statements not queued yet, in order, reading the queue once; how many were added. */
  addAll(statements: readonly XapiStatement[]): number;
  /** The oldest `limit` statements (all when omitted), oldest first. */
  peek(limit?: number): XapiStatement[];
  /** Forgets the statements with these ids (confirmed by the LRS, or refused for good). */
  remove(ids: readonly string[]): void;
  /** How many are queued (those `of` takes, when given). */
  size(of?: (statement: XapiStatement) => boolean): number;
  /** Statements storage did not take (missing, blocked or full), kept in this page's memory only (those `of` takes). */
  inMemory(of?: (statement: XapiStatement) => boolean): number;
}

/** A queued statement and its place in the queue: when it was queued (µs, unique per page), for order. */
interface Entry {
  readonly n: number;
  readonly s: XapiStatement;
  /** `QueueOptions.route` when the statement was queued. */
  readonly r?: string;
}

/** The route a stored queue item was queued for (`QueueOptions.route`), or null: none, or not an item. */
export function routeOfQueued(item: string): string | null {
  return readQueued(item)?.route ?? null;
}

/** A stored item's statement and route (null: none), or null when it is not a queued statement. */
export function readQueued(item: string): { readonly statement: XapiStatement; readonly route: string | null } | null {
  try {
    const entry: unknown = JSON.parse(item);
    return isEntry(entry) ? { statement: entry.s, route: typeof entry.r === 'string' ? entry.r : null } : null;
  } catch {
    return null;
  }
}

/** A stored item queued for `route` instead, as it was otherwise (its place in the order too); null when it is not an item. */
export function rerouteQueued(item: string, route: string): string | null {
  try {
    const entry: unknown = JSON.parse(item);
    return isEntry(entry) ? JSON.stringify({ ...entry, r: route }) : null;
  } catch {
    return null;
  }
}

/** The queue's caps in storage, by default (QueueOptions). */
export const QUEUE_MAX_STATEMENTS = 500;
export const QUEUE_MAX_CHARS = 1_000_000;

export function createStatementQueue(options: QueueOptions): StatementQueue {
  const maxStatements = options.maxStatements ?? QUEUE_MAX_STATEMENTS;
  const maxChars = options.maxChars ?? QUEUE_MAX_CHARS;
  const maxInMemory = options.maxInMemory ?? 20_000;
  const storage = options.storage;
  const prefix = `${options.key}:`;
  const route = options.route === undefined ? {} : { r: options.route };
  // Statements storage did not take (full, blocked or missing): kept for this page.
  const memory = new Map<string, Entry>();
  let warnedStorage = false;
  let warnedFull = false;
  let last = 0;
  // Microseconds since the epoch, unique within the page: orders this page's statements as they came,
  // and other tabs' by when they came too.
  const nextOrder = (): number => (last = Math.max(last + 1, Date.now() * 1000));

  function write(entry: Entry): void {
    if (!storage) {
      memory.set(entry.s.id, entry);
      return;
    }
    try {
      storage.setItem(prefix + entry.s.id, JSON.stringify(entry));
      memory.delete(entry.s.id);
    } catch {
      memory.set(entry.s.id, entry);
      if (!warnedStorage) {
        warnedStorage = true;
        options.warn('coursepack xAPI: statements cannot be saved in localStorage; unsent ones are lost if the page closes');
      }
    }
  }

  function drop(id: string): void {
    memory.delete(id);
    try {
      storage?.removeItem(prefix + id);
    } catch {
      // blocked: nothing was kept there either
    }
  }

  /** A list an earlier player kept under the key itself becomes items, in its order. */
  function migrate(): void {
    let text: string | null = null;
    try {
      text = storage?.getItem(options.key) ?? null;
    } catch {
      return;
    }
    if (text === null) return;
    let list: unknown = null;
    try {
      list = JSON.parse(text);
    } catch {
      // unreadable: nothing in it can be sent
    }
    if (Array.isArray(list)) for (const s of list) if (isStatementLike(s)) write({ n: nextOrder(), s, ...route });
    try {
      storage?.removeItem(options.key);
    } catch {
      // blocked: read again next time, and skipped as already queued
    }
  }

  /**
   * Past the storage caps the least needed statements (page views first, results last: `dropRank`) stay
   * in this page's memory only, delivered while it is open: a burst from a working page (900 answers at one
   * Submit) is not lost for want of storage room, only at risk if the page closes first. Past
   * `maxInMemory` as well, they are given up, with a warning.
   */
  function keepWithinCaps(entries: Entry[]): void {
    const stored = entries.filter((e) => !memory.has(e.s.id));
    let count = stored.length;
    let chars = stored.reduce((sum, e) => sum + JSON.stringify(e.s).length + 1, 1);
    if (count <= maxStatements && chars <= maxChars && entries.length <= maxInMemory) return;
    const byNeed = [...entries].sort((a, b) => dropRank(a.s) - dropRank(b.s) || a.n - b.n);
    let moved = 0;
    for (const entry of byNeed) {
      if (count <= maxStatements && chars <= maxChars) break;
      if (memory.has(entry.s.id) || count <= 1) continue;
      chars -= JSON.stringify(entry.s).length + 1;
      count--;
      drop(entry.s.id);
      memory.set(entry.s.id, entry);
      moved++;
    }
    let dropped = 0;
    for (const entry of byNeed) {
      if (memory.size <= maxInMemory - count) break;
      if (!memory.has(entry.s.id)) continue;
      memory.delete(entry.s.id);
      dropped++;
    }
    if (moved > 0 && !warnedFull) {
      warnedFull = true;
      options.warn(`coursepack xAPI: the statement queue in localStorage is full; ${moved} unsent statement(s) are kept for this page only, page views before results`);
    }
    if (dropped > 0) options.warn(`coursepack xAPI: the statement queue is full; dropped ${dropped} unsent statement(s), page views before results`);
  }

  function load(): Entry[] {
    migrate();
    const entries = new Map(memory);
    let names: string[] = [];
    try {
      names = storage?.names(prefix) ?? [];
    } catch {
      // blocked: what this page kept in memory is all there is
    }
    for (const name of names) {
      try {
        const entry: unknown = JSON.parse(storage?.getItem(name) ?? 'null');
        if (isEntry(entry) && name === prefix + entry.s.id && ours(entry)) entries.set(entry.s.id, entry);
      } catch {
        // unreadable: skipped
      }
    }
    return [...entries.values()].sort((a, b) => a.n - b.n || (a.s.id < b.s.id ? -1 : a.s.id > b.s.id ? 1 : 0));
  }

  function ours(entry: Entry): boolean {
    if (options.route === undefined || entry.r === options.route) return true;
    return entry.r === undefined && options.route.startsWith('package ');
  }

  function addAll(statements: readonly XapiStatement[]): number {
    // Loaded once for the whole burst: Submit answers can queue hundreds at once, and a load per
    // statement (every item parsed each time) made it quadratic (5.7 s for 900 questions).
    const entries = load();
    const queued = new Set(entries.map((e) => e.s.id));
    let added = 0;
    for (const statement of statements) {
      if (queued.has(statement.id)) continue;
      queued.add(statement.id);
      const entry: Entry = { n: nextOrder(), s: statement, ...route };
      write(entry);
      entries.push(entry);
      added++;
    }
    if (added > 0) keepWithinCaps(entries);
    return added;
  }

  return {
    add: (statement) => addAll([statement]) === 1,
    addAll,
    peek(limit) {
      const statements = load().map((e) => e.s);
      return limit === undefined ? statements : statements.slice(0, limit);
    },
    remove(ids) {
      for (const id of ids) drop(id);
    },
    size(of) {
      const entries = load();
      return of ? entries.filter((e) => of(e.s)).length : entries.length;
    },
    inMemory(of) {
      return of ? [...memory.values()].filter((e) => of(e.s)).length : memory.size;
    },
  };
}

/** Which statements the queue gives up first when full: lower goes first. */
const DROP_RANK: Readonly<Record<string, number>> = {
  [VERBS.experienced]: 0,
  [VERBS.progressed]: 0,
  [VERBS.initialized]: 1,
  [VERBS.resumed]: 1,
  [VERBS.answered]: 2,
  [VERBS.suspended]: 2,
  [VERBS.terminated]: 2,
  [VERBS.passed]: 3,
  [VERBS.failed]: 3,
  [VERBS.completed]: 3,
};

function dropRank(statement: XapiStatement): number {
  const verb = (statement as { verb?: { id?: unknown } }).verb?.id;
  return typeof verb === 'string' ? (DROP_RANK[verb] ?? 1) : 1;
}

function isStatementLike(value: unknown): value is XapiStatement {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string';
}

function isEntry(value: unknown): value is Entry {
  return typeof value === 'object' && value !== null && typeof (value as { n?: unknown }).n === 'number' && isStatementLike((value as { s?: unknown }).s);
}
