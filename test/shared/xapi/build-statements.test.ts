import { describe, expect, it } from 'vitest';
import type { CourseData } from '../../../src/shared/course-data.js';
import {
  REFLECTION_RESPONSE_LIMIT, buildAnswered, buildCompleted, buildExperienced, buildFailed, buildInitialized, buildPassed,
  buildProgressed, buildReflectionAnswered, buildResumed, buildSuspended, buildTerminated, makeStatementContext,
  reflectionResponse, type StatementContext, type StatementStamp,
} from '../../../src/shared/xapi/build-statements.js';
import type { XapiAgent, XapiStatement } from '../../../src/shared/xapi/statement-types.js';
import {
  ACTIVITY_TYPES, PROFILE_IRI, PROGRESS_EXTENSION, VERBS, defaultCourseIri, moduleIri, pageIri, questionIri, reflectionIri,
} from '../../../src/shared/xapi/vocabulary.js';
import { correctAnswer } from '../../../src/shared/check-answers.js';
import { fillInCheck, makeCourse, matchingCheck } from '../course-fixture.js';
import { statementWarnings } from './validate-statement.js';

const course: CourseData = makeCourse({
  reflections: [{ id: 'r1', page: 'm1--b', prompt: 'What will you try first?' }, { id: 'r2', page: 'm2--a', prompt: '' }],
  checks: [...makeCourse().checks, matchingCheck(), fillInCheck()],
});
const courseIri = defaultCourseIri(course.id);
const REGISTRATION = '6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5';
const ID = '11111111-2222-4333-8444-555555555555';
const stamp: StatementStamp = { id: ID, timestamp: Date.UTC(2025, 2, 4, 9, 30, 15, 250) };
const accountActor: XapiAgent = { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 's0003' }, name: 'Ada Lovelace' };
const mboxActor: XapiAgent = { objectType: 'Agent', mbox: 'mailto:ada@example.org' };
const context: StatementContext = makeStatementContext(course, {
  actor: accountActor, registration: REGISTRATION, courseIri, platform: 'coursepack (SCORM 1.2)',
});

type Made = [string, XapiStatement | null];

/** Every statement any builder can make for this course: each verb, each page, check, answer shape, reflection and module. */
function everyStatement(ctx: StatementContext): Made[] {
  const made: Made[] = [
    ['initialized', buildInitialized(ctx, course, stamp)],
    ['resumed', buildResumed(ctx, course, stamp)],
    ['passed, complete', buildPassed(ctx, course, stamp, { score: 85, durationMs: 600_000, complete: true })],
    ['passed, not complete', buildPassed(ctx, course, stamp, { score: 100, durationMs: 1, complete: false })],
    ['failed, complete', buildFailed(ctx, course, stamp, { score: 40, durationMs: 600_000, complete: true })],
    ['failed, not complete', buildFailed(ctx, course, stamp, { score: 0, durationMs: 0, complete: false })],
    ['completed', buildCompleted(ctx, course, stamp, { durationMs: 754_321 })],
    ['suspended', buildSuspended(ctx, course, stamp, { durationMs: 12_340 })],
    ['terminated', buildTerminated(ctx, course, stamp, { durationMs: 3_723_450 })],
  ];
  for (const page of course.pages) made.push([`experienced ${page.id}`, buildExperienced(ctx, course, stamp, page.id)]);
  for (const module of course.modules) {
    for (const progress of [0, 50, 100]) made.push([`progressed ${module.id} ${progress}`, buildProgressed(ctx, course, stamp, { moduleId: module.id, progress })]);
  }
  for (const check of course.checks) {
    const correct = correctAnswer(check);
    const wrong = check.type === 'matching' ? ['a.a', 'b.a'] : check.type === 'fill-in' ? ['{lang=en} a[,]b'] : check.options.filter((o) => !o.correct).map((o) => o.id).slice(0, 1);
    made.push([`answered ${check.id} right`, buildAnswered(ctx, course, stamp, { checkId: check.id, chosen: correct, latencyMs: 8_000 })]);
    made.push([`answered ${check.id} wrong`, buildAnswered(ctx, course, stamp, { checkId: check.id, chosen: wrong, latencyMs: null })]);
  }
  for (const reflection of course.reflections) {
    for (const text of ['  I will ask more open questions.  ', 'x'.repeat(5000), '']) {
      made.push([`reflection ${reflection.id} (${text.length} chars)`, buildReflectionAnswered(ctx, course, stamp, { reflectionId: reflection.id, text })]);
    }
  }
  return made;
}

