/**
 * The player's state and the one function that changes it (the Elm architecture, STYLE.md §6):
 * `update(course, state, action)` returns the next state and the events that name what happened.
 * Views render the state; trackers (SCORM, xAPI) subscribe to the events. Pure: no DOM, no clock
 * (times come in on the actions), so it is unit-tested in Node.
 *
 * Screens: the cover (course overview, Start/Continue), the pages, and the results (the verdict
 * after the scored check, what is still missing, the course-complete page). Only pages are a
 * bookmark; the cover and the results are never saved as the learner's place.
 */
import type { CheckData, CourseData } from '../shared/course-data.js';
import { completionOf, computeOutcome } from '../shared/course-outcome.js';
import { isAnswerCorrect, isWholeAnswer, knownAnswer } from '../shared/check-answers.js';
import type { LearnerState } from '../shared/suspend-data.js';

export type Screen = 'cover' | 'page' | 'results';

export interface PlayerState {
  readonly screen: Screen;
  /** The page on screen, or the last one shown (the bookmark) while on the cover or the results. */
  readonly page: string;
  readonly viewed: ReadonlySet<string>;
  /** Check id → the option ids the learner chose (scored ones are drafts until `submitted`). */
  readonly answers: ReadonlyMap<string, readonly string[]>;
  /** The scored answers of this attempt were submitted and scored. */
  readonly submitted: boolean;
  /** The assessment attempt, from 1; Try again starts the next. */
  readonly attempt: number;
  /** The day the completion rule was first met (days since 1970-01-01, UTC), or null. */
  readonly completedOn: number | null;
  /** Scored checks whose right answer was kept by Try again (`completion.retry: missed`): final, not asked again. */
  readonly kept: ReadonlySet<string>;
  /** The xAPI registration kept with the progress (XAPI.md §4), or null while xAPI is off. */
  readonly registration: string | null;
  /** The pass mark in force (the LMS's mastery score first, else the course's), or null. */
  readonly passMark: number | null;
  /**
   * When the page on screen was shown, or its last question answered, on the study clock (`update`'s `studyMs`):
   * answers' latency counts from it.
   */
  readonly shownAt: number;
  /** Latency of each draft answer, reported when the scored check is submitted. */
  readonly latencies: ReadonlyMap<string, number>;
  /** The session is over (Exit, or the page is being dismissed): nothing changes any more. */
  readonly ended: boolean;
}

/** How a screen came to be shown: views decide focus and browser history from it. */
export type ShowVia = 'start' | 'link' | 'navigation' | 'history';

/** What leaves the course (src/runtime/README.md, "Leaving"). */
export type LeaveTrigger = 'exit' | 'beforeunload' | 'pagehide' | 'unload';

export type PlayerAction =
  | { readonly type: 'show'; readonly page: string; readonly via: ShowVia; readonly at: number }
  | { readonly type: 'open'; readonly screen: 'cover' | 'results'; readonly via: ShowVia; readonly at: number }
  | { readonly type: 'answer'; readonly check: string; readonly chosen: readonly string[]; readonly at: number }
  | { readonly type: 'submit'; readonly at: number }
  | { readonly type: 'retry'; readonly at: number }
  | { readonly type: 'restart'; readonly at: number }
  | { readonly type: 'reflect'; readonly reflection: string; readonly text: string }
  | { readonly type: 'leave'; readonly trigger: LeaveTrigger; readonly at: number };

export type PlayerEvent =
  | { readonly type: 'page-viewed'; readonly page: string; readonly via: ShowVia; readonly first: boolean }
  | { readonly type: 'screen-shown'; readonly screen: 'cover' | 'results'; readonly via: ShowVia }
  | { readonly type: 'module-completed'; readonly module: string }
  /** A scored answer kept as a draft until the scored check is submitted. */
  | { readonly type: 'chosen'; readonly check: CheckData; readonly chosen: readonly string[] }
  /** An answer is final: a practice check, or a scored one at submission (or at once when revealed immediately). */
  /**
   * `latencyMs`: the time from the page shown to the answer, or null when unknown (a scored answer drafted in
   * an earlier session, whose time was not kept: said as none, not as 0 s, in the LMS and the LRS).
   */
  | { readonly type: 'answered'; readonly check: CheckData; readonly chosen: readonly string[]; readonly correct: boolean; readonly latencyMs: number | null }
  | { readonly type: 'attempt-started'; readonly attempt: number }
  | { readonly type: 'attempt-ended'; readonly attempt: number; readonly score: number; readonly passed: boolean | null }
  | { readonly type: 'course-completed'; readonly day: number }
  | { readonly type: 'restarted' }
  | { readonly type: 'reflected'; readonly reflection: string; readonly text: string }
  | { readonly type: 'exited'; readonly trigger: LeaveTrigger; readonly first: boolean };

