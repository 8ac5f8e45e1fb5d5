/**
 * Each view as a table, defined once: a column has a header, a raw value (for CSV, which
 * spreadsheets compute with) and a text (for the terminal and HTML, which people read).
 */
import { formatDate, formatScaled, formatSeconds, formatSuccess, percent, zonedIsoDate } from './format-values.js';
import type { LearnerRow, ModuleRow, QuestionRow, ReflectionRow, ReportViews, SummaryRow } from './view-types.js';

export type Raw = string | number | boolean | null | undefined;

export interface Column<R> {
  readonly header: string;
  /** The CSV header when the raw value has another unit than the text (seconds vs "1 h 05 min"). */
  readonly rawHeader?: string;
  readonly raw: (row: R) => Raw;
  readonly text: (row: R) => string;
  readonly numeric?: boolean;
  /** The course's own words (a module's or question's name, an answer, a reflection): in the course's language. */
  readonly content?: boolean;
}

export interface Table<R = unknown> {
  /** File name stem for CSV. */
  readonly name: string;
  readonly title: string;
  readonly columns: ReadonlyArray<Column<R>>;
  readonly rows: readonly R[];
}

const num = <R>(header: string, get: (r: R) => number): Column<R> => ({ header, raw: get, text: (r) => String(get(r)), numeric: true });
const str = <R>(header: string, get: (r: R) => string | undefined): Column<R> => ({ header, raw: get, text: (r) => get(r) ?? '' });
/** A column of the course's own words (Column.content). */
const words = <R>(header: string, get: (r: R) => string | undefined): Column<R> => ({ ...str(header, get), content: true });
const pct = <R>(header: string, part: (r: R) => number, whole: (r: R) => number): Column<R> => ({
  header,
  raw: (r) => (whole(r) === 0 ? null : Math.round((1000 * part(r)) / whole(r)) / 10),
  text: (r) => percent(part(r), whole(r)),
  numeric: true,
});

export const SUMMARY_COLUMNS: ReadonlyArray<Column<SummaryRow>> = [
  str('group', (r) => r.group),
  num('enrolled', (r) => r.enrolled),
  num('started', (r) => r.started),
  pct('started %', (r) => r.started, (r) => r.enrolled),
  num('completed', (r) => r.completed),
  pct('completed %', (r) => r.completed, (r) => r.enrolled),
  num('passed', (r) => r.passed),
  pct('passed %', (r) => r.passed, (r) => r.enrolled),
  num('failed', (r) => r.failed),
  num('in progress', (r) => r.inProgress),
  num('not started', (r) => r.notStarted),
  { header: 'median time', rawHeader: 'median time (s)', raw: (r) => r.medianTimeSeconds, text: (r) => formatSeconds(r.medianTimeSeconds), numeric: true },
];

/** A date column: the zone's offset in CSV, the zone's abbreviation for people. */
function date<R>(header: string, get: (r: R) => number | null, zone: string): Column<R> {
  return { header, raw: (r) => zonedIsoDate(get(r), zone), text: (r) => formatDate(get(r), zone) };
}

export function learnerColumns(views: ReportViews): ReadonlyArray<Column<LearnerRow>> {
  const zone = views.meta.timeZone ?? 'UTC';
  const roster = views.learners.some((l) => l.school !== undefined || l.role !== undefined);
  return [
    str('learner', (r) => r.learner),
    str('name', (r) => r.name),
    ...(roster ? [str<LearnerRow>('school', (r) => r.school), str<LearnerRow>('role', (r) => r.role)] : []),
    str('status', (r) => r.status),
    { header: 'completed', raw: (r) => r.completed, text: (r) => (r.completed ? 'yes' : 'no') },
    { header: 'success', raw: (r) => r.success, text: (r) => formatSuccess(r.success) },
    date('completed at', (r) => r.completedAt, zone),
    { header: 'best score', rawHeader: 'best score (scaled)', raw: (r) => r.bestScaled, text: (r) => formatScaled(r.bestScaled), numeric: true },
    { header: 'latest score', rawHeader: 'latest score (scaled)', raw: (r) => r.latestScaled, text: (r) => formatScaled(r.latestScaled), numeric: true },
    num('attempts', (r) => r.attempts),
    { header: 'time', rawHeader: 'time (s)', raw: (r) => r.timeSeconds, text: (r) => formatSeconds(r.timeSeconds), numeric: true },
    date('last activity', (r) => r.lastActivity, zone),
    // The page's name from the course: its words, in its language (a bare IRI when the page has no name).
    words('last page', (r) => r.lastPage),
    // Which learners the roster's figures count (the summary's first row): one who took the course but is not on
    // the roster looked like any teacher in this list. Last, so every column before it keeps its place: admins'
    // spreadsheets read the CSV's columns by letter, and one added in the middle moved school to D, status to F.
    ...(views.meta.roster ? [{ header: 'on roster', raw: (r: LearnerRow) => r.onRoster, text: (r: LearnerRow) => (r.onRoster ? 'yes' : 'no') }] : []),
  ];
}