describe('statement builders: every statement validates (@learninglocker/xapi-validation)', () => {
  const cases = [
    ...everyStatement(context).map(([name, s]) => [`${name}, account actor`, s] as Made),
    ...everyStatement({ ...context, actor: mboxActor }).map(([name, s]) => [`${name}, mbox actor`, s] as Made),
  ];

  it.each(cases)('%s', (_, statement) => {
    expect(statement).not.toBeNull();
    expect(statementWarnings(statement)).toEqual([]);
  });

  it.each(cases)('%s: id, UTC timestamp, registration, revision, platform, language, grouping course, category profile', (_, statement) => {
    if (!statement) throw new Error('no statement');
    expect(statement.id).toBe(ID);
    expect(statement.timestamp).toBe('2025-03-04T09:30:15.250Z');
    expect(statement.object.objectType).toBe('Activity');
    const ctx = statement.context;
    expect(ctx.registration).toBe(REGISTRATION);
    expect(ctx.revision).toBe(course.version);
    expect(ctx.platform).toBe('coursepack (SCORM 1.2)');
    expect(ctx.language).toBe('en');
    expect(ctx.contextActivities.grouping.at(-1)).toEqual({
      objectType: 'Activity', id: courseIri, definition: { type: ACTIVITY_TYPES.course, name: { en: course.title } },
    });
    expect(ctx.contextActivities.category).toEqual([
      { objectType: 'Activity', id: PROFILE_IRI, definition: { type: ACTIVITY_TYPES.profile, name: { en: 'coursepack' } } },
    ]);
    expect(Object.values(VERBS)).toContain(statement.verb.id);
    expect(statement.object.definition.name).toHaveProperty('en');
  });

  it('the validator is live: it flags a statement the builders must never make', () => {
    const good = buildPassed(context, course, stamp, { score: 85, durationMs: 1, complete: true });
    const broken = { ...good, context: { ...good.context, registration: 'not-a-uuid' }, result: { ...good.result, duration: '10 minutes' } };
    expect(statementWarnings(broken).length).toBeGreaterThanOrEqual(2);
  });

  it('checked a statement of every verb the player sends', () => {
    const verbs = new Set(cases.map(([, s]) => s?.verb.id));
    expect([...verbs].sort()).toEqual(Object.values(VERBS).filter((v) => v !== VERBS.voided).sort());
  });
});

