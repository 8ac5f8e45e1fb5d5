/**
 * The worker of aggregate-in-threads.ts: the first pass over its home, then its share of the second
 * (fold-file.ts `foldShare`). Bundled on its own as lib/workers/aggregate-part.cjs (src/bundle.mjs), so a
 * worker loads the report code alone.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { collectHomeVoided, type PackedPart, type PartData, type PartReply, type PartRequest } from './aggregate-in-threads.js';
import { ChunkQueue } from './chunk-queue.js';
import { foldShare } from './fold-file.js';
import { packAggregate } from './pack-aggregate.js';
import { ReportError } from './report-error.js';

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

async function fold(voided: ReadonlySet<string>): Promise<void> {
  const share = await foldShare(options, voided, chunks, queue, thread);
  if (share.error) return failed(share.error.error, share.error.chunk);
  const parts: PackedPart[] = share.parts.map((p) => ({ first: p.first, last: p.last, aggregate: packAggregate(p.aggregator.result()), seen: p.aggregator.seen.toData() }));
  // The numbers and the id tables move to the main thread without a copy.
  reply({ kind: 'folded', parts }, parts.flatMap((p) => [p.aggregate.numbers.buffer, p.seen.table.buffer]));
}

port.on('message', (request: PartRequest) => {
  fold(new Set(request.voided)).catch((error: unknown) => failed(error));
});
collectHomeVoided(chunks, queue.threads, thread, options).then((ids) => reply({ kind: 'voided', ids: [...ids] }), failed);
