/**
 * Property test (issue 13 point 8): random courses, written by a careless or a hostile author, fed to
 * `validate` and `build` as the CLI runs them (the command functions, in process, so a few hundred builds
 * take seconds). Markdown from fragments (hostile URLs in every place a URL can be written, control
 * characters, unpaired surrogates, unclosed directives, raw HTML), course.yaml values YAML would misread,
 * odd module file names and encodings, hostile SVG and HTML assets. Whatever comes in:
 *
 * - the exit code is 0 or 1 (never 2: no internal error, no usage error for a course's content), and
 *   `validate` and `build` agree on it;
 * - a zip that is written passes the package checks (no path outside the package, every file listed) and
 *   loads nothing from the web (the remote-load scanner of the package tests), runs no author script and
 *   follows no `javascript:` link.
 *
 * fast-check with a fixed seed, so a failure is reproducible and the run time is the same every time.
 */
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeError } from '../../src/cli/describe-error.js';
import { runBuild } from '../../src/cli/run-build.js';
import { runValidate } from '../../src/cli/run-validate.js';
import { checkPackage } from '../../src/package/index.js';
import { readZip } from '../helpers/read-zip.mjs';
import { ensureBundle } from '../helpers/run-cli.mjs';
import { findRemoteLoads } from '../package/helpers/find-remote-loads.js';

// The commands find templates/ and lib/player.js from their bundle's place; from the sources, say where.
vi.mock('../../src/cli/tool-dir.js', () => ({ toolDir: fileURLToPath(new URL('../..', import.meta.url)) }));

const work = mkdtempSync(path.join(tmpdir(), 'coursepack-hostile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(() => ensureBundle());

const HOSTILE_URLS = [
  'https://tracker.example.com/p.png', '//evil.example.com/x.png', '\\\\evil.example.com\\x.png', 'http:evil.example.com',
  'javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'vbscript:msgbox', 'data:text/html,<script>1</script>',
  'data:image/png;base64,iVBORw0KGgo=', 'file:///etc/passwd', '../../../../etc/hostname', '/etc/passwd', '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e/%2e%2e/secret', '../assets/a.png', '../assets/d.svg', '../assets/h.html', '../assets/A.PNG', '../assets/missing.png',
  '02-b.md', '02-b.md#nowhere', '#a-page', '03-c.markdown', 'mailto:a@example.org', '../assets/a.png?x=1#y', 'C:\\Windows\\x.png',
  '', ' ', '<>', 'https://example.org/ok',
];
const CHARACTERS = ['\u000b', '\u000c', '\u0000', '\u0092', '\ud800', '\udfff', '\ufffe', '\uffff', '\u{1fffe}', '😀', 'é', '\r', '\t', '&#11;', '&#xD800;', '\\'];

const url = fc.oneof(fc.constantFrom(...HOSTILE_URLS), fc.string({ maxLength: 12 }));
const text = fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...CHARACTERS)), { maxLength: 6 }).map((parts) => parts.join(''));

const safeText = fc.array(fc.constantFrom('word', '</script>', '<!--', '"q"', "it's", '&amp;', '&', 'é', '😀', '{{pages}}', ':not-a-directive', '\\', '`code`'), { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));

