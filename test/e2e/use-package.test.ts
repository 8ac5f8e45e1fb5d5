/**
 * The browser tests' own isolation (use-package.ts): a file's tests share one browser context's renderer, so
 * each must still start with nothing of the test before it. Each test's pages load from an origin of its own
 * (storage and the LMS double are per origin), a lent context refuses what would act on every test's pages,
 * and a lent page that wandered to another origin fails its test.
 */
import { describe, expect, it } from 'vitest';
import { missing } from '../helpers/require-tools.js';
import { BROWSER_TIMEOUT, usePackage } from './use-package.js';

describe.skipIf(missing('chromium'))('usePackage: one renderer for a file, each test on its own origin', () => {
  const pkg = usePackage();
  /** The first test's origin and what it left, for the second to look for. */
  let before = '';

  it('lends a test\'s first context on the test\'s origin, a secure context; what acts on the whole context throws; the second is the test\'s own', async () => {
    const context = await pkg.newContext();
    const page = await context.newPage();
    await page.goto(`${pkg.url}/blank.html`);
    before = new URL(page.url()).origin;
    expect(before).toMatch(/^http:\/\/t\d+\.cp\.localhost:\d+$/);
    expect(before).toBe(new URL(pkg.url).origin);
    expect(await page.evaluate('isSecureContext')).toBe(true);
    await page.evaluate("localStorage.setItem('left', 'by the first test')");
    // The LMS double's endpoint, as the synchronous-XHR host page saves (serve-package.mjs).
    await page.evaluate(`fetch('/lms/store?via=xhr', { method: 'POST', body: JSON.stringify({ learner: 'stu-001', values: { 'cmi.core.lesson_status': 'passed' } }) })`);
    expect(pkg.lms.stored.get('stu-001')).toEqual({ 'cmi.core.lesson_status': 'passed' });
    expect(() => context.clock).toThrow(/pkg\.newContext\(\{ own: true \}\)/);
    expect(() => context.setOffline).toThrow(/own: true/);
    expect(() => context.route).toThrow(/own: true/);
    // A second context in the test is a fresh one of its own: its clock is there to install.
    const own = await pkg.newContext();
    expect(typeof own.clock.install).toBe('function');
    expect(context.pages()).toEqual([page]);
  }, BROWSER_TIMEOUT);

  it('gives the next test another origin, with nothing of the last test\'s storage nor of its LMS records', async () => {
    expect(before).not.toBe('');
    const page = await (await pkg.newContext()).newPage();
    await page.goto(`${pkg.url}/blank.html`);
    expect(new URL(page.url()).origin).not.toBe(before);
    expect(await page.evaluate('localStorage.length')).toBe(0);
    expect(pkg.lms.stored.size).toBe(0);
  }, BROWSER_TIMEOUT);

  it('fails the test whose lent page opened another origin, naming it', async () => {
    const context = await pkg.newContext();
    const page = await context.newPage();
    const elsewhere = pkg.url.replace(/t\d+\.cp\.localhost/, '127.0.0.1');
    await page.goto(`${elsewhere}/blank.html`);
    await expect(context.close()).rejects.toThrow(`a lent context opened ${new URL(elsewhere).host}, outside the test's own origin`);
  }, BROWSER_TIMEOUT);
});
