/**
 * A course with `language: es` in Chromium: the player's own words (the launch page's, the pages', and
 * every one the player writes: cover, checks, results, notices) are Spanish, none of the English ones is
 * left anywhere a learner or a screen reader meets it, and axe finds nothing with the page marked `es`.
 * The fixture's own text stays English: only the player's words are looked for.
 */
import { readFileSync } from 'node:fs';
import type { Frame } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PLAYER_WORDS } from '../../src/compile/player-word-lists.js';
import type { WordText } from '../../src/shared/player-words.js';
import { missing } from '../helpers/require-tools.js';
import { checkPage } from './check-axe.js';
import { countsSplit } from './counts-on-one-line.js';
import { answerCheck, clickAsLearner, leaveCover, openCourse, passCourse, readAll, readCourseData, waitForPlayer, waitShown } from './harness/run-course.mjs';
import { BROWSER_TIMEOUT, POLL, usePackage } from './use-package.js';

const en = PLAYER_WORDS['en']!;
const es = PLAYER_WORDS['es']!;
const forms = (text: WordText): string[] => (typeof text === 'string' ? [text] : Object.values(text).filter((t): t is string => typeof t === 'string'));

/**
 * The English words' own pieces (the text between `{…}` values), long enough to mean something and not
 * also Spanish ("Error:", "{n} min"), nor ones the fixture's English text has itself (its pages say "Done").
 */
const ENGLISH = [...new Set(Object.entries(en)
  .filter(([key]) => !['lang', 'authorVerdicts', 'chooseAllSaid', 'chooseOneSaid', 'matchEachSaid'].includes(key))
  .flatMap(([, text]) => forms(text as WordText))
  .flatMap((text) => text.split(/\{\w+\}/))
  .map((piece) => piece.trim().replace(/^[.,:;]\s*|\s*[.,:;]$/g, ''))
  .filter((piece) => piece.length >= 5 && !Object.values(es).some((t) => forms(t as WordText).some((f) => f.includes(piece)))))];

/** Everything a learner reads or a screen reader says in the frame: shown text, names, descriptions, the title. */
async function everythingSaid(frame: Frame): Promise<string> {
  return frame.locator('html').evaluate((root) => {
    const named = [...root.querySelectorAll('[aria-label], [title], [alt], track[label]')]
      .map((e) => [e.getAttribute('aria-label'), e.getAttribute('title'), e.getAttribute('alt'), e.getAttribute('label')].join(' '));
    return [root.ownerDocument.title, (root as unknown as { innerText: string }).innerText, ...named].join('\n');
  });
}

const englishIn = (said: string): string[] => ENGLISH.filter((piece) => said.includes(piece));

const FIXTURE_MODULES = ['01-basics.md', '02-quiz.md'];

