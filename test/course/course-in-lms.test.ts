/**
 * The shipped course itself, not a fixture, in a real browser under scorm-again: a full pass ends passed
 * with every LMS call within SCORM 1.2's strict rules. (Its accessibility is course-accessibility.test.ts,
 * a file of its own so the two long runs go to two workers.)
 */
import { describe, expect, it } from 'vitest';
import { missing } from '../helpers/require-tools.js';
import { openCourse, passCourse, readCourseData, readHostWhenFinished } from '../e2e/harness/run-course.mjs';
import { findLifecycleViolations } from '../e2e/scorm12-rules.js';
import { usePackage } from '../e2e/use-package.js';

describe.skipIf(missing('chromium'))('the mentoring course in an LMS', () => {
  const pkg = usePackage('mentoring');

  it('passes end to end with a valid SCORM 1.2 lifecycle, score and one interaction per scored question', async () => {
    const { page, frame } = await openCourse(await pkg.newContext(), pkg.url);
    const data = await readCourseData(frame);
    expect(data.id).toBe('mentoring-young-inventors');
    await passCourse(frame, data);
    const host = await readHostWhenFinished(page);
    expect(findLifecycleViolations(host.trace)).toEqual([]);
    expect(host.trace.filter((c) => c.error !== '0')).toEqual([]);
    expect(host.stored['cmi.core.lesson_status']).toBe('passed');
    expect(host.stored['cmi.core.score.raw']).toBe('100');
    const ids = host.trace.filter((c) => c.fn === 'LMSSetValue' && /^cmi\.interactions\.\d+\.id$/.test(c.args[0] ?? ''));
    // Practice answers stay out of the LMS's interactions table (tracking.practiceInteractions: false).
    expect(ids.map((c) => c.args[1])).toEqual(data.checks.filter((c) => c.scored).map((c) => c.id));
    expect((host.stored['cmi.suspend_data'] ?? '').length).toBeLessThanOrEqual(4096);
  }, 120_000);
});
