import { describe, expect, it } from 'vitest';
import { missing } from '../helpers/require-tools.js';
import { openCourse, passCourse, readCourseData, readHost, readHostWhenFinished } from './harness/run-course.mjs';
import { findLifecycleViolations } from './scorm12-rules.js';
import { BROWSER_TIMEOUT, POLL, usePackage } from './use-package.js';

describe.skipIf(missing('chromium'))('a full run in an LMS (scorm-again, strict SCORM 1.2 rules)', () => {
  const pkg = usePackage();

  it('ends passed with score 100, one interaction per answered question, and a valid lifecycle', async () => {
    const { page, frame } = await openCourse(await pkg.newContext(), pkg.url);
    const course = await readCourseData(frame);
    await passCourse(frame, course);
    const host = await readHostWhenFinished(page);

    expect(findLifecycleViolations(host.trace)).toEqual([]);
    expect(host.stored['cmi.core.lesson_status']).toBe('passed');
    expect(host.stored['cmi.core.score.raw']).toBe('100');
    expect(host.stored['cmi.core.score.min']).toBe('0');
    expect(host.stored['cmi.core.score.max']).toBe('100');
    expect(host.stored['cmi.core.exit']).toBe('');
    const ids = host.trace.filter((c) => c.fn === 'LMSSetValue' && /^cmi\.interactions\.\d+\.id$/.test(c.args[0] ?? ''));
    expect(ids.map((c) => c.args[1])).toEqual(course.checks.map((c) => c.id));
    expect(host.stored['cmi.interactions.3.type']).toBe('true-false');
    expect(host.stored['cmi.interactions.3.student_response']).toBe('t');
    expect(host.stored['cmi.interactions.2.student_response']).toBe('a,c');
    expect(host.stored['cmi.interactions.2.result']).toBe('correct');
    // Status first, then progress; every status change is committed right away.
    const statuses = host.trace.filter((c) => c.fn === 'LMSSetValue' && c.args[0] === 'cmi.core.lesson_status');
    expect(statuses.map((c) => c.args[1])).toEqual(['incomplete', 'passed']);
    expect(host.trace.filter((c) => c.error !== '0')).toEqual([]);
  }, BROWSER_TIMEOUT);

  it('ends failed with the score when scored answers are wrong; Try again clears them and can still reach passed', async () => {
    const { page, frame } = await openCourse(await pkg.newContext(), pkg.url);
    const course = await readCourseData(frame);
    await passCourse(frame, course, { wrong: ['quiz-single', 'quiz-truefalse'], exit: false });
    // failed is a status change, so it is committed at once (stored), not at the next pause.
    await expect.poll(async () => (await readHost(page)).stored['cmi.core.lesson_status'], POLL).toBe('failed');
    let host = await readHost(page);
    expect(host.stored['cmi.core.score.raw']).toBe('33');
    const result = frame.locator('section:not([hidden]) .cp-result');
    expect(await result.textContent()).toMatch(/Your score: 33%\. The pass mark is 80%\. You have not passed yet\.Try again$/);
    // Try again clears the scored answers; answering them right upgrades failed → passed.
    await frame.locator('section:not([hidden])').getByRole('button', { name: 'Try again' }).click();
    await frame.locator('section[data-page="quiz--scored-questions"]').waitFor({ state: 'visible' });
    await frame.getByRole('link', { name: 'Welcome' }).click();
    await passCourse(frame, course, { exit: true });
    host = await readHostWhenFinished(page);
    expect(findLifecycleViolations(host.trace)).toEqual([]);
    expect(host.stored['cmi.core.lesson_status']).toBe('passed');
    expect(host.stored['cmi.core.score.raw']).toBe('100');
  }, BROWSER_TIMEOUT);
});
