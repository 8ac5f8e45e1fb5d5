/**
 * What the learner's state means for the LMS: lesson status and score by the course's
 * completion rule (authoring.md `completion`, CourseData `completion`), and the rule that a
 * status only moves forward (SCORM12.md §3.5, §5 pitfall 4: many LMSs never downgrade a passed
 * attempt, and a downgrade loses a learner's grade).
 */
import type { CheckData, CourseData } from './course-data.js';
import type { LearnerState } from './suspend-data.js';
import { isAnswerCorrect } from './check-answers.js';

/** The statuses a SCO may set (SCORM12.md §3.3; `not attempted` is a 405). */
export type LessonStatus = 'incomplete' | 'browsed' | 'failed' | 'completed' | 'passed';

export interface Outcome {
  readonly status: 'incomplete' | 'completed' | 'passed' | 'failed';
  /** Percent 0-100 (integer) once every scored check is answered and the result is final, else null. */
  readonly score: number | null;
  readonly allPagesViewed: boolean;
  readonly scoredAnswered: number;
  readonly scoredTotal: number;
  /** Percent over the scored checks once they are submitted (even before pages are done), else null. */
  readonly assessmentScore: number | null;
}

/**
 * @param passMark the pass mark in force: the LMS's `mastery_score` if it sent one, else the
 *   course's; null when the course is not scored.
 */
export function computeOutcome(course: CourseData, state: LearnerState, passMark: number | null): Outcome {
  const allPagesViewed = !course.completion.allPages || course.pages.every((p) => state.viewed.has(p.id));
  const scored = course.checks.filter((c) => c.scored);
  let answered = 0;
  let correct = 0;
  for (const check of scored) {
    const chosen = state.answers.get(check.id);
    if (!chosen) continue;
    answered++;
    if (isAnswerCorrect(check, chosen)) correct++;
  }
  // Scored answers count once submitted (the whole scored check, or each as it is answered when
  // answers are revealed immediately; the player sets `submitted` then).
  const assessmentScore = scored.length > 0 && answered === scored.length && state.submitted
    ? Math.round((100 * correct) / scored.length)
    : null;
  const base = { allPagesViewed, scoredAnswered: answered, scoredTotal: scored.length, assessmentScore };
  if (passMark === null || scored.length === 0) {
    return { ...base, status: allPagesViewed ? 'completed' : 'incomplete', score: null };
  }
  if (assessmentScore === null || !allPagesViewed) return { ...base, status: 'incomplete', score: null };
  return { ...base, status: assessmentScore >= passMark ? 'passed' : 'failed', score: assessmentScore };
}

const RANK: Readonly<Record<string, number>> = {
  'not attempted': 0, browsed: 1, incomplete: 2, failed: 3, completed: 4, passed: 5,
};

/** True when moving from `current` (as read from the LMS) to `next` is an upgrade worth writing. */
export function isStatusUpgrade(current: string, next: LessonStatus): boolean {
  return (RANK[next] ?? 0) > (RANK[current] ?? 0);
}

/** True once the attempt has a result, so `cmi.core.exit` becomes `""` (SCORM12.md §3.6). */
export function isFinalStatus(status: string): boolean {
  return status === 'completed' || status === 'passed' || status === 'failed';
}

/** Where the learner stands against the completion rule, for the progress bar, the cover and the results. */
export interface Completion {
  /** Pages that count (every page when the rule asks for all, else none). */
  readonly pagesTotal: number;
  readonly pagesViewed: number;
  /** Pages still to view, by module, in course order. */
  readonly missing: readonly { readonly module: string; readonly pages: readonly string[] }[];
  /** True, false (submitted, below the pass mark) or null (no pass mark, or not submitted yet). */
  readonly passed: boolean | null;
  /** The completion rule is met: every page viewed (when asked) and, with a pass mark, the pass mark reached. */
  readonly complete: boolean;
  /** 0-100 over the steps of the rule (each page, and passing); 100 only when complete. */
  readonly percent: number;
}

export function completionOf(course: CourseData, state: LearnerState, passMark: number | null): Completion {
  const outcome = computeOutcome(course, state, passMark);
  const counted = course.completion.allPages ? course.pages : [];
  const pagesViewed = counted.filter((p) => state.viewed.has(p.id)).length;
  const missing = course.modules
    .map((m) => ({ module: m.id, pages: m.pages.filter((id) => course.completion.allPages && !state.viewed.has(id)) }))
    .filter((m) => m.pages.length > 0);
  const scored = passMark !== null && course.checks.some((c) => c.scored);
  const passed = !scored || outcome.assessmentScore === null ? null : outcome.assessmentScore >= (passMark ?? 0);
  const complete = outcome.allPagesViewed && (!scored || passed === true);
  const steps = counted.length + (scored ? 1 : 0);
  const done = pagesViewed + (passed === true ? 1 : 0);
  const percent = complete ? 100 : steps === 0 ? 0 : Math.min(99, Math.floor((100 * done) / steps));
  return { pagesTotal: counted.length, pagesViewed, missing, passed, complete, percent };
}

/** Scored checks answered wrong in the submitted attempt, in course order. */
export function missedChecks(course: CourseData, state: LearnerState): CheckData[] {
  if (!state.submitted) return [];
  return course.checks.filter((c) => c.scored && state.answers.has(c.id) && !isAnswerCorrect(c, state.answers.get(c.id) ?? []));
}