export const MODULE_COLUMNS: ReadonlyArray<Column<ModuleRow>> = [
  words('module', (r) => r.name),
  num('started', (r) => r.started),
  num('completed', (r) => r.completed),
  pct('completed % of started', (r) => r.completed, (r) => r.started),
  num('stopped here', (r) => r.stoppedHere),
  str('id', (r) => r.id),
];

export const QUESTION_COLUMNS: ReadonlyArray<Column<QuestionRow>> = [
  words('question', (r) => r.name),
  num('attempts', (r) => r.attempts),
  num('learners', (r) => r.learners),
  num('correct', (r) => r.correct),
  pct('correct %', (r) => r.correct, (r) => r.judged),
  str('type', (r) => r.interactionType),
  str('id', (r) => r.id),
];

/** One row per question and choice (or whole response): the response distribution. */
export interface ResponseRow {
  readonly question: string;
  readonly questionId: string;
  readonly response: string;
  readonly description: string | undefined;
  readonly correct: boolean | null;
  readonly count: number;
  readonly attempts: number;
}

export const RESPONSE_COLUMNS: ReadonlyArray<Column<ResponseRow>> = [
  words('question', (r) => r.question),
  words('response', (r) => r.response),
  words('description', (r) => r.description),
  { header: 'correct', raw: (r) => r.correct, text: (r) => formatSuccess(r.correct) },
  num('count', (r) => r.count),
  pct('% of attempts', (r) => r.count, (r) => r.attempts),
  str('question id', (r) => r.questionId),
];

export function responseRows(questions: readonly QuestionRow[]): ResponseRow[] {
  return questions.flatMap((q) => [
    ...q.choices.map((c) => ({ question: q.name, questionId: q.id, response: c.id, description: c.description, correct: c.correct, count: c.count, attempts: q.attempts })),
    ...q.responses.map((r) => ({ question: q.name, questionId: q.id, response: r.response, description: undefined, correct: r.correct ?? null, count: r.count, attempts: q.attempts })),
  ]);
}

export function reflectionColumns(zone: string): ReadonlyArray<Column<ReflectionRow>> {
  return [
    str('learner', (r) => r.learner),
    str('name', (r) => r.name),
    words('reflection', (r) => r.reflection),
    date('time', (r) => r.time, zone),
    words('text', (r) => r.text),
  ];
}

/** Every view as a table, in the order reports show them. */
export function reportTables(views: ReportViews): Table[] {
  const tables: Table[] = [
    erase({ name: 'summary', title: views.meta.groupBy && views.summary.length > 1 ? 'Summary by group' : 'Summary', columns: SUMMARY_COLUMNS, rows: views.summary }),
    erase({ name: 'learners', title: 'Learners', columns: learnerColumns(views), rows: views.learners }),
    erase({ name: 'modules', title: 'Module progress and drop-off', columns: MODULE_COLUMNS, rows: views.modules }),
    erase({ name: 'questions', title: 'Questions', columns: QUESTION_COLUMNS, rows: views.questions }),
    erase({ name: 'responses', title: 'Responses', columns: RESPONSE_COLUMNS, rows: responseRows(views.questions) }),
  ];
  if (views.reflections) tables.push(erase({ name: 'reflections', title: 'Reflections', columns: reflectionColumns(views.meta.timeZone ?? 'UTC'), rows: views.reflections }));
  return tables;
}

/** A table's columns always match its rows; the list of tables forgets the row type. */
function erase<R>(table: Table<R>): Table {
  return table as unknown as Table;
}
