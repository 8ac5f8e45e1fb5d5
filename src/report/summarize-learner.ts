/**
 * A learner's folded state → their row: XAPI.md §12 rules 4-7 applied per registration, then across
 * registrations (rule 6). Pure.
 */
import type { LearnerState, PartBefore, RegistrationState } from './aggregate-types.js';
import { WHOLE_COURSE } from './aggregate-types.js';

export type LearnerStatus = 'not-started' | 'in-progress' | 'completed' | 'passed' | 'failed';

export interface LearnerSummary {
  readonly key: string;
  readonly accountName: string | undefined;
  readonly name: string | undefined;
  readonly status: LearnerStatus;
  readonly completed: boolean;
  /** Rule 5: true when any registration passed, false when none passed and one failed, else null. */
  readonly success: boolean | null;
  readonly bestScaled: number | null;
  readonly latestScaled: number | null;
  /** Rule 6: attempts are registrations (of the course, or the most of any one module's package). */
  readonly attempts: number;
  readonly timeSeconds: number;
  /** ms, the first completion; null when not completed. */
  readonly completedAt: number | null;
  /** ms, the latest counted statement; null for a learner only on the roster. */
  readonly lastActivity: number | null;
  readonly lastPage: string | undefined;
  readonly modulesStarted: ReadonlySet<string>;
  readonly modulesDone: ReadonlySet<string>;
}

/**
 * Rule 7's fallback: a session with no closing statement (a closed tab, a lost `pagehide` request)
 * counts from its first to its last statement, but a gap longer than this counts as this much, so a
 * tab left open overnight does not add a night.
 */
export const IDLE_CAP_SECONDS = 30 * 60;

/**
 * `courseModules`: the course's modules (its activities file), which a learner who took it as one package a
 * module (`--split modules`) completes by completing each; without them, such a learner's course is not known
 * to be complete.
 */
export function summarizeLearner(learner: LearnerState, courseModules: readonly string[] = [], partsBefore?: ReadonlyMap<string, PartBefore>): LearnerSummary {
  let completedAt: number | null = null;
  let passed = false;
  let failed = false;
  let best: number | null = null;
  let latest: { time: number; tie: number; value: number } | null = null;
  let timeSeconds = 0;
  // Module packages, each module on its own: when it was first complete (in the window), whether it passed or
  // failed, and how many registrations (attempts) it had.
  const parts = new Map<string, { doneAt: number | null; passed: boolean; failed: boolean; attempts: number }>();
  let wholeAttempts = 0;
  for (const reg of learner.registrations.values()) {
    if (reg.part === null || reg.part === WHOLE_COURSE) {
      wholeAttempts++;
      if (reg.passedAt !== null) passed = true;
      if (reg.failedAt !== null) failed = true;
    } else {
      const part = parts.get(reg.part) ?? { doneAt: null, passed: false, failed: false, attempts: 0 };
      part.attempts++;
      if (reg.partDoneAt !== null && (part.doneAt === null || reg.partDoneAt < part.doneAt)) part.doneAt = reg.partDoneAt;
      part.passed ||= reg.passedAt !== null;
      part.failed ||= reg.failedAt !== null;
      parts.set(reg.part, part);
    }
    if (reg.completedAt !== null && (completedAt === null || reg.completedAt < completedAt)) completedAt = reg.completedAt;
    if (reg.best !== null && (best === null || reg.best > best)) best = reg.best;
    if (reg.latest && (!latest || reg.latest.time > latest.time || (reg.latest.time === latest.time && reg.latest.tie > latest.tie))) latest = reg.latest;
    timeSeconds += registrationSeconds(reg);
  }
  const inParts = parts.size > 0;
  if (inParts) {
    for (const b of partsBefore?.values() ?? []) if (b.best !== null && (best === null || b.best > best)) best = b.best;
    // The course taken as one package a module is complete once every module is, on the day the last one first
    // was; in a window, only if that day is in it: some module completed for the first time in the window (one
    // done before it and again in it was done before it).
    const firstDone = (m: string): { at: number; before: boolean } | null => {
      const before = partsBefore?.get(m)?.doneAt ?? null;
      const inWindow = parts.get(m)?.doneAt ?? null;
      return before !== null ? { at: before, before: true } : inWindow !== null ? { at: inWindow, before: false } : null;
    };
    const done = courseModules.map(firstDone);
    if (courseModules.length > 0 && done.every((d) => d !== null) && done.some((d) => d?.before === false)) {
      const last = Math.max(...done.map((d) => d?.at ?? 0));
      if (completedAt === null || last < completedAt) completedAt = last;
    }
  }
  const completed = completedAt !== null;
  // Rule 5 then rule 6: passed beats failed, in any registration of the course. Of module packages, each module
  // on its own (a pass of one module does not undo another's failure): failed while a module failed and has not
  // passed; passed once the course is complete with a module passed.
  let success: boolean | null = passed ? true : failed ? false : null;
  if (inParts && !passed) {
    const modules = new Set([...parts.keys(), ...(partsBefore?.keys() ?? [])]);
    const passedModule = (m: string): boolean => (parts.get(m)?.passed ?? false) || (partsBefore?.get(m)?.passed ?? false);
    const failedModule = (m: string): boolean => (parts.get(m)?.failed ?? false) || (partsBefore?.get(m)?.failed ?? false);
    const modulesFailed = [...modules].some((m) => failedModule(m) && !passedModule(m));
    success = modulesFailed ? false : completed && [...modules].some(passedModule) ? true : failed ? false : null;
  }
  const started = learner.registrations.size > 0;
  const status: LearnerStatus = success === true ? 'passed' : success === false ? 'failed' : completed ? 'completed' : started ? 'in-progress' : 'not-started';
  return {
    key: learner.key,
    accountName: learner.accountName,
    name: learner.name?.value,
    status,
    completed,
    success,
    bestScaled: best,
    latestScaled: latest?.value ?? null,
    // Rule 6, attempts are registrations: each module package makes its own, so one pass through seven modules
    // was seven attempts; a module's attempts are counted, the most any module had.
    attempts: inParts ? Math.max(wholeAttempts, ...[...parts.values()].map((p) => p.attempts)) : learner.registrations.size,
    timeSeconds: Math.round(timeSeconds * 100) / 100,
    completedAt,
    lastActivity: started ? learner.lastActivity : null,
    lastPage: learner.lastPage?.value,
    modulesStarted: learner.modulesStarted,
    modulesDone: learner.modulesDone,
  };
}

