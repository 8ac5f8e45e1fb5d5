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

interface Compiled {
  readonly keys: readonly string[];
  readonly subs: ReadonlyArray<Sub>;
  /** Definitions kept as text, by the `id` of the object they are in (the first value of each). */
  readonly lazyById: Map<string, LazyJson>;
}

type Sub = Compiled | true | 'lazy' | CompiledMemo;

interface CompiledMemo {
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
  return { keys, subs: keys.map((k) => compileSub(pick[k] as Pick)), lazyById: new Map() };
}

function compileSub(p: Pick): Sub {
  if (p === true || p === 'lazy') return p;
  if (p instanceof Memo) {
    const sub = compileSub(p.pick);
    if (sub === 'lazy' || (sub !== true && 'memo' in sub)) throw new Error('memo takes true or an object pick');
    return { memo: p, sub };
  }
  return compilePick(p);
}

export function scanJson(text: string, pick: Compiled): unknown {
  const scanner = new Scanner(text);
  scanner.ws();
  const value = scanner.value(pick);
  scanner.ws();
  if (scanner.pos !== text.length) throw new ScanError(`unexpected text at ${scanner.pos}`);
  return value;
}

class Scanner {
  pos = 0;
  private depth = 0;
  constructor(private readonly text: string) {}

  ws(): void {
    const t = this.text;
    let c = t.charCodeAt(this.pos);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = t.charCodeAt(++this.pos);
  }

  value(pick: Sub): unknown {
    const t = this.text;
    const start = this.pos;
    const c = t.charCodeAt(start);
    if (pick !== true && pick !== 'lazy' && 'memo' in pick) return this.memo(pick, c);
    if (pick === 'lazy') {
      this.skip();
      return new LazyJson(t.slice(start, this.pos));
    }
    if (c === QUOTE) {
      this.string();
      // Strings without escapes are the common case: no parse needed. Only picked strings are looked
      // at for a backslash, a few hundred characters of a statement's 1.4 KB.
      const inner = t.slice(start + 1, this.pos - 1);
      return inner.indexOf('\\') < 0 ? inner : (JSON.parse(t.slice(start, this.pos)) as unknown);
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      // Values are built by recursion: past this depth (no statement needs it) JSON.parse, which does
      // not recurse, reads the statement instead of the stack overflowing.
      if (++this.depth > MAX_BUILD_DEPTH) throw new ScanError('nested too deeply to scan');
      const built = c === OPEN_BRACKET ? this.array(pick) : pick === true ? this.object(ALL) : this.object(pick);
      this.depth--;
      return built;
    }
    this.skip();
    const literal = t.slice(start, this.pos);
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
        // A slice compared with === is a native compare; String#startsWith with a position measured
        // several times slower here.
        if (t.slice(start, start + r.text.length) === r.text) {
          this.pos += r.text.length;
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
      recent.unshift({ text: ownString(t.slice(start, this.pos)), value });
      if (recent.length > pick.memo.size) recent.pop();
    }
    return value;
  }

  /** A definition: the same text as last time for this activity id is taken without scanning. */
  lazy(pick: Compiled, id: unknown): LazyJson {
    const t = this.text;
    const start = this.pos;
    if (typeof id === 'string') {
      const known = pick.lazyById.get(id);
      if (known && t.slice(start, start + known.text.length) === known.text) {
        this.pos += known.text.length;
        return known;
      }
    }
    this.skip();
    const text = t.slice(start, this.pos);
    if (typeof id !== 'string') return new LazyJson(text);
    if (pick.lazyById.size >= MAX_LAZY_IDS) pick.lazyById.clear();
    const kept = new LazyJson(ownString(text));
    pick.lazyById.set(ownString(id), kept);
    return kept;
  }

