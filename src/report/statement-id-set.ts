/**
 * The set of statement ids seen (rule 8, duplicates) and voided (rule 2). A million ids in a JS
 * `Set<string>` cost ~100 MB and a string hash per lookup; a UUID (Data §2.4.1: what conformant
 * LRSs and coursepack's player send) is 128 random bits, so it goes into an open-addressing table of
 * four 32-bit words a slot instead (16 bytes an id, no allocation, no string). Any other id falls
 * back to a `Set<string>` of own copies. Case does not matter in a UUID: `A…` and `a…` are one id.
 */
import { ownString } from './own-string.js';

const EMPTY_TABLE_SLOTS = 1 << 16;

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
  private table = new Uint32Array(EMPTY_TABLE_SLOTS * 4);
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
    if (this.find() >= 0) return false;
    this.insertWords();
    return true;
  }

  /** The id's 128 bits into the words; false when it is not a UUID. */
  private pack(id: string): boolean {
    if (id.length !== 36) return false;
    let w0 = 0;
    let w1 = 0;
    let w2 = 0;
    let w3 = 0;
    let nibble = 0;
    for (let i = 0; i < 36; i++) {
      const c = id.charCodeAt(i);
      if (i === 8 || i === 13 || i === 18 || i === 23) {
        if (c !== 45) return false;
        continue;
      }
      const v = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
      if (v < 0) return false;
      if (nibble < 8) w0 = ((w0 << 4) | v) >>> 0;
      else if (nibble < 16) w1 = ((w1 << 4) | v) >>> 0;
      else if (nibble < 24) w2 = ((w2 << 4) | v) >>> 0;
      else w3 = ((w3 << 4) | v) >>> 0;
      nibble++;
    }
    this.setWords(w0, w1, w2, w3);
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
      if (a === this.w0 && b === this.w1 && c === this.w2 && d === this.w3) return o;
      if ((a | b | c | d) === 0) return -1;
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

function isEmpty(t: Uint32Array, o: number): boolean {
  return ((t[o] ?? 0) | (t[o + 1] ?? 0) | (t[o + 2] ?? 0) | (t[o + 3] ?? 0)) === 0;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}
