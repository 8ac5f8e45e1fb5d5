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
