/**
 * Completion reports from xAPI statements (issue 11, XAPI.md §12): the names other areas may import.
 */
export { createAggregator, MAX_DISTINCT_RESPONSES } from './aggregate-statements.js';
export type { Aggregator } from './aggregate-statements.js';
export type { Aggregate, AggregateOptions, Counts } from './aggregate-types.js';
export { aggregateExport, collectVoided } from './aggregate-export.js';
export { buildViews } from './build-views.js';
export type { ViewOptions } from './build-views.js';
export { readStatement, readStatementText, StatementError } from './read-statement.js';
export type { StatementFacts } from './read-statement.js';
export { readExport } from './read-export.js';
export { ReportError } from './report-error.js';
export { summarizeLearner, IDLE_CAP_SECONDS } from './summarize-learner.js';
export type { LearnerStatus, LearnerSummary } from './summarize-learner.js';
export type * from './view-types.js';
