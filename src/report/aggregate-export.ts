/**
 * An exported statements file → the aggregate, streamed (fold-file.ts): one fold, learning the ids
 * voiding statements retract as it goes, and a second only when a voiding statement came after its
 * target (a fold cannot take a statement back, XAPI.md §12 rule 2). Large NDJSON files are folded in
 * parts on worker threads when the caller says where the worker is (aggregate-in-threads.ts); the
 * answer is the same.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Aggregate, AggregateOptions } from './aggregate-types.js';
import { aggregateInThreads, MAX_FILES_IN_THREADS, type SizedFile, type ThreadOptions } from './aggregate-in-threads.js';
import { foldFile, foldFiles, foldKnowingVoids } from './fold-file.js';
import { exportKind, isCompressed } from './read-export.js';

export async function aggregateExport(file: string, options: AggregateOptions, kind = exportKind(file), threads?: ThreadOptions): Promise<Aggregate> {
  if (threads && kind === 'ndjson' && !isCompressed(file)) {
    const sized = await sizedFile(file);
    // Unreadable files go the one-thread way, which words the error.
    if (sized !== undefined && sized.size >= threads.minBytes) return aggregateInThreads([sized], options, threads);
  }
  return (await foldKnowingVoids((voided) => foldFile(file, options, voided, kind))).result();
}

/**
 * Several exports read as one (a district's daily or monthly exports, `--from exports/*.ndjson`): one
 * fold over the files in the order given, so a statement in two files (exports that overlap by a day)
 * counts once (XAPI.md §12 rule 8), and again if a statement in one file is voided in a later one (rule 2). A file named twice is read once. Plain NDJSON files that are
 * large together are read by worker threads, cut in chunks across the files (aggregate-in-threads.ts).
 */
export async function aggregateExports(files: readonly string[], options: AggregateOptions, threads?: ThreadOptions): Promise<Aggregate> {
  const byPath = new Map<string, string>();
  for (const file of files) if (!byPath.has(path.resolve(file))) byPath.set(path.resolve(file), file);
  const unique = [...byPath.values()];
  const [only] = unique;
  if (only !== undefined && unique.length === 1) return aggregateExport(only, options, undefined, threads);
  if (threads && unique.length <= MAX_FILES_IN_THREADS && unique.every((file) => exportKind(file) === 'ndjson' && !isCompressed(file))) {
    const sized = await Promise.all(unique.map(sizedFile));
    // Unreadable files go the one-thread way, which words the error.
    if (sized.every((f) => f !== undefined) && sized.reduce((sum, f) => sum + f.size, 0) >= threads.minBytes) return aggregateInThreads(sized, options, threads);
  }
  return (await foldKnowingVoids((voided) => foldFiles(unique, options, voided))).result();
}

/** A regular file's size and identity now (the threads check it at every open), or undefined. */
async function sizedFile(file: string): Promise<SizedFile | undefined> {
  return stat(file).then(
    (s) => (s.isFile() ? { file, size: s.size, ino: s.ino } : undefined),
    () => undefined,
  );
}
