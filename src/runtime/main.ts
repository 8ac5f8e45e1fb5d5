/**
 * Entry point of `player.js`: reads the course data the build embedded, finds the LMS, and wires
 * the pieces: the player's state and views (player-state.ts, run-player.ts), and the trackers
 * that subscribe to its events (track-scorm.ts over the four SCORM layers, STYLE.md §4). It talks
 * to nothing but the LMS API (and localStorage; sessionStorage for the note "Forget my answers" leaves its reload).
 */
import type { CourseData } from '../shared/course-data.js';
import type { WordKey } from '../shared/player-words.js';
import { parseTimespan } from '../shared/scorm-time.js';
import { parseLaunchParameters } from '../shared/xapi/parse-launch.js';
import { createStudyClock } from './study-clock.js';
import { connectXapi, STATEMENT_QUEUE_ITEM, type XapiConnection } from './connect-xapi.js';
import { findApi } from './find-api.js';
import { learnerKey, openLearnerStorage, type KeyValueStorage } from './learner-storage.js';
import { sayLmsSaving, sayReflectionsNotKept, showLateNotice } from './view-session.js';
import { storageChannel, watchOtherWindows, type ChannelLike } from './watch-other-windows.js';
import { initialState, type LeaveTrigger } from './player-state.js';
import { createPlayerStore } from './player-store.js';
import { createLmsStore, createLocalStore, readLearner, type ProgressStore } from './progress-store.js';
import { mountPlayer } from './run-player.js';
import { trackScorm } from './track-scorm.js';
import { TrackSession } from './track-session.js';
import { claimPageAddresses, linkedPage } from './view-screens.js';


/**
 * How long to look for the LMS API before running without one (SCORM12.md §3.1: retry 2-3 s; an LMS that
 * attached it after 1.8 s got an untracked course at 1.5 s). Only a page opened without an LMS waits it out.
 */
const API_SEARCH_MS = 3000;

declare global {
  interface Window {
    /**
     * Set by whoever opens the page, before player.js runs (docs/architecture.md, "Player options"):
     * `apiSearchMs` shortens the LMS API search for a page that knows it has no LMS (tests, a live preview);
     * `statementBatchMs` how long statements gather before they go to the LRS together.
     */
    coursepackPlayerOptions?: { apiSearchMs?: number; statementBatchMs?: number };
  }
}

/**
 * player.js runs from the page's <head> (templates/index.html), before the body is parsed, and marks the
 * page as loading at once: the package's HTML, readable without the player, is every page of the course in
 * one long document, and from the end of the body, while player.js was on its way from the LMS, the browser
 * drew it all, then the player hid all but one page (a flash of the whole course at each launch, and a
 * layout of all of it: 2,253 boxes, ~35 ms in Chromium on this machine for the 33-page mentoring course).
 * While loading, player.css shows no page. The rest waits for the body.
 */
