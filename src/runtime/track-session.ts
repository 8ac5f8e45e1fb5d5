/**
 * Layer 3 of 4 (STYLE.md §4): the session policy. Decides what to save and when, following
 * the lifecycle of SCORM12.md §3.7:
 *
 * 1. start: read entry, status, location, suspend_data, mode, mastery score;
 *    `not attempted` → `incomplete` and `exit=suspend` (§5 pitfall 3: a SCO that
 *    never sets a status is marked `completed` at finish by Moodle).
 * 2. progress: every milestone (a page shown: the bookmark; an answer; a status or score
 *    change) is committed at once, never on a timer (§3.7 step 4, §5 pitfall 1): LMSs that save
 *    by synchronous XHR cannot save during page dismissal, so a commit still waiting on a timer
 *    when the learner closes the tab is lost. Milestones of one task share one commit (a page
 *    shown right after start-up, an answer that also changes the status), and a commit with
 *    nothing new is skipped (the store knows), so a full pass costs one commit per page turn and
 *    per answer, plus the end. Typing is the player's business (reflections stay in the browser).
 * 3. result: interactions first (best effort: 401 from a minimal LMS never blocks the rest,
 *    §5 pitfall 11), then score min/max/raw, then status, then `exit=""`, then commit.
 *    The status only moves forward and the score only up (§5 pitfall 4).
 * 4. end, once, from the first of Exit, `beforeunload`, `pagehide`, `unload`
 *    (src/runtime/README.md, "Leaving"): session_time and exit, commit, LMSFinish. When that
 *    commit fails in `beforeunload` or `pagehide` (an LMS whose sync XHR Chrome refuses there),
 *    LMSFinish waits for the next dismissal event, where the LMS may have switched to
 *    sendBeacon; nothing is set again.
 * A failed commit is retried with backoff, and again at the next milestone.
 */
import type { CheckData, CourseData } from '../shared/course-data.js';
import { computeOutcome, isFinalStatus, isStatusUpgrade, type LessonStatus } from '../shared/course-outcome.js';
import { acceptedAnswers, correctAnswer, isAnswerCorrect, knownAnswer } from '../shared/check-answers.js';
import { formatTimeOfDay, formatTimespan } from '../shared/scorm-time.js';
import { isTrueFalse, meansTrue } from '../shared/xapi/describe-activities.js';
import { decodeSuspendData, emptyLearnerState, encodeSuspendData, isNewerSuspendData, type LearnerState } from '../shared/suspend-data.js';
import type { LeaveTrigger } from './player-state.js';
import { isNeverSet, type ProgressStore } from './progress-store.js';

export interface SessionClock {
  /** ms on the clock session time is counted by: the study clock in the player (study-clock.ts), never the wall clock. */
  now(): number;
  date(): Date;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Runs `fn` once the current task's synchronous work is done (`queueMicrotask` in the browser). */
  defer(fn: () => void): void;
}

export interface SessionOptions {
  /** Delays between retries of a failed commit. */
  readonly retryDelaysMs?: readonly number[];
  /**
   * Called each time the LMS accepts a new `cmi.core.lesson_status`, and once more for each later
   * assessment attempt that ends with the status the LMS already holds (`failed` again, `previous`
   * equal to `status`): the one place a result is decided, so other trackers (xAPI
   * `passed`/`failed`/`completed`) never disagree with the LMS.
   */
  readonly onStatus?: (change: StatusChange) => void;
  /**
   * Called with false when the LMS has refused a commit and every retry of it (an LMS whose server session has
   * gone refuses them all, while the learner goes on working), and with true when it takes one again after that.
   */
  readonly onSaving?: (saving: boolean) => void;
}

export interface StatusChange {
  readonly status: LessonStatus;
  readonly previous: string;
  /** The score written with it (0-100), or null. */
  readonly score: number | null;
}