describe('course statements', () => {
  it.each([
    ['initialized', buildInitialized(context, course, stamp), VERBS.initialized],
    ['resumed', buildResumed(context, course, stamp), VERBS.resumed],
  ])('%s: object the course, no result, no parent', (_, statement, verb) => {
    expect(statement.verb).toEqual({ id: verb, display: { 'en-US': _ } });
    expect(statement.actor).toBe(accountActor);
    expect(statement.object).toEqual({
      objectType: 'Activity', id: courseIri,
      definition: { type: ACTIVITY_TYPES.course, name: { en: 'Unit course' }, description: { en: 'Unit course' } },
    });
    expect(statement).not.toHaveProperty('result');
    expect(statement.context.contextActivities).not.toHaveProperty('parent');
  });

  it.each([
    ['passed, complete', buildPassed, true, true, 85],
    ['passed, not complete', buildPassed, true, false, 85],
    ['failed, complete', buildFailed, false, true, 40],
    ['failed, not complete', buildFailed, false, false, 40],
  ] as const)('%s: score scaled/raw/min/max, success, duration; completion only when complete', (_, build, success, complete, score) => {
    const statement = build(context, course, stamp, { score, durationMs: 600_000, complete });
    expect(statement.object.id).toBe(courseIri);
    expect(statement.verb.id).toBe(success ? VERBS.passed : VERBS.failed);
    expect(statement.result).toEqual({
      score: { scaled: score / 100, raw: score, min: 0, max: 100 },
      success,
      ...(complete ? { completion: true } : {}),
      duration: 'PT10M',
    });
  });

  it('keeps a course score within 0-100', () => {
    expect(buildPassed(context, course, stamp, { score: 130, durationMs: 0, complete: true }).result?.score).toEqual({ scaled: 1, raw: 100, min: 0, max: 100 });
    expect(buildFailed(context, course, stamp, { score: -3, durationMs: 0, complete: false }).result?.score).toEqual({ scaled: 0, raw: 0, min: 0, max: 100 });
  });

  it.each([
    ['completed', buildCompleted(context, course, stamp, { durationMs: 754_321 }), VERBS.completed, { completion: true, duration: 'PT12M34.32S' }],
    ['suspended', buildSuspended(context, course, stamp, { durationMs: 12_340 }), VERBS.suspended, { duration: 'PT12.34S' }],
    ['terminated', buildTerminated(context, course, stamp, { durationMs: 3_723_450 }), VERBS.terminated, { duration: 'PT1H2M3.45S' }],
  ])('%s: course object and exactly this result', (_, statement, verb, result) => {
    expect(statement.verb.id).toBe(verb);
    expect(statement.object.id).toBe(courseIri);
    expect(statement.result).toEqual(result);
  });
});

describe('a package of one module (--split modules)', () => {
  // What render-course.ts makes of one module: "Course: Module" for the LMS, the whole course's title kept.
  const whole = makeCourse();
  const [module] = whole.modules;
  if (!module) throw new Error('the fixture has modules');
  const part: CourseData = {
    ...whole, id: `${whole.id}-${module.id}`, title: `Unit course: ${module.title}`, modules: [module],
    pages: whole.pages.filter((p) => p.module === module.id), checks: [], reflections: [], partOf: { title: 'Unit course', packages: whole.modules.map((m) => `${whole.id}-${m.id}`) },
  };
  const moduleId = `${defaultCourseIri(whole.id)}/modules/${module.id}`;

  it.each([
    ['initialized', buildInitialized(context, part, stamp)],
    ['completed', buildCompleted(context, part, stamp, { durationMs: 1 })],
    ['passed', buildPassed(context, part, stamp, { score: 90, durationMs: 1, complete: true })],
    ['terminated', buildTerminated(context, part, stamp, { durationMs: 1 })],
  ])('%s is about the module, the course its grouping under the course\'s own name', (_, statement) => {
    // A report read one module's completed on the course as the whole course done; the LRS named the course after a module.
    expect(statement.object.id).toBe(moduleId);
    expect(statement.object.definition?.type).toBe(ACTIVITY_TYPES.module);
    expect(statement.context.contextActivities?.grouping).toEqual([{
      objectType: 'Activity', id: defaultCourseIri(whole.id),
      definition: { type: ACTIVITY_TYPES.course, name: { en: 'Unit course' } },
    }]);
    expect(statementWarnings(statement)).toEqual([]);
  });
});

describe('experienced', () => {
  it.each(course.pages.map((p) => [p.id, p.module, p.title] as const))('%s: lesson, parent its module, grouping the course', (pageId, moduleId, title) => {
    const statement = buildExperienced(context, course, stamp, pageId);
    const module = course.modules.find((m) => m.id === moduleId);
    expect(statement?.verb.id).toBe(VERBS.experienced);
    expect(statement?.object).toEqual({
      objectType: 'Activity', id: pageIri(courseIri, moduleId, pageId),
      definition: { type: ACTIVITY_TYPES.lesson, name: { en: title }, description: { en: `Unit course › ${module?.title} › ${title}` } },
    });
    expect(statement?.context.contextActivities.parent).toEqual([
      { objectType: 'Activity', id: moduleIri(courseIri, moduleId), definition: { type: ACTIVITY_TYPES.module, name: { en: module?.title } } },
    ]);
    expect(statement?.context.contextActivities.grouping.map((a) => a.id)).toEqual([courseIri]);
    expect(statement).not.toHaveProperty('result');
  });

  it('is null for a page the course does not have', () => {
    expect(buildExperienced(context, course, stamp, 'm9--x')).toBeNull();
  });
});

