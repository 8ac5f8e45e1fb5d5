/**
 * Paragraphs (and other runs of lines without a blank line) too long to parse in reasonable time: some
 * inline constructs make micromark scan to the end of the paragraph from every place one might start,
 * so a long enough run takes minutes: 30,000 unclosed `<![CDATA[` in 322 KB took 119 s, 30,000
 * unclosed comments (176 KB) 60 s, unclosed links 7 s. Prose never needs it: 20,000 characters are
 * about 3,000 words without a blank line. Tables are measured in cells instead: each cell costs the
 * parser and the stages after it about 10 KB and 50 µs (2,500 columns by 44 rows took 5.4 s and 1.2 GB),
 * and no page needs 20,000 of them. Found on the text before parsing. Pure.
 */

import { trackCodeFences } from './track-code-fences.js';

export const MAX_BLOCK = 20_000;
export const MAX_TABLE_CELLS = 20_000;

/**
 * A run of lines over MAX_BLOCK characters, or a table over MAX_TABLE_CELLS cells: its lines (0-based,
 * end exclusive) and its length in characters, or in cells for a table.
 */
export interface LongBlock {
  readonly from: number;
  readonly to: number;
  readonly length: number;
  readonly table: boolean;
}

/** A GFM table's delimiter row (`| --- | :-: |`), told from a setext underline by its pipe. */
const DELIMITER_ROW = /^[ \t>]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

const BLANK = /^[ \t]*$/;
// A line that starts a block of its own, so the inline content before it ends: a list item, a heading
// or a table row. Their own inline content is a cell, a title or an item, measured from there.
const BLOCK_START = /^[ \t>]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|#{1,6}(?:[ \t]|$)|\|)/;

/**
 * Each run of consecutive lines, outside fenced code, that starts a new run at a blank line or at a
 * line opening a list item, heading or table row, and holds more than MAX_BLOCK characters.
 */
export function findLongBlocks(lines: readonly string[]): LongBlock[] {
  const found: LongBlock[] = [];
  const inCode = trackCodeFences();
  let from = -1;
  let length = 0;
  const end = (to: number): void => {
    if (from >= 0 && length > MAX_BLOCK) found.push({ from, to, length, table: false });
    from = -1;
    length = 0;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (inCode(line) || BLANK.test(line)) {
      end(i);
      continue;
    }
    const next = lines[i + 1] ?? '';
    if (line.includes('|') && next.includes('|') && DELIMITER_ROW.test(next)) {
      // A table, to the next blank line or fence: measured in cells, and each row on its own.
      end(i);
      let cells = 0;
      let j = i;
      for (; j < lines.length; j++) {
        const row = lines[j] as string;
        if (j > i + 1 && (BLANK.test(row) || inCode(row))) break;
        cells += row.split('|').length;
        if (row.length > MAX_BLOCK) found.push({ from: j, to: j + 1, length: row.length + 1, table: false });
      }
      if (cells > MAX_TABLE_CELLS) found.push({ from: i, to: j, length: cells, table: true });
      i = j;
      continue;
    }
    if (from < 0 || BLOCK_START.test(line)) {
      end(i);
      from = i;
    }
    length += line.length + 1;
  }
  end(lines.length);
  return found;
}
