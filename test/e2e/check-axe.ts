/**
 * axe-core's WCAG 2.1 A/AA check of the page on screen, for the browser tests. axe is injected into the
 * document once and run again after each page turn (the player never reloads), where AxeBuilder.analyze()
 * injects it again into every frame and finishes each run in a new blank page (about 1 s a call here).
 * Frames (the SCO inside an LMS host page) still go through AxeBuilder, which reaches into them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AxeBuilder } from '@axe-core/playwright';
import type { Frame, Page } from 'playwright-core';

export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The copy of axe-core that @axe-core/playwright depends on, so both ways check with the same rules. */
const AXE_SOURCE = readFileSync(
  createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright')).resolve('axe-core/axe.min.js'),
  'utf8',
);

/**
 * The document without the player's hidden pages and screens. The course's other pages sit in the DOM
 * with `hidden`, where axe walks them only to skip them (its rules leave hidden content alone, WCAG
 * judges what is presented); each is checked when a test shows it (course-in-lms.test.ts shows all 33).
 */
const SHOWN = JSON.stringify({ exclude: [['section.cp-page[hidden]'], ['section[data-screen][hidden]']] });

export interface AxeReport {
  /** `rule: target, target` for each violation. */
  readonly violations: string[];
  /** How many rules passed: a guard against a vacuous pass (axe not injected, an empty page). */
  readonly passes: number;
}

interface AxeResult {
  violations: Array<{ id: string; nodes: Array<{ target: unknown[] }> }>;
  passes: unknown[];
}

const report = (result: AxeResult): AxeReport => ({
  violations: result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  passes: result.passes.length,
});

/**
 * The document of `page` (or of one frame, e.g. the SCO inside an LMS host page) as shown now, without
 * the frames inside it; injects axe the first time per document. `only.bestPractice` adds axe's best-practice
 * rules (landmarks, heading order, empty headings) to WCAG 2.1 A/AA. `only.rules`
 * runs those rules alone (e.g. `color-contrast` in a second colour scheme) instead of all of WCAG 2.1 A/AA;
 * `only.within` checks the elements a selector matches instead of the document (a page's content, where
 * the player around it was checked already: half the time of a whole-document check).
 * `resultTypes: ['violations']` keeps every violating node but only one node per passing rule: the
 * speed-up axe's documentation suggests, with the same verdicts.
 */
export async function checkPage(page: Page | Frame, only: { readonly rules?: readonly string[]; readonly within?: string; readonly bestPractice?: boolean } = {}): Promise<AxeReport> {
  const runOnly = only.rules ? { type: 'rule', values: only.rules } : { type: 'tag', values: only.bestPractice ? [...WCAG_21_AA, 'best-practice'] : WCAG_21_AA };
  const options = JSON.stringify({ runOnly, resultTypes: ['violations'] });
  const context = only.within ? JSON.stringify({ include: [[only.within]] }) : SHOWN;
  // One round trip per check once axe is in the document; null the first time, then inject and run again.
  const run = `window.axe ? window.axe.run(${context}, ${options}).then((r) => ({
    violations: r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => ({ target: n.target })) })),
    passes: r.passes,
  })) : null`;
  let result = await page.evaluate<AxeResult | null>(run);
  if (result === null) {
    await page.evaluate(AXE_SOURCE);
    result = await page.evaluate<AxeResult | null>(run);
  }
  if (result === null) throw new Error('axe-core did not load into the page');
  return report(result);
}

/** The page and every frame in it (an LMS host page with the SCO in its frame), through AxeBuilder. */
export async function checkPageAndFrames(page: Page): Promise<AxeReport> {
  return report(await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze());
}
