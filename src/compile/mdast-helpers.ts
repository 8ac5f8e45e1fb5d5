/**
 * Small questions about Markdown nodes shared by the model stages: is it visible content, where is it.
 */
import type { Html, Node, RootContent } from 'mdast';
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

export function positionOf(node: Node | undefined): Position | undefined {
  return node?.position;
}

/** The place of `length` characters at `offset` in an HTML node's text. */
export function offsetPosition(node: Html, offset: number, length: number): Position | undefined {
  const start = node.position?.start;
  if (!start) return undefined;
  const at = (n: number): Point => {
    const before = node.value.slice(0, n).split('\n');
    const line = start.line + before.length - 1;
    const column = before.length === 1 ? start.column + n : (before.at(-1)?.length ?? 0) + 1;
    return { line, column };
  };
  return { start: at(offset), end: at(offset + length) };
}
