/**
 * Views: summary with a roster and groups, learner rows (not-started from the roster), module
 * progress and drop-off, question analysis with the response distribution, reflections only on
 * request, and pseudonymization.
 */
import { describe, expect, it } from 'vitest';
import { mergeAggregates } from '../../src/report/merge-aggregates.js';
import { buildViews, createAggregator, parseRoster, pseudonymizeViews, readStatementText, type ReportViews } from '../../src/report/index.js';
import { parseActivitiesFile } from '../../src/report/index.js';
import { buildActivities } from '../../src/shared/xapi/build-activities.js';
import { ACTIVITY_TYPES } from '../../src/shared/xapi/vocabulary.js';
import { fillInCheck, makeCourse, matchingCheck } from '../shared/course-fixture.js';
import { shellWords } from '../helpers/shell-words.js';
import { at, COURSE, HOME, MODULE_A, MODULE_B, PAGE_A1, PAGE_A2, PAGE_B1, QUESTION_1, QUESTION_MATCH, QUESTION_TYPED, REFLECTION_1, REG_2, progress, score, statement } from './make-statements.js';

const META = {
  source: 'test', generatedAt: 0, since: undefined, until: undefined, version: undefined,
  groupBy: undefined, pseudonymized: false, consistentThrough: undefined,
} as const;

function views(options: { roster?: string; groupBy?: 'school' | 'role'; reflections?: boolean; activities?: string } = {}): ReportViews {
  const aggregator = createAggregator({ courseIri: COURSE, keepReflections: options.reflections ?? false });
  const answer = (who: string, response: string, success: boolean, at: number) =>
    statement({ verb: 'answered', who, at, object: QUESTION_1, parent: PAGE_A2, result: { response, success } });
  const statements = [
    // Ada: passes, after a failed first try.
    statement({ verb: 'experienced', who: 'ada', name: 'Ada', at: 1, object: PAGE_A1, parent: MODULE_A }),
    answer('ada', 'a', false, 2),
    answer('ada', 'a[,]c', true, 3),
    statement({ verb: 'progressed', who: 'ada', at: 4, object: MODULE_A, result: progress(100) }),
    statement({ verb: 'experienced', who: 'ada', at: 5, object: PAGE_B1, parent: MODULE_B }),
    statement({ verb: 'progressed', who: 'ada', at: 6, object: MODULE_B, result: progress(100) }),
    statement({ verb: 'passed', who: 'ada', at: 7, result: score(0.9) }),
    statement({ verb: 'completed', who: 'ada', at: 7, result: { completion: true } }),
    statement({ verb: 'answered', who: 'ada', at: 8, object: REFLECTION_1, parent: PAGE_B1, result: { response: 'I learned =1+1' } }),
    // Ben: stops in module A, page 2.
    statement({ verb: 'experienced', who: 'ben', at: 10, object: PAGE_A1, parent: MODULE_A, registration: REG_2 }),
    statement({ verb: 'experienced', who: 'ben', at: 11, object: PAGE_A2, parent: MODULE_A, registration: REG_2 }),
    answer('ben', 'b', false, 12),
    // Cy: not on the roster.
    statement({ verb: 'experienced', who: 'cy', at: 20, object: PAGE_A1, parent: MODULE_A }),
  ];
  for (const s of statements) aggregator.add(readStatementText(JSON.stringify(s)));
  return buildViews(aggregator.result(), {
    meta: { ...META, groupBy: options.groupBy },
    roster: options.roster === undefined ? undefined : parseRoster(options.roster, 'roster.csv'),
    activities: options.activities === undefined ? undefined : parseActivitiesFile(options.activities, 'activities.json', COURSE),
    reflections: options.reflections,
  });
}

const ROSTER = 'Student ID,Name,School,Role\r\nada,"Lovelace, Ada",North,teacher\nben,Ben,South,librarian\ndee,Dee,North,teacher\n';

