/**
 * The player: turns the launch page the build wrote (docs/architecture.md, "Launch page
 * contract") into a one-page-at-a-time course with a table of contents, Previous/Next/Exit,
 * a progress indicator, knowledge checks and reflections. It knows nothing of SCORM: it
 * reports what the learner did through `PlayerHooks` and the session policy decides what the
 * LMS hears.
 *
 * Pages are hidden with the `hidden` attribute (not CSS classes) so print CSS can show them
 * all, and focus moves to the page's `h1` on navigation so keyboard and screen-reader users
 * land on the new content (WCAG 2.4.3).
 *
 * The address names the page shown (`#page-{id}`): a link to one opens that page instead of the
 * resume location, and every page turn is a history entry so the browser's Back and Forward
 * retrace them. The player, not the browser, acts on those addresses (see `claimPageAddresses`).
 */
import type { CheckData, CourseData } from '../shared/course-data.js';
import { computeOutcome, isAnswerCorrect } from '../shared/course-outcome.js';
import type { LearnerState } from '../shared/suspend-data.js';
import { keepReflections } from './keep-reflections.js';
import type { LearnerStorage } from './learner-storage.js';

export interface PlayerHooks {
  save(state: LearnerState): void;
  answer(check: CheckData, chosen: readonly string[], latencyMs: number): void;
  exit(): void;
  /** The learner asked to forget what this device keeps for them (reflections already emptied). */
  forget(): void;
  now(): number;
}

export interface PlayerStart {
  readonly state: LearnerState;
  readonly passMark: number | null;
  /** Shown at the top when the course is not talking to an LMS. */
  readonly notice: string | null;
  /** This learner's browser storage (reflections). */
  readonly storage: LearnerStorage;
  /** What "Forget my answers on this computer" removes, in words, for its confirmation. */
  readonly forgets: string;
}

export interface Player {
  /** Stops the course: the LMS session is over, so nothing done from now on could be saved. */
  lock(): void;
  /** Saves reflection text still being typed. */
  flushTyping(): void;
}

/** How a page turn shows in the browser's history: a new entry, the current one rewritten, or none (Back/Forward). */
type HistoryMove = 'push' | 'replace' | null;

const PAGE_HASH = '#page-';

/**
 * Takes `#page-{id}` addresses from the browser before it acts on them: the sections lose their
 * ids, so a fragment matches nothing and the browser neither scrolls towards a section (hidden,
 * or all of them still laid out while loading) nor clears focus, which Chrome does on Back to a
 * fragment it cannot focus, after the player has focused the page heading. Scroll restoration
 * is the player's for the same reason: every page it shows starts at its top.
 * Called before the document finishes parsing, when the browser looks the fragment up.
 */
export function claimPageAddresses(doc: Document): void {
  for (const section of doc.querySelectorAll<HTMLElement>('section.cp-page[data-page]')) section.removeAttribute('id');
  try {
    const history = doc.defaultView?.history;
    if (history && 'scrollRestoration' in history) history.scrollRestoration = 'manual';
  } catch {
    // No history access: nothing to restore either.
  }
}