// Hostile fragments: each carries one fault (the URL, the characters, the HTML), so a build that wrongly accepts it ships it.
const fragment: fc.Arbitrary<string> = fc.oneof(
  text.map((t) => `${t}\n`),
  text.map((t) => `## ${t || 'Page'}\n`),
  fc.tuple(safeText, url).map(([t, u]) => `[${t}](${u})\n`),
  fc.tuple(safeText, url).map(([t, u]) => `![${t}](${u})\n`),
  fc.tuple(safeText, url).map(([t, u]) => `![${t}][r]\n\n[${t}][r]\n\n[r]: ${u}\n`),
  url.map((u) => `<${u}>\n`),
  url.map((u) => `<img src="${u}" alt="x">\n`),
  fc.tuple(url, url).map(([a, b]) => `<img srcset="${a} 1x, ${b} 2x" alt="x">\n`),
  fc.tuple(url, url).map(([a, b]) => `<video src="${a}" poster="${b}"></video>\n`),
  url.map((u) => `<a href="${u}">x</a>\n`),
  url.map((u) => `<!-- --!><img src="${u}"> -->\n`),
  fc.constantFrom('<script>alert(1)</script>\n', '<b onclick="x()">b</b>\n', '<iframe src="https://x.example"></iframe>\n', '<style>*{background:url(//x.example/a.png)}</style>\n', '<svg><script>1</script></svg>\n'),
  url.map((u) => `::video{src="${u}" captions="${u}"}\n`),
  url.map((u) => `::audio{src="${u}" transcript="${u}"}\n`),
  fc.tuple(fc.constantFrom('callout', 'reflect{#r1}', 'check{#c1}', 'quiz'), safeText, fc.boolean()).map(([name, t, closed]) => `:::${name}\n${t}\n\n- [x] A\n  Yes.\n- [ ] B\n  No.\n${closed ? ':::\n' : ''}`),
  fc.constantFrom('# Level one\n', '#### Deep\n', `${'>'.repeat(3000)} deep\n`, `${'*'.repeat(4000)}x${'*'.repeat(4000)}\n`, `${'<div>'.repeat(6000)}\n`, `x ${'<span>'.repeat(6000)}\n`, '| a | b |\n|---|---|\n| 1 | 2 |\n', '> quote\n', '- [x] task\n'),
);

const frontMatter = fc.oneof(
  fc.tuple(fc.constantFrom('a', 'b', 'c', '2.10', '1e3'), text).map(([id, title]) => `---\nid: ${id}\ntitle: ${JSON.stringify(title || 'T')}\nobjectives: [Read.]\nminutes: 5\n---\n`),
  fc.constantFrom('', '---\nid: x\n', '---\nid: x\ntitle: a: b\n---\n', '---\nid: [x\n---\n', '---\nid: &a x\ntitle: *b\n---\n'),
);

const yamlValue = fc.oneof(text.map((t) => JSON.stringify(t)), fc.constantFrom('2.10', '2.50', 'a: b', '"unclosed', "'it's'", '[x', '@x', '', '~', 'true', '"\\v"', '"\\uD800"', 'x'.repeat(201), '1.0.0-release-candidate-29chr'));
const courseYaml = fc.tuple(yamlValue, yamlValue, yamlValue).map(([title, version, description]) => `id: hostile\ntitle: ${title}\nversion: ${version}\ndescription: ${description}\n`);

const svg = fc.oneof(
  fc.constant('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>'),
  url.map((u) => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="${u.replace(/[<&"]/g, '')}"/></svg>`),
  url.map((u) => `<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(${u.replace(/[<&"]/g, '')})"/></svg>`),
  fc.constantFrom('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', '<svg', '<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'),
);
const html = fc.oneof(
  fc.constant('<!doctype html><html lang="en"><title>h</title><p>Handout</p>'),
  url.map((u) => `<!doctype html><img src="${u.replace(/"/g, '')}" alt=""><a href="${u.replace(/"/g, '')}">x</a>`),
  fc.constantFrom('<script src="https://x.example/a.js"></script>', '<body onload="x()">', '<link rel="stylesheet" href="//x.example/a.css">'),
);

