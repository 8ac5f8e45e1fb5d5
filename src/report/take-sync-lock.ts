/**
 * One sync into FILE at a time: two (a nightly job and an admin's own run) both wrote FILE.part and merged
 * it, so one could cut the other's statements short and still move the cursor past them, and those
 * statements were never read again. The lock file FILE.lock holds its process id; a lock whose process is
 * gone (a report killed mid-sync) is taken over.
 *
 * Between processes, each step that decides who holds the lock is one atomic file operation:
 *
 * - The lock is made with its content: the process id goes into a file of this process's own, which is then
 *   hard-linked to the lock's name (a link fails if the name exists). Made empty and written after, another
 *   report that read it in between saw no owner, took it for stale, removed it and took it: both ran.
 *   Where there are no hard links (FAT, some network shares) it is made empty and written after, and a
 *   reader waits for the line to end before it judges (`readLock`).
 * - A stale lock is removed only by whoever holds FILE.lock.break (made with 'wx': one at a time), after
 *   reading the lock again. Two reports that found the same stale lock each removed it and made their own,
 *   and the slower one's removal could take the faster one's new lock: both ran. Nothing else removes a lock
 *   whose process is gone (its owner never will), so the one read under FILE.lock.break is the one removed.
 *   A report killed while it holds FILE.lock.break (a few system calls) leaves stale locks to a person, whom
 *   the refusal tells which files to remove: safe rather than two syncs at once.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fstatSync, linkSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { ReportError } from './report-error.js';

/** Locks this process holds: a lock file naming this process is stale (a container reuses process ids from
 * run to run) unless it is one of these, a sync still running here. Known by the file itself (device and
 * inode), not its name: the same file named another way (a symlinked folder) was taken over, and then the
 * first sync ran on with no lock on disk. */
const heldHere = new Set<string>();
// As bigints: a Windows file id can pass 2^53.
const identity = (stats: { dev: bigint; ino: bigint }): string => `${stats.dev}:${stats.ino}`;

interface SeenLock {
  /** NaN or 0 when the file names no process. */
  readonly owner: number;
  readonly id: string;
}

/** Takes FILE.lock or refuses with the process that holds it; the function returned releases it. */
export function takeSyncLock(file: string): () => void {
  const lock = `${file}.lock`;
  for (let attempt = 0; attempt < 10; attempt++) {
    let held: string | undefined;
    try {
      held = createLock(lock);
    } catch {
      // A folder that is not there, or not writable, or a full disk: the sync itself says so, in its words.
      return () => undefined;
    }
    if (held !== undefined) {
      heldHere.add(held);
      const mine = held;
      return () => {
        heldHere.delete(mine);
        // Only its own: a lock removed by hand and taken by another report stays that report's.
        if (idOf(lock) === mine) rmSync(lock, { force: true });
      };
    }
    const seen = readLock(lock);
    if (seen && isLive(seen)) {
      throw new ReportError(`another report is syncing ${file} (process ${seen.owner}); run this one when it has finished (if no report is running, remove ${file}.lock)`);
    }
    // Gone since (the next attempt takes it), or stale.
    if (seen) removeStale(lock);
  }
  const stuck = existsSync(`${lock}.break`) ? ` and ${lock}.break` : '';
  throw new ReportError(`cannot take ${lock}: other reports keep taking it (if no report is running, remove ${lock}${stuck})`);
}

/** The lock's identity when this call made it; undefined when it exists (or is being removed, on Windows). */
function createLock(lock: string): string | undefined {
  const own = `${lock}.${process.pid}-${randomBytes(4).toString('hex')}`;
  writeFileSync(own, `${process.pid}\n`, { flag: 'wx' });
  try {
    linkSync(own, lock);
    return identity(statSync(own, { bigint: true }));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    return createInPlace(lock);
  } finally {
    rmSync(own, { force: true });
  }
}

/** No hard links here: made, then written (readers wait for the line to end). */
function createInPlace(lock: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(lock, 'wx');
  } catch (error) {
    // EPERM, EACCES: the folder took this process's own file a moment ago, so the name is busy, as a file
    // Windows is still removing (another report has it open) is.
    if (['EEXIST', 'EPERM', 'EACCES'].includes((error as NodeJS.ErrnoException).code ?? '')) return undefined;
    throw error;
  }
  let id: string;
  try {
    id = identity(fstatSync(fd, { bigint: true }));
    const line = Buffer.from(`${process.pid}\n`);
    // A full disk answers with a short count: a lock cut short is no lock.
    if (writeSync(fd, line) !== line.length) throw new Error('ENOSPC: no space left on device');
  } catch (error) {
    closeSync(fd);
    rmSync(lock, { force: true });
    throw error;
  }
  closeSync(fd);
  return id;
}

/** What the lock says and which file said it, once its line has ended; undefined when there is none. */
function readLock(lock: string): SeenLock | undefined {
  for (let look = 0; ; look++) {
    let fd: number;
    try {
      fd = openSync(lock, 'r');
    } catch (error) {
      // Removed as it was looked for (on Windows, EPERM while it is being removed): the next attempt takes it.
      if (['ENOENT', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? '')) return undefined;
      throw new ReportError(`cannot read ${lock}: ${(error as Error).message}`);
    }
    try {
      const text = readFileSync(fd, 'utf8');
      // Without its line end it is being written (made where there are no hard links); after a second
      // without it, its maker died in between.
      if (text.endsWith('\n') || look === 20) return { owner: Number(text.trim()), id: identity(fstatSync(fd, { bigint: true })) };
    } finally {
      closeSync(fd);
    }
    pause(50);
  }
}

function isLive(seen: SeenLock): boolean {
  if (seen.owner === process.pid) return heldHere.has(seen.id);
  return Number.isInteger(seen.owner) && seen.owner > 0 && isRunning(seen.owner);
}

/** Removes the lock if, read again by the one report allowed to (FILE.lock.break), it is still stale. */
function removeStale(lock: string): void {
  const guard = `${lock}.break`;
  try {
    closeSync(openSync(guard, 'wx'));
  } catch {
    // Another report is at it: a few system calls, then its lock is there to be read.
    pause(5);
    return;
  }
  try {
    const seen = readLock(lock);
    if (seen && !isLive(seen)) rmSync(lock, { force: true });
  } finally {
    rmSync(guard, { force: true });
  }
}

function idOf(file: string): string | undefined {
  try {
    return identity(statSync(file, { bigint: true }));
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
