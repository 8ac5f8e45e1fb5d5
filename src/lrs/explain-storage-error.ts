/**
 * SQLite's refusals to write (better-sqlite3 throws them with SQLite's own `code`), told apart from bugs:
 * a full disk, a database at its `--max-db-size`, a failing disk, a file made read-only, a backup holding
 * the lock too long. The request gets 503 with Retry-After, not a 500 that reads as a bug: the player
 * keeps its statements and sends them again (deliver-statements.ts retries 5xx), so nothing is lost
 * while the operator makes room. The log says what to do, in one line, once a minute at most.
 */

export interface StorageFailure {
  /** SQLite's code, `SQLITE_FULL`. */
  readonly code: string;
  /** What it means for the person running the LRS, and what to do. */
  readonly advice: string;
}

export function storageFailure(error: unknown): StorageFailure | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  const advice = adviceFor(code);
  return advice === undefined ? undefined : { code, advice };
}

/** SQLite refused to write: also said at start-up by the CLI (src/cli/explain-database-error.ts), in the same words. */
export const UNWRITABLE_ADVICE = 'the database file or its folder cannot be written (permissions, or a read-only disk)';

function adviceFor(code: string): string | undefined {
  if (code === 'SQLITE_FULL') return 'the disk is full, or the database reached its --max-db-size: make room (or raise the limit and restart)';
  if (code.startsWith('SQLITE_IOERR')) return 'the disk failed to read or write: check the disk and the system log';
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_')) return UNWRITABLE_ADVICE;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code.startsWith('SQLITE_BUSY_')) return 'another process held the database too long (a backup, or `coursepack lrs keys`)';
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT_')) return 'the database file is damaged: stop the server and copy a backup in (README, "The embedded LRS")';
  return undefined;
}

/** How long a client is asked to wait before it sends again. */
export const STORAGE_RETRY_AFTER_SECONDS = 60;

/** A log line once a minute at most for the same code: a full disk under 2,000 learners is one line, not thousands. */
export function storageLogger(log: (line: string) => void, now: () => number = Date.now): (failure: StorageFailure) => void {
  const last = new Map<string, number>();
  return (failure) => {
    const t = now();
    const before = last.get(failure.code);
    if (before !== undefined && t - before < 60_000) return;
    last.set(failure.code, t);
    log(`error: the database cannot store what clients send (${failure.code}): ${failure.advice}; until then they get 503 and keep their statements to send again`);
  };
}
