/**
 * The screens view: one screen at a time (the cover, a page, the results), the table of contents,
 * Previous/Next, the progress bar, the header's way back to the cover, and the address bar. It
 * turns clicks, links and Back/Forward into actions, and shows the screen the state names.
 *
 * Pages are hidden with the `hidden` attribute (not CSS classes) so print CSS can show them all,
 * and focus moves to the screen's `h1` on navigation so keyboard and screen-reader users land on
 * the new content (WCAG 2.4.3). The address names the screen (`#page-{id}`, `#cover`, `#results`):
 * a link to a page opens it instead of the resume location, and every move is a history entry so
 * the browser's Back and Forward retrace them (src/runtime/README.md, "Addresses and history").
 */
import type { CourseData } from '../shared/course-data.js';
import { completionOf } from '../shared/course-outcome.js';
import { toLearnerState, type PlayerState, type ShowVia } from './player-state.js';
import { putSaid, setDocumentTitle } from './dom-helpers.js';
import { joinSaid, sayIn } from './say-in.js';
import type { PlayerStore } from './player-store.js';
import { mediaFollowPage } from './view-media.js';

const PAGE_HASH = '#page-';
const SCREEN_HASHES = { cover: '#cover', results: '#results' } as const;

/**
 * Takes `#page-{id}` addresses from the browser before it acts on them: the sections lose their
 * ids, so a fragment matches nothing and the browser neither scrolls towards a section (hidden,
 * or all of them still laid out while loading) nor clears focus, which Chrome does on Back to a
 * fragment it cannot focus, after the player has focused the page heading. Scroll restoration
 * is the player's for the same reason: every screen it shows starts at its top.
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

/** The page the address names, or null (no hash, another anchor, a page this version does not have). */
export function linkedPage(doc: Document, course: CourseData): string | null {
  const hash = doc.defaultView?.location.hash ?? '';
  const id = hash.startsWith(PAGE_HASH) ? hash.slice(PAGE_HASH.length) : '';
  return course.pages.some((p) => p.id === id) ? id : null;
}

/** The address of what the state shows. */
function addressOf(state: PlayerState): string {
  return state.screen === 'page' ? PAGE_HASH + state.page : SCREEN_HASHES[state.screen];
}

