/**
 * Entry point of `player.js`: reads the course data the build embedded, finds the LMS, and
 * wires the four layers (transport → store → session policy → serializer, STYLE.md §4) to
 * the player. It talks to nothing but the LMS API (and localStorage).
 */
import type { CourseData } from '../shared/course-data.js';
import { findApi } from './find-api.js';
import { openLearnerStorage, type KeyValueStorage } from './learner-storage.js';
import { createLmsStore, createLocalStore, type ProgressStore } from './progress-store.js';
import { claimPageAddresses, runPlayer } from './run-player.js';
import { TrackSession, type EndTrigger } from './track-session.js';

const NO_LMS_NOTICE = 'Preview mode: no learning management system was found, so your progress is saved in this browser only.';
const LMS_FAILED_NOTICE = 'The learning management system did not start a session, so your progress is saved in this browser only.';

/** How long to look for the LMS API before running without one (SCORM12.md §3.1: retry 2-3 s). */
const API_SEARCH_MS = 1500;

declare global {
  interface Window {
    /**
     * Set by whoever opens the page, before player.js runs (docs/architecture.md, "Player options"):
     * `apiSearchMs` shortens the LMS API search for a page that knows it has no LMS (tests, a live preview).
     */
    coursepackPlayerOptions?: { apiSearchMs?: number };
  }
}

async function main(): Promise<void> {
  const course = readCourseData();
  // Without course data the page stays as the build wrote it: every page shown, still readable.
  if (!course) return;
  const root = document.documentElement;
  if (!root.lang) root.lang = course.language;
  root.classList.add('cp-js', 'cp-loading');
  // Now, not after the API search: the browser looks a #page- fragment up when parsing ends.
  claimPageAddresses(document);
  try {
    await startCourse(course);
  } finally {
    root.classList.remove('cp-loading');
  }
}

async function startCourse(course: CourseData): Promise<void> {
  const browserStorage = localStorageOrNull();
  const searchMs = window.coursepackPlayerOptions?.apiSearchMs;
  const api = await findApi(window, typeof searchMs === 'number' && Number.isFinite(searchMs) && searchMs >= 0 ? searchMs : API_SEARCH_MS);
  const lmsStore = api ? createLmsStore(api) : null;
  const notice = lmsStore ? null : api ? LMS_FAILED_NOTICE : NO_LMS_NOTICE;
  // Without an LMS there is no learner id: progress is the browser's own (anonymous learner).
  const store: ProgressStore = lmsStore ?? createLocalStore(await openLearnerStorage(browserStorage, course.id, ''));

  const session = new TrackSession(store, course, {
    now: () => Date.now(),
    date: () => new Date(),
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    clearTimeout: (handle) => window.clearTimeout(handle as number),
    defer: (fn) => queueMicrotask(fn),
  });
  // The learner's storage is opened before the session starts, so start-up and the first page shown
  // stay in one task and share one commit (no await between them).
  // `cmi.core.student_id` scopes what the browser keeps (empty without an LMS: the anonymous learner).
  const storage = await openLearnerStorage(browserStorage, course.id, store.get('cmi.core.student_id') ?? '');
  const start = session.start();

  const player = runPlayer(document, course, {
    state: start.state,
    passMark: start.passMark,
    notice,
    storage,
    forgets: lmsStore ? 'your reflections' : 'your reflections and your progress',
  }, {
    save: (state) => session.save(state),
    answer: (check, chosen, latencyMs) => session.recordAnswer(check, chosen, latencyMs),
    exit: () => session.end('exit'),
    forget: () => {
      // Without an LMS the progress is this browser's too: end the session first, so nothing it
      // does later writes the progress back, then start over.
      if (!lmsStore) session.end('exit');
      storage.forget();
      if (!lmsStore) location.reload();
    },
    now: () => Date.now(),
  });

  // Leaving (src/runtime/README.md, "Leaving"): typing is flushed and everything committed as
  // soon as the page is hidden; the session ends on the first dismissal event, because Chrome
  // refuses synchronous XHR in all of them and LMSs that save that way switch to sendBeacon
  // only in some (SCORM12.md §5 pitfall 1).
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'hidden') return;
    player.flushTyping();
    session.flush();
  });
  const leave = (trigger: EndTrigger) => () => {
    player.flushTyping();
    session.end(trigger);
    // Still here after a dismissal event (a cancelled "Leave site?"): the session is over, say so.
    if (session.isEnding) player.lock();
  };
  for (const trigger of ['beforeunload', 'pagehide', 'unload'] as const) window.addEventListener(trigger, leave(trigger));
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

main().catch((error: unknown) => {
  console.error('coursepack player:', error);
});
