/**
 * A selective JSON reader for one statement: builds only the keys a pick tree asks for and skips the
 * rest without building it. Why: a report reads every statement once, and V8's `JSON.parse` of a
 * ~1.4 KB statement (display maps, activity definitions with choices, authority) runs at ~200,000 a
 * second on one core of this machine, below the 300,000 statements/s the reports must reach (issue 11,
 * point 8). Most of a statement is definitions repeated on every statement; they are kept as text
 * (`LazyJson`) and parsed only the first time an activity is seen.
 *
 * Speed comes from building few objects: picked keys are matched in place against the pick table
 * (no key strings are cut out of the text) and stored under the table's own key strings, so every
 * result object gets V8's fast property layout.
 *
 * The caller falls back to `JSON.parse` on any `ScanError`, so an input this reader does not handle
 * (a key written with escapes, malformed JSON) still gets the exact answer or the exact syntax error.
 * What it does not check: literals and numbers inside skipped values (they are skipped, not parsed).
 */

import { ownString } from './own-string.js';

/** A subtree kept as JSON text, parsed on demand. */
export class LazyJson {
  constructor(readonly text: string) {}
  parse(): unknown {
    return JSON.parse(this.text) as unknown;
  }
}

/**
 * What to build: `true` builds the value whole, `'lazy'` keeps its text, an object picks keys. An
 * object pick applied to an array applies to each element (xAPI lets `contextActivities` values be
 * one object or an array, Data §2.4.6.2).
 */
export type Pick = true | 'lazy' | Memo | { readonly [key: string]: Pick };

export class ScanError extends Error {}

/**
 * A value that repeats from statement to statement (the verb, the authority, the course in
 * `grouping`, the same learner's actor): the last few texts are kept with their values, and a value
 * whose text starts the same as one of them is taken as it is, compared as a slice (native)
 * instead of scanned. A JSON object or array is balanced, so a text that starts with a whole kept
 * object is that object. The values are shared: read them, never change them.
 */
export class Memo {
  readonly recent: Array<{ readonly text: string; readonly value: unknown }> = [];
  constructor(
    readonly pick: Pick,
    readonly size: number,
  ) {}
}

export function memo(pick: Pick, size = 4): Memo {
  return new Memo(pick, size);
}

const PICK = 0;
const MEMO = 1;

interface Compiled {
  readonly kind: typeof PICK;
  readonly keys: readonly string[];
  readonly make: () => Record<string, unknown>;
  readonly set: (out: Record<string, unknown>, index: number, value: unknown) => void;
  readonly subs: ReadonlyArray<Sub>;
  /** Definitions kept as text, by the `id` of the object they are in (the first value of each), with that id kept. */
  readonly lazyById: Map<string, { readonly id: string; readonly lazy: LazyJson }>;
  /** Where `id` is among the keys, or -1. */
  readonly idIndex: number;
}

type Sub = Compiled | true | 'lazy' | CompiledMemo;

interface CompiledMemo {
  readonly kind: typeof MEMO;
  readonly memo: Memo;
  readonly sub: Compiled | true;
}

/** Objects and arrays built inside one another, at most (value() recurses). */
const MAX_BUILD_DEPTH = 256;

/** Definitions cached per pick position at most; past this the cache starts again (hostile input). */
const MAX_LAZY_IDS = 10_000;

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COLON = 58;
const COMMA = 44;

export function compilePick(pick: { readonly [key: string]: Pick }): Compiled {
  const keys = Object.keys(pick);
  // A pick's keys are the report's own names (read-statement.ts), never text from a statement.
  for (const key of keys) if (key === '__proto__' || key.includes('\\')) throw new Error(`a pick key cannot be ${JSON.stringify(key)}`);
  // The result objects are made by an object literal holding every picked key, and each value found
  // is stored by a switch of stores under constant keys: the stores find the literal's own layout
  // and stay monomorphic. A store under a key that varies (`out[key] = value`) went through V8's
  // megamorphic store cache every time, and added a property with a map transition (the literal saved
  // 4% of the instructions per statement, the switch 3.5% more; `valgrind --tool=cachegrind`). The
  // keys are JSON-quoted, so any key is a valid literal key.
  const literal = keys.map((k) => `${JSON.stringify(k)}: undefined`).join(', ');
  const make = new Function(`return {${literal}};`) as () => Record<string, unknown>;
  const cases = keys.map((k, i) => `case ${i}: o[${JSON.stringify(k)}] = v; return;`).join(' ');
  const set = new Function('o', 'i', 'v', `switch (i) { ${cases} }`) as (o: Record<string, unknown>, i: number, v: unknown) => void;
  return { kind: PICK, keys, idIndex: keys.indexOf('id'), make, set, subs: keys.map((k) => compileSub(pick[k] as Pick)), lazyById: new Map() };
}

