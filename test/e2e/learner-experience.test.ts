/**
 * The learner experience of issue 12 in Chromium: the cover, Start over, the results (failed, then passed),
 * Try again (all, and only the missed ones with a shuffled check), welcome back, the exit page, a keyboard-only path from the cover to the results,
 * axe-core on every new page type in light and dark, at 320 px and 1280 px, and a launch that never draws every page at once.
 */
import type { Frame, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CheckData } from '../../src/shared/course-data.js';
import { decodeSuspendData } from '../../src/shared/suspend-data.js';
import { missing } from '../helpers/require-tools.js';
import { checkPage } from './check-axe.js';
import { countsSplit } from './counts-on-one-line.js';
import {
  answerCheck, clickAsLearner, clickThrough, leaveCover, openCourse, passCourse, readAll, readCourseData, readHost, readHostWhenFinished, readStoredAfterClose, seedFromStored, waitForPlayer, waitShown,
} from './harness/run-course.mjs';
import { findLifecycleViolations } from './scorm12-rules.js';
import { BROWSER_TIMEOUT, POLL, usePackage } from './use-package.js';

/**
 * Light and dark, 1280 and 320 px wide. Every WCAG 2.1 A/AA rule in the two opposite looks; in the other
 * two only what a colour scheme or a width alone can change (contrast, and content hidden or reflowed at
 * 320 px is covered by the full run at 320 px in dark), so the four looks cost little more than two.
 */
const LOOKS = [
  { scheme: 'light', width: 1280, rules: 'all' }, { scheme: 'dark', width: 320, rules: 'all' },
  { scheme: 'dark', width: 1280, rules: 'contrast' }, { scheme: 'light', width: 320, rules: 'contrast' },
] as const;

