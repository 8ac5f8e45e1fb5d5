/**
 * A large NDJSON export, or several read as one, folded in parts on worker threads, then merged
 * (merge-aggregates.ts): reading and decoding statements is most of a report's time, and it divides. The
 * files are cut into chunks at line starts, in the order given; the answer is the one a single fold of the
 * files in turn gives, in three steps that mirror aggregate-export.ts:
 *
 * 1. each thread collects the voided ids of its home (this thread the first, a worker each of the
 *    others); this thread unites them and hands them all out, since a voiding statement may retract a
 *    statement anywhere (XAPI.md §12 rule 2);
 * 2. each thread folds its home's chunks, then takes chunks left in the others' homes (chunk-queue.ts),
 *    so the threads end together; a worker returns its parts' aggregates (packed flat, pack-aggregate.ts)
 *    and the ids each read;
 * 3. the parts are merged in file order; a part holding an id an earlier part already read (a retried
 *    statement split across a cut, rule 8) is folded again, here, with the earlier ids as already seen,
 *    so the first copy alone counts.
 *
 * Errors are those of a single fold: a malformed statement is reported from the earliest chunk that
 * has one, by `file:line`, first-pass errors before second-pass ones.
 */
import { Worker } from 'node:worker_threads';
import type { Aggregate, AggregateOptions } from './aggregate-types.js';
import { ChunkQueue, MAX_CHUNKS } from './chunk-queue.js';
import { collectVoided, foldChunks, foldShare, type FileChunk, type FoldedShare } from './fold-file.js';
import { mergeAggregates } from './merge-aggregates.js';
import { unpackAggregate, type PackedAggregate } from './pack-aggregate.js';
import { splitLines } from './read-export.js';
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

/** What the main thread asks of a worker. */
export type PartRequest = { readonly kind: 'fold'; readonly voided: readonly string[] };

/** A part a worker folded: chunks `first` to `last`, its aggregate and the ids it read. */
export interface PackedPart {
  readonly first: number;
  readonly last: number;
  readonly aggregate: PackedAggregate;
  readonly seen: StatementIdSetData;
}

/** What a worker answers; `chunk` says where a fold error was met (-1: before any chunk). */
export type PartReply =
  | { readonly kind: 'voided'; readonly ids: readonly string[] }
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

/** A thread's home as byte ranges, one for each file it spans (the first pass reads each whole). */
export function homeRanges(chunks: readonly FileChunk[], threads: number, t: number): FileChunk[] {
  const home = ChunkQueue.home(chunks.length, threads, t);
  const ranges: FileChunk[] = [];
  for (let i = home.first; i < home.end; i++) {
    const chunk = chunks[i] as FileChunk;
    const last = ranges.at(-1);
    if (last && last.file === chunk.file && last.end === chunk.start) ranges[ranges.length - 1] = { file: last.file, start: last.start, end: chunk.end };
    else ranges.push(chunk);
  }
  return ranges;
}

/** The voided ids of a thread's home (the first pass). */
export async function collectHomeVoided(chunks: readonly FileChunk[], threads: number, t: number, options: AggregateOptions): Promise<Set<string>> {
  const voided = new Set<string>();
  for (const range of homeRanges(chunks, threads, t)) for (const id of await collectVoided(range.file, 'ndjson', range, options.trustedAuthorities)) voided.add(id);
  return voided;
}

/** A folded part, as this thread holds it: chunks `first` to `last`. */
interface Part {
  readonly first: number;
  readonly last: number;
  readonly aggregate: Aggregate;
  seen: StatementIdSet;
}

/** Files read in parts at most (more are read in one thread): each is at least one chunk of the queue's. */
export const MAX_FILES_IN_THREADS = MAX_CHUNKS / 4;

/** An NDJSON file and its size in bytes. */
export interface SizedFile {
  readonly file: string;
  readonly size: number;
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
  for (const { file, size } of files) {
    if (size === 0) continue;
    const wanted = Math.max(1, Math.ceil(size / bytes), total > 0 ? Math.ceil((count * size) / total) : 1);
    for (const range of splitLines(file, size, Math.min(wanted, MAX_CHUNKS - chunks.length))) chunks.push({ file, start: range.start, end: range.end });
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
  // The workers start first, so they boot while this thread reads.
  const workers = Array.from({ length: count - 1 }, (_, i) => new PartWorker(threads.worker, { chunks, queue: queue.buffer, thread: i + 1, options }));
  try {
    const voided = await collectHomeVoided(chunks, count, 0, options);
    for (const ids of await all(workers.map((p) => p.next<'voided'>('voided')))) for (const id of ids.ids) voided.add(id);
    const message: PartRequest = { kind: 'fold', voided: [...voided] };
    for (const p of workers) p.send(message);
    const own = await foldShare(options, voided, chunks, queue, 0);
    const theirs = await Promise.allSettled(workers.map((p) => p.next<'folded'>('folded')));
    throwEarliest(own, theirs);
    const parts: Part[] = own.parts.map((p) => ({ first: p.first, last: p.last, aggregate: p.aggregator.result(), seen: p.aggregator.seen }));
    for (const answer of theirs) {
      if (answer.status !== 'fulfilled') continue;
      for (const p of answer.value.parts) parts.push({ first: p.first, last: p.last, aggregate: unpackAggregate(p.aggregate), seen: StatementIdSet.fromData(p.seen) });
    }
    parts.sort((a, b) => a.first - b.first);
    return await mergeInOrder(chunks, options, voided, parts);
  } finally {
    await Promise.all(workers.map((p) => p.stop()));
  }
}

/**
 * The parts merged in file order. A part that read an id an earlier part read is folded again with
 * every earlier id seen (rare: a retried statement on both sides of a cut). Parts are checked against
 * each earlier part, not against one set of all earlier ids: that set would cost an insert per
 * statement of every part but the last.
 */
async function mergeInOrder(chunks: readonly FileChunk[], options: AggregateOptions, voided: ReadonlySet<string>, parts: Part[]): Promise<Aggregate> {
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

  async next<K extends 'voided' | 'folded'>(kind: K): Promise<Extract<PartReply, { kind: K }>> {
    const reply = this.replies.shift() ?? (this.failure ? undefined : await new Promise<PartReply>((resolve) => (this.waiting = resolve)));
    if (!reply) throw this.failure;
    if (reply.kind === 'error') {
      const error = reply.report ? new ReportError(reply.message) : new Error(reply.message);
      throw reply.chunk === undefined ? error : new ChunkFailure(reply.chunk, error);
    }
    if (reply.kind !== kind) throw new Error(`a report worker answered ${reply.kind}, not ${kind}`);
    return reply as Extract<PartReply, { kind: K }>;
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
