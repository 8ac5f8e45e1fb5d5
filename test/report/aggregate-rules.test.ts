/**
 * XAPI.md §12 aggregation rules 1-9, one table row per case. Every case runs three times, with the
 * statements in the given order, reversed and rotated: the fold must not depend on arrival order
 * (rule 3). Statements go through their JSON text, so the selective reader is exercised too.
 */
import { describe, expect, it } from 'vitest';
import { createAggregator, readStatementText, summarizeLearner, type AggregateOptions, type LearnerSummary } from '../../src/report/index.js';
import {
  COURSE,
  HOME,
  MODULE_A,
  PAGE_A1,
  PAGE_A2,
  QUESTION_1,
  REG_1,
  REG_2,
  REG_3,
  at,
  duration,
  nextId,
  progress,
  score,
  statement,
  voiding,
} from './make-statements.js';

type Options = Partial<Omit<AggregateOptions, 'courseIri'>>;

function fold(statements: readonly Record<string, unknown>[], options: Options = {}, voided: string[] = []) {
  const aggregator = createAggregator({ courseIri: COURSE, ...options }, new Set(voided));
  for (const s of statements) aggregator.add(readStatementText(JSON.stringify(s)));
  return aggregator.result();
}

function learnersOf(statements: readonly Record<string, unknown>[], options: Options = {}, voided: string[] = []): Map<string, LearnerSummary> {
  return new Map([...fold(statements, options, voided).learners.values()].map((l) => [l.key, summarizeLearner(l)]));
}

const ADA = `${HOME}|ada`;
const BEN = `${HOME}|ben`;

function orders<T>(list: readonly T[]): T[][] {
  const rotated = list.length > 1 ? [...list.slice(1), list[0] as T] : [...list];
  return [[...list], [...list].reverse(), rotated];
}

interface Case {
  readonly name: string;
  readonly statements: () => Record<string, unknown>[];
  readonly options?: Options;
  /** Ids known to be voided before the fold (an earlier fold of a file found them). */
  readonly voided?: (statements: Record<string, unknown>[]) => string[];
  /** Expected fields of Ada's summary; `null` when Ada must not appear at all. */
  readonly ada: Partial<LearnerSummary> | null;
  readonly learners?: number;
  /** Only in the given order (a fold cannot retract what it has already counted; a file is then folded again). */
  readonly inOrder?: true;
}

/** Minutes from 2026-09-01T08:00Z to 08:00 on 09-08, 15:00 on 09-12 and 10:00 on 09-15. */
const DAY_8 = 7 * 24 * 60;
const DAY_12 = 11 * 24 * 60 + 7 * 60;
const DAY_15 = 14 * 24 * 60 + 2 * 60;

const passedId = '0000000a-0000-4000-8000-00000000000a';

