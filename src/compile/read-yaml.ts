/**
 * YAML with positions: course.yaml and module front matter report field errors at the field's own place
 * (start and end), syntax errors where the mistake is (explain-yaml-error.ts) with a hint saying what to
 * type, and text fields as the author typed them (`version: 2.10` is "2.10", not the number 2.1).
 */
import type { Position } from 'unist';
import { isMap, isNode, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { explainYamlError } from './explain-yaml-error.js';
import { findInvalidCharacters } from './find-invalid-characters.js';

export interface YamlError {
  readonly message: string;
  readonly hint: string | undefined;
  readonly place: Position;
  /** Aliases that expand without bound (a "billion laughs"): refused outright, not reported as a field mistake. */
  readonly aliasBomb?: true;
}

export interface YamlData {
  readonly value: unknown;
  readonly errors: readonly YamlError[];
  /** Where the value at `keys` is; falls back to the nearest parent that exists. */
  placeOf(...keys: (string | number)[]): Position;
  /** Where the key of the field at `keys` is (for unknown fields). */
  placeOfKey(...keys: string[]): Position;
  /**
   * The text the author typed for the scalar at `keys` (quotes and escapes resolved), whatever type YAML
   * would give it: `2.10`, `true` and `1e3` stay text. Undefined when absent, empty, `~`/`null`, or not a
   * scalar.
   */
  textOf(...keys: (string | number)[]): string | undefined;
  /** The value at `keys` as written in the file, line breaks and indentation included, or undefined. */
  writtenOf(...keys: (string | number)[]): string | undefined;
  /** Characters a package cannot carry that a double-quoted escape (`"\v"`, `"\uFFFE"`) put into a value. */
  readonly escapedCharacters: readonly { readonly place: Position; readonly codePoint: number }[];
}

// yaml's own default (toJS maxAliasCount): past it, expanding the aliases is refused as resource exhaustion.
const MAX_ALIAS_COUNT = 100;
const NULL_SOURCE = /^(?:~|null|Null|NULL)?$/;
const IMPLICIT_KEY_ERRORS = new Set(['BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY']);

/** `firstLine` is the 1-based file line the YAML text starts on (2 for front matter after `---`). */
export function readYaml(text: string, firstLine = 1): YamlData {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + firstLine - 1, column: col };
  };
  const span = (start: number, end: number): Position => ({ start: at(start), end: at(Math.max(start, end)) });
  const errors: YamlError[] = [];
  let tabAt = -1;
  for (const e of doc.errors) {
    // After a tab used as indentation, YAML reads the fields lined up below it, to the next top-level field, as
    // one value: its "a value holds `: `" on each of them sent the author to lines that were right.
    if (e.code === 'TAB_AS_INDENT') tabAt = e.pos[0];
    else if (tabAt >= 0 && IMPLICIT_KEY_ERRORS.has(e.code) && !/\n[^\s#]/.test(text.slice(tabAt, e.pos[0]))) continue;
    const explained = explainYamlError(text, e.code, e.message.split('\n')[0] ?? e.message, e.pos[0]);
    const place = span(explained.offset, explained.offset === e.pos[0] ? e.pos[1] : explained.offset + 1);
    // The parser's later errors on the line of an earlier one are that mistake again (a misindented list item
    // gave three): said once.
    if (errors.some((earlier) => earlier.place.start.line === place.start.line)) continue;
    errors.push({ message: explained.message, hint: explained.hint, place });
  }
  if (!errors.length) errors.push(...aliasErrors(doc, span));
  const placeOf = (...keys: (string | number)[]): Position => {
    for (let n = keys.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(keys.slice(0, n), true);
      if (isNode(node) && node.range) return span(node.range[0], node.range[1]);
    }
    return { start: { line: firstLine, column: 1 }, end: { line: firstLine, column: 1 } };
  };
  const escapedCharacters: { place: Position; codePoint: number }[] = [];
  visit(doc, {
    Scalar(_key, node) {
      // Characters typed as they are are found in the file's text (check-source.ts); escapes only here.
      if (node.type !== 'QUOTE_DOUBLE' || typeof node.value !== 'string' || !node.range) return;
      const [bad] = findInvalidCharacters(node.value);
      if (bad && findInvalidCharacters(text.slice(node.range[0], node.range[1])).length === 0) {
        escapedCharacters.push({ place: span(node.range[0], node.range[1]), codePoint: bad.codePoint });
      }
    },
  });
  return {
    value: errors.length ? null : doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }),
    escapedCharacters,
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
    writtenOf(...keys) {
      const node = doc.getIn(keys, true);
      return isNode(node) && node.range ? text.slice(node.range[0], node.range[1]) : undefined;
    },
    textOf(...keys) {
      const node = doc.getIn(keys, true);
      if (!isScalar(node)) return undefined;
      // `source` is what was written (for plain scalars, before YAML guessed a number or a boolean).
      const source = typeof node.source === 'string' ? node.source : String(node.value ?? '');
      if (node.value === null && (node.type === 'PLAIN' || node.type === undefined) && NULL_SOURCE.test(source)) return undefined;
      if (typeof node.value !== 'string') return source;
      const written = node.range && node.type !== 'BLOCK_LITERAL' ? text.slice(node.range[0], node.range[1]) : '';
      return written.includes('\n') ? joinCjkLines(node.value, written) : node.value;
    },
  };
}

