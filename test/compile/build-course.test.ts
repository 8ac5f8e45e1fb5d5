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
    expect(result.messages).toEqual([]);
    expect(result.outputs.map((o) => path.basename(o.file))).toEqual(['minimal-course-scorm12.zip', 'minimal-course-xapi-activities.json']);
    const files = await readZip(path.join(out, 'minimal-course-scorm12.zip'));
    expect([...files.keys()].sort()).toEqual([
      'adlcp_rootv1p2.xsd', 'assets/handout.pdf', 'assets/square.svg', 'ims_xml.xsd', 'imscp_rootv1p1p2.xsd',
      'imsmanifest.xml', 'imsmd_rootv1p2p1.xsd', 'index.html', 'player.css', 'player.js',
    ]);
    expect(readdirSync(out)).toEqual(['minimal-course-scorm12.zip', 'minimal-course-xapi-activities.json']);
  });

  it('renders the launch page contract: pages, checks, reflections, callouts, links', async () => {
    const out = path.join(work, 'contract');
    await build(minimal, out);
    const { html, data } = launchPage(await readZip(path.join(out, 'minimal-course-scorm12.zip')));
    expect(html).toContain('<html lang="en" dir="ltr">');
    expect(html).toContain('<title>A Minimal Course &#x26; Friends</title>');
    expect(data.pages.map((p) => p.id)).toEqual(['basics--welcome', 'basics--reflect', 'check--the-check', 'check--true-or-false']);
    for (const page of data.pages) {
      expect(html).toContain(`<section class="cp-page" id="page-${page.id}" data-page="${page.id}" aria-labelledby="h-${page.id}">`);
      expect(html).toContain(`<h1 id="h-${page.id}" tabindex="-1">`);
    }
    // Author ### becomes h2 under the page's h1.
    expect(html).toContain('<h2>Details</h2>');
    expect(html).toContain('<legend>What colour is the sky?</legend>');
    expect(html).toContain('<input type="checkbox" name="answer-pick-primes" id="pick-primes-a" value="a" autocomplete="off"><label for="pick-primes-a">2</label>');
    expect(html).toContain('<button class="cp-check-submit" type="submit">Check answer</button>');
    expect(html).toContain('<div class="cp-feedback" id="feedback-colour-of-sky" role="status" aria-live="polite"></div>');
    expect(html).toContain('<textarea id="reflect-first-thoughts" rows="5" aria-labelledby="reflect-first-thoughts-prompt" aria-describedby="reflect-first-thoughts-note" autocomplete="off"></textarea>');
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
    expect(data.completion).toEqual({ allPages: true, passMark: 80, retry: 'missed', revealAnswers: 'after-submit' });
    const primes = data.checks.find((c) => c.id === 'pick-primes');
    expect([primes?.shuffle, primes?.review]).toEqual([true, 'basics--welcome']);
    // A figure: the Markdown title is the caption (the figure's name), and a link after it to the picture full size.
    expect(html).toContain('<figure class="cp-figure"><img src="assets/square.svg" alt="A square diagram"><figcaption>Figure 1: a square</figcaption></figure>\n<p class="cp-figure-more"><a class="cp-figure-open" href="assets/square.svg" target="_blank" rel="noopener noreferrer">Open full size<span class="cp-sr"> (opens in a new tab)</span></a></p>');
    // The brand: the light theme's accent, and the logo in the header (decorative beside the title).
    expect(html).toContain('<style>@media not screen and (prefers-color-scheme: dark) { :root { --cp-accent: #1f5fa8; } }</style>');
    expect(html).toContain('<p class="cp-course-title"><img class="cp-logo" src="assets/square.svg" alt="">A Minimal Course &#x26; Friends</p>');
    expect(data.reflections).toEqual([{ id: 'first-thoughts', page: 'basics--reflect', prompt: 'What do you already know?' }]);
  });

  it('renders the minimal course exactly as the golden launch page (a reviewer sees the real HTML diff)', async () => {
    const out = path.join(work, 'golden');
    await build(minimal, out);
    const { html } = launchPage(await readZip(path.join(out, 'minimal-course-scorm12.zip')));
    await expect(html).toMatchFileSnapshot('golden/minimal-index.html');
  });

  it('builds one package per module with --split modules, each with only its own assets and links', async () => {
    const out = path.join(work, 'split');
    const result = await build(minimal, out, 'modules');
    expect(result.outputs.map((o) => path.basename(o.file))).toEqual([
      'minimal-course-basics-scorm12.zip', 'minimal-course-check-scorm12.zip',
      'minimal-course-basics-xapi-activities.json', 'minimal-course-check-xapi-activities.json',
      // The whole course's too: every module, which a report needs to count a learner complete once each module is.
      'minimal-course-xapi-activities.json',
    ]);
    const whole = JSON.parse(readFileSync(path.join(out, 'minimal-course-xapi-activities.json'), 'utf8')) as { activities: Array<{ id: string; definition: { type: string; name: Record<string, string> } }> };
    expect(whole.activities.filter((a) => a.definition.type.endsWith('/module')).map((a) => a.id.split('/').pop())).toEqual(['basics', 'check']);
    // A module's own file says it is one (the report refuses it for the course's); the course's does not.
    expect(JSON.parse(readFileSync(path.join(out, 'minimal-course-check-xapi-activities.json'), 'utf8'))).toMatchObject({ partOf: 'A Minimal Course & Friends' });
    expect(whole).not.toHaveProperty('partOf');
    const basics = await readZip(path.join(out, 'minimal-course-basics-scorm12.zip'));
    const check = await readZip(path.join(out, 'minimal-course-check-scorm12.zip'));
    // Each package carries the assets its own pages use (the handout is linked from basics only), and the logo.
    expect(basics.has('assets/handout.pdf')).toBe(true);
    expect(check.has('assets/handout.pdf')).toBe(false);
    expect(check.has('assets/square.svg')).toBe(true);
    const b = launchPage(basics);
    expect(b.data.id).toBe('minimal-course-basics');
    // Its xAPI activity for the course keeps the course's name, not "Course: Module" (an LRS named the course after a module).
    expect(b.data.partOf).toEqual({ title: 'A Minimal Course & Friends', packages: ['minimal-course-basics', 'minimal-course-check'] });
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
    expect(result.messages.map((d) => d.ruleId)).toEqual(['check-no-correct']);
    expect(readdirSync(out)).toEqual(['minimal-course-scorm12.zip', 'minimal-course-xapi-activities.json']);
    expect(readFileSync(zip).equals(before)).toBe(true);
    expect(existsSync(path.join(work, 'never'))).toBe(false);
    await build(course, path.join(work, 'never'));
    expect(existsSync(path.join(work, 'never'))).toBe(false);
  });
});

