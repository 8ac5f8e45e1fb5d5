/**
 * One pure function per statement of the set in XAPI.md §2 (issue 9 point 1). Ids and timestamps
 * come from the caller (no clock, no randomness here), so the same input gives the same statement
 * and every builder is tested without a browser.
 *
 * Every statement carries (XAPI.md §1, §3; xAPI-Data §2.4.6):
 * - the client-made `id` (retries are idempotent) and a UTC `timestamp`;
 * - `context.registration`, `revision` (course version), `platform`, `language`: `revision` and
 *   `platform` are allowed only when the object is an Activity, and every object here is one;
 * - `contextActivities`: `parent` = the direct container (page → module, question → page, module →
 *   course), `grouping` = the further containers, always ending with the course (reports select a
 *   course with `activity=<course>&related_activities=true`, XAPI.md §12 rule 1), `category` =
 *   coursepack's profile activity.
 *
 * Builders return null for an id the course does not have, instead of throwing into the player.
 */
import type { CourseData } from '../course-data.js';
import { isAnswerCorrect, knownAnswer } from '../check-answers.js';
import { cutText } from '../cut-text.js';
import {
  contextReference, courseActivity, formatResponse, moduleActivity, pageActivity, questionActivity,
  reflectionActivity,
} from './describe-activities.js';
import { formatDuration } from './format-duration.js';
import type { XapiActivity, XapiAgent, XapiResult, XapiStatement } from './statement-types.js';
import { ACTIVITY_TYPES, PROFILE_IRI, PROGRESS_EXTENSION, VERBS, type VerbName } from './vocabulary.js';

/** Who, in which attempt, of which course: the same for every statement of a session. */
export interface StatementContext {
  readonly actor: XapiAgent;
  /** The registration UUID (XAPI.md §4). */
  readonly registration: string;
  /** The course activity IRI (`xapi.activityBase`, or `defaultCourseIri(course.id)`). */
  readonly courseIri: string;
  /** The course version (`CourseData.version`). */
  readonly revision: string;
  /** E.g. `coursepack (SCORM 1.2)`; XAPI.md §3 suggests naming the LMS too. */
  readonly platform: string;
  /** RFC 5646 tag, the course language (`CourseData.language`). */
  readonly language: string;
}

/** What makes one statement unique: a UUID (make-uuid.ts) and the time in milliseconds since 1970 (UTC). */
export interface StatementStamp {
  readonly id: string;
  readonly timestamp: number;
}

/**
 * Reflections longer than this many characters (Unicode code points) are cut and end with `…`:
 * 2,000 keeps a statement well inside the 64 KB keepalive budget (XAPI.md §7) together with the
 * others of a session, and is several paragraphs of text, more than a reflection box invites.
 */
export const REFLECTION_RESPONSE_LIMIT = 2000;

/** Builds the context fields that come from the course: revision and language. */
export function makeStatementContext(
  course: CourseData,
  fields: { readonly actor: XapiAgent; readonly registration: string; readonly courseIri: string; readonly platform: string },
): StatementContext {
  return { ...fields, revision: course.version, language: course.language };
}

/** A new attempt started (`cmi.core.entry` = `ab-initio`). */
export function buildInitialized(context: StatementContext, course: CourseData, stamp: StatementStamp): XapiStatement {
  return courseStatement(context, course, stamp, 'initialized', undefined);
}

/** A suspended attempt goes on (`cmi.core.entry` = `resume`, SCORM Profile §5.0). */
export function buildResumed(context: StatementContext, course: CourseData, stamp: StatementStamp): XapiStatement {
  return courseStatement(context, course, stamp, 'resumed', undefined);
}

/** A page was shown: object the page (type lesson), parent its module, grouping the course. */
export function buildExperienced(context: StatementContext, course: CourseData, stamp: StatementStamp, pageId: string): XapiStatement | null {
  const page = course.pages.find((p) => p.id === pageId);
  const module = course.modules.find((m) => m.id === page?.module);
  if (!page || !module) return null;
  return statement(context, stamp, 'experienced', pageActivity(course, context.courseIri, page), undefined,
    [moduleActivity(course, context.courseIri, module)], [courseActivity(course, context.courseIri)]);
}

