/**
 * A fill-in check (`:::check{type=fill-in}`) in Chromium under the scorm-again LMS, with the keyboard alone:
 * an empty box is an error on the box, a foreseen wrong answer gets its feedback with the accepted answer at
 * the box, typing again takes the stale mark away, an answer typed the way learners type ("  GREEN. ") is
 * right, Enter submits; axe finds nothing; the LMS gets `fill-in` interactions with the words typed, and the
 * answer comes back on resume.
 */
import { describe, expect, it } from 'vitest';
import type { CheckData } from '../../src/shared/course-data.js';
import { missing } from '../helpers/require-tools.js';
import { checkPage } from './check-axe.js';
import { answerCheck, clickAsLearner, openCourse, readCourseData, readHostWhenFinished, rightAnswer, seedFromStored, tabTo, waitShown } from './harness/run-course.mjs';
import { findLifecycleViolations, findScorm12Violations } from './scorm12-rules.js';
import { BROWSER_TIMEOUT, POLL, usePackage } from './use-package.js';

const CHECK = 'practice-fill-in';
const BOX = `#${CHECK}-typed`;

function fillInCheck(checks: readonly CheckData[]): CheckData {
  const check = checks.find((c) => c.id === CHECK);
  if (!check || check.type !== 'fill-in') throw new Error(`the fixture has no fill-in check ${CHECK}`);
  return check;
}