export interface StartInfo {
  readonly state: LearnerState;
  /** The pass mark in force (LMS mastery_score first, else the course's), or null. */
  readonly passMark: number | null;
  readonly resumed: boolean;
  /** The best score the LMS holds (`cmi.core.score.raw`), or null. */
  readonly bestScore: number | null;
  /**
   * Why nothing of this launch is recorded, or null when it is: `review` mode (Moodle's launch of a
   * finished attempt without "Start a new attempt") or `browse` mode (a preview), where the LMS keeps what
   * it has (RTE 3.4.4, `cmi.core.lesson_mode`: browse presents the SCO "without the intent of recording
   * any information about the current learner session").
   */
  readonly unrecorded: 'review' | 'browse' | null;
  /**
   * The LMS held progress this course cannot read: saved by a package of another shape (a page or a check
   * added, a right option moved: docs/authoring.md, "Changing a published course"). The learner starts
   * afresh and is told why, where they found their course emptied without a word.
   */
  readonly progressReset: boolean;
  /**
   * The LMS held progress a newer copy of this course saved (isNewerSuspendData): this copy is the older one.
   * Nothing it does is saved over that progress (the outcome still only goes up), and the learner is told to
   * open the course again, where they found their answers gone before.
   */
  readonly olderCopy: boolean;
}

const LOCATION_LIMIT = 255;
/** The statuses a status can be raised to (isStatusUpgrade). */
const LESSON_STATUSES: readonly LessonStatus[] = ['browsed', 'incomplete', 'failed', 'completed', 'passed']; // CMIString255 (SCORM12.md §3.3)

export class TrackSession {
  private status = 'not attempted';
  private bestRaw: number | null = null;
  /** Whether the scored answers were submitted, as last saved. */
  private submitted = false;
  /** Scored answers were submitted in this session and their result (passed/failed) not yet reported. */
  private resultPending = false;
  /** Whether this session told onStatus the course is completed (a change of status, or news where the LMS held it). */
  private completionSaid = false;
  private passMark: number | null = null;
  /** review or browse mode: nothing of this launch is written but `browsed` on a first one, and session_time. */
  private reviewOnly = false;
  private interactionCount: number | null = null;
  /**
   * `cmi.core.lesson_status` could not be read at start (the Get failed twice): nothing below knows what the
   * LMS holds, so no status is written until a later read says (a passed learner was set back to incomplete).
   */
  private statusUnknown = false;
  /**
   * `cmi.suspend_data` could not be read at start: the learner saw none of their progress, and saving this
   * session's over it would have erased it in the LMS for good. Read again before the first save: still
   * unreadable, or holding progress, it is left as the LMS has it.
   */
  private progressUnread = false;
  /** The LMS refused `cmi.core.score.raw`: the score is not read back before each save (readBack). */
  private scoreRefused = false;
  /** A later window of this course and learner opened (watch-other-windows.ts): this one writes nothing more. */
  private superseded = false;
  private startedAt = 0;
  /** Exit or a dismissal event came: session_time and exit are set, nothing else will be. */
  private ending = false;
  /** LMSFinish was called. */
  private ended = false;
  /** The session ended with the LMS refusing both its last commit and LMSFinish. */
  private lostAtEnd = false;
  private commitWanted = false;
  private retryTimer: unknown = null;
  private retries = 0;
  private readonly retryDelaysMs: readonly number[];
  private readonly onStatus: (change: StatusChange) => void;
  private readonly onSaving: (saving: boolean) => void;
  /** The LMS refused a commit and all its retries, and has taken none since. */
  private failing = false;

  constructor(
    private readonly store: ProgressStore,
    private readonly course: CourseData,
    private readonly clock: SessionClock,
    options: SessionOptions = {},
  ) {
    this.retryDelaysMs = options.retryDelaysMs ?? [1000, 2000, 4000, 8000, 16000];
    this.onStatus = options.onStatus ?? (() => undefined);
    this.onSaving = options.onSaving ?? (() => undefined);
  }