function compileSub(p: Pick): Sub {
  if (p === true || p === 'lazy') return p;
  if (p instanceof Memo) {
    const sub = compileSub(p.pick);
    if (sub === 'lazy' || (sub !== true && sub.kind === MEMO)) throw new Error('memo takes true or an object pick');
    return { kind: MEMO, memo: p, sub };
  }
  return compilePick(p);
}

export function scanJson(text: string, pick: Compiled): unknown {
  const scanner = new Scanner(text);
  scanner.pos = space(text, 0);
  const value = scanner.value(pick);
  const end = space(text, scanner.pos);
  if (end !== text.length) throw new ScanError(`unexpected text at ${end}`);
  return value;
}

/*
 * The scanner keeps its position in a local variable inside each loop and in `pos` only between
 * methods, and the helpers below take and return positions: a field written at every character cost
 * a load and a store each time (measured in instructions per statement, `valgrind --tool=cachegrind`).
 */

/** The first position from `pos` on that is not JSON white space. */
function space(t: string, pos: number): number {
  let c = t.charCodeAt(pos);
  while (c === 32 || c === 10 || c === 13 || c === 9) c = t.charCodeAt(++pos);
  return pos;
}

/** The position just past the string whose opening quote is at `pos`. */
function stringEnd(t: string, pos: number): number {
  let i = pos + 1;
  for (;;) {
    const q = t.indexOf('"', i);
    if (q < 0) throw new ScanError('unterminated string');
    let backslashes = 0;
    while (t.charCodeAt(q - 1 - backslashes) === BACKSLASH) backslashes++;
    i = q + 1;
    if (backslashes % 2 === 0) return i;
  }
}

/** Whether `key` is written at `at` (the caller checked the length fits). */
function keyAt(t: string, at: number, key: string): boolean {
  return t.slice(at, at + key.length) === key;
}

/**
 * Whether `text` is written at `at`: a slice compared with === is a native compare (String#startsWith
 * with a position measured several times slower); three characters are compared first, so a kept
 * value that is not the one here is mostly turned down without a slice.
 */
function textAt(t: string, at: number, text: string): boolean {
  const n = text.length;
  if (at + n > t.length) return false;
  const half = n >> 1;
  const last = n - 2;
  return t.charCodeAt(at + half) === text.charCodeAt(half) && t.charCodeAt(at + last) === text.charCodeAt(last) && t.slice(at, at + n) === text;
}

/** The position just past one value of any kind, skipped without building it. */
function skipValue(t: string, pos: number): number {
  let depth = 0;
  for (;;) {
    const c = t.charCodeAt(pos);
    if (c === QUOTE) pos = stringEnd(t, pos);
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      pos++;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (depth === 0) throw new ScanError(`unexpected '${String.fromCharCode(c)}' at ${pos}`);
      depth--;
      pos++;
    } else if (c === COMMA || c === COLON) {
      if (depth === 0) throw new ScanError(`unexpected '${String.fromCharCode(c)}' at ${pos}`);
      pos++;
    } else if (Number.isNaN(c)) {
      throw new ScanError('unexpected end of text');
    } else if (depth > 0) {
      // A literal, a number or white space inside an object or array: checked by nobody (skipped).
      pos++;
      continue;
    } else {
      // A literal or a number on its own: up to the first character that cannot be in one, so the
      // caller's span is the literal alone.
      let d = t.charCodeAt(++pos);
      while (d > 32 && d !== COMMA && d !== CLOSE_BRACE && d !== CLOSE_BRACKET && d !== COLON && d !== QUOTE && d !== OPEN_BRACE && d !== OPEN_BRACKET) d = t.charCodeAt(++pos);
      return pos;
    }
    if (depth === 0) return pos;
  }
}

class Scanner {
  /** Where the next value starts (set by the caller), then just past it (set by `value`). */
  pos = 0;
  private depth = 0;
  /**
   * The first backslash at or after where it was last searched from, or -1 for none to the end:
   * picked strings are checked for escapes against it, one search for a statement that has none
   * (the usual case) instead of one a string.
   */
  private backslash = -2;
  constructor(private readonly text: string) {}

