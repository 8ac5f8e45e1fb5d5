/**
 * A large NDJSON export, or several read as one, folded in parts on worker threads, then merged
 * (merge-aggregates.ts): reading and decoding statements is most of a report's time, and it divides. The
 * files are cut into chunks at line starts, in the order given; the answer is the one a single fold of the
 * files in turn gives, in three steps that mirror aggregate-export.ts:
 *
 * 1. each thread folds its home's chunks (this thread the first, a worker each of the others), then
 *    takes chunks left in the others' homes (chunk-queue.ts), so the threads end together; a worker
 *    returns its parts' aggregates (packed flat, pack-aggregate.ts), the ids each read and the ids their
 *    voiding statements retract;
 * 2. a voiding statement retracts its target anywhere (XAPI.md §12 rule 2): the parts that took in a
 *    statement some part's voiding statement retracts are folded again with every voided id known, their
 *    chunks shared among the threads (rare: most exports hold no voiding statement, or none whose
 *    target they hold);
 * 3. the parts are merged in file order; a part holding an id an earlier part already read (a retried
 *    statement split across a cut, rule 8) is folded again, here, with the earlier ids as already seen,
 *    so the first copy alone counts.
 *
 * Errors are those of a single fold: a malformed statement is reported from the earliest chunk that
 * has one, by `file:line`.
 */
import { Worker } from 'node:worker_threads';
import type { Aggregate, AggregateOptions } from './aggregate-types.js';
import { ChunkQueue, MAX_CHUNKS } from './chunk-queue.js';
import type { Aggregator } from './aggregate-statements.js';
import { foldChunks, foldShare, type FileChunk, type FoldedShare } from './fold-file.js';
import { mergeAggregates } from './merge-aggregates.js';
import { unpackAggregate, type PackedAggregate } from './pack-aggregate.js';
import { splitLines, type FileIdentity } from './read-export.js';
import { ReportError } from './report-error.js';
import { StatementIdSet, type StatementIdSetData } from './statement-id-set.js';

export interface ThreadOptions {
  /** The worker script (the bundle of aggregate-part-worker.ts). */
  readonly worker: URL;
  /** Threads to fold with, this one included; 1 folds in this thread. */
  readonly threads: number;
  /** Smaller files are folded in this thread: starting a worker costs more than it saves. */
  readonly minBytes: number;
  /**
   * About how large a chunk is (the unit a thread takes from another's home; default 32 MiB, about
   * 23,000 of the player's statements, a fifth of a second of one thread): smaller chunks balance the
   * threads more finely, each taken chunk costs a merge. Tests make them tiny.
   */
  readonly chunkBytes?: number;
}

const CHUNK_BYTES = 32 * 2 ** 20;

/** What the main thread asks of a worker: to fold its parts (chunks `first` to `last`) again, knowing every voided id. */
export interface PartRequest {
  readonly kind: 'refold';
  readonly voided: StatementIdSetData;
  readonly parts: readonly ChunkRun[];
}

/**
 * A part a worker folded: chunks `first` to `last`, its aggregate, the ids it read, and of those the
 * ones it did not take in as statements, and the ids its voiding statements retract (aggregate-statements.ts).
 */
export interface PackedPart {
  readonly first: number;
  readonly last: number;
  readonly aggregate: PackedAggregate;
  readonly seen: StatementIdSetData;
  readonly exempt: StatementIdSetData;
  readonly voids: StatementIdSetData;
}

/** What a worker answers; `chunk` says where a fold error was met (-1: before any chunk). */
export type PartReply =
  | { readonly kind: 'folded'; readonly parts: readonly PackedPart[] }
  | { readonly kind: 'error'; readonly message: string; readonly report: boolean; readonly chunk?: number };

/** The data a worker starts with. */
export interface PartData {
  readonly chunks: readonly FileChunk[];
  readonly queue: SharedArrayBuffer;
  /** The worker's thread number (its home in the queue). */
  readonly thread: number;
  readonly options: AggregateOptions;
}

/** Chunks `first` to `last`, inclusive. */
export interface ChunkRun {
  readonly first: number;
  readonly last: number;
}

/** A folded part, as this thread holds it: chunks `first` to `last`. */
interface Part extends ChunkRun {
  readonly aggregate: Aggregate;
  seen: StatementIdSet;
  readonly exempt: StatementIdSet;
  readonly voids: StatementIdSet;
}

/** Files read in parts at most (more are read in one thread): each is at least one chunk of the queue's. */
export const MAX_FILES_IN_THREADS = MAX_CHUNKS / 4;

/** An NDJSON file as it was when the report started: its size in bytes and its inode (a file put in its place has another). */
export interface SizedFile extends FileIdentity {
  readonly file: string;
}

