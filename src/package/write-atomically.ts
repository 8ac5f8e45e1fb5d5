// Files that are either complete or absent: the bytes go to a temporary file in the same folder and
// are renamed over the target only when complete (rename is atomic within one file system), so a
// failed or interrupted build leaves the previous file, or none, never a truncated one.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

let temporaryCount = 0;

/** Runs `write` on a temporary path next to `outFile`, then moves the result into place. */
export async function writeAtomically(outFile: string, write: (temporary: string) => Promise<void>, onError?: () => void): Promise<void> {
  const folder = dirname(outFile);
  await mkdir(folder, { recursive: true });
  // A dot-name in the same folder: same file system for the rename, hidden from `ls dist`,
  // and *.tmp is git-ignored.
  const temporary = join(folder, `.${basename(outFile)}.${process.pid}-${Date.now()}-${temporaryCount++}.tmp`);
  try {
    await write(temporary);
    await rename(temporary, outFile);
  } catch (error) {
    onError?.();
    await rm(temporary, { force: true });
    throw error;
  }
}

export async function writeFileAtomically(outFile: string, data: Uint8Array | string): Promise<void> {
  await writeAtomically(outFile, (temporary) => writeFile(temporary, data, { flag: 'wx' }));
}