function boot(): void {
  document.documentElement.classList.add('cp-js', 'cp-loading');
  const run = (): void => {
    main().catch((error: unknown) => {
      console.error('coursepack player:', error);
    });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
  else run();
}

/**
 * Whether `gap` spaces flex items: Chrome 84 on (Firefox 63, Safari 14.1); a Chromebook past its last update on
 * Chrome 80-83 applies it to grids only, and laid each option's box against its words, Previous against Next
 * (player.css then spaces them with margins, under `.cp-no-flex-gap`). A column flex box of two empty children
 * with a 1px row gap is 1px tall where it works.
 */
function hasFlexGap(doc: Document): boolean {
  const box = doc.createElement('div');
  box.style.cssText = 'display:flex;flex-direction:column;row-gap:1px;position:absolute;visibility:hidden';
  box.append(doc.createElement('div'), doc.createElement('div'));
  doc.body.append(box);
  const works = box.scrollHeight === 1;
  box.remove();
  return works;
}

async function main(): Promise<void> {
  const root = document.documentElement;
  try {
    const course = readCourseData();
    // Without course data the page stays as the build wrote it: every page shown, still readable.
    if (!course) {
      root.classList.remove('cp-js');
      return;
    }
    if (!root.lang) root.lang = course.language;
    if (!hasFlexGap(document)) root.classList.add('cp-no-flex-gap');
    // Now, not after the API search: the browser looks a #page- fragment up once parsing ends, just after
    // DOMContentLoaded.
    claimPageAddresses(document);
    await startCourse(course);
  } finally {
    root.classList.remove('cp-loading');
  }
}

/** A duration the page's host set (docs/architecture.md, "Player options"), or null for the player's own: not a number, negative or not finite. */
function playerOption(name: 'apiSearchMs' | 'statementBatchMs'): number | null {
  const ms = window.coursepackPlayerOptions?.[name];
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? ms : null;
}

async function startCourse(course: CourseData): Promise<void> {
  const now = (): number => Date.now();
  // Session time and durations: the time the course ran, not the wall clock's distance (study-clock.ts).
  const study = createStudyClock({ monotonic: () => performance.now(), setInterval: (fn, ms) => window.setInterval(fn, ms) });
  const browserStorage = localStorageOrNull();
  const api = await findApi(window, playerOption('apiSearchMs') ?? API_SEARCH_MS);
  const lmsStore = api ? createLmsStore(api) : null;
  // Without an LMS there is no learner id: progress is the browser's own (anonymous learner). With an LMS
  // that started no session (it failed, or a reload after the session was finished) a real learner is here
  // but unknown, and the anonymous scope would hand their answers to the next learner on this computer:
  // nothing is kept in the browser then, and the notice says so.
  const kept = api && !lmsStore ? null : browserStorage;
  // Without an LMS, a Tin Can launch may still say who the learner is (`actor`): that scopes the progress
  // and the statement queue, so the next learner launched on this computer starts afresh (XAPI.md §6).
  const launchKey = parseLaunchParameters(location.search).learnerKey;
  const store: ProgressStore = lmsStore ?? createLocalStore(await openLearnerStorage(kept, course.id, launchKey));
  // `cmi.core.student_id` scopes what the browser keeps. Opened before the session starts, so
  // start-up and the first page shown stay in one task and share one commit (no await between).
  // The name is read once: the welcome-back notice and the xAPI actor's name both use it.
  const { id: studentId, name: studentName } = readLearner(store);
  // An LMS that does not say who the learner is (the Get failed, or a guest or preview account with an empty
  // id) has a real learner here all the same: under the empty id they would share one corner of the browser
  // with every other such learner, the next one reading their reflections. Scoped by the Tin Can launch's
  // actor when there is one (its key has spaces, which no CMIIdentifier has), else nothing is kept.
  const lmsLearner = studentId.trim() !== '' ? studentId : launchKey !== '' ? launchKey : null;
  const unknownLearner = lmsStore !== null && lmsLearner === null;
  const storage = await openLearnerStorage(unknownLearner ? null : kept, course.id, lmsStore ? (lmsLearner ?? '') : launchKey,
    undefined, course.partOf?.packages ?? []);

  let xapi: XapiConnection | null = null;
  const session = new TrackSession(store, course, {
    now: () => study.elapsed(),
    date: () => new Date(),
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    clearTimeout: (handle) => window.clearTimeout(handle as number),
    // In the click's own task, before the frame that shows the new page: a synchronous LMSCommit then holds that
    // frame for the LMS's round trip (~0.4 s to a cloud Moodle on a throttled Chromebook), but a commit put off
    // to after the paint lost the bookmark of a tab closed at once in an LMS that never switches to sendBeacon
    // (leaving.test.ts): saving first, as SCORM12.md §3.7 step 4 and §5 pitfall 1 ask.
    defer: (fn) => queueMicrotask(fn),
  }, { onStatus: (change) => xapi?.tracker.onStatus(change), onSaving: (saving) => sayLmsSaving(document, course, saving) });
  const start = session.start();
  // A launch the LMS records nothing of (review, browse) is not the LRS's either: its answers would count
  // as a new try at each question, and its result is one the LMS says does not count.
  // Nor of an older copy of the course (track-session.ts, olderCopy): its statements would start a second attempt.
  xapi = start.unrecorded || start.olderCopy ? null : connectXapi({
    course, studentId, studentName, storedRegistration: start.state.registration,
    resumed: start.resumed, storage, now, elapsed: () => study.elapsed(), lessonStatus: () => session.lessonStatus,
    earlierMs: parseTimespan(store.get('cmi.core.total_time') ?? ''),
    batchMs: playerOption('statementBatchMs'),
  });
  const linked = linkedPage(document, course);
  // With xAPI on, the registration is kept with the progress in suspend_data (XAPI.md §4).
  const saved = xapi ? { ...start.state, registration: xapi.registration } : start.state;
  const player = createPlayerStore(course, initialState(course, saved, { linked, passMark: start.passMark, at: study.elapsed() }), () => study.elapsed());
  // Trackers subscribe before the views: what the LMS and the LRS hear never waits on rendering. The LRS's
  // first: an update's own statements (the answers of a submission, the page that completes the course)
  // are queued before the result the SCORM tracker's status change then sends (onStatus), so the LRS
  // holds them in the order they happened (Data §2.4.7: a timestamp is when the experience happened).
  if (xapi) {
    xapi.tracker.start(xapi.resumed);
    player.subscribe(xapi.tracker.subscriber);
  }
  player.subscribe(trackScorm(session, course));

  const unrecordedNotice: WordKey | null = start.unrecorded === 'review' ? 'reviewNotice' : start.unrecorded === 'browse' ? 'browseNotice' : null;
  const resetNotice: WordKey | null = start.olderCopy ? 'olderCopy' : start.progressReset ? 'progressResetNotice' : null;
  // Without an LMS, storage the browser refuses the course's frame keeps nothing at all, progress included.
  const noLmsNotice: WordKey = browserStorage === null ? 'noLmsNothingKept' : 'noLmsNotice';
  const notice: WordKey | null = lmsStore ? (unrecordedNotice ?? resetNotice ?? (unknownLearner ? 'noLearnerNotice' : null)) : api ? 'lmsFailedNotice' : (resetNotice ?? noLmsNotice);
  const reflections = mountPlayer(document, course, player, {
    notice,
    // An LMS that started no session: nothing is kept in the browser either (`kept` above).
    progressKept: lmsStore ? (start.unrecorded ? 'unrecorded' : start.olderCopy ? 'nowhere' : 'lms') : kept && !start.olderCopy ? 'browser' : 'nowhere',
    unsavedAtEnd: () => session.unsavedAtEnd,
    recordsWaiting: () => ({ count: xapi?.tracker.queued() ?? 0, kept: (xapi?.tracker.unkept() ?? 0) === 0 }),
    learnerName: studentName,
    bestScore: start.bestScore,
    storage,
    // Where the notice at start said it already, or nothing is kept by design (an LMS that started no session).
    sayReflectionsNotKept: !unknownLearner && kept !== null,
    forgets: lmsStore ? 'forgetWhatReflections' : 'forgetWhatAll',
    forget: () => {
      // Without an LMS the progress is this browser's too: end the session first, so nothing it
      // does later writes the progress back, then start over.
      if (!lmsStore) session.end('exit');
      storage.forget([STATEMENT_QUEUE_ITEM]);
      // The queued statements are the school's record, not shown to anyone: they go now, and stay only
      // until the LRS confirms them.
      xapi?.tracker.flush();
      const waiting = xapi?.waiting() ?? 0;
      if (!lmsStore) startOver(course, waiting);
      return waiting;
    },
    forgotten: takeForgotten(course),
    now,
  });
  // Storage the browser refuses the course's frame (blocked third-party storage, a privacy mode): with an LMS the
  // progress is the LMS's, but reflections live only in the browser, so the learner hears it at once, whatever
  // else the notice says; without one the notice says nothing is kept, and the boxes' notes say it too.
  if (browserStorage === null && course.reflections.length > 0 && !unknownLearner) sayReflectionsNotKept(document, course, lmsStore !== null);
  // The page must be rendered before its heading can take focus (main is hidden while loading).
  document.documentElement.classList.remove('cp-loading');
  // A linked page is a navigation, so focus goes to it; the cover or a resumed page is not, so focus stays at the top.
  const via = linked ? 'link' : 'start';
  if (player.state.screen === 'page') player.dispatch({ type: 'show', page: player.state.page, via, at: now() });
  else player.dispatch({ type: 'open', screen: 'cover', via, at: now() });

  // Leaving (src/runtime/README.md, "Leaving"): typing is flushed and everything committed as
  // soon as the page is hidden; the session ends on the first dismissal event, because Chrome
  // refuses synchronous XHR in all of them and LMSs that save that way switch to sendBeacon
  // only in some (SCORM12.md §5 pitfall 1).
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'hidden') return;
    reflections.flush();
    session.flush();
    xapi?.tracker.flush();
  });
  const leave = (trigger: LeaveTrigger) => () => {
    reflections.flush();
    player.dispatch({ type: 'leave', trigger, at: now() });
  };
  for (const trigger of ['beforeunload', 'pagehide', 'unload'] as const) window.addEventListener(trigger, leave(trigger));

  // The same course opened again for this learner in another window: this older one stops saving, so its
  // progress is not written over the newer one's (watch-other-windows.ts). Not for a launch that records
  // nothing, nor for a learner nobody can name (nothing of theirs is kept, nor told apart).
  const learner = lmsStore ? lmsLearner : launchKey;
  if (learner !== null && kept && !start.unrecorded) {
    const open = typeof BroadcastChannel === 'function' ? (name: string) => new BroadcastChannel(name) as unknown as ChannelLike : browserStorage ? storageChannel(window) : null;
    const id = String(Math.random()).slice(2);
    void learnerKey(course.id, learner).then((key) => watchOtherWindows(open, `coursepack-open:${course.id}:${key}`, id, () => {
      session.supersede();
      reflections.stop();
      xapi?.tracker.mute();
      showLateNotice(document, course, 'openedElsewhere');
    }));
  }
}

