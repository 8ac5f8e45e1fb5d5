/**
 * The two passes over a statements file (or one part of an NDJSON file), shared by the one-thread
 * path (aggregate-export.ts), the main thread's part and the worker threads' parts
 * (aggregate-in-threads.ts): the voided ids first, then the fold.
 */
import { statSync } from 'node:fs';
import { createAggregator, isTrusted, type Aggregator } from './aggregate-statements.js';
import type { AggregateOptions } from './aggregate-types.js';
import { exportKind, readExport, type ByteRange } from './read-export.js';
import { isVoiding, readStatementText, StatementError, type StatementFacts } from './read-statement.js';
import { ownString } from './own-string.js';
import { ReportError } from './report-error.js';
import { StatementIdSet } from './statement-id-set.js';

/**
 * Ids named by voiding statements sent with a trusted key (rule 9 holds for voiding too). Only
 * statements that may be voiding ones are read in full.
 */
export async function collectVoided(file: string, kind = exportKind(file), range?: ByteRange, trustedAuthorities?: ReadonlySet<string>): Promise<Set<string>> {
  const voided = new Set<string>();
  // "voided" is in the verb IRI, escaped slashes or not; a verb IRI written with \u escapes
  // (`vo\u0069ded`) has a backslash-u, so lines with either are decoded and all others skipped.
  await readExport(
    file,
    (text, where) => {
      const facts = readAt(text, where);
      if (isVoiding(facts) && isTrusted(facts, trustedAuthorities)) voided.add(ownString(facts.objectId));
    },
    kind,
    ['voided', '\\u'],
    range,
  );
  return voided;
}

/** The second pass, over the file or one part of it, with the ids already counted before the part. */
export async function foldFile(file: string, options: AggregateOptions, voided: ReadonlySet<string>, kind = exportKind(file), range?: ByteRange, seen?: StatementIdSet): Promise<Aggregator> {
  const aggregator = createAggregator(options, voided, seen ?? new StatementIdSet(expectedStatements(file, range)));
  await readExport(file, (text, where) => aggregator.add(readAt(text, where)), kind, undefined, range);
  return aggregator;
}

/**
 * About how many statements the bytes hold: the player's run 1.4 KB each; a smaller guess only means
 * the id table grows as it fills.
 */
function expectedStatements(file: string, range?: ByteRange): number {
  try {
    return Math.floor((range ? range.end - range.start : statSync(file).size) / 2048);
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
