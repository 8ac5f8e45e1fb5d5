/**
 * The worker of aggregate-in-threads.ts: folds one part of an NDJSON export. Bundled on its own as
 * lib/workers/aggregate-part.cjs (src/bundle.mjs), so a worker loads the report code alone.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { collectVoided, foldFile } from './fold-file.js';
import type { PartData, PartReply, PartRequest } from './aggregate-in-threads.js';
import { packAggregate } from './pack-aggregate.js';
import { ReportError } from './report-error.js';
import { StatementIdSet } from './statement-id-set.js';

const port = parentPort;
if (!port) throw new Error('aggregate-part-worker runs as a worker thread');
const { file, range, options } = workerData as PartData;

function reply(message: PartReply): void {
  if (message.kind === 'folded') port?.postMessage(message, [message.seen.table.buffer, message.aggregate.numbers.buffer]);
  else port?.postMessage(message);
}

function failed(error: unknown): void {
  reply({ kind: 'error', message: error instanceof Error ? error.message : String(error), report: error instanceof ReportError });
}

async function fold(voided: ReadonlySet<string>, seen?: StatementIdSet): Promise<void> {
  const aggregator = await foldFile(file, options, voided, 'ndjson', range, seen);
  reply({ kind: 'folded', aggregate: packAggregate(aggregator.result()), seen: aggregator.seen.toData() });
}

let voided: ReadonlySet<string> = new Set();
port.on('message', (request: PartRequest) => {
  if (request.kind === 'fold') voided = new Set(request.voided);
  fold(voided, request.kind === 'refold' ? StatementIdSet.fromData(request.seen) : undefined).catch(failed);
});
collectVoided(file, 'ndjson', range, options.trustedAuthorities).then((ids) => reply({ kind: 'voided', ids: [...ids] }), failed);