  /** Whether the text from `start` (inclusive) to `end` (exclusive) holds a backslash; `start` only grows between calls. */
  private escapedIn(start: number, end: number): boolean {
    if (this.backslash === -2 || (this.backslash >= 0 && this.backslash < start)) this.backslash = this.text.indexOf('\\', start);
    return this.backslash >= 0 && this.backslash < end;
  }

  value(pick: Sub): unknown {
    const t = this.text;
    const start = this.pos;
    const c = t.charCodeAt(start);
    if (pick !== true && pick !== 'lazy' && pick.kind === MEMO) return this.memo(pick, c);
    if (pick === 'lazy') {
      this.pos = skipValue(t, start);
      return new LazyJson(t.slice(start, this.pos));
    }
    if (c === QUOTE) {
      const end = stringEnd(t, start);
      this.pos = end;
      // Strings without escapes are the common case: no parse needed. Only picked strings are looked
      // at for a backslash, a few hundred characters of a statement's 1.4 KB.
      return this.escapedIn(start + 1, end - 1) ? (JSON.parse(t.slice(start, end)) as unknown) : t.slice(start + 1, end - 1);
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      // Values are built by recursion: past this depth (no statement needs it) JSON.parse, which does
      // not recurse, reads the statement instead of the stack overflowing.
      if (++this.depth > MAX_BUILD_DEPTH) throw new ScanError('nested too deeply to scan');
      const built = c === OPEN_BRACKET ? this.array(pick) : pick === true ? this.object(ALL) : this.object(pick);
      this.depth--;
      return built;
    }
    const end = skipValue(t, start);
    this.pos = end;
    const literal = t.slice(start, end);
    if (literal === 'true') return true;
    if (literal === 'false') return false;
    if (literal === 'null') return null;
    const n = Number(literal);
    if (literal === '' || Number.isNaN(n)) throw new ScanError(`bad literal at ${start}`);
    return n;
  }

