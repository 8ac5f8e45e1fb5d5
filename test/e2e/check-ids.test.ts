/**
 * A check's id is the `name` of its answer controls, and a form's named controls stand in for the form's own
 * properties (HTML §4.10.3, [LegacyOverrideBuiltIns]): a check with the id `querySelector` or
 * `addEventListener` made `form.querySelector` its radio button, the player threw as it set up the checks, and
 * the whole course stayed blank, while `validate` and `build` passed it. Any id an author may write must work.
 */
import { describe, expect, it } from 'vitest';
import { missing } from '../helpers/require-tools.js';
import { answerCheck, clickAsLearner, openCourse, readCourseData, rightAnswer, waitShown } from './harness/run-course.mjs';
import { BROWSER_TIMEOUT, POLL, usePackage } from './use-package.js';

describe.skipIf(missing('chromium'))('checks whose ids are a form\'s method names', () => {
  const pkg = usePackage('formMethodIds');

  it('start, and are answered and given their feedback', async () => {
    const { frame } = await openCourse(await pkg.newContext(), pkg.url);
    const course = await readCourseData(frame);
    for (const id of ['querySelector', 'addEventListener']) {
      const check = course.checks.find((c) => c.id === id);
      if (!check) throw new Error(`the fixture has no check ${id}`);
      await clickAsLearner(frame, `#cp-toc a[data-page="${check.page}"]`);
      await waitShown(frame, `#check-${id}`);
      await answerCheck(frame, check, rightAnswer(check));
      await expect.poll(() => frame.locator(`#feedback-${id}`).textContent(), POLL).toMatch(/\S/);
    }
  }, BROWSER_TIMEOUT);
});