describe('build: xAPI settings and the activities file (issue 9)', () => {
  const KEY = 'Basic Y291cnNlcGFjazp0ZXN0';

  function courseWith(name: string, yaml: string): string {
    const course = path.join(work, name);
    cpSync(path.join(root, minimal), course, { recursive: true });
    writeFileSync(path.join(course, 'course.yaml'), `${readFileSync(path.join(course, 'course.yaml'), 'utf8')}${yaml}`);
    return course;
  }

  it('fills CourseData.tracking and xapi with the defaults, and keeps reflections private', async () => {
    const out = path.join(work, 'xapi-defaults');
    await build(minimal, out);
    const { html, data } = launchPage(await readZip(path.join(out, 'minimal-course-scorm12.zip')));
    expect(data.tracking).toEqual({ reflections: 'private', learnerNames: false, practiceInteractions: false });
    expect(data.xapi).toEqual({ courseIri: 'https://coursepack.invalid/courses/minimal-course', endpoint: null, auth: null, homePage: null });
    expect(html).toContain('<p class="cp-reflect-note" id="reflect-first-thoughts-note">Not scored. Saved only in this browser, on this device.</p>');
  });

  it('reads course.yaml, lets the build settings override it, bakes the key with a warning, and says reflections are shared', async () => {
    const course = courseWith('xapi-set', [
      'tracking:', '  reflections: share', '  learnerNames: true', 'xapi:', '  activityBase: https://district.example.org/xapi/courses/minimal',
      '  endpoint: https://lrs-a.example.org/xapi/', '  homePage: https://lms.example.org', '',
    ].join('\n'));
    const out = path.join(work, 'xapi-set-out');
    const result = await buildCourse({ courseDir: course, outDir: out, cwd: root, toolDir: root, lrs: { endpoint: 'https://lrs-b.example.org/xapi/', auth: KEY } });
    expect(result.messages.map((m) => `${m.file} ${m.ruleId} ${m.fatal}`)).toEqual(['course.yaml xapi-key-in-package false']);
    const { html, data } = launchPage(await readZip(path.join(out, 'minimal-course-scorm12.zip')));
    expect(data.tracking).toEqual({ reflections: 'share', learnerNames: true, practiceInteractions: false });
    expect(data.xapi).toEqual({
      courseIri: 'https://district.example.org/xapi/courses/minimal', endpoint: 'https://lrs-b.example.org/xapi/', auth: KEY, homePage: 'https://lms.example.org',
    });
    expect(html).toContain('<p class="cp-reflect-note" id="reflect-first-thoughts-note">Not scored. What you write here is shared with the course\'s administrators.</p>');
  });

  it('writes <course-id>-xapi-activities.json: every activity with its type and name, the same bytes every build', async () => {
    const course = courseWith('activities', 'xapi:\n  activityBase: https://district.example.org/xapi/courses/minimal\n');
    await buildCourse({ courseDir: course, outDir: path.join(work, 'act-a'), cwd: root, toolDir: root });
    await buildCourse({ courseDir: course, outDir: path.join(work, 'act-b'), cwd: root, toolDir: root });
    const text = readFileSync(path.join(work, 'act-a/minimal-course-xapi-activities.json'), 'utf8');
    expect(readFileSync(path.join(work, 'act-b/minimal-course-xapi-activities.json'), 'utf8')).toBe(text);
    expect(text.endsWith('}\n')).toBe(true);
    const file = JSON.parse(text) as { v: number; courseIri: string; activities: { id: string; definition: { type: string; name: Record<string, string> } }[] };
    expect(file).toMatchObject({ v: 1, courseId: 'minimal-course', courseIri: 'https://district.example.org/xapi/courses/minimal', language: 'en' });
    const base = 'https://district.example.org/xapi/courses/minimal';
    expect(file.activities.map((a) => a.id)).toEqual([
      base, `${base}/modules/basics`, `${base}/modules/check`,
      `${base}/modules/basics/pages/welcome`, `${base}/modules/basics/pages/reflect`, `${base}/modules/check/pages/the-check`, `${base}/modules/check/pages/true-or-false`,
      `${base}/questions/colour-of-sky`, `${base}/questions/pick-primes`, `${base}/questions/earth-flat`,
      `${base}/reflections/first-thoughts`,
    ]);
    expect(file.activities.find((a) => a.id.endsWith('first-thoughts'))?.definition.name).toEqual({ en: 'What do you already know?' });
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });
});

