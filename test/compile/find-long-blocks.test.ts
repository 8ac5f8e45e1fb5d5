/**
 * Paragraphs too long to parse in reasonable time are found on the text (the bad/deep fixture shows
 * the message); a long page of ordinary blocks is not one of them.
 */
import { describe, expect, it } from 'vitest';
import { findLongBlocks, MAX_BLOCK, MAX_TABLE_CELLS } from '../../src/compile/find-long-blocks.js';

const line = (n: number): string => 'a <!--'.repeat(Math.ceil(n / 6)).slice(0, n);

describe('findLongBlocks', () => {
  it('finds a run of lines without a blank line over the limit, counting line breaks', () => {
    const lines = ['## Page', '', line(MAX_BLOCK / 2), line(MAX_BLOCK / 2), '', 'After.'];
    expect(findLongBlocks(lines)).toEqual([{ from: 2, to: 4, length: MAX_BLOCK + 2, table: false }]);
    expect(findLongBlocks(['', line(MAX_BLOCK - 1), ''])).toEqual([]);
  });

  it('measures list items, headings and table rows each on their own: a long list or table is no long paragraph', () => {
    const items = Array.from({ length: 400 }, (_, i) => `- item ${i}: ${'x'.repeat(80)}`);
    const nested = Array.from({ length: 400 }, (_, i) => `  ${i + 1}. step ${'y'.repeat(80)}`);
    const rows = ['| a | b |', '|---|---|', ...Array.from({ length: 400 }, () => `| ${'z'.repeat(40)} | ${'z'.repeat(40)} |`)];
    expect(findLongBlocks([...items, ...nested, ...rows, `## ${'t'.repeat(100)}`])).toEqual([]);
  });

  it('still finds one list item that long', () => {
    expect(findLongBlocks(['- short', `- ${line(MAX_BLOCK)}`, '- short'])).toEqual([{ from: 1, to: 2, length: MAX_BLOCK + 3, table: false }]);
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
    expect(found).toMatchObject({ from: 2, to: 404, table: true });
    expect(found?.length).toBeGreaterThan(MAX_TABLE_CELLS);
  });

  it('lets a large but plausible table through, with or without leading pipes, whatever its characters', () => {
    // 12 columns by 1,000 rows: about 100,000 characters, 13,000 cells.
    expect(findLongBlocks(table(12, 1000))).toEqual([]);
    expect(findLongBlocks(table(12, 1000, ''))).toEqual([]);
  });
});