describe.skipIf(missing('chromium'))('the player speaks the course\'s language (language: es)', () => {
  const pkg = usePackage('spanish');

  it('the pages, the cover, the checks and the results are in Spanish, with no English word of the player left, and axe finds nothing', async () => {
    expect(ENGLISH.length, 'English pieces to look for').toBeGreaterThan(80);
    const { page, frame } = await openCourse(await pkg.newContext(), pkg.url, { onCover: true });
    const sco = page.frame({ url: /\/sco\/index\.html/ });
    if (!sco) throw new Error('the SCO frame is not there');
    const cover = frame.locator('section[data-screen="cover"]');
    await cover.waitFor({ state: 'visible' });
    expect(await frame.locator('html').getAttribute('lang')).toBe('es');
    expect(await cover.locator('.cp-cover-meta').textContent()).toBe('Alrededor de 10 minutos \u00b7 2 módulos \u00b7 6 páginas');
    expect(await cover.locator('.cp-cover-module').allTextContents()).toEqual(['Basics \u00b7 5 min \u00b7 Sin empezar', 'Quiz \u00b7 5 min \u00b7 Sin empezar']);
    expect(await frame.locator('.cp-nav button').allTextContents()).toEqual(['Anterior', 'Siguiente', 'Salir']);
    expect(await frame.locator('.cp-skip').textContent()).toBe('Saltar al contenido');
    const found: Record<string, string[]> = { cover: englishIn(await everythingSaid(frame)) };
    const axe: Record<string, string[]> = { cover: (await checkPage(sco)).violations };

    await cover.getByRole('button', { name: 'Comenzar' }).click();
    const course = await readCourseData(frame);
    // A practice check answered wrong: the verdict, the marks and the author's feedback.
    const practice = course.checks.find((c) => !c.scored && c.type === 'multiple') ?? course.checks.find((c) => !c.scored);
    if (!practice) throw new Error('the fixture has no practice check');
    await clickAsLearner(frame, `#cp-toc a[data-page="${practice.page}"]`);
    const form = frame.locator(`#check-${practice.id}`);
    expect(await form.locator('.cp-check-submit').textContent()).toBe('Comprobar respuesta');
    await form.locator('.cp-check-submit').click();
    await expect.poll(() => form.locator('.cp-error').textContent(), POLL).toBe('Error: Elija una respuesta y luego seleccione Comprobar respuesta.');
    await answerCheck(frame, practice, [practice.options.find((o) => !o.correct)?.id ?? 'a']);
    await expect.poll(() => form.locator('.cp-mark').first().textContent(), POLL).toMatch(/Su respuesta: incorrecta|Respuesta correcta/);
    found['a practice check answered'] = englishIn(await everythingSaid(frame));
    axe['a practice check answered'] = (await checkPage(sco)).violations;

    // The scored check failed: the results, Try again, the questions to review.
    await passCourse(frame, course, { wrong: course.checks.filter((c) => c.scored).map((c) => c.id), exit: false });
    const results = frame.locator('section[data-screen="results"]');
    await expect.poll(() => results.locator('h1').textContent(), POLL).toBe('Aún no ha aprobado');
    expect(await results.getByRole('button', { name: 'Intentar de nuevo' }).count()).toBe(1);
    expect(await frame.locator('.cp-progress-text').textContent()).toMatch(/^Resultados \u00b7 \d+\u00a0% completado$/);
    found.results = englishIn(await everythingSaid(frame));
    axe.results = (await checkPage(sco)).violations;

    expect(found).toEqual({ cover: [], 'a practice check answered': [], results: [] });
    expect(axe).toEqual({ cover: [], 'a practice check answered': [], results: [] });
  }, BROWSER_TIMEOUT);

  it('at 320 px the header\'s buttons and the navigation bar\'s each keep to one row, as the English ones do', async () => {
    // Before: "Presentación del curso" put "Contenido" on a second row of the header, and Anterior, Siguiente and
    // Salir took two rows of the fixed bar (110 px of a 640 px phone, not 60): Salir alone on the second.
    const context = await pkg.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${pkg.url}/sco/index.html`);
    await waitForPlayer(page);
    await leaveCover(page);
    const rows = (selector: string) => page.locator(selector).evaluateAll((buttons) => new Set(buttons
      .map((b) => b.getBoundingClientRect()).filter((box) => box.width > 0).map((box) => Math.round(box.top))).size);
    expect({ header: await rows('.cp-header button'), nav: await rows('.cp-nav button') }).toEqual({ header: 1, nav: 1 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
  }, BROWSER_TIMEOUT);

  it('the cover at 320 px with 200% text and WCAG text spacing: "Comenzar", one word wider than the column, breaks inside its button, nothing past the edge', async () => {
    // Before: the Start button, one word that cannot wrap at a space, ran 6 px past the window (28..326 px), and
    // the page scrolled sideways (WCAG 1.4.10, with 1.4.4 and 1.4.12 at once).
    const context = await pkg.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${pkg.url}/sco/index.html`);
    await waitForPlayer(page);
    await page.addStyleTag({ content: 'html { font-size: 200% !important; } * { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }' });
    const past = await page.evaluate<string[]>(`[...document.querySelectorAll('body *')]
      .filter((el) => !el.closest('[hidden]') && el.getClientRects().length > 0)
      .filter((el) => { const box = el.getBoundingClientRect(); return box.width > 0 && (box.right > innerWidth + 0.5 || box.left < -0.5); })
      .map((el) => el.tagName.toLowerCase() + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().left) + '..' + Math.round(el.getBoundingClientRect().right))`);
    expect((await readAll(page, { start: ['text', '.cp-start'] })).start).toBe('Comenzar');
    expect(past).toEqual([]);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
  }, BROWSER_TIMEOUT);
});

