/**
 * An exported statements file → the aggregate, in two streamed passes: the first collects the ids
 * that voiding statements retract (a `voided` statement may come after its target in a file, and a
 * fold cannot take a statement back, XAPI.md §12 rule 2), the second folds every statement.
 */
import { createAggregator } from './aggregate-statements.js';
import type { Aggregate, AggregateOptions } from './aggregate-types.js';
import { exportKind, readExport } from './read-export.js';
import { isVoiding, readStatementText, StatementError, type StatementFacts } from './read-statement.js';
import { ownString } from './own-string.js';
import { ReportError } from './report-error.js';

export async function aggregateExport(file: string, options: AggregateOptions, kind = exportKind(file)): Promise<Aggregate> {
  const voided = await collectVoided(file, kind);
  const aggregator = createAggregator(options, voided);
  await readExport(file, (text, where) => aggregator.add(readAt(text, where)), kind);
  return aggregator.result();
}

/** Ids named by voiding statements. Only statements mentioning "voided" are read in full. */
export async function collectVoided(file: string, kind = exportKind(file)): Promise<Set<string>> {
  const voided = new Set<string>();
  // "voided" is in the verb IRI, escaped slashes or not; a first pass decodes only those lines.
  await readExport(file, (text, where) => {
    const facts = readAt(text, where);
    if (isVoiding(facts)) voided.add(ownString(facts.objectId));
  }, kind, 'voided');
  return voided;
}

function readAt(text: string, where: () => string): StatementFacts {
  try {
    return readStatementText(text);
  } catch (error) {
    if (error instanceof StatementError) throw new ReportError(`${where()}: malformed statement: ${error.message}`);
    throw error;
  }
}
