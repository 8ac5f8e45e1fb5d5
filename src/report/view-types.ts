/**
 * The report's views (issue 11 point 3), plain data that every output (terminal, CSV, JSON, HTML)
 * renders. Dates are ms since the epoch here; outputs format them.
 */
import type { Counts } from './aggregate-types.js';
import type { LearnerSummary } from './summarize-learner.js';

export interface ReportMeta {
  readonly courseIri: string;
  readonly courseName: string | undefined;
  /**
   * The course's language (BCP 47), from course.yaml or the activities file: the HTML report's own words
   * are English, the course's titles, questions, answers and reflections are marked with it (WCAG 3.1.2).
   */
  readonly language?: string | undefined;
  /**
   * The course's words (names, answer choices) whose language is not `language`, by their text: a course
   * offered in two languages on one IRI names the other version's pages and questions in its own (WCAG 3.1.2).
   */
  readonly otherLanguages?: ReadonlyMap<string, string> | undefined;
  /** Where the statements came from, with any credentials removed. */
  readonly source: string;
  readonly generatedAt: number;
  readonly since: number | undefined;
  readonly until: number | undefined;
  readonly version: string | undefined;
  readonly groupBy: 'school' | 'role' | undefined;
  /**
   * A roster was given: the summary's first row is its learners alone ('On the roster'), those in the statements
   * who are not on it apart ('(not on the roster)'), and each learner's row says which they are.
   */
  readonly roster?: boolean | undefined;
  readonly pseudonymized: boolean;
  /** Course versions (`context.revision`) seen, with their statement counts. */
  readonly versions: ReadonlyArray<readonly [string, number]>;
  readonly counts: Readonly<Counts>;
  /** `X-Experience-API-Consistent-Through` of the LRS, when read from one (XAPI.md §12 feature 6). */
  readonly consistentThrough: string | undefined;
  /** The district's time zone (an IANA name) dates are shown in; UTC when not given (zoned-time.ts). */
  readonly timeZone?: string | undefined;
  /**
   * What the report found wrong with its own input (statements about the course IRI written another way, a
   * roster whose ids match no learner): said on stderr as it runs, and kept in the HTML and JSON, which are
   * read later by people who never saw that run.
   */
  readonly notes?: readonly string[] | undefined;
}

export interface SummaryRow {
  /** 'All learners' ('On the roster' with a roster), '(not on the roster)', or a school or role with --group-by. */
  readonly group: string;
  readonly enrolled: number;
  readonly started: number;
  readonly inProgress: number;
  readonly completed: number;
  readonly passed: number;
  readonly failed: number;
  readonly notStarted: number;
  readonly medianTimeSeconds: number | null;
}

/** A learner's summary (summarize-learner.ts) with roster fields and the last page's name. */
export interface LearnerRow
  extends Pick<LearnerSummary, 'status' | 'completed' | 'success' | 'bestScaled' | 'latestScaled' | 'attempts' | 'timeSeconds' | 'completedAt' | 'lastActivity'> {
  readonly learner: string;
  readonly name: string | undefined;
  readonly school: string | undefined;
  readonly role: string | undefined;
  /** Matched to a roster row (whose school or role may still be empty). */
  readonly onRoster: boolean;
  /** Name of the last page experienced, for learners who have not completed. */
  readonly lastPage: string | undefined;
}

export interface ModuleRow {
  readonly id: string;
  readonly name: string;
  readonly started: number;
  readonly completed: number;
  /** Learners who have not completed the course and whose last page viewed is in this module. */
  readonly stoppedHere: number;
}

export interface ChoiceRow {
  readonly id: string;
  readonly description: string | undefined;
  readonly count: number;
  readonly correct: boolean;
}

export interface QuestionRow {
  readonly id: string;
  readonly name: string;
  readonly module: string | undefined;
  readonly interactionType: string | undefined;
  readonly attempts: number;
  readonly learners: number;
  readonly correct: number;
  /** Attempts that carried `result.success` (the % correct is over these). */
  readonly judged: number;
  /** Counts per choice (a response `a[,]c` counts for a and c), for choice and true-false questions. */
  readonly choices: readonly ChoiceRow[];
  /**
   * Whole responses for other interaction types, most frequent first; a fill-in question's counted as the
   * player judges them (typed-answer.ts: "Learning." and "learning" are one), each marked right or wrong.
   */
  readonly responses: ReadonlyArray<{ readonly response: string; readonly count: number; readonly correct?: boolean }>;
}

export interface ReflectionRow {
  readonly learner: string;
  readonly name: string | undefined;
  readonly reflection: string;
  readonly time: number;
  readonly text: string;
}

export interface ReportViews {
  readonly meta: ReportMeta;
  readonly summary: readonly SummaryRow[];
  readonly learners: readonly LearnerRow[];
  readonly modules: readonly ModuleRow[];
  readonly questions: readonly QuestionRow[];
  /** Only with --reflections. */
  readonly reflections: readonly ReflectionRow[] | undefined;
}