/**
 * Builds a copy of the minimal course named `name` (into `<name>-out`) in which each file of `edits` had its
 * first `from` replaced by `to` (a file not in the course is written as `to`).
 */
/** A PNG's signature: what an image a page shows must start with (its pixels are not read). */
const PNG_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function buildVariant(name: string, edits: Record<string, [from: string, to: string | Buffer]>, split: 'none' | 'modules' = 'none') {
  const dir = path.join(work, name);
  cpSync(path.join(root, minimal), dir, { recursive: true });
  for (const [file, [from, to]] of Object.entries(edits)) {
    const target = path.join(dir, file);
    writeFileSync(target, existsSync(target) && typeof to === 'string' ? readFileSync(target, 'utf8').replace(from, to) : to);
  }
  return build(dir, path.join(work, `${name}-out`), split);
}

describe('build: the logo (brand.logo)', () => {
  it('goes into every split package', async () => {
    const result = await buildVariant('logo-uses', {
      'course.yaml': ['logo: assets/square.svg', 'logo: assets/logo.svg'],
      'assets/logo.svg': ['', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>\n'],
    }, 'modules');
    // The minimal course links across its two modules: split, those links are warnings, nothing else is said.
    expect(result.messages.filter((m) => m.ruleId !== 'link-across-packages')).toEqual([]);
    for (const zip of result.outputs.filter((o) => o.kind === 'package')) {
      const files = await readZip(zip.file);
      expect([path.basename(zip.file), files.has('assets/logo.svg')]).toEqual([path.basename(zip.file), true]);
    }
  });

  it('an SVG logo (or any SVG shown as a picture) that loads a file of its own is refused: browsers load nothing it names (svg-external-file)', async () => {
    const result = await buildVariant('logo-linked-image', {
      'course.yaml': ['logo: assets/square.svg', 'logo: assets/logo.svg'],
      'assets/logo.svg': ['', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">\n<image href="mark.png" width="10" height="10"/></svg>\n'],
      'assets/mark.png': ['', PNG_BYTES],
    });
    expect(result.messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.ruleId}`)).toEqual(['assets/logo.svg:2:14 svg-external-file']);
    expect(result.messages[0]?.reason).toBe('`assets/logo.svg` is shown as a picture and loads assets/mark.png from outside itself: browsers load nothing an SVG shown as a picture names, so learners would see that part of it empty');
  });

  it('an SVG that raw HTML only links to (`<a href>`) opens on its own, where it loads its files: no svg-external-file; `<img>` shows it', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">\n<image href="mark.png" width="10" height="10"/></svg>\n';
    const linked = await buildVariant('html-linked-svg', {
      'modules/01-basics.md': ['### Details\n', '<p>Open <a href="../assets/plan.svg">the plan</a> in a tab of its own.</p>\n\n### Details\n'],
      'assets/plan.svg': ['', svg],
      'assets/mark.png': ['', PNG_BYTES],
    });
    expect(linked.messages).toEqual([]);
    const shown = await buildVariant('html-shown-svg', {
      'modules/01-basics.md': ['### Details\n', '<p><img src="../assets/plan.svg" alt="The plan"></p>\n\n### Details\n'],
      'assets/plan.svg': ['', svg],
      'assets/mark.png': ['', PNG_BYTES],
    });
    expect(shown.messages.map((m) => `${m.file}:${m.line} ${m.ruleId}`)).toEqual(['assets/plan.svg:2 svg-external-file']);
  });
});

describe('build: page titles', () => {
  it('shows the title\'s formatting in the h1 and its text in the contents and the course data; the page id is as before', async () => {
    const result = await buildVariant('formatted-title', { 'modules/01-basics.md': ['## Reflect\n', '## Press <kbd>Tab</kbd>, *then* `Enter`\n'] });
    expect(result.messages).toEqual([]);
    const { html, data } = launchPage(await readZip(path.join(work, 'formatted-title-out', 'minimal-course-scorm12.zip')));
    const id = 'basics--press-kbd-tab-kbd-then-enter';
    expect(html).toContain(`<h1 id="h-${id}" tabindex="-1">Press <kbd>Tab</kbd>, <em>then</em> <code>Enter</code></h1>`);
    expect(html).toContain(`<a href="#page-${id}" data-page="${id}">Press Tab, then Enter</a>`);
    expect(data.pages.find((p) => p.id === id)?.title).toBe('Press Tab, then Enter');
  });
});

describe('build: reference definitions are document-wide (CommonMark §4.7)', () => {
  it('uses a definition written above the first page', async () => {
    const result = await buildVariant('definitions-first', {
      'modules/01-basics.md': ['## Welcome\n', '[sheet]: ../assets/handout.pdf\n\n## Welcome\n\nThe [planning sheet][sheet] again.\n'],
    });
    expect(result.messages).toEqual([]);
    const { html } = launchPage(await readZip(path.join(work, 'definitions-first-out', 'minimal-course-scorm12.zip')));
    expect(html).toContain('<a href="assets/handout.pdf" target="_blank" rel="noopener noreferrer">planning sheet<span class="cp-sr"> (opens in a new tab)</span></a>');
  });
});

describe('build: split titles cut at 200 characters', () => {
  it('cuts between characters, never inside an emoji (half of one cannot go into a manifest)', async () => {
    const dir = path.join(work, 'emoji-title');
    cpSync(path.join(root, minimal), dir, { recursive: true });
    const config = readFileSync(path.join(dir, 'course.yaml'), 'utf8').replace(/^title: .*$/m, `title: "${'x'.repeat(198)}😀"`);
    writeFileSync(path.join(dir, 'course.yaml'), config);
    const result = await buildCourse({ courseDir: dir, outDir: path.join(work, 'emoji-out'), cwd: root, toolDir: root, split: 'modules' });
    expect(result.messages.filter((m) => m.fatal)).toEqual([]);
    const zip = await readZip(result.outputs.find((o) => o.kind === 'package')?.file ?? '');
    // The course part is shortened so the module's name stays (200 UTF-16 units at most).
    expect(zip.get('imsmanifest.xml')?.toString('utf8')).toContain(`<title>${'x'.repeat(191)}…: Basics</title>`);
  });
});

describe('build: split titles cut between characters as readers see them', () => {
  it.each([
    // 188 units, then a teacher (woman, joiner, school: 5 units) across the cut at 191: the title ended in a woman and a joiner.
    ['an emoji sequence', `${'x'.repeat(188)}👩‍🏫 z`, 'x'.repeat(188)],
    ['a Hindi syllable', `${'x'.repeat(190)}कि z`, 'x'.repeat(190)],
    ['a flag', `${'x'.repeat(189)}🇮🇳 z`, 'x'.repeat(189)],
  ])('%s', async (name, title, kept) => {
    const dir = path.join(work, `split-cut-${name.replace(/ /g, '-')}`);
    cpSync(path.join(root, minimal), dir, { recursive: true });
    const config = readFileSync(path.join(dir, 'course.yaml'), 'utf8').replace(/^title: .*$/m, `title: "${title}"`);
    writeFileSync(path.join(dir, 'course.yaml'), config);
    const result = await buildCourse({ courseDir: dir, outDir: path.join(work, `split-cut-out-${name.replace(/ /g, '-')}`), cwd: root, toolDir: root, split: 'modules' });
    expect(result.messages.filter((m) => m.fatal)).toEqual([]);
    const zip = await readZip(result.outputs.find((o) => o.kind === 'package')?.file ?? '');
    expect(zip.get('imsmanifest.xml')?.toString('utf8')).toContain(`<title>${kept}…: Basics</title>`);
  });
});

describe('build --split modules: package titles', () => {
  it('keep each module\'s title when the course title is long, within 200 UTF-16 units, never half an emoji', async () => {
    const long = `${'A long course title '.repeat(9)}${'🚀'.repeat(9)}`;
    const result = await buildVariant('long-title', { 'course.yaml': ['title: A Minimal Course & Friends', `title: "${long}"`] }, 'modules');
    const titles = await Promise.all(result.outputs.filter((o) => o.file.endsWith('.zip')).map(async (o) => {
      const manifest = (await readZip(o.file)).get('imsmanifest.xml')?.toString() ?? '';
      return /<organization [^>]*>\s*<title>([^<]*)<\/title>/.exec(manifest)?.[1] ?? '';
    }));
    expect(titles.map((t) => t.slice(t.lastIndexOf(': ') + 2))).toEqual(['Basics', 'Check']);
    for (const title of titles) {
      expect(title.length).toBeLessThanOrEqual(200);
      expect(title).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
      expect(title).toMatch(/^A long course title .*…: /);
    }
  });
});

describe('build --split modules: completion with `pages: none`', () => {
  it('a module without a pass mark of its own completes by its pages, not the moment it opens; the scored one by its score', async () => {
    const result = await buildVariant('split-pages-none', { 'course.yaml': ['pages: all', 'pages: none'] }, 'modules');
    expect(result.messages.filter((m) => m.ruleId !== 'link-across-packages')).toEqual([]);
    const completion = await Promise.all(result.outputs.filter((o) => o.kind === 'package').map(async (o) => {
      const { data } = launchPage(await readZip(o.file));
      return [data.id, data.completion.allPages, data.completion.passMark];
    }));
    expect(completion).toEqual([['minimal-course-basics', true, null], ['minimal-course-check', false, 80]]);
    // Whole, the pass mark completes the course: pages need not all be viewed.
    const whole = await buildVariant('whole-pages-none', { 'course.yaml': ['pages: all', 'pages: none'] });
    expect(whole.messages).toEqual([]);
    const { data } = launchPage(await readZip(path.join(work, 'whole-pages-none-out', 'minimal-course-scorm12.zip')));
    expect([data.completion.allPages, data.completion.passMark]).toEqual([false, 80]);
  });
});

describe('build --split modules: raw HTML links to another module', () => {
  it('are warned about and show as plain text, as Markdown links are: no link that goes nowhere', async () => {
    const result = await buildVariant('split-html-link', {
      'modules/01-basics.md': ['See [the check]', 'Inline <a href="02-check.md#the-check">the check in HTML</a>.\n\n<p>A block <a href="02-check.md">link to Check</a>.</p>\n\nSee [the check]'],
    }, 'modules');
    expect(result.messages.filter((m) => m.fatal)).toEqual([]);
    expect(result.messages.filter((m) => m.ruleId === 'link-across-packages').map((m) => `${m.file}:${m.line}:${m.column}`)).toEqual(['modules/01-basics.md:15:11', 'modules/01-basics.md:17:15', 'modules/01-basics.md:19:5', 'modules/02-check.md:23:1']);
    const basics = result.outputs.find((o) => o.file.endsWith('-basics-scorm12.zip'))?.file ?? '';
    const { html } = launchPage(await readZip(basics));
    expect(html).toContain('Inline <span>the check in HTML</span>.');
    expect(html).toContain('<p>A block <span>link to Check</span>.</p>');
    expect(html).not.toContain('data-page="check--');
    // Whole, the same HTML links work.
    const whole = await buildVariant('whole-html-link', {
      'modules/01-basics.md': ['See [the check]', 'Inline <a href="02-check.md#the-check">the check in HTML</a>.\n\nSee [the check]'],
    });
    expect(whole.messages).toEqual([]);
    const wholeHtml = launchPage(await readZip(path.join(work, 'whole-html-link-out', 'minimal-course-scorm12.zip'))).html;
    expect(wholeHtml).toContain('Inline <a href="#page-check--the-check" data-page="check--the-check">the check in HTML</a>.');
  });
});

describe('build: course.yaml organization', () => {
  it('is the package\'s publisher in the manifest and on the cover; without it, neither says one', async () => {
    const read = async (result: Awaited<ReturnType<typeof build>>) => {
      const zip = await readZip(result.outputs.find((o) => o.kind === 'package')?.file ?? '');
      return { manifest: zip.get('imsmanifest.xml')?.toString('utf8') ?? '', data: launchPage(zip).data };
    };
    const named = await read(await buildVariant('publisher', { 'course.yaml': ['organization: coursepack tests', 'organization: Lincoln USD; Library & Media'] }));
    expect(named.manifest).toContain('<imsmd:vcard>BEGIN:VCARD\nVERSION:3.0\nFN:Lincoln USD\\; Library &amp; Media\nORG:Lincoln USD\\; Library &amp; Media\nEND:VCARD</imsmd:vcard>');
    expect(named.data.organization).toBe('Lincoln USD; Library & Media');
    const none = await read(await buildVariant('no-publisher', { 'course.yaml': ['organization: coursepack tests\n', ''] }));
    expect(none.manifest).not.toContain('imsmd:contribute');
    // Not the title in its place: a publisher nobody named would be made up.
    expect(none.data.organization).toBe('');
  });
});

describe('build: assets nothing names (asset-unused)', () => {
  it('are a warning each, and stay out of the package; what a used SVG names is in use', async () => {
    const result = await buildVariant('unused-assets', {
      'assets/forgotten-handout.pdf': ['', '%PDF-1.4\n'],
      'modules/01-basics.md': ['and the [handout](../assets/handout.pdf).', 'and the [handout](../assets/handout.pdf).\n\n[A framed mark](../assets/framed.svg)'],
      'assets/framed.svg': ['', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><image href="inner.png" width="10" height="10"/></svg>\n'],
      'assets/inner.png': ['', PNG_BYTES],
    });
    expect(result.messages.map((m) => `${m.file} ${m.ruleId} ${m.fatal}`)).toEqual(['assets/forgotten-handout.pdf asset-unused false']);
    const files = await readZip(result.outputs.find((o) => o.kind === 'package')?.file ?? '');
    expect([...files.keys()].filter((f) => f.startsWith('assets/')).sort()).toEqual(['assets/framed.svg', 'assets/handout.pdf', 'assets/inner.png', 'assets/square.svg']);
  });

  it('a file a refused URL names is not unused besides: its own error says what to fix', async () => {
    const result = await buildVariant('refused-assets', {
      'modules/01-basics.md': ['and the [handout](../assets/handout.pdf).', 'and the [handout](../assets/Handout.pdf), [notes](<../assets/My notes.txt>).'],
      'assets/My notes.txt': ['', 'notes'],
    });
    expect(result.messages.map((m) => `${m.file} ${m.ruleId}`).sort()).toEqual(['modules/01-basics.md asset-file-name', 'modules/01-basics.md missing-asset']);
  });
});

describe('build: raw HTML media', () => {
  // Line 1 of MEDIA is line 15 of the module: it replaces the handout line, which stays its first line.
  const MEDIA = [
    'See [the check](02-check.md#the-check) and the [handout](../assets/handout.pdf).',
    '',
    '<audio src="../assets/story.mp3" controls></audio>',
    '',
    '<video src="../assets/talk.webm" controls></video>',
    '',
    'Inline: <video src="../assets/talk.webm" controls><track kind="captions" src="../assets/talk.vtt"></video>',
    '',
    'No track, inline: <video src="../assets/talk.webm" controls></video>',
    '',
    'Never closed: <video src="../assets/talk.webm" controls>',
  ].join('\n');

  it('ship with the package\'s URLs and files when warned about, and a paragraph\'s pieces of HTML are one video for captions', async () => {
    const result = await buildVariant('raw-media', {
      'modules/01-basics.md': ['See [the check](02-check.md#the-check) and the [handout](../assets/handout.pdf).', MEDIA],
      'assets/story.mp3': ['', 'not really an MP3'],
      'assets/talk.webm': ['', 'not really a WebM'],
      'assets/talk.vtt': ['', 'WEBVTT\n'],
    });
    // A warning (the audio's transcript, the video's captions) used to leave the piece of HTML as written: its
    // ../assets/ URL then failed the render's last check and was dropped, and the file stayed out of the
    // package, so the build shipped silent players. The inline captioned video (line 21) has its track in a
    // later piece of HTML than its tag; it was warned about, wrongly.
    expect(result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.fatal}`)).toEqual([
      '17:1 media-no-captions false', '19:1 media-no-captions false', '23:19 media-no-captions false', '25:15 media-no-captions false',
    ]);
    const files = await readZip(result.outputs.find((o) => o.kind === 'package')?.file ?? '');
    expect([...files.keys()].filter((f) => /^assets\/(story|talk)/.test(f)).sort()).toEqual(['assets/story.mp3', 'assets/talk.vtt', 'assets/talk.webm']);
    const { html } = launchPage(files);
    expect(html.match(/<(audio|video)\b[^>]*>/g)).toEqual([
      '<audio src="assets/story.mp3" controls data-cp-preload="" preload="none">',
      ...Array.from({ length: 4 }, () => '<video src="assets/talk.webm" controls data-cp-preload="" preload="none">'),
    ]);
    expect(html).toContain('<track kind="captions" src="assets/talk.vtt">');
  });
});