export function mountScreens(doc: Document, course: CourseData, store: PlayerStore, now: () => number): void {
  const pageIds = course.pages.map((p) => p.id);
  const win = doc.defaultView;
  const prev = doc.getElementById('cp-prev') as HTMLButtonElement | null;
  const next = doc.getElementById('cp-next') as HTMLButtonElement | null;
  const go = (page: string | undefined, via: ShowVia): void => {
    if (page) store.dispatch({ type: 'show', page, via, at: now() });
  };
  const open = (screen: 'cover' | 'results', via: ShowVia): void => store.dispatch({ type: 'open', screen, via, at: now() });
  addHeaderButtons(doc, course, () => open('cover', 'navigation'));

  // Previous and Next walk cover → pages → results; the results screen ends the course, after the
  // last page, so a reading list is never the last thing a learner sees.
  prev?.addEventListener('click', () => {
    const { screen, page } = store.state;
    if (screen === 'results') go(page === pageIds[pageIds.length - 1] ? page : pageIds[pageIds.length - 1], 'navigation');
    else if (screen === 'page' && pageIds.indexOf(page) === 0) open('cover', 'navigation');
    else if (screen === 'page') go(pageIds[pageIds.indexOf(page) - 1], 'navigation');
  });
  next?.addEventListener('click', () => {
    const { screen, page } = store.state;
    if (screen === 'cover') go(page, 'navigation');
    else if (screen === 'page' && pageIds.indexOf(page) === pageIds.length - 1) open('results', 'navigation');
    else if (screen === 'page') go(pageIds[pageIds.indexOf(page) + 1], 'navigation');
  });
  doc.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('a[data-page], a[data-screen]');
    if (!link) return;
    const page = link.getAttribute('data-page');
    const screen = link.getAttribute('data-screen');
    if (page && pageIds.includes(page)) {
      event.preventDefault();
      go(page, 'navigation');
    } else if (screen === 'cover' || screen === 'results') {
      event.preventDefault();
      open(screen, 'navigation');
    }
  });
  // Back/Forward, or an address typed or followed: the address already says where to go. Both
  // events: browsers differ in which of them Back to a pushState entry or a fragment navigation
  // fires; when both come, the second finds the screen already shown.
  const follow = (): void => {
    const hash = win?.location.hash ?? '';
    if (hash === addressOf(store.state)) return;
    const page = linkedPage(doc, course);
    if (page) go(page, 'history');
    else if (hash === SCREEN_HASHES.cover) open('cover', 'history');
    else if (hash === SCREEN_HASHES.results) open('results', 'history');
  };
  win?.addEventListener('popstate', follow);
  win?.addEventListener('hashchange', follow);
  keepFocusClearOfNav(doc);
  keepContentsEndClearOfNav(doc);
  // A narrower window can make a code block or table scroll sideways (or stop): checked again once a frame.
  let resizing = false;
  win?.addEventListener('resize', () => {
    if (resizing) return;
    resizing = true;
    win.requestAnimationFrame(() => {
      resizing = false;
      reachScrollRegions(doc);
    });
  });

  store.subscribe(({ state, previous, events }) => {
    const shown = events.find((e) => e.type === 'page-viewed' || e.type === 'screen-shown');
    if (shown && (shown.type === 'page-viewed' || shown.type === 'screen-shown')) showScreen(state, shown.via);
    else if (state.viewed !== previous.viewed || state.answers !== previous.answers || state.submitted !== previous.submitted) {
      renderProgress(doc, course, state);
    }
  });

  function showScreen(state: PlayerState, via: ShowVia): void {
    const address = addressOf(state);
    if (win && via !== 'history' && win.location.hash !== address) {
      try {
        if (via === 'navigation') win.history.pushState(null, '', address);
        else win.history.replaceState(null, '', address);
      } catch {
        // A frame that may not rewrite its address still turns pages; only Back and links to pages are lost.
      }
    }
    const onPage = state.screen === 'page';
    let shown: HTMLElement | null = null;
    for (const section of doc.querySelectorAll<HTMLElement>('main > section')) {
      section.hidden = onPage ? section.dataset['page'] !== state.page : section.dataset['screen'] !== state.screen;
      if (!section.hidden) shown = section;
    }
    mediaFollowPage(doc, shown);
    // Printed from the results screen, the results print, not the course's pages (player.css @media print).
    doc.body.classList.toggle('cp-on-results', state.screen === 'results');
    const title = onPage ? course.pages[pageIds.indexOf(state.page)]?.title
      : doc.querySelector(`section[data-screen="${state.screen}"] h1`)?.textContent;
    setDocumentTitle(doc, title, course.title);
    for (const link of doc.querySelectorAll<HTMLAnchorElement>('#cp-toc a[data-page]')) {
      if (onPage && link.dataset['page'] === state.page) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    markTocViewed(doc, state.viewed, course);
    if (prev) prev.disabled = state.screen === 'cover';
    if (next) next.disabled = state.screen === 'results';
    renderProgress(doc, course, state);
    setContentsOpen(doc, false);
    reachScrollRegions(doc);
    // A resumed screen is not a navigation, so focus stays at the top; every other way of getting there is.
    if (via !== 'start') {
      const heading = doc.querySelector<HTMLElement>(onPage ? `section.cp-page[data-page="${state.page}"] h1` : `section[data-screen="${state.screen}"] h1`);
      (heading ?? doc.getElementById('cp-main'))?.focus({ preventScroll: true });
      // At once, whatever the theme's smooth scrolling (kept for anchors within a page): the new page appeared at
      // the old one's scroll position and glided up for half a second. The style, not `behavior: 'instant'`,
      // which browsers before 2022 refuse.
      const root = doc.documentElement;
      const smooth = root.style.scrollBehavior;
      root.style.scrollBehavior = 'auto';
      // Read back, so the browser takes the style in before it scrolls (Chromium otherwise scrolls smoothly).
      win?.getComputedStyle(root).getPropertyValue('scroll-behavior');
      win?.scrollTo(0, 0);
      root.style.scrollBehavior = smooth;
    }
    showCurrentEntry(doc);
  }
}

