/**
 * The pages view: one page at a time, the table of contents, Previous/Next, the progress line,
 * and the address bar. It turns clicks, links and Back/Forward into `show` actions, and renders
 * the page the state names.
 *
 * Pages are hidden with the `hidden` attribute (not CSS classes) so print CSS can show them all,
 * and focus moves to the page's `h1` on navigation so keyboard and screen-reader users land on the
 * new content (WCAG 2.4.3). The address names the page shown (`#page-{id}`): a link to one opens
 * that page instead of the resume location, and every page turn is a history entry so the
 * browser's Back and Forward retrace them (src/runtime/README.md, "Addresses and history").
 */
import type { CourseData } from '../shared/course-data.js';
import type { ShowVia } from './player-state.js';
import type { PlayerStore } from './player-store.js';

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

/** The page the address names, or null (no hash, another anchor, a page this version does not have). */
export function linkedPage(doc: Document, course: CourseData): string | null {
  const hash = doc.defaultView?.location.hash ?? '';
  const id = hash.startsWith(PAGE_HASH) ? hash.slice(PAGE_HASH.length) : '';
  return course.pages.some((p) => p.id === id) ? id : null;
}

export function mountPages(doc: Document, course: CourseData, store: PlayerStore, now: () => number): void {
  const pageIds = course.pages.map((p) => p.id);
  const win = doc.defaultView;
  const prev = doc.getElementById('cp-prev') as HTMLButtonElement | null;
  const next = doc.getElementById('cp-next') as HTMLButtonElement | null;
  const go = (page: string | undefined, via: ShowVia): void => {
    if (page) store.dispatch({ type: 'show', page, via, at: now() });
  };
  addTocToggle(doc);

  prev?.addEventListener('click', () => go(pageIds[pageIds.indexOf(store.state.page) - 1], 'navigation'));
  next?.addEventListener('click', () => go(pageIds[pageIds.indexOf(store.state.page) + 1], 'navigation'));
  doc.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('a[data-page]');
    const id = link?.getAttribute('data-page');
    if (!link || !id || !pageIds.includes(id)) return;
    event.preventDefault();
    go(id, 'navigation');
  });
  // Back/Forward, or a #page- hash typed or followed: the address already says where to go.
  // Both events: browsers differ in which of them Back to a pushState entry or a fragment
  // navigation fires; when both come, the second finds the page already shown.
  const follow = (): void => {
    const id = linkedPage(doc, course);
    if (id && id !== store.state.page) go(id, 'history');
  };
  win?.addEventListener('popstate', follow);
  win?.addEventListener('hashchange', follow);

  store.subscribe(({ state, events }) => {
    const shown = events.find((e) => e.type === 'page-viewed');
    if (!shown || shown.type !== 'page-viewed') return;
    const id = state.page;
    if (win && shown.via !== 'history' && win.location.hash !== PAGE_HASH + id) {
      try {
        if (shown.via === 'navigation') win.history.pushState(null, '', PAGE_HASH + id);
        else win.history.replaceState(null, '', PAGE_HASH + id);
      } catch {
        // A frame that may not rewrite its address still turns pages; only Back and links to pages are lost.
      }
    }
    for (const section of doc.querySelectorAll<HTMLElement>('section.cp-page')) section.hidden = section.dataset['page'] !== id;
    const title = course.pages[pageIds.indexOf(id)]?.title;
    if (title) doc.title = `${title} - ${course.title}`;
    for (const link of doc.querySelectorAll<HTMLAnchorElement>('#cp-toc a[data-page]')) {
      if (link.dataset['page'] === id) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    markTocViewed(doc, state.viewed);
    const index = pageIds.indexOf(id);
    if (prev) prev.disabled = index <= 0;
    if (next) next.disabled = index >= pageIds.length - 1;
    renderProgress(doc, pageIds, id, state.viewed);
    doc.body.classList.remove('cp-toc-open');
    doc.querySelector('.cp-toc-toggle')?.setAttribute('aria-expanded', 'false');
    // A resumed page is not a navigation, so focus stays at the top; every other way of getting there is.
    if (shown.via !== 'start') {
      const heading = doc.querySelector<HTMLElement>(`section.cp-page[data-page="${id}"] h1`);
      (heading ?? doc.getElementById('cp-main'))?.focus();
      win?.scrollTo(0, 0);
    }
  });
}

function markTocViewed(doc: Document, viewed: ReadonlySet<string>): void {
  for (const link of doc.querySelectorAll<HTMLAnchorElement>('#cp-toc a[data-page]')) {
    if (!viewed.has(link.dataset['page'] ?? '') || link.querySelector('.cp-toc-done')) continue;
    link.classList.add('cp-viewed');
    const mark = doc.createElement('span');
    mark.className = 'cp-toc-done';
    mark.innerHTML = '<span aria-hidden="true"> \u2713</span><span class="cp-sr"> (viewed)</span>';
    link.append(mark);
  }
}

function renderProgress(doc: Document, pageIds: readonly string[], current: string, viewed: ReadonlySet<string>): void {
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