const CJK = '[\\u2e80-\\u2fdf\\u3000-\\u303f\\u3041-\\u30ff\\u31f0-\\u31ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff01-\\uffe6]';
const CJK_LINE_END = new RegExp(`(${CJK})[ \\t]*\\r?\\n[ \\t]*(?=(${CJK}))`, 'g');
const CJK_SPACE = new RegExp(`(${CJK}) (?=(${CJK}))`, 'g');

/**
 * A folded value (`description: >-`, or a plain or quoted one over several lines) with the spaces YAML made of
 * its line breaks taken out where the break fell between two Chinese or Japanese characters, which take no
 * space between them (CSS Text 3 §4.1.2): the course.yaml's own example folds its description, and a Japanese
 * one read "…講座です。 メンタリング…" on the cover. Korean, which spaces its words, and spaces typed keep theirs.
 */
function joinCjkLines(value: string, written: string): string {
  const joins = new Set([...written.matchAll(CJK_LINE_END)].map((m) => `${m[1] ?? ''}${m[2] ?? ''}`));
  if (joins.size === 0) return value;
  return value.replace(CJK_SPACE, (space, before: string, after: string) => (joins.has(`${before}${after}`) ? before : space));
}

/**
 * Aliases resolve only when the value is built: an alias to no anchor is the author's mistake, at the alias;
 * aliases that multiply past the limit are refused before anything expands them.
 */
function aliasErrors(doc: Document, span: (start: number, end: number) => Position): YamlError[] {
  const errors: YamlError[] = [];
  let aliases = 0;
  const seen: { first?: Position } = {};
  visit(doc, {
    Alias(_key, node) {
      const place = node.range ? span(node.range[0], node.range[1]) : span(0, 0);
      seen.first ??= place;
      aliases++;
      if (node.resolve(doc) === undefined) {
        errors.push({ message: `The alias \`*${node.source}\` names no anchor`, hint: `Define \`&${node.source}\` before this line, or write the value out.`, place });
      }
    },
  });
  if (errors.length || aliases === 0) return errors;
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof ReferenceError && seen.first) {
      return [{ message: 'YAML aliases here expand to too many values (a "billion laughs")', hint: 'Write the values out instead of repeating `*aliases` of aliases.', place: seen.first, aliasBomb: true }];
    }
    throw error;
  }
  return errors;
}

/** Whether `text` is YAML with no error at all (a front matter read as written, comments and block scalars included). */
export function isCleanYaml(text: string): boolean {
  return parseDocument(text).errors.length === 0;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
