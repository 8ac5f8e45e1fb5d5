/**
 * The shipped course itself, not a fixture, in a real browser under scorm-again: a full pass ends passed
 * with every LMS call within SCORM 1.2's strict rules, and axe-core finds no WCAG 2.1 A/AA violation on
 * any of its pages on the way (its tables, diagrams and callouts are content the fixture course does not
 * have). One walk for both: the course is 33 pages, and the suite's time is Chromium's CPU.
 */
import { describe, expect, it } from 'vitest';
import { missing } from '../helpers/require-tools.js';
import { openCourse, passCourse, readCourseData, readHostWhenFinished } from '../e2e/harness/run-course.mjs';
import { checkPage } from '../e2e/check-axe.js';
import { findLifecycleViolations } from '../e2e/scorm12-rules.js';
import { usePackage } from '../e2e/use-package.js';

describe.skipIf(missing('chromium'))('the mentoring course in an LMS', () => {
  const pkg = usePackage('mentoring');

  it('passes end to end with a valid SCORM 1.2 lifecycle, score and one interaction per scored question; axe finds nothing on any page', async () => {
    const { page, frame } = await openCourse(await pkg.newContext(), pkg.url);
    const data = await readCourseData(frame);
    expect(data.id).toBe('mentoring-young-inventors');
    expect(data.pages.length).toBeGreaterThan(20);
    const sco = page.frame({ url: /\/sco\/index\.html/ });
    if (!sco) throw new Error('the SCO frame is not there');
    const violations: string[] = [];
    const checked: string[] = [];
    await passCourse(frame, data, {
      onPage: async (id) => {
        // The whole document on the first and last pages; in between the page's own content, which is
        // what changes (the header, contents and navigation bar around it only mark another page as
        // current): 250 → 135 ms a page here, 33 pages a run.
        const whole = id === data.pages[0]?.id || id === data.pages.at(-1)?.id;
        const result = await checkPage(sco, whole ? {} : { within: `section.cp-page[data-page="${id}"]` });
        expect(result.passes).toBeGreaterThan(whole ? 10 : 3);
        checked.push(id);
        for (const v of result.violations) violations.push(`${id}: ${v}`);
      },
    });
    expect(checked).toEqual(data.pages.map((p) => p.id));
    expect(violations).toEqual([]);
    const host = await readHostWhenFinished(page);
    expect(findLifecycleViolations(host.trace)).toEqual([]);
    expect(host.trace.filter((c) => c.error !== '0')).toEqual([]);
    expect(host.stored['cmi.core.lesson_status']).toBe('passed');
    expect(host.stored['cmi.core.score.raw']).toBe('100');
    const ids = host.trace.filter((c) => c.fn === 'LMSSetValue' && /^cmi\.interactions\.\d+\.id$/.test(c.args[0] ?? ''));
    // Practice answers stay out of the LMS's interactions table (tracking.practiceInteractions: false).
    expect(ids.map((c) => c.args[1])).toEqual(data.checks.filter((c) => c.scored).map((c) => c.id));
    expect((host.stored['cmi.suspend_data'] ?? '').length).toBeLessThanOrEqual(4096);
  }, 300_000);
});
