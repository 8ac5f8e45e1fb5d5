/**
 * The build end to end on real files: what lands in dist/, what never does, and the launch page contract
 * the player relies on (docs/architecture.md).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCourse } from '../../src/compile/index.js';
import type { CourseData } from '../../src/shared/course-data.js';
import { readZip } from '../helpers/read-zip.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'coursepack-build-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const minimal = 'test/fixtures/courses/minimal';

async function build(courseDir: string, outDir: string, split: 'none' | 'modules' = 'none') {
  return buildCourse({ courseDir, outDir, cwd: root, toolDir: root, split });
}

function launchPage(files: Map<string, Buffer>): { html: string; data: CourseData } {
  const html = files.get('index.html')?.toString('utf8') ?? '';
  const json = /<script type="application\/json" id="cp-course">(.*?)<\/script>/s.exec(html)?.[1] ?? 'null';
  return { html, data: JSON.parse(json) as CourseData };
}

describe('build', () => {
  it('writes dist/<course-id>-scorm12.zip with the page shell, player, theme and used assets', async () => {
    const out = path.join(work, 'one');
    const result = await build(minimal, out);
    expect(result.diagnostics).toEqual([]);
    expect(result.outputs.map((o) => path.basename(o.file))).toEqual(['minimal-course-scorm12.zip']);
    const files = await readZip(path.join(out, 'minimal-course-scorm12.zip'));
    expect([...files.keys()].sort()).toEqual([
      'adlcp_rootv1p2.xsd', 'assets/handout.pdf', 'assets/square.svg', 'ims_xml.xsd', 'imscp_rootv1p1p2.xsd',
      'imsmanifest.xml', 'imsmd_rootv1p2p1.xsd', 'index.html', 'player.css', 'player.js',
    ]);
    expect(readdirSync(out)).toEqual(['minimal-course-scorm12.zip']);
  });

  it('renders the launch page contract: pages, checks, reflections, callouts, links', async () => {
    const out = path.join(work, 'contract');
    await build(minimal, out);
    const { html, data } = launchPage(await readZip(path.join(out, 'minimal-course-scorm12.zip')));
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<title>A Minimal Course &#x26; Friends</title>');
    expect(data.pages.map((p) => p.id)).toEqual(['basics--welcome', 'basics--reflect', 'check--the-check', 'check--true-or-false']);
    for (const page of data.pages) {
      expect(html).toContain(`<section class="cp-page" id="page-${page.id}" data-page="${page.id}" aria-labelledby="h-${page.id}">`);
      expect(html).toContain(`<h1 id="h-${page.id}" tabindex="-1">`);
    }
    // Author ### becomes h2 under the page's h1.
    expect(html).toContain('<h2>Details</h2>');
    expect(html).toContain('<legend>What colour is the sky?</legend>');
    expect(html).toContain('<input type="checkbox" name="pick-primes" id="pick-primes-a" value="a"><label for="pick-primes-a">2</label>');
    expect(html).toContain('<button class="cp-check-submit" type="submit">Check answer</button>');
    expect(html).toContain('<div class="cp-feedback" id="feedback-colour-of-sky" role="status" aria-live="polite"></div>');
    expect(html).toContain('<textarea id="reflect-first-thoughts" rows="5" aria-describedby="reflect-first-thoughts-prompt"></textarea>');
    expect(html).toContain('<div class="cp-callout cp-callout-tip" role="note" aria-label="Tip: Try this">');
    expect(html).toContain('<a href="#page-check--the-check" data-page="check--the-check">the check</a>');
    // A file opens in a new tab: leaving index.html would end the SCO session.
    expect(html).toContain('<a href="assets/handout.pdf" target="_blank" rel="noopener noreferrer">handout<span class="cp-sr"> (opens in a new tab)</span></a>');
    expect(html).toContain('<kbd>Tab</kbd>');
    // Feedback lives in the data, not in the page, so answers are not visible before checking.
    expect(html.split('<script type="application/json"')[0]).not.toContain('air scatters blue light');
    const sky = data.checks.find((c) => c.id === 'colour-of-sky');
    expect(sky).toMatchObject({ type: 'single', scored: true, page: 'check--the-check' });
    expect(sky?.options).toEqual([
      { id: 'a', correct: true, text: 'Blue', feedback: '<p>Right: air scatters blue light most.</p>' },
      { id: 'b', correct: false, text: 'Green', feedback: '<p>Not on a clear day.</p>' },
    ]);
    // Only the assessment module is scored when the course has one.
    expect(data.completion).toEqual({ allPages: true, passMark: 80 });
    expect(data.reflections).toEqual([{ id: 'first-thoughts', page: 'basics--reflect', prompt: 'What do you already know?' }]);
  });

  it('renders the minimal course exactly as the golden launch page (a reviewer sees the real HTML diff)', async () => {
    const out = path.join(work, 'golden');
    await build(minimal, out);
    const { html } = launchPage(await readZip(path.join(out, 'minimal-course-scorm12.zip')));
    const golden = path.join(root, 'test/compile/golden/minimal-index.html');
    if (process.env['UPDATE_GOLDEN']) writeFileSync(golden, html);
    expect(html).toBe(readFileSync(golden, 'utf8'));
  });

  it('builds one package per module with --split modules, each with only its own assets and links', async () => {
    const out = path.join(work, 'split');
    const result = await build(minimal, out, 'modules');
    expect(result.outputs.map((o) => path.basename(o.file))).toEqual(['minimal-course-basics-scorm12.zip', 'minimal-course-check-scorm12.zip']);
    const basics = await readZip(path.join(out, 'minimal-course-basics-scorm12.zip'));
    const check = await readZip(path.join(out, 'minimal-course-check-scorm12.zip'));
    expect(basics.has('assets/square.svg')).toBe(true);
    expect(check.has('assets/square.svg')).toBe(false);
    const b = launchPage(basics);
    expect(b.data.id).toBe('minimal-course-basics');
    expect(b.data.pages.map((p) => p.module)).toEqual(['basics', 'basics']);
    // The link to the other module's page cannot work inside this package: it stays as text.
    expect(b.html).toContain('<span>the check</span>');
    // A practice module has no score of its own; the assessment module keeps the pass mark.
    expect(b.data.completion.passMark).toBeNull();
    expect(launchPage(check).data.completion.passMark).toBe(80);
  });

  it('writes nothing when the course has errors, and leaves an earlier zip untouched', async () => {
    const out = path.join(work, 'errors');
    const course = path.join(work, 'broken-course');
    cpSync(path.join(root, minimal), course, { recursive: true });
    await build(course, out);
    const zip = path.join(out, 'minimal-course-scorm12.zip');
    const before = readFileSync(zip);
    const module = path.join(course, 'modules/02-check.md');
    writeFileSync(module, readFileSync(module, 'utf8').replace('- [x] Blue', '- [ ] Blue'));
    const result = await build(course, out);
    expect(result.outputs).toEqual([]);
    expect(result.diagnostics.map((d) => d.rule)).toEqual(['check-no-correct']);
    expect(readdirSync(out)).toEqual(['minimal-course-scorm12.zip']);
    expect(readFileSync(zip).equals(before)).toBe(true);
    expect(existsSync(path.join(work, 'never'))).toBe(false);
    await build(course, path.join(work, 'never'));
    expect(existsSync(path.join(work, 'never'))).toBe(false);
  });
});
