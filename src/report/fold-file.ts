/**
 * The folds of a statements file (or one part of an NDJSON file), shared by the one-thread path
 * (aggregate-export.ts), the main thread's part and the worker threads' parts (aggregate-in-threads.ts).
 * A file is folded once, learning voided ids as it goes; only when that fold took in a statement a later
 * voiding statement retracts (XAPI.md §12 rule 2: in a synced copy, an admin's voiding comes after its
 * target) is it folded again, with every voided id known up front.
 */
import { statSync } from 'node:fs';
import { createAggregator, type Aggregator, type VoidedIds } from './aggregate-statements.js';
import { ChunkQueue } from './chunk-queue.js';
import type { AggregateOptions } from './aggregate-types.js';
import { exportKind, readExport, type ByteRange } from './read-export.js';
import { readStatementText, StatementError, type StatementFacts } from './read-statement.js';
import { ReportError } from './report-error.js';
import { StatementIdSet } from './statement-id-set.js';

/**
 * A fold, and a second with the voided ids the first learned when it took in a statement one of them
 * retracts. A voiding statement retracts its target wherever it is (rule 2), and most exports hold none,
 * or only ones whose targets the LRS left out of its answers: those are read once.
 */
export async function foldKnowingVoids(fold: (voided: VoidedIds) => Promise<Aggregator>): Promise<Aggregator> {
  const first = await fold(new Set());
  return first.tookAny(first.voids) ? fold(first.voids) : first;
}

/** A fold over the file or one part of it, with the ids already counted before the part. */
export async function foldFile(file: string, options: AggregateOptions, voided: VoidedIds, kind = exportKind(file), range?: ByteRange, seen?: StatementIdSet): Promise<Aggregator> {
  const aggregator = createAggregator(options, voided, seen ?? new StatementIdSet(expectedStatements(bytesOf(file, range))));
  await readExport(file, (text, where) => aggregator.add(readAt(text, where)), kind, range);
  return aggregator;
}

/** A fold over several files in turn, into one aggregate: a statement read in an earlier file counts there alone. */
export async function foldFiles(files: readonly string[], options: AggregateOptions, voided: VoidedIds): Promise<Aggregator> {
  const bytes = files.reduce((sum, file) => sum + bytesOf(file), 0);
  const aggregator = createAggregator(options, voided, new StatementIdSet(expectedStatements(bytes)));
  for (const file of files) await readExport(file, (text, where) => aggregator.add(readAt(text, where)), exportKind(file));
  return aggregator;
}

/** Part of an NDJSON file: a chunk of the files a report reads in parts (aggregate-in-threads.ts). */
export interface FileChunk extends ByteRange {
  readonly file: string;
}

/** Chunks folded in turn into one aggregate, with the ids already counted before them. */
export async function foldChunks(chunks: readonly FileChunk[], options: AggregateOptions, voided: VoidedIds, seen?: StatementIdSet): Promise<Aggregator> {
  const bytes = chunks.reduce((sum, c) => sum + c.end - c.start, 0);
  const aggregator = createAggregator(options, voided, seen ?? new StatementIdSet(expectedStatements(bytes)));
  for (const chunk of chunks) await readExport(chunk.file, (text, where) => aggregator.add(readAt(text, where)), 'ndjson', chunk);
  return aggregator;
}

/** A run of consecutive chunks folded into one aggregate. */
export interface FoldedPart {
  /** Chunk indices, inclusive. */
  readonly first: number;
  readonly last: number;
  readonly aggregator: Aggregator;
}

/** A thread's share of the fold (chunk-queue.ts), and the error that stopped it, if one did. */
export interface FoldedShare {
  readonly parts: FoldedPart[];
  readonly error?: { readonly chunk: number; readonly error: unknown };
}

/**
 * Thread t's share of the fold: the chunks of its home, taken in order into one aggregate, then
 * chunks taken from the back of other homes, each into its own. The first error stops the thread. The
 * chunks it leaves are either after its error in its own home or still there for the other threads to
 * take, so every chunk before the earliest error any thread meets is folded by some thread, and that
 * error is the one a single fold would meet first (aggregate-in-threads.ts compares the threads').
 */
export async function foldShare(options: AggregateOptions, voided: VoidedIds, chunks: readonly FileChunk[], queue: ChunkQueue, t: number): Promise<FoldedShare> {
  const parts: FoldedPart[] = [];
  let chunk = -1;
  try {
    const home = ChunkQueue.home(chunks.length, queue.threads, t);
    const homeBytes = (chunks[home.end - 1]?.end ?? 0) - (chunks[home.first]?.start ?? 0);
    let own: { first: number; last: number; aggregator: Aggregator } | undefined;
    while ((chunk = queue.takeOwn(t)) >= 0) {
      own ??= { first: chunk, last: chunk, aggregator: createAggregator(options, voided, new StatementIdSet(expectedStatements(homeBytes))) };
      // Only the owner moves a home's front, so the chunks it takes are consecutive.
      own.last = chunk;
      const aggregator = own.aggregator;
      const range = chunks[chunk] as FileChunk;
      await readExport(range.file, (text, where) => aggregator.add(readAt(text, where)), 'ndjson', range);
    }
    if (own) parts.push(own);
    while ((chunk = queue.steal(t)) >= 0) {
      const range = chunks[chunk] as FileChunk;
      const aggregator = createAggregator(options, voided, new StatementIdSet(expectedStatements(range.end - range.start)));
      await readExport(range.file, (text, where) => aggregator.add(readAt(text, where)), 'ndjson', range);
      parts.push({ first: chunk, last: chunk, aggregator });
    }
    return { parts };
  } catch (error) {
    return { parts, error: { chunk, error } };
  }
}

/**
 * About how many statements the bytes hold: the player's run 1.4 KB each; a smaller guess only means
 * the id table grows as it fills.
 */
function expectedStatements(bytes: number): number {
  return Math.floor(bytes / 2048);
}

function bytesOf(file: string, range?: ByteRange): number {
  try {
    return range ? range.end - range.start : statSync(file).size;
  } catch {
    return 0;
  }
}

function readAt(text: string, where: () => string): StatementFacts {
  try {
    return readStatementText(text);
  } catch (error) {
    if (error instanceof StatementError) throw new ReportError(`${where()}: malformed statement: ${error.message}`);
    throw error;
  }
}