  /**
   * A later window of this course and learner opened: this one saves nothing more, so its progress, older than
   * the other's, is not written over the other's (the last window to save won). What is saved stays.
   */
  supersede(): void {
    this.superseded = true;
    this.cancelRetry();
  }

  /** True once the session is ending: the player must stop taking answers it could not save. */
  get isEnding(): boolean {
    return this.ending;
  }

  /**
   * The session ended and the LMS took neither its last commit nor LMSFinish (an LMS session expired behind the
   * course, its server down): what was set since the last good commit, perhaps everything, is not saved, and the
   * page after Exit must not say it is.
   */
  get unsavedAtEnd(): boolean {
    return this.lostAtEnd;
  }

  /** `cmi.core.lesson_status` as the LMS holds it now. */
  get lessonStatus(): string {
    return this.status;
  }

  start(): StartInfo {
    this.startedAt = this.clock.now();
    const read = (element: string): string => this.readTwice(element) ?? '';
    const entry = this.readWord('cmi.core.entry') ?? '';
    const status = this.readWord('cmi.core.lesson_status');
    this.statusUnknown = status === null;
    this.status = status || 'not attempted';
    const location = read('cmi.core.lesson_location');
    const savedData = this.readTwice('cmi.suspend_data');
    this.progressUnread = savedData === null;
    const suspendData = savedData ?? '';
    const mode = this.readWord('cmi.core.lesson_mode') || 'normal';
    const mastery = parseScore(read('cmi.student_data.mastery_score'));
    this.bestRaw = parseScore(read('cmi.core.score.raw'));
    const count = this.store.get('cmi.interactions._count');
    this.interactionCount = count !== null && /^\d+$/.test(count.trim()) ? Number(count) : count === '' ? 0 : null;
    this.reviewOnly = mode === 'review' || mode === 'browse';
    this.passMark = this.course.completion.passMark === null && this.course.checks.every((c) => !c.scored)
      ? null
      : mastery ?? this.course.completion.passMark;

    // Read suspend_data and location on every launch: some LMSs send entry="" and keep data (§3.6).
    const readable = decodeSuspendData(this.course, suspendData);
    const decoded = readable ?? emptyLearnerState();
    const olderCopy = readable === null && isNewerSuspendData(this.course, suspendData);
    // Never written over (save()), as progress not read is not.
    if (olderCopy) this.progressUnread = true;
    // Progress saved for another course shape is not read, and its bookmark with it: the learner starts afresh
    // at the cover (docs/authoring.md, "Changing a published course"), not on their old page with nothing viewed.
    const reset = readable === null && suspendData.trim() !== '' && !olderCopy;
    const page = reset ? undefined : this.course.pages.find((p) => p.id === location || `#${this.course.pages.indexOf(p)}` === location);
    const state: LearnerState = { ...decoded, location: page?.id ?? decoded.location };
    // A submission saved by an earlier session had its result reported then.
    this.submitted = decoded.submitted;

    // A first launch in browse mode is `browsed` (SCORM12.md §3.5), and stays so: a page turn or an answer
    // made it `incomplete`, then `passed` with a score, in the learner's real attempt (Moodle keeps the
    // attempt number for a preview), so a peek at the quiz could fail the course.
    if (mode === 'browse' && !this.statusUnknown && this.status === 'not attempted') {
      if (this.store.set('cmi.core.lesson_status', 'browsed')) this.status = 'browsed';
      this.requestCommit();
    }
    if (!this.reviewOnly && !this.statusUnknown && this.status === 'not attempted') {
      if (this.store.set('cmi.core.lesson_status', 'incomplete')) this.status = 'incomplete';
    }
    if (!this.reviewOnly && !this.statusUnknown) {
      this.store.set('cmi.core.exit', isFinalStatus(this.status) ? '' : 'suspend');
      this.requestCommit();
    }
    return { state, passMark: this.passMark, resumed: entry === 'resume' || suspendData !== '', bestScore: this.bestRaw, unrecorded: mode === 'review' || mode === 'browse' ? mode : null, progressReset: reset, olderCopy };
  }

