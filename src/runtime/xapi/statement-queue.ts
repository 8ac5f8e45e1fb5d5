/**
 * The statements not yet confirmed by the LRS, kept in localStorage so they survive a reload or a
 * closed tab and go out on the next launch (XAPI.md §7; issue 9 point 6).
 *
 * Every operation reads storage, changes the list and writes it back, so two tabs of one course
 * (same key) do not overwrite each other's statements; a statement both of them send is stored once
 * by the LRS, which deduplicates by id. When storage is missing, blocked or full the queue lives in
 * memory for this page only (one warning), as the local progress store does.
 *
 * Capped in count and size, because localStorage is small and shared with the LMS's own pages on
 * its origin: past the cap the oldest statements go first, with a warning.
 */
import type { KeyValueStorage } from '../learner-storage.js';

/** The two calls the queue makes: a write that fails throws (quota, blocked storage). */
export type ItemStorage = Pick<KeyValueStorage, 'getItem' | 'setItem'>;
import type { XapiStatement } from '../../shared/xapi/statement-types.js';

export interface QueueOptions {
  readonly storage: ItemStorage | null;
  /** Storage key; the caller makes it per learner and course. */
  readonly key: string;
  /** Most statements kept (default 500: several full passes of a large course). */
  readonly maxStatements?: number;
  /** Most characters of JSON kept (default 1,000,000, a fifth of a typical 5 M localStorage quota). */
  readonly maxChars?: number;
  readonly warn: (message: string) => void;
}

export interface StatementQueue {
  /** Adds a statement unless one with its id is queued; false when it was already there. */
  add(statement: XapiStatement): boolean;
  /** The oldest `limit` statements (all when omitted), oldest first. */
  peek(limit?: number): XapiStatement[];
  /** Forgets the statements with these ids (confirmed by the LRS, or refused for good). */
  remove(ids: readonly string[]): void;
  size(): number;
}

export function createStatementQueue(options: QueueOptions): StatementQueue {
  const maxStatements = options.maxStatements ?? 500;
  const maxChars = options.maxChars ?? 1_000_000;
  let memory: XapiStatement[] = [];
  // After a failed write storage holds an older list than memory: read memory until a write works.
  let trustStorage = options.storage !== null;
  let warnedStorage = false;

  function load(): XapiStatement[] {
    if (!trustStorage || !options.storage) return memory;
    try {
      const parsed: unknown = JSON.parse(options.storage.getItem(options.key) ?? '[]');
      memory = Array.isArray(parsed) ? parsed.filter(isStatementLike) : [];
    } catch {
      // unreadable or blocked: keep what this page knows
    }
    return memory;
  }

  function save(list: XapiStatement[]): void {
    memory = list;
    if (!options.storage) return;
    try {
      options.storage.setItem(options.key, JSON.stringify(list));
      trustStorage = true;
    } catch {
      trustStorage = false;
      if (!warnedStorage) {
        warnedStorage = true;
        options.warn('coursepack xAPI: statements cannot be saved in localStorage; unsent ones are lost if the page closes');
      }
    }
  }

  return {
    add(statement) {
      const list = load();
      if (list.some((s) => s.id === statement.id)) return false;
      const next = [...list, statement];
      let dropped = 0;
      let chars = next.reduce((sum, s) => sum + JSON.stringify(s).length + 1, 1);
      while (next.length > 1 && (next.length > maxStatements || chars > maxChars)) {
        const oldest = next.shift();
        chars -= JSON.stringify(oldest).length + 1;
        dropped++;
      }
      if (dropped > 0) options.warn(`coursepack xAPI: the statement queue is full; dropped the ${dropped} oldest unsent statement(s)`);
      save(next);
      return true;
    },
    peek(limit) {
      const list = load();
      return limit === undefined ? list.slice() : list.slice(0, limit);
    },
    remove(ids) {
      const drop = new Set(ids);
      const list = load();
      const next = list.filter((s) => !drop.has(s.id));
      if (next.length !== list.length) save(next);
    },
    size() {
      return load().length;
    },
  };
}

function isStatementLike(value: unknown): value is XapiStatement {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string';
}