// Courses that should build: every URL allowed, text with the characters that are legal but easy to get
// wrong (`</script>` in prose, quotes, ampersands, emoji): what they put in a zip must still be safe.
const SAFE_URLS = ['../assets/a.png', '../assets/d.svg', '../assets/h.html', 'https://example.org/x?a=1&b="2"', 'mailto:a@example.org', '02-b.md', '#start', 'data:image/png;base64,iVBORw0KGgo='];
const safeFragment: fc.Arbitrary<string> = fc.oneof(
  safeText.map((t) => `${t}\n`),
  fc.tuple(safeText, fc.constantFrom(...SAFE_URLS)).map(([t, u]) => `[${t}](${u})\n`),
  fc.constantFrom(...SAFE_URLS.slice(0, 2)).map((u) => `![An image](${u})\n\n![A ref][i]\n\n[i]: ${u}\n`),
  fc.constantFrom(...SAFE_URLS).map((u) => `<a href="${u.replace(/"/g, '&quot;')}">x</a> <img src="../assets/a.png" srcset="../assets/a.png 2x" alt="x"> <kbd>k</kbd>\n`),
  fc.constant('::video{src="../assets/a.png" captions="../assets/c.vtt"}\n'),
  safeText.map((t) => `:::callout{kind=tip}\n${t}\n:::\n`),
  safeText.map((t) => `:::check{#q-${Math.abs(t.length)}}\n${t}?\n\n- [x] Yes\n  Right.\n- [ ] No\n  Wrong.\n:::\n`),
);
// Shown as a picture, an SVG may load no file of its own (svg-external-file): its image is embedded.
const SAFE_SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="data:image/png;base64,iVBORw0KGgo="/><a href="https://example.org"><rect fill="url(#g)"/></a></svg>';
const SAFE_HTML = '<!doctype html><html lang="en"><title>h</title><img src="a.png" alt=""><a href="https://example.org">x</a>';

const SAFE_CONFIG = 'id: hostile\ntitle: "T </script> & <x>"\nversion: 2.10\n';
const safeModule = (name: string, id: string) => fc.array(safeFragment, { maxLength: 5 }).map((parts) => ({
  name,
  body: `---\nid: ${id}\ntitle: "${id.toUpperCase()} </script> & <b>"\nobjectives: [Read.]\nminutes: 5\n---\n\n## Start\n\n![A diagram](../assets/d.svg)\n\n[The handout](../assets/h.html)\n\n${parts.join('\n')}`,
  encoding: 'utf8' as const,
}));
const safeCourse: fc.Arbitrary<Course> = fc.tuple(safeModule('01-a.md', 'a'), safeModule('02-b.md', 'b'))
  .map((modules) => ({ config: SAFE_CONFIG, modules, svg: SAFE_SVG, html: SAFE_HTML }));

type Change = (c: Course) => Course;
const inModule = (c: Course, index: number, edit: (m: Course['modules'][number]) => Course['modules'][number]): Course =>
  ({ ...c, modules: c.modules.map((m, i) => (i === index ? edit(m) : m)) });
/**
 * A course an author meant, with at most one thing a careless or hostile author did to it: when that one
 * thing is wrongly accepted, the course builds and the zip checks below see it.
 */
const change: fc.Arbitrary<Change> = fc.oneof(
  { weight: 1, arbitrary: fc.constant((c: Course) => c) },
  { weight: 8, arbitrary: fragment.map((f): Change => (c) => inModule(c, 0, (m) => ({ ...m, body: `${m.body}\n${f}` }))) },
  { weight: 2, arbitrary: courseYaml.map((config): Change => (c) => ({ ...c, config })) },
  { weight: 1, arbitrary: frontMatter.map((fm): Change => (c) => inModule(c, 1, (m) => ({ ...m, body: m.body.replace(/^---\n[\s\S]*?\n---\n/, fm) }))) },
  { weight: 1, arbitrary: fc.constantFrom('02-b.MD', '03-c.markdown', 'sub/04-d.md', 'notes.txt', '05-é.md', '06 space.md', '07-g.md.txt').map((name): Change => (c) => inModule(c, 1, (m) => ({ ...m, name }))) },
  { weight: 1, arbitrary: fc.constantFrom('utf16le' as const, 'latin1' as const).map((encoding): Change => (c) => inModule(c, 1, (m) => ({ ...m, body: `${m.body}\nUna señal, un café.\n`, encoding }))) },
  { weight: 2, arbitrary: svg.map((text): Change => (c) => ({ ...c, svg: text })) },
  { weight: 2, arbitrary: html.map((text): Change => (c) => ({ ...c, html: text })) },
);
const course: fc.Arbitrary<Course> = fc.tuple(safeCourse, change, fc.boolean()).map(([c, f, split]) => ({ ...f(c), split }));

