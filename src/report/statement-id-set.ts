/**
 * The set of statement ids seen (rule 8, duplicates) and voided (rule 2). A million ids in a JS
 * `Set<string>` cost ~100 MB and a string hash per lookup; a UUID (Data §2.4.1: what conformant
 * LRSs and coursepack's player send) is 128 random bits, so it goes into an open-addressing table of
 * four 32-bit words a slot instead (16 bytes an id, no allocation, no string). Any other id falls
 * back to a `Set<string>` of own copies. Case does not matter in a UUID: `A…` and `a…` are one id.
 */
import { ownString } from './own-string.js';

const EMPTY_TABLE_SLOTS = 1 << 16;
/** 64 MB: a larger table is grown to, never guessed. */
const MAX_PRESIZED_SLOTS = 1 << 22;

/** A set as plain data, to hand to or from a worker thread (aggregate-in-threads.ts): the table transfers without a copy. */
export interface StatementIdSetData {
  readonly table: Uint32Array<ArrayBuffer>;
  readonly count: number;
  readonly zero: boolean;
  readonly others: readonly string[];
}

/**
 * A slot whose four words are all zero is empty, so a lookup touches one place in memory: with a
 * million ids the table is 32 MB, and a separate "used" array cost a second cache miss on every
 * statement. The one UUID that is all zeros is kept apart (`zero`).
 */
export class StatementIdSet {
  private table: Uint32Array<ArrayBuffer>;
  private count = 0;
  private zero = false;
  private readonly others = new Set<string>();
  private w0 = 0;
  private w1 = 0;
  private w2 = 0;
  private w3 = 0;
  /**
   * 32 bits of the id last given to `add`, for tie-breaks between statements with the same timestamp
   * (rule 3): a number to compare instead of a 36-character string to keep.
   */
  lastTie = 0;

  /**
   * @param expected ids the set will likely hold: the table starts that large (capped), so a part of
   *   a file is not read into a table copied over at every doubling.
   * @param fewest slots to start with at least (a power of two): a set that usually stays empty or
   *   small (the voided ids of a part) starts small, not at a megabyte.
   */
  constructor(expected = 0, fewest = EMPTY_TABLE_SLOTS) {
    let slots = fewest;
    while (slots < expected * 2 && slots < MAX_PRESIZED_SLOTS) slots *= 2;
    this.table = new Uint32Array(slots * 4);
  }

  /** The set as plain data; this set must not be used afterwards (its table may be transferred). */
  toData(): StatementIdSetData {
    return { table: this.table, count: this.count, zero: this.zero, others: [...this.others] };
  }

  static fromData(data: StatementIdSetData): StatementIdSet {
    const set = new StatementIdSet();
    set.table = data.table;
    set.count = data.count;
    set.zero = data.zero;
    for (const id of data.others) set.others.add(id);
    return set;
  }

  /** Whether any id is in both sets. */
  overlaps(other: StatementIdSet): boolean {
    const [small, large] = other.size < this.size ? [other, this] : [this, other];
    if (small.size === 0) return false;
    if (small.zero && large.zero) return true;
    for (const id of small.others) if (large.others.has(id)) return true;
    const t = small.table;
    for (let o = 0; o < t.length; o += 4) {
      if (isEmpty(t, o)) continue;
      large.setWords(t[o] ?? 0, t[o + 1] ?? 0, t[o + 2] ?? 0, t[o + 3] ?? 0);
      if (large.find() >= 0) return true;
    }
    return false;
  }

  /** Whether some id of this set is in `inside` and not in `outside` (a statement taken in that is voided: aggregate-statements.ts). */
  anyIn(inside: StatementIdSet, outside: StatementIdSet): boolean {
    if (this.size === 0 || inside.size === 0) return false;
    for (const id of this.others) if (inside.others.has(id) && !outside.others.has(id)) return true;
    if (this.zero && inside.zero && !outside.zero) return true;
    const t = this.table;
    for (let o = 0; o < t.length; o += 4) {
      if (isEmpty(t, o)) continue;
      const [w0, w1, w2, w3] = [t[o] ?? 0, t[o + 1] ?? 0, t[o + 2] ?? 0, t[o + 3] ?? 0];
      inside.setWords(w0, w1, w2, w3);
      if (inside.find() < 0) continue;
      outside.setWords(w0, w1, w2, w3);
      if (outside.size === 0 || outside.find() < 0) return true;
    }
    return false;
  }

  /** Adds every id of the other set. */
  addAll(other: StatementIdSet): void {
    for (const id of other.others) this.others.add(id);
    if (other.zero && !this.zero) {
      this.zero = true;
      this.count++;
    }
    const t = other.table;
    for (let o = 0; o < t.length; o += 4) {
      if (isEmpty(t, o)) continue;
      this.setWords(t[o] ?? 0, t[o + 1] ?? 0, t[o + 2] ?? 0, t[o + 3] ?? 0);
      if (this.find() < 0) this.insertWords();
    }
  }

  get size(): number {
    return this.count + this.others.size;
  }

  has(id: string): boolean {
    if (this.size === 0) return false;
    if (!this.pack(id)) return this.others.has(id.toLowerCase());
    if (this.isZero()) return this.zero;
    return this.find() >= 0;
  }