  memo(pick: CompiledMemo, c: number): unknown {
    const t = this.text;
    const start = this.pos;
    const recent = pick.memo.recent;
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      for (let i = 0; i < recent.length; i++) {
        const r = recent[i] as { text: string; value: unknown };
        if (textAt(t, start, r.text)) {
          this.pos = start + r.text.length;
          // Move to the front: the most frequent values are found first.
          if (i > 0) {
            recent.splice(i, 1);
            recent.unshift(r);
          }
          return r.value;
        }
      }
    }
    const value = this.value(pick.sub);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      ownStrings(value);
      recent.unshift({ text: ownString(t.slice(start, this.pos)), value });
      if (recent.length > pick.memo.size) recent.pop();
    }
    return value;
  }

  /**
   * A definition: the same text as last time for this activity id is taken without scanning. The
   * object's `id` is then replaced by the kept copy of it: later lookups by that id (the report's
   * maps of activities, questions, modules) find the very key they hold instead of comparing a view
   * into this statement's text with it, which V8 does by a call into its runtime.
   */
  lazy(pick: Compiled, out: Record<string, unknown>): LazyJson {
    const t = this.text;
    const start = this.pos;
    const id = out.id;
    if (typeof id === 'string') {
      const known = pick.lazyById.get(id);
      if (known && textAt(t, start, known.lazy.text)) {
        this.pos = start + known.lazy.text.length;
        if (pick.idIndex >= 0) pick.set(out, pick.idIndex, known.id);
        return known.lazy;
      }
    }
    this.pos = skipValue(t, start);
    const text = t.slice(start, this.pos);
    if (typeof id !== 'string') return new LazyJson(text);
    if (pick.lazyById.size >= MAX_LAZY_IDS) pick.lazyById.clear();
    const kept = { id: ownString(id), lazy: new LazyJson(ownString(text)) };
    pick.lazyById.set(kept.id, kept);
    if (pick.idIndex >= 0) pick.set(out, pick.idIndex, kept.id);
    return kept.lazy;
  }

  object(pick: Compiled): Record<string, unknown> {
    const t = this.text;
    const out = pick.make();
    let pos = this.pos + 1;
    // Each character is read once where it can be (white space is rare in an LRS's JSON): a read
    // dispatches on the string's representation every time.
    let c = t.charCodeAt(pos);
    if (c <= 32) c = t.charCodeAt((pos = space(t, pos)));
    if (c === CLOSE_BRACE) {
      this.pos = pos + 1;
      return out;
    }
    const keys = pick.keys;
    let next = 0;
    for (;;) {
      if (c !== QUOTE) throw new ScanError(`expected a key at ${pos}`);
      const keyStart = pos + 1;
      let found = -1;
      let keyEnd = -1;
      if (pick === ALL) found = -2;
      else {
        // Keys come in the same order statement after statement: the key after the last one found is
        // tried first, in place, before the key's end is searched for (a quote right after a whole
        // pick key ends it: no pick key ends in a backslash).
        const key = keys[next];
        if (key !== undefined && t.charCodeAt(keyStart + key.length) === QUOTE && keyAt(t, keyStart, key)) {
          found = next;
          keyEnd = keyStart + key.length;
          next = next + 1 === keys.length ? 0 : next + 1;
        }
      }
      if (keyEnd < 0) {
        keyEnd = stringEnd(t, pos) - 1;
        if (found === -1) {
          const length = keyEnd - keyStart;
          for (let n = 0, k = next; n < keys.length; n++, k = k + 1 === keys.length ? 0 : k + 1) {
            const other = keys[k] as string;
            if (other.length === length && keyAt(t, keyStart, other)) {
              found = k;
              next = k + 1 === keys.length ? 0 : k + 1;
              break;
            }
          }
        }
        // A key the pick table matched has no backslash (no pick key has one); any other key might be a
        // picked one written with escapes (`"\u0069d"`), which JSON.parse must read.
        if (found < 0) for (let i = keyStart; i < keyEnd; i++) if (t.charCodeAt(i) === BACKSLASH) throw new ScanError('escaped key');
      }
      pos = keyEnd + 1;
      c = t.charCodeAt(pos);
      if (c <= 32) c = t.charCodeAt((pos = space(t, pos)));
      if (c !== COLON) throw new ScanError(`expected ':' at ${pos}`);
      pos++;
      if (t.charCodeAt(pos) <= 32) pos = space(t, pos);
      if (found === -1) pos = skipValue(t, pos);
      else {
        this.pos = pos;
        if (found === -2) Object.defineProperty(out, t.slice(keyStart, keyEnd), { value: this.value(true), enumerable: true, writable: true, configurable: true });
        else {
          const sub = pick.subs[found] as Sub;
          pick.set(out, found, sub === 'lazy' ? this.lazy(pick, out) : this.value(sub));
        }
        pos = this.pos;
      }
      c = t.charCodeAt(pos);
      if (c <= 32) c = t.charCodeAt((pos = space(t, pos)));
      pos++;
      if (c === CLOSE_BRACE) {
        this.pos = pos;
        return out;
      }
      if (c !== COMMA) throw new ScanError(`expected ',' or '}' at ${pos - 1}`);
      c = t.charCodeAt(pos);
      if (c <= 32) c = t.charCodeAt((pos = space(t, pos)));
    }
  }

  array(pick: Compiled | true | CompiledMemo): unknown[] {
    const t = this.text;
    const out: unknown[] = [];
    let pos = this.pos + 1;
    if (t.charCodeAt(pos) <= 32) pos = space(t, pos);
    if (t.charCodeAt(pos) === CLOSE_BRACKET) {
      this.pos = pos + 1;
      return out;
    }
    for (;;) {
      this.pos = pos;
      out.push(this.value(pick));
      pos = this.pos;
      let c = t.charCodeAt(pos);
      if (c <= 32) c = t.charCodeAt((pos = space(t, pos)));
      pos++;
      if (c === CLOSE_BRACKET) {
        this.pos = pos;
        return out;
      }
      if (c !== COMMA) throw new ScanError(`expected ',' or ']' at ${pos - 1}`);
      if (t.charCodeAt(pos) <= 32) pos = space(t, pos);
    }
  }
}

/**
 * Gives a value kept across statements (a memo's) strings of its own, in place, before it is shared:
 * a slice of the statement it was read from pins that statement's text, and every comparison with it
 * (`verb === VERBS.answered`, the course id in `grouping`) leaves V8's fast path for a call into the
 * runtime, once for every statement that reuses the value.
 */
function ownStrings(value: unknown): void {
  if (typeof value !== 'object' || value === null || value instanceof LazyJson) return;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const v = record[key];
    if (typeof v === 'string') record[key] = ownString(v);
    else ownStrings(v);
  }
}

/** `true` on an object: every key, built whole. */
const ALL: Compiled = { kind: PICK, keys: [], idIndex: -1, make: () => ({}), set: () => undefined, subs: [], lazyById: new Map() };