describe('build: callout titles', () => {
  it('an empty or blank label shows the kind\'s name, never an empty title line', async () => {
    const result = await buildVariant('blank-callout', {
      'modules/01-basics.md': ['## Welcome\n', '## Welcome\n\n:::callout[   ]{kind=tip}\nBlank.\n:::\n\n:::callout[]{kind=warning}\nEmpty.\n:::\n'],
    });
    expect(result.messages).toEqual([]);
    const { html } = launchPage(await readZip(path.join(work, 'blank-callout-out', 'minimal-course-scorm12.zip')));
    expect(html).toContain('<div class="cp-callout cp-callout-tip" role="note" aria-label="Tip"><p class="cp-callout-title">Tip</p>');
    expect(html).toContain('<div class="cp-callout cp-callout-warning" role="note" aria-label="Warning"><p class="cp-callout-title">Warning</p>');
    expect(html).not.toContain('<p class="cp-callout-title"></p>');
  });
});

describe('build: callouts named by an English word (language: de)', () => {
  it('a callout in a check\'s feedback has ids of its own, not a page\'s callout\'s: it is put in the page when shown', async () => {
    const result = await buildVariant('de-feedback-callout', {
      'course.yaml': ['language: en', 'language: de'],
      'modules/02-check.md': [':::check{#colour-of-sky}\nLook outside on a clear day.\n\nWhat colour is the sky?\n\n- [x] Blue\n  Right: air scatters blue light most.\n- [ ] Green\n  Not on a clear day.\n:::',
        '::::check{#colour-of-sky}\nLook outside on a clear day.\n\nWhat colour is the sky?\n\n- [x] Blue\n  Right: air scatters blue light most.\n- [ ] Green\n  Not on a clear day.\n\n  :::callout{kind=note}\n  Look again.\n  :::\n::::'],
    });
    expect(result.messages.filter((m) => m.fatal)).toEqual([]);
    const { html, data } = launchPage(await readZip(path.join(work, 'de-feedback-callout-out', 'minimal-course-scorm12.zip')));
    const feedback = data.checks.flatMap((c) => c.options.map((o) => o.feedback)).join('\n');
    expect(feedback).toContain('role="note"');
    const idsIn = (text: string): string[] => [...text.matchAll(/ id="(cp-[\w-]*callout[\w-]*)"/g)].map((m) => m[1] ?? '');
    const pageIds = idsIn(html.replace(/<script type="application\/json"[^]*?<\/script>/, ''));
    expect(pageIds.length).toBeGreaterThan(0);
    const all = [...pageIds, ...idsIn(feedback)];
    expect(all.filter((id, i) => all.indexOf(id) !== i)).toEqual([]);
    // Each name still points at its own callout's title.
    for (const [, ids] of feedback.matchAll(/aria-labelledby="([^"]*)"/g)) for (const id of (ids ?? '').split(' ')) expect(feedback).toContain(` id="${id}"`);
  });
});