export function runPlayer(doc: Document, course: CourseData, start: PlayerStart, hooks: PlayerHooks): Player {
  const pageIds = course.pages.map((p) => p.id);
  const win = doc.defaultView;
  const linked = linkedPage();
  let current = linked ?? (pageIds.includes(start.state.location ?? '') ? (start.state.location as string) : pageIds[0] ?? '');
  const viewed = new Set(start.state.viewed);
  const answers = new Map(start.state.answers);
  let shownAt = hooks.now();
  let exited = false;

  const byId = <T extends HTMLElement>(id: string): T | null => doc.getElementById(id) as T | null;
  const prev = byId<HTMLButtonElement>('cp-prev');
  const next = byId<HTMLButtonElement>('cp-next');
  const exit = byId<HTMLButtonElement>('cp-exit');
  const status = ensureStatusRegion(doc);
  const state = (): LearnerState => ({ location: current, viewed, answers });

  if (start.notice) {
    const notice = doc.createElement('p');
    notice.className = 'cp-notice';
    notice.textContent = start.notice;
    doc.querySelector('.cp-header')?.after(notice);
  }
  addTocToggle(doc);
  markTocViewed();

  function pageSection(id: string): HTMLElement | null {
    return doc.querySelector<HTMLElement>(`section.cp-page[data-page="${id}"]`);
  }

  /** The page the address names, or null (no hash, another anchor, a page this version does not have). */
  function linkedPage(): string | null {
    const hash = win ? win.location.hash : '';
    const id = hash.startsWith(PAGE_HASH) ? hash.slice(PAGE_HASH.length) : '';
    return pageIds.includes(id) ? id : null;
  }

  function show(id: string, focus: boolean, move: HistoryMove): void {
    if (!pageIds.includes(id) || exited) return;
    current = id;
    if (move && win && win.location.hash !== PAGE_HASH + id) {
      try {
        if (move === 'push') win.history.pushState(null, '', PAGE_HASH + id);
        else win.history.replaceState(null, '', PAGE_HASH + id);
      } catch {
        // A frame that may not rewrite its address still turns pages; only Back and links to pages are lost.
      }
    }
    shownAt = hooks.now();
    for (const section of doc.querySelectorAll<HTMLElement>('section.cp-page')) {
      section.hidden = section.dataset['page'] !== id;
    }
    viewed.add(id);
    const title = course.pages[pageIds.indexOf(id)]?.title;
    if (title) doc.title = `${title} - ${course.title}`;
    for (const link of doc.querySelectorAll<HTMLAnchorElement>('#cp-toc a[data-page]')) {
      if (link.dataset['page'] === id) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    markTocViewed();
    renderResults(); // "view every page" may just have become true
    const index = pageIds.indexOf(id);
    if (prev) prev.disabled = index <= 0;
    if (next) next.disabled = index >= pageIds.length - 1;
    updateProgress();
    doc.body.classList.remove('cp-toc-open');
    doc.querySelector('.cp-toc-toggle')?.setAttribute('aria-expanded', 'false');
    if (focus) {
      const heading = pageSection(id)?.querySelector<HTMLElement>('h1');
      (heading ?? byId('cp-main'))?.focus();
      doc.defaultView?.scrollTo(0, 0);
    }
    hooks.save(state());
  }

  function markTocViewed(): void {
    for (const link of doc.querySelectorAll<HTMLAnchorElement>('#cp-toc a[data-page]')) {
      const done = viewed.has(link.dataset['page'] ?? '');
      if (!done || link.querySelector('.cp-toc-done')) continue;
      link.classList.add('cp-viewed');
      const mark = doc.createElement('span');
      mark.className = 'cp-toc-done';
      mark.innerHTML = '<span aria-hidden="true"> \u2713</span><span class="cp-sr"> (viewed)</span>';
      link.append(mark);
    }
  }

  function updateProgress(): void {
    const box = doc.querySelector<HTMLElement>('.cp-progress');
    if (!box) return;
    const seen = pageIds.filter((id) => viewed.has(id)).length;
    const percent = pageIds.length ? Math.round((100 * seen) / pageIds.length) : 0;
    box.innerHTML = '';
    const text = doc.createElement('p');
    text.className = 'cp-progress-text';
    text.textContent = `Page ${pageIds.indexOf(current) + 1} of ${pageIds.length} \u00b7 ${seen} viewed`;
    const bar = doc.createElement('div');
    bar.className = 'cp-progress-bar';
    bar.setAttribute('aria-hidden', 'true');
    const fill = doc.createElement('div');
    fill.style.width = `${percent}%`;
    bar.append(fill);
    box.append(text, bar);
  }

  // Navigation: buttons, the table of contents and links between pages.
  prev?.addEventListener('click', () => show(pageIds[pageIds.indexOf(current) - 1] ?? current, true, 'push'));
  next?.addEventListener('click', () => show(pageIds[pageIds.indexOf(current) + 1] ?? current, true, 'push'));
  doc.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('a[data-page]');
    const id = link?.getAttribute('data-page');
    if (!link || !id || !pageIds.includes(id)) return;
    event.preventDefault();
    show(id, true, 'push');
  });
  // Back/Forward, or a #page- hash typed or followed: the address already says where to go.
  // Both events: browsers differ in which of them Back to a pushState entry or a fragment
  // navigation fires; when both come, the second finds the page already shown.
  const follow = (): void => {
    const id = linkedPage();
    if (id && id !== current) show(id, true, null);
  };
  win?.addEventListener('popstate', follow);
  win?.addEventListener('hashchange', follow);
  exit?.addEventListener('click', () => {
    if (exited) return;
    hooks.exit();
    lock();
    status.tabIndex = -1;
    status.focus();
  });

  /**
   * The LMS session is over (LMSFinish, from Exit or a dismissal event the learner then stayed
   * after, e.g. a cancelled "Leave site?"): nothing done from now on would be saved, so say so and
   * stop the course instead of letting the learner go on unrecorded.
   */
  function lock(): void {
    if (exited) return;
    exited = true;
    status.textContent = start.notice
      ? 'Your progress is saved in this browser. You can close this window.'
      : 'Your progress is saved. You can close this window.';
    // Every control that records something; the contents and "Forget my answers" stay usable.
    for (const control of doc.querySelectorAll<HTMLButtonElement | HTMLInputElement | HTMLTextAreaElement>('main button, main input, main textarea, .cp-nav button')) {
      control.disabled = true;
    }
    doc.body.classList.add('cp-exited');
  }

  // Knowledge checks.
  const checksById = new Map(course.checks.map((c) => [c.id, c]));
  const scored = course.checks.filter((c) => c.scored);
  const lastScored = scored[scored.length - 1];
  for (const form of doc.querySelectorAll<HTMLFormElement>('form.cp-check')) {
    const check = checksById.get(form.dataset['check'] ?? '');
    if (!check) continue;
    const chosen = answers.get(check.id);
    if (chosen) {
      for (const input of inputsOf(form)) input.checked = chosen.includes(input.value);
      showFeedback(form, check, chosen, false);
    }
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (check.scored && answers.has(check.id)) return;
      const picked = inputsOf(form).filter((i) => i.checked).map((i) => i.value);
      const feedback = form.querySelector<HTMLElement>('.cp-feedback');
      if (picked.length === 0) {
        if (feedback) feedback.textContent = 'Choose an answer, then select Check answer.';
        return;
      }
      answers.set(check.id, picked);
      // Latency: since the page was shown or the previous question on it was answered.
      hooks.answer(check, picked, hooks.now() - shownAt);
      shownAt = hooks.now();
      showFeedback(form, check, picked, true);
      hooks.save(state());
    });
  }
  renderResults();

  function showFeedback(form: HTMLFormElement, check: CheckData, chosen: readonly string[], justChecked: boolean): void {
    const feedback = form.querySelector<HTMLElement>('.cp-feedback');
    if (!feedback) return;
    const correct = isAnswerCorrect(check, chosen);
    feedback.innerHTML = '';
    const verdict = doc.createElement('p');
    verdict.className = correct ? 'cp-verdict cp-correct' : 'cp-verdict cp-wrong';
    verdict.textContent = correct ? 'Correct.' : 'Not quite.';
    feedback.append(verdict);
    for (const option of check.options) {
      if (!chosen.includes(option.id) || !option.feedback) continue;
      const item = doc.createElement('div');
      item.className = 'cp-feedback-option';
      item.innerHTML = option.feedback; // sanitized by the build (rehype-sanitize)
      feedback.append(item);
    }
    if (check.scored) {
      for (const input of inputsOf(form)) input.disabled = true;
      const submit = form.querySelector<HTMLButtonElement>('.cp-check-submit');
      if (submit) submit.disabled = true;
      form.classList.add('cp-locked');
    }
    if (justChecked && check.scored) renderResults(form);
  }

  /** The assessment result, after the last scored check (and after the one just answered). */
  function renderResults(justAnswered?: HTMLFormElement): void {
    if (!lastScored || start.passMark === null) return;
    const outcome = computeOutcome(course, state(), start.passMark);
    const anchors = new Set<HTMLFormElement>();
    const lastForm = byId<HTMLFormElement>(`check-${lastScored.id}`);
    if (lastForm) anchors.add(lastForm);
    if (justAnswered) anchors.add(justAnswered);
    for (const old of doc.querySelectorAll('.cp-result')) old.remove();
    if (outcome.assessmentScore === null) return;
    // Also at the end of the last page, where a learner who went on to the end looks for it.
    const lastPage = pageSection(pageIds[pageIds.length - 1] ?? '');
    const places: Array<(box: HTMLElement) => void> = [...anchors].map((form) => (box) => form.after(box));
    if (lastPage && !lastPage.querySelector('form.cp-check')) places.push((box) => lastPage.append(box));
    for (const place of places) {
      const box = doc.createElement('div');
      box.className = 'cp-result';
      const passed = outcome.assessmentScore >= start.passMark;
      const text = doc.createElement('p');
      text.textContent = `Your score: ${outcome.assessmentScore}%. The pass mark is ${start.passMark}%. `
        + (passed ? 'You passed.' : 'You have not passed yet.')
        + (outcome.allPagesViewed ? '' : ' View every page to finish the course.');
      box.append(text);
      if (!passed) {
        const retry = doc.createElement('button');
        retry.type = 'button';
        retry.className = 'cp-retry';
        retry.textContent = 'Try again';
        retry.addEventListener('click', tryAgain);
        box.append(retry);
      }
      place(box);
    }
    if (justAnswered) {
      const feedback = justAnswered.querySelector<HTMLElement>('.cp-feedback');
      const summary = doc.createElement('p');
      summary.textContent = `All scored questions are answered. Your score: ${outcome.assessmentScore}%.`;
      feedback?.append(summary);
    }
  }

  function tryAgain(): void {
    for (const check of scored) {
      answers.delete(check.id);
      const form = byId<HTMLFormElement>(`check-${check.id}`);
      if (!form) continue;
      form.classList.remove('cp-locked');
      for (const input of inputsOf(form)) {
        input.disabled = false;
        input.checked = false;
      }
      const submit = form.querySelector<HTMLButtonElement>('.cp-check-submit');
      if (submit) submit.disabled = false;
      const feedback = form.querySelector<HTMLElement>('.cp-feedback');
      if (feedback) feedback.textContent = '';
    }
    renderResults();
    hooks.save(state());
    const firstPage = scored[0]?.page;
    if (firstPage) show(firstPage, true, 'push');
  }

  const reflections = keepReflections(doc, course, start.storage);
  addForgetControl(doc, start.forgets, () => {
    reflections.clear();
    hooks.forget();
  });
  // The page must be rendered before its heading can take focus (main is hidden while loading).
  doc.documentElement.classList.remove('cp-loading');
  // A linked page is a navigation, so focus goes to it; a resumed one is not, so focus stays at the top.
  show(current, linked !== null, 'replace');
  status.textContent = '';
  return { lock, flushTyping: () => reflections.flush() };
}

