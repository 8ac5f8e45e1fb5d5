/**
 * An exported statements file → the aggregate, in two streamed passes: the first collects the ids
 * that voiding statements retract (a `voided` statement may come after its target in a file, and a
 * fold cannot take a statement back, XAPI.md §12 rule 2), the second folds every statement.
 * Large NDJSON files are folded in parts on worker threads when the caller says where the worker is
 * (aggregate-in-threads.ts); the answer is the same.
 */
import { stat } from 'node:fs/promises';
import { createAggregator, type Aggregator } from './aggregate-statements.js';
import type { Aggregate, AggregateOptions } from './aggregate-types.js';
import { aggregateInThreads, type ThreadOptions } from './aggregate-in-threads.js';
import { exportKind, readExport, type ByteRange } from './read-export.js';
import { isVoiding, readStatementText, StatementError, type StatementFacts } from './read-statement.js';
import { ownString } from './own-string.js';
import { ReportError } from './report-error.js';
import type { StatementIdSet } from './statement-id-set.js';

export async function aggregateExport(file: string, options: AggregateOptions, kind = exportKind(file), threads?: ThreadOptions): Promise<Aggregate> {
  if (threads && kind === 'ndjson') {
    const size = await stat(file).then(
      (s) => (s.isFile() ? s.size : undefined),
      () => undefined,
    );
    // Unreadable files go the one-thread way, which words the error.
    if (size !== undefined && size >= threads.minBytes) return aggregateInThreads(file, size, options, threads);
  }
  const voided = await collectVoided(file, kind);
  return (await foldFile(file, options, voided, kind)).result();
}

/** Ids named by voiding statements. Only statements mentioning "voided" are read in full. */
export async function collectVoided(file: string, kind = exportKind(file), range?: ByteRange): Promise<Set<string>> {
  const voided = new Set<string>();
  // "voided" is in the verb IRI, escaped slashes or not; a first pass decodes only those lines.
  await readExport(
    file,
    (text, where) => {
      const facts = readAt(text, where);
      if (isVoiding(facts)) voided.add(ownString(facts.objectId));
    },
    kind,
    'voided',
    range,
  );
  return voided;
}

/** The second pass, over the file or one part of it, with the ids already counted before the part. */
export async function foldFile(file: string, options: AggregateOptions, voided: ReadonlySet<string>, kind = exportKind(file), range?: ByteRange, seen?: StatementIdSet): Promise<Aggregator> {
  const aggregator = createAggregator(options, voided, seen);
  await readExport(file, (text, where) => aggregator.add(readAt(text, where)), kind, undefined, range);
  return aggregator;
}

function readAt(text: string, where: () => string): StatementFacts {
  try {
    return readStatementText(text);
  } catch (error) {
    if (error instanceof StatementError) throw new ReportError(`${where()}: malformed statement: ${error.message}`);
    throw error;
  }
}