/**
 * The sticky navigation bar must not cover what has focus (WCAG 2.4.7, 2.4.11). The browser scrolls a
 * focused element clear of `scroll-padding-bottom`, which is set here to the bar's measured height: a
 * fixed padding (player.css) was too small once the bar wrapped (text spacing, 200% text on a phone) and
 * a focused checkbox or Check answer stayed under it. A bar taller than a quarter of the window stops
 * being sticky (it would hide half the page at 200% text on a 320 px phone) and sits after the page. In a
 * text box the browser only brings the caret into view, so a tall box (a reflection) can stay half under
 * the bar: it is scrolled clear here, as far as it fits.
 */
function keepFocusClearOfNav(doc: Document): void {
  const nav = doc.querySelector<HTMLElement>('.cp-nav');
  const win = doc.defaultView;
  if (!nav || !win) return;
  const root = doc.documentElement;
  const fit = (): void => {
    const tall = nav.offsetHeight > win.innerHeight / 4;
    nav.classList.toggle('cp-nav-static', tall);
    // Its height plus a margin, so a focus ring is not cut off either.
    root.style.scrollPaddingBottom = tall ? '' : `${nav.offsetHeight + 16}px`;
    // The contents beside the page end above the bar (player.css).
    root.style.setProperty('--cp-nav-height', tall ? '0px' : `${nav.offsetHeight}px`);
  };
  fit();
  // The bar's height follows the window's width, the text size and the buttons shown (ResizeObserver: Chrome 64).
  if (typeof win.ResizeObserver === 'function') new win.ResizeObserver(fit).observe(nav);
  win.addEventListener('resize', fit);
  doc.addEventListener('focusin', (event) => {
    const target = event.target as HTMLElement | null;
    if (!target || nav.contains(target) || nav.classList.contains('cp-nav-static')) return;
    const overlap = target.getBoundingClientRect().bottom + 8 - nav.getBoundingClientRect().top;
    // Never so far that the top of a tall element leaves the window.
    if (overlap > 0) win.scrollBy(0, Math.min(overlap, Math.max(0, target.getBoundingClientRect().top)));
  });
}

/**
 * Beside the page, the contents stick to the window's top and are a window's height less the bar tall (player.css),
 * but while the page is at its top they start under the header, so their last lines (the header's height) were
 * under the bar: scrolled to their end, "Forget my answers on this computer" was cut in half until the page itself
 * was scrolled. They end with as much room as the header is tall (`--cp-header-height`), measured as it changes
 * (a course title on two lines, text spacing, zoom).
 */
function keepContentsEndClearOfNav(doc: Document): void {
  const header = doc.querySelector<HTMLElement>('.cp-header');
  const win = doc.defaultView;
  if (!header || !win) return;
  const fit = (): void => doc.documentElement.style.setProperty('--cp-header-height', `${header.offsetHeight}px`);
  fit();
  if (typeof win.ResizeObserver === 'function') new win.ResizeObserver(fit).observe(header);
  win.addEventListener('resize', fit);
}

/**
 * A code block or table wider than the column scrolls sideways (player.css); a keyboard user can scroll it
 * only if it can take focus (WCAG 2.1.1; axe `scrollable-region-focusable`). So one that scrolls now is
 * a tab stop (arrow keys then scroll it), and one that no longer does stops being one: a tab stop on
 * every code block would be one more key press for nothing.
 */
