/**
 * `coursepack preview` in Chromium: the open page reloads by itself when a module is saved, on the page it
 * showed, with the new text; while the course has errors it lists them (axe finds nothing on that page
 * either), and the course comes back when they are fixed.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { missing } from '../helpers/require-tools.js';
import { ROOT } from '../helpers/run-cli.mjs';
import { startPreview, stopPreviews } from '../helpers/start-preview.js';
import { checkPage } from './check-axe.js';
import { BROWSER_TIMEOUT, POLL } from './use-package.js';

describe.skipIf(missing('chromium'))('coursepack preview in a browser', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'coursepack-preview-e2e-'));
  let browser: Browser | null = null;
  beforeAll(async () => {
    browser = await chromium.connect(inject('chromiumWsEndpoint') ?? '');
  });
  afterAll(async () => {
    stopPreviews();
    await browser?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('reloads on save, on the page it showed; lists the problems while there are any; the course comes back', async () => {
    const course = path.join(work, 'course');
    cpSync(path.join(ROOT, 'test/fixtures/courses/minimal'), course, { recursive: true });
    const module = path.join(course, 'modules/01-basics.md');
    const original = readFileSync(module, 'utf8');
    const preview = await startPreview(course);
    const context = await browser!.newContext({ reducedMotion: 'reduce' });
    try {
      const page = await context.newPage();
      await page.goto(preview.url);
      await page.locator('.cp-start').click();
      await page.locator('#cp-next').click();
      await expect.poll(() => page.evaluate('location.hash'), POLL).toBe('#page-basics--reflect');

      let rebuilt = preview.nextRebuild();
      writeFileSync(module, original.replace('## Reflect\n', '## Reflect\n\nWritten while the page was open.\n'));
      await rebuilt;
      await expect.poll(() => page.locator('section[data-page="basics--reflect"]:not([hidden])').textContent(), POLL).toContain('Written while the page was open.');

      rebuilt = preview.nextRebuild();
      writeFileSync(module, original.replace('## Reflect\n', '## Reflect\n\n# Too high\n'));
      await rebuilt;
      await expect.poll(() => page.locator('h1').first().textContent(), POLL).toBe('The course has problems');
      expect(await page.locator('li pre').first().textContent()).toMatch(/modules\/01-basics\.md:\d+:1  error    .*heading-level-one/);
      expect((await checkPage(page)).violations).toEqual([]);

      rebuilt = preview.nextRebuild();
      writeFileSync(module, original);
      await rebuilt;
      await expect.poll(() => page.locator('section[data-page="basics--reflect"]:not([hidden]) h1').textContent(), POLL).toBe('Reflect');
    } finally {
      await context.close();
    }
  }, BROWSER_TIMEOUT);
});
