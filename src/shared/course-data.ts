/**
 * The course as the runtime sees it: the JSON the build embeds in the package's
 * launch page (`<script type="application/json" id="cp-course">`) and the player
 * reads at start-up.
 *
 * Pure data shared by build code (Node) and runtime code (DOM): no imports of
 * either side may appear in this folder.
 */

import type { PlayerWords } from './player-words.js';

/** Kinds of knowledge check the authoring format supports. */
export const CHECK_TYPES = ['single', 'multiple', 'truefalse', 'matching', 'fill-in'] as const;
export type CheckType = (typeof CHECK_TYPES)[number];

export interface CompletionRule {
  /** Every page must be viewed for `completed` (or before `passed`/`failed` are final). */
  readonly allPages: boolean;
  /** Pass mark in percent (0-100) over the scored checks, or null for no score. */
  readonly passMark: number | null;
  /** Try again asks every scored question again (`all`, default) or only the ones missed (`missed`). */
  readonly retry: 'all' | 'missed';
  /**
   * When scored questions show right or wrong and the correct answer: after the learner submits the whole
   * scored check (`after-submit`, default, so a retry cannot be passed by elimination), `never`, or
   * `immediately` as each is answered.
   */
  readonly revealAnswers: 'after-submit' | 'never' | 'immediately';
}

export interface OptionData {
  /**
   * Single lower-case letter `a`..`z`, the SCORM 1.2 `choice` response character (RTE 3.4.2.4); in a
   * matching check, the item's letter as a `matching` source.
   */
  readonly id: string;
  /** In a matching check every item is answered, so always true there. */
  readonly correct: boolean;
  /** Feedback shown when the learner checks an answer that selects this option (HTML, sanitized). */
  readonly feedback: string;
  /** Plain-text label, for reports and the xAPI `choices` component (a matching check: the `source` component). */
  readonly text: string;
  /** Matching checks only: the id of the answer this item matches (a `TargetData` id). */
  readonly match?: string;
  /**
   * Fill-in checks only, on the entry `- [ ] *`: its feedback answers any typed answer no other entry is
   * (its `text` is ''). A fill-in check's other options are the answers the author foresaw, accepted
   * (`correct`) or not, each with its feedback.
   */
  readonly other?: true;
}

/** An answer of a matching check, offered to every item (xAPI `target` component). */
export interface TargetData {
  /**
   * `a`..`z` in the author's order of the answers (the lists show them alphabetically, an order the page
   * holds), the SCORM 1.2 `matching` target character.
   */
  readonly id: string;
  readonly text: string;
}

export interface CheckData {
  /** Author id, unique in the course; also the SCORM interaction id (no spaces). */
  readonly id: string;
  /** Id of the page the check is on. */
  readonly page: string;
  readonly type: CheckType;
  /** The options, or for a matching check the items to match. */
  readonly options: readonly OptionData[];
  /** Matching checks only: the answers each item is matched to, extra ones included. */
  readonly targets?: readonly TargetData[];
  /** Counts toward the score: true for checks in assessment modules (all checks when no module is one). */
  readonly scored: boolean;
  /** Plain-text question stem, for interaction reports. */
  readonly prompt: string;
  /** Options are shown in a new order each attempt (`:::check{shuffle=true}`). */
  readonly shuffle: boolean;
  /** The page that teaches what the question asks (`:::check{review=…}`), linked from the results when missed; null: the check's own page. */
  readonly review: string | null;
}

export interface ReflectionData {
  readonly id: string;
  readonly page: string;
  /** Plain-text prompt, for the xAPI activity's name and description. */
  readonly prompt: string;
}

export interface PageData {
  /** `<module-id>--<page-slug>`, unique, valid as an HTML id suffix and a `lesson_location`. */
  readonly id: string;
  readonly module: string;
  readonly title: string;
}

export interface ModuleData {
  readonly id: string;
  readonly title: string;
  readonly assessment: boolean;
  readonly minutes: number | null;
  /** Page ids in order. */
  readonly pages: readonly string[];
}

/** What the course reports, beyond SCORM status and score (course.yaml `tracking`, authoring.md). */
export interface TrackingData {
  /** `private` (default): reflections stay in the browser; `share`: each saved reflection is an xAPI statement. */
  readonly reflections: 'private' | 'share';
  /** Send `cmi.core.student_name` as the xAPI actor's name (default false: the account id only). */
  readonly learnerNames: boolean;
  /** Practice (unscored) answers also fill the LMS's interactions table (default false: only the assessment does). */
  readonly practiceInteractions: boolean;
}

/** xAPI settings baked in at build time (course.yaml `xapi`, `COURSEPACK_LRS_*`); launch parameters override them. */
export interface XapiData {
  /** The course's activity IRI, which every other IRI derives from (src/shared/xapi/vocabulary.ts). */
  readonly courseIri: string;
  /** LRS endpoint, or null: without one (and without launch parameters) xAPI is off. */
  readonly endpoint: string | null;
  /** A whole `Basic ...` header value, from `COURSEPACK_LRS_AUTH` only (never course.yaml), or null. */
  readonly auth: string | null;
  /** The actor account's home page (the LMS), or null to use the LMS window's origin. */
  readonly homePage: string | null;
  /** The district token service that gives the player a short-lived key per learner (`auth` is then null); absent: none. */
  readonly tokenUrl?: string;
}

/** course.yaml `certificate`: the learner can print a certificate of completion once the course is complete. */
export interface CertificateData {
  /** A line the district's professional-development office asks for ("2 professional development hours"), or ''. */
  readonly credit: string;
}

export interface CourseData {
  /** Format version of this object. */
  readonly v: 1;
  readonly id: string;
  readonly title: string;
  /** course.yaml `description`, for the cover page. */
  readonly description: string;
  /** course.yaml `organization`, who publishes the course, for the cover page; '' when not given. */
  readonly organization: string;
  readonly language: string;
  /** The player's own words, in the course's language where the player speaks it (src/compile/player-word-lists.ts). */
  readonly words: PlayerWords;
  readonly version: string;
  readonly completion: CompletionRule;
  readonly modules: readonly ModuleData[];
  /** All pages in reading order. */
  readonly pages: readonly PageData[];
  readonly checks: readonly CheckData[];
  readonly reflections: readonly ReflectionData[];
  readonly tracking: TrackingData;
  readonly xapi: XapiData;
  /** Present only when course.yaml asks for a certificate (every other course's data is as before). */
  readonly certificate?: CertificateData;
  /**
   * Present only in a package of one module of the course (`--split modules`): the whole course's title. Its
   * xAPI results and sessions are then the module's (the course is their grouping), so no report counts one
   * module done as the course done, and the course activity keeps the course's name.
   */
  readonly partOf?: {
    readonly title: string;
    /**
     * The ids of every package of the course (this one's too), in module order: what the player keeps in the
     * browser is scoped by package id, and "Forget my answers" forgets the learner's items in all of them.
     */
    readonly packages: readonly string[];
  };
}