  /** Saves the learner's progress (bookmark, suspend_data, outcome) and commits it at the end of this task. */
  save(state: LearnerState): void {
    if (this.ending || this.reviewOnly || this.superseded) return;
    if (this.progressUnread) {
      const now = this.readTwice('cmi.suspend_data');
      if (now === '') this.progressUnread = false;
    }
    // The progress the LMS holds was never read: it stays as it is (the outcome, which only goes up, still goes).
    if (this.progressUnread) {
      this.applyOutcome(state);
      this.requestCommit();
      return;
    }
    if (state.location) {
      const index = this.course.pages.findIndex((p) => p.id === state.location);
      this.store.set('cmi.core.lesson_location', state.location.length <= LOCATION_LIMIT ? state.location : `#${index}`);
    }
    this.store.set('cmi.suspend_data', encodeSuspendData(this.course, state));
    this.applyOutcome(state);
    this.requestCommit();
  }

  /** Reports one answered question as `cmi.interactions.n` (best effort), committed with the answer's save. */
  recordAnswer(check: CheckData, chosen: readonly string[], latencyMs: number | null): void {
    if (this.ending || this.reviewOnly || this.superseded || this.interactionCount === null) return;
    const n = this.interactionCount;
    const trueFalse = isTrueFalse(check);
    const matching = check.type === 'matching';
    // RTE 3.4.2.4.3: true-false `t`/`f`; choice the letters, comma-separated; matching `source.target` pairs, comma-separated;
    // fill-in: the words typed (at most 40 characters, typed-answer.ts; SCORM 1.2 takes 255), and each accepted answer a pattern.
    const format = (ids: readonly string[]): string => trueFalse
      ? ids.map((id) => (meansTrue(check, id) ? 't' : 'f')).join(',')
      : matching || check.type === 'fill-in' ? knownAnswer(check, ids).join(',') : [...ids].sort().join(',');
    const prefix = `cmi.interactions.${n}.`;
    const fields: Array<[string, string]> = [
      ['type', trueFalse ? 'true-false' : matching ? 'matching' : check.type === 'fill-in' ? 'fill-in' : 'choice'],
      ['time', formatTimeOfDay(this.clock.date())],
      ...patterns(check).map((pattern, m): [string, string] => [`correct_responses.${m}.pattern`, format(pattern)]),
      ['student_response', format(chosen)],
      ['result', isAnswerCorrect(check, chosen) ? 'correct' : 'wrong'],
      // Optional (RTE 3.4.2.4.7): left out when the time is not known rather than said as no time at all.
      ...(latencyMs === null ? [] : [['latency', formatTimespan(latencyMs)] as [string, string]]),
    ];
    // The id creates the record; if the LMS refuses it (401: no interactions), stop for good.
    if (!this.store.set(`${prefix}id`, check.id.slice(0, 255))) {
      this.interactionCount = null;
      return;
    }
    this.interactionCount = n + 1;
    for (const field of fields) this.store.set(prefix + field[0], field[1]);
    this.requestCommit();
  }

  /**
   * The page is being hidden (tab switch, app switch, screen lock): commit now, it may be the last
   * chance (mobile browsers may discard a hidden tab without any other event). Sync XHR still
   * works here when the page is only hidden, not being dismissed.
   */
  flush(): void {
    if (this.ending || this.reviewOnly || this.superseded) return;
    this.commitNow();
  }

