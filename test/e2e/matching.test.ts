/**
 * A matching check (`:::check{type=matching}`) in Chromium under the scorm-again LMS: answered with the
 * keyboard alone (each item's list is a tab stop; arrow keys choose), an item left unmatched is an error
 * on that item, a wrong match is marked at its item with the right answer, axe finds nothing; the LMS gets
 * a `matching` interaction in SCORM 1.2's `source.target` format, and the answer comes back on resume.
 */
import { describe, expect, it } from 'vitest';
import type { CheckData } from '../../src/shared/course-data.js';
import { missing } from '../helpers/require-tools.js';
import { checkPage } from './check-axe.js';
import { answerCheck, clickAsLearner, openCourse, readCourseData, readHostWhenFinished, seedFromStored, tabTo, waitForPlayer, waitShown, wrongAnswer } from './harness/run-course.mjs';
import { findLifecycleViolations, findScorm12Violations } from './scorm12-rules.js';
import { BROWSER_TIMEOUT, POLL, usePackage } from './use-package.js';

const CHECK = 'practice-matching';

function matchingCheck(checks: readonly CheckData[]): CheckData {
  const check = checks.find((c) => c.id === CHECK);
  if (!check || check.type !== 'matching') throw new Error(`the fixture has no matching check ${CHECK}`);
  return check;
}