/**
 * Every text node shown (a screen reader's only text too, `.cp-sr`) and every name (aria-label, title, placeholder)
 * that has a piece of an English player word, with the language it resolves to (`closest('[lang]')`), when that is
 * not English.
 */
async function englishNotMarked(frame: Frame): Promise<string[]> {
  // Not the pieces the fixture's own English text has ("characters" in "Sixty characters: …"): the course's words.
  const own = FIXTURE_MODULES.map((file) => readFileSync(new URL(`fixtures/course/modules/${file}`, import.meta.url), 'utf8')).join('\n');
  return frame.locator('html').evaluate((root, pieces) => {
    type Element = { closest(selector: string): Element | null; getAttribute(name: string): string | null; getClientRects(): { length: number } };
    const has = (text: string): boolean => pieces.some((piece) => text.includes(piece));
    const langOf = (e: Element): string => e.closest('[lang]')?.getAttribute('lang') ?? '';
    const shown = (e: Element): boolean => e.getClientRects().length > 0;
    const wrong: string[] = [];
    const walker = root.ownerDocument.createTreeWalker(root.ownerDocument.body, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent ?? '';
      if (parent && has(text) && shown(parent) && langOf(parent) !== 'en') wrong.push(`"${text.trim()}" (${langOf(parent)})`);
    }
    for (const e of root.querySelectorAll('[aria-label], [title], [placeholder]')) {
      const name = ['aria-label', 'title', 'placeholder'].map((a) => e.getAttribute(a) ?? '').join(' ');
      if (has(name) && langOf(e) !== 'en') wrong.push(`[${name.trim()}] (${langOf(e)})`);
    }
    return wrong;
  }, ENGLISH.filter((piece) => !own.includes(piece)));
}