describe('build: phone photos (strip-photo-metadata.ts)', () => {
  it('go into the package without their Exif: no GPS position, camera serial or owner reaches learners', async () => {
    const text = (s: string) => [...s].map((c) => c.charCodeAt(0));
    // Little-endian TIFF: IFD0 with Artist (at 26) and a GPS IFD (at 40) holding GPSLatitudeRef "N".
    const tiff = [...text('II'), 42, 0, 8, 0, 0, 0, 2, 0, 0x3b, 0x01, 2, 0, 13, 0, 0, 0, 52, 0, 0, 0, 0x25, 0x88, 4, 0, 1, 0, 0, 0, 34, 0, 0, 0, 0, 0, 0, 0,
      1, 0, 1, 0, 2, 0, 2, 0, 0, 0, ...text('N'), 0, 0, 0, 0, 0, 0, 0, ...text('Jane Teacher\0')];
    const exif = [...text('Exif\0\0'), ...tiff];
    const image = [0xff, 0xc0, 0, 11, 8, 0, 1, 0, 1, 1, 1, 0x11, 0, 0xff, 0xda, 0, 8, 1, 1, 0, 0, 63, 0, 0x12, 0x34, 0xff, 0xd9];
    const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe1, (exif.length + 2) >> 8, (exif.length + 2) & 0xff, ...exif, ...image]);
    const dir = path.join(work, 'phone-photo');
    cpSync(path.join(root, minimal), dir, { recursive: true });
    writeFileSync(path.join(dir, 'assets/bench.jpg'), photo);
    writeFileSync(path.join(dir, 'modules/02-check.md'), `${readFileSync(path.join(dir, 'modules/02-check.md'), 'utf8')}\n![A mentor at a workbench](../assets/bench.jpg)\n`);
    const result = await build(dir, path.join(work, 'phone-photo-out'));
    expect(result.messages).toEqual([]);
    const files = await readZip(result.outputs.find((o) => o.kind === 'package')?.file ?? '');
    expect([...(files.get('assets/bench.jpg') ?? [])]).toEqual([0xff, 0xd8, ...image]);
    expect(files.get('assets/bench.jpg')?.includes('Jane Teacher')).toBe(false);
  });

  it('a photo a module holds as a data: URL goes into the launch page without its Exif', async () => {
    const text = (s: string) => [...s].map((c) => c.charCodeAt(0));
    const exif = [...text('Exif\0\0II'), 42, 0, 8, 0, 0, 0, 1, 0, 0x3b, 0x01, 2, 0, 13, 0, 0, 0, 26, 0, 0, 0, 0, 0, 0, 0, ...text('Jane Teacher\0')];
    const image = [0xff, 0xc0, 0, 11, 8, 0, 1, 0, 1, 1, 1, 0x11, 0, 0xff, 0xda, 0, 8, 1, 1, 0, 0, 63, 0, 0x12, 0x34, 0xff, 0xd9];
    const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0, exif.length + 2, ...exif, ...image]).toString('base64');
    const clean = Buffer.from([0xff, 0xd8, ...image]).toString('base64');
    const result = await buildVariant('data-url-photo', {
      'modules/01-basics.md': ['and the [handout](../assets/handout.pdf).', `and the [handout](../assets/handout.pdf).\n\n![A mentor at a workbench](data:image/jpeg;base64,${photo})`],
    });
    expect(result.messages).toEqual([]);
    const html = (await readZip(result.outputs.find((o) => o.kind === 'package')?.file ?? '')).get('index.html')?.toString('utf8') ?? '';
    expect(html).not.toContain(photo);
    expect(html).toContain(`src="data:image/jpeg;base64,${clean}"`);
  });

  it('an SVG that embeds one (Inkscape writes the file whole as a data: URL) goes in without its Exif too', async () => {
    const text = (s: string) => [...s].map((c) => c.charCodeAt(0));
    const exif = [...text('Exif\0\0II'), 42, 0, 8, 0, 0, 0, 1, 0, 0x3b, 0x01, 2, 0, 13, 0, 0, 0, 26, 0, 0, 0, 0, 0, 0, 0, ...text('Jane Teacher\0')];
    const image = [0xff, 0xc0, 0, 11, 8, 0, 1, 0, 1, 1, 1, 0x11, 0, 0xff, 0xda, 0, 8, 1, 1, 0, 0, 63, 0, 0x12, 0x34, 0xff, 0xd9];
    const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0, exif.length + 2, ...exif, ...image]);
    const svg = (jpeg: Buffer) => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><image xlink:href="data:image/jpeg;base64,${jpeg.toString('base64')}" width="10" height="10"/></svg>\n`;
    const result = await buildVariant('embedded-photo', {
      'assets/drawing.svg': ['', svg(photo)],
      'modules/01-basics.md': ['and the [handout](../assets/handout.pdf).', 'and the [handout](../assets/handout.pdf).\n\n![A mentor beside a drawing of the workshop](../assets/drawing.svg)'],
    });
    expect(result.messages).toEqual([]);
    const files = await readZip(result.outputs.find((o) => o.kind === 'package')?.file ?? '');
    expect(files.get('assets/drawing.svg')?.toString('utf8')).toBe(svg(Buffer.from([0xff, 0xd8, ...image])));
  });
});

describe('build: what drawing apps write into an SVG (strip-svg-editor-data.ts)', () => {
  it('an Inkscape SVG goes in without the author\'s name and folders; the file in assets/ stays as written', async () => {
    const drawing = (editor: string, metadata: string) => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" viewBox="0 0 10 10" role="img" aria-label="A square"${editor}>
  <title>A square</title>${metadata}
  <rect width="10" height="10"/>
</svg>
`;
    const written = drawing(' sodipodi:docname="square.svg" inkscape:export-filename="/home/ann/Documents/district/square.png"',
      '\n  <sodipodi:namedview id="nv" inkscape:zoom="1"/>\n  <metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Ann Smith</dc:creator></rdf:RDF></metadata>');
    const result = await buildVariant('inkscape-svg', {
      'assets/drawing.svg': ['', written],
      'modules/01-basics.md': ['and the [handout](../assets/handout.pdf).', 'and the [handout](../assets/handout.pdf).\n\n![A square](../assets/drawing.svg)'],
    });
    expect(result.messages).toEqual([]);
    const files = await readZip(result.outputs.find((o) => o.kind === 'package')?.file ?? '');
    expect(files.get('assets/drawing.svg')?.toString('utf8')).toBe(drawing('', '').replace(/ xmlns:inkscape="[^"]*" xmlns:sodipodi="[^"]*"/, ''));
    expect(readFileSync(path.join(work, 'inkscape-svg', 'assets/drawing.svg'), 'utf8')).toBe(written);
  });
});

