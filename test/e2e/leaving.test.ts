/**
 * Leaving the course in an LMS that saves by synchronous XHR (harness/sync-xhr-lms.mjs): what
 * counts as saved is only what the LMS's loopback endpoint received. Closed three ways (issue 7):
 * the tab closed with `beforeunload` run, the SCO frame replaced by the LMS, and the tab hidden
 * then closed; each checked against the strict SCORM 1.2 rules, then relaunched.
 */
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { missing } from '../helpers/require-tools.js';
import { learnerKey } from '../../src/runtime/learner-storage.js';
import type { TraceEntry } from './harness/run-course.mjs';
import { clickAsLearner, clickThrough, leaveCover, openCourse, scoFrameOf, waitForPlayer, waitShown } from './harness/run-course.mjs';
import { findLifecycleViolations } from './scorm12-rules.js';
import { BROWSER_TIMEOUT, POLL, usePackage, type PackageSession } from './use-package.js';

const TIMESPAN = /^\d{4}:\d{2}:\d{2}\.\d{2}$/;

async function launch(pkg: PackageSession, context: BrowserContext, learner: string, beacon: 'dismissal' | 'never' = 'dismissal') {
  const page = await context.newPage();
  await page.goto(`${pkg.url}/sync-host.html?learner=${learner}&beacon=${beacon}`);
  const frame = await scoFrameOf(page);
  await waitForPlayer(frame);
  await leaveCover(frame);
  return { page, frame };
}

/** The LMS API trace kept in the browser's storage (it outlives the tab), then cleared for the next launch. */
async function takeTrace(context: BrowserContext, url: string): Promise<TraceEntry[]> {
  const page = await context.newPage();
  await page.goto(`${url}/blank.html`);
  const json = await page.evaluate<string | null>(`(() => {
    const json = localStorage.getItem('cpLms:trace');
    localStorage.removeItem('cpLms:trace');
    return json;
  })()`);
  const trace = JSON.parse(json ?? '[]') as TraceEntry[];
  await page.close();
  return trace;
}

// Next and Previous get the browser's own click (clickThrough, one round trip, its handlers run before it returns):
// what these tests weigh is what a page turn saved, checked at the relaunch, not pointer input, where a Playwright
// click costs some 40 protocol messages of actionability checks through the frames above. Exit, Check answer, the
// options and Forget stay real clicks.
const shownPage = (frame: Frame) => frame.locator('section.cp-page:not([hidden])').getAttribute('data-page');

/** Two pages on from the start, with one scored answer: what a learner does before closing the tab. */
async function readTwoPages(frame: Frame): Promise<void> {
  await clickThrough(frame, '#cp-next');
  await clickThrough(frame, '#cp-next');
  await frame.locator('#quiz-single-b').check();
  await clickAsLearner(frame, '#check-quiz-single .cp-check-submit');
  await waitShown(frame, '#check-quiz-single .cp-saved');
}

function expectSuspendedAt(pkg: PackageSession, learner: string, location: string): void {
  const stored = pkg.lms.stored.get(learner) ?? {};
  expect(stored['cmi.core.lesson_location']).toBe(location);
  expect(stored['cmi.core.exit']).toBe('suspend');
  expect(stored['cmi.core.lesson_status']).toBe('incomplete');
  expect(stored['cmi.core.session_time']).toMatch(TIMESPAN);
  expect(stored['cmi.suspend_data']?.length).toBeGreaterThan(0);
  expect(stored['cmi.suspend_data']?.length).toBeLessThanOrEqual(4096);
  expect(pkg.lms.received.filter((r) => r.learner === learner && r.finish)).toHaveLength(1);
}

async function expectRelaunchAt(pkg: PackageSession, context: BrowserContext, learner: string, location: string): Promise<Page> {
  const { page, frame } = await launch(pkg, context, learner);
  await expect.poll(() => shownPage(frame), POLL).toBe(location);
  expect(await frame.locator('#quiz-single-b').isChecked()).toBe(true);
  return page;
}