describe.skipIf(missing('chromium'))('English words in a course of another language (language: de) are marked English (WCAG 3.1.2)', () => {
  const pkg = usePackage('german');

  it('every English word of the player resolves to lang="en", on the cover, a page, a check, the results and after Exit; the word course.yaml gives does not', async () => {
    const { page, frame } = await openCourse(await pkg.newContext(), pkg.url, { onCover: true });
    const sco = page.frame({ url: /\/sco\/index\.html/ });
    if (!sco) throw new Error('the SCO frame is not there');
    const langOf = (selector: string) => frame.locator(selector).first().evaluate((e) => e.closest('[lang]')?.getAttribute('lang'));
    const cover = frame.locator('section[data-screen="cover"]');
    await cover.waitFor({ state: 'visible' });
    expect(await frame.locator('html').getAttribute('lang')).toBe('de');
    expect(await frame.locator('#cp-next').textContent()).toBe('Weiter');
    expect([await langOf('#cp-next'), await langOf('#cp-prev'), await langOf('#cp-exit'), await langOf('.cp-skip')]).toEqual(['de', 'en', 'en', 'en']);
    expect(await langOf('.cp-cover-meta')).toBe('en');
    // The landmarks are named by hidden English words, not marked English themselves: they hold the course's titles.
    expect(await frame.locator('#cp-toc').getAttribute('lang')).toBeNull();
    expect(await langOf('#cp-toc-name')).toBe('en');
    const found: Record<string, string[]> = { cover: await englishNotMarked(frame) };
    const axe: Record<string, string[]> = { cover: (await checkPage(sco)).violations };

    await cover.getByRole('button', { name: 'Start' }).click();
    const course = await readCourseData(frame);
    await frame.locator('section.cp-page:not([hidden])').first().waitFor();
    expect(await frame.locator('.cp-progress-text').textContent()).toMatch(/^Page 1 of \d+ \u00b7 \d+% complete$/);
    expect(await langOf('.cp-progress-text')).toBe('en');
    found.page = await englishNotMarked(frame);
    // A practice check: its error, then answered wrong (the verdict, the marks).
    const practice = course.checks.find((c) => !c.scored && c.type === 'multiple') ?? course.checks.find((c) => !c.scored);
    if (!practice) throw new Error('the fixture has no practice check');
    await clickAsLearner(frame, `#cp-toc a[data-page="${practice.page}"]`);
    const form = frame.locator(`#check-${practice.id}`);
    expect(await langOf(`#check-${practice.id} .cp-check-submit`)).toBe('en');
    await form.locator('.cp-check-submit').click();
    await expect.poll(() => form.locator('.cp-error').textContent(), POLL).toMatch(/^Error: /);
    found['a check\'s error'] = await englishNotMarked(frame);
    await answerCheck(frame, practice, [practice.options.find((o) => !o.correct)?.id ?? 'a']);
    await waitShown(frame, `#check-${practice.id} .cp-verdict`);
    found['a check answered'] = await englishNotMarked(frame);
    axe['a check answered'] = (await checkPage(sco)).violations;

    // The scored check failed: the results, then Exit.
    await passCourse(frame, course, { wrong: course.checks.filter((c) => c.scored).map((c) => c.id), exit: false });
    const results = frame.locator('section[data-screen="results"]');
    await expect.poll(() => results.locator('h1').textContent(), POLL).toBe('Not passed yet');
    expect(await langOf('#h-results')).toBe('en');
    found.results = await englishNotMarked(frame);
    axe.results = (await checkPage(sco)).violations;
    await clickAsLearner(frame, '#cp-exit');
    await waitShown(frame, 'section[data-screen="exited"]');
    found['after Exit'] = await englishNotMarked(frame);

    expect(found).toEqual({ cover: [], page: [], 'a check\'s error': [], 'a check answered': [], results: [], 'after Exit': [] });
    expect(axe).toEqual({ cover: [], 'a check answered': [], results: [] });
  }, BROWSER_TIMEOUT);

  it('without flex gap (Chrome 80), the hidden span naming the page navigation leaves Previous at the bar\'s start, with no margin before it', async () => {
    const { frame } = await openCourse(await pkg.newContext(), pkg.url, { onCover: true });
    await waitShown(frame, 'section[data-screen="cover"]');
    expect(await frame.locator('.cp-nav > #cp-nav-name').count()).toBe(1);
    await frame.locator('html').evaluate((root) => root.classList.add('cp-no-flex-gap'));
    const margins = await Promise.all(['#cp-prev', '#cp-next'].map((id) => frame.locator(id).evaluate((e) => (e.ownerDocument.defaultView as unknown as {
      getComputedStyle: (el: unknown) => { marginInlineStart: string };
    }).getComputedStyle(e).marginInlineStart)));
    expect(margins).toEqual(['0px', '8px']);
  }, BROWSER_TIMEOUT);
});

