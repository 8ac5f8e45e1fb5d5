/**
 * The session view: the notice when there is no LMS, "Welcome back" for a returning learner, the
 * Exit button and the page after it, and "Forget my answers on this computer".
 */
import type { CourseData } from '../shared/course-data.js';
import { wordLang, type WordKey } from '../shared/player-words.js';
import { displayName } from '../shared/xapi/resolve-config.js';
import { button, element, inlineConfirm, putSaid, screenHeading, screenSection, setDocumentTitle } from './dom-helpers.js';
import { joinSaid, sayIn, type Said } from './say-in.js';
import type { PlayerStore } from './player-store.js';
import { mediaFollowPage } from './view-media.js';

export interface SessionViewOptions {
  /** Shown at the top when the course is not talking to an LMS. */
  readonly notice: WordKey | null;
  /**
   * Where the progress is kept, which the page after Exit says: the LMS, this browser (no LMS), or nowhere
   * (an LMS that started no session). Not the notice: an LMS that does not say who the learner is has one
   * too, and keeps the progress itself.
   */
  readonly progressKept: ProgressKept;
  /**
   * Read once the session has ended: the LMS refused both its last commit and LMSFinish (track-session.ts,
   * `unsavedAtEnd`), so the page after Exit says the progress was not saved instead of that it was.
   */
  readonly unsavedAtEnd: () => boolean;
  /**
   * The xAPI statements of this launch the LRS has not confirmed yet (0 without xAPI), and whether the browser
   * keeps them all for a later launch (false when some live in this page's memory only).
   */
  readonly recordsWaiting: () => { readonly count: number; readonly kept: boolean };
  /** `cmi.core.student_name` as the LMS gave it ("Last, First"), or empty. */
  readonly learnerName: string;
  /** The learner comes back to a course in progress: greet them where they left. */
  readonly welcomeBack: boolean;
  /** What "Forget my answers on this computer" removes, in words, for its confirmation. */
  readonly forgets: WordKey;
  /** Removes what this device keeps for the learner (the boxes on screen are the caller's to empty). */
  /** Forgets, and says how many of the learner's xAPI statements still wait to reach the LRS. */
  readonly forget: () => number;
  /**
   * Set when this page was reloaded by "Forget my answers" (without an LMS, forgetting starts over): the
   * statements that were still waiting then, so the confirmation is shown after the reload.
   */
  readonly forgotten: number | null;
  readonly now: () => number;
}

/** Where this launch's progress goes; `unrecorded`: an LMS launch in review or browse mode, which records nothing. */
export type ProgressKept = 'lms' | 'browser' | 'nowhere' | 'unrecorded';

