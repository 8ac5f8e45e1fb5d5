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
 * How far a close's duration may disagree with its session's timestamps and still be that session's: the
 * player rounds to 0.01 s, some LRSs truncate (Data §4.6), and a clock the player starts before it sends
 * `initialized` puts the stated start a little before the open.
 */
const CLOSE_SLACK_MS = 60_000;

/**
 * Rule 7: the sum of the `duration` of `terminated`/`suspended` (cmi5's completed/passed durations are
 * cumulative, so they are never added). A session opens with `initialized`/`resumed` (statements before the
 * first open form one too); one with no closing duration is estimated from its statements' timestamps.
 *
 * Sessions may overlap (two tabs, or an LMS that opens a new launch window before the old one closed), so a
 * close is matched to the session it ends by where it says that session began (its time less its
 * duration), not to the latest open before it: that put one tab's close in the other's window, left the
 * first session looking unclosed, and added an estimate on top of both durations.
 *
 * A close is only matched to an open its duration can be the session of (`canEnd`); one whose open was
 * voided or lost is a session of its own over the time it states. It used to close the nearest open however
 * far back (a session four days before, whose estimate was then lost).
 *
 * An unclosed session's estimate ends at the next open of any kind, closed or not (it ran to the next
 * unclosed one, and counted the days across a closed session between as one capped gap). It goes on past a
 * closed session only beside it (another tab): while its statements reach that session's open and go on
 * after its end, each within the idle cap. Statements after a closed session that no unclosed one goes on to
 * (sent with no open of their own: the open lost, or voided) are estimated as a session of their own.
 */
export function registrationSeconds(reg: RegistrationState): number {
  const opens = [...reg.opens].sort((a, b) => a - b);
  const closes = [...reg.closes].sort((a, b) => a.time - b.time);
  const times = [...reg.times].sort((a, b) => a - b);
  const starts = opens.length && times.length && (times[0] ?? 0) < (opens[0] ?? 0) ? [-Infinity, ...opens] : opens.length ? opens : [-Infinity];
  // Where a session began: the statements before the first open, at the first of them.
  const at = (start: number): number => (start === -Infinity ? (times[0] ?? -Infinity) : start);
  const closed = starts.map(() => false);
  // Each session by where it begins: open (never closed), or closed, covering its statements up to `end`.
  const sessions: Array<{ begin: number; end: number | null }> = [];
  const covered: Array<readonly [number, number]> = [];
  let total = 0;
  for (const close of closes) {
    // Without a duration, the close ends the latest session open before it.
    const began = close.seconds === null ? close.time : close.time - close.seconds * 1000;
    let session = -1;
    let gap = Infinity;
    for (let i = 0; i < starts.length; i++) {
      const start = at(starts[i] ?? -Infinity);
      if (closed[i] || start > close.time) continue;
      const distance = Math.abs(began - start);
      if (distance <= gap && (close.seconds === null || canEnd(start, close.time, close.seconds, times))) {
        gap = distance;
        session = i;
      }
    }
    if (session >= 0) closed[session] = true;
    if (close.seconds !== null) {
      total += close.seconds;
      // The session covers its open too: a duration a few ms short of the timestamps (rounded to 0.01 s by
      // the player, truncated by some LRSs, Data §4.6) left the `resumed` outside, and an unclosed session
      // before it then counted the gap up to it as its own (up to 30 min more). A close no open can be the
      // start of is a session of its own, over the time it states.
      const from = session >= 0 ? Math.min(at(starts[session] ?? -Infinity), began) : began;
      covered.push([from, close.time]);
      sessions.push({ begin: from, end: close.time });
    } else if (session >= 0) {
      const from = at(starts[session] ?? -Infinity);
      total += estimate(times.filter((t) => t >= from && t <= close.time));
      covered.push([from, close.time]);
      sessions.push({ begin: from, end: close.time });
    }
  }
  starts.forEach((start, i) => {
    if (!closed[i]) sessions.push({ begin: at(start), end: null });
  });
  sessions.sort((a, b) => a.begin - b.begin || (a.end === null ? 1 : 0) - (b.end === null ? 1 : 0));
  // The statements no closed session covers, each estimated with the session it falls in: the latest to
  // begin before it, or, after a closed one, an unclosed session beside it, else one of their own.
  const free = times.filter((t) => !covered.some(([a, b]) => t >= a && t <= b));
  let group: number[] = [];
  let unclosed = false;
  let k = 0;
  for (let s = 0; s < sessions.length; s++) {
    const session = sessions[s] as { begin: number; end: number | null };
    const next = sessions[s + 1]?.begin ?? Infinity;
    const mine: number[] = [];
    while (k < free.length && (free[k] ?? 0) < next) mine.push(free[k++] ?? 0);
    if (session.end === null) {
      total += estimate(group);
      group = mine;
      unclosed = true;
      continue;
    }
    const last = group.at(-1);
    const beside = unclosed && last !== undefined && session.begin - last <= IDLE_CAP_SECONDS * 1000 && (mine.length === 0 || (mine[0] ?? 0) - session.end <= IDLE_CAP_SECONDS * 1000);
    if (beside) {
      group.push(...mine);
    } else {
      total += estimate(group);
      group = mine;
      unclosed = false;
    }
  }
  total += estimate(group);
  return total;
}