export interface AnswerInput {
  readonly checkId: string;
  /** Option ids the learner checked. */
  readonly chosen: readonly string[];
  /** Time from showing the page to checking the answer, as for `cmi.interactions.n.latency`; omitted when null. */
  readonly latencyMs: number | null;
}

/**
 * A knowledge check was answered: the `cmi.interaction` activity with its definition, `response`
 * in the interaction's format and `success`; scored checks also carry `score` (scaled 0 or 1, raw 0
 * or 1 of max 1). `duration` is the latency, for every check.
 */
export function buildAnswered(context: StatementContext, course: CourseData, stamp: StatementStamp, answer: AnswerInput): XapiStatement | null {
  const check = course.checks.find((c) => c.id === answer.checkId);
  if (!check) return null;
  const chosen = knownAnswer(check, answer.chosen);
  // The rule that sets cmi.interactions.n.result and the score, so LMS and LRS agree.
  const success = isAnswerCorrect(check, chosen);
  const point = success ? 1 : 0;
  const result: XapiResult = {
    response: formatResponse(check, chosen),
    success,
    ...(check.scored ? { score: { scaled: point, raw: point, min: 0, max: 1 } } : {}),
    ...(answer.latencyMs === null ? {} : { duration: formatDuration(answer.latencyMs) }),
  };
  const containers = pageContainers(context, course, check.page);
  if (!containers) return null;
  return statement(context, stamp, 'answered', questionActivity(course, context.courseIri, check), result,
    containers.parent, containers.grouping);
}

export interface ReflectionInput {
  readonly reflectionId: string;
  /** What the learner wrote; trimmed and cut to REFLECTION_RESPONSE_LIMIT. */
  readonly text: string;
}

/**
 * A reflection was saved, when the course shares reflections (`tracking.reflections: share`):
 * `answered` on the reflection's `long-fill-in` activity, the text in `result.response`. No
 * `success`: a reflection has no right answer.
 */
export function buildReflectionAnswered(
  context: StatementContext, course: CourseData, stamp: StatementStamp, input: ReflectionInput,
): XapiStatement | null {
  const reflection = course.reflections.find((r) => r.id === input.reflectionId);
  if (!reflection) return null;
  const containers = pageContainers(context, course, reflection.page);
  if (!containers) return null;
  return statement(context, stamp, 'answered', reflectionActivity(course, context.courseIri, reflection),
    { response: reflectionResponse(input.text) }, containers.parent, containers.grouping);
}

/**
 * The text as sent: trimmed, at most REFLECTION_RESPONSE_LIMIT code points, `…` last when cut, never inside a
 * character as readers see it (an emoji sequence, a letter and its marks: cut-text.ts).
 */
export function reflectionResponse(text: string): string {
  const trimmed = text.trim();
  if (Array.from(trimmed).length <= REFLECTION_RESPONSE_LIMIT) return trimmed;
  return `${cutText(trimmed, REFLECTION_RESPONSE_LIMIT - 1, 'code-points').trimEnd()}…`;
}

export interface ProgressInput {
  readonly moduleId: string;
  /** The module's progress in percent; rounded and kept within 0-100 (cmi5's progress extension is an integer). */
  readonly progress: number;
}

/** A module's progress: object the module, `result.extensions[PROGRESS_EXTENSION]` its progress (100: done). */
export function buildProgressed(context: StatementContext, course: CourseData, stamp: StatementStamp, input: ProgressInput): XapiStatement | null {
  const module = course.modules.find((m) => m.id === input.moduleId);
  if (!module) return null;
  const progress = Number.isFinite(input.progress) ? Math.min(100, Math.max(0, Math.round(input.progress))) : 0;
  const courseRef = courseActivity(course, context.courseIri);
  return statement(context, stamp, 'progressed', moduleActivity(course, context.courseIri, module),
    { extensions: { [PROGRESS_EXTENSION]: progress } }, [courseRef], [courseRef]);
}

export interface CourseResultInput {
  /** The course score in percent (0-100), as written to `cmi.core.score.raw`. */
  readonly score: number;
  /** Attempt time so far in milliseconds. */
  readonly durationMs: number;
  /**
   * True only when the course really is complete (every page viewed where the rule asks for it):
   * a `failed` with `completion: true` shows a failing learner as completed in some LMSs (XAPI.md §2).
   */
  readonly complete: boolean;
}

