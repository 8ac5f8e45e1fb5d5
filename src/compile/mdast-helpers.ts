/**
 * Small questions about Markdown nodes shared by the model stages: is it visible content, where is it.
 */
import { isBlank } from './is-blank.js';
import type { Html, Node, RootContent, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Point, Position } from 'unist';
import type { RuleId } from './rules.js';

/** Reports a rule at a node of the module being read. */
export type NodeReport = (rule: RuleId, node: Node | undefined, message: string, hint?: string) => void;

/** Definitions and HTML comments are not visible content. */
export function isContent(node: RootContent): boolean {
  if (node.type === 'definition') return false;
  if (node.type === 'html') return node.value.replace(/<!--[\s\S]*?-->/g, '').trim() !== '';
  return true;
}

/**
 * Nothing a screen reader would read out: only white space, or images without alt text (decorative).
 * Raw HTML counts as words (it may be an image with alt text).
 */
export function isWordless(node: Node): boolean {
  return isBlank(toString(node, { includeImageAlt: true }));
}

/**
 * The words of Markdown as a screen reader or a plain-text record reads them: raw HTML's tags left out but
 * an `<img>`'s alt kept, a line break or a block a space, images by their alt, white space folded (NFC).
 * For the LMS's and LRS's records and reports, and for telling a matching check's items apart.
 */
export function plainWords(node: Node): string {
  const parts: string[] = [];
  const walk = (n: Node): void => {
    if (n.type === 'html') parts.push(htmlWords((n as Html).value));
    else if (n.type === 'image' || n.type === 'imageReference') parts.push((n as { alt?: string | null }).alt ?? '');
    else if (n.type === 'break') parts.push(' ');
    else if ('value' in n && typeof (n as Text).value === 'string') parts.push((n as Text).value);
    else if ('children' in n) {
      for (const child of (n as { children: Node[] }).children) {
        walk(child);
        if (child.type === 'paragraph' || child.type === 'heading' || child.type === 'listItem' || child.type === 'list') parts.push(' ');
      }
    }
  };
  walk(node);
  return parts.join('').normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Raw HTML's words: comments and tags out, an image's alt in, a line break and a block's edge a space. */
function htmlWords(html: string): string {
  return html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<img\b[^>]*?\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>/gi, (_, a: string | undefined, b: string | undefined, c: string | undefined) => a ?? b ?? c ?? '')
    .replace(/<\/?(?:br|p|div|li|tr|td|th|h[1-6])\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '');
}

export function positionOf(node: Node | undefined): Position | undefined {
  return node?.position;
}

/** micromark's line endings (CommonMark §2.1): CRLF, LF or a lone CR. */
const LINE_ENDING = /\r\n|\r|\n/;

/** A file's lines without their endings, numbered as positions number them (line n at index n - 1). */
export function splitLines(text: string): readonly string[] {
  return text.split(LINE_ENDING);
}

/**
 * The place of `length` characters at `offset` in an HTML node's text. `lines` are the module file's
 * (splitLines): an HTML node inside a list item or a blockquote lost its container prefixes (`  `, `> > `)
 * on every line after the first, so each line of the value is found again in its source line, which it
 * ends (a middle line) or ends at the node's end column (the last). A tab partly eaten by a container
 * comes back as spaces in the value, so only what follows the line's leading blanks is matched. Without
 * `lines`, or when a line does not match, a later line's column counts from the start of the value line.
 */
export function offsetPosition(node: Html | Text, offset: number, length: number, lines?: readonly string[]): Position | undefined {
  const { start, end } = node.position ?? {};
  if (!start || !end) return undefined;
  const valueLines = node.value.split(LINE_ENDING);
  const at = (n: number): Point => {
    const before = node.value.slice(0, n).split(LINE_ENDING);
    const index = before.length - 1;
    const inLine = before[index]?.length ?? 0;
    const line = start.line + index;
    const fallback = { line, column: index === 0 ? start.column + n : inLine + 1 };
    const source = lines?.[line - 1];
    const value = valueLines[index];
    if (source === undefined || value === undefined || end.line !== start.line + valueLines.length - 1) return fallback;
    const from = index === 0 ? start.column - 1 : 0;
    const to = index === valueLines.length - 1 ? end.column - 1 : source.length;
    const blanks = /^[ \t]*/.exec(value)?.[0].length ?? 0;
    const rest = value.slice(blanks);
    if (to > source.length || !source.slice(from, to).endsWith(rest)) return fallback;
    const restAt = to - rest.length;
    return { line, column: Math.max(from, restAt + inLine - blanks) + 1 };
  };
  return { start: at(offset), end: at(offset + length) };
}