/**
 * "Forget my answers on this computer", at the foot of the contents: on a shared computer a
 * learner can remove what the browser keeps for them. Two steps (ask, then confirm), inline
 * rather than `window.confirm`, which sandboxed LMS frames may block.
 */
function addForgetControl(doc: Document, forgets: string, forget: () => void): void {
  const toc = doc.getElementById('cp-toc');
  if (!toc) return;
  const box = doc.createElement('div');
  box.className = 'cp-device';
  const ask = button(doc, 'Forget my answers on this computer', 'cp-forget');
  const question = doc.createElement('p');
  question.className = 'cp-forget-question';
  question.id = 'cp-forget-question';
  question.textContent = `This removes ${forgets} from this browser. It cannot be undone.`;
  const confirm = button(doc, 'Forget them', 'cp-forget-confirm');
  confirm.setAttribute('aria-describedby', question.id);
  const cancel = button(doc, 'Cancel', 'cp-forget-cancel');
  const said = doc.createElement('p');
  said.className = 'cp-forget-status';
  said.setAttribute('role', 'status');
  const asking = [question, confirm, cancel];
  for (const element of asking) element.hidden = true;
  ask.addEventListener('click', () => {
    ask.hidden = true;
    for (const element of asking) element.hidden = false;
    said.textContent = '';
    confirm.focus();
  });
  cancel.addEventListener('click', () => {
    for (const element of asking) element.hidden = true;
    ask.hidden = false;
    ask.focus();
  });
  confirm.addEventListener('click', () => {
    forget();
    for (const element of asking) element.hidden = true;
    ask.hidden = false;
    said.textContent = 'Done: this computer no longer keeps your answers.';
    ask.focus();
  });
  box.append(ask, question, confirm, cancel, said);
  toc.append(box);
}

