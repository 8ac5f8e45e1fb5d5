/**
 * The selective reader (src/report/scan-json.ts) against JSON.parse: for any JSON text, written with
 * any white space, what it builds is what JSON.parse builds cut down to the pick, and a statement's
 * facts are the same whichever reads it. The reader is tuned for speed (issue 11 point 8); this is
 * what keeps the tuning honest.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readStatement, readStatementText } from '../../src/report/read-statement.js';
import { compilePick, LazyJson, Memo, memo, ScanError, scanJson, type Pick } from '../../src/report/scan-json.js';

/** What the pick should build from a parsed value. */
function picked(value: unknown, pick: Pick): unknown {
  if (pick === true) return value;
  if (pick === 'lazy') return value;
  if (pick instanceof Memo) return picked(value, pick.pick);
  if (Array.isArray(value)) return value.map((v) => picked(v, pick));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of Object.entries(pick as Record<string, Pick>)) {
    if (Object.hasOwn(value, key)) out[key] = picked((value as Record<string, unknown>)[key], sub);
  }
  return out;
}

/** The scanner's answer with kept texts parsed, and keys it left undefined dropped, to compare. */
function plain(value: unknown): unknown {
  if (value instanceof LazyJson) return value.parse();
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) Object.defineProperty(out, key, { value: plain(v), enumerable: true, writable: true, configurable: true });
  return out;
}

/** JSON text of a value with white space (any JSON white space) wherever JSON allows it. */
function spaced(value: unknown, space: () => string): string {
  if (Array.isArray(value)) return `[${space()}${value.map((v) => `${spaced(v, space)}${space()}`).join(`,${space()}`)}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${space()}${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}${space()}:${space()}${spaced(v, space)}${space()}`).join(`,${space()}`)}}`;
  }
  return JSON.stringify(value);
}

const KEYS = ['id', 'a', 'b', 'name', 'definition', 'é', 'a"b', 'a\\b', '\u2028', '__proto__', 'idx', 'i'];
const key = fc.constantFrom(...KEYS);
const leaf = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom('x\\"y', '"', '\\', 'ab\\\\'), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.boolean(), fc.constant(null));
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
}));
// Pick keys are the report's own (never `__proto__`, never a backslash); document keys are anything.
const pickArb: fc.Arbitrary<Record<string, Pick>> = fc.letrec((tie) => ({
  sub: fc.oneof({ depthSize: 'small' }, fc.constant(true as const), fc.constant('lazy' as const), tie('obj'), tie('obj').map((p) => memo(p as Record<string, Pick>, 2))),
  obj: fc.dictionary(fc.constantFrom(...KEYS.filter((k) => !k.includes('\\') && k !== '__proto__')), tie('sub'), { maxKeys: 4 }),
})).obj as fc.Arbitrary<Record<string, Pick>>;
const spaceArb = fc.array(fc.constantFrom('', '', '', ' ', '\n', '\r\n', '\t'), { minLength: 64, maxLength: 64 });

describe('scanJson', () => {
  it('builds what JSON.parse builds, cut down to the pick, for any JSON and white space (fast-check)', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 6 }), pickArb, spaceArb, (doc, pickTree, spaces) => {
        let n = 0;
        const text = spaced(doc, () => spaces[n++ % spaces.length] as string);
        const compiled = compilePick(pickTree);
        let scanned: unknown;
        try {
          // Twice: memos and kept definitions answer the second time from what the first kept.
          scanJson(text, compiled);
          scanned = scanJson(text, compiled);
        } catch (error) {
          // A key written with escapes, or nesting past the limit: the caller reads it with JSON.parse.
          if (error instanceof ScanError) return;
          throw error;
        }
        expect(plain(scanned)).toEqual(picked(JSON.parse(text), pickTree));
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects every text JSON.parse rejects, in a picked value', () => {
    const pick = compilePick({ a: true, b: { c: true } });
    for (const text of ['{"a":1', '{"a" 1}', '{"a":1}}', '{"a":"x}', '{"a":[1,}', '{a:1}', '{"a":tru}', '{"a":1,}', '{"b":{"c":1,}}', '{"a":"\\u12"}', '', ' ', '{"a":1}x', '{"a":-}']) {
      expect(() => JSON.parse(text), text).toThrow();
      expect(() => scanJson(text, pick), text).toThrow();
    }
  });

  it('a statement read by the scanner has the facts JSON.parse gives, whatever the white space and key order (fast-check)', () => {
    const statement = {
      id: 'f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9',
      timestamp: '2026-09-01T08:02:02.989Z',
      stored: '2026-09-01T08:02:03.389Z',
      actor: { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 's1' }, name: 'Ada "A" Lovelace' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } },
      object: { objectType: 'Activity', id: 'https://example.org/course/questions/q1', definition: { type: 'http://adlnet.gov/expapi/activities/cmi.interaction', interactionType: 'choice', choices: [{ id: 'a' }] } },
      result: { response: 'a[,]b', success: false, score: { raw: 1, min: 0, max: 4 }, duration: 'PT1M2.5S', extensions: { 'https://w3id.org/xapi/cmi5/result/extensions/progress': 50 } },
      context: {
        registration: 'AAAAAAAA-b5a6-4978-8695-a4b3c2d1e0f9',
        revision: '1.2.0',
        platform: 'x',
        contextActivities: { parent: [{ id: 'https://example.org/course/p1', definition: { name: { en: 'P' } } }], grouping: { id: 'https://example.org/course' }, category: [{ id: 'c1' }, { id: 'c2' }], other: [{ id: 'o' }] },
      },
      authority: { objectType: 'Group', member: [{ mbox: 'mailto:a@example.org' }, { account: { homePage: 'h', name: 'n' } }] },
      version: '1.0.0',
    };
    const shuffle = (o: unknown, order: number[]): unknown => {
      if (Array.isArray(o)) return o.map((v) => shuffle(v, order));
      if (typeof o !== 'object' || o === null) return o;
      const entries = Object.entries(o);
      const sorted = entries.map((e, i) => ({ e, k: order[i % order.length] ?? 0 })).sort((x, y) => x.k - y.k);
      return Object.fromEntries(sorted.map(({ e: [k, v] }) => [k, shuffle(v, order)]));
    };
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 12 }), spaceArb, (order, spaces) => {
        let n = 0;
        const text = spaced(shuffle(statement, order), () => spaces[n++ % spaces.length] as string);
        const facts = readStatementText(text);
        const reference = readStatement(JSON.parse(text));
        const resolve = (f: typeof facts) => ({ ...f, objectDefinition: plain(f.objectDefinition), parents: f.parents.map((p) => ({ ...p, definition: plain(p.definition) })) });
        expect(resolve(facts)).toEqual(resolve(reference));
        expect(facts.result?.scaled).toBe(0.25);
      }),
      { numRuns: 400 },
    );
  });
});