export interface Update {
  readonly state: PlayerState;
  readonly events: readonly PlayerEvent[];
}

const DAY_MS = 86_400_000;

export interface Opening {
  /** A page the address names (a deep link), or null. */
  readonly linked: string | null;
  readonly passMark: number | null;
  /** The study clock's reading (`update`'s `studyMs`). */
  readonly at: number;
}

/**
 * The state a session starts from. The screen: a deep link's page; the cover for a new learner and
 * after completion (with the result); else the bookmark, where the learner left.
 */
export function initialState(course: CourseData, saved: LearnerState, opening: Opening): PlayerState {
  const ids = course.pages.map((p) => p.id);
  const bookmark = saved.location !== null && ids.includes(saved.location) ? saved.location : null;
  const page = opening.linked ?? bookmark ?? ids[0] ?? '';
  const complete = saved.completedOn !== null;
  const screen: Screen = opening.linked ? 'page' : bookmark && !complete ? 'page' : 'cover';
  return {
    screen, page,
    viewed: saved.viewed,
    answers: saved.answers,
    submitted: saved.submitted,
    attempt: saved.attempt,
    completedOn: saved.completedOn,
    kept: saved.kept,
    registration: saved.registration,
    passMark: opening.passMark,
    shownAt: opening.at,
    latencies: new Map(),
    ended: false,
  };
}

/** What suspend_data keeps of the state (src/shared/suspend-data.ts). */
export function toLearnerState(state: PlayerState): LearnerState {
  return {
    location: state.page, viewed: state.viewed, answers: state.answers, registration: state.registration,
    submitted: state.submitted, attempt: state.attempt, completedOn: state.completedOn, kept: state.kept,
  };
}

/**
 * `studyMs`: the study clock's reading at the action (study-clock.ts), which answers' latency is counted on; the
 * action's own `at` (the wall clock) when not given. An action's `at` dates the completion, but the wall clock
 * makes no latency: a laptop that booted in 2009 and was put right by NTP with a question on screen gave the LMS
 * `9999:59:59.99` for that answer (and the LRS 17 years), one asleep overnight with it on screen ten hours.
 */
export function update(course: CourseData, state: PlayerState, action: PlayerAction, studyMs?: number): Update {
  if (action.type === 'leave') {
    return { state: state.ended ? state : { ...state, ended: true }, events: [{ type: 'exited', trigger: action.trigger, first: !state.ended }] };
  }
  if (state.ended) return { state, events: [] };
  const result = step(course, state, action, studyMs ?? ('at' in action ? action.at : state.shownAt));
  return result.events.length ? noteCompletion(course, state, result, 'at' in action ? action.at : state.shownAt) : result;
}

function step(course: CourseData, state: PlayerState, action: Exclude<PlayerAction, { type: 'leave' }>, studyMs: number): Update {
  switch (action.type) {
    case 'show':
      return show(course, state, action.page, action.via, studyMs);
    case 'open':
      return { state: { ...state, screen: action.screen }, events: [{ type: 'screen-shown', screen: action.screen, via: action.via }] };
    case 'answer':
      return answer(course, state, action.check, action.chosen, studyMs);
    case 'submit':
      return submit(course, state);
    case 'retry':
      return retry(course, state);
    case 'restart':
      return restart(course, state, studyMs);
    case 'reflect':
      return { state, events: [{ type: 'reflected', reflection: action.reflection, text: action.text }] };
  }
}

function show(course: CourseData, state: PlayerState, page: string, via: ShowVia, at: number): Update {
  if (!course.pages.some((p) => p.id === page)) return { state, events: [] };
  const first = !state.viewed.has(page);
  const viewed = first ? new Set([...state.viewed, page]) : state.viewed;
  const next: PlayerState = { ...state, screen: 'page', page, viewed, shownAt: at };
  const events: PlayerEvent[] = [{ type: 'page-viewed', page, via, first }];
  if (first) {
    const module = course.modules.find((m) => m.pages.includes(page));
    if (module && module.pages.every((id) => viewed.has(id))) {
      events.push({ type: 'module-completed', module: module.id });
    }
  }
  return { state: next, events };
}

