/**
 * Entry point of `player.js`: reads the course data the build embedded, finds the LMS, and
 * wires the four layers (transport → store → session policy → serializer, STYLE.md §4) to
 * the player. It talks to nothing but the LMS API (and localStorage when there is none).
 */
import type { CourseData } from '../shared/course-data.js';
import { findApi } from './find-api.js';
import { createLmsStore, createLocalStore, type ProgressStore } from './progress-store.js';
import { claimPageAddresses, runPlayer } from './run-player.js';
import { TrackSession } from './track-session.js';

const NO_LMS_NOTICE = 'Preview mode: no learning management system was found, so your progress is saved in this browser only.';
const LMS_FAILED_NOTICE = 'The learning management system did not start a session, so your progress is saved in this browser only.';

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
  const storage = localStorageOrNull();
  const api = await findApi(window, 1500);
  let store: ProgressStore | null = api ? createLmsStore(api) : null;
  const notice = store ? null : api ? LMS_FAILED_NOTICE : NO_LMS_NOTICE;
  store ??= createLocalStore(course.id, storage);

  const session = new TrackSession(store, course, {
    now: () => Date.now(),
    date: () => new Date(),
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    clearTimeout: (handle) => window.clearTimeout(handle as number),
  });
  const start = session.start();

  runPlayer(document, course, { state: start.state, passMark: start.passMark, notice, storage }, {
    save: (state, milestone) => session.save(state, milestone),
    answer: (check, chosen, latencyMs) => session.recordAnswer(check, chosen, latencyMs),
    exit: () => session.finish(),
    now: () => Date.now(),
  });

  // Commit when the page turns hidden and finish on pagehide: `unload` is blocked in Moodle's
  // iframe and sync XHR during dismissal in Chrome ≥80 (SCORM12.md §5 pitfall 1).
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') session.flush();
  });
  window.addEventListener('pagehide', () => session.finish());
}

function readCourseData(): CourseData | null {
  try {
    const data = JSON.parse(document.getElementById('cp-course')?.textContent ?? '') as CourseData;
    return data && data.v === 1 && Array.isArray(data.pages) ? data : null;
  } catch {
    return null;
  }
}

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // sandboxed or storage-blocked frame
  }
}

main().catch((error: unknown) => {
  console.error('coursepack player:', error);
});
