/**
 * The selective reader (scan-json.ts) must give the facts `JSON.parse` gives, for every way an LRS
 * may write a statement: other key orders, white space, escapes, single objects for
 * contextActivities, unicode; and malformed statements must be one clear error.
 */
import { describe, expect, it } from 'vitest';
import { readStatement, readStatementText, StatementError } from '../../src/report/index.js';
import { definitionOf } from '../../src/report/read-statement.js';
import { compilePick, LazyJson, ScanError, scanJson } from '../../src/report/scan-json.js';
import { COURSE, MODULE_A, PAGE_A1, QUESTION_1, score, statement } from './make-statements.js';

/** Facts with lazily kept definitions resolved, so the two readers compare equal. */
function resolved(facts: ReturnType<typeof readStatement>): unknown {
  return {
    ...facts,
    objectDefinition: definitionOf(facts.objectDefinition),
    parents: facts.parents.map((p) => ({ id: p.id, definition: definitionOf(p.definition) })),
  };
}

const base = statement({ verb: 'answered', at: 3, object: QUESTION_1, parent: PAGE_A1, result: { ...score(1), response: 'a[,]c', duration: 'PT5S' }, name: 'Zoë "Z" O\'Brien' });

const TEXTS: Array<[string, string]> = [
  ['compact', JSON.stringify(base)],
  ['pretty-printed', JSON.stringify(base, null, 2)],
  ['keys in reverse order', JSON.stringify(Object.fromEntries(Object.entries(base).reverse()))],
  ['white space around colons and commas', JSON.stringify(base).replace(/":/g, '" : ').replace(/,"/g, ' ,\t"')],
  ['escaped slashes (PHP LRSs)', JSON.stringify(base).replace(/\//g, '\\/')],
  ['unicode escapes in values', JSON.stringify(base).replace('Zo\u00eb', 'Zo\\u00eb')],
  ['a key written with an escape (falls back to JSON.parse)', JSON.stringify(base).replace('"registration"', '"regis\\u0074ration"')],
  ['contextActivities as single objects', JSON.stringify({ ...base, context: { registration: 'R', contextActivities: { parent: { id: MODULE_A }, grouping: { id: COURSE } } } })],
  ['extra unknown keys and nested arrays', JSON.stringify({ ...base, attachments: [{ a: [1, 2, { b: '}' }] }], extra: null })],
  ['numbers in exponent form', JSON.stringify(base).replace('"scaled":1', '"scaled":1.0e0')],
];

describe('reading a statement', () => {
  it.each(TEXTS)('the selective reader agrees with JSON.parse: %s', (_name, text) => {
    expect(resolved(readStatementText(text))).toEqual(resolved(readStatement(JSON.parse(text))));
  });

  it('reads a statement inside a Learning Locker database document (a mongoexport of its statements collection)', () => {
    const document = {
      _id: { $oid: '66d4c0e2f1a2b3c4d5e6f708' }, lrs_id: { $oid: '66d4c0e2f1a2b3c4d5e6f700' }, active: true, voided: false,
      timestamp: { $date: '2024-09-01T08:03:00.000Z' }, stored: { $date: '2024-09-01T08:03:01.000Z' }, statement: base,
    };
    expect(resolved(readStatementText(JSON.stringify(document)))).toEqual(resolved(readStatement(base)));
  });

  it('reads the facts the rules need', () => {
    const f = readStatementText(JSON.stringify(base));
    expect(f).toMatchObject({
      actorKey: 'https://lms.example.org|ada',
      accountName: 'ada',
      actorName: 'Zoë "Z" O\'Brien',
      verb: 'http://adlnet.gov/expapi/verbs/answered',
      objectId: QUESTION_1,
      registration: '11111111-1111-4111-8111-111111111111',
      revision: '1.0.0',
      result: { success: true, scaled: 1, response: 'a[,]c', durationSeconds: 5, progress: null },
    });
    expect(f.contextIds).toContain(COURSE);
    expect(f.objectDefinition).toBeInstanceOf(LazyJson);
  });

  it('takes a score only in the range Data §2.4.5.1 gives it: scaled -1 to 1, raw between min and max (an export held scaled 85 for 85%: 8500%)', () => {
    const scored = (s: Record<string, unknown>) => readStatementText(JSON.stringify({ ...base, result: { score: s } })).result?.scaled;
    expect(scored({ scaled: 0.85 })).toBe(0.85);
    expect(scored({ scaled: -1 })).toBe(-1);
    expect(scored({ scaled: 85 })).toBeNull();
    expect(scored({ scaled: 85, raw: 85, min: 0, max: 100 })).toBe(0.85);
    expect(scored({ raw: 8, min: 0, max: 10 })).toBe(0.8);
    expect(scored({ raw: 85, min: 0, max: 10 })).toBeNull();
  });

  const BAD: Array<[string, string, RegExp]> = [
    ['not JSON', '{"id": "x", ', /not JSON/],
    ['not an object', '[1,2]', /not a JSON object/],
    ['no id', JSON.stringify({ ...base, id: undefined }), /no statement id/],
    ['no actor IFI', JSON.stringify({ ...base, actor: { name: 'Ada' } }), /inverse functional identifier/],
    ['no verb', JSON.stringify({ ...base, verb: {} }), /no verb id/],
    ['no object id', JSON.stringify({ ...base, object: { objectType: 'Activity' } }), /no object id/],
    ['no object id, no objectType (an Activity)', JSON.stringify({ ...base, object: { definition: {} } }), /no object id/],
    ['a StatementRef without the id it refers to', JSON.stringify({ ...base, object: { objectType: 'StatementRef' } }), /no object id/],
    ['no object', JSON.stringify({ ...base, object: undefined }), /no object$/],
    ['bad timestamp', JSON.stringify({ ...base, timestamp: 'yesterday', stored: undefined }), /no valid timestamp/],
  ];
  it.each(BAD)('a malformed statement is a StatementError: %s', (_name, text, message) => {
    expect(() => readStatementText(text)).toThrow(StatementError);
    expect(() => readStatementText(text)).toThrow(message);
  });

  it.each([
    ['basic format', '20240901T080000Z', '2024-09-01T08:00:00.000Z'],
    ['reduced precision', '2024-09-01T08Z', '2024-09-01T08:00:00.000Z'],
    ['no time zone (UTC, not the machine\'s)', '2024-09-01T23:30:00', '2024-09-01T23:30:00.000Z'],
  ])('reads an ISO 8601 timestamp an LRS accepts: %s', (_name, timestamp, iso) => {
    const zone = process.env.TZ;
    // Date.parse would read the zone-less form in this zone, four hours off.
    process.env.TZ = 'America/New_York';
    try {
      expect(readStatementText(JSON.stringify({ ...base, timestamp })).time).toBe(Date.parse(iso));
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  // Valid xAPI from another tool in the district's LRS (Data §2.4.4.2-3): one stopped the whole report.
  it.each([
    ['an Agent ("Ann mentored Ben")', { objectType: 'Agent', mbox: 'mailto:ben@example.org' }],
    ['a Group', { objectType: 'Group', name: 'Team', member: [{ objectType: 'Agent', mbox: 'mailto:ben@example.org' }] }],
    ['a SubStatement (a planned action)', { objectType: 'SubStatement', actor: { mbox: 'mailto:ben@example.org' }, verb: { id: 'http://adlnet.gov/expapi/verbs/attempted' }, object: { id: COURSE } }],
  ])('an object with no id: %s, about no activity, in scope only by its context', (_name, object) => {
    const f = readStatementText(JSON.stringify({ ...base, object }));
    expect(f.objectId).toBe('');
    expect(f.contextIds).toContain(COURSE);
    expect(readStatementText(JSON.stringify({ ...base, object, context: undefined })).contextIds).toEqual([]);
  });

  it('uses stored when timestamp is missing', () => {
    const f = readStatementText(JSON.stringify({ ...base, timestamp: undefined }));
    expect(f.time).toBe(Date.parse(base.stored as string));
  });

  it('the scanner rejects what is not JSON instead of guessing', () => {
    const pick = compilePick({ a: true });
    for (const text of ['{"a":1', '{"a" 1}', '{"a":1}}', '{"a":"x}', '{"a":[1,}', '{a:1}']) {
      expect(() => scanJson(text, pick), text).toThrow(ScanError);
    }
    expect(scanJson(' {"b":{"c":[1,"]"]},"a":[true,null,-2.5e1]} ', pick)).toEqual({ a: [true, null, -25] });
  });

  it('a value nested 100,000 deep is read as JSON.parse reads it, not a stack overflow (an internal error before)', () => {
    const text = JSON.stringify({ ...base, result: { response: 'x' } }).replace('"response":"x"', `"response":${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    const facts = readStatementText(text);
    expect(facts.result?.response).toBeUndefined();
    expect(resolved(facts)).toEqual(resolved(readStatement(JSON.parse(text))));
  });

  it('the scanner does not let a "__proto__" key change a prototype', () => {
    const out = scanJson('{"a":{"__proto__":{"polluted":1}}}', compilePick({ a: true })) as { a: object };
    expect(Object.getPrototypeOf(out.a)).toBe(Object.prototype);
    expect(Object.keys(out.a)).toEqual(['__proto__']);
  });
});