function answer(course: CourseData, state: PlayerState, checkId: string, chosen: readonly string[], at: number): Update {
  const check = course.checks.find((c) => c.id === checkId);
  if (!check) return { state, events: [] };
  // A matching answer counts once every item is matched (the view says which are not).
  const known = knownAnswer(check, chosen);
  if (!isWholeAnswer(check, known)) return { state, events: [] };
  const answers = new Map(state.answers).set(check.id, known);
  const latencyMs = Math.max(0, at - state.shownAt);
  const answered: PlayerEvent = { type: 'answered', check, chosen: known, correct: isAnswerCorrect(check, known), latencyMs };
  // Without a pass mark nothing is scored: every check is answered and shown as practice is.
  if (!check.scored || state.passMark === null) return { state: { ...state, answers, shownAt: at }, events: [answered] };
  if (state.submitted || state.kept.has(check.id)) return { state, events: [] };
  if (course.completion.revealAnswers === 'immediately') {
    // Each scored answer is final as it is given; the last one submits the scored check.
    if (state.answers.has(check.id)) return { state, events: [] };
    const next: PlayerState = { ...state, answers, shownAt: at };
    return allScoredAnswered(course, answers) ? ended(course, { ...next, submitted: true }, [answered]) : { state: next, events: [answered] };
  }
  const latencies = new Map(state.latencies).set(check.id, latencyMs);
  return { state: { ...state, answers, latencies, shownAt: at }, events: [{ type: 'chosen', check, chosen: known }] };
}

/** The whole scored check is submitted: every answer becomes final, is revealed (unless never) and scored. */
function submit(course: CourseData, state: PlayerState): Update {
  if (state.submitted || state.passMark === null || !allScoredAnswered(course, state.answers)) return { state, events: [] };
  // A question kept from the attempt before (Try again with `completion.retry: missed`) was answered then,
  // and reported then: it counts in the score, but is no new answer for the LMS's interactions or the LRS.
  const events: PlayerEvent[] = course.checks.filter((c) => c.scored && !state.kept.has(c.id)).map((check) => {
    const chosen = state.answers.get(check.id) ?? [];
    return { type: 'answered', check, chosen, correct: isAnswerCorrect(check, chosen), latencyMs: state.latencies.get(check.id) ?? null };
  });
  return ended(course, { ...state, submitted: true, latencies: new Map() }, events);
}

function ended(course: CourseData, state: PlayerState, events: PlayerEvent[]): Update {
  const score = computeOutcome(course, toLearnerState(state), null).assessmentScore ?? 0;
  const passed = state.passMark === null ? null : score >= state.passMark;
  return { state, events: [...events, { type: 'attempt-ended', attempt: state.attempt, score, passed }] };
}

/**
 * Try again after a submitted attempt that did not pass: every scored answer is cleared
 * (`completion.retry: all`), or only the missed ones (`missed`); practice answers stay.
 */
function retry(course: CourseData, state: PlayerState): Update {
  if (!state.submitted) return { state, events: [] };
  const answers = new Map(state.answers);
  const kept = new Set<string>();
  for (const check of course.checks.filter((c) => c.scored)) {
    if (course.completion.retry === 'missed' && isAnswerCorrect(check, answers.get(check.id) ?? [])) kept.add(check.id);
    else answers.delete(check.id);
  }
  const attempt = state.attempt + 1;
  return { state: { ...state, answers, kept, submitted: false, attempt }, events: [{ type: 'attempt-started', attempt }] };
}

/**
 * Start over (from the cover): this attempt's progress is cleared and the course opens at its first
 * page. SCORM 1.2 has no new attempt a SCO can ask for, so the LMS's status stays as it is (never
 * downgraded); the registration stays too: it is the same LMS attempt.
 */
function restart(course: CourseData, state: PlayerState, at: number): Update {
  const cleared: PlayerState = {
    ...state, viewed: new Set(), answers: new Map(), kept: new Set(), submitted: false, attempt: 1, completedOn: null, latencies: new Map(),
  };
  const shown = show(course, cleared, course.pages[0]?.id ?? '', 'navigation', at);
  return { state: shown.state, events: [{ type: 'restarted' }, ...shown.events] };
}

/** The first time the completion rule is met, the day is kept (the cover shows it after completion). */
function noteCompletion(course: CourseData, before: PlayerState, result: Update, at: number): Update {
  if (result.state.completedOn !== null || before.completedOn !== null) return result;
  if (!completionOf(course, toLearnerState(result.state), result.state.passMark).complete) return result;
  const day = localDay(at);
  return { state: { ...result.state, completedOn: day }, events: [...result.events, { type: 'course-completed', day }] };
}

/**
 * The day `at` falls on by the learner's own clock, as a day number (days since 1970-01-01, shown with
 * timeZone UTC by formatDay): the UTC day dated a certificate earned at 5:30 pm in California the next day.
 */
export function localDay(at: number): number {
  return Math.floor((at - new Date(at).getTimezoneOffset() * 60_000) / DAY_MS);
}

function allScoredAnswered(course: CourseData, answers: ReadonlyMap<string, readonly string[]>): boolean {
  const scored = course.checks.filter((c) => c.scored);
  return scored.length > 0 && scored.every((c) => answers.has(c.id));
}

/** Percent of the course's pages viewed, 0-100. */
export function progressOf(course: CourseData, viewed: ReadonlySet<string>): number {
  const total = course.pages.length;
  return total === 0 ? 0 : Math.round((100 * course.pages.filter((p) => viewed.has(p.id)).length) / total);
}