export function mountSession(doc: Document, course: CourseData, store: PlayerStore, options: SessionViewOptions): void {
  ensureStatusRegion(doc);
  if (options.notice) addNotice(doc, course, sayIn(course, options.notice));
  if (options.welcomeBack) addWelcomeBack(doc, course, store, options);
  if (options.forgotten !== null) addForgotten(doc, store, forgetDone(options.forgotten, course));
  doc.getElementById('cp-exit')?.addEventListener('click', () => store.dispatch({ type: 'leave', trigger: 'exit', at: options.now() }));
  doc.getElementById('cp-toc')?.append(inlineConfirm(doc, {
    ask: sayIn(course, 'forgetAsk'),
    question: sayIn(course, 'forgetQuestion', { what: sayIn(course, options.forgets) }),
    confirm: sayIn(course, 'forgetConfirm'),
    cancel: sayIn(course, 'cancel'),
    done: forgetDone(0, course),
    act: () => forgetDone(options.forget(), course),
    className: 'cp-forget',
  }));

  store.subscribe(({ events }) => {
    const exited = events.find((e) => e.type === 'exited');
    if (!exited || exited.type !== 'exited' || !exited.first) return;
    // The LMS session is over (LMSFinish, from Exit or a dismissal event the learner then stayed
    // after, e.g. a cancelled "Leave site?"): nothing done from now on would be saved, so the
    // course says so on a page of its own and every control that records something is disabled.
    // The SCORM tracker, subscribed before the views, has ended the session by now (main.ts).
    const kept = doc.body.classList.contains('cp-superseded') || options.unsavedAtEnd() ? 'nowhere' : options.progressKept;
    const saved = sayIn(course, ({ browser: 'savedInBrowser', lms: 'saved', nowhere: 'notSaved', unrecorded: 'notRecorded' } as const)[kept]);
    const main = doc.getElementById('cp-main');
    const page = screenSection(doc, 'exited', 'cp-exited-screen');
    const heading = screenHeading(doc, 'exited', saved);
    page.hidden = false;
    page.append(heading, element(doc, 'p', '', sayIn(course, 'canClose')));
    for (const section of doc.querySelectorAll<HTMLElement>('main > section')) section.hidden = true;
    mediaFollowPage(doc, null);
    main?.append(page);
    for (const control of doc.querySelectorAll<HTMLButtonElement | HTMLInputElement | HTMLTextAreaElement>(
      'main button, main input, main textarea, .cp-nav button, .cp-overview')) {
      control.disabled = true;
    }
    for (const link of doc.querySelectorAll<HTMLElement>('#cp-toc a[data-page]')) link.setAttribute('aria-disabled', 'true');
    doc.body.classList.add('cp-exited');
    setDocumentTitle(doc, saved.map((piece) => piece.text).join(''), course.title);
    // Said once: from Exit, focus on the heading reads it; after a dismissal the learner stayed for, focus
    // is left alone and the status region says it. Both would repeat it (the page shows it either way).
    if (exited.trigger === 'exit') heading.focus();
    else speak(doc, joinSaid(saved, ' ', sayIn(course, 'canClose')));
    watchRecords(doc, page, course, options.recordsWaiting);
  });
}

/** When the page after Exit first looks for records still waiting, then how often while some are. */
const RECORDS_FIRST_LOOK_MS = 3000;
const RECORDS_LOOK_MS = 2000;

/**
 * Records of the learner's work (xAPI statements) the LRS has not confirmed when they exit (the LRS down, the
 * network gone) wait in this browser for the next launch: a learner on a computer wiped at logout, or who never
 * opens the course there again, must hear it before closing the window, and hear it again once they have gone
 * (the sender keeps trying while the page is open). Looked for after a moment, not at once: the exit's own
 * statements are on their way then, and reach a working LRS well within it, which is not news.
 */
function watchRecords(doc: Document, page: HTMLElement, course: CourseData, waiting: SessionViewOptions['recordsWaiting']): void {
  const view = doc.defaultView;
  if (!view) return;
  let note: HTMLElement | null = null;
  const look = (): void => {
    const { count: n, kept } = waiting();
    if (n > 0) {
      // Not "kept on this computer" when the browser refused them (its storage blocked for the course's frame, or
      // full): they are lost with the window, which the learner must hear.
      const text = sayIn(course, kept ? 'recordsWaiting' : 'recordsWaitingNotKept', { n });
      if (!note) {
        note = element(doc, 'p', 'cp-records-waiting', text);
        page.append(note);
        // Focus stays on the heading: the status region says it, once (not at every change of the count).
        speak(doc, text);
      } else {
        putSaid(note, text);
      }
      view.setTimeout(look, RECORDS_LOOK_MS);
    } else if (note) {
      putSaid(note, sayIn(course, 'recordsSent'));
      speak(doc, sayIn(course, 'recordsSent'));
    }
  };
  view.setTimeout(look, RECORDS_FIRST_LOOK_MS);
}

/**
 * What "Forget my answers" says when done. Statements not yet confirmed by the LRS are the school's record of
 * the learner's work: they stay until it confirms them, and the learner is told so rather than told that
 * nothing is left.
 */
function forgetDone(waiting: number, course: CourseData): Said {
  return waiting <= 0 ? sayIn(course, 'forgetDone') : sayIn(course, 'forgetDoneWaiting', { n: waiting });
}

/**
 * After "Forget my answers" reloaded the course (no LMS): the confirmation the reload would have wiped, at the
 * top of the fresh start, focused once the player shows its first screen so the learner hears it where focus
 * is (not also through a live region, which would say it twice).
 */
