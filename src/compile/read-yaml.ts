/**
 * YAML with positions: course.yaml and module front matter report field errors at the field's own line.
 */
import { LineCounter, isMap, isNode, isScalar, parseDocument } from 'yaml';
import type { Place } from './diagnostics.js';

export interface YamlData {
  readonly value: unknown;
  readonly errors: readonly { readonly message: string; readonly place: Place }[];
  /** Where the value at `keys` starts; falls back to the nearest parent that exists. */
  placeOf(...keys: (string | number)[]): Place;
  /** Where the key of the field at `keys` starts (for unknown fields). */
  placeOfKey(...keys: string[]): Place;
}

/** `firstLine` is the 1-based file line the YAML text starts on (2 for front matter after `---`). */
export function readYaml(text: string, firstLine = 1): YamlData {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Place => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + firstLine - 1, column: col };
  };
  const errors = doc.errors.map((e) => ({
    message: e.message.split('\n')[0] ?? e.message,
    place: at(e.pos[0]),
  }));
  return {
    value: errors.length ? null : doc.toJS(),
    errors,
    placeOf(...keys) {
      for (let n = keys.length; n >= 0; n--) {
        const node = n === 0 ? doc.contents : doc.getIn(keys.slice(0, n), true);
        if (isNode(node) && node.range) return at(node.range[0]);
      }
      return { line: firstLine, column: 1 };
    },
    placeOfKey(...keys) {
      const parent = keys.length > 1 ? doc.getIn(keys.slice(0, -1), true) : doc.contents;
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === keys.at(-1));
        if (pair && isScalar(pair.key) && pair.key.range) return at(pair.key.range[0]);
      }
      return this.placeOf(...keys);
    },
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
