/**
 * The id set behind rules 2 and 8, and the fast timestamp reader behind rule 3: both must answer
 * exactly what a plain Set and Date.parse answer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoTimestamp } from '../../src/shared/iso-timestamp.js';
import { parseTimestamp } from '../../src/report/read-statement.js';
import { StatementIdSet } from '../../src/report/statement-id-set.js';

const uuid = (n: number): string => {
  const hex = n.toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
};

describe('StatementIdSet', () => {
  it('agrees with a Set over 200,000 UUIDs (the table grows several times) and other ids', () => {
    const ids = new StatementIdSet();
    const plain = new Set<string>();
    let disagreements = 0;
    for (let i = 0; i < 200_000; i++) {
      const id = i % 7 === 0 ? `not-a-uuid-${i % 1000}` : uuid((i * 2654435761) % 150_000);
      if (ids.add(id) === plain.has(id)) disagreements++;
      plain.add(id);
    }
    expect(disagreements).toBe(0);
    expect(ids.size).toBe(plain.size);
    expect(ids.has(uuid(3 * 2654435761 % 150_000))).toBe(true);
    expect(ids.has(uuid(999_999_999))).toBe(false);
  });

  it('a 36-character id with any one character that is not a hex digit is not read as a UUID', () => {
    const base = 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d';
    for (let i = 0; i < 36; i++) {
      if (base[i] === '-') continue;
      for (const odd of ['g', 'G', '/', ':', '@', '`', 'ÿ', 'Ā', '０']) {
        const ids = new StatementIdSet();
        const plain = new Set<string>();
        const id = base.slice(0, i) + odd + base.slice(i + 1);
        for (const x of [base, id, id.toUpperCase()]) expect(ids.add(x), `${x}`).toBe(!plain.has(x.toLowerCase()) && !!plain.add(x.toLowerCase()));
        expect(ids.size).toBe(plain.size);
      }
    }
    const ids = new StatementIdSet();
    ids.add(base);
    // A dash moved is another id, and not a UUID.
    expect(ids.add(`${base.slice(0, 8)}${base.slice(9, 10)}-${base.slice(10)}`)).toBe(true);
  });

  it('a table sized for many ids from the start, or started at 16 slots, answers as one that grew', () => {
    const presized = new StatementIdSet(1_000_000);
    const grown = new StatementIdSet();
    const small = new StatementIdSet(0, 16);
    // Every answer compared, the disagreements listed: 100,000 expect() calls were nine tenths of the test's time,
    // ~1 s alone, and past the 5 s default on busy shared cores (it timed out there).
    const disagreements: string[] = [];
    for (let i = 0; i < 50_000; i++) {
      const added = grown.add(uuid(i % 40_000));
      if (presized.add(uuid(i % 40_000)) !== added) disagreements.push(`presized at ${i}`);
      if (small.add(uuid(i % 40_000)) !== added) disagreements.push(`small at ${i}`);
    }
    expect(disagreements).toEqual([]);
    for (const set of [presized, grown, small]) expect(set.size).toBe(40_000);
    expect(small.has(uuid(39_999)) && !small.has(uuid(40_000))).toBe(true);
  });

  it('a UUID in capitals is the same id', () => {
    const ids = new StatementIdSet();
    ids.add('a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d');
    expect(ids.has('A0B1C2D3-E4F5-4A6B-8C7D-9E0F1A2B3C4D')).toBe(true);
    expect(ids.add('A0B1C2D3-E4F5-4A6B-8C7D-9E0F1A2B3C4D')).toBe(false);
  });
});

describe('StatementIdSet between threads', () => {
  const ZERO = '00000000-0000-0000-0000-000000000000';

  it('keeps the all-zero UUID (an empty slot looks like it) apart, once', () => {
    const ids = new StatementIdSet();
    expect(ids.has(ZERO)).toBe(false);
    expect(ids.add(ZERO)).toBe(true);
    expect(ids.add(ZERO.toUpperCase())).toBe(false);
    expect(ids.has(ZERO)).toBe(true);
    expect(ids.size).toBe(1);
    for (let i = 1; i < 100_000; i++) ids.add(uuid(i));
    expect(ids.size).toBe(100_000);
    expect(ids.has(ZERO)).toBe(true);
  });

  it('overlaps, anyIn, addAll and the data round trip agree with plain Sets (fast-check)', () => {
    const id = fc.oneof(fc.integer({ min: 0, max: 400 }).map(uuid), fc.constantFrom(ZERO, 'urn:x:1', 'urn:x:2'));
    fc.assert(
      fc.property(fc.array(id, { maxLength: 300 }), fc.array(id, { maxLength: 300 }), fc.array(id, { maxLength: 40 }), (a, b, c) => {
        const setA = new StatementIdSet();
        const setB = new StatementIdSet();
        // A small set: the voided ids of a part (aggregate-statements.ts).
        const setC = new StatementIdSet(0, 16);
        for (const x of a) setA.add(x);
        for (const x of b) setB.add(x);
        for (const x of c) setC.add(x);
        const plainA = new Set(a);
        const plainB = new Set(b);
        expect(setA.overlaps(setB)).toBe([...plainA].some((x) => plainB.has(x)));
        expect(setC.anyIn(setA, setB)).toBe(c.some((x) => plainA.has(x) && !plainB.has(x)));
        expect(setA.anyIn(setC, new StatementIdSet())).toBe(a.some((x) => c.includes(x)));
        const union = StatementIdSet.fromData(setA.toData());
        union.addAll(setB);
        const plainUnion = new Set([...plainA, ...plainB]);
        expect(union.size).toBe(plainUnion.size);
        for (const x of plainUnion) expect(union.has(x)).toBe(true);
        expect(union.has(uuid(401))).toBe(false);
      }),
      { numRuns: 200, seed: 3 },
    );
  });
});

describe('parseTimestamp', () => {
  it.each([
    '2026-09-01T08:06:00.000Z',
    '2026-09-01T08:06:00.123Z',
    '2024-02-29T23:59:59.999Z',
    '2026-02-30T00:00:00.000Z',
    '2026-09-01T08:06:00+00:00',
    '2026-09-01T10:06:00.5+02:00',
    '2026-09-01T08:06:00Z',
    '2026-13-01T00:00:00.000Z',
    '2026-09-01T24:00:00.000Z',
    '2026-09-01T08:06:00.000z',
    'yesterday',
  ])('%s reads as parseIsoTimestamp reads it (the fast path changes no answer)', (text) => {
    expect(parseTimestamp(text)).toEqual(parseIsoTimestamp(text));
  });

  it('reads any run of canonical timestamps as parseIsoTimestamp does, the kept hour included (fast-check)', () => {
    const canonical = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.integer({ min: 0, max: 61 }), fc.integer({ min: 0, max: 999 }))
      .map(([y, mo, d, h, mi, s, ms]) => `${String(y).padStart(4, '0')}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}.${String(ms).padStart(3, '0')}Z`);
    fc.assert(
      fc.property(fc.array(canonical, { minLength: 1, maxLength: 20 }), fc.integer({ min: 0, max: 19 }), (texts, repeat) => {
        // Runs of one hour with different minutes, as statements come.
        const base = texts[repeat % texts.length] as string;
        const run = [...texts, ...texts.map((t) => `${base.slice(0, 14)}${t.slice(14)}`)];
        for (const text of run) expect(parseTimestamp(text)).toEqual(parseIsoTimestamp(text));
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

const pad = (n: number): string => String(n).padStart(2, '0');