describe.skipIf(missing('chromium'))('leaving in an LMS that saves by synchronous XHR', () => {
  const pkg = usePackage();

  it('the tab closed (beforeunload run): bookmark, session_time and exit reach the LMS; the relaunch lands there', async () => {
    const context = await pkg.newContext();
    const { page, frame } = await launch(pkg, context, 'close-1');
    await readTwoPages(frame);
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => pkg.lms.received.some((r) => r.learner === 'close-1' && r.finish), POLL).toBe(true);
    expectSuspendedAt(pkg, 'close-1', 'quiz--scored-questions');
    // The end of the session went by beacon (the LMS switched in its beforeunload), everything before by XHR.
    expect(pkg.lms.received.filter((r) => r.learner === 'close-1' && r.via === 'beacon').map((r) => r.finish)).toContain(true);
    const trace = await takeTrace(context, pkg.url);
    expect(findLifecycleViolations(trace)).toEqual([]);
    expect(trace.filter((c) => c.error !== '0')).toEqual([]);
    await expectRelaunchAt(pkg, context, 'close-1', 'quiz--scored-questions');
  }, BROWSER_TIMEOUT);

  it('the SCO frame replaced by the LMS: the session ends from the frame\'s own dismissal events', async () => {
    const context = await pkg.newContext();
    const { page, frame } = await launch(pkg, context, 'replace-1');
    await readTwoPages(frame);
    await page.evaluate('window.cpLms.openOtherActivity()');
    await expect.poll(() => pkg.lms.received.some((r) => r.learner === 'replace-1' && r.finish), POLL).toBe(true);
    expectSuspendedAt(pkg, 'replace-1', 'quiz--scored-questions');
    const trace = await takeTrace(context, pkg.url);
    expect(findLifecycleViolations(trace)).toEqual([]);
    expect(trace.filter((c) => c.error !== '0')).toEqual([]);
    await page.close();
    await expectRelaunchAt(pkg, context, 'replace-1', 'quiz--scored-questions');
  }, BROWSER_TIMEOUT);

  it('the tab hidden then closed: all is saved while hidden (typing included), the end comes at the close', async () => {
    const context = await pkg.newContext();
    const { page, frame } = await launch(pkg, context, 'hidden-1');
    await clickThrough(frame, '#cp-next');
    await frame.locator('#reflect-first-thoughts').pressSequentially('Half a thought');
    await readTwoPagesFromPractice(frame);
    await clickThrough(frame, '#cp-prev');
    await frame.locator('#reflect-first-thoughts').pressSequentially(', then more');
    await frame.evaluate(`(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    })()`);
    // Hidden, not dismissed: everything reached the LMS by XHR already, and the typing is kept.
    expect(pkg.lms.stored.get('hidden-1')?.['cmi.core.lesson_location']).toBe('basics--practice');
    expect(pkg.lms.received.filter((r) => r.learner === 'hidden-1').every((r) => r.via === 'xhr' && !r.finish)).toBe(true);
    const kept = (await frame.locator(":root").evaluate(`Object.keys(localStorage).map((k) => localStorage.getItem(k))`)) as string[];
    expect(kept).toContain('Half a thought, then more');
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => pkg.lms.received.some((r) => r.learner === 'hidden-1' && r.finish), POLL).toBe(true);
    expectSuspendedAt(pkg, 'hidden-1', 'basics--practice');
    expect(findLifecycleViolations(await takeTrace(context, pkg.url))).toEqual([]);
    const again = await launch(pkg, context, 'hidden-1');
    await expect.poll(() => shownPage(again.frame), POLL).toBe('basics--practice');
    expect(await again.frame.locator('#reflect-first-thoughts').inputValue()).toBe('Half a thought, then more');
  }, BROWSER_TIMEOUT);

  it('an LMS that never switches to sendBeacon still keeps the bookmark: every page turn was committed at once', async () => {
    const context = await pkg.newContext();
    const { page, frame } = await launch(pkg, context, 'naive-1', 'never');
    await readTwoPages(frame);
    await clickThrough(frame, '#cp-next');
    await waitShown(frame, 'section[data-page="quiz--true-or-false"]');
    await page.close({ runBeforeUnload: true });
    // Nothing sent during dismissal can arrive (Chrome refuses the XHR); what was committed before did.
    const stored = pkg.lms.stored.get('naive-1') ?? {};
    expect(stored['cmi.core.lesson_location']).toBe('quiz--true-or-false');
    expect(stored['cmi.core.exit']).toBe('suspend');
    expect(pkg.lms.received.some((r) => r.learner === 'naive-1' && r.finish)).toBe(false);
    await takeTrace(context, pkg.url);
    await expectRelaunchAt(pkg, context, 'naive-1', 'quiz--true-or-false');
  }, BROWSER_TIMEOUT);
});

async function readTwoPagesFromPractice(frame: Frame): Promise<void> {
  await clickThrough(frame, '#cp-next');
  await frame.locator('#quiz-single-b').check();
  await clickAsLearner(frame, '#check-quiz-single .cp-check-submit');
  await waitShown(frame, '#check-quiz-single .cp-saved');
}

