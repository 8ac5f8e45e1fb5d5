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
  ['2,000 nested callouts', [...Array.from({ length: 2000 }, (_, i) => `${':'.repeat(2003 - i)}callout`), 'x', ...Array.from({ length: 2000 }, (_, i) => ':'.repeat(4 + i))].join('\n'), 'content-too-deep'],
  ['2,000 nested list items', Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n'), 'content-too-deep'],
  ['2,000 lines of ever deeper quotes', Array.from({ length: 2000 }, (_, i) => `${'> '.repeat(i + 1)}text`).join('\n'), 'content-too-deep'],
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