function reachScrollRegions(doc: Document): void {
  // Not `:is(pre, table)`: querySelectorAll throws on it before Chrome 88, and the player runs from Chrome 80
  // (src/bundle.mjs), which school Chromebooks past their update date still have.
  for (const element of doc.querySelectorAll<HTMLElement>('main > section:not([hidden]) pre, main > section:not([hidden]) table')) {
    const scrolls = element.scrollWidth > element.clientWidth + 1;
    const ours = element.hasAttribute('data-cp-scroll');
    if (scrolls && !element.hasAttribute('tabindex')) {
      element.tabIndex = 0;
      element.setAttribute('data-cp-scroll', '');
      // One with focus stays a tab stop until it loses focus: taking it away would drop focus to the page.
    } else if (!scrolls && ours && element !== doc.activeElement) {
      element.removeAttribute('tabindex');
      element.removeAttribute('data-cp-scroll');
    }
  }
}

function markTocViewed(doc: Document, viewed: ReadonlySet<string>, course: CourseData): void {
  for (const link of doc.querySelectorAll<HTMLAnchorElement>('#cp-toc a[data-page]')) {
    if (!viewed.has(link.dataset['page'] ?? '') || link.querySelector('.cp-toc-done')) continue;
    link.classList.add('cp-viewed');
    const mark = doc.createElement('span');
    mark.className = 'cp-toc-done';
    const tick = doc.createElement('span');
    tick.setAttribute('aria-hidden', 'true');
    tick.textContent = '\u00a0\u2713';
    const said = doc.createElement('span');
    said.className = 'cp-sr';
    putSaid(said, sayIn(course, 'viewed'));
    mark.append(tick, said);
    link.append(mark);
  }
}

/**
 * Where the learner is (page n of N) and how far along the completion rule they are: pages viewed
 * and, with a pass mark, passing. The bar reaches 100% only when the rule is met, so it never tells a
 * learner who failed that they are done.
 */
function renderProgress(doc: Document, course: CourseData, state: PlayerState): void {
  const box = doc.querySelector<HTMLElement>('.cp-progress');
  if (!box) return;
  const completion = completionOf(course, toLearnerState(state), state.passMark);
  const index = course.pages.findIndex((p) => p.id === state.page);
  const where = state.screen === 'page' ? sayIn(course, 'pageOf', { n: index + 1, total: course.pages.length }) : sayIn(course, state.screen === 'cover' ? 'overview' : 'results');
  box.innerHTML = '';
  const text = doc.createElement('p');
  text.className = 'cp-progress-text';
  putSaid(text, joinSaid(where, ' \u00b7 ', completion.complete ? sayIn(course, 'complete') : sayIn(course, 'percentComplete', { n: completion.percent })));
  const bar = doc.createElement('div');
  bar.className = 'cp-progress-bar';
  bar.setAttribute('aria-hidden', 'true');
  const fill = doc.createElement('div');
  fill.style.width = `${completion.percent}%`;
  bar.append(fill);
  box.append(text, bar);
}

/** "Course overview" (the cover, reachable at any time) and, on narrow screens, "Contents". */
function addHeaderButtons(doc: Document, course: CourseData, openCover: () => void): void {
  const toc = doc.getElementById('cp-toc');
  const header = doc.querySelector('.cp-header');
  if (!header || header.querySelector('.cp-toc-toggle')) return;
  const overview = doc.createElement('button');
  overview.type = 'button';
  overview.className = 'cp-overview';
  putSaid(overview, sayIn(course, 'courseOverview'));
  overview.addEventListener('click', openCover);
  header.append(overview);
  if (!toc) return;
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'cp-toc-toggle';
  putSaid(button, sayIn(course, 'contents'));
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'cp-toc');
  header.append(button);
  mountContentsPanel(doc, toc, button, course);
}

