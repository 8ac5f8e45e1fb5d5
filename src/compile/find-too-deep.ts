/**
 * Nesting deeper than any course needs (3,000 `>` or `*` in a row, 5,000 `<div>`s) overflows the stack of
 * the recursive tree walkers downstream (mdast-util-to-hast, hast-util-from-parse5, the model stage), which
 * was an internal error. Measured without recursion, so measuring cannot overflow. Pure.
 */

export const MAX_DEPTH = 100;

interface Tree {
  readonly type: string;
  readonly children?: readonly unknown[];
}

/** The first node deeper than MAX_DEPTH below `root`, or null. */
export function findTooDeep<N extends Tree>(root: N): N | null {
  const stack: [Tree, number][] = [[root, 0]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [node, depth] = item;
    if (depth > MAX_DEPTH) return node as N;
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i] as Tree, depth + 1]);
  }
  return null;
}