describe.skipIf(missing('chromium'))('a matching check', () => {
  const pkg = usePackage('practiceTracked');

  it('is answered with the keyboard alone, says which item is unmatched, marks a wrong match with the right answer, and reaches the LMS as a matching interaction', async () => {
    const { page, frame } = await openCourse(await pkg.newContext(), pkg.url);
    const sco = page.frame({ url: /\/sco\/index\.html/ });
    if (!sco) throw new Error('the SCO frame is not there');
    const course = await readCourseData(frame);
    const check = matchingCheck(course.checks);
    await clickAsLearner(frame, `#cp-toc a[data-page="${check.page}"]`);
    const form = frame.locator(`#check-${CHECK}`);
    await form.waitFor({ state: 'visible' });
    // Each item names its list (a native select), whose first entry chooses nothing.
    for (const item of check.options) {
      const list = form.locator(`select#${CHECK}-${item.id}`);
      expect(await frame.locator(`label[for="${CHECK}-${item.id}"]`).textContent()).toBe(item.text);
      expect(await list.locator('option').allTextContents()).toEqual(['Choose an answer', ...(check.targets ?? []).map((t) => t.text)]);
    }
    expect((await checkPage(sco, { within: `#check-${CHECK}` })).violations).toEqual([]);

    // The first item matched, the second not: Check answer says so, on the second item only.
    const [first, second] = check.options;
    if (!first || !second) throw new Error('the matching check needs two items');
    await tabTo(frame, page, `#${CHECK}-${first.id}`);
    await page.keyboard.press('ArrowDown');
    await tabTo(frame, page, `#check-${CHECK} .cp-check-submit`);
    await page.keyboard.press('Enter');
    await expect.poll(() => form.locator('.cp-error').textContent(), POLL).toBe('Error: Choose an answer for every item, then select Check answer.');
    expect(await form.locator(`#${CHECK}-${first.id}`).getAttribute('aria-invalid')).toBeNull();
    expect(await form.locator(`#${CHECK}-${second.id}`).getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator(`#${CHECK}-${second.id}`).getAttribute('aria-describedby')).toBe('feedback-practice-matching-error');
    // While the error shows, it is on exactly the lists still empty: the first, emptied again, is back in
    // error; choosing in every list ends it.
    await tabTo(frame, page, `#${CHECK}-${first.id}`);
    await page.keyboard.press('ArrowUp');
    expect(await form.locator(`#${CHECK}-${first.id}`).getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator(`#${CHECK}-${second.id}`).getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('.cp-error').count()).toBe(1);
    await page.keyboard.press('ArrowDown');
    expect(await form.locator(`#${CHECK}-${first.id}`).getAttribute('aria-invalid')).toBeNull();
    expect(await form.locator(`#${CHECK}-${second.id}`).getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('.cp-error').count()).toBe(1);
    await tabTo(frame, page, `#${CHECK}-${second.id}`);
    await page.keyboard.press('ArrowDown');
    expect(await form.locator(`#${CHECK}-${second.id}`).getAttribute('aria-invalid')).toBeNull();
    expect(await form.locator('.cp-error').count()).toBe(0);

    // Wrong: the first item matched to another answer; the keyboard walk chooses with the arrow keys.
    const wrong = wrongAnswer(check);
    await answerCheck(frame, check, wrong, page);
    await expect.poll(() => form.locator('.cp-verdict').textContent(), POLL).toBe(`\u2717 1 of ${check.options.length} right.`);
    const right = (check.targets ?? []).find((t) => t.id === first.match)?.text;
    expect(await form.locator(`[data-item="${first.id}"] .cp-mark`).textContent()).toBe(`\u2717 Your answer: wrongCorrect answer: \u2068${right}\u2069`);
    expect(await form.locator(`[data-item="${second.id}"] .cp-mark`).textContent()).toBe('\u2713 Your answer: right');
    expect(await form.locator(`#${CHECK}-${second.id}-note`).textContent()).toBe('The circle on the right is green.');
    // The marks and the author's feedback describe each item's list, so a screen reader says them with it.
    const description = await form.locator(`#${CHECK}-${first.id}`).getAttribute('aria-describedby');
    expect(description).toBe(`${CHECK}-${first.id}-mark ${CHECK}-${first.id}-note`);
    expect(await form.locator(`#${CHECK}-${first.id}-note`).textContent()).toBe('The square on the left is blue.');
    expect((await checkPage(sco, { within: `#check-${CHECK}` })).violations).toEqual([]);

    // Changing a list takes its mark and the verdict away: they were about the answer that was there.
    await tabTo(frame, page, `#${CHECK}-${second.id}`);
    await page.keyboard.press('ArrowDown');
    expect(await form.locator(`[data-item="${second.id}"] .cp-mark`).count()).toBe(0);
    expect(await form.locator(`#${CHECK}-${second.id}`).getAttribute('aria-describedby')).toBeNull();
    expect(await form.locator('.cp-verdict').count()).toBe(0);
    expect(await form.locator(`[data-item="${first.id}"] .cp-mark`).count()).toBe(1);
    // Both items wrong now: each item's explanation shows under its wrong match too.
    await tabTo(frame, page, `#check-${CHECK} .cp-check-submit`);
    await page.keyboard.press('Enter');
    await expect.poll(() => form.locator('.cp-verdict').textContent(), POLL).toBe('\u2717 Not quite.');
    expect(await form.locator(`#${CHECK}-${second.id}-note`).textContent()).toBe('The circle on the right is green.');
    expect(await form.locator(`#${CHECK}-${first.id}-note`).count()).toBe(1);
    const third = [...wrong.slice(0, 1), `${second.id}.${(check.targets ?? []).find((t) => t.id !== second.match && t.id !== first.match)?.id}`];

    // Right: every item matched.
    await answerCheck(frame, check, check.options.map((o) => `${o.id}.${o.match}`), page);
    await expect.poll(() => form.locator('.cp-verdict').textContent(), POLL).toBe('\u2713 Correct.');
    await clickAsLearner(frame, '#cp-exit');
    const host = await readHostWhenFinished(page);
    expect(findLifecycleViolations(host.trace)).toEqual([]);
    const sets = host.trace.filter((c) => c.fn === 'LMSSetValue').map((c) => ({ element: c.args[0] ?? '', value: c.args[1] ?? '' }));
    expect(findScorm12Violations(sets)).toEqual([]);
    // Three answers (wrong twice, then right), each a matching interaction: `item.answer` pairs (RTE 3.4.2.4.3).
    const pattern = check.options.map((o) => `${o.id}.${o.match}`).join(',');
    for (const [n, response, result] of [[0, wrong.join(','), 'wrong'], [1, third.join(','), 'wrong'], [2, pattern, 'correct']] as const) {
      expect(host.stored[`cmi.interactions.${n}.id`]).toBe(CHECK);
      expect(host.stored[`cmi.interactions.${n}.type`]).toBe('matching');
      expect(host.stored[`cmi.interactions.${n}.correct_responses.0.pattern`]).toBe(pattern);
      expect(host.stored[`cmi.interactions.${n}.student_response`]).toBe(response);
      expect(host.stored[`cmi.interactions.${n}.result`]).toBe(result);
    }

    // Back in a later session: the answer is there, in every item's list, with its verdict.
    const again = await openCourse(await pkg.newContext(), pkg.url, { seed: seedFromStored(host.stored) });
    await clickAsLearner(again.frame, `#cp-toc a[data-page="${check.page}"]`);
    const resumed = again.frame.locator(`#check-${CHECK}`);
    for (const item of check.options) expect(await resumed.locator(`#${CHECK}-${item.id}`).inputValue()).toBe(item.match);
    await expect.poll(() => resumed.locator('.cp-verdict').textContent(), POLL).toBe('\u2713 Correct.');
  }, BROWSER_TIMEOUT);

  it('on a 320 px phone, a chosen answer too long for its closed list is written out whole under it, and a short one is not', async () => {
    const { page, frame } = await openCourse(await pkg.newContext(), pkg.url);
    await page.setViewportSize({ width: 320, height: 640 });
    const course = await readCourseData(frame);
    const check = matchingCheck(course.checks);
    await frame.locator(`#cp-toc a[data-page="${check.page}"]`).evaluate((link) => (link as { click(): void }).click());
    const [first] = check.options;
    if (!first) throw new Error('the matching check has no item');
    const list = frame.locator(`#${CHECK}-${first.id}`);
    await list.waitFor({ state: 'visible' });
    const long = (check.targets ?? []).reduce((a, b) => (b.text.length > a.text.length ? b : a));
    const short = (check.targets ?? []).reduce((a, b) => (b.text.length < a.text.length ? b : a));
    const chosen = frame.locator(`[data-item="${first.id}"] .cp-match-chosen`);
    await list.selectOption(long.id);
    await expect.poll(() => chosen.isVisible(), POLL).toBe(true);
    expect(await chosen.textContent()).toBe(long.text);
    expect(await chosen.getAttribute('aria-hidden')).toBe('true');
    await list.selectOption(short.id);
    await expect.poll(() => chosen.isVisible(), POLL).toBe(false);
  }, BROWSER_TIMEOUT);

  // An answer given back on a page not shown (a learner who comes back, here without an LMS: from this browser)
  // was measured there, where the list has no width, and taken to fit: on its page the long answer stayed cut off
  // in its closed list, with nothing written out under it (WCAG 1.4.10).
  it('on a 320 px phone, a long answer given back when the learner comes back is written out under its list once its page shows', async () => {
    const context = await pkg.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${pkg.url}/sco/index.html#page-basics--practice`);
    await waitForPlayer(page);
    const check = matchingCheck((await readCourseData(page)).checks);
    const [first, second] = check.options;
    if (!first || !second) throw new Error('the matching check has fewer than two items');
    const long = (check.targets ?? []).reduce((a, b) => (b.text.length > a.text.length ? b : a));
    await answerCheck(page, check, [`${first.id}.${long.id}`, `${second.id}.${second.match}`]);
    const chosen = page.locator(`form[data-check="${CHECK}"] [data-item="${first.id}"] .cp-match-chosen`);
    await expect.poll(() => chosen.isVisible(), POLL).toBe(true);
    // Left on the page before, then the window opened again (a new document: not a change of the address's #).
    await page.evaluate("location.hash = '#page-basics--welcome'");
    await waitShown(page, 'section[data-page="basics--welcome"]');
    await page.reload();
    await waitForPlayer(page);
    await clickAsLearner(page, '#cp-next');
    await waitShown(page, 'section[data-page="basics--practice"]');
    expect(await page.locator(`#${CHECK}-${first.id}`).inputValue()).toBe(long.id);
    await expect.poll(() => chosen.isVisible(), POLL).toBe(true);
    expect(await chosen.textContent()).toBe(long.text);
  }, BROWSER_TIMEOUT);
});
