// Files that are either complete or absent: the bytes go to a temporary file in the same folder and
// are renamed over the target only when complete (rename is atomic within one file system), so a
// failed or interrupted build leaves the previous file, or none, never a truncated one.
import { type Dirent, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { temporaryName, writerOf } from '../shared/temporary-name.js';

let temporaryCount = 0;

/** Runs `write` on a temporary path next to `outFile`, then moves the result into place. */
export async function writeAtomically(outFile: string, write: (temporary: string) => Promise<void>, onError?: () => void): Promise<void> {
  const folder = dirname(outFile);
  mkdirSync(folder, { recursive: true });
  // A dot-name in the same folder: same file system for the rename, hidden from `ls dist`,
  // and *.tmp is git-ignored.
  const temporary = join(folder, temporaryName(basename(outFile), process.pid, Date.now(), temporaryCount++));
  try {
    await write(temporary);
    renameSync(temporary, outFile);
  } catch (error) {
    onError?.();
    rmSync(temporary, { force: true });
    // A failed write on an open file names no path (EFBIG, ENOSPC): name the file it was for.
    const system = error as NodeJS.ErrnoException;
    if (system && typeof system.code === 'string' && system.path === undefined) system.path = outFile;
    throw error;
  }
}

export async function writeFileAtomically(outFile: string, data: Uint8Array | string): Promise<void> {
  await writeAtomically(outFile, async (temporary) => writeFileSync(temporary, data, { flag: 'wx' }));
}

/**
 * Removes what an interrupted build left in `folder` (SIGKILL, a power cut): temporary files of processes
 * that no longer run. A running build's files are left alone, whoever runs it.
 */
export async function removeStaleTemporaries(folder: string): Promise<void> {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    // Only files are ours: a folder or link that happens to match the name was made by someone else.
    if (!entry.isFile()) continue;
    const pid = writerOf(entry.name);
    if (pid === null || pid === process.pid || isRunning(pid)) continue;
    try {
      rmSync(join(folder, entry.name), { force: true });
    } catch {
      // A leftover that will not go (another user's, say) is untidy, not a reason to stop this build: its
      // names never collide with ours, and a folder we cannot write to fails our own write, with the cause.
    }
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
