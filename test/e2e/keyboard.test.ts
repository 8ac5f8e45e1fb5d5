import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { missing } from '../helpers/require-tools.js';
import { answerCheck, openCourse, passCourse, readCourseData, readHostWhenFinished, rightAnswer, tabTo, waitShown } from './harness/run-course.mjs';
import { findLifecycleViolations } from './scorm12-rules.js';
import { BROWSER_TIMEOUT, POLL, usePackage } from './use-package.js';

describe.skipIf(missing('chromium'))('keyboard only', () => {
  const pkg = usePackage();

  it('a learner completes the whole course with Tab, arrows, Space and Enter alone: cover, modules, results', async () => {
    const { page, frame } = await openCourse(await pkg.newContext(), pkg.url, { onCover: true });
    const course = await readCourseData(frame);
    await tabTo(frame, page, '.cp-start');
    await page.keyboard.press('Enter');
    await expect.poll(() => frame.locator(':focus').getAttribute('id'), POLL).toBe('h-basics--welcome');
    // passCourse goes Next after the last page to the results, submits there and exits, all by keyboard.
    await passCourse(frame, course, { keyboard: true, page });
    const host = await readHostWhenFinished(page);
    expect(findLifecycleViolations(host.trace)).toEqual([]);
    expect(host.stored['cmi.core.lesson_status']).toBe('passed');
  }, BROWSER_TIMEOUT * 2);

  it('Next moves focus to the new page heading, and the skip link and TOC work from the keyboard', async () => {
    const { page, frame } = await openCourse(await pkg.newContext(), pkg.url);
    await tabTo(frame, page, '.cp-skip');
    await tabTo(frame, page, '#cp-next');
    await page.keyboard.press('Enter');
    await expect.poll(() => frame.locator(':focus').getAttribute('id'), POLL).toBe('h-basics--practice');
    await tabTo(frame, page, '#cp-toc a[data-page="quiz--done"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => frame.locator(':focus').getAttribute('id'), POLL).toBe('h-quiz--done');
    expect(await frame.locator('#cp-toc a[aria-current="page"]').getAttribute('data-page')).toBe('quiz--done');
    // After the last page, Next leads to the results, not nowhere.
    await tabTo(frame, page, '#cp-next');
    await page.keyboard.press('Enter');
    await expect.poll(() => frame.locator(':focus').getAttribute('id'), POLL).toBe('h-results');
    expect(await frame.locator('#cp-next').isDisabled()).toBe(true);
  }, BROWSER_TIMEOUT);
});

/** Runs `expression` in the frame's document (the test project has no DOM types, so browser code is text). */
function inFrame<T>(frame: Frame, expression: string): Promise<T> {
  return frame.evaluate(`(() => ${expression})()`) as Promise<T>;
}

/** What has focus in the frame, as `tag#id.class`, or BODY when focus was dropped. */
function focusedIn(frame: Frame): Promise<string> {
  return inFrame(frame, `{
    const active = document.activeElement;
    if (!active || active === document.body) return 'BODY';
    return active.tagName.toLowerCase() + (active.id ? '#' + active.id : '') + (typeof active.className === 'string' && active.className ? '.' + active.className.split(' ').join('.') : '');
  }`);
}

describe.skipIf(missing('chromium'))('keyboard only: the contents panel on a phone (WCAG 2.1.2, 2.4.3, 2.4.7)', () => {
  const pkg = usePackage();

  async function openPhone(): Promise<{ page: Page; frame: Frame }> {
    const context = await pkg.newContext();
    const opened = await openCourse(context, pkg.url);
    await opened.page.setViewportSize({ width: 375, height: 667 });
    return opened;
  }
  const isOpen = (frame: Frame): Promise<boolean> => frame.locator('#cp-toc').isVisible();

  it('opening moves focus into the panel; Escape closes it and gives focus back to Contents', async () => {
    const { page, frame } = await openPhone();
    const toggle = frame.locator('.cp-toc-toggle');
    await tabTo(frame, page, '.cp-toc-toggle');
    await page.keyboard.press('Enter');
    expect(await isOpen(frame)).toBe(true);
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    // On the current page's entry (the first page's here).
    expect(await inFrame<string | null>(frame, "document.activeElement.getAttribute('aria-current')")).toBe('page');
    await page.keyboard.press('Escape');
    expect(await isOpen(frame)).toBe(false);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await focusedIn(frame)).toBe('button.cp-toc-toggle');
  }, BROWSER_TIMEOUT);

  it('opened on a later page, focus is on that page\'s entry, so Tab reaches the next page\'s entry in one press', async () => {
    // A long course opened the panel scrolled to the current page with focus on Close at its top: the first Tab
    // went to the first page's entry and scrolled the panel back up (a 600-page course: 461 presses from Close
    // to the entry of page 461).
    const { page, frame } = await openPhone();
    const course = await readCourseData(frame);
    const [here, next] = [course.pages[4]?.id, course.pages[5]?.id];
    await frame.locator(`#cp-toc a[data-page="${here}"]`).evaluate((link) => (link as { click(): void }).click());
    await tabTo(frame, page, '.cp-toc-toggle');
    await page.keyboard.press('Enter');
    expect(await isOpen(frame)).toBe(true);
    expect(await inFrame<string | null>(frame, "document.activeElement.getAttribute('data-page')")).toBe(here);
    expect(await inFrame<string | null>(frame, "document.activeElement.getAttribute('aria-current')")).toBe('page');
    await page.keyboard.press('Tab');
    expect(await inFrame<string | null>(frame, "document.activeElement.getAttribute('data-page')")).toBe(next);
    expect(await isOpen(frame)).toBe(true);
  }, BROWSER_TIMEOUT);

  it('the Close button and a tap on the dimmed page close it, and focus goes back to Contents', async () => {
    const { page, frame } = await openPhone();
    const toggle = frame.locator('.cp-toc-toggle');
    await toggle.click();
    await frame.getByRole('button', { name: 'Close', exact: true }).click();
    expect(await isOpen(frame)).toBe(false);
    expect(await focusedIn(frame)).toBe('button.cp-toc-toggle');
    await toggle.click();
    const panel = await frame.locator('#cp-toc').boundingBox();
    // Beside the panel, over the page: the dimmed area takes the tap, not a link under it.
    await page.mouse.click((panel?.x ?? 0) + (panel?.width ?? 0) + 20, 300);
    expect(await isOpen(frame)).toBe(false);
    expect(await focusedIn(frame)).toBe('button.cp-toc-toggle');
    expect(await frame.locator('section[data-page="basics--welcome"]').isVisible(), 'the tap turned no page').toBe(true);
  }, BROWSER_TIMEOUT);

  it('Tab never reaches a control under the open panel: leaving the panel closes it', async () => {
    const { page, frame } = await openPhone();
    await frame.locator('.cp-toc-toggle').click();
    const inPanel = () => inFrame<boolean>(frame, "document.getElementById('cp-toc').contains(document.activeElement)");
    let presses = 0;
    while ((await inPanel()) && presses++ < 40) await page.keyboard.press('Tab');
    expect(presses, 'Tab left the panel').toBeLessThan(40);
    expect(await isOpen(frame)).toBe(false);
    await frame.locator('.cp-toc-toggle').click();
    // From the first page's entry, Shift+Tab goes to Close, the panel's start, and once more out of it.
    await page.keyboard.press('Shift+Tab');
    expect(await focusedIn(frame)).toBe('button.cp-toc-close');
    await page.keyboard.press('Shift+Tab');
    expect(await isOpen(frame)).toBe(false);
    expect(await focusedIn(frame)).toBe('button.cp-toc-toggle');
  }, BROWSER_TIMEOUT);
});