function addForgotten(doc: Document, store: PlayerStore, text: Said): void {
  const box = element(doc, 'p', 'cp-forgotten', text);
  box.tabIndex = -1;
  doc.getElementById('cp-main')?.prepend(box);
  let shown = false;
  store.subscribe(({ events }) => {
    const first = events.find((e) => e.type === 'page-viewed' || e.type === 'screen-shown');
    if (!first) return;
    if (!shown) {
      shown = true;
      box.focus();
    } else {
      box.remove();
    }
  });
}

/** "Welcome back. You were on page 12 of 32, in Trust and Partnership." with Continue and Course overview. */
function addWelcomeBack(doc: Document, course: CourseData, store: PlayerStore, options: SessionViewOptions): void {
  const { page } = store.state;
  const index = course.pages.findIndex((p) => p.id === page);
  const module = course.modules.find((m) => m.pages.includes(page));
  if (index < 0) return;
  const name = displayName(options.learnerName);
  const box = element(doc, 'div', 'cp-welcome');
  box.setAttribute('role', 'region');
  nameRegion(doc, box, course, 'welcomeBack', 'cp-welcome-name');
  // Isolated (FSI … PDI, Unicode bidi): a name in another direction than the course's keeps the sentence's words in their order.
  const welcome = name ? sayIn(course, 'welcomeBackNamed', { name: joinSaid(`\u2068${name.split(' ')[0] ?? name}\u2069`) }) : sayIn(course, 'welcomeBack');
  box.append(element(doc, 'p', '',
    sayIn(course, module ? 'wereOnPageIn' : 'wereOnPage', { welcome, n: index + 1, total: course.pages.length, module: joinSaid(module?.title ?? '') })));
  const keepGoing = button(doc, sayIn(course, 'continue'), 'cp-welcome-continue cp-primary');
  const contents = button(doc, sayIn(course, 'courseOverview'), 'cp-welcome-contents');
  const dismiss = (): void => box.remove();
  keepGoing.addEventListener('click', () => {
    dismiss();
    doc.querySelector<HTMLElement>(`section.cp-page[data-page="${store.state.page}"] h1`)?.focus();
  });
  contents.addEventListener('click', () => {
    dismiss();
    store.dispatch({ type: 'open', screen: 'cover', via: 'navigation', at: options.now() });
  });
  box.append(keepGoing, contents);
  doc.getElementById('cp-main')?.prepend(box);
  // Gone as soon as the learner moves on.
  store.subscribe(({ events }) => {
    if (events.some((e) => (e.type === 'page-viewed' && e.via !== 'start') || e.type === 'screen-shown')) dismiss();
  });
}

/**
 * A notice between the header and the course: a named region of its own (every part of the page is in a
 * landmark, axe `region`), so screen-reader users who move by landmarks find it.
 */
function addNotice(doc: Document, course: CourseData, text: Said): void {
  // One notice region: a second one of the same name failed axe's landmark-unique; a later notice joins it.
  const existing = doc.querySelector('.cp-notice');
  if (existing) {
    existing.append(element(doc, 'p', '', text));
    return;
  }
  // In a span when in another language than the course's: a later notice joining the region must not take it.
  const notice = element(doc, 'section', 'cp-notice', text.every((piece) => piece.lang === null) ? text : undefined);
  if (notice.childNodes.length === 0) notice.append(element(doc, 'span', '', text));
  nameRegion(doc, notice, course, 'notice', 'cp-notice-name');
  doc.querySelector('.cp-header')?.after(notice);
}

/**
 * A region's name: `aria-label` when its word is in the course's language; else a screen-reader-only `<span
 * lang="en">` names it (`aria-labelledby`; aria-hidden, so not read again as text): `lang` on the region would
 * mark the course's words in it English too.
 */
function nameRegion(doc: Document, region: HTMLElement, course: CourseData, key: WordKey, id: string): void {
  const lang = wordLang(course.words, key, course.language);
  if (lang === null) {
    region.setAttribute('aria-label', course.words[key] as string);
    return;
  }
  const name = element(doc, 'span', 'cp-sr', sayIn(course, key));
  name.id = id;
  name.setAttribute('aria-hidden', 'true');
  region.prepend(name);
  region.setAttribute('aria-labelledby', id);
}