describe('answered (knowledge checks)', () => {
  it.each([
    // check, chosen, response, success, scored, latency → duration
    ['q-multi', ['c', 'a'], 'a[,]c', true, true, 12_500, 'PT12.5S'],
    ['q-multi', ['a'], 'a', false, true, 12_500, 'PT12.5S'],
    ['q-multi', [], '', false, true, 0, 'PT0S'],
    ['q-single', ['a'], 'a', true, true, 3_000, 'PT3S'],
    ['q-tf', ['b'], 'false', true, true, 1_000, 'PT1S'],
    ['q-tf', ['a'], 'true', false, true, 1_000, 'PT1S'],
    ['practice', ['b'], 'b', true, false, 2_000, 'PT2S'],
    ['practice', ['a', 'zz'], 'a', false, false, 2_000, 'PT2S'],
    ['q-match', ['c.b', 'a.b', 'b.a'], 'a[.]b[,]b[.]a[,]c[.]b', true, true, 4_000, 'PT4S'],
    ['q-match', ['a.b', 'b.a', 'c.c'], 'a[.]b[,]b[.]a[,]c[.]c', false, true, 4_000, 'PT4S'],
    ['q-match', ['a.b', 'x.a', 'b.z'], 'a[.]b', false, true, 4_000, 'PT4S'],
  ] as const)('%s %j → response %j, success %s', (checkId, chosen, response, success, scored, latencyMs, duration) => {
    const statement = buildAnswered(context, course, stamp, { checkId, chosen, latencyMs });
    const point = success ? 1 : 0;
    expect(statement?.verb.id).toBe(VERBS.answered);
    expect(statement?.object.id).toBe(questionIri(courseIri, checkId));
    expect(statement?.result).toEqual({
      response, success, duration,
      ...(scored ? { score: { scaled: point, raw: point, min: 0, max: 1 } } : {}),
    });
  });

  it('leaves duration out when there is no latency', () => {
    expect(buildAnswered(context, course, stamp, { checkId: 'q-single', chosen: ['a'], latencyMs: null })?.result).not.toHaveProperty('duration');
  });

  it('defines a choice check: interactionType, choices by option letter in the course language, correct pattern', () => {
    const statement = buildAnswered(context, course, stamp, { checkId: 'q-multi', chosen: ['a'], latencyMs: null });
    expect(statement?.object.definition).toEqual({
      type: ACTIVITY_TYPES.interaction,
      name: { en: 'M' },
      description: { en: 'M' },
      interactionType: 'choice',
      choices: [
        { id: 'a', description: { en: 'A' } }, { id: 'b', description: { en: 'B' } },
        { id: 'c', description: { en: 'C' } }, { id: 'd', description: { en: 'D' } },
      ],
      correctResponsesPattern: ['a[,]c'],
    });
  });

  it('defines a matching check: interactionType matching, its items as source and its answers (an extra one too) as target, the pairs as the pattern', () => {
    const statement = buildAnswered(context, course, stamp, { checkId: 'q-match', chosen: ['a.b'], latencyMs: null });
    expect(statement?.object.definition).toEqual({
      type: ACTIVITY_TYPES.interaction,
      name: { en: 'Match each tool to its use.' },
      description: { en: 'Match each tool to its use.' },
      interactionType: 'matching',
      source: [{ id: 'a', description: { en: 'Saw' } }, { id: 'b', description: { en: 'Hammer' } }, { id: 'c', description: { en: 'File' } }],
      target: [{ id: 'a', description: { en: 'Drives nails' } }, { id: 'b', description: { en: 'Shapes wood' } }, { id: 'c', description: { en: 'Measures' } }],
      correctResponsesPattern: ['a[.]b[,]b[.]a[,]c[.]b'],
    });
  });

  it('defines a fill-in check: interactionType fill-in, every accepted answer a correct response; the response is the words typed', () => {
    const statement = buildAnswered(context, course, stamp, { checkId: 'q-typed', chosen: ['  to   Learn '], latencyMs: null });
    expect(statement?.object.definition).toEqual({
      type: ACTIVITY_TYPES.interaction,
      name: { en: 'What is mentoring for? One word.' },
      description: { en: 'What is mentoring for? One word.' },
      interactionType: 'fill-in',
      correctResponsesPattern: ['Learning', 'to learn'],
    });
    expect(statement?.result).toMatchObject({ response: 'to Learn', success: true });
    // `[,]` would make two responses of one, and a leading `{…}` a parameter (Data §2.4.4.1).
    const odd = buildAnswered(context, course, stamp, { checkId: 'q-typed', chosen: ['{lang=en} a[,]b'], latencyMs: null });
    expect(odd?.result).toMatchObject({ response: ' {lang=en} a[ ,]b', success: false });
  });

  it('defines a True/False check as true-false with a true/false pattern and no choices', () => {
    const statement = buildAnswered(context, course, stamp, { checkId: 'q-tf', chosen: ['b'], latencyMs: null });
    expect(statement?.object.definition).toEqual({
      type: ACTIVITY_TYPES.interaction, name: { en: 'T' }, description: { en: 'T' },
      interactionType: 'true-false', correctResponsesPattern: ['false'],
    });
  });

  it('a true/false check in the course\'s words (Verdadero, Falso) is true-false too: the build holds its first option to true', () => {
    const spanish = makeCourse({ language: 'es', checks: [{
      id: 'vf', page: 'm1--a', type: 'truefalse', scored: true, prompt: '¿De acuerdo?', shuffle: false, review: null,
      options: [{ id: 'a', correct: true, text: 'Verdadero', feedback: '' }, { id: 'b', correct: false, text: 'Falso', feedback: '' }],
    }] });
    const statement = buildAnswered(context, spanish, stamp, { checkId: 'vf', chosen: ['b'], latencyMs: null });
    expect(statement?.object.definition.interactionType).toBe('true-false');
    expect(statement?.object.definition.correctResponsesPattern).toEqual(['true']);
    expect(statement?.result?.response).toBe('false');
    expect(statementWarnings(statement)).toEqual([]);
  });

  it('names a check by its prompt, shortened to 100 characters at a word, in the course language', () => {
    const long = `${'word '.repeat(40)}end`;
    const fr = makeCourse({ language: 'fr-CA', checks: course.checks.map((c) => ({ ...c, prompt: long })) });
    const statement = buildAnswered({ ...context, language: 'fr-CA' }, fr, stamp, { checkId: 'q-single', chosen: ['a'], latencyMs: null });
    const name = statement?.object.definition.name['fr-CA'] ?? '';
    expect(Array.from(name).length).toBeLessThanOrEqual(100);
    expect(name.endsWith('word…')).toBe(true);
    expect(statement?.object.definition.description).toEqual({ 'fr-CA': long });
    expect(statement?.context.language).toBe('fr-CA');
    expect(statementWarnings(statement)).toEqual([]);
  });

  it('has parent the page and grouping module then course', () => {
    const statement = buildAnswered(context, course, stamp, { checkId: 'q-tf', chosen: ['b'], latencyMs: null });
    expect(statement?.context.contextActivities.parent?.map((a) => a.id)).toEqual([pageIri(courseIri, 'm2', 'm2--b')]);
    expect(statement?.context.contextActivities.grouping.map((a) => a.id)).toEqual([moduleIri(courseIri, 'm2'), courseIri]);
  });

  it('is null for an unknown check', () => {
    expect(buildAnswered(context, course, stamp, { checkId: 'nope', chosen: ['a'], latencyMs: 1 })).toBeNull();
  });
});

