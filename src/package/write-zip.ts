// Writes a package zip, byte-identical for the same files (STYLE.md convention 7) and never half
// written (write-atomically.ts).
import { ZipArchive } from 'archiver';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { isStructurallySafePath } from '../shared/package-path.js';
import type { PackageFile } from './check-package.js';
import { comparePaths } from './compare-paths.js';
import { type StagedWrite, writeAllAtomically } from './write-atomically.js';

/**
 * Every entry gets this date. archiver defaults to "now"; a fixed instant makes two builds equal.
 * 1980-01-01 is the first date MS-DOS time can hold (APPNOTE 4.4.6); with forceLocalTime off,
 * archiver encodes the UTC fields, so the builder's time zone does not matter either.
 */
export const ZIP_ENTRY_DATE = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));
/** rw-r--r--: the same on every machine instead of the source file's mode (umask, Windows). */
export const ZIP_ENTRY_MODE = 0o644;
/**
 * Fixed, so output depends only on the input and the zlib that ships with Node. A Node upgrade
 * with a new zlib may change the deflate bytes (still the same files); compare zips from one Node.
 */
const ZLIB_LEVEL = 9;

function assertEntryPath(path: string): void {
  // Structural safety only (SCORM12.md §1): a zip with these could not be extracted safely.
  // Everything else (junk files, names, manifest contents) is checkPackage()'s job.
  if (!isStructurallySafePath(path)) {
    throw new TypeError(`writeZip: "${path}" is not a plain relative path with forward slashes (no directory entries, no "..")`);
  }
}

/**
 * Writes `files` as a zip at `outFile`: sorted entries, fixed date and mode, deflate, no directory
 * entries, no extra fields. The bytes go to a temporary file in the same folder and are renamed
 * over `outFile` only when complete (rename is atomic within one file system), so a failed or
 * interrupted build leaves the previous zip, or none, never a truncated one.
 */
export async function writeZip(outFile: string, files: readonly PackageFile[]): Promise<void> {
  await writeAllAtomically([stageZip(outFile, files)]);
}

/** The zip of `files` as one write of a set (writeAllAtomically); unsafe entries throw here, before any write. */
export function stageZip(outFile: string, files: readonly PackageFile[]): StagedWrite {
  const sorted = [...files].sort((a, b) => comparePaths(a.path, b.path));
  sorted.forEach((file, i) => {
    assertEntryPath(file.path);
    if (i > 0 && sorted[i - 1]?.path === file.path) throw new TypeError(`writeZip: "${file.path}" appears twice`);
  });

  const archive = new ZipArchive({ forceLocalTime: false, zlib: { level: ZLIB_LEVEL } });
  return {
    file: outFile,
    async write(temporary) {
      const written = pipeline(archive, createWriteStream(temporary, { flags: 'wx' }));
      for (const file of sorted) {
        archive.append(Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength), {
          name: file.path,
          date: ZIP_ENTRY_DATE,
          mode: ZIP_ENTRY_MODE,
          // An empty file is stored; left to compress-commons it is stored too but keeps the data-descriptor
          // flag, which Java's ZipInputStream refuses ("only DEFLATED entries can have EXT descriptor").
          ...(file.data.byteLength === 0 ? { store: true } : {}),
        });
      }
      await Promise.all([archive.finalize(), written]);
    },
    abort: () => archive.abort(),
  };
}