describe.skipIf(missing('chromium'))('a right-to-left language (language: ar) is laid out right to left', () => {
  const pkg = usePackage('arabic');

  it('dir="rtl": the contents on the right, callouts marked on their right edge, Exit at the bar\'s left end, the phone panel from the right, and axe finds nothing', async () => {
    const { page, frame } = await openCourse(await pkg.newContext(), pkg.url);
    const sco = page.frame({ url: /\/sco\/index\.html/ });
    if (!sco) throw new Error('the SCO frame is not there');
    expect(await frame.locator('html').getAttribute('dir')).toBe('rtl');
    const box = async (selector: string) => {
      const b = await frame.locator(selector).first().boundingBox();
      if (!b) throw new Error(`${selector} has no box`);
      return b;
    };
    const [toc, main] = [await box('#cp-toc'), await box('main')];
    expect(toc.x, 'the contents are right of the page').toBeGreaterThan(main.x + main.width - 1);
    const [exit, previous] = [await box('#cp-exit'), await box('#cp-prev')];
    expect(exit.x + exit.width, 'Exit at the left end').toBeLessThan(previous.x);
    const sides = (selector: string) => frame.locator(selector).first()
      .evaluate((e) => { const s = e.ownerDocument.defaultView?.getComputedStyle(e); return [s?.borderRightWidth, s?.borderLeftWidth]; });
    expect(await sides('#cp-toc a[aria-current="page"]')).toEqual(['3px', '0px']);
    await clickAsLearner(frame, '#cp-toc a[data-page="basics--welcome"]');
    const callout = frame.locator('.cp-callout').first();
    await callout.waitFor({ state: 'visible' });
    expect(await sides('.cp-callout')).toEqual(['6px', '1px']);
    // Code reads left to right inside the right-to-left page (inherited rtl put `;` and `/` at the wrong end).
    expect(await frame.locator('section[data-page="basics--welcome"] pre').first()
      .evaluate((e) => [e.ownerDocument.defaultView?.getComputedStyle(e).direction, e.ownerDocument.defaultView?.getComputedStyle(e).textAlign])).toEqual(['ltr', 'left']);
    // The icon sits in the 3rem padding at the start of the line, the right: the title starts left of it.
    const [outer, title] = [await box('.cp-callout'), await box('.cp-callout .cp-callout-title')];
    expect(title.x + title.width, 'the title clear of the icon').toBeLessThan(outer.x + outer.width - 40);
    expect(await callout.evaluate((c) => c.ownerDocument.defaultView?.getComputedStyle(c, '::before').right)).toBe('14px');
    // A practice check answered wrong: the arrow before "Correct answer" points at the option from the right.
    const course = await readCourseData(frame);
    const practice = course.checks.find((c) => !c.scored);
    if (!practice) throw new Error('the fixture has no practice check');
    await clickAsLearner(frame, `#cp-toc a[data-page="${practice.page}"]`);
    await answerCheck(frame, practice, [practice.options.find((o) => !o.correct)?.id ?? 'a']);
    await expect.poll(() => frame.locator(`#check-${practice.id} .cp-mark-answer`).first().textContent(), POLL).toBe('\u2190 Correct answer');
    expect((await checkPage(sco)).violations).toEqual([]);

    await page.setViewportSize({ width: 375, height: 667 });
    await clickAsLearner(frame, '.cp-toc-toggle');
    const panel = await box('#cp-toc');
    expect(Math.round(panel.x + panel.width), 'the panel opens from the right edge').toBe(375);
    expect((await checkPage(sco)).violations).toEqual([]);
  }, BROWSER_TIMEOUT);
});

describe.skipIf(missing('chromium'))('counts written as Japanese writes them (language: ja, the cover\'s words given)', () => {
  const pkg = usePackage('japanese');

  it('on the cover a number and what it counts stay on one line, with no space between them (6ページ) or one (5 分)', async () => {
    const { frame } = await openCourse(await pkg.newContext(), pkg.url, { onCover: true });
    const cover = frame.locator('section[data-screen="cover"]');
    await cover.waitFor({ state: 'visible' });
    expect(await cover.locator('.cp-cover-meta').textContent()).toBe('約10分 \u00b7 2モジュール \u00b7 6ページ');
    expect(await cover.locator('.cp-cover-minutes').first().textContent()).toBe(' \u00b7 5 分');
    // Before, "2 | モジュール" at 70 px and "6 | ページ" at 148 px: a span kept only a count with a space in it whole.
    const split = await countsSplit(cover.locator('.cp-cover-meta, .cp-cover-module'));
    expect(split).toEqual([]);
  }, BROWSER_TIMEOUT);
});