/**
 * The files cut into chunks at line starts, in order: about `chunkBytes` each, and at least as many as there
 * are threads, shared among the files by size.
 */
function chunksOf(files: readonly SizedFile[], count: number, chunkBytes: number): FileChunk[] {
  const total = files.reduce((sum, f) => sum + f.size, 0);
  // At most MAX_CHUNKS in all (each file rounds up by one chunk, and the share by size by one more
  // a thread): past it, larger chunks. aggregate-export.ts sends at most MAX_FILES_IN_THREADS files.
  const bytes = Math.max(chunkBytes, Math.ceil(total / Math.max(1, MAX_CHUNKS - 2 * files.length - count)));
  const chunks: FileChunk[] = [];
  for (const { file, size, ino } of files) {
    if (size === 0) continue;
    const wanted = Math.max(1, Math.ceil(size / bytes), total > 0 ? Math.ceil((count * size) / total) : 1);
    const of = { ino, size };
    for (const range of splitLines(file, size, Math.min(wanted, MAX_CHUNKS - chunks.length))) chunks.push({ file, start: range.start, end: range.end, of });
  }
  return chunks;
}

export async function aggregateInThreads(files: readonly SizedFile[], options: AggregateOptions, threads: ThreadOptions): Promise<Aggregate> {
  const count = Math.max(1, threads.threads);
  const chunks = chunksOf(files, count, threads.chunkBytes ?? CHUNK_BYTES);
  // Only empty files: the one-thread fold's answer for them (nothing read).
  if (chunks.length === 0) return foldChunks([], options, new Set()).then((a) => a.result());
  const queue = ChunkQueue.create(chunks.length, count);
  // Thread 0 is this one: it would only wait otherwise, and its parts need no copying between threads.
  // The workers start first, so they boot while this thread folds.
  const workers = Array.from({ length: count - 1 }, (_, i) => new PartWorker(threads.worker, { chunks, queue: queue.buffer, thread: i + 1, options }));
  try {
    const own = await foldShare(options, new Set(), chunks, queue, 0);
    const theirs = await Promise.allSettled(workers.map((p) => p.next()));
    throwEarliest(own, theirs);
    let parts: Part[] = own.parts.map((p) => partHere(p.first, p.last, p.aggregator));
    for (const answer of theirs) if (answer.status === 'fulfilled') for (const p of answer.value.parts) parts.push(partOf(p));
    // Every part's voided ids (a small table: most exports void nothing).
    const voided = new StatementIdSet(0, 16);
    for (const part of parts) voided.addAll(part.voids);
    if (voided.size > 0) parts = await foldTaintedAgain(parts, voided, chunks, options, workers);
    parts.sort((a, b) => a.first - b.first);
    return await mergeInOrder(chunks, options, voided, parts);
  } finally {
    await Promise.all(workers.map((p) => p.stop()));
  }
}

function partHere(first: number, last: number, aggregator: Aggregator): Part {
  return { first, last, aggregate: aggregator.result(), seen: aggregator.seen, exempt: aggregator.exempt, voids: aggregator.voids };
}

function partOf(p: PackedPart): Part {
  return { first: p.first, last: p.last, aggregate: unpackAggregate(p.aggregate), seen: StatementIdSet.fromData(p.seen), exempt: StatementIdSet.fromData(p.exempt), voids: StatementIdSet.fromData(p.voids) };
}

/**
 * The parts that took in a statement a voiding statement retracts (one before its voiding statement, or
 * in another part than it), folded again knowing every voided id: their chunks shared among the threads,
 * so a home part of half the file is not folded again by one thread alone.
 */
async function foldTaintedAgain(parts: readonly Part[], voided: StatementIdSet, chunks: readonly FileChunk[], options: AggregateOptions, workers: readonly PartWorker[]): Promise<Part[]> {
  const tainted = parts.filter((p) => voided.anyIn(p.seen, p.exempt));
  if (tainted.length === 0) return [...parts];
  const shares = shareRuns(tainted, workers.length + 1);
  const asked = workers.filter((worker, i) => {
    const runs = shares[i + 1] ?? [];
    // Copied to each worker (not transferred: this thread folds with it too).
    if (runs.length > 0) worker.send({ kind: 'refold', voided: voided.toData(), parts: runs });
    return runs.length > 0;
  });
  const again: Part[] = [];
  for (const run of shares[0] ?? []) again.push(partHere(run.first, run.last, await foldChunks(chunks.slice(run.first, run.last + 1), options, voided)));
  for (const answer of await all(asked.map((worker) => worker.next()))) for (const p of answer.parts) again.push(partOf(p));
  return [...parts.filter((p) => !tainted.includes(p)), ...again];
}