describe.skipIf(missing('chromium'))('keyboard only: focus is never under the navigation bar (WCAG 2.4.7, 2.4.11)', () => {
  const pkg = usePackage();

  /** Focus stops in the pages that the bar covers, and how many stops there were, tabbing down every page at one size. */
  async function hiddenStops(width: number, height: number, css = ''): Promise<{ stops: number; hidden: string[] }> {
    const context = await pkg.newContext();
    const { page, frame } = await openCourse(context, pkg.url);
    await page.setViewportSize({ width, height });
    // The course runs in the LMS's frame: the style goes into the course's own document.
    if (css) await inFrame(frame, `{ const style = document.createElement('style'); style.textContent = ${JSON.stringify(css)}; document.head.append(style); }`);
    const course = await readCourseData(frame);
    const hidden: string[] = [];
    let stops = 0;
    // Asked in the course's frame after each Tab: one protocol message (a locator would resolve its element first).
    const ask = <T>(expression: string): Promise<T> => inFrame<T>(frame, expression);
    for (const { id } of course.pages) {
      await ask(`{ location.hash = ${JSON.stringify(`#page-${id}`)}; }`);
      await waitShown(frame, `section[data-page="${id}"]`);
      for (let n = 0; n < 40; n++) {
        await page.keyboard.press('Tab');
        // Stops in the page only: the header, the contents and the bar itself are not under the bar.
        const stop = await ask<string>(`{
          const active = document.activeElement;
          if (!active || active === document.body || active.closest('.cp-nav')) return 'end';
          if (!active.closest('main')) return 'skip';
          const box = active.getBoundingClientRect();
          const nav = document.querySelector('.cp-nav').getBoundingClientRect();
          return box.bottom > nav.top + 1 ? active.tagName.toLowerCase() + ' ' + Math.round(box.top) + '-' + Math.round(box.bottom) + ', bar at ' + Math.round(nav.top) : 'clear';
        }`);
        if (stop === 'end') break;
        if (stop === 'skip') continue;
        stops++;
        if (stop !== 'clear') hidden.push(`${width}x${height}${css ? ' (styled)' : ''} ${id}: ${stop}`);
      }
    }
    await context.close();
    return { stops, hidden };
  }

  // The bar is measured when the course starts, not only when the window changes: the tests below resize the
  // window after loading, which measures it again. Two windows from the start: a desktop, where the bar stays
  // at the bottom with the page scrolling clear of it, and a small phone held sideways, where the bar is more
  // than a quarter of the window and sits after the page instead.
  it('the bar is measured as the course starts: scroll padding above it, or the bar after the page when it is tall', async () => {
    const fitted = await Promise.all([[1280, 720], [320, 200]].map(async ([width = 0, height = 0]) => {
      const opened = await openCourse(await pkg.newContext({ viewport: { width, height } }), pkg.url);
      // Read in the frame after the first one drawn once the player is ready: the first frame's own
      // requestAnimationFrame callbacks run before it is laid out and measured.
      return inFrame<{ navHeight: number; windowHeight: number; static: boolean; padding: string; navVariable: string }>(opened.frame, `new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
        const nav = document.querySelector('.cp-nav');
        const root = document.documentElement;
        resolve({ navHeight: nav.offsetHeight, windowHeight: innerHeight, static: nav.classList.contains('cp-nav-static'),
          padding: root.style.scrollPaddingBottom, navVariable: root.style.getPropertyValue('--cp-nav-height') });
      })))`);
    }));
    const [desktop, phone] = fitted;
    expect(desktop?.static).toBe(false);
    expect(desktop?.padding).toBe(`${(desktop?.navHeight ?? 0) + 16}px`);
    expect(desktop?.navVariable).toBe(`${desktop?.navHeight}px`);
    expect(phone?.navHeight).toBeGreaterThan((phone?.windowHeight ?? 0) / 4);
    expect(phone?.static).toBe(true);
    expect(phone?.padding).toBe('');
    expect(phone?.navVariable).toBe('0px');
    // Beside the page, the contents scrolled to their end show their last control above the bar while the page is
    // at its top too: they end a window's height below the header then, and their last 60 px (the header's height)
    // were under the bar, "Forget my answers on this computer" cut in half, until the page itself was scrolled.
    const short = await openCourse(await pkg.newContext({ viewport: { width: 1280, height: 360 } }), pkg.url);
    const end = await inFrame<{ overflows: boolean; scrollY: number; last: string; lastBottom: number; navTop: number }>(short.frame, `new Promise((resolve) => {
      const toc = document.getElementById('cp-toc');
      toc.scrollTop = toc.scrollHeight;
      requestAnimationFrame(() => requestAnimationFrame(() => {
        const last = [...toc.querySelectorAll('a, button')].filter((e) => e.getClientRects().length > 0).pop();
        resolve({ overflows: toc.scrollHeight > toc.clientHeight, scrollY: scrollY, last: last.textContent,
          lastBottom: last.getBoundingClientRect().bottom, navTop: document.querySelector('.cp-nav').getBoundingClientRect().top });
      }));
    })`);
    expect(end.overflows).toBe(true);
    expect(end.scrollY).toBe(0);
    expect(end.last).toBe('Forget my answers on this computer');
    expect(end.lastBottom).toBeLessThanOrEqual(end.navTop);
  }, BROWSER_TIMEOUT);

  // The three sizes run side by side, each in its own context: a Tab and its check are round trips to the
  // browser, so in turn they took about 7 s of the suite's time (issue 8 point 1).
  it('at 320 x 256, 375 x 667 and 1280 x 800, tabbing down every page', async () => {
    const results = await Promise.all([[320, 256], [375, 667], [1280, 800]].map(([width, height]) => hiddenStops(width ?? 0, height ?? 0)));
    for (const { stops } of results) expect(stops, 'focus stops in the pages').toBeGreaterThan(10);
    expect(results.flatMap((r) => r.hidden)).toEqual([]);
  }, BROWSER_TIMEOUT * 2);

  // The bar wraps to two rows with WCAG 1.4.12's text spacing, and to half the screen at 200% text: a fixed
  // scroll padding left checkboxes and Check answer under it at 320 x 640.
  it('at 320 x 640 with text spacing (WCAG 1.4.12) and with 200% text (1.4.4), tabbing down every page', async () => {
    const spacing = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';
    const results = await Promise.all([spacing, 'html { font-size: 200% !important; }'].map((css) => hiddenStops(320, 640, css)));
    for (const { stops } of results) expect(stops, 'focus stops in the pages').toBeGreaterThan(10);
    expect(results.flatMap((r) => r.hidden)).toEqual([]);
  }, BROWSER_TIMEOUT * 2);
});

describe.skipIf(missing('chromium'))('keyboard only: revealAnswers immediately', () => {
  const pkg = usePackage('revealImmediately');

  it('the results ask for the questions still open, with no Submit button (each answer is final when given)', async () => {
    const { frame } = await openCourse(await pkg.newContext(), pkg.url);
    await frame.locator('#cp-toc a[data-page="quiz--done"]').click();
    await frame.locator('#cp-next').click();
    const results = frame.locator('section[data-screen="results"]');
    await results.waitFor({ state: 'visible' });
    expect(await results.locator('h1').textContent()).toBe('Almost done');
    expect(await results.getByText('Answer these: each answer counts as soon as you give it.').count()).toBe(1);
    expect(await results.locator('.cp-submit').count()).toBe(0);
  }, BROWSER_TIMEOUT);

  it('"Check answer" on a scored question locks it and leaves focus on the question, not on the page body', async () => {
    const { page, frame } = await openCourse(await pkg.newContext(), pkg.url);
    await frame.locator('#cp-toc a[data-page="quiz--scored-questions"]').click();
    await tabTo(frame, page, '#quiz-single-a');
    await page.keyboard.press('Space');
    await tabTo(frame, page, '#check-quiz-single .cp-check-submit');
    await page.keyboard.press('Enter');
    await expect.poll(() => frame.locator('#check-quiz-single .cp-check-submit').isDisabled(), POLL).toBe(true);
    expect(await focusedIn(frame)).toBe('fieldset');
    expect(await inFrame<boolean>(frame, "document.querySelector('#check-quiz-single fieldset') === document.activeElement")).toBe(true);
    // The next Tab goes on to the next question, not back to the top of the page.
    await page.keyboard.press('Tab');
    expect(await focusedIn(frame)).toMatch(/^input#quiz-multiple-/);
    // The last scored answer ends the attempt and every check is drawn again: the first one's verdict, said
    // when it was given, stays the same nodes in its live region, so a screen reader does not say it again.
    await inFrame<void>(frame, "document.querySelector('#check-quiz-single .cp-feedback').firstChild.cpSaid = true");
    const course = await readCourseData(frame);
    for (const check of course.checks.filter((c) => c.scored && c.id !== 'quiz-single')) {
      await frame.locator(`#cp-toc a[data-page="${check.page}"]`).click();
      await answerCheck(frame, check, rightAnswer(check));
    }
    const scored = course.checks.filter((c) => c.scored).length;
    await expect.poll(() => inFrame<number>(frame, "document.querySelectorAll('form[data-check] .cp-check-submit:disabled').length"), POLL).toBe(scored);
    expect(await inFrame<boolean>(frame, "document.querySelector('#check-quiz-single .cp-feedback').firstChild.cpSaid === true")).toBe(true);
  }, BROWSER_TIMEOUT);
});
