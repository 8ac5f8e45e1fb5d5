/**
 * Completion reports from xAPI statements (issue 11, XAPI.md §12): the names other areas may import.
 */
export { createAggregator, MAX_DISTINCT_RESPONSES } from './aggregate-statements.js';
export type { Aggregator } from './aggregate-statements.js';
export type { Aggregate, AggregateOptions, Counts } from './aggregate-types.js';
export { aggregateExport, aggregateExports } from './aggregate-export.js';
export { listExports } from './list-exports.js';
export { howIriDiffers } from './course-iri-near.js';
export type { ThreadOptions } from './aggregate-in-threads.js';
export { mergeAggregates } from './merge-aggregates.js';
export { buildViews } from './build-views.js';
export type { ViewOptions } from './build-views.js';
export { readStatement, readStatementText, StatementError } from './read-statement.js';
export type { StatementFacts } from './read-statement.js';
export { readExport } from './read-export.js';
export { ReportError } from './report-error.js';
export { summarizeLearner, IDLE_CAP_SECONDS } from './summarize-learner.js';
export type { LearnerStatus, LearnerSummary } from './summarize-learner.js';
export type * from './view-types.js';
export { parseActivitiesFile } from './read-activities-file.js';
export type { ActivitiesFile } from './read-activities-file.js';
export { parseRoster, ROSTER_COLUMNS } from './read-roster.js';
export { checkRoster } from './check-roster.js';
export type { RosterEntry } from './read-roster.js';
export { readCourseRef } from './read-course.js';
export type { CourseRef } from './read-course.js';
export { checkEndpoint, readLrs, ReadStopped, redactUrl } from './read-lrs.js';
export type { LrsSource, ReadLrsOptions, ReadLrsResult } from './read-lrs.js';
export { syncLrs, OVERLAP_MS } from './sync-lrs.js';
export type { SyncOptions, SyncResult } from './sync-lrs.js';
export { pseudonymizeViews, pseudonym } from './pseudonymize-views.js';
export { formatTerminal } from './format-table.js';
export { encodeCsv, csvCell, writeCsvFiles } from './write-csv.js';
export { renderHtml } from './render-html.js';
export { renderJson } from './render-json.js';
export { escapeHtml } from './escape-html.js';
export { reportTables } from './report-tables.js';
export { parseCsv } from './parse-csv.js';