describe('report views', () => {
  it('summary counts, with the roster adding those who never started and those not on it apart', () => {
    const v = views({ roster: ROSTER });
    expect(v.summary).toEqual([
      { group: 'On the roster', enrolled: 3, started: 2, inProgress: 1, completed: 1, passed: 1, failed: 0, notStarted: 1, medianTimeSeconds: expect.any(Number) as number },
      { group: '(not on the roster)', enrolled: 1, started: 1, inProgress: 1, completed: 0, passed: 0, failed: 0, notStarted: 0, medianTimeSeconds: null },
    ]);
    const dee = v.learners.find((l) => l.learner === `${HOME}|dee`);
    expect(dee).toMatchObject({ name: 'Dee', school: 'North', status: 'not-started', attempts: 0, lastActivity: null });
    expect(v.learners.find((l) => l.learner === `${HOME}|ada`)).toMatchObject({ name: 'Ada', school: 'North', role: 'teacher', status: 'passed' });
  });

  it('with a roster, learners not on it are counted apart from its own, with --group-by or not; without one, everyone is "All learners"', () => {
    const aggregator = createAggregator({ courseIri: COURSE });
    for (const who of ['1001', 'stranger']) aggregator.add(readStatementText(JSON.stringify(statement({ verb: 'completed', who, at: 1, result: { completion: true } }))));
    const roster = parseRoster('id,name\n1001,Ada\n1002,Ben\n', 'roster.csv');
    const v = buildViews(aggregator.result(), { meta: META, roster });
    // Not "All learners: 3 enrolled, 2 completed" for a roster of two, one of whom did not start.
    expect(v.summary.map((s) => [s.group, s.enrolled, s.completed, s.notStarted])).toEqual([['On the roster', 2, 1, 1], ['(not on the roster)', 1, 1, 0]]);
    expect(v.meta.roster).toBe(true);
    expect(v.learners.map((l) => [l.learner, l.onRoster])).toEqual([[`${HOME}|1001`, true], [`${HOME}|1002`, true], [`${HOME}|stranger`, false]]);
    // Nobody off the roster: no row for them.
    expect(buildViews(aggregator.result(), { meta: META, roster: parseRoster('id\n1001\nstranger\n', 'r.csv') }).summary.map((s) => s.group)).toEqual(['On the roster']);
    const plain = buildViews(aggregator.result(), { meta: META });
    expect(plain.summary.map((s) => [s.group, s.enrolled, s.completed])).toEqual([['All learners', 2, 2]]);
    expect(plain.meta.roster).toBe(false);
  });

  it('the median time is the middle learner\'s, or the mean of the two middle ones; none with no time', () => {
    const median = (durations: readonly string[]): number | null => {
      const aggregator = createAggregator({ courseIri: COURSE });
      durations.forEach((duration, i) => {
        const who = `l${i}`;
        aggregator.add(readStatementText(JSON.stringify(statement({ verb: 'initialized', who, at: 100 * i }))));
        aggregator.add(readStatementText(JSON.stringify(statement({ verb: 'terminated', who, at: 100 * i + 20, result: { duration } }))));
      });
      return buildViews(aggregator.result(), { meta: { ...META, groupBy: undefined } }).summary[0]?.medianTimeSeconds ?? null;
    };
    expect(median(['PT600S', 'PT60S', 'PT120S'])).toBe(120);
    expect(median(['PT900S', 'PT60S', 'PT600S', 'PT120S'])).toBe(360);
    expect(median([])).toBeNull();
  });

  it('a roster learner known by an e-mail address keeps one key, and so one pseudonym, before and after they start', () => {
    const roster = parseRoster('ID,Name\nmailto:Frank.Roster@District.org,Frank\nada,Ada\n', 'roster.csv');
    const keyOf = (statements: ReadonlyArray<Record<string, unknown>>) => {
      const aggregator = createAggregator({ courseIri: COURSE });
      for (const st of statements) aggregator.add(readStatementText(JSON.stringify(st)));
      return buildViews(aggregator.result(), { meta: { ...META, groupBy: undefined }, roster }).learners.find((l) => l.name === 'Frank')?.learner;
    };
    const before = keyOf([statement({ verb: 'initialized', who: 'ada', at: 1 })]);
    const after = keyOf([statement({ verb: 'initialized', who: 'ada', at: 1 }), { ...statement({ verb: 'initialized', at: 2 }), actor: { objectType: 'Agent', mbox: 'mailto:frank.roster@district.org' } }]);
    expect(before).toBe('mailto:frank.roster@district.org');
    expect(after).toBe(before);
  });

  it('one person whose launches wrote their address in other capitals is one learner, matched to the roster in any capitals', () => {
    const aggregator = createAggregator({ courseIri: COURSE });
    const as = (mbox: string, s: Record<string, unknown>) => ({ ...s, actor: { objectType: 'Agent', mbox } });
    aggregator.add(readStatementText(JSON.stringify(as('mailto:Jane.Doe@District.org', statement({ verb: 'initialized', at: 1 })))));
    aggregator.add(readStatementText(JSON.stringify(as('mailto:jane.doe@district.org', statement({ verb: 'passed', at: 2, result: score(0.9) })))));
    const v = buildViews(aggregator.result(), { meta: { ...META, groupBy: undefined }, roster: parseRoster('ID,Name,School\nmailto:JANE.DOE@district.org,Jane Doe,North\n', 'roster.csv') });
    expect(v.learners.map((l) => [l.learner, l.name, l.school, l.status])).toEqual([['mailto:jane.doe@district.org', 'Jane Doe', 'North', 'passed']]);
    expect(v.summary[0]).toMatchObject({ enrolled: 1, passed: 1, inProgress: 0, notStarted: 0 });
  });

  it('a roster learner with two accounts in the statements (an LMS address written two ways) is one row, counted once in their school', () => {
    const aggregator = createAggregator({ courseIri: COURSE });
    const on = (homePage: string, s: Record<string, unknown>) => ({ ...s, actor: { objectType: 'Agent', account: { homePage, name: '1001' }, name: 'Jane Doe' } });
    aggregator.add(readStatementText(JSON.stringify(on(HOME, statement({ verb: 'initialized', at: 1, result: { duration: 'PT1M' } })))));
    aggregator.add(readStatementText(JSON.stringify(on(HOME, statement({ verb: 'failed', at: 2, result: score(0.5) })))));
    aggregator.add(readStatementText(JSON.stringify(on(`${HOME}/`, statement({ verb: 'passed', at: 9, registration: REG_2, result: score(0.9) })))));
    aggregator.add(readStatementText(JSON.stringify(on(`${HOME}/`, statement({ verb: 'completed', at: 9, registration: REG_2, result: { completion: true } })))));
    aggregator.add(readStatementText(JSON.stringify(statement({ verb: 'initialized', who: 'bob', at: 3 }))));
    const roster = parseRoster('id,name,school\n1001,Jane Doe,North\nbob,Bob,North\ncy,Cy,South\n', 'roster.csv');
    const v = buildViews(aggregator.result(), { meta: { ...META, groupBy: 'school' }, roster });
    expect(v.learners.map((l) => [l.learner, l.school, l.status, l.completed, l.attempts, l.bestScaled, l.latestScaled, l.completedAt])).toEqual([
      ['https://lms.example.org|bob', 'North', 'in-progress', false, 1, null, null, null],
      ['cy', 'South', 'not-started', false, 0, null, null, null],
      ['https://lms.example.org/|1001', 'North', 'passed', true, 2, 0.9, 0.9, Date.parse(at(9))],
    ]);
    expect(v.summary.map((g) => [g.group, g.enrolled, g.passed, g.inProgress, g.notStarted])).toEqual([['On the roster', 3, 1, 1, 1], ['North', 2, 1, 1, 0], ['South', 1, 0, 0, 1]]);
  });

  it('a roster learner\'s session that reached the LRS under the account and again under the address is one attempt, its time once', () => {
    const aggregator = createAggregator({ courseIri: COURSE });
    const mbox = { objectType: 'Agent', mbox: 'mailto:jane@district.org' };
    for (const actor of [undefined, mbox]) {
      const as = (s: Record<string, unknown>) => (actor ? { ...s, actor } : s);
      aggregator.add(readStatementText(JSON.stringify(as(statement({ verb: 'initialized', who: '1001', at: 0 })))));
      aggregator.add(readStatementText(JSON.stringify(as(statement({ verb: 'completed', who: '1001', at: 10, result: { completion: true } })))));
      aggregator.add(readStatementText(JSON.stringify(as(statement({ verb: 'terminated', who: '1001', at: 11, result: { duration: 'PT11M' } })))));
    }
    aggregator.add(readStatementText(JSON.stringify(statement({ verb: 'initialized', who: '1001', at: 20, registration: REG_2 }))));
    const v = buildViews(aggregator.result(), { meta: META, roster: parseRoster('Staff ID,Name,Email\n1001,Jane Doe,jane@district.org\n', 'roster.csv') });
    expect(v.learners.map((l) => [l.learner, l.status, l.attempts, l.timeSeconds])).toEqual([['https://lms.example.org|1001', 'completed', 2, 660]]);
  });

  it('a roster learner with two accounts who opened a module and answered a question under both is one learner of each', () => {
    const aggregator = createAggregator({ courseIri: COURSE });
    const on = (homePage: string, s: Record<string, unknown>) => ({ ...s, actor: { objectType: 'Agent', account: { homePage, name: '1001' } } });
    aggregator.add(readStatementText(JSON.stringify(on(HOME, statement({ verb: 'experienced', at: 1, object: PAGE_A1, parent: MODULE_A })))));
    aggregator.add(readStatementText(JSON.stringify(on(`${HOME}/`, statement({ verb: 'experienced', at: 5, object: PAGE_A1, parent: MODULE_A, registration: REG_2 })))));
    aggregator.add(readStatementText(JSON.stringify(on(`${HOME}/`, statement({ verb: 'experienced', at: 6, object: PAGE_B1, parent: MODULE_B, registration: REG_2 })))));
    for (const [homePage, minutes] of [[HOME, 2], [`${HOME}/`, 7]] as const) {
      aggregator.add(readStatementText(JSON.stringify(on(homePage, statement({ verb: 'answered', at: minutes, object: QUESTION_1, parent: PAGE_A1, result: { response: 'a', success: false } })))));
    }
    const v = buildViews(aggregator.result(), { meta: META, roster: parseRoster('id,name\n1001,Jane Doe\n', 'roster.csv') });
    expect(v.modules.map((m) => [m.id, m.started, m.stoppedHere])).toEqual([[MODULE_A, 1, 0], [MODULE_B, 1, 1]]);
    expect(v.questions.map((q) => [q.id, q.attempts, q.learners])).toEqual([[QUESTION_1, 2, 1]]);
  });

  it('an LMS account named by an e-mail address is the roster\'s address in other capitals: one row, not "not started" and again off the roster', () => {
    const aggregator = createAggregator({ courseIri: COURSE });
    aggregator.add(readStatementText(JSON.stringify(statement({ verb: 'completed', who: 'jane.doe@district.org', at: 1, result: { completion: true } }))));
    const v = buildViews(aggregator.result(), { meta: { ...META, groupBy: 'school' }, roster: parseRoster('id,name,school\nJane.Doe@District.org,Jane Doe,North\n', 'roster.csv') });
    expect(v.learners.map((l) => [l.learner, l.school, l.status])).toEqual([['https://lms.example.org|jane.doe@district.org', 'North', 'completed']]);
  });

  it('a roster with a Staff ID and an Email column matches learners known by account by the one and those known by mbox by the other', () => {
    const aggregator = createAggregator({ courseIri: COURSE });
    aggregator.add(readStatementText(JSON.stringify(statement({ verb: 'completed', who: '81001', at: 1, result: { completion: true } }))));
    aggregator.add(readStatementText(JSON.stringify({ ...statement({ verb: 'completed', at: 2, result: { completion: true } }), actor: { objectType: 'Agent', mbox: 'mailto:maria.garcia@district.org' } })));
    const roster = parseRoster('Staff ID,Name,Email,School\n81001,Bob Ray,bray@district.org,South\n81003,María García,Maria.Garcia@District.org,North\n', 'roster.csv');
    const v = buildViews(aggregator.result(), { meta: { ...META, groupBy: 'school' }, roster });
    expect(v.learners.map((l) => [l.learner, l.school, l.status])).toEqual([
      ['https://lms.example.org|81001', 'South', 'completed'],
      ['mailto:maria.garcia@district.org', 'North', 'completed'],
    ]);
    expect(v.summary.map((g) => [g.group, g.enrolled, g.completed])).toEqual([['On the roster', 2, 2], ['North', 1, 1], ['South', 1, 1]]);
  });

  it('an e-mail address on two roster rows (a family\'s) matches neither: one teacher\'s completion is not the other\'s', () => {
    const aggregator = createAggregator({ courseIri: COURSE });
    const family = { objectType: 'Agent', mbox: 'mailto:family@district.org' };
    aggregator.add(readStatementText(JSON.stringify({ ...statement({ verb: 'completed', at: 1, result: { completion: true } }), actor: family })));
    aggregator.add(readStatementText(JSON.stringify(statement({ verb: 'initialized', who: '1002', at: 2 }))));
    const roster = parseRoster('Staff ID,Name,Email\n1001,Alex Doe,family@district.org\n1002,Sam Doe,Family@District.org\n', 'roster.csv');
    const v = buildViews(aggregator.result(), { meta: META, roster });
    expect(v.learners.map((l) => [l.learner, l.name, l.onRoster, l.status])).toEqual([
      ['https://lms.example.org|1001', 'Alex Doe', true, 'not-started'],
      ['https://lms.example.org|1002', 'Sam Doe', true, 'in-progress'],
      ['mailto:family@district.org', undefined, false, 'completed'],
    ]);
  });

  it('--group-by school: one summary row per school, learners off the roster apart', () => {
    const v = views({ roster: ROSTER, groupBy: 'school' });
    expect(v.summary.map((s) => [s.group, s.enrolled, s.started, s.passed])).toEqual([
      ['On the roster', 3, 2, 1],
      ['(not on the roster)', 1, 1, 0],
      ['North', 2, 1, 1],
      ['South', 1, 1, 0],
    ]);
  });

  it('module progress and drop-off: who started, who finished, where those not done stopped', () => {
    const v = views();
    expect(v.modules.map((m) => [m.id, m.started, m.completed, m.stoppedHere])).toEqual([
      [MODULE_A, 3, 1, 2],
      [MODULE_B, 1, 1, 0],
    ]);
    expect(v.learners.find((l) => l.learner === `${HOME}|ben`)?.lastPage).toBe('Page two');
  });

  it('question analysis: attempts, % correct, responses spread over the choices', () => {
    const [q] = views().questions;
    expect(q).toMatchObject({ id: QUESTION_1, name: 'Which help?', attempts: 3, learners: 2, correct: 1, judged: 3, module: MODULE_A });
    expect(q?.choices).toEqual([
      { id: 'a', description: 'Choice a', count: 2, correct: true },
      { id: 'b', description: 'Choice b', count: 1, correct: false },
      { id: 'c', description: 'Choice c', count: 1, correct: true },
    ]);
  });

  it('question analysis of a matching question: how often each item was matched to each answer, named "item → answer"', () => {
    const aggregator = createAggregator({ courseIri: COURSE });
    const answer = (who: string, response: string, success: boolean, minute: number) =>
      statement({ verb: 'answered', who, at: minute, object: QUESTION_MATCH, parent: PAGE_A2, result: { response, success } });
    for (const s of [answer('ada', 'a[.]b[,]b[.]a', true, 1), answer('ben', 'a[.]c[,]b[.]a', false, 2), answer('cy', 'a[.]a[,]b[.]a', false, 3), answer('dee', 'a[.]c[,]b[.]b', false, 4)]) {
      aggregator.add(readStatementText(JSON.stringify(s)));
    }
    const [q] = buildViews(aggregator.result(), { meta: META }).questions;
    expect(q).toMatchObject({ name: 'Match the tools', interactionType: 'matching', attempts: 4, correct: 1, judged: 4, responses: [] });
    expect(q?.choices).toEqual([
      { id: 'a.a', description: 'Saw \u2192 Drives nails', count: 1, correct: false },
      { id: 'a.b', description: 'Saw \u2192 Cuts wood', count: 1, correct: true },
      { id: 'a.c', description: 'Saw \u2192 Measures', count: 2, correct: false },
      { id: 'b.a', description: 'Hammer \u2192 Drives nails', count: 3, correct: true },
      { id: 'b.b', description: 'Hammer \u2192 Cuts wood', count: 1, correct: false },
    ]);
  });

  it('question analysis of a fill-in question: answers counted as the player reads them, named by the accepted answer or the most frequent spelling, marked right or wrong', () => {
    const aggregator = createAggregator({ courseIri: COURSE });
    const answers: Array<[string, string, boolean]> = [
      ['ada', 'learning', true], ['ben', 'Learning.', true], ['cy', 'TO LEARN', true], ['dee', 'trust', false], ['eve', 'Trust', false],
      ['fay', 'Trust!', false], ['gus', 'respect', false],
    ];
    for (const [i, [who, response, success]] of answers.entries()) {
      aggregator.add(readStatementText(JSON.stringify(statement({ verb: 'answered', who, at: i, object: QUESTION_TYPED, parent: PAGE_A2, result: { response, success } }))));
    }
    const q = buildViews(aggregator.result(), { meta: META }).questions.find((x) => x.id === QUESTION_TYPED);
    expect(q).toMatchObject({ interactionType: 'fill-in', attempts: 7, correct: 3, judged: 7, choices: [] });
    expect(q?.responses).toEqual([
      { response: 'trust', count: 3, correct: false },
      { response: 'Learning', count: 2, correct: true },
      { response: 'respect', count: 1, correct: false },
      { response: 'to learn', count: 1, correct: true },
    ]);
  });

  it('--pseudonymize keeps a fill-in question\'s accepted answers (the author\'s words) and withholds what learners typed otherwise', () => {
    const aggregator = createAggregator({ courseIri: COURSE });
    for (const [i, [who, response, success]] of ([['ada', 'learning', true], ['ben', 'my name is Ben', false], ['cy', 'trust', false]] as const).entries()) {
      aggregator.add(readStatementText(JSON.stringify(statement({ verb: 'answered', who, at: i, object: QUESTION_TYPED, parent: PAGE_A2, result: { response, success } }))));
    }
    const q = pseudonymizeViews(buildViews(aggregator.result(), { meta: META }), 'salt').questions.find((x) => x.id === QUESTION_TYPED);
    expect(q?.responses).toEqual([{ response: 'Learning', count: 1, correct: true }, { response: '(free-text answers withheld: --pseudonymize)', count: 2 }]);
  });

  it('counts every spelling of a fill-in answer as it, past the 200 different responses kept whole, in one thread or merged from two', () => {
    const made = Array.from({ length: 260 }, (_, n) => statement({
      verb: 'answered', who: `p${n}`, at: n, object: QUESTION_TYPED, parent: PAGE_A2,
      // 250 spellings of "trust" (a closing mark of n full stops), then 10 of "Learning".
      result: n < 250 ? { response: `Trust${'.'.repeat(n)}`, success: false } : { response: 'learning', success: true },
    }));
    const one = createAggregator({ courseIri: COURSE });
    for (const s of made) one.add(readStatementText(JSON.stringify(s)));
    const halves = [createAggregator({ courseIri: COURSE }), createAggregator({ courseIri: COURSE })];
    for (const [n, s] of made.entries()) halves[n % 2]?.add(readStatementText(JSON.stringify(s)));
    const expected = [{ response: 'Trust', count: 250, correct: false }, { response: 'Learning', count: 10, correct: true }];
    for (const aggregate of [one.result(), mergeAggregates(halves[0]!.result(), halves[1]!.result())]) {
      expect(buildViews(aggregate, { meta: META }).questions.find((x) => x.id === QUESTION_TYPED)?.responses).toEqual(expected);
    }
  });

  it('counts every pair of a matching question however many different whole responses it gets (past the 200 kept whole)', () => {
    const aggregator = createAggregator({ courseIri: COURSE });
    const letters = 'abc';
    let right = 0;
    // 27 × 11 different whole responses: item a and b take every answer, a third pair makes each response unique.
    for (let n = 0; n < 297; n++) {
      const a = letters[n % 3] as string;
      const b = letters[Math.floor(n / 3) % 3] as string;
      if (a === 'b' && b === 'a') right++;
      const response = `a[.]${a}[,]b[.]${b}[,]c[.]${n}`;
      aggregator.add(readStatementText(JSON.stringify(statement({ verb: 'answered', who: `p${n}`, at: n, object: QUESTION_MATCH, parent: PAGE_A2, result: { response, success: false } }))));
    }
    const [q] = buildViews(aggregator.result(), { meta: META }).questions;
    const count = (id: string) => q?.choices.find((c) => c.id === id)?.count;
    expect([count('a.a'), count('a.b'), count('a.c')]).toEqual([99, 99, 99]);
    expect([count('b.a'), count('b.b'), count('b.c')]).toEqual([99, 99, 99]);
    expect(right).toBe(33);
  });

  it('reads the activities file the build writes ({ id, definition }): names, types and parts of every question, and the course name', () => {
    const course = makeCourse({
      id: 'test-course', title: 'The test course',
      checks: [matchingCheck({ id: 'q-match', prompt: 'Match the tools from the file' })],
    });
    const file = parseActivitiesFile(JSON.stringify(buildActivities(course, COURSE)), 'dist/test-course-xapi-activities.json', COURSE);
    const aggregator = createAggregator({ courseIri: COURSE });
    aggregator.add(readStatementText(JSON.stringify(statement({ verb: 'answered', who: 'ada', at: 1, object: QUESTION_MATCH, parent: PAGE_A2, result: { response: 'a[.]b[,]b[.]a[,]c[.]c', success: false } }))));
    const v = buildViews(aggregator.result(), { meta: META, activities: file });
    expect(v.meta.courseName).toBe('The test course');
    // The course's language, for its words in the HTML report.
    expect(v.meta.language).toBe(course.language);
    const q = v.questions.find((x) => x.id === QUESTION_MATCH);
    expect(q).toMatchObject({ name: 'Match the tools from the file', interactionType: 'matching', module: MODULE_A });
    expect(q?.choices.map((c) => [c.description, c.count, c.correct])).toEqual([
      ['Saw \u2192 Shapes wood', 1, true], ['Hammer \u2192 Drives nails', 1, true], ['File \u2192 Shapes wood', 0, true], ['File \u2192 Measures', 1, false],
    ]);
  });

  it('refuses the activities file of another course, or of this one under another IRI, rather than naming the report after it', () => {
    const course = makeCourse({ id: 'test-course', title: 'The test course' });
    const text = JSON.stringify(buildActivities(course, COURSE));
    const other = 'https://coursepack.invalid/courses/mentoring-young-inventors';
    expect(() => parseActivitiesFile(text, 'dist/test-course-xapi-activities.json', other)).toThrow(
      `dist/test-course-xapi-activities.json describes the course ${COURSE}, not ${other}; give the activities file the build of this course wrote (dist/<course-id>-xapi-activities.json), or --activity ${COURSE} for that course`,
    );
    expect(() => parseActivitiesFile(text, 'a.json', `${COURSE}/`)).toThrow(/describes the course \S+, not \S+ \(the same written without the slash at the end: the statements carry one of the two/);
    // A hand-made file without `courseIri` is taken as it is.
    const { courseIri: _, ...handMade } = JSON.parse(text) as Record<string, unknown>;
    expect(parseActivitiesFile(JSON.stringify(handMade), 'a.json', other).courseName).toBeUndefined();
  });

  it('says the --activity of the other course as a shell reads it back, whatever its IRI holds', () => {
    const course = makeCourse({ id: 'test-course', title: 'The test course' });
    const iri = "https://example.org/c?a=1&b=it's$b!#top";
    const text = JSON.stringify({ ...buildActivities(course, COURSE), courseIri: iri });
    let message = '';
    try {
      parseActivitiesFile(text, 'a.json', COURSE);
    } catch (error) {
      message = (error as Error).message;
    }
    const given = / or (--activity .*) for that course$/.exec(message)?.[1] ?? '';
    expect(shellWords(`npx coursepack report ${given}`, 'bash')).toEqual(['npx', 'coursepack', 'report', '--activity', iri]);
  });

  it('names a fill-in answer seen only past the 200 whole responses kept by the first spelling learners gave it, in one thread or merged from two', () => {
    const made = Array.from({ length: 230 }, (_, n) => statement({
      verb: 'answered', who: `p${n}`, at: n, object: QUESTION_TYPED, parent: PAGE_A2,
      // 200 different wrong answers fill the responses kept; then "Straße" and "=HYPERLINK(x)" in two spellings each.
      result: { response: n < 200 ? `wrong ${n}` : ['Stra\u00dfe', 'STRASSE', '=HYPERLINK(x)', '=hyperlink(x).'][n % 4] ?? '', success: false },
    }));
    const one = createAggregator({ courseIri: COURSE });
    for (const s of made) one.add(readStatementText(JSON.stringify(s)));
    const halves = [createAggregator({ courseIri: COURSE }), createAggregator({ courseIri: COURSE })];
    for (const [n, s] of made.entries()) halves[n < 215 ? 0 : 1]?.add(readStatementText(JSON.stringify(s)));
    for (const aggregate of [one.result(), mergeAggregates(halves[0]!.result(), halves[1]!.result())]) {
      const rows = buildViews(aggregate, { meta: META }).questions.find((x) => x.id === QUESTION_TYPED)?.responses ?? [];
      expect(rows.slice(0, 2)).toEqual([{ response: 'Stra\u00dfe', count: 16, correct: false }, { response: '=HYPERLINK(x)', count: 14, correct: false }]);
    }
  });

  it('a fill-in question whose statements carry no definition (an export of ids) and whose definition comes from the activities file still counts every spelling as its answer', () => {
    const course = makeCourse({ id: 'test-course', checks: [fillInCheck()] });
    const file = parseActivitiesFile(JSON.stringify(buildActivities(course, COURSE)), 'dist/test-course-xapi-activities.json', COURSE);
    const aggregator = createAggregator({ courseIri: COURSE });
    for (let n = 0; n < 250; n++) {
      const made = statement({ verb: 'answered', who: `p${n}`, at: n, object: QUESTION_TYPED, parent: PAGE_A2, result: { response: n % 2 ? `LEARNING${'!'.repeat(n)}` : `trust${'.'.repeat(n)}`, success: n % 2 === 1 } });
      delete (made.object as { definition?: unknown }).definition;
      aggregator.add(readStatementText(JSON.stringify(made)));
    }
    const q = buildViews(aggregator.result(), { meta: META, activities: file }).questions.find((x) => x.id === QUESTION_TYPED);
    expect(q?.responses).toEqual([{ response: 'Learning', count: 125, correct: true }, { response: 'trust', count: 125, correct: false }]);
  });

  it('reflections are left out unless asked for', () => {
    expect(views().reflections).toBeUndefined();
    expect(views({ reflections: true }).reflections).toEqual([
      expect.objectContaining({ learner: `${HOME}|ada`, reflection: 'Reflect', text: 'I learned =1+1' }),
    ]);
  });

  it('the activities file names modules and orders them the course way', () => {
    const file = JSON.stringify({
      course: { id: 'test-course', name: { en: 'Test' } },
      activities: [
        { id: MODULE_B, type: ACTIVITY_TYPES.module, name: { en: 'First module' } },
        { id: MODULE_A, type: ACTIVITY_TYPES.module, name: 'Second module' },
        { id: `${COURSE}/questions/q-unseen`, type: ACTIVITY_TYPES.interaction, name: 'Nobody got here', interactionType: 'true-false', correctResponsesPattern: ['true'], module: 'b-next' },
      ],
    });
    const v = views({ activities: file });
    expect(v.modules.map((m) => m.name)).toEqual(['First module', 'Second module']);
    expect(v.questions.map((q) => [q.name, q.attempts, q.module])).toEqual([
      ['Nobody got here', 0, MODULE_B],
      ['Which help?', 3, MODULE_A],
    ]);
    expect(v.questions[0]?.choices.map((c) => [c.id, c.correct])).toEqual([['true', true], ['false', false]]);
    expect(v.meta.courseName).toBe('Test');
  });

  it('--pseudonymize: stable hashes instead of names and ids, and no order that gives them away', () => {
    const v = views({ roster: ROSTER, reflections: true });
    const p1 = pseudonymizeViews(v, 'salt');
    const p2 = pseudonymizeViews(v, 'salt');
    const text = JSON.stringify(p1);
    for (const secret of ['ada', 'Ada', 'Lovelace', 'ben', 'Ben', 'Dee']) expect(text).not.toMatch(new RegExp(`\\b${secret}\\b`));
    expect(p1.learners.map((l) => l.learner)).toEqual(p2.learners.map((l) => l.learner));
    expect(p1.learners[0]?.learner).toMatch(/^pseudonym\|[0-9a-f]{16}$/);
    expect(pseudonymizeViews(v, 'other').learners[0]?.learner).not.toBe(p1.learners[0]?.learner);
    // Reflections are people's own words, which no hash hides (the CLI refuses --reflections with it).
    expect(v.reflections).toHaveLength(1);
    expect(p1.reflections).toBeUndefined();
  });

  it('--pseudonymize withholds the words of free-text answers, keeping how many there were; choices stay', () => {
    const v = views();
    const fillIn = {
      id: `${COURSE}/questions/mentor`, name: 'Who was your mentor?', module: undefined, interactionType: 'fill-in', attempts: 3, learners: 3,
      correct: 0, judged: 0, choices: [], responses: [{ response: 'Jamal Smith', count: 2 }, { response: 'my aunt Rosa', count: 1 }],
    };
    const p = pseudonymizeViews({ ...v, questions: [...v.questions, fillIn] }, 'salt');
    expect(JSON.stringify(p)).not.toMatch(/Jamal|Rosa/);
    expect(p.questions.at(-1)?.responses).toEqual([{ response: '(free-text answers withheld: --pseudonymize)', count: 3 }]);
    expect(p.questions[0]?.choices).toEqual(v.questions[0]?.choices);
  });

  it('a roster\'s id column is the one named id before other learner columns: `Learner,ID,School` with names under Learner', () => {
    const v = views({ roster: 'Learner,ID,School\nAda Lovelace,ada,North\nDee Day,dee,South\n', groupBy: 'school' });
    expect(v.learners.find((l) => l.learner === `${HOME}|ada`)).toMatchObject({ school: 'North', status: 'passed' });
    expect(v.summary.map((s) => [s.group, s.enrolled])).toEqual([['On the roster', 2], ['(not on the roster)', 2], ['North', 1], ['South', 1]]);
  });

  it('--group-by: a learner on the roster with the cell empty is "(no school)", apart from those not on the roster', () => {
    const v = views({ roster: 'id,school\nada,North\nben,\n', groupBy: 'school' });
    expect(v.summary.map((s) => [s.group, s.enrolled])).toEqual([['On the roster', 2], ['(no school)', 1], ['(not on the roster)', 1], ['North', 1]]);
  });

  it('a roster learner who has not started keeps one key (and pseudonym) whether or not the date window holds anyone\'s statements', () => {
    const fold = (until: number | undefined) => {
      const aggregator = createAggregator({ courseIri: COURSE, until });
      aggregator.add(readStatementText(JSON.stringify(statement({ verb: 'experienced', who: 'ada', at: 60, object: PAGE_A1, parent: MODULE_A }))));
      return buildViews(aggregator.result(), { meta: META, roster: parseRoster('id\nada\nbob\n', 'r.csv') });
    };
    // Week 1's report ends before Ada's statement; week 2's includes it. Bob has started in neither.
    const week1 = fold(Date.parse(at(30)));
    const week2 = fold(undefined);
    const bob = (v: ReportViews) => v.learners.find((l) => l.status === 'not-started' && l.learner.endsWith('bob'))?.learner;
    expect(bob(week1)).toBe(`${HOME}|bob`);
    expect(bob(week2)).toBe(`${HOME}|bob`);
    const pseudonyms = (v: ReportViews) => pseudonymizeViews(v, 'salt').learners.map((l) => l.learner).sort();
    expect(pseudonyms(week1)).toEqual(pseudonyms(week2));
  });

  it('--pseudonymize withholds responses to a choice question that are none of its choices, keeping the count', () => {
    const v = views();
    const question = v.questions[0];
    if (!question) throw new Error('no question');
    const typed = { ...question, choices: [...question.choices, { id: 'other: ask Zelda Quux', description: undefined, count: 2, correct: false }] };
    const p = pseudonymizeViews({ ...v, questions: [typed] }, 'salt');
    expect(JSON.stringify(p)).not.toContain('Zelda');
    expect(p.questions[0]?.choices.at(-1)).toEqual({ id: '(other answers withheld: --pseudonymize)', description: undefined, count: 2, correct: false });
    expect(p.questions[0]?.choices.slice(0, -1)).toEqual(question.choices);
  });

  it('--pseudonymize keeps, of a question with no choices defined (another tool\'s), only what looks like a choice\'s id', () => {
    const v = views();
    const question = v.questions[0];
    if (!question) throw new Error('no question');
    const undefinedChoices = ['a', 'true', 'b.c', 'Zelda_Whitfield', 'zed4711'].map((id) => ({ id, description: undefined, count: 1, correct: false }));
    const p = pseudonymizeViews({ ...v, questions: [{ ...question, choices: undefinedChoices }] }, 'salt');
    expect(JSON.stringify(p)).not.toMatch(/Zelda|zed4711/);
    expect(p.questions[0]?.choices.map((c) => c.id)).toEqual(['a', 'true', 'b.c', '(other answers withheld: --pseudonymize)']);
  });

  it('a roster without an id column, or with a learner twice, is refused', () => {
    expect(() => parseRoster('name,school\nAda,North\n', 'r.csv')).toThrow(/no id column/);
    expect(() => parseRoster('id,school\nada,North\nada,South\n', 'r.csv')).toThrow(/^r\.csv:3: learner ada is listed twice \(also on line 2\): keep one row per learner$/);
  });

  it('a roster with many problems names them all at once, reads the same row twice as one, and takes an e-mail address in other capitals for the same person', () => {
    // Two exports pasted together: nothing to choose between.
    expect(parseRoster('id,name\nada,Ada\nben,Ben\nada,Ada\n', 'r.csv').map((r) => r.id)).toEqual(['ada', 'ben']);
    const roster = 'id,name,school\n1001,Bob,North\n1002,Carl,North\n1002,Carl,South\n,Dee,North\njdoe@district.org,Jane,North\n JDoe@District.org ,Jane,North\n';
    expect(() => parseRoster(roster, 'r.csv')).toThrow(/^r\.csv:4: learner 1002 is listed twice \(also on line 3\): keep one row per learner; 2 more rows have a problem, on lines 5, 7$/);
    expect(() => parseRoster('id,name\n,Dee\n', 'r.csv')).toThrow(/^r\.csv:2: no learner id in the "id" column \(Dee\): fill in their LMS student id, or delete the row$/);
    expect(() => parseRoster('id,name\njdoe@district.org,Jane\nJDoe@District.org,Jane\n', 'r.csv')).toThrow(/^r\.csv:3: learner JDoe@District\.org is listed twice \(also on line 2 as jdoe@district\.org\)/);
  });

  it('a roster names the true line of a problem, past blank lines and quoted line breaks', () => {
    expect(() => parseRoster('id,name\n\nada,"Ada\r\nLovelace"\nada,again\n', 'r.csv')).toThrow(/^r\.csv:5: learner ada is listed twice \(also on line 3\)/);
  });

  it('a quote that is never closed is an error at its line, not the rest of the roster read as one name', () => {
    expect(() => parseRoster('id,name,school\nada,"Lovelace, Ada,North\nben,Ben,South\n', 'r.csv')).toThrow(/^r\.csv:2: a quoted field starts here and is never closed/);
  });

  it('a roster Excel saved with semicolons (the list separator of many regions) reads as one with commas, `sep=;` line or not', () => {
    const rows = (r: ReturnType<typeof parseRoster>) => r.map((e) => [e.id, e.name, e.school]);
    const expected = [['0042', 'Lovelace, Ada', 'North'], ['0043', 'Ben', 'South']];
    expect(rows(parseRoster('\ufeffid;name;school\r\n0042;"Lovelace, Ada";North\r\n0043;Ben;South\r\n', 'r.csv'))).toEqual(expected);
    expect(rows(parseRoster('sep=;\r\nid;name;school\r\n0042;"Lovelace, Ada";North\r\n0043;Ben;South\r\n', 'r.csv'))).toEqual(expected);
    // Lines are the file's, the `sep=` line counted.
    expect(() => parseRoster('sep=;\nid;name\nada;A\nada;B\n', 'r.csv')).toThrow(/^r\.csv:4: learner ada is listed twice \(also on line 3\)/);
    // A comma in the header wins: semicolons in a comma file are characters.
    expect(rows(parseRoster('id,name,school\nada,Ada; the first,North\n', 'r.csv'))).toEqual([['ada', 'Ada; the first', 'North']]);
    expect(rows(parseRoster('sep=,\nid,name,school\nada,Ada,North\n', 'r.csv'))).toEqual([['ada', 'Ada', 'North']]);
    // A comma inside a header cell of a semicolon file (`Name (Last, First)`): the semicolons split every line alike
    // (its names read as "First Last", the header says how they are written).
    expect(rows(parseRoster('Student ID;Name (Last, First);School\r\n0042;Lovelace, Ada;North\r\n0043;"Ben; Jr";South', 'r.csv'))).toEqual([['0042', 'Ada Lovelace', 'North'], ['0043', 'Ben; Jr', 'South']]);
    expect(rows(parseRoster('id\tname\tschool\n0042\tLovelace, Ada\tNorth\n', 'r.csv'))).toEqual([['0042', 'Lovelace, Ada', 'North']]);
    // Two columns: comma and semicolon split every line alike, and the semicolon wins the tie.
    expect(rows(parseRoster('id;Name (Last, First)\r\n0099;Doe, Jane\r\n0100;Roe, Rick\r\n', 'r.csv'))).toEqual([['0099', 'Jane Doe', undefined], ['0100', 'Rick Roe', undefined]]);
    expect(rows(parseRoster('Student ID;Name (Last, First)\r\n', 'r.csv'))).toEqual([]);
    // A long roster: only its first lines are looked at.
    const many = Array.from({ length: 2000 }, (_, n) => `s${n};Name ${n}, Jr;North`).join('\n');
    expect(rows(parseRoster(`id;name, as written;school\n${many}\n`, 'r.csv'))).toHaveLength(2000);
  });

  it('a roster with a title line or two above its header (a student information system\'s report) reads from the header on', () => {
    const rows = (r: ReturnType<typeof parseRoster>) => r.map((e) => [e.id, e.name, e.school]);
    const expected = [['0042', 'Lovelace, Ada', 'North']];
    expect(rows(parseRoster('Staff Roster 2026-27\nid\tname\tschool\n0042\tLovelace, Ada\tNorth\n', 'r.csv'))).toEqual(expected);
    expect(rows(parseRoster('Staff Roster 2026-27;;\r\nRun 2026-09-01;;\r\n;;\r\nStaff ID;Name (Last, First);Building\r\n0042;Lovelace, Ada;North\r\n', 'r.csv'))).toEqual([['0042', 'Ada Lovelace', 'North']]);
    // Lines stay the file's.
    expect(() => parseRoster('Staff Roster\nid,name\nada,A\nada,B\n', 'r.csv')).toThrow(/^r\.csv:4: learner ada is listed twice/);
    // Only title lines stand above the header: a data row holding an id column's name is not one, and a
    // roster whose header has no id column says so instead of dropping the rows above that row.
    expect(() => parseRoster('Teacher,Type\nJane,Account\n1001,x\n', 'r.csv')).toThrow(/has no id column \(its columns: "Teacher", "Type"\)/);
  });

  it('a school written with a line break, a double or a no-break space, or a decomposed accent on some rows is one school, one group', () => {
    const v = views({ roster: 'id,name,school\nada,"Ada\nLovelace",North Elementary\nben,Ben,"North\r\nElementary"\ndee,Dee,North\u00a0 Elementary\n', groupBy: 'school' });
    expect(v.summary.map((s) => [s.group, s.enrolled])).toEqual([['On the roster', 3], ['(not on the roster)', 1], ['North Elementary', 3]]);
    expect(v.learners.find((l) => l.learner.endsWith('|dee'))?.name).toBe('Dee');
    expect(parseRoster('id,name\nada,"Ada\nLovelace"\n', 'r.csv')[0]?.name).toBe('Ada Lovelace');
    // One school with its ë composed on one row and decomposed (as macOS may write it) on another.
    const zoe = views({ roster: 'id,school\nada,Zo\u00eb Elementary\nben,Zoe\u0308 Elementary\n', groupBy: 'school' });
    expect(zoe.summary.map((s) => [s.group, s.enrolled])).toEqual([['On the roster', 2], ['(not on the roster)', 1], ['Zo\u00eb Elementary', 2]]);
  });

  it('a roster whose ids are kept from Excel as ="000123" (a student information system\'s export, this report\'s CSV) reads the ids', () => {
    const rows = (r: ReturnType<typeof parseRoster>) => r.map((e) => [e.id, e.name]);
    expect(rows(parseRoster('id,name\n="000123",Ann Lee\n"=""000124""",Bob\n="a""b",Cy\n', 'r.csv'))).toEqual([['000123', 'Ann Lee'], ['000124', 'Bob'], ['a"b', 'Cy']]);
    // Not a formula: left as written.
    expect(rows(parseRoster('id,name\n=000125,Dee\n="x"y",Eve\n', 'r.csv'))).toEqual([['=000125', 'Dee'], ['="x"y"', 'Eve']]);
  });

  it('a roster of exports pasted together, each with its header (and byte order mark), reads the headers after the first as headers', () => {
    const roster = parseRoster('\ufeffid,name,school\n1001,Bob,North\n\ufeffid,name,school,,\n1002,Carl,South\nID,Name,School\n', 'r.csv');
    expect(roster.map((r) => [r.id, r.name, r.school])).toEqual([['1001', 'Bob', 'North'], ['1002', 'Carl', 'South']]);
  });

  it('a roster whose long ids Excel saved as 1.23457E+11 is refused with how to get the ids back, not "listed twice"', () => {
    expect(() => parseRoster('id,name\n1.23457E+11,Jane Doe\n1.23457E+11,Bob Ray\n9E+13,Cy\n', 'r.csv')).toThrow(
      /^r\.csv:2: the id 1\.23457E\+11 is a long number as Excel shows it, its last digits lost .*: export the roster again, or open it in Excel with the id column as Text \(Data > From Text\/CSV\); 2 more rows have a problem, on lines 3, 4$/);
    // Ids that only look so are ids.
    expect(parseRoster('id\n1E5\n2e45\nE+12\n', 'r.csv').map((r) => r.id)).toEqual(['1E5', '2e45', 'E+12']);
  });

  it('a staff export with no id column but an e-mail one (Google Admin, Clever) is read by its addresses; an id column still comes first', () => {
    expect(parseRoster('First Name [Required],Last Name [Required],Email Address [Required]\nJosé,Núñez,jn@district.org\n', 'r.csv').map((r) => [r.id, r.name])).toEqual([['jn@district.org', 'José Núñez']]);
    for (const header of ['Email', 'E-mail', 'Staff Email']) expect(parseRoster(`Name,${header}\nAda,ada@d.org\n`, 'r.csv').idColumn).toBe(header);
    expect(parseRoster('Email,Staff ID\nada@d.org,81001\n', 'r.csv').map((r) => r.id)).toEqual(['81001']);
    // Beside an e-mail column, "Learner" is the names.
    expect(parseRoster('Learner,Email,School\nAda Lovelace,ada@d.org,North\n', 'r.csv').map((r) => [r.id, r.name])).toEqual([['ada@d.org', 'Ada Lovelace']]);
  });

  it('a roster with the name in two columns, as student information systems export staff, reads it as "First Last", as the player names learners', () => {
    const rows = (r: ReturnType<typeof parseRoster>) => r.map((e) => [e.id, e.name, e.school]);
    expect(rows(parseRoster('Staff ID,Last Name,First Name,School Name\n1002,Núñez,José,South\n1003,,Bob,North\n', 'r.csv'))).toEqual([['1002', 'José Núñez', 'South'], ['1003', 'Bob', 'North']]);
    // Google Admin marks columns with a note in square brackets.
    expect(rows(parseRoster('First Name [Required],Last Name [Required],Email Address [Required],Staff ID\nJosé,Núñez,jn@d.org,1002\n', 'r.csv'))).toEqual([['1002', 'José Núñez', undefined]]);
    // A one-column name wins where it has one.
    expect(rows(parseRoster('id,name,first_name,last_name\n1,Ann Lee,Ann,Lee\n2,,Bo,Ray\n', 'r.csv'))).toEqual([['1', 'Ann Lee', undefined], ['2', 'Bo Ray', undefined]]);
    expect(parseRoster('id,LastName,FirstName\n1,Lee,Ann\n', 'r.csv').columns.has('name')).toBe(true);
  });

  it.each([
    ['Name (Last, First)', 'Doe, Jane', 'Jane Doe'],
    ['Full Name [Last Name, First Name]', 'Doe,  Jane Ann', 'Jane Ann Doe'],
    ['Staff Name (last, first)', 'King, Martin Luther, Jr.', 'Martin Luther King Jr.'],
    ['Name (Surname, Given name)', '王, 小明', '王小明'],
    // A name written without a comma stays as written.
    ['Name (Last, First)', 'Cher', 'Cher'],
    // Without the note, a comma is part of the name as written.
    ['Name', 'Doe, Jane', 'Doe, Jane'],
    ['Name (as in the LMS)', 'Doe, Jane', 'Doe, Jane'],
  ])('a roster name under "%s" written "%s" is "%s", as the player writes the LMS\'s "Last, First"', (header, written, read) => {
    expect(parseRoster(`id,"${header}"\n1001,"${written}"\n`, 'r.csv')[0]?.name).toBe(read);
  });

  it('with a "Name (Last, First)" column, learners who have not started read and sort as those who have, whose names the player sent', () => {
    const aggregator = createAggregator({ courseIri: COURSE });
    // The player sends the LMS's "Doe, Jane" as "Jane Doe" (displayName).
    aggregator.add(readStatementText(JSON.stringify(statement({ verb: 'initialized', who: '1001', name: 'Jane Doe', at: 1 }))));
    const roster = parseRoster('id,"Name (Last, First)"\n1001,"Doe, Jane"\n1002,"Adams, Zoe"\n1003,"Babbage, Charles"\n', 'roster.csv');
    const v = buildViews(aggregator.result(), { meta: META, roster });
    expect(v.learners.map((l) => [l.name, l.status])).toEqual([['Charles Babbage', 'not-started'], ['Jane Doe', 'in-progress'], ['Zoe Adams', 'not-started']]);
  });

  it('a quote inside an unquoted name is a character (a hand-written O"Brien), and the rows after it stay', () => {
    expect(parseRoster('id,name,school\ncy,Cy O"Brien,North\ndee,Dee,South\n', 'r.csv').map((r) => [r.id, r.name, r.school])).toEqual([
      ['cy', 'Cy O"Brien', 'North'],
      ['dee', 'Dee', 'South'],
    ]);
  });
});
