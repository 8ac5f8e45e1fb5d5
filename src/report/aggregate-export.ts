/**
 * An exported statements file → the aggregate, in two streamed passes (fold-file.ts): the first
 * collects the ids that voiding statements retract (a `voided` statement may come after its target in
 * a file, and a fold cannot take a statement back, XAPI.md §12 rule 2), the second folds every
 * statement. Large NDJSON files are folded in parts on worker threads when the caller says where the
 * worker is (aggregate-in-threads.ts); the answer is the same.
 */
import { stat } from 'node:fs/promises';
import type { Aggregate, AggregateOptions } from './aggregate-types.js';
import { aggregateInThreads, type ThreadOptions } from './aggregate-in-threads.js';
import { collectVoided, foldFile } from './fold-file.js';
import { exportKind, isCompressed } from './read-export.js';

export { collectVoided } from './fold-file.js';

export async function aggregateExport(file: string, options: AggregateOptions, kind = exportKind(file), threads?: ThreadOptions): Promise<Aggregate> {
  if (threads && kind === 'ndjson' && !isCompressed(file)) {
    const size = await stat(file).then(
      (s) => (s.isFile() ? s.size : undefined),
      () => undefined,
    );
    // Unreadable files go the one-thread way, which words the error.
    if (size !== undefined && size >= threads.minBytes) return aggregateInThreads(file, size, options, threads);
  }
  const voided = await collectVoided(file, kind, undefined, options.trustedAuthorities);
  return (await foldFile(file, options, voided, kind)).result();
}
