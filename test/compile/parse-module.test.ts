/**
 * Input that would take the Markdown parser minutes (measured before the guards: 35 s to 268 s each)
 * is reported and left out before parsing. Not a timed test: were a guard to stop working, these
 * would run into vitest's time limit, and the rule asserted below would be missing.
 */
import { describe, expect, it } from 'vitest';
import { parseModule } from '../../src/compile/parse-module.js';
import type { RuleId } from '../../src/compile/rules.js';

const FRONT = '---\nid: m\ntitle: M\nobjectives: [Read.]\nminutes: 5\n---\n\n## Page\n\n';

const PATHOLOGICAL: Array<[string, string, RuleId]> = [
  ['30,000 unclosed CDATA sections', 'a <![CDATA['.repeat(30_000), 'paragraph-too-long'],
  ['30,000 unclosed comments', 'a <!--'.repeat(30_000), 'paragraph-too-long'],
  ['30,000 unclosed links', '[a](<b'.repeat(30_000), 'paragraph-too-long'],
  // 600 levels: under the module size limit (these grow with the square of their depth), and still
  // seconds to minutes to parse (2,000 nested list items took 268 s).
  ['600 nested callouts', [...Array.from({ length: 600 }, (_, i) => `${':'.repeat(603 - i)}callout`), 'x', ...Array.from({ length: 600 }, (_, i) => ':'.repeat(4 + i))].join('\n'), 'content-too-deep'],
  ['600 nested list items', Array.from({ length: 600 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n'), 'content-too-deep'],
  ['600 lines of ever deeper quotes', Array.from({ length: 600 }, (_, i) => `${'> '.repeat(i + 1)}text`).join('\n'), 'content-too-deep'],
];

describe('parseModule on input that would take the parser minutes', () => {
  it.each(PATHOLOGICAL)('%s: reported and left out, and the page after it still parsed', (_name, body, rule) => {
    const found: Array<[RuleId, number | undefined]> = [];
    const text = `${FRONT}${body}\n\n## After\n\nStill read.\n`;
    const parsed = parseModule({ path: 'modules/01-m.md', text }, (id, _file, place) => found.push([id, place && 'line' in place ? place.line : undefined]));
    expect(found.map(([id]) => id)).toContain(rule);
    const headings = parsed.tree.children.filter((n) => n.type === 'heading');
    expect(headings).toHaveLength(2);
    expect(JSON.stringify(parsed.tree)).toContain('Still read.');
  });
});

describe('parseModule on a module too long to hold', () => {
  it('reads the first 20,000 lines and says where it stopped (200,000 short paragraphs took 24 s and 2.4 GB)', () => {
    const found: Array<[RuleId, number | undefined, string]> = [];
    const text = `${FRONT}${'x\n\n'.repeat(100_000)}`;
    const parsed = parseModule({ path: 'modules/01-m.md', text }, (id, _file, place, reason) => found.push([id, place && 'line' in place ? place.line : undefined, reason]));
    expect(found).toEqual([['module-too-long', 20_001, 'The module is longer than coursepack reads (20,000 lines or 1,000,000 characters): it has 200,010 lines, and was read up to here']]);
    expect(parsed.tree.children.filter((n) => n.type === 'paragraph').length).toBeLessThanOrEqual(10_000);
  });

  it('a directive open where the module is cut is not called unclosed: its close is past what was read', () => {
    const found: RuleId[] = [];
    const text = `${FRONT}${'x\n\n'.repeat(9_990)}:::callout[Note]\n${'y\n\n'.repeat(20)}:::\n`;
    parseModule({ path: 'modules/01-m.md', text }, (id) => found.push(id));
    expect(found).toEqual(['module-too-long']);
  });
});

describe('parseModule on images written into the text as data: URLs (a Google Docs export)', () => {
  const image = (kilobytes: number) => `data:image/png;base64,${'iVBORw0K'.repeat(kilobytes * 128)}`;
  const collect = (text: string) => {
    const found: Array<[RuleId, string, string | undefined]> = [];
    parseModule({ path: 'modules/01-m.md', text }, (id, _file, _place, reason, hint) => found.push([id, reason, hint]));
    return found;
  };

  it('a line holding one past what a paragraph may hold is said to be an image, with where it belongs', () => {
    expect(collect(`${FRONT}![][image1]\n\n[image1]: <${image(40)}>\n`)).toEqual([[
      'paragraph-too-long',
      'This line holds an image written into the text as a data: URL (image/png, 40 KB), past the 20,000 characters coursepack reads in one paragraph: Google Docs exports pasted images this way',
      'Save the image as a file in the course\'s assets/ folder (Google Docs: File > Download > Web page gives each image as a file) and show it with ![what it shows](../assets/its-name.png).',
    ]]);
    // Inline too; a long paragraph of words is still a long paragraph.
    expect(collect(`${FRONT}See ![a chart](${image(30)}).\n`)[0]?.[1]).toMatch(/^This line holds an image written into the text as a data: URL \(image\/png, 30 KB\)/);
    expect(collect(`${FRONT}${'word '.repeat(5_000)}\n`)[0]?.[1]).toMatch(/^This paragraph has 25,001 characters/);
  });

  it('a module past 1,000,000 characters of them says they count', () => {
    const text = `${FRONT}${Array.from({ length: 5 }, (_, i) => `![][image${i}]\n\n[image${i}]: <${image(250)}>\n\n`).join('')}`;
    expect(collect(text).find(([id]) => id === 'module-too-long')?.[1]).toMatch(/was read up to here: images written into it as data: URLs count, and belong in assets\/ as files$/);
  });
});

describe('parseModule on front matter left open', () => {
  const found = (text: string) => {
    const messages: Array<[RuleId, number | undefined, string]> = [];
    const parsed = parseModule({ path: 'modules/01-m.md', text }, (id, _file, place, reason) => messages.push([id, place && 'line' in place ? place.line : undefined, reason]));
    return { messages, parsed };
  };

  it('a page heading before the `---` (a line across a page further down): said at the heading, and the fields and pages still read', () => {
    const { messages, parsed } = found('---\nid: intro\ntitle: Intro\nobjectives:\n  - Learn.\nminutes: 5\n\n## First page\n\nSome text.\n\n---\n\nMore text.\n');
    expect(messages).toEqual([['front-matter-missing', 8, 'The front matter is not closed: add `---` before line 8 (`## First page`)']]);
    expect(parsed.meta?.id).toBe('intro');
    expect(parsed.tree.children.filter((n) => n.type === 'heading')).toHaveLength(1);
  });

  it('a `## …` comment above a folded title or a wrapped objective is YAML, not a page', () => {
    expect(found('---\nid: a\n## The title appears in the LMS\ntitle: >\n  Building Trust\n  With Students\nobjectives: [Read.]\nminutes: 5\n---\n## Page\n\nText.\n').messages).toEqual([]);
    expect(found('---\nid: a\ntitle: A\n## Objectives\nobjectives:\n  - Explain why trust matters\n    in a mentoring relationship.\nminutes: 5\n---\n## Page\n\nText.\n').messages).toEqual([]);
  });

  it('a `## …` YAML comment among the fields is not taken for a page', () => {
    const { messages, parsed } = found('---\nid: intro\n## The rest\ntitle: Intro\nobjectives: [Learn.]\nminutes: 5\n---\n\n## Page\n\nText.\n');
    expect(messages).toEqual([]);
    expect(parsed.meta?.title).toBe('Intro');
  });
});

describe('parseModule on numbers typed in full-width digits', () => {
  it('says that `minutes: １５` is full-width, where it said "must be a whole number" beside what looks like one', () => {
    const found: Array<[RuleId, string, string | undefined]> = [];
    parseModule({ path: 'modules/01-m.md', text: FRONT.replace('minutes: 5', 'minutes: \uff11\uff15') }, (id, _file, _place, reason, hint) => found.push([id, reason, hint]));
    expect(found).toEqual([['front-matter-invalid', '`minutes` is `１５`, in full-width digits, which YAML reads as text', 'Type it with ordinary digits (the keyboard in half-width mode): `minutes: 15`.']]);
  });
});

describe('parseModule on objectives whose dash is followed by a full-width space', () => {
  it.each([
    ['a full-width space (U+3000)', '\u3000'],
    ['a no-break space (U+00A0)', '\u00a0'],
  ])('says the list is not read, naming %s, where it said "must be a list of sentences" beside one', (name, space) => {
    const found: Array<[RuleId, string]> = [];
    const text = FRONT.replace('objectives: [Read.]', `objectives:\n  -${space}\u8aac\u660e\u3059\u308b\u3002\n  -${space}\u8a08\u753b\u3059\u308b\u3002`);
    parseModule({ path: 'modules/01-m.md', text }, (id, _file, _place, reason) => found.push([id, reason]));
    expect(found).toEqual([['front-matter-invalid', `\`objectives\` is not read as a list: its \`-\` is followed by ${name}, which YAML does not read as a space`]]);
  });
});
