import { describe, expect, it } from 'vitest';
import { buildActivities } from '../../../src/shared/xapi/build-activities.js';
import {
  ACTIVITY_TYPES, VERBS, defaultCourseIri, moduleIri, pageIri, questionIri, reflectionIri,
} from '../../../src/shared/xapi/vocabulary.js';
import { fillInCheck, makeCourse } from '../course-fixture.js';
import { statementWarnings } from './validate-statement.js';

const course = makeCourse();
const courseIri = defaultCourseIri(course.id);

describe('buildActivities', () => {
  const description = buildActivities(course, courseIri);

  it('lists every activity once, grouped by kind in course order', () => {
    expect(description.activities.map((a) => a.id)).toEqual([
      courseIri,
      moduleIri(courseIri, 'm1'), moduleIri(courseIri, 'm2'),
      pageIri(courseIri, 'm1', 'm1--a'), pageIri(courseIri, 'm1', 'm1--b'), pageIri(courseIri, 'm2', 'm2--a'), pageIri(courseIri, 'm2', 'm2--b'),
      questionIri(courseIri, 'practice'), questionIri(courseIri, 'q-single'), questionIri(courseIri, 'q-multi'), questionIri(courseIri, 'q-tf'),
      reflectionIri(courseIri, 'r1'),
    ]);
    expect(description).toMatchObject({ v: 1, courseId: 'unit-course', courseIri, version: '1.0.0', language: 'en' });
  });

  it.each([
    [courseIri, ACTIVITY_TYPES.course, 'Unit course', 'Unit course'],
    [moduleIri(courseIri, 'm2'), ACTIVITY_TYPES.module, 'Two', 'Unit course › Two'],
    [pageIri(courseIri, 'm1', 'm1--b'), ACTIVITY_TYPES.lesson, 'B', 'Unit course › One › B'],
    [questionIri(courseIri, 'practice'), ACTIVITY_TYPES.interaction, 'P', 'P'],
    [reflectionIri(courseIri, 'r1'), ACTIVITY_TYPES.interaction, 'What will you try first?', 'What will you try first?'],
  ])('%s: type, name and description', (id, type, name, description) => {
    const activity = buildActivities(course, courseIri).activities.find((a) => a.id === id);
    expect(activity?.definition).toMatchObject({ type, name: { en: name }, description: { en: description } });
  });

  it('a fill-in answer read as a wrong one listed before it is no correct response; one read as an accepted one stays, as written', () => {
    const entry = (id: string, correct: boolean, text: string) => ({ id, correct, text, feedback: '<p>f</p>' });
    const check = fillInCheck({ options: [entry('a', true, 'twelve'), entry('b', false, '12'), entry('c', true, '\u0661\u0662'), entry('d', true, 'Twelve months'), entry('e', true, 'twelve months')] });
    const typed = buildActivities({ ...course, checks: [check] }, courseIri).activities.find((a) => a.id === questionIri(courseIri, check.id));
    // Before: "١٢" too, which the player judges wrong (it reads as "12").
    expect(typed?.definition.correctResponsesPattern).toEqual(['twelve', 'Twelve months', 'twelve months']);
  });

  it('gives questions their interaction type, choices and correct responses', () => {
    const byId = new Map(description.activities.map((a) => [a.id, a.definition]));
    expect(byId.get(questionIri(courseIri, 'q-multi'))).toMatchObject({
      interactionType: 'choice', correctResponsesPattern: ['a[,]c'],
      choices: [{ id: 'a', description: { en: 'A' } }, { id: 'b', description: { en: 'B' } }, { id: 'c', description: { en: 'C' } }, { id: 'd', description: { en: 'D' } }],
    });
    expect(byId.get(questionIri(courseIri, 'q-tf'))).toMatchObject({ interactionType: 'true-false', correctResponsesPattern: ['false'] });
    expect(byId.get(questionIri(courseIri, 'q-tf'))).not.toHaveProperty('choices');
    expect(byId.get(reflectionIri(courseIri, 'r1'))).toMatchObject({ interactionType: 'long-fill-in' });
    expect(byId.get(reflectionIri(courseIri, 'r1'))).not.toHaveProperty('correctResponsesPattern');
  });

  it('names a reflection by its prompt from the course data', () => {
    const withPrompt = makeCourse({ reflections: [{ id: 'r1', page: 'm1--b', prompt: 'From the data' }] });
    expect(buildActivities(withPrompt, courseIri).activities.at(-1)?.definition.name).toEqual({ en: 'From the data' });
  });

  it.each([
    // Thai has no spaces between words: the cut fell between a consonant and the vowel sign above it.
    ['Thai', 'th', `${'ก'.repeat(98)}ที่ดี`, `${'ก'.repeat(98)}…`],
    // A ZWJ sequence cut after its first emoji named a woman where the author wrote a teacher.
    ['an emoji sequence', 'ja', `${'学'.repeat(97)}👩‍🏫です`, `${'学'.repeat(97)}…`],
    ['a flag', 'ja', `${'学'.repeat(98)}🇯🇵です`, `${'学'.repeat(98)}…`],
  ])('shortens a long %s prompt into a name without cutting a character in two', (_, language, prompt, name) => {
    const long = makeCourse({ language, reflections: [{ id: 'r1', page: 'm1--b', prompt }] });
    expect(buildActivities(long, courseIri).activities.at(-1)?.definition).toMatchObject({ name: { [language]: name }, description: { [language]: prompt } });
  });

  it('is deterministic: the same course gives the same JSON, with no timestamps', () => {
    const again = JSON.stringify(buildActivities(makeCourse(), courseIri));
    expect(again).toBe(JSON.stringify(description));
    expect(again).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('every activity is a valid statement object', () => {
    for (const activity of description.activities) {
      const statement = { actor: { mbox: 'mailto:a@example.org' }, verb: { id: VERBS.experienced }, object: activity };
      expect(statementWarnings(statement)).toEqual([]);
    }
  });
});
