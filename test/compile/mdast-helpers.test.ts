/**
 * offsetPosition: a fault found in a raw HTML node's value is placed where the author typed it, also when
 * the value lost container prefixes (list item indentation, `> > `) on its later lines.
 */
import type { Html, Node, Parent } from 'mdast';
import { describe, expect, it } from 'vitest';
import { offsetPosition, plainWords, splitLines } from '../../src/compile/mdast-helpers.js';
import { parseMarkdown } from '../../src/compile/parse-module.js';

function htmlNodes(markdown: string): Html[] {
  const found: Html[] = [];
  const walk = (node: Node): void => {
    if (node.type === 'html') found.push(node as Html);
    if ('children' in node) (node as Parent).children.forEach(walk);
  };
  walk(parseMarkdown(markdown));
  return found;
}

/** Where `needle` (in the HTML node that holds it) is placed: `line:column-line:column`. */
function placeOf(markdown: string, needle: string, lines: readonly string[] | null = splitLines(markdown)): string {
  const node = htmlNodes(markdown).find((n) => n.value.includes(needle));
  if (!node) throw new Error(`no HTML node holds ${needle}`);
  const place = offsetPosition(node, node.value.indexOf(needle), needle.length, lines ?? undefined);
  return `${place?.start.line}:${place?.start.column}-${place?.end.line}:${place?.end.column}`;
}

describe('offsetPosition places a fault in raw HTML at its source column', () => {
  it.each([
    ['on the first line', 'text\n\n<img src="x.png" alt="">\n', 'src', '3:6-3:9'],
    ['in a list item, after the first line', '- item\n\n  <div>\n  <img src="x.png" alt="">\n  </div>\n', 'src', '4:8-4:11'],
    ['in a list item, on the last line', '- item\n\n  <div>\n  <b onclick="x">b</b></div>\n', 'onclick', '4:6-4:13'],
    ['in a nested blockquote', '> > <p>\n> > <b onclick="alert(1)">x</b>\n> > </p>\n', 'onclick', '2:8-2:15'],
    ['in a blockquote inside a list item', '- item\n\n  > <div>\n  > <img src="x.png">\n', 'src', '4:10-4:13'],
    ['in inline HTML across lines of a quoted paragraph (the last line ends before the text)', '> a <b\n> onclick="x">y</b>\n', 'onclick', '2:3-2:10'],
    ['in inline HTML across lines of a list item', '- a <b\n  onclick="x">y</b>\n', 'onclick', '2:3-2:10'],
    ['with CRLF line endings', '- item\r\n\r\n  <div>\r\n  <img src="x.png">\r\n  </div>\r\n', 'src', '4:8-4:11'],
    ['with CRLF line endings in a nested blockquote', '> > <p>\r\n> > <b onclick="x">y</b>\r\n> > </p>\r\n', 'onclick', '2:8-2:15'],
    ['with lone CR line endings', '> <p>\r> <b onclick="x">y</b>\r> </p>\r', 'onclick', '2:6-2:13'],
    ['after a tab the blockquote partly ate', '>\t<div>\n>\t<b onclick="x">\n', 'onclick', '2:6-2:13'],
  ])('%s', (_name, markdown, needle, expected) => {
    expect(placeOf(markdown, needle)).toBe(expected);
  });

  it('counts from the value line without the source lines (callers that have none)', () => {
    expect(placeOf('- item\n\n  <div>\n  <img src="x.png">\n', 'src', null)).toBe('4:6-4:9');
  });

  it('counts from the value line when the source does not hold it (lines of another text)', () => {
    expect(placeOf('- item\n\n  <div>\n  <img src="x.png">\n', 'src', ['', '', '', 'something else'])).toBe('4:6-4:9');
  });
});

describe('plainWords: Markdown as a plain-text record reads it', () => {
  it.each([
    ['raw HTML tags out, words in', 'Press <kbd>Tab</kbd> now', 'Press Tab now'],
    ['a line break and <br> are spaces, not glue', 'Glue<br>stick and Press <kbd>Tab</kbd><br>or <img src="a.svg" alt="the arrow key">.', 'Glue stick and Press Tab or the arrow key.'],
    ['an image by its alt, Markdown or HTML', '![Tab key](a.svg) or <img alt=\'Shift key\' src=b.svg>', 'Tab key or Shift key'],
    ['comments out', 'Saw <!-- <b> --> blade', 'Saw blade'],
    ['code as its text, white space folded, composed', '`a  ->  b` and Cafe\u0301', 'a -> b and Caf\u00e9'],
  ])('%s', (_, markdown, words) => {
    expect(plainWords(parseMarkdown(markdown))).toBe(words);
  });
});
