/**
 * The compact state the aggregation folds statements into: per learner, per registration, per
 * question. Plain data, so views are pure functions of it. Every field is order-independent
 * (minimums, maximums, sums, counts, latest-by-timestamp with 32 bits of the statement id as tie-break), so the
 * result does not depend on the order the LRS or the export returns statements in (XAPI.md §12 rule 3).
 */

/** `RegistrationState.part` of a registration that launched the whole course. */
export const WHOLE_COURSE = '';

export interface AggregateOptions {
  readonly courseIri: string;
  /** Report window on `timestamp`, ms, inclusive (XAPI.md §12 feature 1). */
  readonly since?: number | undefined;
  readonly until?: number | undefined;
  /** Only statements whose `context.revision` is this course version. */
  readonly version?: string | undefined;
  /** Rule 9: when given, statements whose authority is none of these IFI keys are ignored. */
  readonly trustedAuthorities?: ReadonlySet<string> | undefined;
  /** Keep reflection texts (off by default: they are people's words, issue 11 point 3). */
  readonly keepReflections?: boolean | undefined;
}

/** Latest-by-timestamp value, ties broken by 32 bits of the statement id, so any arrival order gives one answer (two statements with the same timestamp and the same 32 bits, about one chance in four billion, are the exception). */
export interface Stamped<T> {
  // Mutable: the fold updates one object per learner rather than allocating one per statement.
  time: number;
  /** 32 bits of the statement's id (statement-id-set.ts `lastTie`), the tie-break. */
  tie: number;
  value: T;
}

export interface RegistrationState {
  /** The registration UUID (lower case), '' for statements without one. */
  readonly key: string;
  /** Rule 4: the first time completion was recorded; sticky. */
  completedAt: number | null;
  /** Rule 5: the first `passed` / `failed` times. */
  passedAt: number | null;
  failedAt: number | null;
  best: number | null;
  latest: Stamped<number> | null;
  /** Rule 7: session opens (`initialized`/`resumed`), closes (`terminated`/`suspended`) with their duration. */
  readonly opens: number[];
  readonly closes: Array<{ readonly time: number; readonly seconds: number | null }>;
  /** Timestamps of every counted statement, for sessions closed without a duration or not closed. */
  readonly times: number[];
  firstTime: number;
  lastTime: number;
  /**
   * The module this registration's package is, when its sessions and results are a module's (a package of
   * one module, `--split modules`: initialized, completed, passed… on the module, the course their grouping);
   * null before anything says; WHOLE_COURSE once a launch statement is on the course itself, which no later
   * module statement undoes (another tool's whole-course launch may say `completed` of a module as well).
   * Such a package's completion is that module's, never the course's.
   */
  part: string | null;
  /** The first time the module's package said it complete (completed, passed, or completion: true). */
  partDoneAt: number | null;
}

export interface LearnerState {
  readonly key: string;
  readonly accountName: string | undefined;
  name: Stamped<string> | null;
  readonly registrations: Map<string, RegistrationState>;
  lastActivity: number;
  /** Drop-off: the last page experienced (XAPI.md §12 feature 4). */
  lastPage: Stamped<string> | null;
  readonly modulesStarted: Set<string>;
  readonly modulesDone: Set<string>;
}

export interface ActivityInfo {
  readonly id: string;
  readonly type: string | undefined;
  readonly name: string | undefined;
  readonly description: string | undefined;
  readonly interactionType: string | undefined;
  readonly choices: ReadonlyArray<{ readonly id: string; readonly description: string | undefined }>;
  /** A matching interaction's items (`source`) and answers (`target`). */
  readonly source: ReadonlyArray<{ readonly id: string; readonly description: string | undefined }>;
  readonly target: ReadonlyArray<{ readonly id: string; readonly description: string | undefined }>;
  readonly correctResponsesPattern: readonly string[] | undefined;
  /** The module IRI, for pages and questions, when known. */
  readonly module: string | undefined;
  /**
   * The language-map key the name was read from. Not always the course's: the versions of a course offered in
   * two languages share its IRIs, and a page or question of one alone is named in its own language.
   */
  readonly language: string | undefined;
}

export interface QuestionState {
  readonly id: string;
  attempts: number;
  correct: number;
  incorrect: number;
  readonly learners: Set<string>;
  /** Whole responses and their counts, at most MAX_DISTINCT_RESPONSES; the rest in `otherResponses`. */
  readonly responses: Map<string, number>;
  otherResponses: number;
  /**
   * The parts (`[,]`-separated: choice ids, matching `item[.]answer` pairs) of the responses counted only in
   * `otherResponses`, at most MAX_DISTINCT_PARTS: with `responses` they count every choice and pair, however
   * many different whole responses a question gets (a matching question of 5 items and 6 answers has 7,776).
   */
  readonly otherParts: Map<string, number>;
  /**
   * A fill-in question's parts in `otherParts` are its answers' keys (typed-answer.ts, `strasse`): the first
   * spelling learners gave each (`Straße`), so a report names a wrong answer as it was typed.
   */
  readonly spellings: Map<string, string>;
  /** The module the question was answered in, from its parent (a module, or a page of one). */
  module: string | undefined;
}

export interface ReflectionEntry {
  readonly learner: string;
  readonly reflection: string;
  readonly time: number;
  readonly text: string;
}

/** Why statements were left out, shown in every report (XAPI.md §12 feature 7, hygiene). */
export interface Counts {
  read: number;
  counted: number;
  duplicates: number;
  voiding: number;
  voided: number;
  outOfScope: number;
  outOfWindow: number;
  otherVersion: number;
  untrusted: number;
  /** Sent by an anonymous Group (Data §2.4.2.2): valid xAPI, but no learner to count it for. */
  anonymous: number;
}

/** What a learner's module package (--split modules) said before the report's window. */
export interface PartBefore {
  /** The first time it said the module complete, or null. */
  doneAt: number | null;
  passed: boolean;
  failed: boolean;
  best: number | null;
}

export interface Aggregate {
  readonly courseIri: string;
  readonly learners: ReadonlyMap<string, LearnerState>;
  readonly activities: ReadonlyMap<string, ActivityInfo>;
  readonly questions: ReadonlyMap<string, QuestionState>;
  readonly reflections: readonly ReflectionEntry[];
  /** Statements per `context.revision` seen in scope (before the version filter). */
  readonly versions: ReadonlyMap<string, number>;
  /**
   * The account homePages of learners in scope (before the date, version and authority filters): the LMS a
   * roster's ids belong to, known even in a week nobody in the window did anything, so a roster learner's
   * key (and pseudonym) is the same from run to run.
   */
  readonly homePages: ReadonlySet<string>;
  /**
   * Activity IRIs of statements left out as other courses that are the course IRI written another way (a
   * trailing slash, http for https, `www.`, capitals), with how many statements name each: `--activity` or
   * `xapi.activityBase` a character off reported everyone "not started" (course-iri-near.ts).
   */
  readonly nearCourse: ReadonlyMap<string, number>;
  /**
   * With `since`: the modules each learner's module packages (--split modules) said complete before the window,
   * and when. Not counted in it, but a course whose last module was completed in the window was completed in the
   * window (summarize-learner.ts), as a whole course's completion in it is.
   */
  readonly partsBefore: ReadonlyMap<string, ReadonlyMap<string, PartBefore>>;
  readonly counts: Readonly<Counts>;
}
