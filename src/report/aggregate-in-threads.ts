/**
 * A large NDJSON export folded in parts, one worker thread a part, then merged (merge-aggregates.ts):
 * reading and decoding statements is most of a report's time, and it divides. The answer is the one
 * a single fold gives, in three steps that mirror aggregate-export.ts:
 *
 * 1. each thread collects the voided ids of its part (this thread takes the first part, a worker each
 *    of the others); this thread unites them and hands them all out, since a voiding statement may
 *    retract a statement in any part (XAPI.md §12 rule 2);
 * 2. each thread folds its part; a worker returns the aggregate (packed flat, pack-aggregate.ts) and the ids it read;
 * 3. a part holding an id an earlier part already read (a retried statement split across the cut,
 *    rule 8) is folded again with the earlier ids as already seen, so the first copy alone counts.
 *
 * Errors are those of a single fold: a malformed statement is reported from the earliest part that
 * has one, by `file:line`, first-pass errors before second-pass ones.
 */
import { Worker } from 'node:worker_threads';
import type { Aggregate, AggregateOptions } from './aggregate-types.js';
import { collectVoided, foldFile } from './fold-file.js';
import { mergeAggregates } from './merge-aggregates.js';
import { unpackAggregate, type PackedAggregate } from './pack-aggregate.js';
import { splitLines, type ByteRange } from './read-export.js';
import { ReportError } from './report-error.js';
import { StatementIdSet, type StatementIdSetData } from './statement-id-set.js';

export interface ThreadOptions {
  /** The worker script (the bundle of aggregate-part-worker.ts). */
  readonly worker: URL;
  /** Parts to fold at once; 1 folds in this thread. */
  readonly threads: number;
  /** Smaller files are folded in this thread: starting a worker costs more than it saves. */
  readonly minBytes: number;
}

/** What the main thread asks of a worker. */
export type PartRequest = { readonly kind: 'fold'; readonly voided: readonly string[] } | { readonly kind: 'refold'; readonly seen: StatementIdSetData };

/** What a worker answers. */
export type PartReply =
  | { readonly kind: 'voided'; readonly ids: readonly string[] }
  | { readonly kind: 'folded'; readonly aggregate: PackedAggregate; readonly seen: StatementIdSetData }
  | { readonly kind: 'error'; readonly message: string; readonly report: boolean };

/** The data a worker starts with. */
export interface PartData {
  readonly file: string;
  readonly range: ByteRange;
  readonly options: AggregateOptions;
}

export async function aggregateInThreads(file: string, size: number, options: AggregateOptions, threads: ThreadOptions): Promise<Aggregate> {
  const [first, ...rest] = splitLines(file, size, Math.max(1, threads.threads));
  // This thread folds the first part itself: it would only wait otherwise, and its aggregate needs no
  // copying between threads. The workers start first, so they boot while this thread reads.
  const workers = rest.map((range) => new Part(threads.worker, { file, range, options }));
  try {
    const voided = first ? await collectVoided(file, 'ndjson', first, options.trustedAuthorities) : new Set<string>();
    for (const ids of await all(workers.map((p) => p.next<'voided'>('voided')))) for (const id of ids.ids) voided.add(id);
    const message: PartRequest = { kind: 'fold', voided: [...voided] };
    for (const p of workers) p.send(message);
    const own = await foldFile(file, options, voided, 'ndjson', first ?? { start: 0, end: 0 });
    const folded = await all(workers.map((p) => p.next<'folded'>('folded')));
    let merged = own.result();
    const before = own.seen;
    for (const [i, worker] of workers.entries()) {
      let part = folded[i] as (typeof folded)[number];
      let seen = StatementIdSet.fromData(part.seen);
      if (seen.overlaps(before)) {
        // Rare: copies of one statement on both sides of a cut. Fold this part again, the earlier ids seen.
        const copy = new StatementIdSet();
        copy.addAll(before);
        const data = copy.toData();
        worker.send({ kind: 'refold', seen: data }, [data.table.buffer]);
        part = await worker.next<'folded'>('folded');
        seen = StatementIdSet.fromData(part.seen);
      }
      merged = mergeAggregates(merged, unpackAggregate(part.aggregate));
      if (i < workers.length - 1) before.addAll(seen);
    }
    return merged;
  } finally {
    await Promise.all(workers.map((p) => p.stop()));
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
class Part {
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

  send(request: PartRequest, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(request, transfer);
  }

  async next<K extends 'voided' | 'folded'>(kind: K): Promise<Extract<PartReply, { kind: K }>> {
    const reply = this.replies.shift() ?? (this.failure ? undefined : await new Promise<PartReply>((resolve) => (this.waiting = resolve)));
    if (!reply) throw this.failure;
    if (reply.kind === 'error') throw reply.report ? new ReportError(reply.message) : new Error(reply.message);
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
