/**
 * The flat form an aggregate crosses from a worker thread in (src/report/pack-aggregate.ts): unpacked, it is
 * the aggregate it was made from, field for field and in map order; each distinct string is written once.
 * (aggregate-in-threads.test.ts runs it end to end through the real worker threads.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAggregator, readStatementText, type Aggregate } from '../../src/report/index.js';
import { packAggregate, unpackAggregate } from '../../src/report/pack-aggregate.js';
import { COURSE, MODULE_A, PAGE_A1, PAGE_A2, QUESTION_TYPED, REG_1, statement } from './make-statements.js';
import { scenarioStatements } from './scenarios.js';

function fold(statements: readonly Record<string, unknown>[]): Aggregate {
  const aggregator = createAggregator({ courseIri: COURSE, keepReflections: true });
  for (const s of statements) aggregator.add(readStatementText(JSON.stringify(s)));
  return aggregator.result();
}

function roundTrip(aggregate: Aggregate): Aggregate {
  const packed = packAggregate(aggregate);
  // What postMessage does to it (the numbers' buffer is transferred, the rest cloned).
  return unpackAggregate(structuredClone(packed, { transfer: [packed.numbers.buffer] }));
}

function expectSame(back: Aggregate, aggregate: Aggregate): void {
  expect(back).toStrictEqual(aggregate);
  // Map and set order too: the report lists learners, registrations and questions in the order first met.
  expect([...back.learners.keys()]).toEqual([...aggregate.learners.keys()]);
  for (const [key, learner] of aggregate.learners) {
    const other = back.learners.get(key);
    expect([...(other?.registrations.keys() ?? [])]).toEqual([...learner.registrations.keys()]);
    expect([...(other?.modulesStarted ?? [])]).toEqual([...learner.modulesStarted]);
  }
  expect([...back.questions.keys()]).toEqual([...aggregate.questions.keys()]);
  for (const [id, q] of aggregate.questions) {
    expect([...(back.questions.get(id)?.responses.keys() ?? [])]).toEqual([...q.responses.keys()]);
    expect([...(back.questions.get(id)?.learners ?? [])]).toEqual([...q.learners]);
  }
}

describe('packing an aggregate for the trip from a worker thread', () => {
  it('gives back the aggregate of the report scenarios: a retake, suspend and resume, a voided pass, several registrations, duplicates', () => {
    const { statements, duplicate, voidingStatement } = scenarioStatements();
    const aggregate = fold([...statements, duplicate, voidingStatement]);
    expect(aggregate.learners.size).toBeGreaterThan(2);
    // Null and present values of every kind occur: a learner without a pass, one without a name, closes without a duration.
    const registrations = [...aggregate.learners.values()].flatMap((l) => [...l.registrations.values()]);
    expect(registrations.some((r) => r.passedAt === null) && registrations.some((r) => r.passedAt !== null)).toBe(true);
    expectSame(roundTrip(aggregate), aggregate);
  });

  it('gives back any part of them, however cut (fast-check)', () => {
    const { statements, duplicate } = scenarioStatements();
    const all = [...statements, duplicate];
    fc.assert(
      fc.property(fc.subarray(all), (part) => {
        const aggregate = fold(part);
        expectSame(roundTrip(aggregate), aggregate);
      }),
      { numRuns: 60, seed: 3 },
    );
  });

  it('keeps a question\'s responses past the ones counted by name, their parts and first spellings', () => {
    const made = Array.from({ length: 230 }, (_, n) => statement({
      verb: 'answered', who: `p${n}`, at: n, object: QUESTION_TYPED, parent: PAGE_A2,
      result: { response: n < 200 ? `wrong ${n}` : ['Stra\u00dfe', 'STRASSE', '=HYPERLINK(x)', '=hyperlink(x).'][n % 4] ?? '', success: false },
    }));
    const aggregate = fold(made);
    const q = aggregate.questions.get(QUESTION_TYPED);
    expect(q?.otherParts.size).toBeGreaterThan(0);
    expect(q?.spellings.size).toBeGreaterThan(0);
    expectSame(roundTrip(aggregate), aggregate);
  });

  it('writes each distinct string once: a module, a page and a learner named in many places', () => {
    const made = Array.from({ length: 50 }, (_, n) => statement({ verb: 'experienced', who: `p${n % 5}`, registration: REG_1, at: n, object: PAGE_A1, parent: MODULE_A }));
    const packed = packAggregate(fold(made));
    expect(new Set(packed.strings).size).toBe(packed.strings.length);
    expect(packed.strings.filter((s) => s === MODULE_A)).toHaveLength(1);
    expect(packed.strings.filter((s) => s === PAGE_A1)).toHaveLength(1);
  });

  it('refuses numbers cut short or running past the end, or an index past the strings', () => {
    const packed = packAggregate(fold(scenarioStatements().statements));
    expect(() => unpackAggregate({ ...packed, numbers: packed.numbers.slice(0, -1) })).toThrow(/ended early|string/);
    expect(() => unpackAggregate({ ...packed, numbers: Float64Array.of(...packed.numbers, 0) })).toThrow(/past its end/);
    expect(() => unpackAggregate({ ...packed, strings: [] })).toThrow(/names string 0 of 0/);
  });
});