/**
 * Rule 7: the sum of the `duration` of `terminated`/`suspended` (cmi5's completed/passed durations are
 * cumulative, so they are never added). A session opens with `initialized`/`resumed` (statements before the
 * first open form one too); one with no closing duration is estimated from its statements' timestamps.
 *
 * Sessions may overlap (two tabs, or an LMS that opens a new launch window before the old one closed), so a
 * close is matched to the session it ends by where it says that session began (its time less its
 * duration), not to the latest open before it: that put one tab's close in the other's window, left the
 * first session looking unclosed, and added an estimate on top of both durations.
 */
export function registrationSeconds(reg: RegistrationState): number {
  const opens = [...reg.opens].sort((a, b) => a - b);
  const closes = [...reg.closes].sort((a, b) => a.time - b.time);
  const times = [...reg.times].sort((a, b) => a - b);
  const starts = opens.length && times.length && (times[0] ?? 0) < (opens[0] ?? 0) ? [-Infinity, ...opens] : opens.length ? opens : [-Infinity];
  const closed = starts.map(() => false);
  const covered: Array<readonly [number, number]> = [];
  let total = 0;
  for (const close of closes) {
    // Without a duration, the close ends the latest session open before it.
    const began = close.seconds === null ? close.time : close.time - close.seconds * 1000;
    let session = -1;
    let gap = Infinity;
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i] ?? -Infinity;
      if (closed[i] || start > close.time) continue;
      const distance = Math.abs(began - (start === -Infinity ? (times[0] ?? began) : start));
      if (distance <= gap) {
        gap = distance;
        session = i;
      }
    }
    if (session >= 0) closed[session] = true;
    if (close.seconds !== null) {
      total += close.seconds;
      // The session covers its open too: a duration a few ms short of the timestamps (rounded to 0.01 s by
      // the player, truncated by some LRSs, Data §4.6) left the `resumed` outside, and an unclosed session
      // before it then counted the gap up to it as its own (up to 30 min more).
      const start = session >= 0 ? (starts[session] ?? -Infinity) : -Infinity;
      const from = close.time - close.seconds * 1000;
      covered.push([start === -Infinity ? from : Math.min(start, from), close.time]);
    } else if (session >= 0) {
      const from = starts[session] ?? -Infinity;
      total += estimate(times.filter((t) => t >= from && t <= close.time));
    }
  }
  // Sessions no close ended: each estimated from the statements after its open (up to the next unclosed
  // open) that no closed session covers.
  const open = starts.filter((_, i) => !closed[i]);
  for (let i = 0; i < open.length; i++) {
    const from = open[i] ?? -Infinity;
    const to = open[i + 1] ?? Infinity;
    total += estimate(times.filter((t) => t >= from && t < to && !covered.some(([a, b]) => t >= a && t <= b)));
  }
  return total;
}

function estimate(sorted: readonly number[]): number {
  let seconds = 0;
  for (let i = 1; i < sorted.length; i++) seconds += Math.min(((sorted[i] ?? 0) - (sorted[i - 1] ?? 0)) / 1000, IDLE_CAP_SECONDS);
  return seconds;
}
