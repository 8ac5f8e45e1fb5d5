/**
 * The worker of aggregate-in-threads.ts: its share of the fold (fold-file.ts `foldShare`), then, if asked,
 * its parts that took in a statement voided elsewhere, folded again. Bundled on its own as
 * lib/workers/aggregate-part.cjs (src/bundle.mjs), so a worker loads the report code alone.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Aggregator } from './aggregate-statements.js';
import type { PackedPart, PartData, PartReply, PartRequest } from './aggregate-in-threads.js';
import { ChunkQueue } from './chunk-queue.js';
import { foldChunks, foldShare } from './fold-file.js';
import { packAggregate } from './pack-aggregate.js';
import { ReportError } from './report-error.js';
import { StatementIdSet } from './statement-id-set.js';

const port = parentPort;
if (!port) throw new Error('aggregate-part-worker runs as a worker thread');
const { chunks, queue: buffer, thread, options } = workerData as PartData;
const queue = ChunkQueue.attach(buffer);

function reply(message: PartReply, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(message, transfer);
}

function failed(error: unknown, chunk?: number): void {
  reply({ kind: 'error', message: error instanceof Error ? error.message : String(error), report: error instanceof ReportError, ...(chunk === undefined ? {} : { chunk }) });
}

function folded(parts: ReadonlyArray<{ first: number; last: number; aggregator: Aggregator }>): void {
  const packed: PackedPart[] = parts.map(({ first, last, aggregator }) => ({
    first,
    last,
    aggregate: packAggregate(aggregator.result()),
    seen: aggregator.seen.toData(),
    exempt: aggregator.exempt.toData(),
    voids: aggregator.voids.toData(),
  }));
  // The numbers and the id tables move to the main thread without a copy.
  reply({ kind: 'folded', parts: packed }, packed.flatMap((p) => [p.aggregate.numbers.buffer, p.seen.table.buffer, p.exempt.table.buffer, p.voids.table.buffer]));
}

async function fold(): Promise<void> {
  const share = await foldShare(options, new Set(), chunks, queue, thread);
  if (share.error) return failed(share.error.error, share.error.chunk);
  folded(share.parts);
}

async function foldAgain(request: PartRequest): Promise<void> {
  const voided = StatementIdSet.fromData(request.voided);
  const parts = [];
  for (const { first, last } of request.parts) parts.push({ first, last, aggregator: await foldChunks(chunks.slice(first, last + 1), options, voided) });
  folded(parts);
}

port.on('message', (request: PartRequest) => {
  foldAgain(request).catch((error: unknown) => failed(error));
});
fold().catch((error: unknown) => failed(error));
