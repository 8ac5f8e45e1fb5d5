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

/** Where a run of directive fences nests too deeply: the fence, and the lines (0-based, end exclusive) of its top-level run. */
export interface DeepFences {
  readonly line: number;
  readonly column: number;
  readonly from: number;
  readonly to: number;
}

const FENCE_OPEN = /^( {0,3})(:{3,})[ \t]*[A-Za-z]/;
const FENCE_CLOSE = /^ {0,3}:{3,}[ \t]*$/;
const CODE_FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Container directives (`:::name` … `:::`) nested deeper than MAX_DEPTH, found in the text before it is
 * parsed: micromark checks every open container on every line, so 1,000 nested callouts took 35 s to
 * parse and 2,000 more than three minutes (each fence needs more colons than the one inside it, so such
 * a file grows with the square of its depth). Fences inside fenced code are not counted; a bare fence
 * closes the innermost open one. Returns the first such run, or null. Pure.
 */
export function findTooDeepFences(lines: readonly string[], start = 0): DeepFences | null {
  let depth = 0;
  let from = -1;
  let code: string | null = null;
  let found: { line: number; column: number } | null = null;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i] as string;
    const fence = CODE_FENCE.exec(line);
    if (code !== null) {
      if (fence && fence[1]?.[0] === code[0] && (fence[1]?.length ?? 0) >= code.length && line.trim() === fence[1]) code = null;
      continue;
    }
    if (fence) {
      code = fence[1] as string;
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    if (open) {
      if (depth++ === 0) from = i;
      if (depth > MAX_DEPTH && !found) found = { line: i, column: (open[1]?.length ?? 0) + 1 };
    } else if (depth > 0 && FENCE_CLOSE.test(line)) {
      depth--;
      if (depth === 0 && found) return { ...found, from, to: i + 1 };
    }
  }
  return found ? { ...found, from, to: lines.length } : null;
}
