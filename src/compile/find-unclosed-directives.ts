/**
 * Container directives that never close. micromark-extension-directive lets an unclosed `:::callout` run
 * to the end of its parent (the module, or the directive around it), so the pages and checks after it
 * vanish into it without a word. A closed container's last line is always its closing fence (a line of
 * three or more colons: a shorter line cannot close it, and a line with as many would have closed it
 * earlier), so a container whose last line is anything else was never closed. Pure.
 */
import type { Paragraph, Root } from 'mdast';
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

/**
 * A `:::` line right after a closed container, the first line of the paragraph that follows it: a directive
 * closed twice, whose second fence Markdown reads as text and shows to learners. Only there: a stray fence
 * after an unclosed or pasted-broken directive is that one's fault, said by its own message.
 */
export function findStrayFences(tree: Root): Paragraph[] {
  const found: Paragraph[] = [];
  const walk = (node: { type: string; children?: unknown[] }): void => {
    let previous: { type: string; data?: unknown } | undefined;
    for (const child of (node.children ?? []) as Array<{ type: string; children?: unknown[]; data?: unknown }>) {
      if (child.type === 'paragraph' && previous?.type === 'containerDirective' && !holdsUnclosed(previous)) {
        const paragraph = child as Paragraph;
        const first = paragraph.children[0];
        if (first?.type === 'text' && STRAY.test(first.value.split('\n')[0] ?? '')) found.push(paragraph);
      }
      if (child.type === 'containerDirective') walk(child);
      previous = child;
    }
  };
  walk(tree);
  return found;
}

const STRAY = /^:{3,}[ \t]*$/;

/**
 * The container, or one inside it, never closed (marked so by parse-module.ts): the `:::` after it is the one
 * that was meant to close the outer, and directive-not-closed says so already (`::::` on the outer, not a deletion).
 */
function holdsUnclosed(node: { type: string; data?: unknown; children?: unknown[] }): boolean {
  if (node.type === 'containerDirective' && (node.data as { unclosed?: boolean } | undefined)?.unclosed) return true;
  return (node.children ?? []).some((c) => holdsUnclosed(c as { type: string; data?: unknown; children?: unknown[] }));
}