const CASES: Case[] = [
  // Rule 1: scope and identity.
  {
    name: 'rule 1: a statement of another course is out of scope',
    statements: () => [statement({ verb: 'initialized', at: 0, otherCourse: 'https://other.example/courses/x' })],
    ada: null,
    learners: 0,
  },
  {
    name: 'rule 1: the course as object, or only in contextActivities.parent, is in scope',
    statements: () => [
      { ...statement({ verb: 'initialized', at: 0 }), context: { registration: REG_1 } },
      { ...statement({ verb: 'experienced', at: 1, object: PAGE_A1 }), context: { registration: REG_1, contextActivities: { parent: { id: COURSE } } } },
    ],
    ada: { status: 'in-progress', attempts: 1 },
  },
  {
    name: 'rule 1: keyed by account, not by display name (two names, one learner; one name, two learners)',
    statements: () => [
      statement({ verb: 'initialized', at: 0, name: 'Ada L.' }),
      statement({ verb: 'experienced', at: 5, object: PAGE_A1, parent: MODULE_A, name: 'Ada Lovelace' }),
      statement({ verb: 'initialized', at: 1, who: 'ben', name: 'Ada Lovelace', registration: REG_2 }),
    ],
    ada: { name: 'Ada Lovelace', attempts: 1 },
    learners: 2,
  },
  // Rule 2: voiding.
  {
    name: 'rule 2: a voided pass does not count (voided id known before the fold)',
    statements: () => [
      statement({ verb: 'failed', at: 10, result: score(0.5) }),
      statement({ verb: 'passed', at: 20, id: passedId, result: score(0.9) }),
      voiding(passedId, 30),
    ],
    voided: () => [passedId],
    ada: { status: 'failed', success: false, bestScaled: 0.5, latestScaled: 0.5 },
  },
  {
    name: 'rule 2: a voiding statement met before its target retracts it; the admin is no learner',
    statements: () => [voiding(passedId, 30), statement({ verb: 'passed', at: 20, id: passedId, result: score(0.9) })],
    ada: null,
    learners: 0,
    inOrder: true,
  },
  // Rule 3: order by parsed timestamp.
  {
    name: 'rule 3: latest score by timestamp, whatever the arrival order or the offset format',
    statements: () => [
      { ...statement({ verb: 'failed', at: 0, result: score(0.4) }), timestamp: '2026-09-01T10:00:00+02:00' },
      { ...statement({ verb: 'failed', at: 0, result: score(0.6) }), timestamp: '2026-09-01T08:00:00.001Z' },
    ],
    ada: { latestScaled: 0.6, bestScaled: 0.6 },
  },
  // Rule 4: completion is sticky.
  {
    name: 'rule 4: completed stays completed when later statements arrive; completion date is the first',
    statements: () => [
      statement({ verb: 'completed', at: 30, result: { completion: true } }),
      statement({ verb: 'experienced', at: 40, object: PAGE_A2, parent: MODULE_A }),
      statement({ verb: 'completed', at: 50, result: { completion: true } }),
    ],
    ada: { status: 'completed', completed: true, completedAt: Date.parse(at(30)), success: null },
  },
  {
    name: 'rule 4: completion:true on the course counts; a completed module is not the course',
    statements: () => [
      statement({ verb: 'completed', at: 5, object: MODULE_A, result: { completion: true } }),
      statement({ verb: 'terminated', at: 6, result: { completion: true, ...duration('PT6M') } }),
    ],
    ada: { completed: true, completedAt: Date.parse(at(6)) },
  },
  {
    name: 'rule 4: a completed module alone leaves the course in progress',
    statements: () => [statement({ verb: 'completed', at: 5, object: MODULE_A, result: { completion: true } })],
    ada: { completed: false, status: 'in-progress' },
  },
  // Rule 5: passed beats failed; best and latest score.
  {
    name: 'rule 5: failed then passed in one registration is passed',
    statements: () => [statement({ verb: 'failed', at: 10, result: score(0.5) }), statement({ verb: 'passed', at: 20, result: score(0.9) })],
    ada: { status: 'passed', success: true, bestScaled: 0.9, latestScaled: 0.9 },
  },
  {
    name: 'rule 5: passed then a stray failed is still passed; latest score is the failed one',
    statements: () => [statement({ verb: 'passed', at: 10, result: score(0.9) }), statement({ verb: 'failed', at: 20, result: score(0.3) })],
    ada: { status: 'passed', success: true, bestScaled: 0.9, latestScaled: 0.3 },
  },
  {
    name: 'rule 5: neither passed nor failed is success null',
    statements: () => [statement({ verb: 'initialized', at: 0 })],
    ada: { success: null, bestScaled: null, latestScaled: null, status: 'in-progress' },
  },
  {
    name: 'rule 5: a score from raw/min/max when scaled is missing',
    statements: () => [statement({ verb: 'failed', at: 0, result: { score: { raw: 3, min: 0, max: 4 }, success: false } })],
    ada: { bestScaled: 0.75 },
  },
  // Rule 6: across registrations.
  {
    name: 'rule 6: attempts are registrations; a retake failed then passed is passed, best and latest kept',
    statements: () => [
      statement({ verb: 'initialized', at: 0, registration: REG_1 }),
      statement({ verb: 'failed', at: 10, registration: REG_1, result: score(0.5) }),
      statement({ verb: 'initialized', at: 100, registration: REG_2 }),
      statement({ verb: 'passed', at: 110, registration: REG_2, result: score(0.95) }),
      statement({ verb: 'initialized', at: 200, registration: REG_3 }),
      statement({ verb: 'failed', at: 210, registration: REG_3, result: score(0.7) }),
    ],
    ada: { attempts: 3, status: 'passed', success: true, bestScaled: 0.95, latestScaled: 0.7 },
  },
  {
    name: 'rule 6: two failed registrations are failed with two attempts',
    statements: () => [
      statement({ verb: 'failed', at: 10, registration: REG_1, result: score(0.5) }),
      statement({ verb: 'failed', at: 110, registration: REG_2, result: score(0.6) }),
    ],
    ada: { attempts: 2, status: 'failed', success: false, bestScaled: 0.6, latestScaled: 0.6 },
  },
  {
    name: 'rule 6: completed in one registration, a new one in progress: completed',
    statements: () => [
      statement({ verb: 'completed', at: 10, registration: REG_1, result: { completion: true } }),
      statement({ verb: 'initialized', at: 100, registration: REG_2 }),
    ],
    ada: { attempts: 2, completed: true, status: 'completed' },
  },
  // Rule 7: time.
  {
    name: 'rule 7: suspend and resume: the session durations add up; completed/passed durations do not',
    statements: () => [
      statement({ verb: 'initialized', at: 0 }),
      statement({ verb: 'suspended', at: 10, result: duration('PT10M') }),
      statement({ verb: 'resumed', at: 60 }),
      statement({ verb: 'passed', at: 80, result: score(0.9, duration('PT30M')) }),
      statement({ verb: 'completed', at: 80, result: { completion: true, ...duration('PT30M') } }),
      statement({ verb: 'terminated', at: 81, result: duration('PT20M30.5S') }),
    ],
    ada: { timeSeconds: 1830.5 },
  },
  {
    name: 'rule 7: a session never closed counts from its statements, each gap capped at 30 min',
    statements: () => [
      statement({ verb: 'initialized', at: 0 }),
      statement({ verb: 'experienced', at: 10, object: PAGE_A1, parent: MODULE_A }),
      statement({ verb: 'experienced', at: 100, object: PAGE_A2, parent: MODULE_A }),
      statement({ verb: 'resumed', at: 200 }),
      statement({ verb: 'terminated', at: 205, result: duration('PT5M') }),
    ],
    ada: { timeSeconds: (10 + 30) * 60 + 5 * 60 },
  },
  {
    name: 'rule 7: overlapping sessions (two tabs) add their durations once, with no estimate on top',
    statements: () => [
      statement({ verb: 'initialized', at: 0 }),
      statement({ verb: 'experienced', at: 5, object: PAGE_A1, parent: MODULE_A }),
      statement({ verb: 'resumed', at: 10 }),
      statement({ verb: 'experienced', at: 15, object: PAGE_A2, parent: MODULE_A }),
      // The first tab closes after the second opened: its duration says it began at 0.
      statement({ verb: 'suspended', at: 20, result: duration('PT20M') }),
      statement({ verb: 'terminated', at: 25, result: duration('PT15M') }),
    ],
    ada: { timeSeconds: 35 * 60 },
  },
  {
    name: 'rule 7: beside a closed session, an unclosed one counts only its statements outside the closed one',
    statements: () => [
      statement({ verb: 'initialized', at: 0 }),
      statement({ verb: 'resumed', at: 10 }),
      statement({ verb: 'experienced', at: 12, object: PAGE_A1, parent: MODULE_A }),
      statement({ verb: 'suspended', at: 15, result: duration('PT5M') }),
      statement({ verb: 'experienced', at: 40, object: PAGE_A2, parent: MODULE_A }),
    ],
    // The session opened at 10 closed at 15 (5 min); the one opened at 0 never closed: its statements outside
    // 10-15 are at 0 and 40, one gap capped at 30 min.
    ada: { timeSeconds: 5 * 60 + 30 * 60 },
  },
  {
    name: 'rule 7: a closed session whose duration is a few ms short of its statements still covers its open: no gap added to an unclosed one before it',
    statements: () => [
      statement({ verb: 'initialized', at: 0 }),
      statement({ verb: 'experienced', at: 5, object: PAGE_A1, parent: MODULE_A }),
      statement({ verb: 'resumed', at: 120 }),
      // 10 min and 4 ms after the resume, sent as PT10M (the player rounds to 0.01 s).
      statement({ verb: 'suspended', at: 130 + 4 / 60_000, result: duration('PT10M') }),
    ],
    ada: { timeSeconds: 5 * 60 + 10 * 60 },
  },
  // A session's open voided or lost: its close is matched only to an open its duration can have begun at.
  ...(['missing', 'voided'] as const).map((how): Case => {
    const resumed = statement({ verb: 'resumed', at: DAY_12 });
    return {
      name: `rule 7: a close whose open is ${how} is a session of its own, not the close of a session days before it (which keeps its estimate)`,
      statements: () => [
        statement({ verb: 'initialized', at: DAY_8 }),
        statement({ verb: 'experienced', at: DAY_8 + 20, object: PAGE_A1, parent: MODULE_A }),
        ...(how === 'voided' ? [resumed, voiding(resumed.id as string, DAY_12 + 60)] : []),
        statement({ verb: 'suspended', at: DAY_12 + 10, result: duration('PT10M') }),
      ],
      ...(how === 'voided' ? { voided: () => [resumed.id as string] } : {}),
      // 20 min estimated for the session of 09-08 (never closed), 10 min stated for the one of 09-12.
      ada: { timeSeconds: 20 * 60 + 10 * 60 },
    };
  }),
  {
    name: 'rule 7: statements after a closed session with no open of their own are a session of their own, not a gap in an unclosed session days before',
    statements: () => [
      statement({ verb: 'initialized', at: DAY_8 }),
      statement({ verb: 'experienced', at: DAY_8 + 20, object: PAGE_A1, parent: MODULE_A }),
      statement({ verb: 'resumed', at: DAY_12 }),
      statement({ verb: 'suspended', at: DAY_12 + 10, result: duration('PT10M') }),
      statement({ verb: 'experienced', at: DAY_15, object: PAGE_A2, parent: MODULE_A }),
      statement({ verb: 'experienced', at: DAY_15 + 5, object: PAGE_A1, parent: MODULE_A }),
    ],
    // 20 min estimated (09-08), 10 min stated (09-12), 5 min estimated (09-15): no 30 min for the days between.
    ada: { timeSeconds: 20 * 60 + 10 * 60 + 5 * 60 },
  },
  {
    name: 'rule 7: a long close days after an unclosed session, its own open lost, is still a session of its own (a longer duration took the old one\'s estimate)',
    statements: () => [
      statement({ verb: 'initialized', at: DAY_8 }),
      statement({ verb: 'experienced', at: DAY_8 + 20, object: PAGE_A1, parent: MODULE_A }),
      statement({ verb: 'suspended', at: DAY_12 + 30, result: duration('PT30M') }),
    ],
    ada: { timeSeconds: 20 * 60 + 30 * 60 },
  },
  {
    name: 'rule 7: a nap of 5-30 minutes inside a closed session (left out by the study clock) adds no estimate to its duration',
    statements: () => [
      statement({ verb: 'initialized', at: 0 }),
      statement({ verb: 'experienced', at: 5, object: PAGE_A1, parent: MODULE_A }),
      // Asleep from about 0:06 to 0:16: the clock counted 6 + 4 minutes.
      statement({ verb: 'experienced', at: 16, object: PAGE_A2, parent: MODULE_A }),
      statement({ verb: 'suspended', at: 20, result: duration('PT10M') }),
    ],
    ada: { timeSeconds: 10 * 60 },
  },
  {
    name: 'rule 7: a close whose duration leaves out a night the device slept (the study clock) still ends the session it began',
    statements: () => [
      statement({ verb: 'initialized', at: 0 }),
      statement({ verb: 'experienced', at: 30, object: PAGE_A1, parent: MODULE_A }),
      // The laptop closed at 8:30 pm and opened at 7 am: the clock counted 30 min before and 30 min after.
      statement({ verb: 'experienced', at: 11 * 60, object: PAGE_A2, parent: MODULE_A }),
      statement({ verb: 'suspended', at: 11 * 60 + 30, result: duration('PT60M') }),
    ],
    ada: { timeSeconds: 60 * 60 },
  },
  // Rule 8: duplicates.
  {
    name: 'rule 8: a statement sent twice (same id) counts once',
    statements: () => {
      const s = statement({ verb: 'suspended', at: 10, result: duration('PT10M') });
      return [statement({ verb: 'initialized', at: 0 }), s, { ...s }];
    },
    ada: { timeSeconds: 600, attempts: 1 },
  },
  // Rule 9: authority.
  {
    name: 'rule 9: statements from an untrusted key are left out',
    statements: () => [
      statement({ verb: 'failed', at: 10, result: score(0.5), authority: { objectType: 'Agent', mbox: 'mailto:course-key@district.example.org' } }),
      statement({ verb: 'passed', at: 20, result: score(1), authority: { objectType: 'Agent', mbox: 'mailto:leaked@example.org' } }),
      statement({
        verb: 'completed', at: 21, result: { completion: true },
        authority: { objectType: 'Group', member: [{ account: { homePage: 'https://lrs.example', name: 'app' } }, { mbox: 'mailto:course-key@district.example.org' }] },
      }),
    ],
    options: { trustedAuthorities: new Set(['mailto:course-key@district.example.org']) },
    ada: { status: 'failed', completed: true, bestScaled: 0.5 },
  },
  {
    name: 'rule 9: a voiding statement sent with an untrusted key retracts nothing',
    statements: () => {
      const trusted = { objectType: 'Agent', mbox: 'mailto:course-key@district.example.org' };
      const pass = statement({ verb: 'passed', at: 20, result: score(1), authority: trusted });
      return [pass, { ...voiding(pass.id as string, 30), authority: { objectType: 'Agent', mbox: 'mailto:leaked@example.org' } }];
    },
    options: { trustedAuthorities: new Set(['mailto:course-key@district.example.org']) },
    ada: { status: 'passed', bestScaled: 1 },
  },
  // Filters.
  {
    name: 'filter: --since/--until keep statements by timestamp',
    statements: () => [
      statement({ verb: 'failed', at: 10, result: score(0.5) }),
      statement({ verb: 'passed', at: 2000, result: score(0.9) }),
    ],
    options: { since: Date.parse(at(0)), until: Date.parse(at(60)) },
    ada: { status: 'failed' },
  },
  {
    name: 'rule 3: a timestamp ahead of stored (the learner\'s clock years ahead) counts when the LRS stored it',
    statements: () => [
      statement({ verb: 'initialized', at: 0 }),
      { ...statement({ verb: 'completed', at: 0, result: { completion: true } }), timestamp: '2037-01-01T00:00:00.000Z', stored: at(30) },
    ],
    options: { since: Date.parse(at(0)), until: Date.parse(at(60)) },
    ada: { status: 'completed', completed: true, completedAt: Date.parse(at(30)), lastActivity: Date.parse(at(30)) },
  },
  {
    name: 'rule 3: a timestamp a little ahead of stored (an LRS whose clock is a minute behind) is kept',
    statements: () => [
      { ...statement({ verb: 'completed', at: 31, result: { completion: true } }), stored: at(30) },
    ],
    ada: { completed: true, completedAt: Date.parse(at(31)) },
  },
  {
    name: 'filter: --version keeps one course revision',
    statements: () => [
      statement({ verb: 'failed', at: 10, result: score(0.5), revision: '1.0.0' }),
      statement({ verb: 'passed', at: 20, result: score(0.9), revision: '2.0.0', registration: REG_2 }),
    ],
    options: { version: '2.0.0' },
    ada: { status: 'passed', attempts: 1 },
  },
];

