import { describe, expect, it } from 'vitest';
import { missing } from '../helpers/require-tools.js';
import {
  clickAsLearner, clickThrough, leaveCover, openCourse, passCourse, readAll, readCourseData, readHost, readHostWhenFinished, readStoredAfterClose, seedFromStored, waitShown,
} from './harness/run-course.mjs';
import { findLifecycleViolations } from './scorm12-rules.js';
import { BROWSER_TIMEOUT, POLL, usePackage } from './use-package.js';

// Next gets the browser's own click (clickThrough, one round trip) where it only takes a test to the next page, and a
// real click where the test is about what that page turn saves (a disabled Next would make the test pass empty).
describe.skipIf(missing('chromium'))('resume in an LMS', () => {
  const pkg = usePackage();

  it.each(['BroadcastChannel', 'localStorage (no BroadcastChannel: Safari before 15.4)'])('the course opened again for the learner in another window (%s): the older window says so and saves nothing more over the newer one', async (via) => {
    const context = await pkg.newContext();
    if (via.startsWith('localStorage')) await context.addInitScript('delete window.BroadcastChannel');
    const older = await openCourse(context, pkg.url);
    await clickThrough(older.frame, '#cp-next');
    await waitShown(older.frame, 'section[data-page="basics--practice"]');
    // A reflection drafted here, the cursor still in its box.
    await older.frame.locator('#reflect-first-thoughts').fill('old draft');
    // The launch link clicked again (another LMS window: an API of its own, the same learner).
    const newer = await openCourse(context, pkg.url);
    // Polled through the older window's document resolved once (it does not navigate), the same waiting read.
    const notice = async () => (await readAll(older.frame, { last: ['text', '.cp-notice', { nth: -1 }] })).last;
    await expect.poll(notice, POLL).toBe('This course was opened again in another window, so this one no longer saves your progress. Go on in the other window.');
    expect(await newer.frame.locator('.cp-notice').count()).toBe(0);
    // The learner writes on in the newer window; back in the older one, leaving its box writes nothing over it.
    await clickThrough(newer.frame, '#cp-next');
    await newer.frame.locator('#reflect-first-thoughts').fill('final answer');
    await newer.frame.locator('#reflect-first-thoughts').blur();
    await older.frame.locator('#reflect-first-thoughts').focus();
    await older.frame.locator('#reflect-first-thoughts').blur();
    const kept = () => newer.page.evaluate<string[]>(`Object.keys(localStorage).filter((k) => k.endsWith(':reflect:first-thoughts')).map((k) => localStorage.getItem(k))`);
    expect(await kept()).toEqual(['final answer']);
    // A page turn in the older window writes nothing; the newer one still saves.
    const sets = async () => (await readHost(older.page)).trace.filter((c) => c.fn === 'LMSSetValue' || c.fn === 'LMSCommit').length;
    const before = await sets();
    await clickAsLearner(older.frame, '#cp-next');
    await clickAsLearner(older.frame, '#cp-exit');
    expect(await sets()).toBe(before);
    // Its exit page does not claim what it did after was saved.
    expect(await older.frame.locator('#h-exited').textContent()).toBe('Your progress was not saved.');
    await clickThrough(newer.frame, '#cp-next');
    await expect.poll(async () => (await readHost(newer.page)).stored['cmi.core.lesson_location'], POLL).toBeTruthy();
  }, BROWSER_TIMEOUT);

  it('a partial run closed by the tab, relaunched with the stored CMI, resumes where the learner left', async () => {
    const context = await pkg.newContext();
    const first = await openCourse(context, pkg.url);
    const course = await readCourseData(first.frame);
    await first.frame.locator('#practice-single-b').waitFor({ state: 'attached' });
    await clickThrough(first.frame, '#cp-next');
    await first.frame.locator('#practice-single-b').check();
    await clickAsLearner(first.frame, '#check-practice-single .cp-check-submit');
    await first.frame.locator('#reflect-first-thoughts').fill('I hope to learn a lot.');
    await clickThrough(first.frame, '#cp-next');
    await first.frame.locator('#quiz-single-b').check();
    await clickAsLearner(first.frame, '#check-quiz-single .cp-check-submit');
    await waitShown(first.frame, '#check-quiz-single .cp-saved');
    const trace = (await readHost(first.page)).trace;
    expect(findLifecycleViolations(trace, { finished: false })).toEqual([]);
    // Closing the tab fires beforeunload: the session finishes with exit=suspend.
    await first.page.close({ runBeforeUnload: true });
    const { stored, finishCalls } = await readStoredAfterClose(context, pkg.url);
    expect(finishCalls).toBe(1);
    expect(stored['cmi.core.exit']).toBe('suspend');
    expect(stored['cmi.core.lesson_status']).toBe('incomplete');
    expect(stored['cmi.core.lesson_location']).toBe('quiz--scored-questions');
    expect(stored['cmi.suspend_data']?.length).toBeLessThanOrEqual(4096);
    expect(stored['cmi.core.session_time']).toMatch(/^\d{4}:\d{2}:\d{2}\.\d{2}$/);

    const second = await openCourse(context, pkg.url, { seed: seedFromStored(stored) });
    const frame = second.frame;
    // Polled and read through the relaunched document resolved once (it does not navigate), the reads in one round
    // trip (readAll: the same reads as the locators', strict and waiting alike).
    await expect.poll(async () => (await readAll(frame, { page: ['attr', 'section.cp-page:not([hidden])', { name: 'data-page' }] })).page, POLL).toBe('quiz--scored-questions');
    const resumed = await readAll(frame, {
      current: ['attr', '#cp-toc a[aria-current="page"]', { name: 'data-page' }], viewed: ['count', '#cp-toc a.cp-viewed'],
      practice: ['checked', '#practice-single-b'], correct: ['count', '#check-practice-single .cp-verdict.cp-correct'],
      quiz: ['checked', '#quiz-single-b'], quizDisabled: ['disabled', '#quiz-single-b'], reflection: ['value', '#reflect-first-thoughts'],
    });
    expect(resumed.current).toBe('quiz--scored-questions');
    expect(resumed.viewed).toBe(3);
    expect(resumed.practice).toBe(true);
    expect(resumed.correct).toBe(1);
    expect(resumed.quiz).toBe(true);
    // A scored answer is a draft until the scored check is submitted: still there, still changeable.
    expect(resumed.quizDisabled).toBe(false);
    expect(resumed.reflection).toBe('I hope to learn a lot.');

    await passCourse(frame, course);
    const host = await readHostWhenFinished(second.page);
    expect(findLifecycleViolations(host.trace)).toEqual([]);
    expect(host.stored['cmi.core.lesson_status']).toBe('passed');
    expect(host.stored['cmi.core.score.raw']).toBe('100');
    // Reflection text never reaches the LMS.
    expect(host.trace.some((c) => c.args.some((a) => a.includes('learn a lot')))).toBe(false);
  }, BROWSER_TIMEOUT * 2);

  it('an older copy of the course (the LMS holds progress a newer one saved) says so, and leaves that progress as it is', async () => {
    const context = await pkg.newContext();
    // What a later coursepack writes: a version this player does not know ('7'), with this course's fingerprint.
    const before = await openCourse(context, pkg.url);
    await clickThrough(before.frame, '#cp-next');
    await clickAsLearner(before.frame, '#cp-exit');
    const saved = (await readHostWhenFinished(before.page)).stored['cmi.suspend_data'] ?? '';
    expect(saved.startsWith('6')).toBe(true);
    const newer = `7${saved.slice(1)}`;
    const { page, frame } = await openCourse(context, pkg.url, { onCover: true, seed: { core: { entry: 'resume', lesson_status: 'incomplete', lesson_location: 'basics--practice' }, suspend_data: newer } });
    expect(await frame.locator('.cp-notice').textContent()).toContain('This copy of the course is older than the one you used last time');
    await leaveCover(frame);
    await clickAsLearner(frame, '#cp-next');
    await clickAsLearner(frame, '#cp-exit');
    const host = await readHostWhenFinished(page);
    const set = (element: string) => host.trace.filter((c) => c.fn === 'LMSSetValue' && c.args[0] === element);
    expect(set('cmi.suspend_data')).toEqual([]);
    expect(set('cmi.core.lesson_location')).toEqual([]);
    expect(host.finished).toBe(true);
  }, BROWSER_TIMEOUT);

  it('a launch in review mode (Moodle, a failed attempt entered without "Start a new attempt") and one in browse mode say nothing is recorded, and nothing is', async () => {
    const context = await pkg.newContext();
    // Review: a pass here leaves the LMS's failed attempt as it was, and the learner is told so before and after.
    const review = await openCourse(context, pkg.url, { seed: { core: { lesson_mode: 'review', lesson_status: 'failed', score: { raw: '40' } } } });
    const course = await readCourseData(review.frame);
    expect(await review.frame.locator('.cp-notice').textContent()).toMatch(/Review mode: the learning management system keeps the result it has and records nothing from this visit\. To try again for a new result, start a new attempt/);
    await passCourse(review.frame, course);
    // Polled through the document resolved once (Exit does not navigate), the same waiting read.
    await expect.poll(async () => (await readAll(review.frame, { exited: ['text', '#h-exited'] })).exited, POLL).toBe('Nothing from this visit was recorded.');
    // What the LMS stores of the visit: its time alone (the failed attempt and its 40 stay as seeded).
    const reviewed = await readHostWhenFinished(review.page);
    expect(Object.keys(reviewed.stored)).toEqual(['cmi.core.session_time']);
    expect(reviewed.trace.filter((c) => c.fn === 'LMSSetValue').map((c) => c.args[0])).toEqual(['cmi.core.session_time']);
    // Browse: a first launch is browsed, and stays so through the quiz.
    const browse = await openCourse(context, pkg.url, { seed: { core: { lesson_mode: 'browse' } } });
    expect(await browse.frame.locator('.cp-notice').textContent()).toMatch(/^Preview: the learning management system records nothing from this visit/);
    await passCourse(browse.frame, course);
    const browsed = await readHostWhenFinished(browse.page);
    expect(browsed.stored['cmi.core.lesson_status']).toBe('browsed');
    expect(browsed.stored['cmi.core.score.raw'] ?? '').toBe('');
    expect(browsed.stored['cmi.suspend_data'] ?? '').toBe('');
    expect(findLifecycleViolations(browsed.trace)).toEqual([]);
  }, BROWSER_TIMEOUT * 2);

  it('Exit, then closing the tab: LMSFinish once, the course says it is saved, and navigation stops', async () => {
    const context = await pkg.newContext();
    const { page, frame } = await openCourse(context, pkg.url);
    await clickThrough(frame, '#cp-next');
    await clickAsLearner(frame, '#cp-exit');
    // Said by the exit page's heading, which Exit focuses (the status region stays quiet: said once); polled and read
    // through the document resolved once (Exit does not navigate), the same waiting reads.
    await expect.poll(async () => (await readAll(frame, { exited: ['text', '#h-exited'] })).exited, POLL).toMatch(/progress is saved/);
    expect((await readAll(frame, { next: ['disabled', '#cp-next'] })).next).toBe(true);
    await page.close({ runBeforeUnload: true });
    const { stored, finishCalls } = await readStoredAfterClose(context, pkg.url);
    expect(finishCalls).toBe(1);
    expect(stored['cmi.core.exit']).toBe('suspend');
    expect(stored['cmi.core.lesson_location']).toBe('basics--practice');
  }, BROWSER_TIMEOUT);

  it('every page turn is committed at once, and a page turning hidden (tab switch) has nothing left to commit', async () => {
    const { page, frame } = await openCourse(await pkg.newContext(), pkg.url);
    await clickThrough(frame, '#cp-next');
    await waitShown(frame, 'section[data-page="basics--practice"]');
    await expect.poll(async () => (await readHost(page)).stored['cmi.core.lesson_location'], POLL).toBe('basics--practice');
    const before = (await readHost(page)).commits;
    await frame.evaluate(`(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    })()`);
    const host = await readHost(page);
    expect(host.commits).toBe(before);
    expect(host.trace.some((c) => c.fn === 'LMSFinish')).toBe(false);
  }, BROWSER_TIMEOUT);

  it('typing a reflection makes no LMS call at all (never once per keystroke)', async () => {
    const { page, frame } = await openCourse(await pkg.newContext(), pkg.url);
    await clickThrough(frame, '#cp-next');
    const area = frame.locator('#reflect-first-thoughts');
    await area.waitFor({ state: 'visible' });
    const before = (await readHost(page)).trace.length;
    await area.pressSequentially('Patience and good questions.');
    await area.blur();
    expect((await readHost(page)).trace.length).toBe(before);
  }, BROWSER_TIMEOUT);

  it('a relaunch after passing keeps passed and the score, and exit stays ""', async () => {
    const context = await pkg.newContext();
    const seed = { core: { entry: '', lesson_status: 'passed', score: { raw: '100' }, lesson_location: 'quiz--done' } };
    const { page, frame } = await openCourse(context, pkg.url, { seed });
    await clickAsLearner(frame, '#cp-exit');
    const host = await readHostWhenFinished(page);
    expect(findLifecycleViolations(host.trace)).toEqual([]);
    expect(host.trace.some((c) => c.fn === 'LMSSetValue' && c.args[0] === 'cmi.core.lesson_status')).toBe(false);
    expect(host.stored['cmi.core.exit']).toBe('');
  }, BROWSER_TIMEOUT);
});
