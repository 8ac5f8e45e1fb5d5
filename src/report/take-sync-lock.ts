/**
 * One sync into FILE at a time: two (a nightly job and an admin's own run) both wrote FILE.part and merged
 * it, so one could cut the other's statements short and still move the cursor past them, and those
 * statements were never read again. The lock file holds its process id; a lock whose process is gone (a
 * report killed mid-sync) is taken over.
 */
import { closeSync, fstatSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { ReportError } from './report-error.js';

/** Locks this process holds: a lock file naming this process is stale (a container reuses process ids from
 * run to run) unless it is one of these, a sync still running here. Known by the file itself (device and
 * inode), not its name: the same file named another way (a symlinked folder) was taken over, and then the
 * first sync ran on with no lock on disk. */
const heldHere = new Set<string>();
// As bigints: a Windows file id can pass 2^53.
const identity = (stats: { dev: bigint; ino: bigint }): string => `${stats.dev}:${stats.ino}`;

function heldByThisProcess(lock: string): boolean {
  try {
    return heldHere.has(identity(statSync(lock, { bigint: true })));
  } catch {
    return false;
  }
}

export function takeSyncLock(file: string): () => void {
  const lock = `${file}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      let held: string;
      try {
        held = identity(fstatSync(fd, { bigint: true }));
        writeSync(fd, `${process.pid}\n`);
      } finally {
        closeSync(fd);
      }
      heldHere.add(held);
      return () => {
        heldHere.delete(held);
        rmSync(lock, { force: true });
      };
    } catch (error) {
      // A folder that is not there, or not writable, or a full disk: the sync itself says so, in its words.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return () => undefined;
      let owner = Number.NaN;
      try {
        owner = Number(readFileSync(lock, 'utf8').trim());
      } catch {
        // Removed as it was read: the next attempt takes it.
      }
      const live = owner === process.pid ? heldByThisProcess(lock) : Number.isInteger(owner) && owner > 0 && isRunning(owner);
      if (live) {
        throw new ReportError(`another report is syncing ${file} (process ${owner}); run this one when it has finished (if no report is running, remove ${file}.lock)`);
      }
      rmSync(lock, { force: true });
    }
  }
  throw new ReportError(`cannot take ${file}.lock: other reports keep taking it`);
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
