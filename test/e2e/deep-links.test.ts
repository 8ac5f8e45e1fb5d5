import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { missing } from '../helpers/require-tools.js';
import { clickAsLearner, leaveCover, openCourse, readHost, readHostWhenFinished, type Scope, waitForPlayer } from './harness/run-course.mjs';
import { BROWSER_TIMEOUT, POLL, usePackage } from './use-package.js';

const shown = (scope: Scope) => scope.locator('section.cp-page:not([hidden])').getAttribute('data-page');
/** The id of the focused element, or null; read at once (a `:focus` locator would wait for one to exist). */
const focused = (scope: Scope) => scope.evaluate<string | null, undefined>(
  'document.activeElement && document.activeElement !== document.body ? document.activeElement.id : null', undefined);
const pageErrors = new WeakMap<Page, string[]>();

describe.skipIf(missing('chromium'))('deep links: #page-{id} in the address, back and forward', () => {
  const pkg = usePackage();

  /** The launch page straight from the package (no LMS), in a short window so a late section would be off screen. */
  async function openDirect(hash = ''): Promise<Page> {
    const page = await (await pkg.newContext()).newPage();
    await page.setViewportSize({ width: 1280, height: 400 });
    const errors: string[] = [];
    pageErrors.set(page, errors);
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${pkg.url}/sco/index.html${hash}`);
    await waitForPlayer(page);
    await leaveCover(page);
    return page;
  }

  it('a shared link opens that page with its heading focused, and the window is not left scrolled to where the section sat', async () => {
    const page = await openDirect('#page-quiz--watch-and-listen');
    expect(await shown(page)).toBe('quiz--watch-and-listen');
    expect(await page.locator('section.cp-page:not([hidden])').count()).toBe(1);
    await expect.poll(() => focused(page), POLL).toBe('h-quiz--watch-and-listen');
    expect(await page.locator('#cp-toc a[aria-current="page"]').getAttribute('data-page')).toBe('quiz--watch-and-listen');
    expect(await page.locator('.cp-progress-text').textContent()).toMatch(/^Page 5 of 6/);
    expect(await page.evaluate<number, undefined>('window.scrollY', undefined)).toBe(0);
    const heading = await page.locator('#h-quiz--watch-and-listen').boundingBox();
    expect(heading && heading.y >= 0 && heading.y + heading.height <= 400).toBe(true);
    expect(pageErrors.get(page)).toEqual([]);
    await page.close();
  }, BROWSER_TIMEOUT);

  it('in the LMS, a #page- launch wins over the resume location; without one, SCORM resume still decides', async () => {
    const seed = { core: { entry: 'resume', lesson_status: 'incomplete', lesson_location: 'basics--practice' } };
    const linked = await openCourse(await pkg.newContext(), pkg.url, { seed, launchHash: '#page-quiz--done' });
    await expect.poll(() => shown(linked.frame), POLL).toBe('quiz--done');
    await expect.poll(() => focused(linked.frame), POLL).toBe('h-quiz--done');
    expect(await linked.frame.evaluate<number, undefined>('window.scrollY', undefined)).toBe(0);
    await clickAsLearner(linked.frame, '#cp-exit');
    await readHostWhenFinished(linked.page);
    expect((await readHost(linked.page)).stored['cmi.core.lesson_location']).toBe('quiz--done');

    const resumed = await openCourse(await pkg.newContext(), pkg.url, { seed });
    await expect.poll(() => shown(resumed.frame), POLL).toBe('basics--practice');
    // A resumed page is not a navigation: focus stays at the top of the document for screen readers.
    expect(await focused(resumed.frame)).toBeNull();
  }, BROWSER_TIMEOUT);

  it('an unknown page or another anchor in the address falls back to the first page', async () => {
    for (const hash of ['#page-no-such-page', '#cp-main', '#page-']) {
      const page = await openDirect(hash);
      expect(await shown(page), hash).toBe('basics--welcome');
      expect(pageErrors.get(page), hash).toEqual([]);
      await page.close();
    }
  }, BROWSER_TIMEOUT);

  it('the address follows the page shown, so it can be copied and reloaded', async () => {
    const page = await openDirect();
    expect(await page.evaluate<string>('location.hash')).toBe('#page-basics--welcome');
    await clickAsLearner(page, '#cp-next');
    expect(await page.evaluate<string>('location.hash')).toBe('#page-basics--practice');
    await page.reload();
    await waitForPlayer(page);
    await leaveCover(page);
    expect(await shown(page)).toBe('basics--practice');
    expect(pageErrors.get(page)).toEqual([]);
    await page.close();
  }, BROWSER_TIMEOUT);

  it('back and forward retrace links, the contents and Next, each landing on the heading', async () => {
    const page = await openDirect();
    await page.evaluate('window.cpSameDocument = true');
    const back = async () => page.evaluate('history.back()', undefined);
    const forward = async () => page.evaluate('history.forward()');
    await page.getByRole('link', { name: 'the quiz' }).click();
    expect(await shown(page)).toBe('quiz--scored-questions');
    await clickAsLearner(page, '#cp-next');
    expect(await shown(page)).toBe('quiz--true-or-false');
    await clickAsLearner(page, '#cp-toc a[data-page="quiz--done"]');
    expect(await shown(page)).toBe('quiz--done');

    await back();
    await expect.poll(() => shown(page), POLL).toBe('quiz--true-or-false');
    await expect.poll(() => focused(page), POLL).toBe('h-quiz--true-or-false');
    await back();
    await expect.poll(() => shown(page), POLL).toBe('quiz--scored-questions');
    await back();
    await expect.poll(() => shown(page), POLL).toBe('basics--welcome');
    await expect.poll(() => focused(page), POLL).toBe('h-basics--welcome');
    expect(await page.locator('#cp-toc a[aria-current="page"]').getAttribute('data-page')).toBe('basics--welcome');
    // Back once more: the course overview the learner started from, still inside the course.
    await back();
    await expect.poll(() => page.locator('section[data-screen="cover"]').isVisible(), POLL).toBe(true);
    await expect.poll(() => focused(page), POLL).toBe('h-cover');
    await forward();
    await expect.poll(() => shown(page), POLL).toBe('basics--welcome');
    await forward();
    await expect.poll(() => shown(page), POLL).toBe('quiz--scored-questions');
    await expect.poll(() => focused(page), POLL).toBe('h-quiz--scored-questions');
    // Still the same document: Back never left the course or reloaded it.
    expect(await page.evaluate<boolean>('window.cpSameDocument === true')).toBe(true);
    expect(pageErrors.get(page)).toEqual([]);
    await page.close();
  }, BROWSER_TIMEOUT);

  it('a hash typed or linked while the course runs shows that page at the top, not a scroll towards a hidden section', async () => {
    const page = await openDirect();
    await page.evaluate("window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'instant' })");
    expect(await page.evaluate<number, undefined>('window.scrollY', undefined)).toBeGreaterThan(0);
    await page.evaluate("location.hash = '#page-quiz--done'");
    await expect.poll(() => shown(page), POLL).toBe('quiz--done');
    await expect.poll(() => focused(page), POLL).toBe('h-quiz--done');
    await expect.poll(() => page.evaluate<number, undefined>('window.scrollY', undefined), POLL).toBe(0);
    // The skip link is an anchor too, but not a page: it must keep working and change nothing.
    await page.locator('.cp-skip').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page), POLL).toBe('cp-main');
    expect(await shown(page)).toBe('quiz--done');
    expect(pageErrors.get(page)).toEqual([]);
    await page.close();
  }, BROWSER_TIMEOUT);

  it('inside the LMS frame, the browser Back button goes to the previous course page, not out of the course', async () => {
    const { page, frame } = await openCourse(await pkg.newContext(), pkg.url);
    const hostUrl = page.url();
    await clickAsLearner(frame, '#cp-toc a[data-page="quiz--true-or-false"]');
    expect(await shown(frame)).toBe('quiz--true-or-false');
    await frame.evaluate('history.back()', undefined);
    await expect.poll(() => shown(frame), POLL).toBe('basics--welcome');
    await expect.poll(() => focused(frame), POLL).toBe('h-basics--welcome');
    expect(page.url()).toBe(hostUrl);
    expect((await readHost(page)).trace.some((c) => c.fn === 'LMSFinish')).toBe(false);
  }, BROWSER_TIMEOUT);
});