function button(doc: Document, text: string, className: string): HTMLButtonElement {
  const element = doc.createElement('button');
  element.type = 'button';
  element.className = className;
  element.textContent = text;
  return element;
}

function inputsOf(form: HTMLFormElement): HTMLInputElement[] {
  return [...form.querySelectorAll<HTMLInputElement>('input[type=radio], input[type=checkbox]')];
}

function ensureStatusRegion(doc: Document): HTMLElement {
  const existing = doc.getElementById('cp-status');
  if (existing) return existing;
  const region = doc.createElement('div');
  region.id = 'cp-status';
  region.className = 'cp-status';
  region.setAttribute('role', 'status');
  doc.querySelector('.cp-nav')?.after(region);
  return region;
}

/** On narrow screens the contents collapse behind a button (CSS decides when it is visible). */
function addTocToggle(doc: Document): void {
  const toc = doc.getElementById('cp-toc');
  const header = doc.querySelector('.cp-header');
  if (!toc || !header || header.querySelector('.cp-toc-toggle')) return;
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'cp-toc-toggle';
  button.textContent = 'Contents';
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'cp-toc');
  button.addEventListener('click', () => {
    const open = doc.body.classList.toggle('cp-toc-open');
    button.setAttribute('aria-expanded', String(open));
  });
  header.append(button);
}
