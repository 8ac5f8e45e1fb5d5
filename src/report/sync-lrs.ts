/**
 * LRS statements onto disk as NDJSON, so every source is aggregated the same way (aggregate-export.ts,
 * streamed, memory bounded) and a sync can be incremental:
 *
 * - without a sync file, statements go to a temporary file that the caller removes;
 * - with `--sync FILE`, FILE keeps every statement read so far and `FILE.cursor.json` the latest
 *   `stored` seen (no later than the LRS's Consistent-Through time); the next run asks the LRS only for statements stored since then (`since` filters on
 *   `stored`, XAPI.md §12 rules 2-3, with `ascending=true`). A voiding statement that arrives later
 *   retracts its target: the target's line is dropped from FILE, and the voiding statement is kept
 *   (so the report reads FILE in one fold: no voiding statement in it comes after its target).
 *
 * The cursor is written after FILE, so a crash between the two only fetches some statements again.
 * The query starts OVERLAP_MS before the cursor, because statements stored in the same instant can
 * become visible a little later; ids already kept from that overlap are skipped.
 *
 * An incremental sync reads oldest first (`ascending=true`, the first one too), so when the LRS fails
 * part-way for good (read-lrs.ts retries what may pass), the pages read are every statement stored up to
 * the last one read: they are kept in FILE with their cursor, and the next run goes on from there instead
 * of paging a district's whole history again.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { readFile, rename, rm, stat } from 'node:fs/promises';
import { stageFile, writeAllAtomically } from '../package/write-atomically.js';
import { readExport } from './read-export.js';
import { readLrs, redactUrl, type LrsSource, type RetryOptions } from './read-lrs.js';
import { isObject } from './read-statement.js';
import { ReportError } from './report-error.js';
import { takeSyncLock } from './take-sync-lock.js';
import { VERBS } from '../shared/xapi/vocabulary.js';

export const OVERLAP_MS = 5_000;

export interface SyncOptions {
  readonly activity: string;
  /** Where the statements go; with `incremental`, the sync file that persists. */
  readonly file: string;
  readonly incremental: boolean;
  readonly pageSize?: number | undefined;
  readonly fetch?: typeof fetch | undefined;
  readonly onPage?: ((statements: number, pages: number) => void) | undefined;
  readonly retry?: RetryOptions | undefined;
  /** Stops the sync (Ctrl-C): the pages read are kept as when the LRS fails part-way. */
  readonly stop?: AbortSignal | undefined;
  /**
   * Without `incremental`: ask only for statements stored from this time on (the LRS's `since`, on
   * `stored`). A report of a date window reads the statements that happened in it, and those were stored
   * after the window began (the caller leaves a day's margin for a learner's clock ahead of the LRS's).
   */
  readonly storedFrom?: string | undefined;
}

export interface SyncResult {
  readonly fetched: number;
  readonly pages: number;
  readonly consistentThrough: string | undefined;
}

interface Cursor {
  readonly endpoint: string;
  readonly activity: string;
  /** Null: nothing read yet, the next run reads from the start. */
  readonly stored: string | null;
  /** Kept statements stored after the cursor less OVERLAP_MS: ids and `stored` in ms. */
  readonly recent: ReadonlyArray<{ readonly id: string; readonly stored: number }>;
}

export async function syncLrs(source: LrsSource, options: SyncOptions): Promise<SyncResult> {
  if (!options.incremental) return syncOnce(source, options);
  // One sync into FILE at a time (take-sync-lock.ts says why).
  const release = takeSyncLock(options.file);
  try {
    return await syncOnce(source, options);
  } finally {
    release();
  }
}

