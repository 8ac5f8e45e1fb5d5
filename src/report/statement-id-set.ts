/**
 * The set of statement ids seen (rule 8, duplicates) and voided (rule 2). A million ids in a JS
 * `Set<string>` cost ~100 MB and a string hash per lookup; a UUID (Data §2.4.1: what conformant
 * LRSs and coursepack's player send) is 128 random bits, so it goes into an open-addressing table of
 * four 32-bit words a slot instead (16 bytes an id, no allocation, no string). Any other id falls
 * back to a `Set<string>` of own copies. Case does not matter in a UUID: `A…` and `a…` are one id.
 */
import { ownString } from './own-string.js';

const EMPTY_TABLE_SLOTS = 1 << 16;

/** A set as plain data, to hand to or from a worker thread (aggregate-in-threads.ts): the arrays transfer without a copy. */
export interface StatementIdSetData {
  readonly table: Uint32Array<ArrayBuffer>;
  readonly used: Uint8Array<ArrayBuffer>;
  readonly count: number;
  readonly others: readonly string[];
}

export class StatementIdSet {
  private table = new Uint32Array(EMPTY_TABLE_SLOTS * 4);
  private used = new Uint8Array(EMPTY_TABLE_SLOTS);
  private count = 0;
  private readonly others = new Set<string>();
  private readonly words = new Uint32Array(4);
  /**
   * 32 bits of the id last given to `add`, for tie-breaks between statements with the same timestamp
   * (rule 3): a number to compare instead of a 36-character string to keep.
   */
  lastTie = 0;

  /** The set as plain data; this set must not be used afterwards (its arrays may be transferred). */
  toData(): StatementIdSetData {
    return { table: this.table, used: this.used, count: this.count, others: [...this.others] };
  }

  static fromData(data: StatementIdSetData): StatementIdSet {
    const set = new StatementIdSet();
    set.table = data.table;
    set.used = data.used;
    set.count = data.count;
    for (const id of data.others) set.others.add(id);
    return set;
  }

  /** Whether any id is in both sets. */
  overlaps(other: StatementIdSet): boolean {
    const [small, large] = other.size < this.size ? [other, this] : [this, other];
    if (small.size === 0) return false;
    for (const id of small.others) if (large.others.has(id)) return true;
    return small.someSlot((words) => {
      large.words.set(words);
      return large.find() >= 0;
    });
  }

  /** Adds every id of the other set. */
  addAll(other: StatementIdSet): void {
    for (const id of other.others) this.others.add(id);
    other.someSlot((words) => {
      this.words.set(words);
      if (this.find() < 0) {
        if ((this.count + 1) * 2 > this.used.length) this.grow();
        this.insert(words);
      }
      return false;
    });
  }

  /** Calls `test` with each UUID's words until it returns true. */
  private someSlot(test: (words: Uint32Array) => boolean): boolean {
    for (let slot = 0; slot < this.used.length; slot++) if (this.used[slot] && test(this.table.subarray(slot * 4, slot * 4 + 4))) return true;
    return false;
  }

  get size(): number {
    return this.count + this.others.size;
  }

  has(id: string): boolean {
    if (this.size === 0) return false;
    if (!this.pack(id)) return this.others.has(id.toLowerCase());
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
    this.lastTie = this.words[0] ?? 0;
    if (this.find() >= 0) return false;
    if ((this.count + 1) * 2 > this.used.length) this.grow();
    this.insert(this.words);
    return true;
  }

  /** The id's 128 bits into `words`; false when it is not a UUID. */
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
    const w = this.words;
    w[0] = w0;
    w[1] = w1;
    w[2] = w2;
    w[3] = w3;
    return true;
  }

  /** The slot holding `words`, or -1. */
  private find(): number {
    const w = this.words;
    const mask = this.used.length - 1;
    // The bits are random (UUID v4; v1 time bits still vary in the low words): mix two words.
    let slot = ((w[3] ?? 0) ^ (w[1] ?? 0)) & mask;
    for (;;) {
      if (!this.used[slot]) return -1;
      const o = slot * 4;
      const t = this.table;
      if (t[o] === w[0] && t[o + 1] === w[1] && t[o + 2] === w[2] && t[o + 3] === w[3]) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private insert(words: Uint32Array): void {
    const mask = this.used.length - 1;
    let slot = ((words[3] ?? 0) ^ (words[1] ?? 0)) & mask;
    while (this.used[slot]) slot = (slot + 1) & mask;
    this.used[slot] = 1;
    this.table.set(words, slot * 4);
    this.count++;
  }

  private grow(): void {
    const oldTable = this.table;
    const oldUsed = this.used;
    this.table = new Uint32Array(oldTable.length * 2);
    this.used = new Uint8Array(oldUsed.length * 2);
    this.count = 0;
    for (let slot = 0; slot < oldUsed.length; slot++) if (oldUsed[slot]) this.insert(oldTable.subarray(slot * 4, slot * 4 + 4));
  }
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}