describe('reflections', () => {
  it('answered on the long-fill-in activity, text trimmed, no success and no correct pattern', () => {
    const statement = buildReflectionAnswered(context, course, stamp, { reflectionId: 'r1', text: '\n  I will listen first.  \n' });
    expect(statement?.verb.id).toBe(VERBS.answered);
    expect(statement?.object).toEqual({
      objectType: 'Activity', id: reflectionIri(courseIri, 'r1'),
      definition: {
        type: ACTIVITY_TYPES.interaction, name: { en: 'What will you try first?' }, description: { en: 'What will you try first?' },
        interactionType: 'long-fill-in',
      },
    });
    expect(statement?.result).toEqual({ response: 'I will listen first.' });
    expect(statement?.context.contextActivities.parent?.map((a) => a.id)).toEqual([pageIri(courseIri, 'm1', 'm1--b')]);
  });

  it('without a prompt, is named by its id and described by its page', () => {
    const statement = buildReflectionAnswered(context, course, stamp, { reflectionId: 'r2', text: 'ok' });
    expect(statement?.object.definition.name).toEqual({ en: 'r2' });
    expect(statement?.object.definition.description).toEqual({ en: 'Unit course › Two › C' });
  });

  it.each([
    ['short', 'abc', 'abc'],
    ['exactly the limit', 'y'.repeat(REFLECTION_RESPONSE_LIMIT), 'y'.repeat(REFLECTION_RESPONSE_LIMIT)],
    ['one over', 'y'.repeat(REFLECTION_RESPONSE_LIMIT + 1), `${'y'.repeat(REFLECTION_RESPONSE_LIMIT - 1)}…`],
  ])('response limit: %s', (_, text, expected) => {
    expect(reflectionResponse(text)).toBe(expected);
  });

  it('cuts by characters, never inside an emoji, and says it was cut with a final …', () => {
    const response = reflectionResponse('😀'.repeat(3000));
    expect(Array.from(response)).toHaveLength(REFLECTION_RESPONSE_LIMIT);
    expect(response.endsWith('😀…')).toBe(true);
  });

  it('never cuts a Hindi letter from its vowel sign, nor a flag in half', () => {
    // क at the limit with its vowel sign ि after it: cut between them, the last syllable read "ka", not "ki".
    expect(reflectionResponse(`${'क'.repeat(REFLECTION_RESPONSE_LIMIT - 2)}कि क`)).toBe(`${'क'.repeat(REFLECTION_RESPONSE_LIMIT - 2)}…`);
    expect(reflectionResponse(`${'x'.repeat(REFLECTION_RESPONSE_LIMIT - 2)}🇮🇳 x`)).toBe(`${'x'.repeat(REFLECTION_RESPONSE_LIMIT - 2)}…`);
  });

  it('is null for an unknown reflection', () => {
    expect(buildReflectionAnswered(context, course, stamp, { reflectionId: 'r9', text: 'x' })).toBeNull();
  });
});

describe('progressed', () => {
  it.each([
    [50, 50], [33.4, 33], [150, 100], [-1, 0], [Number.NaN, 0],
  ])('progress %s → extension %s', (progress, expected) => {
    const statement = buildProgressed(context, course, stamp, { moduleId: 'm1', progress });
    expect(statement?.result).toEqual({ extensions: { [PROGRESS_EXTENSION]: expected } });
  });

  it('object the module, parent and grouping the course', () => {
    const statement = buildProgressed(context, course, stamp, { moduleId: 'm2', progress: 100 });
    expect(statement?.verb.id).toBe(VERBS.progressed);
    expect(statement?.object.id).toBe(moduleIri(courseIri, 'm2'));
    expect(statement?.object.definition.type).toBe(ACTIVITY_TYPES.module);
    expect(statement?.context.contextActivities.parent?.map((a) => a.id)).toEqual([courseIri]);
    expect(statement?.context.contextActivities.grouping.map((a) => a.id)).toEqual([courseIri]);
  });

  it('is null for an unknown module', () => {
    expect(buildProgressed(context, course, stamp, { moduleId: 'm9', progress: 1 })).toBeNull();
  });
});
