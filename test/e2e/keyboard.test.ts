import { describe, expect, it } from 'vitest';
import { missing } from '../helpers/require-tools.js';
import { openCourse, passCourse, readCourseData, readHostWhenFinished, tabTo } from './harness/run-course.mjs';
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
