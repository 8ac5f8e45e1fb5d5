/**
 * HTML blocks that never close. CommonMark ends a block that opens with `<!--` only at a line holding `-->`,
 * and one that opens with `<pre`, `<script`, `<style` or `<textarea` only at a line holding one of their end
 * tags (§4.6, start conditions 1, 2 and 5); without one, the block runs to the end of the module (or of the
 * directive or list item it is in). A reviewer's note closed with `->` then hides every page and check after
 * it from learners, with no other sign: the build saw one comment. Pure.
 */
import type { Html, Root } from 'mdast';

export interface UnclosedHtml {
  readonly node: Html;
  /** What opened it, as typed: `<!--`, `<pre`, `<![CDATA[`. */
  readonly opening: string;
  /** What closes it: `-->`, `</pre>`. */
  readonly closing: string;
  /** The line of the closing that ended the block, a later opening's; null when it ran to the end. */
  readonly until: number | null;
  /** The first page heading or directive it swallowed, with its line, to name in the message; null if none. */
  readonly swallowed: { readonly what: string; readonly line: number } | null;
}

/** `<script>` and `<style>` are refused as they are (unsafe-html): only the blocks an author may write. */
const RAW_TEXT = /^ {0,3}<(pre|textarea)(?=[\s>]|$)/i;
const RAW_TEXT_END = /<\/(?:pre|script|style|textarea)>/i;

/** Children of these hold blocks (flow content); raw HTML anywhere else is inline, and ends on its own line. */
const FLOW = new Set(['root', 'blockquote', 'listItem', 'containerDirective']);

export function findUnclosedHtml(tree: Root): UnclosedHtml[] {
  const found: UnclosedHtml[] = [];
  const walk = (node: { type: string; children?: unknown[] }): void => {
    if (!FLOW.has(node.type)) return;
    for (const child of (node.children ?? []) as Array<{ type: string; children?: unknown[] }>) {
      if (child.type === 'html') {
        const html = child as Html;
        const unclosed = openedNotClosed(html.value);
        if (unclosed) {
          const line = html.position?.start.line ?? 1;
          const until = unclosed.endIndex === -1 ? null : line + (html.value.slice(0, unclosed.endIndex).match(/\n/g)?.length ?? 0);
          found.push({ node: html, opening: unclosed.opening, closing: unclosed.closing, until, swallowed: firstSwallowed(html) });
        }
      } else walk(child);
    }
  };
  walk(tree);
  return found;
}

/**
 * An opening whose block does not end at its own closing: none at all (the block ran to the end), or one that
 * belongs to a later opening of the same kind (comments do not nest: `<!-- a -> … <!-- b -->` is one comment
 * from `a` to `b`'s end, so the author's second, closed comment hides the text between the two).
 */
type Opened = { opening: string; closing: string; endIndex: number };

function openedNotClosed(value: string): Opened | null {
  const start = value.trimStart();
  const opened = (opening: string, closing: string, next: RegExp, nearMiss: RegExp | null): Opened | null => {
    const at = value.indexOf(opening);
    // `<!-->` and `<!--->` close themselves (HTML, and CommonMark's end condition on the same line).
    const end = value.indexOf(closing, opening === '<!--' ? at + 2 : at + opening.length);
    next.lastIndex = at + opening.length;
    const again = next.exec(value);
    if (end === -1) return { opening, closing, endIndex: -1 };
    // A second opening before the end is evidence only when a near miss of the closing comes before it (`->`,
    // `—>`): a comment may well mention `<!--` and end where the author meant.
    if (again === null || again.index > end || nearMiss === null) return null;
    return nearMiss.test(value.slice(at + opening.length, again.index)) ? { opening, closing, endIndex: end } : null;
  };
  if (start.startsWith('<!--')) return opened('<!--', '-->', /<!--/g, /(?<!-)->|[\u2013\u2014]>|--\s+>/);
  if (start.startsWith('<![CDATA[')) return opened('<![CDATA[', ']]>', /<!\[CDATA\[/g, null);
  const raw = RAW_TEXT.exec(value);
  if (!raw) return null;
  const tag = (raw[1] ?? 'pre').toLowerCase();
  const end = RAW_TEXT_END.exec(value);
  const again = new RegExp(`<${tag}(?=[\\s>])`, 'gi');
  again.lastIndex = raw[0].length;
  const next = again.exec(value);
  return !end || (next !== null && next.index < end.index) ? { opening: `<${raw[1] ?? tag}`, closing: `</${tag}>`, endIndex: end?.index ?? -1 } : null;
}

function firstSwallowed(node: Html): UnclosedHtml['swallowed'] {
  const first = node.position?.start.line;
  if (first === undefined) return null;
  const lines = node.value.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heading = /^ {0,3}##[ \t]+(.+?)[ \t#]*$/.exec(line);
    if (heading) return { what: `the page “${heading[1] ?? ''}”`, line: first + i };
    const directive = /^ {0,3}(:{2,3})([A-Za-z][\w-]*)/.exec(line);
    if (directive) return { what: `the \`${directive[1] ?? ''}${directive[2] ?? ''}\``, line: first + i };
  }
  return null;
}