describe.skipIf(missing('chromium'))('a fill-in check', () => {
  const pkg = usePackage('practiceTracked');

  it('is answered with the keyboard alone, marks an empty box, says a wrong answer\'s feedback and the accepted answer, and reaches the LMS as fill-in interactions', async () => {
    const { page, frame } = await openCourse(await pkg.newContext(), pkg.url);
    const sco = page.frame({ url: /\/sco\/index\.html/ });
    if (!sco) throw new Error('the SCO frame is not there');
    const course = await readCourseData(frame);
    const check = fillInCheck(course.checks);
    await clickAsLearner(frame, `#cp-toc a[data-page="${check.page}"]`);
    const form = frame.locator(`#check-${CHECK}`);
    await form.waitFor({ state: 'visible' });
    // The box is named by its label inside the question's group, and gives no hint of the answer.
    expect(await frame.locator(`label[for="${CHECK}-typed"]`).textContent()).toBe('Your answer');
    expect(await form.locator(BOX).evaluate((box) => [(box as { maxLength: number }).maxLength, box.getAttribute('autocomplete'), box.getAttribute('spellcheck'), (box as { value: string }).value])).toEqual([40, 'off', 'false', '']);

    // Enter in the empty box: the error, on the box.
    await tabTo(frame, page, BOX);
    await page.keyboard.press('Enter');
    await expect.poll(() => form.locator('.cp-error').textContent(), POLL).toBe('Error: Type an answer, then select Check answer.');
    expect(await form.locator(BOX).getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator(BOX).getAttribute('aria-describedby')).toBe(`${CHECK}-limit feedback-${CHECK}-error`);
    expect(await form.locator(`#${CHECK}-limit`).textContent()).toBe('Up to 40 characters.');
    expect((await checkPage(sco, { within: `#check-${CHECK}` })).violations).toEqual([]);
    // Spaces are no answer yet: the error stays until words are typed.
    await page.keyboard.type(' ');
    expect(await form.locator(BOX).getAttribute('aria-invalid')).toBe('true');
    await page.keyboard.press('Backspace');
    // Enter that ends an IME composition chooses characters; it does not check the answer.
    await form.locator(BOX).dispatchEvent('keydown', { key: 'Enter', isComposing: true });
    expect(await form.locator('.cp-error').count()).toBe(1);
    // Typing answers the error.
    await page.keyboard.type('Blue');
    expect(await form.locator('.cp-error').count()).toBe(0);
    expect(await form.locator(BOX).getAttribute('aria-invalid')).toBeNull();

    // A wrong answer the author foresaw: its feedback, and at the box the mark and the accepted answer.
    await page.keyboard.press('Enter');
    // The status region says the accepted answer too: focus stays in the box, whose new description is not announced.
    await expect.poll(() => form.locator('.cp-verdict').textContent(), POLL).toBe('\u2717 Not quite. Correct answer: \u2068Green\u2069');
    expect(await form.locator('.cp-feedback-option').textContent()).toBe('Blue is the sky\'s colour.');
    expect(await form.locator('.cp-typed .cp-mark').textContent()).toBe('\u2717 Your answer: wrongCorrect answer: \u2068Green\u2069');
    // The author's feedback describes the box too, after its mark: heard again when the learner comes back to it.
    expect(await form.locator(BOX).getAttribute('aria-describedby')).toBe(`${CHECK}-limit ${CHECK}-typed-mark ${CHECK}-typed-note`);
    expect((await checkPage(sco, { within: `#check-${CHECK}` })).violations).toEqual([]);

    // Typing again takes the mark, the verdict and the feedback away: they were about the words that were there.
    await page.keyboard.press('Backspace');
    expect(await form.locator('.cp-mark').count()).toBe(0);
    expect(await form.locator('.cp-verdict').count()).toBe(0);
    expect(await form.locator('.cp-feedback-option').count()).toBe(0);
    expect(await form.locator(BOX).getAttribute('aria-describedby')).toBe(`${CHECK}-limit`);

    // Any other answer gets the `- [ ] *` entry's feedback.
    await answerCheck(frame, check, ['purple'], page);
    await expect.poll(() => form.locator('.cp-feedback-option').textContent(), POLL).toBe('Look at a lawn.');

    // Right, typed as learners type: capitals, spaces, a full stop. The author's feedback says "Yes", so no "Correct." of the player's.
    await answerCheck(frame, check, ['  GREEN. '], page);
    await expect.poll(() => form.locator('.cp-typed .cp-mark').textContent(), POLL).toBe('\u2713 Your answer: right');
    expect(await form.locator('.cp-feedback').textContent()).toBe('\u2713Yes, green: grass is green.');
    await clickAsLearner(frame, '#cp-exit');
    const host = await readHostWhenFinished(page);
    expect(findLifecycleViolations(host.trace)).toEqual([]);
    const sets = host.trace.filter((c) => c.fn === 'LMSSetValue').map((c) => ({ element: c.args[0] ?? '', value: c.args[1] ?? '' }));
    expect(findScorm12Violations(sets)).toEqual([]);
    const answers = Object.entries(host.stored).filter(([k, v]) => /^cmi\.interactions\.\d+\.id$/.test(k) && v === CHECK).map(([k]) => k.split('.')[2]);
    // Each accepted answer is a correct pattern.
    expect(answers.map((n) => [host.stored[`cmi.interactions.${n}.type`], host.stored[`cmi.interactions.${n}.student_response`], host.stored[`cmi.interactions.${n}.result`],
      host.stored[`cmi.interactions.${n}.correct_responses.0.pattern`], host.stored[`cmi.interactions.${n}.correct_responses.1.pattern`]])).toEqual([
      ['fill-in', 'Blue', 'wrong', 'Green', 'Light green'], ['fill-in', 'purple', 'wrong', 'Green', 'Light green'], ['fill-in', 'GREEN.', 'correct', 'Green', 'Light green'],
    ]);

    // Back in a later session: the words are in the box, with their verdict.
    const again = await openCourse(await pkg.newContext(), pkg.url, { seed: seedFromStored(host.stored) });
    await clickAsLearner(again.frame, `#cp-toc a[data-page="${check.page}"]`);
    const resumed = again.frame.locator(`#check-${CHECK}`);
    expect(await resumed.locator(BOX).inputValue()).toBe('GREEN.');
    await expect.poll(() => resumed.locator('.cp-typed .cp-mark').textContent(), POLL).toBe('\u2713 Your answer: right');
  }, BROWSER_TIMEOUT);

  describe('scored', () => {
    const quiz = usePackage('typedQuiz');

    it('a draft says "Not saved yet" once as the learner types, not at every key; once submitted the answer is locked read-only and can be read whole', async () => {
      const { page, frame } = await openCourse(await quiz.newContext(), quiz.url);
      const course = await readCourseData(frame);
      const check = course.checks.find((c) => c.id === 'quiz-fill-in');
      if (!check) throw new Error('the variant has no quiz-fill-in');
      await clickAsLearner(frame, `#cp-toc a[data-page="${check.page}"]`);
      const form = frame.locator('#check-quiz-fill-in');
      const box = form.locator('#quiz-fill-in-typed');
      await box.waitFor({ state: 'visible' });
      // The status region's changes while typing a draft, counted in the page.
      type Watched = { changes: number; MutationObserver: new (seen: () => void) => { observe(target: unknown, options: object): void } };
      await form.locator('.cp-feedback').evaluate((region) => {
        const page = globalThis as unknown as Watched;
        page.changes = 0;
        new page.MutationObserver(() => { page.changes++; }).observe(region, { childList: true, subtree: true, characterData: true });
      });
      const long = 'yellow with brown spots all over it';
      // Save answer with the box empty: the error, which a space does not answer, and the draft status stays out of its way.
      await tabTo(frame, page, '#quiz-fill-in-typed');
      await page.keyboard.press('Enter');
      await expect.poll(() => form.locator('.cp-error').textContent(), POLL).toBe('Error: Type an answer, then select Save answer.');
      await page.keyboard.type(' ');
      expect(await form.locator('.cp-error').count()).toBe(1);
      expect(await box.getAttribute('aria-invalid')).toBe('true');
      await page.keyboard.press('Backspace');
      await page.keyboard.type(long);
      expect(await box.getAttribute('aria-invalid')).toBeNull();
      await expect.poll(() => form.locator('.cp-feedback').textContent(), POLL).toBe('Not saved yet: select Save answer to keep this answer.');
      expect(await form.locator('.cp-feedback').evaluate(() => (globalThis as unknown as Watched).changes)).toBeLessThanOrEqual(2);
      await page.keyboard.press('Enter');
      await expect.poll(() => form.locator('.cp-feedback').textContent(), POLL).toMatch(/^Answer saved\./);
      // Every other scored question answered right, then the whole scored check submitted.
      for (const other of course.checks.filter((c) => c.scored && c.id !== check.id)) {
        await clickAsLearner(frame, `#cp-toc a[data-page="${other.page}"]`);
        await answerCheck(frame, other, rightAnswer(other));
      }
      await clickAsLearner(frame, `#cp-toc a[data-page="${course.pages.at(-1)?.id}"]`);
      await clickAsLearner(frame, '#cp-next');
      await frame.locator('section[data-screen="results"]').getByRole('button', { name: 'Submit answers' }).click();
      await waitShown(frame, '.cp-result');
      await clickAsLearner(frame, `#cp-toc a[data-page="${check.page}"]`);
      await expect.poll(() => box.evaluate((el) => [(el as { readOnly: boolean }).readOnly, (el as { disabled: boolean }).disabled, (el as { value: string }).value]), POLL)
        .toEqual([true, false, long]);
      expect(await form.locator('.cp-typed .cp-mark').textContent()).toBe('\u2717 Your answer: wrongCorrect answer: \u2068Yellow\u2069');
      // Read-only, not disabled: it takes focus, and a screen reader or the arrow keys reach the whole answer.
      await box.focus();
      expect(await box.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
      await page.keyboard.type('x');
      expect(await box.inputValue()).toBe(long);
      const sco = page.frame({ url: /\/sco\/index\.html/ });
      if (!sco) throw new Error('the SCO frame is not there');
      expect((await checkPage(sco, { within: '#check-quiz-fill-in' })).violations).toEqual([]);
    }, BROWSER_TIMEOUT);
  });
});
