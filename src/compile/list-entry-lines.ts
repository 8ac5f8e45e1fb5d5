/**
 * An option's or a matching item's first line and the feedback under it (read-directive.ts,
 * read-matching.ts): a list entry's first paragraph, cut at its first line break.
 */
import type { ListItem, Paragraph, RootContent } from 'mdast';

/**
 * The feedback may follow on the next, indented lines (no blank line needed), which Markdown reads as the
 * same paragraph, so it is split at the first line break. Null when the entry does not start with a paragraph.
 */
export function entryLines(entry: ListItem): { label: Paragraph; feedback: RootContent[] } | null {
  const [first, ...rest] = entry.children as RootContent[];
  if (!first || first.type !== 'paragraph') return null;
  const { label, more } = splitFirstLine(first);
  return { label, feedback: more ? [more, ...rest] : rest };
}

function splitFirstLine(paragraph: Paragraph): { label: Paragraph; more: Paragraph | null } {
  const at = paragraph.children.findIndex((c) => (c.type === 'text' && c.value.includes('\n')) || c.type === 'break');
  const node = paragraph.children[at];
  if (at < 0 || !node) return { label: paragraph, more: null };
  const before = paragraph.children.slice(0, at);
  const after = paragraph.children.slice(at + 1);
  if (node.type === 'text') {
    const cut = node.value.indexOf('\n');
    const head = node.value.slice(0, cut).trimEnd();
    const tail = node.value.slice(cut + 1).trimStart();
    if (head) before.push({ type: 'text', value: head });
    if (tail) after.unshift({ type: 'text', value: tail, ...(node.position ? { position: { start: { ...node.position.start, line: node.position.start.line + 1 }, end: node.position.end } } : {}) });
  }
  const label: Paragraph = { ...paragraph, children: before };
  const more: Paragraph | null = after.length ? { type: 'paragraph', children: after } : null;
  return { label, more };
}

/**
 * The `[x]` or `[ ]` that starts an entry Markdown read no marker in, when it is typed with full-width characters
 * (`［ｘ］`, `[　]`: an East Asian keyboard in full-width mode), which looks like a marker; else null.
 */
export function wideMarkerOf(entry: ListItem): string | null {
  const first = entry.children[0];
  const lead = first?.type === 'paragraph' && first.children[0]?.type === 'text' ? first.children[0].value : '';
  const marker = /^[[\uff3b][ \u3000xX\uff58\uff38][\]\uff3d]/.exec(lead)?.[0];
  return marker !== undefined && /[^\x00-\x7f]/.test(marker) ? marker : null;
}

/** What to do about a marker typed full-width (wideMarkerOf). */
export const WIDE_MARKER_HINT = 'Type the marker again with the keyboard in half-width (direct input) mode: `[x]` (correct) or `[ ]` (wrong), then a space.';

