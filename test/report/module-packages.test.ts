/**
 * A course taken as one package a module (`--split modules`): each package's sessions and results are its
 * module's (build-statements.ts). The report puts the course together: complete once every module is, passed
 * only then, attempts counted per module, time from every package's sessions.
 */
import { describe, expect, it } from 'vitest';
import { buildViews, createAggregator, parseActivitiesFile, readStatementText, type Aggregate, type ReportViews } from '../../src/report/index.js';
import { mergeAggregates } from '../../src/report/merge-aggregates.js';
import { packAggregate, unpackAggregate } from '../../src/report/pack-aggregate.js';
import { ACTIVITY_TYPES } from '../../src/shared/xapi/vocabulary.js';
import { COURSE, MODULE_A, MODULE_B, statement } from './make-statements.js';

const META = {
  source: 'test', generatedAt: 0, since: undefined, until: undefined, version: undefined,
  groupBy: undefined, pseudonymized: false, consistentThrough: undefined,
} as const;

/** The whole course's activities file (a split build writes it beside the modules' own). */
const ACTIVITIES = JSON.stringify({
  courseIri: COURSE,
  activities: [
    { id: COURSE, definition: { type: ACTIVITY_TYPES.course, name: { en: 'Test course' } } },
    { id: MODULE_A, definition: { type: ACTIVITY_TYPES.module, name: { en: 'Start' } } },
    { id: MODULE_B, definition: { type: ACTIVITY_TYPES.module, name: { en: 'Next' } } },
  ],
});

let registration = 0;
/** One module package's launch: its own registration, its sessions and result on the module. */
function launch(who: string, module: string, at: number, end: 'completed' | 'passed' | 'failed' | 'none', minutes: number) {
  const reg = `${String(++registration).padStart(8, '0')}-0000-4000-8000-000000000000`;
  const on = { who, object: module, registration: reg };
  const result = end === 'passed' ? { score: { scaled: 0.9 }, success: true, completion: true } : end === 'failed' ? { score: { scaled: 0.4 }, success: false } : { completion: true };
  return [
    statement({ verb: 'initialized', at, ...on }),
    ...(end === 'none' ? [] : [statement({ verb: end, at: at + minutes - 1, ...on, result })]),
    statement({ verb: end === 'none' ? 'suspended' : 'terminated', at: at + minutes, ...on, result: { duration: `PT${minutes}M` } }),
  ];
}

function fold(statements: ReadonlyArray<Record<string, unknown>>, since?: number): Aggregate {
  const aggregator = createAggregator({ courseIri: COURSE, ...(since === undefined ? {} : { since }) });
  for (const s of statements) aggregator.add(readStatementText(JSON.stringify(s)));
  return aggregator.result();
}

function views(statements: ReadonlyArray<Record<string, unknown>>, withActivities = true, since?: number): ReportViews {
  return buildViews(fold(statements, since), { meta: META, ...(withActivities ? { activities: parseActivitiesFile(ACTIVITIES, 'a.json', COURSE) } : {}) });
}

const JOURNEYS = [
  ...launch('ada', MODULE_A, 0, 'completed', 10), ...launch('ada', MODULE_B, 100, 'passed', 5),
  // The final module passed, the first never opened: the module passed, not the course.
  ...launch('ben', MODULE_B, 0, 'passed', 5),
  ...launch('cy', MODULE_A, 0, 'completed', 10),
  ...launch('dee', MODULE_A, 0, 'completed', 10), ...launch('dee', MODULE_B, 100, 'failed', 5),
];