async function syncOnce(source: LrsSource, options: SyncOptions): Promise<SyncResult> {
  const endpoint = redactUrl(source.endpoint);
  const cursor = options.incremental ? await readCursor(options.file, endpoint, options.activity) : undefined;
  const skip = new Set((cursor?.recent ?? []).map((r) => r.id));
  const part = options.incremental ? `${options.file}.part` : options.file;
  let writeFailed = false;
  const cannotWrite = (error: unknown): ReportError => {
    writeFailed = true;
    return new ReportError(`cannot write ${part}: ${(error as Error).message}`);
  };
  // Written synchronously: an error (no folder, a full disk) stops the sync at once with its message,
  // where a stream's error came after the reads and its close never settled (exit 0, no report).
  let fd: number;
  try {
    fd = openSync(part, 'w');
  } catch (error) {
    throw cannotWrite(error);
  }
  const newlyVoided = new Set<string>();
  // The LRS promises nothing stored after its Consistent-Through time is complete yet (Communication
  // §2.1.3): the cursor never passes it, or a statement that became visible after this read would be
  // before the next read's `since`, and never fetched.
  let horizon = Number.POSITIVE_INFINITY;
  // Only statements near the cursor-to-be matter for the next run's skip list: pruned as the sync goes.
  let stamps: Array<{ id: string; stored: number }> = [...(cursor?.recent ?? [])];
  let pruneAt = 10_000;
  let latest: { text: string; time: number } | undefined = cursor?.stored ? { text: cursor.stored, time: Date.parse(cursor.stored) } : undefined;
  let pending = '';
  const flush = (): void => {
    try {
      writeAllSync(fd, pending);
    } catch (error) {
      throw cannotWrite(error);
    }
    pending = '';
  };
  const since = cursor?.stored ? new Date(Date.parse(cursor.stored) - OVERLAP_MS).toISOString() : options.incremental ? undefined : options.storedFrom;
  let result;
  let read = 0;
  // Whether the LRS has kept to `ascending`: statements read so far are then all those stored up to the last one.
  let ordered = true;
  let lastStored = Number.NEGATIVE_INFINITY;
  try {
    result = await readLrs(source, {
      activity: options.activity, storedSince: since, ascending: options.incremental, limit: options.pageSize, fetch: options.fetch, retry: options.retry, stop: options.stop,
      onPage: (statements, pages) => {
        read = statements;
        options.onPage?.(statements, pages);
      },
      onConsistentThrough: (value) => {
        const t = Date.parse(value);
        if (!Number.isNaN(t)) horizon = t;
      },
    }, (s) => {
      if (!isObject(s)) return;
      if (typeof s.id === 'string' && skip.has(s.id)) return;
      // A voiding statement as the report reads one (read-statement.ts `isVoiding`): the voided verb on a
      // StatementRef; a verb of another vocabulary that ends in /voided retracts nothing.
      if (isObject(s.verb) && s.verb.id === VERBS.voided && isObject(s.object) && s.object.objectType === 'StatementRef' && typeof s.object.id === 'string') {
        newlyVoided.add(s.object.id);
      }
      if (typeof s.stored === 'string' && typeof s.id === 'string') {
        const t = Date.parse(s.stored);
        if (!Number.isNaN(t)) {
          if (t < lastStored) ordered = false;
          lastStored = t;
          if (!latest || t > latest.time) latest = { text: s.stored, time: t };
          stamps.push({ id: s.id, stored: t });
          if (stamps.length > pruneAt) {
            stamps = recentOf(stamps, Math.min(latest.time, horizon));
            pruneAt = stamps.length * 2 + 10_000;
          }
        }
      }
      pending += `${JSON.stringify(s)}\n`;
      if (pending.length > 1 << 20) flush();
    });
    flush();
  } catch (error) {
    // The LRS failed after some pages: what they hold is whole, and kept (see above). A write error,
    // nothing read, or an LRS that did not page oldest first (a cursor past statements not yet read would
    // skip them for good) keeps nothing.
    const keep = options.incremental && read > 0 && ordered && error instanceof ReportError && !writeFailed;
    try {
      if (keep) flush();
    } catch {
      // The disk failed too: nothing is kept, and the LRS's error is the one to report.
    }
    closeSync(fd);
    if (!keep || pending !== '') {
      if (options.incremental) await rm(part, { force: true });
      throw error;
    }
    await finish();
    throw new ReportError(`${(error as Error).message}; the ${read === 1 ? 'statement' : `${read.toLocaleString('en-US')} statements`} read before that ${read === 1 ? 'is' : 'are'} kept in ${options.file}, and running the same command again goes on from there`);
  }
  closeSync(fd);
  await finish();
  return { fetched: result.statements, pages: result.pages, consistentThrough: result.consistentThrough };

  /** FILE and its cursor, from the statements read into the part file. */
  async function finish(): Promise<void> {
    if (!options.incremental) return;
    // A full disk while merging is the person's to act on, and leaves no copy of learners' statements behind.
    await mergeInto(options.file, part, newlyVoided).catch(async (error: unknown) => {
      await rm(part, { force: true });
      await rm(`${options.file}.tmp`, { force: true });
      if (error instanceof ReportError) throw error;
      throw new ReportError(`cannot write ${options.file}: ${(error as Error).message}`);
    });
    // Written even when nothing came (a first sync before anyone started): FILE exists from now on, and a
    // FILE without a cursor is refused as damaged. `stored: null` reads from the start next time.
    const next: Cursor = nextCursor(endpoint, options.activity, cursor, latest, horizon, stamps);
    // Whole or not at all: a cursor cut short by a crash would make the next sync fail.
    await writeAllAtomically([stageFile(`${options.file}.cursor.json`, `${JSON.stringify(next, null, 2)}\n`)]).catch((error: unknown) => {
      throw new ReportError(`cannot write ${options.file}.cursor.json: ${(error as Error).message}`);
    });
  }
}

