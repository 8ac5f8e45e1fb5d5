/**
 * Lines that begin like a directive (`:::check{…}`, `::video{…}`), a heading (`## …`) or a list item
 * (`- …`, `1. …`) but that Markdown read as plain text, almost always because of what Word, Google Docs or
 * a web page pasted into them: a curly quote around an attribute value with a space, a no-break space or a
 * zero-width space, a byte order mark left mid-file, a bullet pasted as the character `•`. Unreported, the
 * check, the video or the whole page silently vanished, an answer key showed on the page as a ticked task
 * list, and a list ran together into one line that screen readers do not hear as a list. Pure.
 */
import type { Paragraph, Text } from 'mdast';

export interface UnparsedLine {
  /** `mid-line`: a directive written after other text on its line (`A quote with ::video{…}`), which Markdown never reads as one. */
  readonly kind: 'directive' | 'heading' | 'mid-line' | 'list' | 'table';
  /** The text node and the offset in it where the line starts. */
  readonly node: Text;
  readonly offset: number;
  readonly length: number;
  /** What is wrong on the line, for the message: "a curly quote “ where a straight quote belongs"; for `mid-line`, the directive's start (`::video{`). */
  readonly why: string;
  /** What to do, where the rule's own hint (retype pasted quotes and spaces) is not it. */
  readonly hint?: string;
}

/**
 * Characters a reader cannot see, or cannot tell from a space, that break Markdown's block syntax (and YAML's,
 * explain-yaml-error.ts) where they stand. The ideographic space is what a Chinese, Japanese or Korean keyboard
 * types for a space in its full-width mode: `##　ページ` was no page and `-　項目` no list, without a word.
 */
export const INVISIBLE: Readonly<Record<string, string>> = {
  '\u00a0': 'a no-break space, U+00A0',
  '\u200b': 'a zero-width space, U+200B',
  '\u200c': 'a zero-width non-joiner, U+200C',
  '\u200d': 'a zero-width joiner, U+200D',
  '\u2060': 'a word joiner, U+2060',
  '\u3000': 'a full-width space, U+3000',
  '\ufeff': 'a byte order mark, U+FEFF',
};
const INV = '\\u00a0\\u200b-\\u200d\\u2060\\u3000\\ufeff';
const DIRECTIVE_START = new RegExp(`^[ \\t${INV}]*:{2,}[ \\t${INV}]*[A-Za-z]`);
/** `#` to `######` with an invisible character before them or right after them, where a space belongs. */
const HEADING_START = new RegExp(`^[${INV}]+[ \\t]*#{1,6}(?=[\\s${INV}]|$)|^[ \\t]{0,3}#{1,6}[${INV}]`);
/**
 * `##Page title`: two to six marks and a word with no space between (CommonMark §4.2 needs one), which
 * reads as text. One `#` before a word is left alone: a hashtag (`#MeToo`), and `#` headings are refused anyway.
 */
const HEADING_UNSPACED = /^[ \t]{0,3}#{2,6}[^\s#]/;
/**
 * Markdown's marks as a Chinese, Japanese or Korean keyboard types them in its full-width mode: `＃＃ 見出し`,
 * `：：：check{…}`, `:::check｛#id｝`. Markdown reads none of them, so the page or the check was plain text and
 * nothing said so. One `＃` before a word is a hashtag, as `#` is.
 */