/**
 * Whether a close at `time` saying `seconds` can end the session begun at `start`. Its stated start (time
 * less duration) may be before the open by no more than the slack, and never past a statement before the
 * open (another session's). It may be later: the player's study clock (src/runtime/study-clock.ts) leaves
 * out a stretch it did not run for over 5 min (a laptop closed overnight), so a duration can be shorter than
 * the session's span, but not shorter than the time its statements show as study, gaps up to the idle cap
 * (as an estimate counts them): a close of ten minutes four days after an open and twenty minutes of
 * statements is another session's, whose open was voided or lost.
 */
/** A gap in a session's statements the player's study clock counts whole (study-clock.ts: over 5 min it may count none). */
const STUDY_GAP_MS = 5 * 60 * 1000;

function canEnd(start: number, time: number, seconds: number, times: readonly number[]): boolean {
  const began = time - seconds * 1000;
  // The first statement at or after the open (`times` is sorted).
  let lo = 0;
  for (let hi = times.length; lo < hi; ) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] ?? 0) < start) lo = mid + 1;
    else hi = mid;
  }
  const before = lo > 0 ? (times[lo - 1] ?? -Infinity) : -Infinity;
  if (began < start - CLOSE_SLACK_MS || began < before) return false;
  // What the study clock counted at least: the gaps it cannot have left out (5 min or less; a longer one may be
  // a device asleep, which it leaves out, so a 10-minute nap inside a closed session does not make it another's).
  let study = 0;
  // The session's last statement before the close (the close itself is among `times`).
  let last = lo < times.length && (times[lo] ?? Infinity) < time ? (times[lo] ?? start) : start;
  for (let i = lo + 1; i < times.length && (times[i] ?? 0) <= time; i++) {
    const gap = (times[i] ?? 0) - (times[i - 1] ?? 0);
    if (gap <= STUDY_GAP_MS) study += gap;
    if ((times[i] ?? 0) < time) last = times[i] ?? last;
  }
  if (study > seconds * 1000 + CLOSE_SLACK_MS) return false;
  // A duration well past what the session's statements show, closed long after its last one (days later, with
  // nothing between), is a later session's whose open was lost: the clock could not have counted that time.
  return !(seconds * 1000 > study + STUDY_GAP_MS + CLOSE_SLACK_MS && time - last > IDLE_CAP_SECONDS * 1000);
}

function estimate(sorted: readonly number[]): number {
  let seconds = 0;
  for (let i = 1; i < sorted.length; i++) seconds += Math.min(((sorted[i] ?? 0) - (sorted[i - 1] ?? 0)) / 1000, IDLE_CAP_SECONDS);
  return seconds;
}