/** axe on the page as it is, in every look (no reload: the same state). */
async function axeInEveryLook(page: Page, name: string, found: Record<string, string[]>): Promise<void> {
  for (const look of LOOKS) {
    await page.emulateMedia({ colorScheme: look.scheme });
    await page.setViewportSize({ width: look.width, height: 800 });
    const result = await checkPage(page, look.rules === 'all' ? { bestPractice: true } : { rules: ['color-contrast'] });
    expect(result.passes + result.violations.length, `${name}: axe ran`).toBeGreaterThan(0);
    found[`${name}, ${look.scheme}, ${look.width} px`] = result.violations;
    if (look.width === 320) {
      expect(await page.evaluate<number>('document.documentElement.scrollWidth'), `${name}: no sideways scrolling at 320 px`).toBeLessThanOrEqual(320);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
}

const screen = (scope: Page | Frame, name: string) => scope.locator(`section[data-screen="${name}"]`);

/** Answers `checks` right, goes on from the last page to the results and submits the scored check. */
async function answerRightAndSubmit(scope: Frame, checks: readonly CheckData[]): Promise<void> {
  for (const check of checks) {
    await clickThrough(scope, `#cp-toc a[data-page="${check.page}"]`);
    await answerCheck(scope, check, check.options.filter((o) => o.correct).map((o) => o.id));
  }
  await clickThrough(scope, '#cp-toc a[data-page="quiz--done"]');
  await clickThrough(scope, '#cp-next');
  await clickThrough(scope, `${RESULTS} .cp-submit`);
}
const shownPage = (scope: Page | Frame) => scope.locator('section.cp-page:not([hidden])').getAttribute('data-page');
/** shownPage for polls, in one protocol message a try (readAll): the same read (waits for the page, strict). */
const shownPageIn = (scope: Page | Frame) => async () =>
  (await readAll(scope, { page: ['attr', 'section.cp-page:not([hidden])', { name: 'data-page' }] })).page;
const COVER = 'section[data-screen="cover"]';
const RESULTS = 'section[data-screen="results"]';

/**
 * The space inside each box `selector` finds, above its first shown child and below its last, in px: a last
 * paragraph's or list's own margin inside the padding left twice the space at the foot as at the head.
 */
function boxGaps(scope: { locator(selector: string): Locator }, selector: string): Promise<string[]> {
  return scope.locator(selector).evaluateAll((boxes) => boxes.map((box) => {
    const view = box.ownerDocument.defaultView as unknown as { getComputedStyle(e: unknown): { borderTopWidth: string; borderBottomWidth: string } };
    const style = view.getComputedStyle(box);
    const outer = box.getBoundingClientRect();
    const shown = [...box.children].map((child) => child.getBoundingClientRect()).filter((r) => r.height > 0);
    const top = Math.round((shown[0]?.top ?? 0) - outer.top - parseFloat(style.borderTopWidth));
    const bottom = Math.round(outer.bottom - Math.max(...shown.map((r) => r.bottom)) - parseFloat(style.borderBottomWidth));
    return `${box.className}: ${top} above, ${bottom} below`;
  }));
}
const even = (gaps: string[]) => gaps.map((gap) => gap.replace(/(\d+) above, \1 below$/, 'even'));

describe.skipIf(missing('chromium'))('the learner experience: cover, results, welcome back, exit', () => {
  const pkg = usePackage();

  it('a new learner lands on the cover: title, publisher, minutes, modules and their state, one Start button', async () => {
    const { frame } = await openCourse(await pkg.newContext(), pkg.url, { onCover: true });
    const cover = screen(frame, 'cover');
    await cover.waitFor({ state: 'visible' });
    // The cover's texts in one round trip (readAll: the same reads as the locators', strict and waiting alike).
    const shown = await readAll(frame, {
      title: ['text', `${COVER} h1`], publisher: ['text', `${COVER} .cp-cover-publisher`], meta: ['text', `${COVER} .cp-cover-meta`],
      modules: ['texts', `${COVER} .cp-cover-module`], progress: ['text', '.cp-progress-text'],
    });
    expect(shown.title).toBe('Runtime Fixture Course');
    // course.yaml `organization`, also the manifest's LOM publisher (build-manifest.test.ts).
    expect(shown.publisher).toBe('Published by coursepack tests');
    expect(shown.meta).toBe('About 10 minutes \u00b7 2 modules \u00b7 6 pages');
    expect(shown.modules).toEqual([
      'Basics \u00b7 5 min \u00b7 Not started', 'Quiz \u00b7 5 min \u00b7 Not started',
    ]);
    expect(await cover.getByRole('button').allTextContents()).toEqual(['Start']);
    // A count keeps its word on its line, however narrow the column: on a phone the mentoring course's cover read
    // "33 | pages" and "· 20 | min", the number at the end of one line and what it counts on the next.
    const split = await countsSplit(cover.locator('.cp-cover-meta, .cp-cover-module'));
    expect(split).toEqual([]);
    expect(shown.progress).toBe('Overview \u00b7 0% complete');
    // Screens leaving or hidden are not rebuilt (in a 600-page course that was most of a page turn's time).
    await frame.evaluate(`(() => {
      window.cpMutations = 0;
      const observer = new MutationObserver((records) => { window.cpMutations += records.length; });
      for (const screen of document.querySelectorAll('section[data-screen="cover"], section[data-screen="results"]')) observer.observe(screen, { childList: true, subtree: true, characterData: true });
    })()`);
    await cover.getByRole('button', { name: 'Start' }).click();
    // Polled through the course's document resolved once (Start does not navigate).
    await expect.poll(shownPageIn(frame), POLL).toBe('basics--welcome');
    expect((await readAll(frame, { focused: ['attr', ':focus', { name: 'id' }] })).focused).toBe('h-basics--welcome');
    expect(await frame.evaluate('window.cpMutations')).toBe(0);
    // So does a module's first page, in "In this module (about 5 min) you will be able to:": at 320 px it read
    // "(about 5" then "min) you will be able to:".
    expect(await countsSplit(frame.locator('section[data-page="basics--welcome"] .cp-objectives-title'))).toEqual([]);
    // The header reaches the cover at any time; it now says where the learner is.
    await frame.getByRole('button', { name: 'Course overview' }).click();
    await cover.waitFor({ state: 'visible' });
    expect(await cover.locator('.cp-cover-module').first().textContent()).toBe('Basics \u00b7 5 min \u00b7 In progress');
    expect(await cover.getByRole('button', { name: 'Continue' }).count()).toBe(1);
  }, BROWSER_TIMEOUT);

  it('the results: failed (in the LMS too) with the missed questions and links to review them, Try again, then passed and complete; a relaunch opens the cover with the result and the day', async () => {
    const context = await pkg.newContext();
    const { page, frame } = await openCourse(context, pkg.url);
    const course = await readCourseData(frame);
    await passCourse(frame, course, { wrong: ['quiz-single', 'quiz-truefalse'], exit: false });
    // failed is a status change, so the LMS has it at once (committed), not at the next pause.
    await expect.poll(async () => (await readHost(page)).stored['cmi.core.lesson_status'], POLL).toBe('failed');
    expect((await readHost(page)).stored['cmi.core.score.raw']).toBe('33');
    const results = screen(frame, 'results');
    // The results' texts and counts in one round trip (readAll: the same reads as the locators', strict and waiting alike).
    const failed = await readAll(frame, {
      title: ['text', `${RESULTS} h1`], result: ['text', `${RESULTS} .cp-result`], missedAfter: ['count', `${RESULTS} .cp-result + .cp-missed`],
      missed: ['count', `${RESULTS} .cp-missed li`], wrong: ['count', '#check-quiz-single .cp-verdict.cp-wrong'],
      progress: ['text', '.cp-progress-text'], bar: ['attr', '.cp-progress-bar > div', { name: 'style' }],
    });
    expect(failed.title).toBe('Not passed yet');
    // Try again in the verdict's box, before the questions to review (after them it was out of sight).
    expect(failed.result).toBe('\u2717 You have not passed yet.Your score: 33%. The pass mark is 80%. Attempt 1.Try again asks all 3 questions again.Try again');
    expect(failed.missedAfter).toBe(1);
    // Each missed question, under its module, with a link to the page that teaches it.
    const missed = results.locator('.cp-missed li');
    expect(failed.missed).toBe(2);
    expect(await missed.first().getByRole('link').getAttribute('data-page')).toBe('quiz--scored-questions');
    // Right or wrong shows on each scored question only now, after the submit.
    expect(failed.wrong).toBe(1);
    // Each box as much space inside at its foot as at its head (the last list's or paragraph's margin was added at the foot).
    const gaps = await boxGaps(results, '.cp-result, .cp-missed, .cp-checklist');
    expect(even(gaps)).toEqual(['cp-result cp-result-failed: even', 'cp-missed: even', 'cp-checklist: even']);
    // The progress bar never says done to a learner who has not met the completion rule.
    expect(failed.progress).toMatch(/^Results · \d+% complete$/);
    expect(failed.bar).not.toContain('100%');
    await results.getByRole('button', { name: 'Try again' }).click();
    // Try again (retry: all) asks every scored question again, from the first one's page (polled through the
    // course's document resolved once: nothing here navigates).
    await expect.poll(shownPageIn(frame), POLL).toBe('quiz--scored-questions');
    const asked = await readAll(frame, { checked: ['checked', '#quiz-multiple-a'], number: ['text', '.cp-question-number', { nth: 0 }] });
    expect(asked.checked).toBe(false);
    expect(asked.number).toBe('Question 1 of 3');
    await answerRightAndSubmit(frame, course.checks.filter((c) => c.scored));
    const passed = await readAll(frame, {
      title: ['text', `${RESULTS} h1`], result: ['text', `${RESULTS} .cp-result`], day: ['text', `${RESULTS} .cp-complete-day`], progress: ['text', '.cp-progress-text'],
    });
    expect(passed.title).toBe('Course complete');
    expect(passed.result).toContain('Your score: 100%. The pass mark is 80%. Attempt 2.');
    expect(passed.day).toMatch(/^You completed this course on \w+ \d{1,2}, \d{4}\.$/);
    expect(passed.progress).toBe('Results · Complete');
    // The feedback on a wrong answer, "Not quite." over the author's paragraph: as even inside (the paragraph's margin doubled the foot).
    const practice = course.checks.find((c) => c.id === 'practice-single');
    if (!practice) throw new Error('the fixture has practice-single');
    await clickThrough(frame, `#cp-toc a[data-page="${practice.page}"]`);
    await answerCheck(frame, practice, ['a']);
    expect(even(await boxGaps(frame, '#check-practice-single .cp-feedback'))).toEqual(['cp-feedback: even']);
    await clickAsLearner(frame, '#cp-exit');
    // Answering right after failing upgrades failed → passed in the LMS, in a lifecycle without fault.
    const host = await readHostWhenFinished(page);
    expect(findLifecycleViolations(host.trace)).toEqual([]);
    expect(host.stored['cmi.core.lesson_status']).toBe('passed');
    expect(host.stored['cmi.core.score.raw']).toBe('100');
    await page.close();

    // After completion a relaunch opens the cover, with the result and the day.
    const { stored } = await readStoredAfterClose(context, pkg.url);
    const again = await openCourse(context, pkg.url, { seed: seedFromStored(stored), onCover: true });
    const cover = screen(again.frame, 'cover');
    await cover.waitFor({ state: 'visible' });
    const relaunched = await readAll(again.frame, { result: ['text', `${COVER} .cp-cover-result`], quiz: ['text', `${COVER} .cp-cover-module`, { nth: -1 }] });
    expect(relaunched.result).toMatch(/^You completed this course on \w+ \d{1,2}, \d{4}\. You passed with 100%\.$/);
    expect(relaunched.quiz).toBe('Quiz \u00b7 5 min \u00b7 Passed, best score 100%');
    expect(await cover.getByRole('button', { name: 'Review the course' }).count()).toBe(1);
    // Start over in one row with Review the course, as tall and level with it (it sat 4 px lower, in smaller type).
    const row = await cover.locator('.cp-cover-actions button:not([hidden])').evaluateAll((buttons) => buttons.map((b) => {
      const r = b.getBoundingClientRect();
      const view = b.ownerDocument.defaultView as unknown as { getComputedStyle(e: unknown): { fontSize: string } };
      return `${b.textContent}: top ${Math.round(r.top)}, height ${Math.round(r.height)}, type ${view.getComputedStyle(b).fontSize}`;
    }));
    expect(row).toHaveLength(2);
    expect(row[1]?.replace(/^[^:]*/, '')).toBe(row[0]?.replace(/^[^:]*/, ''));
  }, BROWSER_TIMEOUT * 2);

  it('Next from the bottom of a long page shows the next page at its top at once, smooth scrolling on or not', async () => {
    const context = await pkg.newContext({ reducedMotion: 'no-preference', viewport: { width: 320, height: 320 } });
    const { frame } = await openCourse(context, pkg.url);
    const scrolled = await frame.evaluate(`new Promise((resolve) => {
      document.documentElement.style.scrollBehavior = 'auto';
      window.scrollTo(0, document.documentElement.scrollHeight);
      document.documentElement.style.scrollBehavior = '';
      requestAnimationFrame(() => {
        const before = window.scrollY;
        document.getElementById('cp-next').click();
        // A smooth scroll to the top took ~350-570 ms on a throttled CPU; at once is within a few frames.
        setTimeout(() => requestAnimationFrame(() => resolve([before, window.scrollY])), 100);
      });
    })`);
    const [before, after] = scrolled as [number, number];
    expect(before).toBeGreaterThan(100);
    expect(after).toBe(0);
  }, BROWSER_TIMEOUT);

  it('the cover keeps the best score over a worse retry, as the LMS does', async () => {
    const { frame, page } = await openCourse(await pkg.newContext(), pkg.url);
    const course = await readCourseData(frame);
    const results = screen(frame, 'results');
    await passCourse(frame, course, { wrong: ['quiz-single'], exit: false });
    // Polled through the course's document resolved once (nothing here navigates), the same strict, waiting read.
    const result = async () => (await readAll(frame, { result: ['text', `${RESULTS} .cp-result`] })).result;
    await expect.poll(result, POLL).toContain('Your score: 67%');
    await results.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(shownPageIn(frame), POLL).toBe('quiz--scored-questions');
    await passCourse(frame, course, { wrong: ['quiz-single', 'quiz-truefalse'], exit: false });
    await expect.poll(result, POLL).toContain('Your score: 33%');
    expect((await readHost(page)).stored['cmi.core.score.raw']).toBe('67');
    // Only a way to the cover here: the browser's own click (the header's button, "Course overview").
    await clickThrough(frame, '.cp-overview');
    const cover = screen(frame, 'cover');
    await cover.waitFor({ state: 'visible' });
    expect(await cover.locator('.cp-cover-module').last().textContent()).toBe('Quiz \u00b7 5 min \u00b7 Not passed yet, best score 67%');
  }, BROWSER_TIMEOUT);

  it('welcome back: a returning learner lands on their page with a notice naming it, Continue and Course overview', async () => {
    const context = await pkg.newContext();
    const first = await openCourse(context, pkg.url);
    await clickThrough(first.frame, '#cp-next');
    await waitShown(first.frame, 'section[data-page="basics--practice"]');
    await first.page.close({ runBeforeUnload: true });
    const { stored } = await readStoredAfterClose(context, pkg.url);
    const { frame } = await openCourse(context, pkg.url, { seed: seedFromStored(stored), onCover: true });
    // Polled through the course's document resolved once (Course overview and Continue do not navigate).
    await expect.poll(shownPageIn(frame), POLL).toBe('basics--practice');
    const welcome = frame.getByRole('region', { name: 'Welcome back' });
    // SCORM gives "Doe, Jane": the player says "Jane".
    expect(await welcome.locator('p').textContent()).toBe('Welcome back, \u2068Jane\u2069. You were on page 2 of 6, in Basics.');
    await welcome.getByRole('button', { name: 'Course overview' }).click();
    await screen(frame, 'cover').waitFor({ state: 'visible' });
    expect(await welcome.count()).toBe(0);
    await frame.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(shownPageIn(frame), POLL).toBe('basics--practice');
  }, BROWSER_TIMEOUT);

  it('a scored answer chosen but not saved says so, and says saved once it is (it looked answered, and the results said not)', async () => {
    const { frame } = await openCourse(await pkg.newContext(), pkg.url);
    await clickThrough(frame, '#cp-toc a[data-page="quiz--scored-questions"]');
    const form = frame.locator('form[data-check="quiz-single"]');
    // Read through the course's document resolved once (nothing here navigates), the same strict, waiting read.
    const said = async () => (await readAll(frame, { said: ['text', 'form[data-check="quiz-single"] .cp-feedback'] })).said;
    await form.locator('input').first().check();
    expect(await said()).toBe('Not saved yet: select Save answer to keep this answer.');
    await form.locator('.cp-check-submit').click();
    await expect.poll(said, POLL).toMatch(/^Answer saved\./);
    await form.locator('input').nth(1).check();
    expect(await said()).toMatch(/^Not saved yet/);
    await form.locator('input').first().check();
    expect(await said()).toMatch(/^Answer saved\./);
  }, BROWSER_TIMEOUT);

  it('after Exit: a page says the progress is saved, and nothing that records can be used', async () => {
    const { page, frame } = await openCourse(await pkg.newContext(), pkg.url);
    await clickThrough(frame, '#cp-next');
    await clickAsLearner(frame, '#cp-exit');
    const exited = screen(frame, 'exited');
    await exited.waitFor({ state: 'visible' });
    // Every read of the exit page in one round trip (readAll: the same reads as the locators', strict and waiting alike).
    const controls = ['#cp-prev', '#cp-next', '#cp-exit', '.cp-overview'];
    const hidden = ['.cp-progress', '#cp-toc', '.cp-nav'];
    const after = await readAll(frame, {
      title: ['text', 'section[data-screen="exited"] h1'], focused: ['attr', ':focus', { name: 'id' }], pages: ['count', 'section.cp-page:not([hidden])'],
      reflection: ['disabled', '#reflect-first-thoughts'],
      ...Object.fromEntries(controls.flatMap((selector) => [[`disabled ${selector}`, ['disabled', selector] as const], [`visible ${selector}`, ['visible', selector] as const]])),
      ...Object.fromEntries(hidden.map((selector) => [`visible ${selector}`, ['visible', selector] as const])),
    });
    expect(after.title).toBe('Your progress is saved.');
    expect(after.focused).toBe('h-exited');
    expect(after.pages).toBe(0);
    // Disabled, and out of sight with the progress and the contents: a page of dashed dead buttons looked broken.
    for (const selector of controls) {
      expect([selector, after[`disabled ${selector}`], after[`visible ${selector}`]]).toEqual([selector, true, false]);
    }
    for (const selector of hidden) expect([selector, after[`visible ${selector}`]]).toEqual([selector, false]);
    expect(after.reflection).toBe(true);
    await expect.poll(async () => (await readHost(page)).finished, POLL).toBe(true);
    expect(findLifecycleViolations((await readHost(page)).trace)).toEqual([]);
  }, BROWSER_TIMEOUT);

  it('without an LMS, "Forget my answers" starts over at the cover (not on the page in the address) and still says it is done', async () => {
    const page = await (await pkg.newContext()).newPage();
    await page.goto(`${pkg.url}/sco/index.html`);
    await waitForPlayer(page);
    await leaveCover(page);
    await clickThrough(page, '#cp-next');
    await page.locator('#reflect-first-thoughts').fill('Mine alone.');
    expect(new URL(page.url()).hash).toBe('#page-basics--practice');
    await clickAsLearner(page, '.cp-forget-ask');
    await Promise.all([page.waitForEvent('load'), clickAsLearner(page, '.cp-forget-confirm')]);
    await waitForPlayer(page);
    expect(new URL(page.url()).hash).toBe('#cover');
    await screen(page, 'cover').waitFor({ state: 'visible' });
    // The confirmation the reload would have wiped, where focus is (said once: it is no live region).
    const done = page.locator('.cp-forgotten');
    expect(await done.textContent()).toBe('Done: this computer no longer keeps your answers.');
    await expect.poll(() => page.evaluate<boolean>("document.activeElement === document.querySelector('.cp-forgotten')"), POLL).toBe(true);
    const forgotten = await readAll(page, { role: ['attr', '.cp-forgotten', { name: 'role' }], welcome: ['count', '.cp-welcome'], reflection: ['value', '#reflect-first-thoughts'] });
    expect(forgotten.role).toBeNull();
    expect(forgotten.welcome, 'no progress left to welcome back to').toBe(0);
    expect(forgotten.reflection).toBe('');
    // Said once: gone once the learner moves on, and not shown again on a reload.
    await clickAsLearner(page, '.cp-start');
    expect(await done.count()).toBe(0);
    await page.reload();
    await waitForPlayer(page);
    expect(await page.locator('.cp-forgotten').count()).toBe(0);
  }, BROWSER_TIMEOUT);

  it('Start over, from the cover: asks first, then clears this attempt\'s progress and opens the first page; the LMS hears it at once', async () => {
    const { page, frame } = await openCourse(await pkg.newContext(), pkg.url);
    const course = await readCourseData(frame);
    await clickThrough(frame, '#cp-next');
    const practice = course.checks.find((c) => c.id === 'practice-single');
    if (!practice) throw new Error('the fixture course has no check "practice-single"');
    await answerCheck(frame, practice, practice.options.filter((o) => o.correct).map((o) => o.id));
    const stored = async () => decodeSuspendData(course, (await readHost(page)).stored['cmi.suspend_data'] ?? '');
    await expect.poll(async () => (await stored())?.answers.has('practice-single'), POLL).toBe(true);

    // Only a way to the cover here: the browser's own click (the header's button, "Course overview").
    await clickThrough(frame, '.cp-overview');
    const cover = screen(frame, 'cover');
    await cover.waitFor({ state: 'visible' });
    // A learner who presses it by mistake loses nothing: it asks first, and Cancel leaves all as it was.
    await cover.getByRole('button', { name: 'Start over' }).click();
    expect(await cover.locator('.cp-confirm-question').textContent()).toMatch(/^This clears your progress in this attempt/);
    await cover.getByRole('button', { name: 'Cancel' }).click();
    expect(await cover.locator('.cp-cover-module').first().textContent()).toBe('Basics \u00b7 5 min \u00b7 Done');
    await cover.getByRole('button', { name: 'Start over' }).click();
    await cover.getByRole('button', { name: 'Clear my progress' }).click();

    await expect.poll(() => shownPage(frame), POLL).toBe('basics--welcome');
    // Committed at once: the LMS holds the cleared progress (only the first page viewed, no answer).
    await expect.poll(async () => (await stored())?.answers.size, POLL).toBe(0);
    const after = await stored();
    expect([...(after?.viewed ?? [])]).toEqual(['basics--welcome']);
    expect(after?.location).toBe('basics--welcome');
    // SCORM 1.2 has no new attempt to ask for: the status stays (never downgraded).
    expect((await readHost(page)).stored['cmi.core.lesson_status']).toBe('incomplete');
    await clickThrough(frame, '#cp-toc a[data-page="basics--practice"]');
    const cleared = await readAll(frame, { checked: ['count', 'form[data-check="practice-single"] input:checked'], disabled: ['disabled', 'form[data-check="practice-single"] .cp-check-submit'] });
    expect(cleared.checked).toBe(0);
    expect(cleared.disabled).toBe(false);
  }, BROWSER_TIMEOUT);

  it('on a phone (375x667): fixed chrome takes at most 20% of the screen, Contents overlays the page, a figure fits and opens full size', async () => {
    const { frame, page } = await openCourse(await pkg.newContext(), pkg.url);
    await page.setViewportSize({ width: 375, height: 667 });
    // The SCO's own viewport inside the host page: measured in the frame.
    type Box = { top: number; height: number; width: number };
    const fixedChrome = await frame.locator('body').evaluate((body: { ownerDocument: any }) => {
      const doc = body.ownerDocument;
      const view = doc.defaultView;
      let covered = 0;
      for (const el of doc.querySelectorAll('body *')) {
        const style = view.getComputedStyle(el);
        if (!['fixed', 'sticky'].includes(style.position) || style.display === 'none' || style.visibility === 'hidden') continue;
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) covered += Math.min(r.bottom, view.innerHeight) - Math.max(r.top, 0);
      }
      return { covered, height: view.innerHeight };
    });
    expect(fixedChrome.height).toBeGreaterThan(500);
    expect(fixedChrome.covered / fixedChrome.height).toBeLessThanOrEqual(0.2);
    // Contents opens over the page: the page does not move.
    const pageTop = () => frame.locator('section.cp-page:not([hidden])').evaluate((el: { getBoundingClientRect(): Box }) => el.getBoundingClientRect().top);
    const before = await pageTop();
    await frame.getByRole('button', { name: 'Contents' }).click();
    expect(await frame.locator('#cp-toc').isVisible()).toBe(true);
    expect(await pageTop()).toBe(before);
    // Scrolled, the panel's entries pass under a band across its top, not beside Close: they ran on beside it,
    // "Mentoring Young Invento" half under the button, and a tap beside Close followed the entry under it.
    await page.setViewportSize({ width: 375, height: 260 });
    const besideClose = await frame.locator('#cp-toc').evaluate((toc: { scrollTop: number; scrollHeight: number; clientHeight: number; ownerDocument: any; getBoundingClientRect(): Box & { left: number } }) => {
      toc.scrollTop = toc.scrollHeight;
      const close = toc.ownerDocument.querySelector('.cp-toc-close').getBoundingClientRect();
      const hits: string[] = [];
      for (let y = close.top + 2; y < close.bottom - 2; y += 4) {
        const hit = toc.ownerDocument.elementFromPoint(toc.getBoundingClientRect().left + 24, y);
        if (hit && hit.closest('li')) hits.push(hit.textContent.trim().slice(0, 40));
      }
      return { scrolls: toc.scrollHeight > toc.clientHeight, hits: [...new Set(hits)] };
    });
    expect(besideClose).toEqual({ scrolls: true, hits: [] });
    await page.setViewportSize({ width: 375, height: 667 });
    await clickAsLearner(frame, '#cp-toc a[data-page="basics--welcome"]');
    // The figure scales to the column and has a link to the picture full size.
    const figure = frame.locator('section[data-page="basics--welcome"] figure.cp-figure');
    const image = await figure.locator('img').boundingBox();
    expect(image && image.width).toBeLessThanOrEqual(375);
    const open = frame.locator('section[data-page="basics--welcome"] figure.cp-figure + .cp-figure-more').getByRole('link', { name: /Open full size/ });
    expect(await open.getAttribute('href')).toBe('assets/diagram.svg');
    expect(await open.getAttribute('target')).toBe('_blank');
  }, BROWSER_TIMEOUT);

  it('axe finds nothing on any new page type, in light and dark, at 320 px and 1280 px', async () => {
    const context = await pkg.newContext();
    const page = await context.newPage();
    await page.goto(`${pkg.url}/sco/index.html`);
    await waitForPlayer(page);
    const course = await readCourseData(page);
    const found: Record<string, string[]> = {};
    await screen(page, 'cover').waitFor({ state: 'visible' });
    await axeInEveryLook(page, 'cover, new learner', found);
    await leaveCover(page);
    await clickThrough(page, '#cp-next');
    await page.locator('#reflect-first-thoughts').fill('Ask more questions.');
    // Back without the page's address (a reload would keep #page-…, a deep link): resumed from this browser.
    await page.goto(`${pkg.url}/sco/index.html`);
    await waitForPlayer(page);
    await page.getByRole('region', { name: 'Welcome back' }).waitFor();
    await axeInEveryLook(page, 'page with welcome back', found);
    for (const check of course.checks.filter((c) => c.scored)) {
      await clickThrough(page, `#cp-toc a[data-page="${check.page}"]`);
      await answerCheck(page, check, [check.options.find((o) => !o.correct)?.id ?? 'a']);
    }
    await clickThrough(page, '#cp-toc a[data-page="quiz--done"]');
    await clickThrough(page, '#cp-next');
    await axeInEveryLook(page, 'results before submitting', found);
    await clickThrough(page, '.cp-submit');
    await axeInEveryLook(page, 'results, not passed: missed questions, Try again', found);
    await clickThrough(page, '#cp-toc a[data-page="quiz--scored-questions"]');
    await axeInEveryLook(page, 'scored answers revealed', found);
    await clickThrough(page, '#cp-toc a[data-page="quiz--done"]');
    await clickThrough(page, '#cp-next');
    await clickThrough(page, '.cp-retry');
    for (const check of course.checks.filter((c) => c.scored)) {
      await clickThrough(page, `#cp-toc a[data-page="${check.page}"]`);
      await answerCheck(page, check, check.options.filter((o) => o.correct).map((o) => o.id));
    }
    for (const p of course.pages) await clickThrough(page, `#cp-toc a[data-page="${p.id}"]`);
    await clickThrough(page, '#cp-next');
    await clickThrough(page, '.cp-submit');
    await screen(page, 'results').locator('.cp-plan').waitFor();
    await axeInEveryLook(page, 'course complete, with the action plan', found);
    await clickAsLearner(page, '#cp-exit');
    await axeInEveryLook(page, 'after Exit', found);
    for (const [name, violations] of Object.entries(found)) expect(violations, name).toEqual([]);
    expect(Object.keys(found)).toHaveLength(7 * LOOKS.length);
  }, BROWSER_TIMEOUT * 3);
});

describe.skipIf(missing('chromium'))('launch: the course is never drawn with all its pages at once', () => {
  const pkg = usePackage();

  it('player.js runs before the body is parsed, and while the player starts no page is laid out', async () => {
    // Without an LMS the player searches for one for 3 s: that search, on Playwright's stopped clock, is the
    // loading time looked at here (with an LMS it lasts until the API answers).
    const context = await pkg.newContext({ apiSearchMs: null });
    await context.clock.install({ time: 0 });
    await context.clock.pauseAt(1000);
    const page = await context.newPage();
    // What the document holds when the browser asks for player.js: the body not yet (the script is in the
    // head). From the end of the body, every page had been parsed and was drawn while the script loaded.
    let bodyWhenAsked: unknown = 'not asked';
    await page.route('**/sco/player.js', async (route) => {
      bodyWhenAsked = await page.evaluate('document.querySelector("main") !== null');
      await route.continue();
    });
    await page.goto(`${pkg.url}/sco/index.html`);
    expect(bodyWhenAsked).toBe(false);
    const loading = () => page.evaluate<{ loading: boolean; pages: number; laidOut: number; mainFillsWindow: boolean }>(`({
      loading: document.documentElement.classList.contains('cp-loading'),
      pages: document.querySelectorAll('section.cp-page').length,
      laidOut: [...document.querySelectorAll('main > section')].filter((s) => s.getClientRects().length > 0).length,
      mainFillsWindow: document.querySelector('main').offsetHeight >= innerHeight,
    })`);
    // Parsed, searching: no page has a box (visibility: hidden had laid them all out), and the main area
    // keeps the window's height, so the navigation bar already sits at the bottom.
    expect(await loading()).toEqual({ loading: true, pages: 6, laidOut: 0, mainFillsWindow: true });
    await context.clock.runFor(3000);
    await waitForPlayer(page);
    const started = await loading();
    expect(started.loading).toBe(false);
    // The cover alone: a screen, no page.
    expect(started.laidOut).toBe(1);
    expect(await page.locator('section[data-screen="cover"]').isVisible()).toBe(true);
  }, BROWSER_TIMEOUT);

  it('media wait for their page: nothing of them is fetched at launch, they load when shown and stop when left', async () => {
    const page = await (await pkg.newContext()).newPage();
    const fetched: string[] = [];
    page.on('request', (request) => {
      if (/\/assets\/(clip\.webm|tone\.mp3|clip\.vtt|clip-descriptions\.vtt)$/.test(new URL(request.url()).pathname)) fetched.push(new URL(request.url()).pathname);
    });
    await page.goto(`${pkg.url}/sco/index.html`);
    await waitForPlayer(page);
    await leaveCover(page);
    // Every page is in the document: with preload="metadata" each video and audio of the course had set up a
    // player and fetched its file's head at launch, the learner on the cover.
    const media = page.locator('section[data-page="quiz--watch-and-listen"] :is(video, audio)');
    expect(await media.evaluateAll((list) => list.map((m) => [m.getAttribute('preload'), m.getAttribute('data-cp-preload')]))).toEqual([['none', 'metadata'], ['none', 'metadata']]);
    // The first page shown, a turn, and a moment for any fetch: none of the media files.
    await clickThrough(page, '#cp-next');
    await page.evaluate(() => new Promise((done) => setTimeout(done, 200)));
    expect(fetched).toEqual([]);

    await clickThrough(page, '#cp-toc a[data-page="quiz--watch-and-listen"]');
    // Shown: the preload the build asked for is back, and the browser loads what it had deferred.
    expect(await media.evaluateAll((list) => list.map((m) => m.getAttribute('preload')))).toEqual(['metadata', 'metadata']);
    await expect.poll(() => media.evaluateAll((list) => list.map((m) => (m as unknown as { readyState: number }).readyState >= 1)), POLL).toEqual([true, true]);
    // The video's captions and audio description too, turned on only now (the player's: a browser fetches no
    // track left off, and at launch every `<track default>` of the course, the learner on the cover).
    await expect.poll(() => [...new Set(fetched)].sort(), POLL).toEqual(['/sco/assets/clip-descriptions.vtt', '/sco/assets/clip.vtt', '/sco/assets/clip.webm', '/sco/assets/tone.mp3']);
    type Tracked = { textTracks: ArrayLike<{ kind: string; mode: string }> };
    const modes = () => media.first().evaluate((v: Tracked) => Array.from(v.textTracks).map((t) => [t.kind, t.mode]));
    expect(await modes()).toEqual([['captions', 'showing'], ['descriptions', 'hidden']]);
    // Captions the learner turns off stay off when the page is shown again.
    await media.first().evaluate((v: Tracked) => { v.textTracks[0]!.mode = 'disabled'; });
    await clickThrough(page, '#cp-next');
    await clickThrough(page, '#cp-toc a[data-page="quiz--watch-and-listen"]');
    expect(await modes()).toEqual([['captions', 'disabled'], ['descriptions', 'hidden']]);

    // Playing, then Next: a hidden video keeps playing (and sounding) unless the player pauses it.
    type Playable = { muted: boolean; loop: boolean; paused: boolean; play(): Promise<void> };
    const video = media.first();
    await video.evaluate((v: Playable) => { v.muted = true; v.loop = true; return v.play(); });
    expect(await video.evaluate((v: Playable) => v.paused)).toBe(false);
    await clickThrough(page, '#cp-next');
    expect(await video.evaluate((v: Playable) => v.paused)).toBe(true);
    // Exit ends the session on a page of its own: the audio playing on the page left stops too.
    await clickThrough(page, '#cp-toc a[data-page="quiz--watch-and-listen"]');
    const audio = media.last();
    await audio.evaluate((a: Playable) => { a.muted = true; a.loop = true; return a.play(); });
    await page.getByRole('button', { name: 'Exit' }).click();
    await waitShown(page, 'section[data-screen="exited"]');
    expect(await audio.evaluate((a: Playable) => a.paused)).toBe(true);
  }, BROWSER_TIMEOUT);
});

describe.skipIf(missing('chromium'))('Try again with completion.retry: missed, and a shuffled scored check', () => {
  const pkg = usePackage('retryMissed');
  const order = (scope: Frame, check: string) =>
    scope.locator(`form[data-check="${check}"] input`).evaluateAll((inputs: Array<{ value: string }>) => inputs.map((i) => i.value));

  it('asks again only the missed questions, the shuffled one in a new order; the right answer stays; attempt 2 passes', async () => {
    const { page, frame } = await openCourse(await pkg.newContext(), pkg.url);
    const course = await readCourseData(frame);
    expect(course.completion.retry).toBe('missed');
    const firstOrder = await order(frame, 'quiz-multiple');
    expect([...firstOrder].sort()).toEqual(['a', 'b', 'c']);
    await passCourse(frame, course, { wrong: ['quiz-multiple', 'quiz-truefalse'], exit: false });
    await expect.poll(async () => (await readHost(page)).stored['cmi.core.lesson_status'], POLL).toBe('failed');
    const results = screen(frame, 'results');
    // The reads of each step in one round trip (readAll: the same reads as the locators', strict and waiting alike),
    // through the course's document resolved once (nothing here navigates).
    const MULTIPLE = 'form[data-check="quiz-multiple"]';
    const failed = await readAll(frame, {
      missed: ['count', `${RESULTS} .cp-missed li`], note: ['text', `${MULTIPLE} .cp-option:has(#quiz-multiple-b) .cp-option-feedback`], verdict: ['text', `${MULTIPLE} .cp-feedback`],
    });
    expect(failed.missed).toBe(2);
    // A multiple-answer check's feedback sits under the option it is about, with the mark, and describes it
    // (a screen reader says both on the option); the region below says only the verdict.
    const multiple = frame.locator(MULTIPLE);
    const described = await multiple.locator('#quiz-multiple-b').evaluate((input) =>
      (input.getAttribute('aria-describedby') ?? '').split(' ').map((id: string) => input.ownerDocument.getElementById(id)?.textContent?.trim()).join(' | '));
    expect(described).toBe('\u2717 Your answer: wrong | Carrot is a root vegetable.');
    expect(failed.note).toBe('Carrot is a root vegetable.');
    expect(failed.verdict).toBe('\u2717 Not quite.');
    await results.getByRole('button', { name: 'Try again' }).click();
    // Try again clears the notes with the marks, and their references.
    const retried = await readAll(frame, { notes: ['count', `${MULTIPLE} .cp-option-feedback`], described: ['attr', `${MULTIPLE} #quiz-multiple-b`, { name: 'aria-describedby' }] });
    expect(retried.notes).toBe(0);
    expect(retried.described).toBeNull();

    // The first missed question's page; the one answered right stays answered and cannot be changed.
    await expect.poll(shownPageIn(frame), POLL).toBe('quiz--scored-questions');
    const single = course.checks.find((c) => c.id === 'quiz-single');
    const right = single?.options.find((o) => o.correct)?.id ?? '';
    const asked = await readAll(frame, {
      right: ['checked', `#quiz-single-${right}`], disabled: ['disabled', 'form[data-check="quiz-single"] .cp-check-submit'],
      multiple: ['count', `${MULTIPLE} input:checked`], truefalse: ['count', 'form[data-check="quiz-truefalse"] input:checked'],
    });
    expect(asked.right).toBe(true);
    expect(asked.disabled).toBe(true);
    // The missed ones are asked again: cleared, and the shuffled check in another order than attempt 1's.
    expect(asked.multiple).toBe(0);
    const secondOrder = await order(frame, 'quiz-multiple');
    expect([...secondOrder].sort()).toEqual(['a', 'b', 'c']);
    expect(secondOrder).not.toEqual(firstOrder);
    expect(asked.truefalse).toBe(0);

    await answerRightAndSubmit(frame, course.checks.filter((c) => c.id === 'quiz-multiple' || c.id === 'quiz-truefalse'));
    const passed = await readAll(frame, { title: ['text', `${RESULTS} h1`], result: ['text', `${RESULTS} .cp-result`] });
    expect(passed.title).toBe('Course complete');
    expect(passed.result).toContain('Your score: 100%. The pass mark is 80%. Attempt 2.');
    await clickAsLearner(frame, '#cp-exit');
    const host = await readHostWhenFinished(page);
    expect(findLifecycleViolations(host.trace)).toEqual([]);
    expect(host.stored['cmi.core.lesson_status']).toBe('passed');
    expect(host.stored['cmi.core.score.raw']).toBe('100');
  }, BROWSER_TIMEOUT);

  it('a shuffled check keeps its order while it is answered, and Enter on an option (which submits the form) leaves focus on it', async () => {
    const { page, frame } = await openCourse(await pkg.newContext(), pkg.url);
    await clickThrough(frame, '#cp-toc a[data-page="quiz--scored-questions"]');
    const before = await order(frame, 'quiz-multiple');
    const option = frame.locator(`#quiz-multiple-${before[1] ?? 'b'}`);
    await option.focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await waitShown(frame, 'form[data-check="quiz-multiple"] .cp-saved');
    expect(await order(frame, 'quiz-multiple')).toEqual(before);
    expect(await option.evaluate((input) => input === input.ownerDocument.activeElement)).toBe(true);
  }, BROWSER_TIMEOUT);
});