const WIDE_HEADING = /^[ \t\u3000]{0,3}([#\uff03]{1,6})(?![#\uff03])/;
/** A directive's opening line, or its closing fence (`：：：` alone on its line, which then closed nothing). */
const WIDE_DIRECTIVE = /^[ \t\u3000]*([:\uff1a]{2,})(?:[ \t\u3000]*[A-Za-z\uff21-\uff3a\uff41-\uff5a]|(?<=[:\uff1a]{3})[ \t\u3000]*$)/;
/** Full-width forms of a directive's brackets, id mark, `=` and quote, by the ASCII each stands for. */
const WIDE_MARKS: Readonly<Record<string, string>> = { '\uff5b': '{', '\uff5d': '}', '\uff3b': '[', '\uff3d': ']', '\uff03': '#', '\uff1d': '=', '\uff02': '"' };
const WIDE_HINT = 'Type the marks again with the keyboard in half-width (direct input) mode, as `## Page title` and `:::check{#id type=multiple}`: Markdown reads only the ordinary characters.';
const CURLY = /[\u201c\u201d\u201e\u2018\u2019\u00ab\u00bb]/;
const WORDS_AFTER = 'words after it on its line: a directive is a line of its own';
/** Nothing a reader sees: spaces, tabs, the invisible characters. */
const BLANK = new RegExp(`^[ \\t${INV}]*$`);
/**
 * A list marker with an invisible character before it or right after it, where a space belongs (any
 * number: inside a list, `2.` starts the next item).
 */
const LIST_START = new RegExp(`^[${INV}]+[ \\t]*(?:[-*+]|\\d{1,9}[.)])[ \\t]|^[ \\t]{0,3}(?:[-*+]|\\d{1,9}[.)])[${INV}]`);
/**
 * A bullet that Word or Google Docs pasted as a character, before a word (not before another bullet: `• • •`
 * is a divider). No Unicode property classes (`\p{L}`): compiling them cost a build a millisecond.
 */
const PASTED_BULLET = /^[ \t\u00a0]*([\u2022\u25e6\u25aa\u25ab\u2023\u2043\u25cf\u25cb\u25a0\u25a1\u2219\u00b7])[ \t\u00a0]*[^\s\u2022\u25e6\u25aa\u25ab\u2023\u2043\u25cf\u25cb\u25a0\u25a1\u2219\u00b7*+-]/;
/** A dash Word's AutoFormat makes of `- `: a list only when two lines in a row start with it (a single one is a sentence's dash). */
const PASTED_DASH = /^[ \t\u00a0]*([\u2013\u2014])[ \t\u00a0]+[^\s\u2013\u2014-]/;
/**
 * A list marker as Chinese, Japanese and Korean authors type it: the middle dot `・` that Japanese writing uses
 * for bullets, and `－` `＊` `＋` `１．` from a keyboard in full-width mode. Before a word (`・・・` is a divider;
 * `ジョン・スミス` has it inside a line; `１．５倍` is a number); `－`, like a dash, only on two lines in a row.
 */
const WIDE_BULLET = /^[ \t\u3000]*([\u30fb\uff65\uff0a\uff0b\uff0d]|[\uff10-\uff19]{1,9}[\uff0e\uff09](?![\uff10-\uff190-9]))[ \t\u3000]*[^\s\u30fb\uff65\uff0a\uff0b\uff0d*+-]/;

/** `:   the definition` under a term (Pandoc's definition lists), not `::` (a directive) nor a time (`:30`). */
const DEFINITION = /^[ \t]{0,3}:[ \t]+[^\s:]/;

/** A line that begins and ends with `|`, like a table's row. */
const PIPE_ROW = /^[ \t]{0,3}\|.*\|[ \t]*$/;
/** A table's line of dashes: `|---|:--:|`. */
const DELIMITER_ROW = /^[ \t]{0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
/** A tab between two cells' words (a tab at the start of a line is indentation). */
const CELL_TAB = /(?<=\S)\t+(?=\S)/;

/** One of coursepack's directives with its `{` or `[`, not inside a word (`std::audio`). */
const DIRECTIVE_ANYWHERE = /(?<![\w:]):{2,}(?:check|reflect|callout|video|audio)(?=[{[])/g;

export function findUnparsedLines(paragraph: Paragraph): UnparsedLine[] {
  const found: UnparsedLine[] = [];
  const pasted: Array<{ node: Text; offset: number; length: number; mark: string }> = [];
  const tabbed: Array<{ node: Text; offset: number; length: number; cells: number }> = [];
  const piped: Array<{ node: Text; offset: number; length: number }> = [];
  paragraph.children.forEach((child, index) => {
    if (child.type !== 'text') return;
    let at = 0;
    for (const line of child.value.split('\n')) {
      // A line starts here if it is the paragraph's first or follows a line break inside this text.
      if (at > 0 || index === 0) {
        const wide = wideMarks(line);
        if (wide) found.push({ kind: wide.kind, node: child, offset: at, length: line.length, why: wide.why, hint: WIDE_HINT });
        else if (DIRECTIVE_START.test(line)) {
          const why = directiveFault(line);
          found.push({ kind: 'directive', node: child, offset: at, length: line.length, why, ...(why === WORDS_AFTER ? { hint: 'Put the words on a line of their own below it, or inside the directive.' } : {}) });
        }
        else if (HEADING_START.test(line)) found.push({ kind: 'heading', node: child, offset: at, length: line.length, why: invisibleIn(line) ?? 'an invisible character' });
        else if (HEADING_UNSPACED.test(line)) {
          const marks = /#+/.exec(line)?.[0] ?? '##';
          found.push({ kind: 'heading', node: child, offset: at, length: line.length, why: `no space after \`${marks}\``, hint: `Put a space after the marks: \`${marks} ${line.trimStart().slice(marks.length).trimStart()}\`.` });
        }
        else if (at > 0 && DEFINITION.test(line)) {
          found.push({ kind: 'list', node: child, offset: at, length: line.length, why: 'a definition under its term, `:` and spaces at the start of its line as Pandoc writes definition lists: it runs on after the term as text',
            hint: 'Write the term in bold before its definition, **Term**: the definition, or make a list of them, `- **Term**: the definition`.' });
        }
        else if (LIST_START.test(line)) {
          found.push({ kind: 'list', node: child, offset: at, length: line.length, why: `${invisibleIn(line) ?? 'an invisible character'} where a space belongs` });
        } else if (line.trimStart().charCodeAt(0) >= 0xb7) {
          // Every pasted bullet and dash is past U+00B7: a line of ordinary text is not searched.
          const mark = PASTED_BULLET.exec(line)?.[1] ?? PASTED_DASH.exec(line)?.[1] ?? WIDE_BULLET.exec(line)?.[1];
          if (mark) pasted.push({ node: child, offset: at, length: line.length, mark });
        }
        const cells = line.includes('\t') ? line.trim().split(CELL_TAB).length : 1;
        if (cells > 1) tabbed.push({ node: child, offset: at, length: line.length, cells });
        if (line.includes('|') && PIPE_ROW.test(line)) piped.push({ node: child, offset: at, length: line.length });
      }
      for (const directive of line.matchAll(DIRECTIVE_ANYWHERE)) {
        // At the start of a line it is the line check's; after other text (in this node or before it) it is text.
        const lineStart = (at > 0 || index === 0) && BLANK.test(line.slice(0, directive.index));
        if (!lineStart) found.push({ kind: 'mid-line', node: child, offset: at + directive.index, length: directive[0].length + 1, why: `${directive[0]}${line.charAt(directive.index + directive[0].length)}` });
      }
      at += line.length + 1;
    }
  });
  // Pasted bullets: one finding a paragraph, at its first such line; dashes, `＊` and `＋` only two or more.
  const [first] = pasted;
  if (first && (pasted.length > 1 || !(isDash(first.mark) || isProseMark(first.mark)))) {
    const more = pasted.length - 1;
    const together = more > 0 ? `: it and the ${more === 1 ? 'line' : `${more} lines`} after it run together as one paragraph, not a list` : ': it shows as text, not as a list';
    found.push({ kind: 'list', node: first.node, offset: first.offset, length: first.length, why: `${markSaid(first.mark)}${together}` });
  }
  // Rows copied from a spreadsheet or a Word table: cells between tabs, two rows or more of the same width.
  const [row] = tabbed;
  if (row && tabbed.length > 1 && tabbed.every((r) => r.cells === row.cells)) {
    found.push({ kind: 'table', node: row.node, offset: row.offset, length: row.length, why: `${tabbed.length} lines of ${row.cells} cells between tabs, pasted from a spreadsheet or a Word table` });
  }
  // Rows of a GitHub table whose line of dashes is missing or has another number of columns than the
  // header (GFM tables, "The delimiter row"): Markdown read the pipes as text.
  const [header, second] = piped;
  if (header && second) {
    const text = (r: { node: Text; offset: number; length: number }) => r.node.value.slice(r.offset, r.offset + r.length);
    const dashes = DELIMITER_ROW.test(text(second)) ? columnsOf(text(second)) : 0;
    const columns = columnsOf(text(header));
    const why = dashes > 0
      ? `its line of dashes has ${dashes} ${dashes === 1 ? 'column' : 'columns'} and its header ${columns}: they must match`
      : `${piped.length} lines between \`|\` but no line of dashes under the first, \`|${'---|'.repeat(Math.max(columns, 1))}\``;
    found.push({ kind: 'table', node: header.node, offset: header.offset, length: header.length, why });
  }
  return found;
}

/** The cells of a `| a | b |` line: its `|` less the outer ones (an escaped `\\|` is in a cell). */
function columnsOf(line: string): number {
  const inner = line.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/).length;
}

/**
 * `＊` and `＋` at the start of one line are Japanese prose: `＊詳しくは第２章で。` is a note under what it
 * annotates, `＋αの工夫` "a little extra". Like a dash, they are a list only on two lines in a row.
 */
function isProseMark(mark: string): boolean {
  return mark === '\uff0a' || mark === '\uff0b';
}

function isDash(mark: string): boolean {
  return mark === '\u2013' || mark === '\u2014' || mark === '\uff0d';
}

/** What the marker at the start of the line is, for the message. */
function markSaid(mark: string): string {
  if (mark === '\u30fb' || mark === '\uff65') return `a bullet \`${mark}\` typed as a character`;
  // `１．` and `－`: what the ordinary characters are, which Markdown reads (NFKC folds each to its ASCII).
  if (/[\uff01-\uff5e]/.test(mark)) return `a full-width \`${mark}\` where \`${mark.normalize('NFKC').replace('\uff09', ')')}\` belongs`;
  return `a bullet \`${mark}\` pasted as a character`;
}

function directiveFault(line: string): string {
  const curly = CURLY.exec(line);
  if (curly) return `a curly quote ${curly[0]} where a straight quote " belongs`;
  const invisible = invisibleIn(line);
  if (invisible) return invisible;
  if (/^[ \t]*:{2,}[ \t]+[A-Za-z]/.test(line)) return 'a space between the colons and the name';
  if (/^[ \t]*:{2,}[A-Za-z][\w-]*[ \t]+[[{]/.test(line)) return 'a space before its `[` or `{`';
  if (/^[ \t]*:{2,}[A-Za-z][\w-]*(?:\[[^\]\n]*\](?:\{[^}\n]*\})?|\{[^}\n]*\})[ \t]*[^\s:]/.test(line)) return WORDS_AFTER;
  return 'its `[label]` or `{attributes}` are not closed or not written as `{#id key="value"}`';
}

/** A heading's or directive's marks typed full-width, or a directive line whose brackets, `#`, `=` or quote are. */
function wideMarks(line: string): { kind: 'heading' | 'directive'; why: string } | undefined {
  if (line.charCodeAt(line.search(/\S/)) < 0xff00 && !/[\uff5b\uff5d\uff3b\uff3d\uff03\uff1d\uff02]/.test(line)) return undefined;
  const heading = WIDE_HEADING.exec(line)?.[1];
  // `＃＃ 見出し`, or one `＃` before a space (a `#` heading, refused anyway); `＃タグ` is a hashtag, and a line
  // of marks alone (`＃＃＃`) a divider.
  const rest = heading === undefined ? '' : line.slice(line.indexOf(heading) + heading.length);
  if (heading?.includes('\uff03') && rest.trim() !== '' && (heading.length > 1 || /^\s/.test(rest))) {
    return { kind: 'heading', why: `full-width \`${heading}\` where \`${'#'.repeat(heading.length)}\` belongs` };
  }
  const colons = WIDE_DIRECTIVE.exec(line)?.[1];
  if (colons?.includes('\uff1a')) return { kind: 'directive', why: `full-width colons \`${colons}\` where \`${':'.repeat(colons.length)}\` belongs` };
  if (DIRECTIVE_START.test(line)) {
    const mark = [...line].find((c) => WIDE_MARKS[c] !== undefined);
    if (mark) return { kind: 'directive', why: `a full-width \`${mark}\` where \`${WIDE_MARKS[mark] ?? ''}\` belongs` };
  }
  return undefined;
}

function invisibleIn(line: string): string | undefined {
  for (const character of line) {
    const name = INVISIBLE[character];
    if (name) return name;
  }
  return undefined;
}