/**
 * The newest `stored` read, held back to the LRS's Consistent-Through time when that is earlier, and never
 * before the previous cursor (what was kept before it is not in the skip list any more).
 */
function nextCursor(endpoint: string, activity: string, previous: Cursor | undefined, latest: { text: string; time: number } | undefined,
  horizon: number, stamps: ReadonlyArray<{ id: string; stored: number }>): Cursor {
  if (!latest) return { endpoint, activity, stored: previous?.stored ?? null, recent: previous?.recent ?? [] };
  const floor = previous?.stored ? Date.parse(previous.stored) : Number.NEGATIVE_INFINITY;
  const at = Math.max(Math.min(latest.time, horizon), floor);
  const stored = at === latest.time ? latest.text : new Date(at).toISOString();
  return { endpoint, activity, stored, recent: recentOf(stamps, at) };
}

function recentOf(stamps: ReadonlyArray<{ id: string; stored: number }>, latest: number): Array<{ id: string; stored: number }> {
  const seen = new Set<string>();
  // Everything the next run's query (from `latest` - OVERLAP_MS) will return again, to be skipped.
  return stamps.filter((s) => s.stored > latest - OVERLAP_MS && !seen.has(s.id) && seen.add(s.id));
}

async function readCursor(file: string, endpoint: string, activity: string): Promise<Cursor | undefined> {
  let text: string;
  try {
    text = await readFile(`${file}.cursor.json`, 'utf8');
  } catch {
    if (await exists(file)) throw new ReportError(`${file} exists but ${file}.cursor.json does not; remove ${file} to sync from the start`);
    return undefined;
  }
  const damaged = new ReportError(`${file}.cursor.json is damaged; remove it and ${file} to sync from the start`);
  let cursor: Partial<Cursor>;
  try {
    cursor = JSON.parse(text) as Partial<Cursor>;
  } catch {
    throw damaged;
  }
  if (typeof cursor !== 'object' || cursor === null || !(typeof cursor.stored === 'string' || cursor.stored === null) || !Array.isArray(cursor.recent)) throw damaged;
  if (typeof cursor.stored === 'string' && Number.isNaN(Date.parse(cursor.stored))) throw damaged;
  if (cursor.endpoint !== endpoint || cursor.activity !== activity) {
    throw new ReportError(`${file} holds statements of ${cursor.activity ?? '?'} from ${cursor.endpoint ?? '?'}; use another --sync file for ${activity} from ${endpoint}`);
  }
  return cursor as Cursor;
}

/** FILE + new statements → FILE, dropping lines whose statement a new voiding statement retracts. */
async function mergeInto(file: string, part: string, newlyVoided: ReadonlySet<string>): Promise<void> {
  if (!(await exists(file))) {
    await rename(part, file);
    return;
  }
  const temp = `${file}.tmp`;
  // Synchronous writes: the readers call back synchronously, and a sync file is local disk.
  const fd = openSync(temp, 'w');
  let buffer = '';
  const keep = (text: string): void => {
    buffer += `${text}\n`;
    if (buffer.length > 1 << 20) {
      writeAllSync(fd, buffer);
      buffer = '';
    }
  };
  try {
    const ids = [...newlyVoided];
    await readExport(file, (text) => {
      if (ids.length && ids.some((id) => text.includes(id)) && isRetracted(text, newlyVoided)) return;
      keep(text);
    }, 'ndjson');
    await readExport(part, keep, 'ndjson');
    writeAllSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
  await rename(temp, file);
  await rm(part, { force: true });
}

function isRetracted(text: string, voided: ReadonlySet<string>): boolean {
  const s = JSON.parse(text) as { id?: unknown };
  return typeof s.id === 'string' && voided.has(s.id);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * Every byte of `text`, or an error: `writeSync` answers a full disk with a short count, not an error, so
 * a sync file cut short was renamed over the good one and its cursor moved past what was lost (every later
 * run then failed on a "malformed statement" at the cut).
 */
export function writeAllSync(fd: number, text: string, write: (fd: number, bytes: Buffer, at: number, length: number) => number = writeSync): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length;) {
    const wrote = write(fd, bytes, at, bytes.length - at);
    if (wrote <= 0) throw Object.assign(new Error('ENOSPC: no space left on device (the disk is full)'), { code: 'ENOSPC' });
    at += wrote;
  }
}
