/**
 * Nesting deeper than any course needs (3,000 `>` or `*` in a row, 5,000 `<div>`s) overflows the stack of
 * the recursive tree walkers downstream (mdast-util-to-hast, hast-util-from-parse5, the model stage), which
 * was an internal error. Measured without recursion, so measuring cannot overflow. Pure. Directives, quotes
 * and lists that deep are also found on the text before it is parsed (below), since parsing them takes minutes.
 */

import { trackCodeFences } from './track-code-fences.js';

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
  const inCode = trackCodeFences();
  let found: { line: number; column: number } | null = null;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i] as string;
    if (inCode(line)) continue;
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

/** `>` markers and white space before a line's content; then a list item marker, if any. */
const PREFIX = /^[ \t>]*/;
const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

/**
 * Quotes and list items nested deeper than MAX_DEPTH, found line by line before parsing, for the same
 * reason as findTooDeepFences: 2,000 lines nesting one level deeper each took 45 s (quotes, 4 GB) and
 * 268 s (lists, 1.9 GB) to parse. A line is too deep when it holds more than MAX_DEPTH `>`, or when a
 * list item starts after more than 4 × MAX_DEPTH columns (a level takes 2 to 4; lists up to about 200
 * levels parse quickly and are judged on the tree). Returns the first such line and the lines of the
 * paragraph-like run around it (from after the blank line or heading before it, to the next blank line).
 */
export function findTooDeepLines(lines: readonly string[], start = 0): DeepFences | null {
  const inCode = trackCodeFences();
  for (let i = start; i < lines.length; i++) {
    const line = lines[i] as string;
    if (inCode(line)) continue;
    const column = tooDeepAt(line);
    if (column === 0) continue;
    let from = i;
    while (from > start && !/^\s*$/.test(lines[from - 1] as string) && !/^ {0,3}#/.test(lines[from - 1] as string)) from--;
    let to = i + 1;
    while (to < lines.length && !/^\s*$/.test(lines[to] as string)) to++;
    return { line: i, column, from, to };
  }
  return null;
}

/** The 1-based column where `line` passes MAX_DEPTH, or 0. */
function tooDeepAt(line: string): number {
  const prefix = PREFIX.exec(line)?.[0] ?? '';
  let quotes = 0;
  let columns = 0;
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix[i];
    if (c === '>' && ++quotes > MAX_DEPTH) return i + 1;
    columns = c === '\t' ? columns + 4 - (columns % 4) : columns + 1;
  }
  return columns > 4 * MAX_DEPTH && LIST_MARKER.test(line.slice(prefix.length)) ? prefix.length + 1 : 0;
}
