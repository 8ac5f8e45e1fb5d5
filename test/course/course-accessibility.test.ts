/**
 * The shipped course itself, not a fixture: axe-core finds no WCAG 2.1 A/AA violation on any of its pages
 * (its tables, diagrams and callouts are content the fixture course does not have).
 */
import { describe, expect, it } from 'vitest';
import { missing } from '../helpers/require-tools.js';
import { checkPage } from '../e2e/check-axe.js';
import { readCourseData, waitForPlayer } from '../e2e/harness/run-course.mjs';
import { usePackage } from '../e2e/use-package.js';

describe.skipIf(missing('chromium'))('the mentoring course, page by page', () => {
  const pkg = usePackage('mentoring');

  it('has no axe-core WCAG 2.1 A/AA violations on any page', async () => {
    const context = await pkg.newContext();
    const page = await context.newPage();
    // Reduced motion: after each page turn the window jumps to the top instead of gliding, so the next
    // contents link is still at once and Playwright's click need not wait for it to stop moving (about
    // 0.4 s a page). The theme only drops transitions and smooth scrolling then (templates/player.css);
    // none of axe's WCAG A/AA rules looks at motion, which accessibility.test.ts checks on its own.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(`${pkg.url}/sco/index.html`);
    await waitForPlayer(page);
    const data = await readCourseData(page);
    const violations: string[] = [];
    // One document for all pages (the player turns pages without reloading), so axe is injected once.
    expect(data.pages.length).toBeGreaterThan(20);
    for (const p of data.pages) {
      await page.locator(`#cp-toc a[data-page="${p.id}"]`).click();
      await page.locator(`section[data-page="${p.id}"]`).waitFor({ state: 'visible' });
      const result = await checkPage(page);
      expect(result.passes).toBeGreaterThan(10);
      for (const v of result.violations) violations.push(`${p.id}: ${v}`);
    }
    expect(violations).toEqual([]);
  }, 300_000);
});