/** The course result reached or passed the pass mark: success, score (scaled, raw 0-100), duration. */
export function buildPassed(context: StatementContext, course: CourseData, stamp: StatementStamp, input: CourseResultInput): XapiStatement {
  return courseStatement(context, course, stamp, 'passed', courseResult(true, input));
}

/** The course result is below the pass mark. */
export function buildFailed(context: StatementContext, course: CourseData, stamp: StatementStamp, input: CourseResultInput): XapiStatement {
  return courseStatement(context, course, stamp, 'failed', courseResult(false, input));
}

/** The completion rule is met; send once per registration (XAPI.md §2, cmi5). */
export function buildCompleted(context: StatementContext, course: CourseData, stamp: StatementStamp, input: { readonly durationMs: number }): XapiStatement {
  return courseStatement(context, course, stamp, 'completed', { completion: true, duration: formatDuration(input.durationMs) });
}

/** The session closes with `cmi.core.exit` = `suspend`: the session's duration. */
export function buildSuspended(context: StatementContext, course: CourseData, stamp: StatementStamp, input: { readonly durationMs: number }): XapiStatement {
  return courseStatement(context, course, stamp, 'suspended', { duration: formatDuration(input.durationMs) });
}

/** The session closes normally (the attempt has a final status): the session's duration. */
export function buildTerminated(context: StatementContext, course: CourseData, stamp: StatementStamp, input: { readonly durationMs: number }): XapiStatement {
  return courseStatement(context, course, stamp, 'terminated', { duration: formatDuration(input.durationMs) });
}

function courseResult(success: boolean, input: CourseResultInput): XapiResult {
  const raw = Number.isFinite(input.score) ? Math.min(100, Math.max(0, input.score)) : 0;
  return {
    score: { scaled: raw / 100, raw, min: 0, max: 100 },
    success,
    ...(input.complete ? { completion: true } : {}),
    duration: formatDuration(input.durationMs),
  };
}

/** Parent the page, grouping its module and the course; null when the page or module is unknown. */
function pageContainers(context: StatementContext, course: CourseData, pageId: string): { parent: XapiActivity[]; grouping: XapiActivity[] } | null {
  const page = course.pages.find((p) => p.id === pageId);
  const module = course.modules.find((m) => m.id === page?.module);
  if (!page || !module) return null;
  return {
    parent: [pageActivity(course, context.courseIri, page)],
    grouping: [moduleActivity(course, context.courseIri, module), courseActivity(course, context.courseIri)],
  };
}

/**
 * A statement about the package's own launch: its sessions and results. About the course, or in a package of
 * one module (`--split modules`, `course.partOf`) about that module, the course its grouping: a report read
 * one module's `completed` on the course as the whole course done (XAPI.md §12 rule 4).
 */
function courseStatement(
  context: StatementContext, course: CourseData, stamp: StatementStamp, verb: VerbName, result: XapiResult | undefined,
): XapiStatement {
  const courseObject = courseActivity(course, context.courseIri);
  const [part] = course.partOf ? course.modules : [];
  return statement(context, stamp, verb, part ? moduleActivity(course, context.courseIri, part) : courseObject, result, undefined, [courseObject]);
}

const PROFILE: XapiActivity = { objectType: 'Activity', id: PROFILE_IRI, definition: { type: ACTIVITY_TYPES.profile, name: { en: 'coursepack' } } };

function statement(
  context: StatementContext,
  stamp: StatementStamp,
  verb: VerbName,
  object: XapiActivity,
  result: XapiResult | undefined,
  parent: readonly XapiActivity[] | undefined,
  grouping: readonly XapiActivity[],
): XapiStatement {
  return {
    id: stamp.id,
    timestamp: new Date(stamp.timestamp).toISOString(),
    actor: context.actor,
    verb: { id: VERBS[verb], display: { 'en-US': verb } },
    object,
    ...(result === undefined ? {} : { result }),
    context: {
      registration: context.registration,
      revision: context.revision,
      platform: context.platform,
      language: context.language,
      contextActivities: {
        ...(parent === undefined ? {} : { parent: parent.map(contextReference) }),
        grouping: grouping.map(contextReference),
        category: [PROFILE],
      },
    },
  };
}
