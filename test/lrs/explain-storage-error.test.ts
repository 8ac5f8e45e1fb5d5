/**
 * SQLite's refusals to write, told apart from bugs (src/lrs/explain-storage-error.ts): each code the
 * operator can act on, nothing else; one log line a minute per code however many requests are refused.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { storageFailure, storageLogger } from '../../src/lrs/explain-storage-error.js';

describe('storage failures', () => {
  it.each([
    ['SQLITE_FULL', /disk is full, or the database reached its --max-db-size/],
    ['SQLITE_IOERR_WRITE', /disk failed to read or write/],
    ['SQLITE_READONLY', /cannot be written \(permissions/],
    ['SQLITE_BUSY', /another process held the database/],
    ['SQLITE_CORRUPT', /damaged: stop the server and copy a backup in/],
  ])('%s is one the operator acts on', (code, advice) => {
    expect(storageFailure(new Database.SqliteError('x', code))?.advice).toMatch(advice);
  });

  it('anything else is a bug, not a storage failure', () => {
    expect(storageFailure(new Error('disk on fire'))).toBeUndefined();
    expect(storageFailure(new Database.SqliteError('x', 'SQLITE_CONSTRAINT_UNIQUE'))).toBeUndefined();
    expect(storageFailure(null)).toBeUndefined();
  });

  it('logs one line a minute per code', () => {
    const lines: string[] = [];
    let now = 0;
    const log = storageLogger((l) => lines.push(l), () => now);
    const full = storageFailure(new Database.SqliteError('x', 'SQLITE_FULL'));
    const busy = storageFailure(new Database.SqliteError('x', 'SQLITE_BUSY'));
    if (!full || !busy) throw new Error('both are storage failures');
    for (let i = 0; i < 100; i++) log(full);
    log(busy);
    now = 59_000;
    log(full);
    now = 60_000;
    log(full);
    expect(lines.map((l) => /\((SQLITE_\w+)\)/.exec(l)?.[1])).toEqual(['SQLITE_FULL', 'SQLITE_BUSY', 'SQLITE_FULL']);
  });
});