describe.skipIf(missing('chromium'))('a shared computer: two learners in one browser profile', () => {
  const pkg = usePackage();

  it('neither sees the other\'s reflections; each finds their own again; Forget removes only theirs', async () => {
    const context = await pkg.newContext(); // one profile: one localStorage for both learners
    const write = async (learner: string, text: string) => {
      const { page, frame } = await launch(pkg, context, learner);
      await clickThrough(frame, '#cp-next');
      const box = frame.locator('#reflect-first-thoughts');
      expect(await box.inputValue()).toBe('');
      await box.fill(text);
      await clickAsLearner(frame, '#cp-exit');
      await page.close();
    };
    await write('librarian-a', 'A: my mentee struggles with deadlines');
    await write('librarian-b', 'B: ask more open questions');

    const a = await launch(pkg, context, 'librarian-a');
    await expect.poll(() => shownPage(a.frame), POLL).toBe('basics--practice');
    expect(await a.frame.locator('#reflect-first-thoughts').inputValue()).toBe('A: my mentee struggles with deadlines');
    // What the player keeps (the LMS double's own trace, same origin here, is not the player's).
    const kept = (await a.frame.evaluate(
      "JSON.stringify(Object.entries(localStorage).filter(([k]) => k.startsWith('coursepack:')))")) as string;
    expect(kept).toContain('deadlines');
    expect(kept).not.toMatch(/librarian-a|librarian-b/);

    await a.frame.getByRole('button', { name: 'Forget my answers on this computer' }).click();
    await a.frame.getByRole('button', { name: 'Forget them' }).click();
    expect(await a.frame.locator('.cp-forget .cp-confirm-status').textContent()).toMatch(/no longer keeps your answers/);
    expect(await a.frame.locator('#reflect-first-thoughts').inputValue()).toBe('');
    const left = (await a.frame.evaluate('JSON.stringify(Object.values(localStorage))')) as string;
    expect(left).not.toContain('deadlines');
    expect(left).toContain('open questions');
    await a.page.close();

    const b = await launch(pkg, context, 'librarian-b');
    await expect.poll(() => shownPage(b.frame), POLL).toBe('basics--practice');
    expect(await b.frame.locator('#reflect-first-thoughts').inputValue()).toBe('B: ask more open questions');
  }, BROWSER_TIMEOUT);

  it('an LMS that gives no student id (a guest account): nothing is kept in the browser, the notice says so, the next such learner sees nothing', async () => {
    const context = await pkg.newContext();
    const a = await launch(pkg, context, '');
    expect(await a.frame.locator('.cp-notice').textContent()).toContain('did not say who you are, so your reflections are not kept in this browser');
    await clickThrough(a.frame, '#cp-next');
    await a.frame.locator('#reflect-first-thoughts').fill('A: private thoughts about a student');
    await clickAsLearner(a.frame, '#cp-exit');
    // The LMS keeps the progress: the page after Exit does not say it is in this browser (it did, from the notice).
    expect(await a.frame.locator('#h-exited').textContent()).toBe('Your progress is saved.');
    const kept = (await a.frame.evaluate(
      "JSON.stringify(Object.entries(localStorage).filter(([k]) => k.startsWith('coursepack:')))")) as string;
    expect(kept).not.toContain('private thoughts');
    await a.page.close();
    const b = await launch(pkg, context, '');
    await clickThrough(b.frame, '#cp-next');
    expect(await b.frame.locator('#reflect-first-thoughts').inputValue()).toBe('');
  }, BROWSER_TIMEOUT);
  it('a browser that refuses to keep reflections (storage full, or blocked for the frame): the learner is told while they can copy their words', async () => {
    const refused = 'This browser does not let the course keep your reflections (its storage is full or blocked)';
    // Full: every write of a reflection fails with the quota error (an LMS's one origin, shared by every package).
    const full = await pkg.newContext();
    await full.addInitScript(`(() => {
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        if (String(key).includes(':reflect:')) throw new DOMException('full', 'QuotaExceededError');
        return setItem.call(this, key, value);
      };
    })()`);
    const a = await launch(pkg, full, 'librarian-full');
    await clickThrough(a.frame, '#cp-next');
    expect(await a.frame.locator('.cp-notice').count()).toBe(0);
    await a.frame.locator('#reflect-first-thoughts').fill('Words the browser will not keep');
    await a.frame.locator('#reflect-first-thoughts').blur();
    await expect.poll(() => a.frame.locator('.cp-notice').textContent(), POLL).toContain(refused);
    expect(await a.frame.locator('#cp-status').textContent()).toContain(refused);
    expect(await a.frame.locator('section.cp-page:not([hidden]) .cp-reflect-note').textContent()).toContain(refused);
    // Said once: a second box, or more typing, adds no second notice.
    await a.frame.locator('#reflect-first-thoughts').fill('More words');
    await a.frame.locator('#reflect-first-thoughts').blur();
    expect(await a.frame.locator('.cp-notice').count()).toBe(1);
    // Blocked: the course's frame may not touch storage at all (third-party storage blocked). Progress is the LMS's;
    // the notice is there from the start.
    const blocked = await pkg.newContext();
    await blocked.addInitScript(`(() => {
      if (window === window.top) return;
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
    })()`);
    const b = await launch(pkg, blocked, 'librarian-blocked');
    expect(await b.frame.locator('.cp-notice').textContent()).toContain(refused);
    await clickThrough(b.frame, '#cp-next');
    expect(await b.frame.locator('section.cp-page:not([hidden]) .cp-reflect-note').textContent()).toContain(refused);
    // Without an LMS, a browser that keeps nothing keeps no progress either: said as that, not "saved in this browser".
    const alone = await pkg.newContext();
    await alone.addInitScript(`Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });`);
    const direct = await alone.newPage();
    await direct.goto(`${pkg.url}/sco/index.html`);
    await waitForPlayer(direct);
    expect(await direct.locator('.cp-notice').textContent()).toContain('this browser does not let the course keep anything, so nothing you do here is saved');
    expect(await direct.locator('.cp-notice').textContent()).not.toContain('saved in this browser only');
  }, BROWSER_TIMEOUT);
});