/**
 * A notice that comes after start (this window superseded by another): shown, said once in the status region,
 * and the exit page of this window then says its progress is not saved (what it did after is not).
 */
export function showLateNotice(doc: Document, course: CourseData, key: WordKey): void {
  sayNotice(doc, course, sayIn(course, key));
  doc.body.classList.add('cp-superseded');
}

/**
 * The LMS refuses to save (track-session.ts, onSaving): said at the top and in the status region while the
 * learner can still act (a Moodle login that timed out can be renewed in another tab, and the next step's
 * commit then saves it all); once it saves again, the same line says so, so no warning stays that is untrue.
 */
export function sayLmsSaving(doc: Document, course: CourseData, saving: boolean): void {
  let line = doc.querySelector<HTMLElement>('.cp-not-saving');
  if (saving && !line) return;
  const text = sayIn(course, saving ? 'lmsSavingAgain' : 'lmsNotSaving');
  if (!line) {
    line = element(doc, 'p', 'cp-not-saving', text);
    const notice = doc.querySelector('.cp-notice');
    if (notice) {
      notice.append(line);
    } else {
      const region = element(doc, 'section', 'cp-notice');
      region.append(line);
      nameRegion(doc, region, course, 'notice', 'cp-notice-name');
      doc.querySelector('.cp-header')?.after(region);
    }
  }
  putSaid(line, text);
  speak(doc, text);
}

/**
 * The browser refused to keep a reflection (keep-reflections.ts): said at the top and once in the status region,
 * and each box's note, which promised "saved in this browser", says it too. Progress in the LMS is unaffected.
 */
export function sayReflectionsNotKept(doc: Document, course: CourseData, announce = true): void {
  const notKept = sayIn(course, 'reflectionsNotKept');
  if (announce) sayNotice(doc, course, notKept);
  // After "shared with the course's administrators", which stays said (the learner's consent); in place of "saved in this browser".
  const shared = course.words.reflectionShared;
  for (const note of doc.querySelectorAll<HTMLElement>('.cp-reflect-note')) putSaid(note, note.textContent === shared ? joinSaid(sayIn(course, 'reflectionShared'), ' ', notKept) : notKept);
}

function sayNotice(doc: Document, course: CourseData, text: Said): void {
  addNotice(doc, course, text);
  speak(doc, text);
}

/** What waits for a hidden page to be seen again before the status region says it (the latest only). */
const unsaid = new WeakMap<Document, Said>();

/**
 * Says `text` in the status region now, or, while the page is hidden (the course's tab behind another, the window
 * minimised), once it is seen again. Screen readers speak for the window in front: a live region changed in a hidden
 * page is said to nobody, and the learner who comes back to it (a newer window's notice that this one no longer
 * saves, the LMS refusing to save) never hears it (WCAG 4.1.3). Only the latest waits: what it replaced is stale.
 */
function speak(doc: Document, text: Said): void {
  const region = ensureStatusRegion(doc);
  if (doc.visibilityState !== 'hidden') {
    unsaid.delete(doc);
    putSaid(region, text);
    return;
  }
  const waiting = unsaid.has(doc);
  unsaid.set(doc, text);
  if (waiting) return;
  const seen = (): void => {
    if (doc.visibilityState === 'hidden') return;
    doc.removeEventListener('visibilitychange', seen);
    const latest = unsaid.get(doc);
    unsaid.delete(doc);
    if (latest !== undefined) putSaid(region, latest);
  };
  doc.addEventListener('visibilitychange', seen);
}

function ensureStatusRegion(doc: Document): HTMLElement {
  const existing = doc.getElementById('cp-status');
  if (existing) return existing;
  // Visually hidden: it only speaks, and what it says is on the screen already.
  const region = element(doc, 'div', 'cp-status cp-sr');
  region.id = 'cp-status';
  region.setAttribute('role', 'status');
  doc.querySelector('.cp-nav')?.after(region);
  return region;
}
