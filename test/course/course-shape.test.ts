// Guards the shape of the shipped course (course/): later edits must not silently drop a module's
// objectives, pages, knowledge checks or reflections, the scored final check, the credits, or an asset.
// Reads the Markdown directly, independent of the build, so a build bug cannot hide a content gap.
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../../', import.meta.url));
const courseDir = join(root, 'course');
const modulesDir = join(courseDir, 'modules');
const assetsDir = join(courseDir, 'assets');

const MODULE_FILE = /^\d{2}-[a-z0-9-]+\.md$/;
const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';
const OPTION = /^- \[([ xX])\] (.+)$/;
/** A matching check's line: `- item → answer`, or `- → answer` for an extra answer (no item). */
const PAIR = /^- (.*?)\s*(?:→|->)\s*(.+)$/;

interface CheckInfo {
  readonly id: string;
  readonly type: string;
  /** One entry per option (a matching check: per item): its text and whether indented feedback follows it. */
  readonly options: readonly { readonly text: string; readonly correct: boolean; readonly feedback: boolean; readonly match?: string }[];
  /** A matching check's answers, extra ones included. */
  readonly targets: readonly string[];
}

interface ModuleInfo {
  readonly file: string;
  readonly front: Record<string, unknown>;
  /** Body lines outside code fences. */
  readonly lines: readonly string[];
  readonly pages: readonly string[];
  readonly checks: readonly CheckInfo[];
  readonly reflections: readonly string[];
}

/** Drops fenced code blocks (``` or ~~~) so example directives inside them are not counted. */
function linesOutsideFences(body: string): string[] {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of body.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === null && marker !== undefined) {
      fence = marker;
    } else if (fence !== null && marker !== undefined && marker.startsWith(fence)) {
      fence = null;
    } else if (fence === null) {
      out.push(line);
    }
  }
  return out;
}