/**
 * The chunks of the runs cut into `threads` shares of about as many chunks each, in order, each share
 * as runs of consecutive chunks (the unit a thread folds into one part).
 */
export function shareRuns(runs: readonly ChunkRun[], threads: number): ChunkRun[][] {
  const indices = [...runs].sort((a, b) => a.first - b.first).flatMap((r) => Array.from({ length: r.last - r.first + 1 }, (_, i) => r.first + i));
  return Array.from({ length: threads }, (_, t) => {
    const share: ChunkRun[] = [];
    for (const i of indices.slice(Math.floor((t * indices.length) / threads), Math.floor(((t + 1) * indices.length) / threads))) {
      const last = share.at(-1);
      if (last && last.last === i - 1) share[share.length - 1] = { first: last.first, last: i };
      else share.push({ first: i, last: i });
    }
    return share;
  });
}

/**
 * The parts merged in file order. A part that read an id an earlier part read is folded again with
 * every earlier id seen (rare: a retried statement on both sides of a cut). Parts are checked against
 * each earlier part, not against one set of all earlier ids: that set would cost an insert per
 * statement of every part but the last.
 */
async function mergeInOrder(chunks: readonly FileChunk[], options: AggregateOptions, voided: StatementIdSet, parts: Part[]): Promise<Aggregate> {
  const [head, ...rest] = parts;
  if (!head) throw new Error('a file in parts has no part');
  let merged = head.aggregate;
  const earlier: Part[] = [head];
  for (const part of rest) {
    let aggregate = part.aggregate;
    if (earlier.some((e) => part.seen.overlaps(e.seen))) {
      const seen = new StatementIdSet();
      for (const e of earlier) seen.addAll(e.seen);
      const again = await foldChunks(chunks.slice(part.first, part.last + 1), options, voided, seen);
      aggregate = again.result();
      // The earlier ids and this part's: later parts are checked against it as against all of those.
      part.seen = again.seen;
    }
    merged = mergeAggregates(merged, aggregate);
    earlier.push(part);
  }
  return merged;
}

/**
 * The error of the earliest chunk any thread stopped at, if one did: the one a single fold, reading
 * the file in order, would have met first (a thread stops at its first error, and every chunk before
 * the earliest error was folded by some thread). A worker that failed otherwise (it crashed) fails the
 * report too.
 */
function throwEarliest(own: FoldedShare, theirs: ReadonlyArray<PromiseSettledResult<unknown>>): void {
  let earliest: { chunk: number; error: unknown } | undefined = own.error;
  for (const answer of theirs) {
    if (answer.status === 'fulfilled') continue;
    const reason: unknown = answer.reason;
    const chunk = reason instanceof ChunkFailure ? reason.chunk : -1;
    const error = reason instanceof ChunkFailure ? reason.cause : reason;
    if (!earliest || chunk < earliest.chunk) earliest = { chunk, error };
  }
  if (earliest) throw earliest.error;
}

/** A worker's fold error and the chunk it was met in. */
class ChunkFailure extends Error {
  constructor(
    readonly chunk: number,
    override readonly cause: Error,
  ) {
    super(cause.message);
  }
}

/**
 * Every part's answer, or the error of the earliest part that failed: the one a single fold, reading
 * the parts in turn, would have met first.
 */
async function all<T>(answers: Array<Promise<T>>): Promise<T[]> {
  const settled = await Promise.allSettled(answers);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

/** One worker and its replies, taken in order. */
class PartWorker {
  private readonly worker: Worker;
  private readonly replies: PartReply[] = [];
  private waiting: ((reply: PartReply) => void) | undefined;
  private failure: Error | undefined;

  constructor(script: URL, data: PartData) {
    this.worker = new Worker(script, { workerData: data });
    this.worker.on('message', (reply: PartReply) => this.deliver(reply));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`a report worker stopped (exit code ${code})`)));
  }

  send(request: PartRequest): void {
    this.worker.postMessage(request);
  }

  async next(): Promise<Extract<PartReply, { kind: 'folded' }>> {
    const reply = this.replies.shift() ?? (this.failure ? undefined : await new Promise<PartReply>((resolve) => (this.waiting = resolve)));
    if (!reply) throw this.failure;
    if (reply.kind === 'error') {
      const error = reply.report ? new ReportError(reply.message) : new Error(reply.message);
      throw reply.chunk === undefined ? error : new ChunkFailure(reply.chunk, error);
    }
    return reply;
  }

  async stop(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private deliver(reply: PartReply): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting(reply);
    else this.replies.push(reply);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.deliver({ kind: 'error', message: this.failure.message, report: false });
  }
}
