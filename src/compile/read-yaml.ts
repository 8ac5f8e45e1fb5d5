/**
 * YAML with positions: course.yaml and module front matter report field errors at the field's own place
 * (start and end).
 */
import type { Position } from 'unist';
import { LineCounter, isMap, isNode, isScalar, parseDocument } from 'yaml';

export interface YamlData {
  readonly value: unknown;
  readonly errors: readonly { readonly message: string; readonly place: Position }[];
  /** Where the value at `keys` is; falls back to the nearest parent that exists. */
  placeOf(...keys: (string | number)[]): Position;
  /** Where the key of the field at `keys` is (for unknown fields). */
  placeOfKey(...keys: string[]): Position;
}

/** `firstLine` is the 1-based file line the YAML text starts on (2 for front matter after `---`). */
export function readYaml(text: string, firstLine = 1): YamlData {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + firstLine - 1, column: col };
  };
  const span = (start: number, end: number): Position => ({ start: at(start), end: at(Math.max(start, end)) });
  const errors = doc.errors.map((e) => ({
    message: e.message.split('\n')[0] ?? e.message,
    place: span(e.pos[0], e.pos[1]),
  }));
  const placeOf = (...keys: (string | number)[]): Position => {
    for (let n = keys.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(keys.slice(0, n), true);
      if (isNode(node) && node.range) return span(node.range[0], node.range[1]);
    }
    return { start: { line: firstLine, column: 1 }, end: { line: firstLine, column: 1 } };
  };
  return {
    value: errors.length ? null : doc.toJS(),
    errors,
    placeOf,
    placeOfKey(...keys) {
      const parent = keys.length > 1 ? doc.getIn(keys.slice(0, -1), true) : doc.contents;
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === keys.at(-1));
        if (pair && isScalar(pair.key) && pair.key.range) return span(pair.key.range[0], pair.key.range[1]);
      }
      return placeOf(...keys);
    },
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
