/**
 * The certificate of completion (course.yaml `certificate`) in Chromium: shown on the results once the
 * course is complete, with the learner's name as the LMS gives it ("Doe, Jane" → "Jane Doe"), the day,
 * the score and the credit line, axe clean; "Print my certificate" prints the certificate alone, on one
 * page; without an LMS (no name) it leaves a line to write the name on.
 */
import { describe, expect, it } from 'vitest';
import { missing } from '../helpers/require-tools.js';
import { checkPage } from './check-axe.js';
import { leaveCover, openCourse, passCourse, readCourseData, readHostWhenFinished, seedFromStored, waitForPlayer, waitShown } from './harness/run-course.mjs';
import { BROWSER_TIMEOUT, POLL, usePackage } from './use-package.js';

describe.skipIf(missing('chromium'))('the certificate of completion', () => {
  const pkg = usePackage('certificate');

  it('shows on the results once the course is complete: the LMS\'s name for the learner, the course, the day, the score, the credit', async () => {
    const { page, frame } = await openCourse(await pkg.newContext(), pkg.url);
    const course = await readCourseData(frame);
    expect(course.certificate).toEqual({ credit: '2 professional development hours' });
    // Not before the course is complete: passed through but not submitted yet.
    await passCourse(frame, course, { exit: false });
    const card = frame.locator('.cp-cert');
    await card.waitFor({ state: 'visible' });
    const lines = await card.locator('p').allTextContents();
    expect(lines[0]).toBe('Certificate of completion');
    expect(lines.slice(1, 5)).toEqual(['This certifies that', 'Jane Doe', 'completed the course', course.title]);
    expect(lines[5]).toMatch(/^on [A-Z][a-z]+ \d{1,2}, \d{4}, with a score of 100%\.$/);
    expect(lines.slice(6)).toEqual(['2 professional development hours', 'Published by coursepack tests']);
    expect(await card.getAttribute('role')).toBe('group');
    expect(await frame.locator('#cp-cert-title').textContent()).toBe('Certificate of completion');
    expect(await frame.getByRole('button', { name: 'Print my certificate' }).count()).toBe(1);
    const sco = page.frame({ url: /\/sco\/index\.html/ });
    if (!sco) throw new Error('the SCO frame is not there');
    expect((await checkPage(sco, { within: '.cp-results' })).violations).toEqual([]);
  }, BROWSER_TIMEOUT);

  it('prints alone on one page, and leaves a line for the name where the LMS gives none', async () => {
    const context = await pkg.newContext({ own: true });
    // On Playwright's clock: the second a browser that prints later has to begin is run through, not waited out.
    await context.clock.install();
    const page = await context.newPage();
    await page.goto(`${pkg.url}/sco/index.html`);
    await waitForPlayer(page);
    await leaveCover(page);
    const course = await readCourseData(page);
    await passCourse(page, course, { exit: false });
    const card = page.locator('.cp-cert');
    await card.waitFor({ state: 'visible' });
    // No LMS, no name: the line to write on is named for screen readers.
    expect(await card.locator('.cp-cert-blank').textContent()).toBe('Blank line for your name');
    expect(await card.locator('.cp-cert-blank').evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).borderBottomStyle)).toBe('solid');
    // What "Print my certificate" prints (window.print is a no-op here: the class it sets, the print media).
    await page.evaluate("document.body.classList.add('cp-printing-certificate')");
    await page.emulateMedia({ media: 'print' });
    const shown = await page.evaluate<string[]>(`[...document.querySelectorAll('header, main section, .cp-results > *, .cp-certificate > *')]
      .filter((el) => el.getClientRects().length > 0).map((el) => el.className || el.tagName)`);
    expect(shown.filter((c) => !/cp-results|cp-certificate|cp-cert\b/.test(c))).toEqual([]);
    expect(shown).toContain('cp-cert');
    const pdf = await page.pdf({ format: 'Letter' });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBe(1);
    await page.emulateMedia({ media: 'screen' });
    // The button sets the class for the print dialog only.
    await page.evaluate("document.body.classList.remove('cp-printing-certificate')");
    await page.getByRole('button', { name: 'Print my certificate' }).click();
    await context.clock.runFor(1000);
    await expect.poll(() => page.evaluate<boolean>("document.body.classList.contains('cp-printing-certificate')"), POLL).toBe(false);
    // Where printing is blocked (an LMS frame sandboxed without allow-modals: print() does nothing, fires
    // nothing), the class goes and the learner is told; the action plan's printout is not hidden by it after.
    await page.evaluate('window.print = () => undefined');
    // Its status region is rendered while empty: one that appears with its text is often not announced (WCAG 4.1.3).
    expect(await page.evaluate<string>("getComputedStyle(document.querySelector('.cp-certificate [role=status]')).display")).not.toBe('none');
    await page.getByRole('button', { name: 'Print my certificate' }).click();
    await context.clock.runFor(1000);
    await expect.poll(() => page.locator('.cp-certificate [role=status]').textContent(), POLL).toMatch(/^This window cannot print/);
    expect(await page.evaluate<string>('document.body.className')).not.toMatch(/cp-printing/);
  }, BROWSER_TIMEOUT);

  it('is one button away on the cover when a learner comes back to a completed course', async () => {
    const { page, frame } = await openCourse(await pkg.newContext(), pkg.url);
    const course = await readCourseData(frame);
    await passCourse(frame, course);
    const host = await readHostWhenFinished(page);
    const again = await openCourse(await pkg.newContext(), pkg.url, { seed: seedFromStored(host.stored), onCover: true });
    const cover = again.frame.locator('section[data-screen="cover"]');
    await cover.waitFor({ state: 'visible' });
    await cover.getByRole('button', { name: 'See my certificate' }).click();
    await waitShown(again.frame, '.cp-cert-name');
    expect(await again.frame.locator('.cp-cert-name').textContent()).toBe('Jane Doe');
    // Focus is on the certificate's heading, not the results' above it.
    expect(await again.frame.locator(':focus').getAttribute('id')).toBe('cp-certificate-heading');
  }, BROWSER_TIMEOUT);

  it('stays one button away when the pass mark in force rose after the learner completed (another mastery score, a republished course)', async () => {
    // Passed at 67 against the LMS's mastery score of 60, then launched where the mark is the course's 80.
    const { page, frame } = await openCourse(await pkg.newContext(), pkg.url, { seed: { student_data: { mastery_score: '60' } } });
    const course = await readCourseData(frame);
    await passCourse(frame, course, { wrong: ['quiz-truefalse'] });
    const host = await readHostWhenFinished(page);
    expect(host.stored['cmi.core.lesson_status']).toBe('passed');
    const again = await openCourse(await pkg.newContext(), pkg.url, { seed: seedFromStored(host.stored), onCover: true });
    const cover = again.frame.locator('section[data-screen="cover"]');
    await cover.getByRole('button', { name: 'See my certificate' }).click();
    await waitShown(again.frame, '.cp-cert-name');
    expect(await again.frame.locator('.cp-complete-day').textContent()).toMatch(/^You completed this course on /);
    // The score the LMS keeps (the best), as the cover says it.
    expect(await again.frame.locator('.cp-cert-day').textContent()).toMatch(/, with a score of 67%\.$/);
  }, BROWSER_TIMEOUT);
});