  /** Adds the id; false when it was already there. */
  add(id: string): boolean {
    if (!this.pack(id)) {
      const key = id.toLowerCase();
      this.lastTie = fnv1a(key);
      if (this.others.has(key)) return false;
      this.others.add(ownString(key));
      return true;
    }
    this.lastTie = this.w0;
    if (this.isZero()) {
      if (this.zero) return false;
      this.zero = true;
      this.count++;
      return true;
    }
    if ((this.count + 1) * 2 > this.table.length / 4) this.grow();
    // One probe finds the id or the empty slot it goes in (a lookup, then an insert, probed twice).
    const o = this.probe();
    const t = this.table;
    if (t[o] === this.w0 && t[o + 1] === this.w1 && t[o + 2] === this.w2 && t[o + 3] === this.w3) return false;
    t[o] = this.w0;
    t[o + 1] = this.w1;
    t[o + 2] = this.w2;
    t[o + 3] = this.w3;
    this.count++;
    return true;
  }

  /** The id's 128 bits into the words; false when it is not a UUID. */
  private pack(id: string): boolean {
    if (id.length !== 36 || id.charCodeAt(8) !== 45 || id.charCodeAt(13) !== 45 || id.charCodeAt(18) !== 45 || id.charCodeAt(23) !== 45) return false;
    // Four hex digits at a time from a lookup table (a non-hex character reads as -1, which makes
    // the whole group negative): a branch per character cost a twentieth of a report's reading.
    const a = hex4(id, 0);
    const b = hex4(id, 4);
    const c = hex4(id, 9);
    const d = hex4(id, 14);
    const e = hex4(id, 19);
    const f = hex4(id, 24);
    const g = hex4(id, 28);
    const h = hex4(id, 32);
    if ((a | b | c | d | e | f | g | h) < 0) return false;
    this.setWords(((a << 16) | b) >>> 0, ((c << 16) | d) >>> 0, ((e << 16) | f) >>> 0, ((g << 16) | h) >>> 0);
    return true;
  }

  private setWords(w0: number, w1: number, w2: number, w3: number): void {
    this.w0 = w0;
    this.w1 = w1;
    this.w2 = w2;
    this.w3 = w3;
  }

  private isZero(): boolean {
    return (this.w0 | this.w1 | this.w2 | this.w3) === 0;
  }

  /** The slot offset holding the words (never all zero), or -1. */
  private find(): number {
    const o = this.probe();
    const t = this.table;
    return (t[o] ?? 0) === this.w0 && (t[o + 1] ?? 0) === this.w1 && (t[o + 2] ?? 0) === this.w2 && (t[o + 3] ?? 0) === this.w3 ? o : -1;
  }

  /** The offset of the slot holding the words (never all zero), else of the empty slot that ends their probe. */
  private probe(): number {
    const t = this.table;
    const mask = t.length / 4 - 1;
    // The bits are random (UUID v4; v1 time bits still vary in the low words): mix two words.
    let slot = (this.w3 ^ this.w1) & mask;
    for (;;) {
      const o = slot * 4;
      const a = t[o] ?? 0;
      const b = t[o + 1] ?? 0;
      const c = t[o + 2] ?? 0;
      const d = t[o + 3] ?? 0;
      if ((a === this.w0 && b === this.w1 && c === this.w2 && d === this.w3) || (a | b | c | d) === 0) return o;
      slot = (slot + 1) & mask;
    }
  }

  /** Inserts the words (not all zero, not yet in the table). */
  private insertWords(): void {
    if ((this.count + 1) * 2 > this.table.length / 4) this.grow();
    const t = this.table;
    const mask = t.length / 4 - 1;
    let slot = (this.w3 ^ this.w1) & mask;
    while (!isEmpty(t, slot * 4)) slot = (slot + 1) & mask;
    const o = slot * 4;
    t[o] = this.w0;
    t[o + 1] = this.w1;
    t[o + 2] = this.w2;
    t[o + 3] = this.w3;
    this.count++;
  }

  private grow(): void {
    const old = this.table;
    const [w0, w1, w2, w3] = [this.w0, this.w1, this.w2, this.w3];
    this.table = new Uint32Array(old.length * 2);
    this.count = this.zero ? 1 : 0;
    for (let o = 0; o < old.length; o += 4) {
      if (isEmpty(old, o)) continue;
      this.setWords(old[o] ?? 0, old[o + 1] ?? 0, old[o + 2] ?? 0, old[o + 3] ?? 0);
      this.insertWords();
    }
    this.setWords(w0, w1, w2, w3);
  }
}

/** Hex digit values by character code, -1 for every other character. */
const HEX = new Int32Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX[65 + i] = 10 + i;
  HEX[97 + i] = 10 + i;
}

/** Four hex digits from `at`, or a negative number when one is not a hex digit. */
function hex4(id: string, at: number): number {
  const a = id.charCodeAt(at);
  const b = id.charCodeAt(at + 1);
  const c = id.charCodeAt(at + 2);
  const d = id.charCodeAt(at + 3);
  // A code past 127 reads as -1 too (`| 0` of undefined is 0, so it is checked here).
  if ((a | b | c | d) > 127) return -1;
  return ((HEX[a] as number) << 12) | ((HEX[b] as number) << 8) | ((HEX[c] as number) << 4) | (HEX[d] as number);
}

function isEmpty(t: Uint32Array, o: number): boolean {
  return ((t[o] ?? 0) | (t[o + 1] ?? 0) | (t[o + 2] ?? 0) | (t[o + 3] ?? 0)) === 0;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}