  /**
   * Ends the session, once: session_time and exit, commit, LMSFinish. Safe to call from every
   * trigger in turn; see the header (step 4) for when LMSFinish waits for a later one.
   */
  end(trigger: LeaveTrigger): void {
    if (this.ended) return;
    // Superseded: the later window holds the attempt; this one's exit, time or finish would be written over it.
    if (this.superseded) {
      this.ended = true;
      return;
    }
    if (!this.ending) {
      this.ending = true;
      this.cancelRetry();
      if (!this.reviewOnly) this.store.set('cmi.core.exit', isFinalStatus(this.status) ? '' : 'suspend');
      this.store.set('cmi.core.session_time', formatTimespan(this.clock.now() - this.startedAt));
    }
    const saved = this.store.commit();
    if (!saved && (trigger === 'beforeunload' || trigger === 'pagehide')) return;
    this.ended = true;
    // An LMS saves at LMSFinish what was set and not committed (Moodle commits the changed elements there,
    // SCORM12.md §3.2; scorm-again commits inside it): its success saves what a failed commit did not.
    const finished = this.store.finish();
    // A refused `browsed` (a browse launch's one write) is no progress lost: that page says nothing was recorded.
    this.lostAtEnd = (!saved && !finished) || (!this.reviewOnly && this.store.refusing);
    // The LMS took the end after refusing the commits before it (a login renewed in another tab): the line saying
    // the progress is not being saved, and to check it has gone before closing, stayed on the page that says it is.
    if (!this.lostAtEnd) this.sayFailing(false);
  }

  private applyOutcome(state: LearnerState): void {
    const outcome = computeOutcome(this.course, state, this.passMark);
    if (this.statusUnknown) {
      const status = this.readWord('cmi.core.lesson_status');
      if (status !== null) {
        this.statusUnknown = false;
        this.status = status || 'not attempted';
      }
    }
    // About to raise the score or the status: the LMS's own first, which another window of this attempt (the
    // launch link clicked twice, a second frame on one API) may have raised since this one read it: passed/100
    // there was set back to failed/0 here.
    const raisesScore = !this.scoreRefused && outcome.score !== null && (this.bestRaw === null || outcome.score > this.bestRaw);
    if (raisesScore || (!this.statusUnknown && isStatusUpgrade(this.status, outcome.status))) this.readBack();
    // The score only goes up, whatever the status does: a failed retake that scores better than the first
    // attempt keeps `failed` but raises `score.raw` (the runtime README's "best score kept"; Moodle grades
    // "Highest attempt" from it, SCORM12.md §3.5).
    if (outcome.score !== null && (this.bestRaw === null || outcome.score > this.bestRaw)) {
      this.store.set('cmi.core.score.min', '0');
      this.store.set('cmi.core.score.max', '100');
      if (this.store.set('cmi.core.score.raw', String(outcome.score))) this.bestRaw = outcome.score;
      // Refused (an LMS that takes no score): not asked back at every page turn after.
      else this.scoreRefused = true;
    }
    if (state.submitted && !this.submitted) this.resultPending = true;
    this.submitted = state.submitted;
    const scored = outcome.status === 'passed' || outcome.status === 'failed';
    if (this.statusUnknown || !isStatusUpgrade(this.status, outcome.status)) {
      // An attempt ended without changing the status the LMS holds (failed, then failed again with another
      // score; or a new xAPI registration failed where an earlier attempt passed): the LMS keeps its status,
      // but the attempt's result is news for the LRS, once; the tracker knows which registration it is.
      if (scored && this.resultPending) {
        this.resultPending = false;
        this.onStatus({ status: outcome.status, previous: this.status, score: outcome.score });
      }
      // So is the course completed where the LMS holds completed already (no pass mark): said once a session.
      if (outcome.status === 'completed' && !this.completionSaid) {
        this.completionSaid = true;
        this.onStatus({ status: 'completed', previous: this.status, score: null });
      }
      return;
    }
    if (!this.store.set('cmi.core.lesson_status', outcome.status)) return;
    const previous = this.status;
    this.status = outcome.status;
    if (scored) this.resultPending = false;
    if (outcome.status === 'completed') this.completionSaid = true;
    if (isFinalStatus(outcome.status)) this.store.set('cmi.core.exit', '');
    this.onStatus({ status: outcome.status, previous, score: outcome.score });
  }

