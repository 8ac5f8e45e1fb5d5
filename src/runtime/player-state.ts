/**
 * The player's state and the one function that changes it (the Elm architecture, STYLE.md §6):
 * `update(course, state, action)` returns the next state and the events that name what happened.
 * Views render the state; trackers (SCORM, xAPI) subscribe to the events. Pure: no DOM, no clock
 * (times come in on the actions), so it is unit-tested in Node.
 */
import type { CheckData, CourseData } from '../shared/course-data.js';
import { computeOutcome, isAnswerCorrect } from '../shared/course-outcome.js';
import type { LearnerState } from '../shared/suspend-data.js';

export interface PlayerState {
  /** The page on screen. */
  readonly page: string;
  readonly viewed: ReadonlySet<string>;
  /** Check id → the option ids the learner submitted. */
  readonly answers: ReadonlyMap<string, readonly string[]>;
  /** The assessment attempt in this session, from 1; Try again starts the next. */
  readonly attempt: number;
  /** When the page on screen was shown, or its last question answered: answers' latency counts from it. */
  readonly shownAt: number;
  /** The xAPI registration kept with the progress (XAPI.md §4), or null while xAPI is off. */
  readonly registration: string | null;
  /** The session is over (Exit, or the page is being dismissed): nothing changes any more. */
  readonly ended: boolean;
}

/** How a page came to be shown: views decide focus and browser history from it. */
export type ShowVia = 'start' | 'link' | 'navigation' | 'history';

/** What leaves the course (src/runtime/README.md, "Leaving"). */
export type LeaveTrigger = 'exit' | 'beforeunload' | 'pagehide' | 'unload';

export type PlayerAction =
  | { readonly type: 'show'; readonly page: string; readonly via: ShowVia; readonly at: number }
  | { readonly type: 'answer'; readonly check: string; readonly chosen: readonly string[]; readonly at: number }
  | { readonly type: 'retry'; readonly at: number }
  | { readonly type: 'reflect'; readonly reflection: string; readonly text: string }
  | { readonly type: 'leave'; readonly trigger: LeaveTrigger; readonly at: number };

export type PlayerEvent =
  | { readonly type: 'page-viewed'; readonly page: string; readonly via: ShowVia; readonly first: boolean }
  | { readonly type: 'module-completed'; readonly module: string; readonly progress: number }
  | { readonly type: 'answered'; readonly check: CheckData; readonly chosen: readonly string[]; readonly correct: boolean; readonly latencyMs: number }
  | { readonly type: 'attempt-started'; readonly attempt: number }
  | { readonly type: 'attempt-ended'; readonly attempt: number; readonly score: number }
  | { readonly type: 'reflected'; readonly reflection: string; readonly text: string }
  | { readonly type: 'exited'; readonly trigger: LeaveTrigger; readonly first: boolean };

export interface Update {
  readonly state: PlayerState;
  readonly events: readonly PlayerEvent[];
}

/** The state a session starts from: saved progress, and the page to open (a deep link, the bookmark, or the first). */
export function initialState(course: CourseData, saved: LearnerState, page: string | null, at: number): PlayerState {
  const ids = course.pages.map((p) => p.id);
  const open = [page, saved.location].find((id): id is string => id !== null && ids.includes(id)) ?? ids[0] ?? '';
  return {
    page: open,
    viewed: saved.viewed,
    answers: saved.answers,
    attempt: 1,
    shownAt: at,
    registration: saved.registration ?? null,
    ended: false,
  };
}

/** What suspend_data keeps of the state (src/shared/suspend-data.ts). */
export function toLearnerState(state: PlayerState): LearnerState {
  return { location: state.page, viewed: state.viewed, answers: state.answers, registration: state.registration };
}

export function update(course: CourseData, state: PlayerState, action: PlayerAction): Update {
  if (action.type === 'leave') {
    return { state: state.ended ? state : { ...state, ended: true }, events: [{ type: 'exited', trigger: action.trigger, first: !state.ended }] };
  }
  if (state.ended) return { state, events: [] };
  switch (action.type) {
    case 'show':
      return show(course, state, action.page, action.via, action.at);
    case 'answer':
      return answer(course, state, action.check, action.chosen, action.at);
    case 'retry':
      return retry(course, state);
    case 'reflect':
      return { state, events: [{ type: 'reflected', reflection: action.reflection, text: action.text }] };
  }
}

function show(course: CourseData, state: PlayerState, page: string, via: ShowVia, at: number): Update {
  if (!course.pages.some((p) => p.id === page)) return { state, events: [] };
  const first = !state.viewed.has(page);
  const viewed = first ? new Set([...state.viewed, page]) : state.viewed;
  const next: PlayerState = { ...state, page, viewed, shownAt: at };
  const events: PlayerEvent[] = [{ type: 'page-viewed', page, via, first }];
  if (first) {
    const module = course.modules.find((m) => m.pages.includes(page));
    if (module && module.pages.every((id) => viewed.has(id))) {
      events.push({ type: 'module-completed', module: module.id, progress: progressOf(course, viewed) });
    }
  }
  return { state: next, events };
}

function answer(course: CourseData, state: PlayerState, checkId: string, chosen: readonly string[], at: number): Update {
  const check = course.checks.find((c) => c.id === checkId);
  const known = chosen.filter((id) => check?.options.some((o) => o.id === id));
  // A scored answer is final for the attempt; practice checks may be tried again and again.
  if (!check || known.length === 0 || (check.scored && state.answers.has(check.id))) return { state, events: [] };
  const answers = new Map(state.answers).set(check.id, known);
  const next: PlayerState = { ...state, answers, shownAt: at };
  const events: PlayerEvent[] = [
    { type: 'answered', check, chosen: known, correct: isAnswerCorrect(check, known), latencyMs: Math.max(0, at - state.shownAt) },
  ];
  if (check.scored) {
    const before = computeOutcome(course, toLearnerState(state), null).assessmentScore;
    const after = computeOutcome(course, toLearnerState(next), null).assessmentScore;
    if (before === null && after !== null) events.push({ type: 'attempt-ended', attempt: state.attempt, score: after });
  }
  return { state: next, events };
}

/** Try again: the scored answers are cleared and the next attempt starts; practice answers stay. */
function retry(course: CourseData, state: PlayerState): Update {
  const scored = course.checks.filter((c) => c.scored);
  if (!scored.some((c) => state.answers.has(c.id))) return { state, events: [] };
  const answers = new Map(state.answers);
  for (const check of scored) answers.delete(check.id);
  const attempt = state.attempt + 1;
  return { state: { ...state, answers, attempt }, events: [{ type: 'attempt-started', attempt }] };
}

/** Percent of the course's pages viewed, 0-100. */
export function progressOf(course: CourseData, viewed: ReadonlySet<string>): number {
  const total = course.pages.length;
  return total === 0 ? 0 : Math.round((100 * course.pages.filter((p) => viewed.has(p.id)).length) / total);
}
