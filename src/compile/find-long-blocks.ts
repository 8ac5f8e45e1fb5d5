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
 * The paragraph limit bounds each paragraph, not how many there are: 50 paragraphs of 19,987 characters,
 * each all unclosed `<![CDATA[`, took 26 s. What the parser spends on a paragraph is about the distance
 * from each `<`, `[` or backtick run to what closes it (`>`, `-->`, `]]>`, `]`, the same run), or to the
 * paragraph's end when nothing does (markupCost). A module's paragraphs may cost this much in all, about
 * a second; a megabyte of prose with links and tags costs a thirtieth of it.
 */
export const MAX_MARKUP_COST = 40_000_000;

/**
 * What is too large to parse: its lines (0-based, end exclusive) and its length, in characters (in cells
 * for a table). `markup`: a paragraph under MAX_BLOCK, one of those that put the module over
 * MAX_MARKUP_COST, with its cost.
 */
export interface LongBlock {
  readonly kind: 'paragraph' | 'table' | 'markup';
  readonly from: number;
  readonly to: number;
  readonly length: number;
}

/** A GFM table's delimiter row (`| --- | :-: |`), told from a setext underline by its pipe. */
const DELIMITER_ROW = /^[ \t>]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

const BLANK = /^[ \t]*$/;
// The start of an HTML block (CommonMark §4.6, kinds 1 to 7), whose content is not parsed as inline
// Markdown. Kind 7 is a whole open or closing tag alone on its line.
const HTML_BLOCK = new RegExp([
  '^ {0,3}(?:<(?:script|pre|style|textarea)(?:[\\s>]|$)|<!--|<\\?|<![A-Za-z]|<!\\[CDATA\\[',
  '|</?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt',
  '|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu',
  '|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track',
  '|ul)(?:[\\s>]|/>|$)',
  '|(?:<[A-Za-z][A-Za-z0-9-]*(?:\\s+[A-Za-z_:][\\w.:-]*(?:\\s*=\\s*(?:[^\\s"\'=<>`]+|\'[^\']*\'|"[^"]*"))?)*\\s*/?>|</[A-Za-z][A-Za-z0-9-]*\\s*>)[ \\t]*$)',
].join(''), 'i');
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
  let html = false;
  /** Paragraphs under MAX_BLOCK with markup, and what they cost. */
  const costly: Array<{ from: number; to: number; length: number; cost: number }> = [];
  const end = (to: number): void => {
    if (from >= 0 && length > MAX_BLOCK) found.push({ kind: 'paragraph', from, to, length });
    else if (from >= 0 && !html) {
      const cost = markupCost(lines.slice(from, to).join('\n'), MAX_MARKUP_COST);
      if (cost > 0) costly.push({ from, to, length, cost });
    }
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
        if (row.length > MAX_BLOCK) found.push({ kind: 'paragraph', from: j, to: j + 1, length: row.length + 1 });
      }
      if (cells > MAX_TABLE_CELLS) found.push({ kind: 'table', from: i, to: j, length: cells });
      i = j;
      continue;
    }
    if (from < 0 || BLOCK_START.test(line)) {
      end(i);
      from = i;
      html = HTML_BLOCK.test(line);
    }
    length += line.length + 1;
  }
  end(lines.length);
  // Over the module's budget, the costliest paragraphs go first, until what is left fits.
  let total = costly.reduce((sum, p) => sum + p.cost, 0);
  for (const p of costly.sort((a, b) => b.cost - a.cost)) {
    if (total <= MAX_MARKUP_COST) break;
    found.push({ kind: 'markup', from: p.from, to: p.to, length: p.length });
    total -= p.cost;
  }
  return found.sort((a, b) => a.from - b.from);
}

const MARK = /<!--|<!\[CDATA\[|<\?|<!?[A-Za-z/]|\[|`+/g;

/**
 * The parser's work on a paragraph's inline markup, estimated: for each opening (a tag, comment, CDATA
 * section, processing instruction, `[`, a run of backticks), the distance to what closes it, or to the
 * end. Stops counting past `cap`. Each closer is looked for at most once past its last occurrence, so
 * the estimate itself stays linear where nothing closes.
 */
export function markupCost(text: string, cap: number): number {
  const last = new Map<string, number>();
  const distance = (closer: string, at: number): number => {
    let end = last.get(closer);
    if (end === undefined) last.set(closer, (end = text.lastIndexOf(closer)));
    if (end < at) return text.length - at;
    return text.indexOf(closer, at) - at;
  };
  let cost = 0;
  MARK.lastIndex = 0;
  for (let m = MARK.exec(text); m && cost <= cap; m = MARK.exec(text)) {
    const mark = m[0];
    const at = m.index + mark.length;
    if (mark === '<!--') cost += distance('-->', at);
    else if (mark === '<![CDATA[') cost += distance(']]>', at);
    else if (mark === '<?') cost += distance('?>', at);
    else if (mark.startsWith('<')) cost += distance('>', at);
    else if (mark === '[') cost += distance(']', at);
    else cost += distance(mark, at);
  }
  return cost;
}
