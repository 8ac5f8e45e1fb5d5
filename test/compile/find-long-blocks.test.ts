/**
 * Paragraphs too long to parse in reasonable time are found on the text (the bad/deep fixture shows
 * the message); a long page of ordinary blocks is not one of them.
 */
import { describe, expect, it } from 'vitest';
import { findLongBlocks, markupCost, MAX_BLOCK, MAX_MARKUP_COST, MAX_TABLE_CELLS } from '../../src/compile/find-long-blocks.js';

const line = (n: number): string => 'a <!--'.repeat(Math.ceil(n / 6)).slice(0, n);

describe('findLongBlocks', () => {
  it('finds a run of lines without a blank line over the limit, counting line breaks', () => {
    const lines = ['## Page', '', line(MAX_BLOCK / 2), line(MAX_BLOCK / 2), '', 'After.'];
    expect(findLongBlocks(lines)).toEqual([{ kind: 'paragraph', from: 2, to: 4, length: MAX_BLOCK + 2 }]);
    expect(findLongBlocks(['', 'x'.repeat(MAX_BLOCK - 1), ''])).toEqual([]);
  });

  it('measures list items, headings and table rows each on their own: a long list or table is no long paragraph', () => {
    const items = Array.from({ length: 400 }, (_, i) => `- item ${i}: ${'x'.repeat(80)}`);
    const nested = Array.from({ length: 400 }, (_, i) => `  ${i + 1}. step ${'y'.repeat(80)}`);
    const rows = ['| a | b |', '|---|---|', ...Array.from({ length: 400 }, () => `| ${'z'.repeat(40)} | ${'z'.repeat(40)} |`)];
    expect(findLongBlocks([...items, ...nested, ...rows, `## ${'t'.repeat(100)}`])).toEqual([]);
  });

  it('still finds one list item that long', () => {
    expect(findLongBlocks(['- short', `- ${line(MAX_BLOCK)}`, '- short'])).toEqual([{ kind: 'paragraph', from: 1, to: 2, length: MAX_BLOCK + 3 }]);
  });

  it('leaves fenced code alone, however long', () => {
    expect(findLongBlocks(['```', ...Array.from({ length: 400 }, () => 'x'.repeat(100)), '```'])).toEqual([]);
  });
});

describe('findLongBlocks and tables', () => {
  const table = (columns: number, rows: number, lead = '| '): string[] => [
    `${lead}${Array.from({ length: columns }, (_, i) => `h${i}`).join(' | ')} |`,
    `${lead}${Array.from({ length: columns }, () => '---').join(' | ')} |`,
    ...Array.from({ length: rows }, () => `${lead}${Array.from({ length: columns }, () => 'cell').join(' | ')} |`),
  ];

  it('measures a table in cells, to the blank line after it', () => {
    const lines = ['Intro.', '', ...table(50, 400), '', 'After.'];
    const [found] = findLongBlocks(lines);
    expect(found).toMatchObject({ kind: 'table', from: 2, to: 404 });
    expect(found?.length).toBeGreaterThan(MAX_TABLE_CELLS);
  });

  it('lets a large but plausible table through, with or without leading pipes, whatever its characters', () => {
    // 12 columns by 1,000 rows: about 100,000 characters, 13,000 cells.
    expect(findLongBlocks(table(12, 1000))).toEqual([]);
    expect(findLongBlocks(table(12, 1000, ''))).toEqual([]);
  });
});

describe('findLongBlocks and paragraphs full of unfinished markup', () => {
  it('keeps a module\'s paragraphs to a budget: the costliest go until the rest fits', () => {
    // 50 paragraphs just under the length limit, each all unclosed CDATA: 26 s to validate before.
    const paragraph = 'a <![CDATA['.repeat(1817);
    const lines = Array.from({ length: 100 }, (_, i) => (i % 2 ? '' : paragraph));
    const found = findLongBlocks(lines);
    expect(found.length).toBeGreaterThan(40);
    expect(found.every((b) => b.kind === 'markup' && b.to === b.from + 1)).toBe(true);
    const left = 50 - found.length;
    expect(left * markupCost(paragraph, Infinity)).toBeLessThanOrEqual(MAX_MARKUP_COST);
  });

  it('leaves prose with links and tags alone, and inline SVG whose tags close, however long the module', () => {
    const prose = 'A sentence with [a link](https://example.org) and `code`, and <kbd>Tab</kbd>. <!-- a note --> '.repeat(25);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg">${'<path d="M0 0h1v1z"/>'.repeat(800)}</svg>`;
    const lines = Array.from({ length: 1000 }, (_, i) => (i % 2 ? '' : i % 10 === 0 ? svg : prose));
    expect(findLongBlocks(lines)).toEqual([]);
    expect(markupCost(prose, Infinity)).toBeLessThan(5_000);
  });

  it('estimates unclosed markup as read to the end, and closed markup as read to its closer', () => {
    expect(markupCost('<!-- x --> [a] `b`', Infinity)).toBe(3 + 1 + 1);
    expect(markupCost('x <!-- never closed', Infinity)).toBe('never closed'.length + 1);
    expect(markupCost('[[[[', Infinity)).toBe(3 + 2 + 1 + 0);
  });
});