/**
 * On narrow screens the contents are a panel over the page (player.css), which covers the Contents
 * button. So that it never hides where the keyboard is (WCAG 2.4.7, 2.4.11) and can be left without
 * picking a page (2.1.2): opening it moves focus into it, to the current page's entry (else Close); its
 * Close button, Escape and a tap on the dimmed page close it and give focus back to the Contents
 * button; focus moving out of it (Tab past
 * its end, Shift+Tab before its start) closes it, so focus is never on a control under the panel.
 * On wide screens the contents sit beside the page and none of this shows.
 */
function mountContentsPanel(doc: Document, toc: HTMLElement, toggle: HTMLButtonElement, course: CourseData): void {
  const close = doc.createElement('button');
  close.type = 'button';
  close.className = 'cp-toc-close';
  // "Close", not "Close contents": the panel is the Contents landmark already, and a voice command "click Contents"
  // must find one button.
  putSaid(close, sayIn(course, 'close'));
  // In a band across the panel's top (player.css), which the entries pass under as the panel scrolls: stuck there
  // alone, the button had the entries running on beside it, half hidden, and a tap beside it followed one.
  const band = doc.createElement('div');
  band.className = 'cp-toc-band';
  band.append(close);
  toc.prepend(band);
  const backdrop = doc.createElement('div');
  backdrop.className = 'cp-toc-backdrop';
  toc.after(backdrop);
  const isOpen = (): boolean => doc.body.classList.contains('cp-toc-open');
  const shut = (): void => {
    setContentsOpen(doc, false);
    toggle.focus();
  };
  toggle.addEventListener('click', () => {
    const open = !isOpen();
    setContentsOpen(doc, open);
    // On the current page's entry, where the panel was just scrolled (without scrolling it again): focus on Close
    // at the top sent the first Tab to the first page's entry and the panel back up, so in a 600-page course the
    // entry of page 461 was 461 presses away. Close stays in sight at the panel's top (player.css), and Escape closes.
    if (open) (toc.querySelector<HTMLElement>('a[aria-current="page"]') ?? close).focus({ preventScroll: true });
  });
  close.addEventListener('click', shut);
  backdrop.addEventListener('click', shut);
  doc.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && isOpen()) {
      event.preventDefault();
      shut();
    }
  });
  doc.addEventListener('focusin', (event) => {
    const target = event.target as Node | null;
    if (isOpen() && target && !toc.contains(target)) setContentsOpen(doc, false);
  });
}

function setContentsOpen(doc: Document, open: boolean): void {
  doc.body.classList.toggle('cp-toc-open', open);
  doc.querySelector('.cp-toc-toggle')?.setAttribute('aria-expanded', String(open));
  if (open) showCurrentEntry(doc);
}

/**
 * The current page's entry scrolled into view inside the contents (beside the page, or the panel on a
 * phone), the contents alone: `scrollIntoView` would scroll the page as well. A closed panel has no box.
 */
function showCurrentEntry(doc: Document): void {
  const toc = doc.getElementById('cp-toc');
  const link = toc?.querySelector<HTMLElement>('a[aria-current="page"]');
  if (!toc || !link || toc.scrollHeight <= toc.clientHeight) return;
  const box = toc.getBoundingClientRect();
  const entry = link.getBoundingClientRect();
  // Beside the page, what shows of the contents ends at the window or at the navigation bar over it (at
  // the top of the page the header pushes the contents' foot down there); the phone's panel covers both.
  const nav = doc.querySelector<HTMLElement>('.cp-nav');
  const panel = doc.body.classList.contains('cp-toc-open');
  const floor = panel || !nav || nav.classList.contains('cp-nav-static') ? (doc.defaultView?.innerHeight ?? box.bottom) : nav.getBoundingClientRect().top;
  const top = Math.max(box.top, 0);
  const bottom = Math.min(box.bottom, floor);
  if (entry.top < top) toc.scrollTop -= top - entry.top + 8;
  else if (entry.bottom > bottom) toc.scrollTop += entry.bottom - bottom + 8;
}