describe('build: pictures by their bytes (image-unreadable, format-unsupported)', () => {
  it('a PNG saved as .jpg shows (browsers go by the bytes); an empty picture and a renamed HEIC photo do not, and a download is not judged', async () => {
    const result = await buildVariant('picture-bytes', {
      'assets/png-named.jpg': ['', PNG_BYTES],
      'assets/empty.png': ['', Buffer.alloc(0)],
      'assets/iphone.jpg': ['', Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic')])],
      'assets/to-download.jpg': ['', Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic')])],
      'modules/01-basics.md': ['and the [handout](../assets/handout.pdf).', 'and the [handout](../assets/handout.pdf).\n\n![A square, as PNG](../assets/png-named.jpg) ![Nothing](../assets/empty.png) ![A mentor](../assets/iphone.jpg) [the photo](../assets/to-download.jpg)'],
    });
    expect(result.messages.map((m) => `${m.file} ${m.ruleId}`)).toEqual(['assets/empty.png image-unreadable', 'assets/iphone.jpg format-unsupported']);
  });
});

describe('build: captions whose times browsers drop (captions-timing)', () => {
  it('names the first three cues of a file, then counts the rest', async () => {
    const cues = Array.from({ length: 5 }, (_, i) => `${i + 1}\n00:00:0${i},000 --> 00:00:0${i},900\nLine ${i + 1}.\n`).join('\n');
    const result = await buildVariant('srt-times', {
      'assets/talk.vtt': ['', `WEBVTT\n\n${cues}`],
      'assets/talk.mp4': ['', 'not really a video'],
      'modules/01-basics.md': ['and the [handout](../assets/handout.pdf).', 'and the [handout](../assets/handout.pdf).\n\n::video{src="../assets/talk.mp4" captions="../assets/talk.vtt" descriptions="none" title="A talk"}'],
    });
    expect(result.messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.ruleId}`)).toEqual(['assets/talk.vtt:4:1 captions-timing', 'assets/talk.vtt:8:1 captions-timing', 'assets/talk.vtt:12:1 captions-timing', 'assets/talk.vtt:16:1 captions-timing']);
    expect(result.messages[3]?.reason).toBe('2 more cues of this file have times browsers drop or never show (the first here)');
    expect(result.outputs).toEqual([]);
  });
});

describe('build: audio description (WCAG 1.2.5, media-no-descriptions)', () => {
  const video = (attributes: string) => ['and the [handout](../assets/handout.pdf).', `and the [handout](../assets/handout.pdf).\n\n::video{src="../assets/talk.webm" captions="../assets/talk.vtt"${attributes} title="A talk"}`] as [string, string];
  const files: Record<string, [string, string | Buffer]> = { 'assets/talk.vtt': ['', 'WEBVTT\n\n00:00.000 --> 00:01.000\nHello.\n'], 'assets/talk.webm': ['', Buffer.from([0x1a, 0x45, 0xdf, 0xa3])] };

  it('a descriptions file becomes a descriptions track beside the captions, checked and packaged like them', async () => {
    const result = await buildVariant('descriptions', {
      ...files,
      'assets/talk-descriptions.vtt': ['', 'WEBVTT\n\n00:00.200 --> 00:00.900\nA diagram of the mentoring cycle.\n'],
      'modules/01-basics.md': video(' descriptions="../assets/talk-descriptions.vtt"'),
    });
    expect(result.messages).toEqual([]);
    const zip = await readZip(result.outputs.find((o) => o.kind === 'package')?.file ?? '');
    expect(zip.has('assets/talk-descriptions.vtt')).toBe(true);
    expect(zip.get('index.html')?.toString('utf8')).toContain('<track kind="captions" src="assets/talk.vtt" srclang="en" label="Captions" data-cp-default=""><track kind="descriptions" src="assets/talk-descriptions.vtt" srclang="en" label="Audio description"></video>');
  });

  it('a video with neither is a warning at the directive; descriptions="none" says the sound tells all it shows, and is no track', async () => {
    const without = await buildVariant('descriptions-missing', { ...files, 'modules/01-basics.md': video('') });
    expect(without.messages.map((m) => `${m.line}:${m.column} ${m.fatal ? 'error' : 'warning'} ${m.ruleId}`)).toEqual([expect.stringMatching(/^\d+:1 warning media-no-descriptions$/)]);
    expect(without.messages[0]?.note).toMatch(/descriptions="none".*\(WCAG 1\.2\.5\)/);
    const blank = await buildVariant('descriptions-blank', { ...files, 'modules/01-basics.md': video(' descriptions=" "') });
    expect(blank.messages.map((m) => m.ruleId)).toEqual(['media-no-descriptions']);
    const none = await buildVariant('descriptions-none', { ...files, 'modules/01-basics.md': video(' descriptions="none"') });
    expect(none.messages).toEqual([]);
    const zip = await readZip(none.outputs.find((o) => o.kind === 'package')?.file ?? '');
    expect(zip.get('index.html')?.toString('utf8')).not.toContain('kind="descriptions"');
  });

  it('a descriptions file that is the captions file is the warning: its cues say what is said, not what is shown', async () => {
    const result = await buildVariant('descriptions-captions', { ...files, 'modules/01-basics.md': video(' descriptions="../assets/talk.vtt"') });
    expect(result.messages.map((m) => `${m.fatal ? 'error' : 'warning'} ${m.ruleId} ${m.reason}`)).toEqual([
      'warning media-no-descriptions The video\'s descriptions file is its captions file: a blind learner would hear again what is said, and nothing of what is only shown',
    ]);
  });

  it('a descriptions file is held to the captions\' checks, its messages saying descriptions: WebVTT, UTF-8, cue times', async () => {
    const result = await buildVariant('descriptions-faults', {
      ...files,
      'assets/latin1.vtt': ['', Buffer.from('WEBVTT\n\n00:00.000 --> 00:01,000\nUn caf\xe9.\n', 'latin1')],
      'modules/01-basics.md': video(' descriptions="../assets/latin1.vtt"'),
    });
    expect(result.messages.map((m) => `${m.file}:${m.line} ${m.ruleId} ${m.reason}`)).toEqual([
      'assets/latin1.vtt:3 captions-timing The cue\'s end time `00:01,000` is not a WebVTT time, so browsers drop the cue and blind learners miss its description',
      expect.stringMatching(/^assets\/latin1\.vtt:4 file-encoding The WebVTT descriptions file is not UTF-8 .*browsers read descriptions as UTF-8 only/),
    ]);
    const srt = await buildVariant('descriptions-srt', { ...files, 'assets/talk.srt': ['', '1\n00:00:00,000 --> 00:00:01,000\nA diagram.\n'], 'modules/01-basics.md': video(' descriptions="../assets/talk.srt"') });
    expect(srt.messages.map((m) => `${m.ruleId} ${m.reason}`)).toEqual(['format-unsupported Descriptions `../assets/talk.srt` is not WebVTT (.vtt), the one format a `<track>` reads: blind learners would hear no descriptions']);
  });
});