/** Where "Forget my answers" leaves word for the page it reloads (this tab only, read once). */
const forgottenKey = (course: CourseData): string => `coursepack:${course.id}:forgotten`;

/**
 * Without an LMS, forgetting starts over: a reload, from the course's own address without the page in it
 * (a #page- address would open that page again instead of the start), leaving the confirmation for the fresh
 * page to show, since the reload wipes the one on screen.
 */
function startOver(course: CourseData, waiting: number): void {
  try {
    window.sessionStorage.setItem(forgottenKey(course), String(waiting));
  } catch {
    // No session storage (sandboxed frame): the course still starts over, without the confirmation.
  }
  try {
    history.replaceState(null, '', location.pathname + location.search);
  } catch {
    // A frame that may not rewrite its address reloads where it is.
  }
  location.reload();
}

function takeForgotten(course: CourseData): number | null {
  try {
    const value = window.sessionStorage.getItem(forgottenKey(course));
    if (value === null) return null;
    window.sessionStorage.removeItem(forgottenKey(course));
    const waiting = Number(value);
    return Number.isInteger(waiting) && waiting >= 0 ? waiting : 0;
  } catch {
    return null;
  }
}

function readCourseData(): CourseData | null {
  try {
    const data = JSON.parse(document.getElementById('cp-course')?.textContent ?? '') as CourseData;
    return data && data.v === 1 && Array.isArray(data.pages) ? data : null;
  } catch {
    return null;
  }
}

function localStorageOrNull(): KeyValueStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // sandboxed or storage-blocked frame
  }
}

boot();
