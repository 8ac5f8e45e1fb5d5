import { describe, expect, it } from 'vitest';
import { decodeSuspendData } from '../../src/shared/suspend-data.js';
import { missing } from '../helpers/require-tools.js';
import { clickAsLearner, openCourse, passCourse, readCourseData, readHostWhenFinished } from './harness/run-course.mjs';
import { findLifecycleViolations } from './scorm12-rules.js';
import { BROWSER_TIMEOUT, usePackage } from './use-package.js';

// A failed run, Try again and then passed, in the LMS and on screen: learner-experience.test.ts (one walk for both).
describe.skipIf(missing('chromium'))('a full run in an LMS (scorm-again, strict SCORM 1.2 rules)', () => {
  const pkg = usePackage();

  it('ends passed with score 100, one interaction per scored question, and a valid lifecycle; with xAPI off nothing else is sent', async () => {
    const context = await pkg.newContext({ own: true });
    // Every request of the run: with no launch parameters and nothing baked in, xAPI is off (issue 9
    // point 8), so nothing may go anywhere but the package's own server.
    const requests: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    const { page, frame } = await openCourse(context, pkg.url);
    const course = await readCourseData(frame);
    await passCourse(frame, course);
    const host = await readHostWhenFinished(page);

    expect(findLifecycleViolations(host.trace)).toEqual([]);
    expect(requests.length).toBeGreaterThan(5);
    expect(requests.filter((url) => !url.startsWith(`${pkg.url}/`))).toEqual([]);
    // No registration kept either: it exists only with xAPI on.
    expect(decodeSuspendData(course, host.stored['cmi.suspend_data'] ?? '')?.registration).toBeNull();
    expect(host.stored['cmi.core.lesson_status']).toBe('passed');
    expect(host.stored['cmi.core.score.raw']).toBe('100');
    expect(host.stored['cmi.core.score.min']).toBe('0');
    expect(host.stored['cmi.core.score.max']).toBe('100');
    expect(host.stored['cmi.core.exit']).toBe('');
    const ids = host.trace.filter((c) => c.fn === 'LMSSetValue' && /^cmi\.interactions\.\d+\.id$/.test(c.args[0] ?? ''));
    // Scored answers only (tracking.practiceInteractions: false), recorded when the scored check is submitted.
    expect(ids.map((c) => c.args[1])).toEqual(course.checks.filter((c) => c.scored).map((c) => c.id));
    expect(host.stored['cmi.interactions.2.type']).toBe('true-false');
    expect(host.stored['cmi.interactions.2.student_response']).toBe('t');
    expect(host.stored['cmi.interactions.1.student_response']).toBe('a,c');
    expect(host.stored['cmi.interactions.1.result']).toBe('correct');
    // Status first, then progress; every status change is committed right away.
    const statuses = host.trace.filter((c) => c.fn === 'LMSSetValue' && c.args[0] === 'cmi.core.lesson_status');
    expect(statuses.map((c) => c.args[1])).toEqual(['incomplete', 'passed']);
    expect(host.trace.filter((c) => c.error !== '0')).toEqual([]);
  }, BROWSER_TIMEOUT);

  it('the harness clicks a step\'s control only as a learner could: not one covered by another element, nor one hidden until it is shown', async () => {
    // passCourse and leaveCover press Start, Submit and Exit with clickAsLearner (one protocol message, where a
    // Playwright click costs about twenty): it must refuse what a Playwright click would, or the walks prove less.
    const { frame } = await openCourse(await pkg.newContext(), pkg.url, { onCover: true });
    await frame.evaluate(`document.body.insertAdjacentHTML('beforeend', '<div id="over" style="position:fixed;inset:0;z-index:99"></div>')`);
    await expect(clickAsLearner(frame, '.cp-start')).rejects.toThrow(/^.*\.cp-start is not what a learner's click at its centre reaches: div#over is$/m);
    // Hidden, it is waited for, not clicked; shown again, it is clicked and the course leaves its cover.
    await frame.evaluate(`document.getElementById('over').remove(); document.querySelector('.cp-start').style.visibility = 'hidden'`);
    const clicked = clickAsLearner(frame, '.cp-start');
    expect(await frame.evaluate('document.querySelector(\'section[data-screen="cover"]\').hidden')).toBe(false);
    await frame.evaluate(`document.querySelector('.cp-start').style.visibility = ''`);
    await clicked;
    expect(await frame.evaluate('document.querySelector(\'section[data-screen="cover"]\').hidden')).toBe(true);
  }, BROWSER_TIMEOUT);
});