interface Course {
  /** `--split modules`: one package per module. */
  readonly split?: boolean;
  readonly config: string;
  readonly modules: readonly { name: string; body: string; encoding: 'utf8' | 'utf16le' | 'latin1' }[];
  readonly svg: string;
  readonly html: string;
}

let counter = 0;
function writeCourse(course: Course): string {
  const dir = path.join(work, `course-${counter++}`);
  mkdirSync(path.join(dir, 'modules/sub'), { recursive: true });
  mkdirSync(path.join(dir, 'assets'), { recursive: true });
  writeFileSync(path.join(dir, 'course.yaml'), course.config);
  for (const m of course.modules) {
    const bytes = m.encoding === 'utf16le' ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(m.body, 'utf16le')]) : Buffer.from(m.body, m.encoding);
    writeFileSync(path.join(dir, 'modules', m.name), bytes);
  }
  writeFileSync(path.join(dir, 'assets/a.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(path.join(dir, 'assets/c.vtt'), 'WEBVTT\n\n00:00.000 --> 00:02.000\nHello.\n');
  writeFileSync(path.join(dir, 'assets/d.svg'), course.svg);
  writeFileSync(path.join(dir, 'assets/h.html'), course.html);
  return dir;
}

/** A command run as the bin runs it: its exit code, or what the bin would say about what it threw. */
async function exitCode(run: () => Promise<number>): Promise<{ code: number; said: string }> {
  let said = '';
  const capture = (chunk: string | Uint8Array) => {
    said += String(chunk);
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    return { code: await run(), said };
  } catch (error) {
    return { code: 2, said: said + describeError(error, true).text };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

async function checkZips(outDir: string): Promise<void> {
  for (const name of readdirSync(outDir).filter((n) => n.endsWith('.zip'))) {
    const entries = await readZip(path.join(outDir, name));
    const files = [...entries].map(([p, data]) => ({ path: p, data: new Uint8Array(data) }));
    expect(checkPackage(files).map((m) => `${m.ruleId}: ${m.reason}`), name).toEqual([]);
    expect(findRemoteLoads(new Map(files.map((f) => [f.path, f.data]))), name).toEqual([]);
    for (const f of files.filter((x) => /\.(html|svg)$/.test(x.path))) {
      const body = Buffer.from(f.data).toString('utf8');
      expect(body, f.path).not.toMatch(/(?:href|src|action)\s*=\s*["']?\s*(?:javascript|vbscript):/i);
      expect(body, f.path).not.toMatch(/\son[a-z]+\s*=/i);
      const scripts = [...body.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);
      expect(scripts, f.path).toEqual(f.path === 'index.html' ? ['<script src="player.js">', '<script type="application/json" id="cp-course">'] : []);
    }
  }
}

describe('hostile and careless courses (property test)', () => {
  it('validate and build exit 0 or 1 and agree; a written zip is self-contained and safe', async () => {
    let built = 0;
    await fc.assert(
      fc.asyncProperty(course, async (c) => {
        const dir = writeCourse(c);
        const out = path.join(dir, '..', `${path.basename(dir)}-dist`);
        const split = c.split ? ['--split', 'modules'] : [];
        const validated = await exitCode(() => runValidate(['--course', dir, ...split]));
        const build = await exitCode(() => runBuild(['--course', dir, '--out', out, ...split]));
        expect([0, 1], validated.said).toContain(validated.code);
        expect([0, 1], build.said).toContain(build.code);
        expect(build.code, `${validated.said}\n---\n${build.said}`).toBe(validated.code);
        if (build.code === 0) {
          built++;
          await checkZips(out);
        }
      }),
      // 140 runs: the rules for comments and references left open (html-not-closed, reference-undefined) turned
      // some of 120 into errors, rightly (a `<!--` in a callout hid the rest of it), leaving 19 builds.
      { seed: 13, numRuns: 140, endOnFailure: true },
    );
    // The generators must also make courses that build, or the zip checks would check nothing.
    expect(built).toBeGreaterThan(20);
  }, 120_000);
});
