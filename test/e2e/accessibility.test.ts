import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { answerCheck, openCourse, readCourseData, waitForPlayer } from './harness/run-course.mjs';
import { BROWSER_TIMEOUT, usePackage } from './use-package.js';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  // Guard against a vacuous pass (axe not injected, empty page).
  expect(result.passes.length).toBeGreaterThan(10);
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function showPage(page: Page, id: string): Promise<void> {
  await page.locator(`#cp-toc a[data-page="${id}"]`).click();
  await page.locator(`section[data-page="${id}"]`).waitFor({ state: 'visible' });
}

describe('accessibility (axe-core, WCAG 2.1 A/AA) and layout', () => {
  const pkg = usePackage();

  async function openDirect(width = 1280): Promise<Page> {
    const context = await pkg.newContext();
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`${pkg.url}/sco/index.html`);
    await waitForPlayer(page);
    return page;
  }

  it('has no violations on every page type: text and callout, checks before and after answering, reflection, result, notice', async () => {
    const page = await openDirect();
    const course = await readCourseData(page);
    const found: Record<string, string[]> = {};
    found['welcome: objectives, callout, no-LMS notice'] = await axeViolations(page);
    await showPage(page, 'basics--practice');
    found['practice: check unanswered, reflection'] = await axeViolations(page);
    const practice = course.checks.find((c) => c.id === 'practice-single');
    if (practice) await answerCheck(page, practice, ['a']);
    found['practice: wrong answer feedback'] = await axeViolations(page);
    await showPage(page, 'quiz--scored-questions');
    for (const check of course.checks.filter((c) => c.page === 'quiz--scored-questions')) {
      await answerCheck(page, check, check.options.filter((o) => !o.correct).slice(0, 1).map((o) => o.id));
    }
    found['scored: locked answers'] = await axeViolations(page);
    await showPage(page, 'quiz--true-or-false');
    const tf = course.checks.find((c) => c.id === 'quiz-truefalse');
    if (tf) await answerCheck(page, tf, ['b']);
    found['true/false: result with Try again'] = await axeViolations(page);
    await showPage(page, 'quiz--done');
    found['last page: result'] = await axeViolations(page);
    await page.locator('#cp-exit').click();
    found['after Exit: status message'] = await axeViolations(page);
    for (const [name, violations] of Object.entries(found)) expect(violations, name).toEqual([]);
  }, BROWSER_TIMEOUT * 2);

  it('has no violations inside the LMS frame', async () => {
    const { page, frame } = await openCourse(await pkg.newContext(), pkg.url);
    await frame.locator('#cp-next').click();
    expect(await axeViolations(page)).toEqual([]);
  }, BROWSER_TIMEOUT);

  it('works at 320 px: no sideways scrolling, contents behind a button, no violations', async () => {
    const page = await openDirect(320);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
    expect(await page.locator('#cp-toc').isVisible()).toBe(false);
    const toggle = page.getByRole('button', { name: 'Contents' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('#cp-toc').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('#cp-toc a[data-page="basics--practice"]').click();
    expect(await page.locator('#cp-toc').isVisible()).toBe(false);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
  }, BROWSER_TIMEOUT);

  it('prints every page and no navigation', async () => {
    const page = await openDirect();
    await page.emulateMedia({ media: 'print' });
    const visible = await page.evaluate<number>(
      "[...document.querySelectorAll('section.cp-page')].filter((s) => getComputedStyle(s).display !== 'none').length");
    expect(visible).toBe(await page.locator('section.cp-page').count());
    expect(await page.locator('.cp-nav').isVisible()).toBe(false);
    expect(await page.locator('#cp-toc').isVisible()).toBe(false);
  }, BROWSER_TIMEOUT);

  it('takes its language from the course and loads nothing from outside the package', async () => {
    const context = await pkg.newContext();
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${pkg.url}/sco/index.html`);
    await waitForPlayer(page);
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('en');
    expect(requests.filter((u) => !u.startsWith(`${pkg.url}/sco/`))).toEqual([]);
  }, BROWSER_TIMEOUT);
});