describe('a course taken as one package a module', () => {
  it('is complete once every module is, passed only then; one module done is not the course done', () => {
    const byName = new Map(views(JOURNEYS).learners.map((l) => [l.learner.split('|').pop(), l]));
    expect(byName.get('ada')).toMatchObject({ status: 'passed', completed: true, attempts: 1, timeSeconds: 900, bestScaled: 0.9 });
    expect(byName.get('ada')?.completedAt).toBe(Date.parse('2026-09-01T08:00:00Z') + 104 * 60_000);
    // Nor is its pass the course's: success says nothing yet (a CSV filtered on success counted ben passed).
    expect(byName.get('ben')).toMatchObject({ status: 'in-progress', completed: false, success: null });
    expect(byName.get('cy')).toMatchObject({ status: 'in-progress', completed: false });
    expect(byName.get('dee')).toMatchObject({ status: 'failed', completed: false });
    expect(views(JOURNEYS).summary[0]).toMatchObject({ enrolled: 4, completed: 1, passed: 1, failed: 1, inProgress: 2 });
  });

  it('counts attempts per module: a module taken again is a second attempt, seven modules once each are one', () => {
    const again = [...JOURNEYS, ...launch('ada', MODULE_B, 200, 'passed', 5)];
    expect(views(again).learners.find((l) => l.learner.endsWith('|ada'))?.attempts).toBe(2);
  });

  it('keeps which module each registration is through worker threads: packed and unpacked, and folded in two halves', () => {
    const whole = fold(JOURNEYS);
    expect(unpackAggregate(packAggregate(whole))).toEqual(whole);
    const half = Math.floor(JOURNEYS.length / 2);
    const merged = mergeAggregates(fold(JOURNEYS.slice(0, half)), fold(JOURNEYS.slice(half)));
    const activities = parseActivitiesFile(ACTIVITIES, 'a.json', COURSE);
    expect(buildViews(merged, { meta: META, activities }).learners).toEqual(buildViews(whole, { meta: META, activities }).learners);
  });

  it('a whole-course launch that also says a module completed (another tool\'s) stays the course\'s: passed, one attempt each', () => {
    const reg = (n: number) => `${String(900 + n).padStart(8, '0')}-0000-4000-8000-000000000000`;
    const whole = [
      statement({ verb: 'initialized', who: 'eve', at: 0, registration: reg(1) }),
      statement({ verb: 'completed', who: 'eve', at: 5, object: MODULE_A, registration: reg(1), result: { completion: true } }),
      statement({ verb: 'passed', who: 'eve', at: 9, registration: reg(1), result: { score: { scaled: 0.9 }, success: true } }),
      // Out of order: the module's statement after the course's launch in the file, and a second registration.
      statement({ verb: 'completed', who: 'fay', at: 5, object: MODULE_A, registration: reg(2), result: { completion: true } }),
      statement({ verb: 'initialized', who: 'fay', at: 0, registration: reg(2) }),
      statement({ verb: 'initialized', who: 'fay', at: 50, registration: reg(3) }),
    ];
    const rows = new Map(views(whole).learners.map((l) => [l.learner.split('|').pop(), l]));
    expect(rows.get('eve')).toMatchObject({ status: 'passed', attempts: 1 });
    expect(rows.get('fay')).toMatchObject({ status: 'in-progress', attempts: 2 });
    // Folded in halves that split the registration (threads): the same.
    const merged = mergeAggregates(fold(whole.slice(0, 4)), fold(whole.slice(4)));
    expect(buildViews(merged, { meta: META }).learners.map((l) => [l.status, l.attempts])).toEqual([['passed', 1], ['in-progress', 2]]);
  });

  it('with --since, a course whose last module was completed in the window was completed in it; one completed before it was not', () => {
    const start = Date.parse('2026-09-01T08:00:00Z');
    const journeys = [...launch('gus', MODULE_A, 0, 'completed', 10), ...launch('gus', MODULE_B, 3000, 'passed', 5), ...launch('hal', MODULE_A, 0, 'completed', 10), ...launch('hal', MODULE_B, 20, 'passed', 5)];
    const rows = new Map(views(journeys, true, start + 1000 * 60_000).learners.map((l) => [l.learner.split('|').pop(), l]));
    expect(rows.get('gus')).toMatchObject({ status: 'passed', completed: true });
    expect(rows.get('gus')?.completedAt).toBe(start + 3004 * 60_000);
    // Everything before the window: not in it, as a whole course's completion before it is not.
    expect(rows.get('hal')).toBeUndefined();
  });

  it('refuses one module\'s package\'s activities file for the course\'s (a learner who passed that module was passed)', () => {
    const part = JSON.stringify({ ...JSON.parse(ACTIVITIES), courseId: 'test-course-b-next', partOf: 'Test course' });
    expect(() => parseActivitiesFile(part, 'dist/test-course-b-next-xapi-activities.json', COURSE))
      .toThrow(/describes one module's package of a split build, not the whole course; give the course's own, dist\/<course-id>-xapi-activities\.json/);
  });

  it('with --since, a pass before the window counts once the course is complete in it, and a module redone in it is not its first completion', () => {
    const start = Date.parse('2026-09-01T08:00:00Z');
    const since = (minute: number) => start + minute * 60_000;
    const ivy = [...launch('ivy', MODULE_B, 0, 'passed', 5), ...launch('ivy', MODULE_A, 3000, 'completed', 10)];
    expect(views(ivy, true, since(1000)).learners[0]).toMatchObject({ status: 'passed', success: true, bestScaled: 0.9 });
    const jo = [...launch('jo', MODULE_A, 0, 'completed', 10), ...launch('jo', MODULE_B, 2000, 'passed', 5), ...launch('jo', MODULE_A, 4000, 'completed', 10)];
    expect(views(jo).learners[0]?.completedAt).toBe(since(2004));
    expect(views(jo, true, since(1000)).learners[0]?.completedAt).toBe(since(2004));
    // Complete before the window: redoing a module in it is no completion of the course in it.
    expect(views(jo, true, since(3000)).learners[0]).toMatchObject({ completed: false, status: 'in-progress' });
  });

  it('judges each module on its own: a pass of one does not hide a failure of another', () => {
    const kim = [...launch('kim', MODULE_A, 0, 'passed', 10), ...launch('kim', MODULE_B, 100, 'failed', 5)];
    expect(views(kim).learners[0]).toMatchObject({ status: 'failed', success: false });
    // The failed module passed on a later try: passed.
    const lea = [...launch('lea', MODULE_A, 0, 'passed', 10), ...launch('lea', MODULE_B, 100, 'failed', 5), ...launch('lea', MODULE_B, 200, 'passed', 5)];
    expect(views(lea).learners).toHaveLength(1);
    expect(views(lea).learners[0]).toMatchObject({ status: 'passed', success: true, completed: true });
  });

  it('without the course\'s modules (no activities file) no such learner is taken as complete', () => {
    expect(views(JOURNEYS, false).learners.filter((l) => l.completed)).toEqual([]);
  });
});