  /** The status and best score the LMS holds now, where higher than this session's copies. */
  private readBack(): void {
    const status = this.readWord('cmi.core.lesson_status');
    if (status && (LESSON_STATUSES as readonly string[]).includes(status) && isStatusUpgrade(this.status, status as LessonStatus)) this.status = status;
    const raw = parseScore(this.readTwice('cmi.core.score.raw') ?? '');
    if (raw !== null && (this.bestRaw === null || raw > this.bestRaw)) this.bestRaw = raw;
  }

  /**
   * An element's value, asked twice (a busy LMS can answer a Get with 101 once), or null when both failed.
   * `null` and `undefined` written out are read as empty: LMSs that serialize a missing value with JavaScript's
   * String() hand those words back for an element never set, and this player never writes them.
   * Spaces and NULs around it are not the value: a backend that keeps strings C-style or in CHAR(n) columns hands
   * `suspend_data` back with a trailing NUL or padded, and nothing this player reads has them (base64url, page
   * ids, vocabularies, decimals). Read as written, the learner's progress was taken for another course's
   * ("this course was updated"), and the first save wrote over it.
   */
  private readTwice(element: string): string | null {
    const got = this.store.get(element) ?? this.store.get(element);
    const value = got === null ? null : got.replace(/^[\s\u0000]+|[\s\u0000]+$/g, '');
    return value !== null && isNeverSet(value) ? '' : value;
  }

  /**
   * A vocabulary element (`entry`, `lesson_status`, `lesson_mode`: RTE 3.4.4 lists them in lower case) as the word
   * it is, whatever its letter case: LMSs that keep them in a database column or an enum's display name hand back
   * `Passed` or `COMPLETED`. Read as written, a finished attempt ranked below `incomplete` (isStatusUpgrade), so the
   * first page turn wrote `incomplete` over a pass, and `Review` mode recorded the launch.
   */
  private readWord(element: string): string | null {
    const value = this.readTwice(element);
    return value === null ? null : value.toLowerCase();
  }

  /** One commit for all the milestones of this task, before the browser can do anything else. */
  private requestCommit(): void {
    if (this.commitWanted) return;
    this.commitWanted = true;
    this.clock.defer(() => {
      this.commitWanted = false;
      if (!this.ending) this.commitNow();
    });
  }

  private commitNow(): void {
    // A value the LMS still refuses is retried (at each commit) and, every retry refused, said as not saved.
    if (this.store.commit() && !this.store.refusing) {
      this.retries = 0;
      this.cancelRetry();
      this.sayFailing(false);
      return;
    }
    // A failed commit keeps the values in the LMS API's memory; committing again sends them.
    const delay = this.retryDelaysMs[this.retries];
    // Every retry refused too: the learner must hear it while they can still act, not only at Exit. Not in a browse
    // launch (its one commit, `browsed`): the notice says nothing of it is recorded, and no later step commits to
    // take the line back, which told the learner to wait for it to go before closing.
    if (delay === undefined && !this.reviewOnly) this.sayFailing(true);
    if (delay === undefined || this.retryTimer !== null) return;
    this.retries++;
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = null;
      if (!this.ending) this.commitNow();
    }, delay);
  }

  private sayFailing(failing: boolean): void {
    if (this.failing === failing) return;
    this.failing = failing;
    this.onSaving(!failing);
  }

  private cancelRetry(): void {
    if (this.retryTimer !== null) this.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}

function parseScore(value: string): number | null {
  if (!/^\d{1,3}(\.\d+)?$/.test(value.trim())) return null;
  const score = Number(value);
  return score >= 0 && score <= 100 ? score : null;
}

/**
 * The correct responses of `cmi.interactions.n.correct_responses.m.pattern`: one for a choice or matching
 * check, one per accepted answer of a fill-in check (RTE 3.4.2.4.3: the pattern array holds every response
 * that is correct), so an LMS comparing a response with the patterns agrees with `result`.
 */
function patterns(check: CheckData): string[][] {
  if (check.type !== 'fill-in') return [correctAnswer(check)];
  return acceptedAnswers(check).map((o) => [o.text]);
}
