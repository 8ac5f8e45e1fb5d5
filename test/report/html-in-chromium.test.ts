/**
 * The HTML report in Debian's Chromium (playwright-core, never a downloaded browser): it loads with
 * no script error and no request for anything, passes axe (WCAG 2.1 A/AA), shows a learner named
 * `<img src=x onerror=alert(1)>` as text, and prints.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { missing } from '../helpers/require-tools.js';
import { buildViews, createAggregator, parseRoster, readStatementText, renderHtml } from '../../src/report/index.js';
import { COURSE, PAGE_A1, progress, statement } from './make-statements.js';
import { ACTIVITY_TYPES, moduleIri, questionIri } from '../../src/shared/xapi/vocabulary.js';
import { scenarioStatements, XSS_NAME } from './scenarios.js';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

function reportHtml(extra: readonly Record<string, unknown>[] = [], language?: string): string {
  const { statements, voidingStatement } = scenarioStatements();
  const aggregator = createAggregator({ courseIri: COURSE, keepReflections: true });
  for (const s of [...statements, voidingStatement, ...extra]) aggregator.add(readStatementText(JSON.stringify(s)));
  return renderHtml(
    buildViews(aggregator.result(), {
      meta: { source: 'LRS http://127.0.0.1/xAPI', generatedAt: Date.UTC(2026, 9, 1), since: undefined, until: undefined, version: undefined, groupBy: 'school', pseudonymized: false, consistentThrough: undefined, language },
      roster: parseRoster('id,name,school\nada,Ada,North\ncy,,South\nzed,Zed,North\n', 'roster.csv'),
      reflections: true,
    }),
  );
}

// The run's one Chromium (the browser project's global setup, test/e2e/global-setup.ts).
describe.skipIf(missing('chromium'))('the HTML report in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    const endpoint = inject('chromiumWsEndpoint');
    if (endpoint === null) throw new Error('no Chromium in this run');
    browser = await chromium.connect(endpoint);
  }, 60_000);
  afterAll(async () => browser?.close());

  it('loads with no script error and no request, shows the hostile name as text, passes axe', async () => {
    // AxeBuilder needs a page of an explicit context.
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('request', (r) => {
      if (!r.url().startsWith('data:') && r.url() !== 'about:blank') requests.push(r.url());
    });
    await page.setContent(reportHtml(), { waitUntil: 'load' });

    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.locator('img').count()).toBe(0);
    const cell = page.getByRole('cell', { name: XSS_NAME, exact: true });
    expect(await cell.count()).toBeGreaterThanOrEqual(1);
    expect(await cell.first().textContent()).toBe(XSS_NAME);

    const charts = page.locator('svg[role="img"]');
    expect(await charts.count()).toBeGreaterThanOrEqual(3);
    for (const chart of await charts.all()) {
      // Each chart is named by its title and described in words; its table follows.
      const labelled = await chart.evaluate((svg: { getAttribute(name: string): string | null }) => {
        // Runs in the page; this project's TypeScript has no DOM types outside the runtime.
        const doc = (globalThis as unknown as { document: { getElementById(id: string): { textContent: string | null } | null } }).document;
        return (svg.getAttribute('aria-labelledby') ?? '').split(' ').map((id) => doc.getElementById(id)?.textContent ?? '');
      });
      expect(labelled.every((t) => t.length > 0)).toBe(true);
      expect(await chart.locator('xpath=ancestor::figure/following-sibling::div[1]//table').count()).toBe(1);
    }

    const axe = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
    // Guard against a vacuous pass (axe not injected, empty page).
    expect(axe.passes.length).toBeGreaterThan(10);
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await context.close();
  }, 60_000);

  it('keeps chart labels inside their chart with WCAG 1.4.12 text spacing, and their text visible in a dark contrast theme', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.setContent(reportHtml(), { waitUntil: 'load' });
    await page.addStyleTag({ content: '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }' });
    // Each chart text's box against its chart's: a label right-aligned in a fixed column began left of the chart.
    const outside = await page.evaluate<string[]>(`[...document.querySelectorAll('svg.chart text')].filter((t) => {
      const box = t.getBBox(); const width = t.ownerSVGElement.viewBox.baseVal.width;
      return box.x < 0 || box.x + box.width > width;
    }).map((t) => t.textContent)`);
    expect(outside).toEqual([]);
    await page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
    const colours = await page.evaluate<{ text: string; page: string }>(`({ text: getComputedStyle(document.querySelector('svg.chart text')).fill, page: getComputedStyle(document.body).backgroundColor })`);
    expect(colours.text).not.toBe(colours.page);
    expect(colours.text).not.toBe('rgb(26, 26, 26)');
    await page.close();
  }, 60_000);

  it('draws an Arabic course\'s chart label right to left, in its language, its full stop at its end and inside the chart', async () => {
    // Before: the label had no lang (read in the page's English) and, left to right, its full stop drawn at its start.
    const name = 'مقدمة الإرشاد.';
    const arabic = statement({ verb: 'progressed', who: 'ada', at: 5, object: moduleIri(COURSE, 'c-arabic'), result: progress(100) });
    arabic['object'] = { objectType: 'Activity', id: moduleIri(COURSE, 'c-arabic'), definition: { type: ACTIVITY_TYPES.module, name: { ar: name } } };
    const page = await browser.newPage();
    await page.setContent(reportHtml([arabic], 'ar'), { waitUntil: 'load' });
    const label = await page.evaluate<{ lang: boolean; left: number; right: number; width: number; stop: number; first: number } | null>(`(() => {
      const t = [...document.querySelectorAll('svg.chart text')].find((e) => e.textContent === ${JSON.stringify(name)});
      if (!t) return null;
      const box = t.getBBox();
      return { lang: t.matches(':lang(ar)'), left: box.x, right: box.x + box.width, width: t.ownerSVGElement.viewBox.baseVal.width,
        stop: t.getStartPositionOfChar(t.getNumberOfChars() - 1).x, first: t.getStartPositionOfChar(0).x };
    })()`);
    expect(label).not.toBeNull();
    expect(label?.lang).toBe(true);
    expect(label?.left).toBeGreaterThanOrEqual(0);
    expect(label?.right).toBeLessThanOrEqual(label?.width ?? 0);
    // Read right to left, the first letter is rightmost and the full stop leftmost.
    expect(label?.stop).toBeLessThan(label?.first ?? 0);
    await page.close();
  }, 60_000);

  it('reflows at 320 px even when the course has no name and its IRI is the title (WCAG 1.4.10)', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    await page.setContent(reportHtml().replace(/<h1>[^<]*<\/h1>/, `<h1>Completion report: ${COURSE}/${'long-path-segment'.repeat(4)}</h1>`), { waitUntil: 'load' });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
    await page.close();
  }, 60_000);

  // A low-vision admin sets the browser's font size larger (Chrome: Settings, Appearance, Font size): the report's
  // text follows it (WCAG 1.4.4). Its body was 15px, so only the tables (in rem) grew, past the text around them.
  it('follows the browser\'s font size setting: twice the default size, twice the text (WCAG 1.4.4), and reflows at 320 px', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32 } });
    await page.setContent(reportHtml(), { waitUntil: 'load' });
    const sizes = await page.evaluate<{ body: number; table: number; detail: number }>(`(() => {
      const size = (selector) => parseFloat(getComputedStyle(document.querySelector(selector)).fontSize);
      return { body: size('body'), table: size('table'), detail: size('.details dd') };
    })()`);
    expect(sizes).toEqual({ body: 30, table: 28.8, detail: 30 });
    // On a phone (320 px) the larger text still reflows: the details' names (a column as wide as "Versions seen")
    // left their values no room, and the page scrolled sideways (WCAG 1.4.10).
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
    await page.close();
  }, 60_000);

  it('prints its tables across a landscape sheet with words whole, a 160-character name wrapped in its cell', async () => {
    const page = await browser.newPage();
    // A landscape Letter sheet less Chrome's default margins (10.2 in): narrower than the learners table's widest.
    await page.setViewportSize({ width: 980, height: 700 });
    const long = `${'Verylongname'.repeat(13)}1234`;
    await page.setContent(reportHtml([statement({ verb: 'initialized', who: 'long', name: long, at: 50 })]), { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('cell', { name: long }).count()).toBe(1);
    const fit = await page.evaluate<{ width: number; tables: number[]; broken: string[] }>(`(() => {
      const broken = [];
      for (const cell of document.querySelectorAll('td, th')) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let text = walker.nextNode(); text; text = walker.nextNode()) {
          // Each word (between spaces, hyphens and the key's / and |) of a printable length on one line.
          for (const m of text.data.matchAll(/[^\\s\\/|-]{2,24}/g)) {
            const range = document.createRange();
            range.setStart(text, m.index);
            range.setEnd(text, m.index + m[0].length);
            if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) broken.push(m[0]);
          }
        }
      }
      return { width: document.documentElement.clientWidth, tables: [...document.querySelectorAll('table')].map((t) => t.getBoundingClientRect().right), broken };
    })()`);
    // Broken anywhere, the learners table's columns were squeezed mid-word: "complet|ed", "Lovelac|e".
    expect(fit.broken).toEqual([]);
    expect(fit.tables.length).toBeGreaterThanOrEqual(5);
    for (const right of fit.tables) expect(right).toBeLessThanOrEqual(fit.width);
    await page.close();
  }, 60_000);

  it('prints a chart of many questions in pieces that each fit a page, a label never apart from its bar, and no page left empty', async () => {
    // The mentoring course has 24 checks: its chart, one image 1,062 px tall, was moved whole to a page of its own
    // (figure{break-inside:avoid}), leaving the page under "Questions" blank, and there cut at the sheet's edge
    // through a bar, its label at the foot of one page and the rest of the bar at the top of the next.
    const answers = Array.from({ length: 24 }, (_, i) => {
      const iri = questionIri(COURSE, `check-${i + 1}`);
      const answer = statement({ verb: 'answered', who: 'ada', at: 60 + i, object: iri, parent: PAGE_A1, result: { response: 'a', success: i % 2 === 0 } });
      answer['object'] = { objectType: 'Activity', id: iri, definition: { type: ACTIVITY_TYPES.interaction, name: { en: `Which of these helps a young inventor (question ${i + 1})?` }, interactionType: 'choice', correctResponsesPattern: ['a'] } };
      return answer;
    });
    const page = await browser.newPage();
    // A landscape A4 sheet less Chrome's default margins (10.9 x 7.5 in), the smaller of A4 and Letter.
    await page.setViewportSize({ width: 1045, height: 716 });
    await page.setContent(reportHtml(answers), { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const layout = await page.evaluate<{ labels: number; pieces: number[]; avoiding: string[] }>(`(() => {
      const figure = document.querySelector('#h-questions ~ figure');
      const pieces = [...figure.querySelectorAll('svg')].map((svg) => svg.getBoundingClientRect().height);
      // What keeps itself whole across pages and is taller than one: moved to the next page, and cut there all the same.
      const avoiding = [...document.querySelectorAll('main *')].filter((e) => getComputedStyle(e).breakInside === 'avoid' && e.getBoundingClientRect().height > innerHeight).map((e) => e.tagName);
      return { labels: figure.querySelectorAll('text').length, pieces, avoiding };
    })()`);
    expect(layout.labels).toBeGreaterThanOrEqual(48);
    expect(layout.avoiding).toEqual([]);
    expect(layout.pieces.length).toBeGreaterThan(1);
    // Pages break between pieces, so a piece of at most half a sheet leaves at most half a page blank before a break.
    for (const height of layout.pieces) expect(height).toBeLessThanOrEqual(716 / 2);
    await page.close();
  }, 60_000);

  it('tells a module bar\'s two kinds of segment apart without their hue, on screen and in black-and-white print (WCAG 1.4.1)', async () => {
    const page = await browser.newPage();
    await page.setContent(reportHtml(), { waitUntil: 'load' });
    for (const media of ['screen', 'print'] as const) {
      await page.emulateMedia({ media });
      // The grey each is (relative luminance: what a black-and-white printer keeps of a colour, and near what an
      // eye without red-green vision tells apart).
      const greys = await page.locator('#h-modules ~ figure svg').evaluate((svg) => {
        const doc = svg as unknown as { querySelector(s: string): unknown };
        const win = globalThis as unknown as { getComputedStyle(e: unknown): { fill: string; stroke: string } };
        const luminance = (rgb: string): number => {
          const [r, g, b] = (rgb.match(/\d+/g) ?? []).map((v) => { const c = Number(v) / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
          return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
        };
        const style = (kind: string) => win.getComputedStyle(doc.querySelector(kind));
        return { fills: ['.seg-passed', '.seg-progress'].map((kind) => luminance(style(kind).fill)), outline: luminance(style('.seg-progress').stroke) };
      });
      const ratio = (a: number, b: number): number => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      // Filled amber beside green: 1.09:1, the same grey.
      expect(ratio(greys.fills[0] ?? 0, greys.fills[1] ?? 0)).toBeGreaterThanOrEqual(3);
      // A segment as light as the paper is drawn by its outline.
      expect(ratio(greys.outline, 1)).toBeGreaterThanOrEqual(3);
    }
    await page.close();
  }, 60_000);

  it('prints: the print style opens scroll boxes, and Chromium makes a PDF of it', async () => {
    const page = await browser.newPage();
    await page.setContent(reportHtml(), { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const overflow = await page.locator('.scroll').first().evaluate((el) => {
      const style = (globalThis as unknown as { getComputedStyle(e: unknown): { overflow: string } }).getComputedStyle(el);
      return style.overflow;
    });
    expect(overflow).toBe('visible');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  }, 60_000);
});