  object(pick: Compiled): Record<string, unknown> {
    const t = this.text;
    const out: Record<string, unknown> = {};
    this.pos++;
    this.ws();
    if (t.charCodeAt(this.pos) === CLOSE_BRACE) {
      this.pos++;
      return out;
    }
    let next = 0;
    for (;;) {
      if (t.charCodeAt(this.pos) !== QUOTE) throw new ScanError(`expected a key at ${this.pos}`);
      const keyStart = this.pos + 1;
      this.string();
      const keyEnd = this.pos - 1;
      let found = -1;
      if (pick === ALL) found = -2;
      else {
        // Keys come in the same order statement after statement: the search starts after the last key found.
        const keys = pick.keys;
        const length = keyEnd - keyStart;
        for (let n = 0, k = next; n < keys.length; n++, k = k + 1 === keys.length ? 0 : k + 1) {
          const key = keys[k] as string;
          if (key.length !== length) continue;
          let i = 0;
          while (i < length && key.charCodeAt(i) === t.charCodeAt(keyStart + i)) i++;
          if (i === length) {
            found = k;
            next = k + 1 === keys.length ? 0 : k + 1;
            break;
          }
        }
      }
      // A key the pick table matched has no backslash (no pick key has one); any other key might be a
      // picked one written with escapes (`"\u0069d"`), which JSON.parse must read.
      if (found < 0) for (let i = keyStart; i < keyEnd; i++) if (t.charCodeAt(i) === BACKSLASH) throw new ScanError('escaped key');
      this.ws();
      if (t.charCodeAt(this.pos) !== COLON) throw new ScanError(`expected ':' at ${this.pos}`);
      this.pos++;
      this.ws();
      if (found === -1) this.skip();
      else if (found === -2) Object.defineProperty(out, t.slice(keyStart, keyEnd), { value: this.value(true), enumerable: true, writable: true, configurable: true });
      else {
        const sub = pick.subs[found] as Sub;
        out[pick.keys[found] as string] = sub === 'lazy' ? this.lazy(pick, out.id) : this.value(sub);
      }
      this.ws();
      const c = t.charCodeAt(this.pos++);
      if (c === CLOSE_BRACE) return out;
      if (c !== COMMA) throw new ScanError(`expected ',' or '}' at ${this.pos - 1}`);
      this.ws();
    }
  }

  array(pick: Compiled | true | CompiledMemo): unknown[] {
    const out: unknown[] = [];
    this.pos++;
    this.ws();
    if (this.text.charCodeAt(this.pos) === CLOSE_BRACKET) {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value(pick));
      this.ws();
      const c = this.text.charCodeAt(this.pos++);
      if (c === CLOSE_BRACKET) return out;
      if (c !== COMMA) throw new ScanError(`expected ',' or ']' at ${this.pos - 1}`);
      this.ws();
    }
  }

  /** Moves past one string, `pos` on its opening quote. */
  string(): void {
    const t = this.text;
    let i = this.pos + 1;
    for (;;) {
      const q = t.indexOf('"', i);
      if (q < 0) throw new ScanError('unterminated string');
      let backslashes = 0;
      while (t.charCodeAt(q - 1 - backslashes) === BACKSLASH) backslashes++;
      i = q + 1;
      if (backslashes % 2 === 0) break;
    }
    this.pos = i;
  }

  /** Moves past one value of any kind without building it. */
  skip(): void {
    const t = this.text;
    let depth = 0;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (c === QUOTE) this.string();
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        depth++;
        this.pos++;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (depth === 0) throw new ScanError(`unexpected '${String.fromCharCode(c)}' at ${this.pos}`);
        depth--;
        this.pos++;
      } else if (c === COMMA || c === COLON) {
        if (depth === 0) throw new ScanError(`unexpected '${String.fromCharCode(c)}' at ${this.pos}`);
        this.pos++;
      } else if (Number.isNaN(c)) {
        throw new ScanError('unexpected end of text');
      } else {
        // A literal, a number or white space: up to the next structural character.
        this.pos++;
        while (this.pos < t.length) {
          const d = t.charCodeAt(this.pos);
          if (d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || d === COLON || d === QUOTE || d === OPEN_BRACE || d === OPEN_BRACKET) break;
          this.pos++;
        }
        if (depth === 0) {
          // Trim trailing white space so the caller's span is the literal alone.
          while (this.pos > 0 && isSpace(t.charCodeAt(this.pos - 1))) this.pos--;
          return;
        }
        continue;
      }
      if (depth === 0) return;
    }
  }
}

/** `true` on an object: every key, built whole. */
const ALL: Compiled = { keys: [], subs: [], lazyById: new Map() };

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}
