/**
 * Small questions about Markdown nodes shared by the model stages: is it visible content, where is it.
 */
import type { Html, Node, RootContent } from 'mdast';
import type { Diagnostics, Place } from './diagnostics.js';

/** Reports a rule at a node's position, in the file being read. */
export type Report = (rule: Parameters<Diagnostics['report']>[0], node: Node | undefined, message: string, hint?: string) => void;

/** Definitions and HTML comments are not visible content. */
export function isContent(node: RootContent): boolean {
  if (node.type === 'definition') return false;
  if (node.type === 'html') return node.value.replace(/<!--[\s\S]*?-->/g, '').trim() !== '';
  return true;
}

export function placeOf(node: Node | undefined): Place | undefined {
  const start = node?.position?.start;
  return start ? { line: start.line, column: start.column } : undefined;
}

export function offsetPlace(node: Html, offset: number): Place | undefined {
  const start = node.position?.start;
  if (!start) return undefined;
  const before = node.value.slice(0, offset).split('\n');
  const line = start.line + before.length - 1;
  const column = before.length === 1 ? start.column + offset : (before.at(-1)?.length ?? 0) + 1;
  return { line, column };
}