describe.skipIf(missing('chromium'))('a shared computer: a course split into one package per module (--split modules)', () => {
  const pkg = usePackage('split');
  /** The player's items in this browser, from any page of the origin (every package of an LMS shares one). */
  const keptItems = (page: Page) => page.evaluate<Record<string, string>>(
    "Object.fromEntries(Object.entries(localStorage).filter(([k]) => k.startsWith('coursepack:')))");

  it('"Forget my answers" in one module\'s package forgets what the learner left in every module of the course, and nothing of another course', async () => {
    const context = await pkg.newContext();
    // Another course on the same LMS, for the same learner: not this course's to forget.
    const other = `coursepack:other-course:${await learnerKey('other-course', 'stu-001')}:reflect:notes`;
    // In an LMS: the learner writes a reflection in the first module's package and exits.
    const basics = await openCourse(context, pkg.url, { sco: 'basics' });
    await basics.page.evaluate(`localStorage.setItem(${JSON.stringify(other)}, "Another course's notes")`);
    await clickThrough(basics.frame, '#cp-next');
    await basics.frame.locator('#reflect-first-thoughts').fill('A: my mentee struggles with deadlines');
    await clickAsLearner(basics.frame, '#cp-exit');
    await basics.page.close();
    // Without an LMS (the package opened directly), another learner's progress in the first module.
    const alone = await context.newPage();
    await alone.goto(`${pkg.url}/sco/basics/index.html`);
    await waitForPlayer(alone);
    await leaveCover(alone);
    await alone.locator('#cp-next').click();
    await alone.locator('#reflect-first-thoughts').fill('Anonymous: thoughts on a quiet student');
    await alone.locator('#cp-exit').click();
    const before = Object.values(await keptItems(alone)).join('\n');
    expect(before).toContain('deadlines');
    expect(before).toContain('quiet student');
    await alone.close();

    // The LMS learner asks, in the second module's package, to forget their answers on this computer.
    const quiz = await openCourse(context, pkg.url, { sco: 'quiz', onCover: true });
    await clickAsLearner(quiz.frame, '.cp-forget-ask');
    await clickAsLearner(quiz.frame, '.cp-forget-confirm');
    expect(await quiz.frame.locator('.cp-forget .cp-confirm-status').textContent()).toMatch(/no longer keeps your answers/);
    const afterLms = await keptItems(quiz.page);
    expect(Object.values(afterLms).join('\n')).not.toContain('deadlines');
    // Only theirs: the anonymous learner's progress and the other course's item stay.
    expect(Object.values(afterLms).join('\n')).toContain('quiet student');
    expect(afterLms[other]).toBe('Another course\'s notes');
    await quiz.page.close();

    // Without an LMS, forgetting in the second module's package starts over and clears the first's progress too.
    const direct = await context.newPage();
    await direct.goto(`${pkg.url}/sco/quiz/index.html`);
    await waitForPlayer(direct);
    await direct.locator('.cp-forget-ask').click();
    await Promise.all([direct.waitForEvent('load'), direct.locator('.cp-forget-confirm').click()]);
    await waitForPlayer(direct);
    const afterAlone = await keptItems(direct);
    expect(Object.values(afterAlone).join('\n')).not.toContain('quiet student');
    expect(Object.keys(afterAlone).filter((k) => k.startsWith('coursepack:runtime-fixture-basics:'))).toEqual([]);
    expect(afterAlone[other]).toBe('Another course\'s notes');
  }, BROWSER_TIMEOUT);
});