function parseChecks(lines: readonly string[]): CheckInfo[] {
  const checks: CheckInfo[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^:::check\{#([A-Za-z0-9_-]+)([^}]*)\}\s*$/.exec(lines[i] ?? '');
    if (!open) continue;
    const id = open[1] ?? '';
    const type = /\btype=([\w-]+)/.exec(open[2] ?? '')?.[1] ?? 'single';
    const options: { text: string; correct: boolean; feedback: boolean; match?: string }[] = [];
    const targets = new Set<string>();
    const entry = type === 'matching' ? PAIR : OPTION;
    for (i++; i < lines.length && lines[i] !== ':::'; i++) {
      const option = entry.exec(lines[i] ?? '');
      if (!option) continue;
      // Feedback is any indented text under the option, up to the next option or the end of the check.
      let feedback = false;
      for (let j = i + 1; j < lines.length && lines[j] !== ':::' && !entry.test(lines[j] ?? ''); j++) {
        if (/^ {2,}\S/.test(lines[j] ?? '')) feedback = true;
      }
      if (type !== 'matching') options.push({ text: option[2] ?? '', correct: option[1] !== ' ', feedback });
      else {
        targets.add(option[2] ?? '');
        if (option[1]) options.push({ text: option[1], correct: true, feedback, match: option[2] ?? '' });
      }
    }
    checks.push({ id, type, options, targets: [...targets] });
  }
  return checks;
}

function readModule(file: string): ModuleInfo {
  const text = readFileSync(join(modulesDir, file), 'utf8').replace(/\r\n/g, '\n');
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`${file}: no front matter`);
  const front = parse(match[1] ?? '') as Record<string, unknown>;
  const lines = linesOutsideFences(match[2] ?? '');
  return {
    file,
    front,
    lines,
    pages: lines.filter((l) => l.startsWith('## ')).map((l) => l.slice(3).trim()),
    checks: parseChecks(lines),
    reflections: lines.flatMap((l) => /^:::reflect\{#([A-Za-z0-9_-]+)/.exec(l)?.[1] ?? []),
  };
}

/** The lines of one page: from its `## ` heading up to the next one. */
function pageLines(module: ModuleInfo, title: string): string[] {
  const start = module.lines.findIndex((l) => l === `## ${title}`);
  if (start < 0) return [];
  const end = module.lines.findIndex((l, i) => i > start && l.startsWith('## '));
  return module.lines.slice(start, end < 0 ? undefined : end);
}

const config = parse(readFileSync(join(courseDir, 'course.yaml'), 'utf8')) as Record<string, unknown>;
const moduleFiles = readdirSync(modulesDir).filter((f) => f.endsWith('.md')).sort();
const modules = moduleFiles.map(readModule);
const assessments = modules.filter((m) => m.front['assessment'] === true);
const topics = modules.filter((m) => m.front['assessment'] !== true);
const finalModule = assessments[0];
const allChecks = modules.flatMap((m) => m.checks);

describe('course.yaml', () => {
  it('names the course and its completion rule', () => {
    expect(config['id']).toBe('mentoring-young-inventors');
    expect(config['title']).toMatch(/^Mentoring Young Inventors/);
    expect(config['language']).toBe('en');
    expect(config['version']).toBe('1.5.0');
    expect(config['completion']).toEqual({ pages: 'all', passMark: 80 });
  });
});

describe('modules', () => {
  it('has six to eight modules, all named NN-slug.md', () => {
    expect(moduleFiles.every((f) => MODULE_FILE.test(f))).toBe(true);
    expect(modules.length).toBeGreaterThanOrEqual(6);
    expect(modules.length).toBeLessThanOrEqual(8);
  });

  it('has unique module ids', () => {
    const ids = modules.map((m) => m.front['id']);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(moduleFiles)('%s has objectives, minutes, pages, two checks and a reflection', (file) => {
    const m = modules.find((x) => x.file === file);
    expect(m).toBeDefined();
    if (!m) return;
    const objectives = m.front['objectives'];
    expect(Array.isArray(objectives) && objectives.length >= 1).toBe(true);
    expect(Number.isInteger(m.front['minutes']) && (m.front['minutes'] as number) >= 1).toBe(true);
    expect(m.pages.length).toBeGreaterThanOrEqual(m.front['assessment'] === true ? 1 : 3);
    if (m.front['assessment'] !== true) expect(m.pages.length).toBeLessThanOrEqual(6);
    expect(m.checks.length).toBeGreaterThanOrEqual(2);
    expect(m.reflections.length).toBeGreaterThanOrEqual(1);
  });
});

describe('knowledge checks and reflections', () => {
  it('uses unique, lower-case dashed ids', () => {
    const ids = [...allChecks.map((c) => c.id), ...modules.flatMap((m) => m.reflections)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/);
  });

  it('uses every check type', () => {
    expect(new Set(allChecks.map((c) => c.type))).toEqual(new Set(['single', 'multiple', 'truefalse', 'matching', 'fill-in']));
  });

  it.each(allChecks.map((c) => [c.id, c] as const))('%s gives feedback on every option (every item of a matching check; a fill-in check: its first accepted answer, each wrong one it foresees and any other)', (_id, check) => {
    expect(check.options.length).toBeGreaterThanOrEqual(2);
    const correct = check.options.filter((o) => o.correct).length;
    if (check.type === 'fill-in') {
      // Other spellings of an accepted answer share the first one's feedback.
      expect(check.options.filter((o, i) => !o.feedback && (!o.correct || check.options.findIndex((x) => x.correct) === i)).map((o) => o.text)).toEqual([]);
      expect(check.options.filter((o) => o.text === '*' && !o.correct)).toHaveLength(1);
      expect(correct).toBeGreaterThanOrEqual(1);
      return;
    }
    expect(check.options.filter((o) => !o.feedback).map((o) => o.text)).toEqual([]);
    if (check.type === 'matching') {
      // An extra answer beyond the items: the last item is never answered by elimination.
      expect(new Set(check.options.map((o) => o.match)).size).toBeLessThan(check.targets.length);
    } else if (check.type === 'multiple') expect(correct).toBeGreaterThanOrEqual(1);
    else expect(correct).toBe(1);
  });

  // A test-wise learner picks the longest, most careful-sounding option; when that is the right one in most
  // questions, the check measures test-taking instead of mentoring. Right and wrong options are written to
  // about the same length: the right one is clearly the longest (by more than 10 characters) in at most a
  // quarter of the single-answer questions, and its position varies.
  it('does not give its answers away by their length or place', () => {
    const single = allChecks.filter((c) => c.type === 'single');
    const longest = single.filter((c) => {
      const right = c.options.find((o) => o.correct)?.text.length ?? 0;
      return c.options.every((o) => o.correct || right > o.text.length + 10);
    });
    expect(longest.map((c) => c.id).length).toBeLessThanOrEqual(Math.floor(single.length / 4));
    const places = new Set(single.map((c) => c.options.findIndex((o) => o.correct)));
    expect(places.size).toBeGreaterThanOrEqual(3);
  });
});

describe('final check', () => {
  it('is the last module and the only assessment', () => {
    expect(assessments).toHaveLength(1);
    expect(modules.at(-1)).toBe(finalModule);
  });

  it('has a scored question tagged for every topic module (final-<module id>-…)', () => {
    const ids = finalModule?.checks.map((c) => c.id) ?? [];
    expect(ids.length).toBeGreaterThanOrEqual(Math.max(8, topics.length));
    expect(ids.length).toBeLessThanOrEqual(10);
    for (const topic of topics) {
      const tag = `final-${String(topic.front['id'])}-`;
      expect(ids.some((id) => id.startsWith(tag)), `no final question tagged ${tag}`).toBe(true);
    }
    for (const id of ids) {
      expect(topics.some((t) => id.startsWith(`final-${String(t.front['id'])}-`)), `${id} names no module`).toBe(true);
    }
  });

  it('ends with a Sources page crediting Dr. Lois Zachary and The Innovation Destination', () => {
    expect(finalModule?.pages.at(-1)).toBe('Sources');
    const sources = finalModule ? pageLines(finalModule, 'Sources').join(' ') : '';
    for (const credit of [
      'Zachary',
      "*The Mentor's Guide: Facilitating Effective Learning Relationships*",
      "*The Mentee's Guide: Making Mentoring Work for You*",
      'Lory A. Fischler',
      "*Creating a Mentoring Culture: The Organization's Guide*",
      'The Innovation Destination',
      'Center for Digital Literacy',
      'Syracuse University',
      'Data Momentum Inc',
      'Connecticut Invention Convention',
      'By Kids for Kids',
      'New York On Tech',
    ]) {
      expect(sources).toContain(credit);
    }
  });
});

describe('assets', () => {
  const references = modules.flatMap((m) =>
    m.lines.flatMap((line) =>
      [...line.matchAll(/(!?)\[([^\]]*)\]\(([^)\s]+)[^)]*\)|\bsrc="([^"]+)"/g)].map((r) => ({
        file: m.file,
        image: r[1] === '!',
        alt: r[2] ?? '',
        url: r[3] ?? r[4] ?? '',
      })),
    ),
  );
  const assetRefs = references.filter((r) => r.url.startsWith('../assets/'));
  const assetFiles = existsSync(assetsDir) ? readdirSync(assetsDir).sort() : [];

  it('references only files that exist inside course/assets/', () => {
    expect(assetRefs.length).toBeGreaterThan(0);
    for (const ref of assetRefs) {
      const path = resolve(modulesDir, ref.url.split('#')[0] ?? '');
      expect(dirname(path), `${ref.file}: ${ref.url}`).toBe(assetsDir);
      expect(existsSync(path), `${ref.file}: ${ref.url}`).toBe(true);
    }
  });

  it('loads no image from the web and gives every image alt text', () => {
    for (const ref of references.filter((r) => r.image)) {
      expect(ref.url, ref.file).toMatch(/^\.\.\/assets\//);
      expect(ref.alt.trim().length, `${ref.file}: ${ref.url}`).toBeGreaterThan(10);
    }
  });

  it('ships no unused asset', () => {
    const used = new Set(assetRefs.map((r) => r.url.replace('../assets/', '').split('#')[0]));
    expect(assetFiles.filter((f) => !used.has(f))).toEqual([]);
  });

  it.each(assetFiles.filter((f) => f.endsWith('.svg')))('%s is small, titled and self-contained', (file) => {
    const svg = readFileSync(join(assetsDir, file), 'utf8');
    expect(svg.length).toBeLessThan(8 * 1024);
    expect(svg).toMatch(/<title[^>]*>[^<]+<\/title>/);
    const urls = [...svg.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((u) => u[0]);
    expect(urls.filter((u) => u !== SVG_NAMESPACE)).toEqual([]);
    expect(svg).not.toMatch(/@import|@font-face|<script|<image|<foreignObject|xlink:href|\bhref=/i);
  });
});