describe('aggregation rules (XAPI.md §12)', () => {
  it.each(CASES)('$name', (c) => {
    const statements = c.statements();
    for (const order of c.inOrder ? [statements] : orders(statements)) {
      const learners = learnersOf(order, c.options, c.voided?.(statements) ?? []);
      if (c.learners !== undefined) expect(learners.size).toBe(c.learners);
      if (c.ada === null) {
        expect(learners.has(ADA)).toBe(false);
        continue;
      }
      const ada = learners.get(ADA);
      expect(ada, 'Ada is in the report').toBeDefined();
      expect(ada).toMatchObject(c.ada);
    }
  });

  it('counts why statements were left out', () => {
    const dup = statement({ verb: 'initialized', at: 0 });
    const target = statement({ verb: 'passed', at: 5, result: score(1) });
    const result = fold(
      [dup, dup, target, voiding(target.id as string, 6), statement({ verb: 'initialized', at: 1, otherCourse: 'https://x.example/c' })],
      {},
      [target.id as string],
    );
    expect(result.counts).toMatchObject({ read: 5, counted: 1, duplicates: 1, voided: 1, voiding: 1, outOfScope: 1 });
  });

  it('leaves out a statement sent by an anonymous Group (valid xAPI, no learner) and counts it', () => {
    const group = { objectType: 'Group', member: [{ mbox: 'mailto:a@example.org' }, { mbox: 'mailto:b@example.org' }] };
    const result = fold([{ ...statement({ verb: 'completed', at: 5 }), actor: group }, statement({ verb: 'initialized', at: 1 })]);
    expect(result.counts).toMatchObject({ read: 2, counted: 1, anonymous: 1 });
    expect([...result.learners.keys()]).toEqual([ADA]);
  });

  it('keeps a course IRI with a trailing slash exactly as the player sends it', () => {
    const course = `${COURSE}/`;
    const aggregator = createAggregator({ courseIri: course });
    aggregator.add(readStatementText(JSON.stringify(statement({ verb: 'completed', at: 5, otherCourse: course }))));
    aggregator.add(readStatementText(JSON.stringify(statement({ verb: 'experienced', at: 6, object: PAGE_A1, otherCourse: course }))));
    expect(aggregator.result().counts).toMatchObject({ read: 2, counted: 2, outOfScope: 0 });
  });

  it('questions: attempts, correct answers, learners and responses', () => {
    const answer = (who: string, response: string, success: boolean) =>
      statement({ verb: 'answered', who, at: 3, object: QUESTION_1, parent: PAGE_A1, result: { response, success } });
    const result = fold([answer('ada', 'a[,]c', true), answer('ada', 'a', false), answer('ben', 'b', false)]);
    const q = result.questions.get(QUESTION_1);
    expect(q).toMatchObject({ attempts: 3, correct: 1, incorrect: 2, module: MODULE_A });
    expect(q?.learners.size).toBe(2);
    expect(Object.fromEntries(q?.responses ?? [])).toEqual({ 'a[,]c': 1, a: 1, b: 1 });
    expect(result.activities.get(QUESTION_1)?.choices.map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });

  it('modules: started from pages, done from progressed 100; the last page is remembered', () => {
    const learners = learnersOf([
      statement({ verb: 'experienced', at: 1, object: PAGE_A1, parent: MODULE_A }),
      statement({ verb: 'progressed', at: 2, object: MODULE_A, result: progress(100) }),
      statement({ verb: 'experienced', at: 3, object: PAGE_A2, parent: MODULE_A, who: 'ben' }),
      statement({ verb: 'progressed', at: 4, object: MODULE_A, result: progress(50), who: 'ben' }),
    ]);
    expect([...(learners.get(ADA)?.modulesDone ?? [])]).toEqual([MODULE_A]);
    expect([...(learners.get(BEN)?.modulesStarted ?? [])]).toEqual([MODULE_A]);
    expect([...(learners.get(BEN)?.modulesDone ?? [])]).toEqual([]);
    expect(learners.get(BEN)?.lastPage).toBe(PAGE_A2);
  });

  it('a statement without registration is one implicit attempt', () => {
    const s = statement({ verb: 'initialized', at: 0 });
    const learners = learnersOf([{ ...s, context: { contextActivities: { grouping: [{ id: COURSE }] } } }]);
    expect(learners.get(ADA)?.attempts).toBe(1);
  });

  it('ids differing only in letter case are one statement (UUIDs are case-insensitive)', () => {
    const id = nextId().replace(/^0/, 'a');
    const s = statement({ verb: 'suspended', at: 1, id, result: duration('PT1M') });
    const result = fold([s, { ...s, id: id.toUpperCase() }]);
    expect(result.counts.duplicates).toBe(1);
  });
});
