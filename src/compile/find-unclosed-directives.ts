/**
 * Container directives that never close. micromark-extension-directive lets an unclosed `:::callout` run
 * to the end of its parent (the module, or the directive around it), so the pages and checks after it
 * vanish into it without a word. A closed container's last line is always its closing fence (a line of
 * three or more colons: a shorter line cannot close it, and a line with as many would have closed it
 * earlier), so a container whose last line is anything else was never closed. Pure.
 */
import type { Paragraph, Root, Table } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';

const FENCE = /^[\s>]*:{3,}[ \t]*$/;

export interface UnclosedDirective {
  readonly node: ContainerDirective;
  /** The directive around it, when that one took the closing fence meant for this one. */
  readonly outer: { readonly name: string; readonly line: number; readonly fenceLine: number } | null;
}

export function findUnclosedDirectives(tree: Root, text: string): UnclosedDirective[] {
  const lines = text.split(/\r?\n|\r/);
  const found: UnclosedDirective[] = [];
  const closed = (directive: ContainerDirective): boolean => {
    const end = directive.position?.end;
    const last = end ? (lines[end.line - 1] ?? '').slice(0, end.column - 1) : '';
    return !end || (end.line !== directive.position?.start.line && FENCE.test(last));
  };
  const walk = (node: { type: string; children?: unknown[] }, outer: ContainerDirective | null): void => {
    let inner = outer;
    if (node.type === 'containerDirective') {
      const directive = node as ContainerDirective;
      if (!closed(directive)) {
        const taken = outer && closed(outer) && outer.position ? { name: outer.name, line: outer.position.start.line, fenceLine: outer.position.end.line } : null;
        found.push({ node: directive, outer: taken });
      }
      inner = directive;
    }
    for (const child of node.children ?? []) walk(child as { type: string; children?: unknown[] }, inner);
  };
  walk(tree, null);
  return found;
}

/** A `:::` line Markdown read as text (a paragraph's line): where it is, and what stands before it. */
export interface StrayFence {
  readonly line: number;
  readonly column: number;
  /** Right after a closed container: a directive closed twice. Else a fence with no directive open at all. */
  readonly afterDirective: boolean;
  /** The fence as typed (`:::`, `::::`). */
  readonly fence: string;
}

/**
 * Every `:::` line that is text: a directive closed twice (the second fence right after the container), or a
 * fence left behind when its `:::name` line was deleted, anywhere in the module. Either shows to learners as
 * typed. A fence that some directive's own message explains is not said again: the fence meant for a
 * directive never closed (that one took it, or the outer did), and the fence of an opening line that pasted
 * text broke (`:::check {#id}`, a Pandoc `::: {.note}`), which directive-unparsed or attributes-unsupported
 * say; each such opening explains one fence after it.
 */
export function findStrayFences(tree: Root, text: string): StrayFence[] {
  const source = text.split(/\r?\n|\r/);
  const found: StrayFence[] = [];
  // Counted through the module in reading order, not per parent: the fence of a broken opening line often
  // ends up in a list item above it (a lazy continuation of the last option's feedback).
  let explained = 0;
  const walk = (node: { type: string; children?: unknown[] }): void => {
    let previous: { type: string; data?: unknown } | undefined;
    for (const child of (node.children ?? []) as Array<{ type: string; children?: unknown[]; data?: unknown }>) {
      if (child.type === 'paragraph') {
        // `Some words :::callout[…]`: Markdown reads `::` and a text directive `:callout[…]`, said as a directive
        // after other text (find-unparsed-lines.ts); its fence is no news.
        if ((child as Paragraph).children.some((c, i, all) => c.type === 'textDirective' && all[i - 1]?.type === 'text' && /:$/.test((all[i - 1] as { value: string }).value))) explained++;
        for (const line of textLines(child as Paragraph)) {
          if ((line.start && OPENING.test(line.text)) || MID_LINE_OPENING.test(line.text)) explained++;
          else if (!line.start || !STRAY.test(line.text)) continue;
          else if (explained > 0) explained--;
          else {
            // A line after the paragraph's first sits where its source line has it (after `> ` in a quote).
            const column = line.first ? line.column : (source[line.line - 1] ?? '').indexOf(':') + 1 || 1;
            found.push({ line: line.line, column, afterDirective: line.first && previous?.type === 'containerDirective', fence: line.text.trim() });
          }
        }
      } else if (child.type === 'containerDirective' && holdsUnclosed(child)) {
        explained++;
      } else if (child.type === 'table') {
        // A fence right under a table (a callout around it whose `:::callout` line was deleted): GFM reads it as
        // one more row, a cell of `:::`.
        const last = (child as Table).children.at(-1);
        const cell = last?.children.length === 1 ? last.children[0] : undefined;
        const only = cell?.children.length === 1 ? cell.children[0] : undefined;
        if (only?.type === 'text' && STRAY.test(only.value) && last?.position) {
          if (explained > 0) explained--;
          else found.push({ line: last.position.start.line, column: last.position.start.column, afterDirective: false, fence: only.value.trim() });
        }
      }
      if (child.type !== 'paragraph' && child.children) walk(child);
      previous = child;
    }
  };
  walk(tree);
  return found;
}

const STRAY = /^:{3,}\s*$/;
/**
 * A line that opens like a directive but is text (its own message says why): its closing fence is no news. Its
 * colons may be full-width (`：：：check`, typed in an East Asian keyboard's full-width mode).
 */
const OPENING = /^[:\uff1a]{3,}\s*[^\s:\uff1a]/;
/** `Some text :::callout`: a directive after other text on its line, said as such (find-unparsed-lines.ts). */
const MID_LINE_OPENING = /[^:\s][ \t]*:{3,}[A-Za-z{]/;

/**
 * The pieces of a paragraph's text, line by line (soft breaks sit inside text values), each with where it
 * starts and whether that is the start of its source line (the first piece of a text node after another
 * inline node is not).
 */
function textLines(paragraph: Paragraph): Array<{ text: string; line: number; column: number; start: boolean; first: boolean }> {
  const lines: Array<{ text: string; line: number; column: number; start: boolean; first: boolean }> = [];
  paragraph.children.forEach((child, index) => {
    const at = child.position?.start;
    if (child.type !== 'text' || !at) return;
    child.value.split('\n').forEach((text, i) => {
      // After a hard break (two spaces or `\` at the end of the line above) a text node starts its line too.
      lines.push({ text, line: at.line + i, column: i === 0 ? at.column : 1, start: i > 0 || index === 0 || paragraph.children[index - 1]?.type === 'break', first: index === 0 && i === 0 });
    });
  });
  return lines;
}

/**
 * The container, or one inside it, never closed (marked so by parse-module.ts): the `:::` after it is the one
 * that was meant to close the outer, and directive-not-closed says so already (`::::` on the outer, not a deletion).
 */
function holdsUnclosed(node: { type: string; data?: unknown; children?: unknown[] }): boolean {
  if (node.type === 'containerDirective' && (node.data as { unclosed?: boolean } | undefined)?.unclosed) return true;
  return (node.children ?? []).some((c) => holdsUnclosed(c as { type: string; data?: unknown; children?: unknown[] }));
}
