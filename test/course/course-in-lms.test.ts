/**
 * The shipped course itself, not a fixture, in a real browser under scorm-again: a full pass ends passed
 * with every LMS call within SCORM 1.2's strict rules, and axe-core finds no WCAG 2.1 A/AA violation on any
 * of its pages (its tables, diagrams and callouts are content the fixture course does not have).
 */
import { AxeBuilder } from '@axe-core/playwright';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openCourse, passCourse, readCourseData, readHost, waitForPlayer, leaveCover } from '../e2e/harness/run-course.mjs';
import { findLifecycleViolations } from '../e2e/scorm12-rules.js';
import { POLL, usePackage } from '../e2e/use-package.js';

const course = path.join(fileURLToPath(new URL('../..', import.meta.url)), 'course');

describe('the mentoring course in an LMS', () => {
  const pkg = usePackage(course);

  it('passes end to end with a valid SCORM 1.2 lifecycle, score and one interaction per scored question', async () => {
    const { page, frame } = await openCourse(await pkg.newContext(), pkg.url);
    const data = await readCourseData(frame);
    expect(data.id).toBe('mentoring-young-inventors');
    await passCourse(frame, data);
    await expect.poll(async () => (await readHost(page)).finished, POLL).toBe(true);
    const host = await readHost(page);
    expect(findLifecycleViolations(host.trace)).toEqual([]);
    expect(host.trace.filter((c) => c.error !== '0')).toEqual([]);
    expect(host.stored['cmi.core.lesson_status']).toBe('passed');
    expect(host.stored['cmi.core.score.raw']).toBe('100');
    const ids = host.trace.filter((c) => c.fn === 'LMSSetValue' && /^cmi\.interactions\.\d+\.id$/.test(c.args[0] ?? ''));
    // Practice answers stay out of the LMS's interactions table (tracking.practiceInteractions: false).
    expect(ids.map((c) => c.args[1])).toEqual(data.checks.filter((c) => c.scored).map((c) => c.id));
    expect((host.stored['cmi.suspend_data'] ?? '').length).toBeLessThanOrEqual(4096);
  }, 120_000);

  it('has no axe-core WCAG 2.1 A/AA violations on any page', async () => {
    const context = await pkg.newContext();
    const page = await context.newPage();
    await page.goto(`${pkg.url}/sco/index.html`);
    await waitForPlayer(page);
    await leaveCover(page);
    const data = await readCourseData(page);
    const violations: string[] = [];
    for (const p of data.pages) {
      await page.locator(`#cp-toc a[data-page="${p.id}"]`).click();
      await page.locator(`section[data-page="${p.id}"]`).waitFor({ state: 'visible' });
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(result.passes.length).toBeGreaterThan(10);
      for (const v of result.violations) violations.push(`${p.id}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }
    expect(violations).toEqual([]);
  }, 300_000);
});
