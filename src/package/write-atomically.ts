// Files that are either complete or absent: the bytes go to a temporary file in the same folder and
// are renamed over the target only when complete (rename is atomic within one file system), so a
// failed or interrupted build leaves the previous file, or none, never a truncated one. A build's outputs
// are written as one set: all of them are complete before the first is moved into place.
import { type Dirent, existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { temporaryName, writerOf } from '../shared/temporary-name.js';
import { isRunning } from './is-running.js';

let temporaryCount = 0;

/** One file of a set written together: how to write its bytes to a path, and how to stop that write. */
export interface StagedWrite {
  /** Where the file goes. */
  readonly file: string;
  /** Writes the whole file at `temporary`, a fresh path next to `file`. */
  readonly write: (temporary: string) => Promise<void>;
  /** Called when `write` failed, to stop what it started (a zip stream). */
  readonly abort?: () => void;
}

/** A file whose bytes are already in memory. */
export function stageFile(outFile: string, data: Uint8Array | string): StagedWrite {
  return { file: outFile, write: async (temporary) => writeFileSync(temporary, data, { flag: 'wx' }) };
}

/**
 * Writes every file to a temporary next to its target, and only when all are complete moves them into
 * place: a build's outputs (a split build's zips, the activities files) are replaced together or not at
 * all, so a failure partway (a full disk, a folder where a file should be) never leaves a mix of this
 * build and the last. On failure the temporaries are removed and the error names the target, not the
 * temporary, which the person never asked for.
 */
export async function writeAllAtomically(writes: readonly StagedWrite[]): Promise<void> {
  // Renames cannot be undone as a group. The one rename that fails after every write succeeded is the one
  // onto a folder (same folder, same file system, same permissions as the temporary): refused before
  // anything is written, so the renames that follow cannot stop halfway.
  for (const w of writes) refuseFolder(w.file);
  const staged: { readonly target: string; readonly temporary: string }[] = [];
  let current: string | undefined;
  try {
    for (const w of writes) {
      current = w.file;
      const folder = dirname(w.file);
      makeFolder(folder);
      // A dot-name in the same folder: same file system for the rename, hidden from `ls dist`,
      // and *.tmp is git-ignored.
      const temporary = join(folder, temporaryName(basename(w.file), process.pid, Date.now(), temporaryCount++));
      staged.push({ target: w.file, temporary });
      try {
        await w.write(temporary);
      } catch (error) {
        w.abort?.();
        throw error;
      }
    }
    for (const { target, temporary } of staged) {
      current = target;
      renameSync(temporary, target);
    }
  } catch (error) {
    for (const { temporary } of staged) rmSync(temporary, { force: true });
    const system = error as NodeJS.ErrnoException;
    if (system && typeof system.code === 'string') {
      // A failed write on an open file names no path (EFBIG, ENOSPC), a failed rename the temporary.
      const temporary = staged.find((s) => s.temporary === system.path);
      if (temporary) system.path = temporary.target;
      else if (system.path === undefined) system.path = current;
    }
    throw error;
  }
}

function refuseFolder(file: string): void {
  let folder = false;
  try {
    folder = lstatSync(file).isDirectory();
  } catch {
    // Absent (the usual case) or unreachable: the write itself will say what is wrong.
  }
  if (folder) throw Object.assign(new Error(`EISDIR: ${file} is a folder`), { code: 'EISDIR', syscall: 'rename', path: file });
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

/**
 * `mkdirSync(folder, { recursive: true })` one level at a time: Node 20's recursive mkdir loops forever,
 * busy and deaf to Ctrl-C, under a folder where nothing can be made (`--out /proc/foo`); made level by level,
 * the first that cannot be made fails with its error.
 */
function makeFolder(folder: string): void {
  const missing: string[] = [];
  for (let at = folder; !existsSync(at); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const level of missing) {
    try {
      mkdirSync(level);
    } catch (error) {
      // Made meanwhile by another build writing into the same folder: fine.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
