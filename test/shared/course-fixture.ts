import { PLAYER_WORDS } from '../../src/compile/player-word-lists.js';
import type { CheckData, CourseData, OptionData } from '../../src/shared/course-data.js';

const option = (id: string, correct: boolean, text = id.toUpperCase()): OptionData => ({ id, correct, text, feedback: `<p>${id}</p>` });

/** A small course in the CourseData shape: 4 pages, a practice check and three scored ones. */
export function makeCourse(overrides: Partial<CourseData> = {}): CourseData {
  const checks: CheckData[] = [
    { id: 'practice', page: 'm1--b', type: 'single', scored: false, prompt: 'P', shuffle: false, review: null, options: [option('a', false), option('b', true), option('c', false)] },
    { id: 'q-single', page: 'm2--a', type: 'single', scored: true, prompt: 'S', shuffle: false, review: null, options: [option('a', true), option('b', false)] },
    { id: 'q-multi', page: 'm2--a', type: 'multiple', scored: true, prompt: 'M', shuffle: false, review: null, options: [option('a', true), option('b', false), option('c', true), option('d', false)] },
    { id: 'q-tf', page: 'm2--b', type: 'truefalse', scored: true, prompt: 'T', shuffle: false, review: null, options: [option('a', false, 'True'), option('b', true, 'False')] },
  ];
  return {
    v: 1,
    id: 'unit-course',
    title: 'Unit course',
    description: 'A course for unit tests.',
    organization: 'Unit district',
    language: 'en',
    words: PLAYER_WORDS['en']!,
    version: '1.0.0',
    completion: { allPages: true, passMark: 80, retry: 'all', revealAnswers: 'after-submit' },
    modules: [
      { id: 'm1', title: 'One', assessment: false, minutes: 5, pages: ['m1--a', 'm1--b'] },
      { id: 'm2', title: 'Two', assessment: true, minutes: 5, pages: ['m2--a', 'm2--b'] },
    ],
    pages: [
      { id: 'm1--a', module: 'm1', title: 'A' }, { id: 'm1--b', module: 'm1', title: 'B' },
      { id: 'm2--a', module: 'm2', title: 'C' }, { id: 'm2--b', module: 'm2', title: 'D' },
    ],
    checks,
    reflections: [{ id: 'r1', page: 'm1--b', prompt: 'What will you try first?' }],
    tracking: { reflections: 'private', learnerNames: false, practiceInteractions: false },
    xapi: { courseIri: 'https://coursepack.invalid/courses/unit-course', endpoint: null, auth: null, homePage: null },
    ...overrides,
  };
}

/** A matching check: three items (a → b, b → a, c → b) and three answers, one of them (c) an extra. */
export function matchingCheck(overrides: Partial<CheckData> = {}): CheckData {
  const item = (id: string, match: string, text: string): OptionData => ({ id, correct: true, text, feedback: `<p>${text}</p>`, match });
  return {
    id: 'q-match', page: 'm2--b', type: 'matching', scored: true, prompt: 'Match each tool to its use.', shuffle: false, review: null,
    options: [item('a', 'b', 'Saw'), item('b', 'a', 'Hammer'), item('c', 'b', 'File')],
    targets: [{ id: 'a', text: 'Drives nails' }, { id: 'b', text: 'Shapes wood' }, { id: 'c', text: 'Measures' }],
    ...overrides,
  };
}

/** A fill-in check: "learning" and "to learn" accepted, "trust" foreseen as wrong, and the entry for any other answer. */
export function fillInCheck(overrides: Partial<CheckData> = {}): CheckData {
  const entry = (id: string, correct: boolean, text: string, feedback: string): OptionData => ({ id, correct, text, feedback: `<p>${feedback}</p>` });
  return {
    id: 'q-typed', page: 'm2--b', type: 'fill-in', scored: true, prompt: 'What is mentoring for? One word.', shuffle: false, review: null,
    options: [
      entry('a', true, 'Learning', 'Yes: the purpose of it all.'), entry('b', true, 'to learn', 'Yes: the purpose of it all.'),
      entry('c', false, 'Trust', 'Trust makes it possible.'), { ...entry('d', false, '', 'Read the module again.'), other: true },
    ],
    ...overrides,
  };
}
