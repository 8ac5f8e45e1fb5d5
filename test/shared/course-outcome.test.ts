import { describe, expect, it } from 'vitest';
import { computeOutcome, isAnswerCorrect, isFinalStatus, isStatusUpgrade } from '../../src/shared/course-outcome.js';
import type { LearnerState } from '../../src/shared/suspend-data.js';
import { makeCourse } from './course-fixture.js';

const course = makeCourse();
const allPages = new Set(course.pages.map((p) => p.id));
const state = (answers: Array<[string, string[]]>, viewed: ReadonlySet<string> = allPages): LearnerState =>
  ({ location: null, viewed, answers: new Map(answers), registration: null });
const right: Array<[string, string[]]> = [['q-single', ['a']], ['q-multi', ['a', 'c']], ['q-tf', ['b']]];

describe('course outcome', () => {
  it('multiple choice is right only with exactly the correct options', () => {
    const multi = course.checks[2];
    if (!multi) throw new Error('fixture');
    expect(isAnswerCorrect(multi, ['c', 'a'])).toBe(true);
    expect(isAnswerCorrect(multi, ['a'])).toBe(false);
    expect(isAnswerCorrect(multi, ['a', 'b', 'c'])).toBe(false);
  });

  it.each([
    ['all right, all pages', right, allPages, 'passed', 100],
    ['one wrong of three', [['q-single', ['b']], ...right.slice(1)], allPages, 'failed', 67],
    ['not all answered', right.slice(0, 2), allPages, 'incomplete', null],
    ['all right but a page unseen', right, new Set(['m1--a', 'm2--a', 'm2--b']), 'incomplete', null],
  ] as const)('%s → %s', (_, answers, viewed, status, score) => {
    const outcome = computeOutcome(course, state(answers.map(([k, v]) => [k, [...v]]), viewed), 80);
    expect(outcome.status).toBe(status);
    expect(outcome.score).toBe(score);
  });

  it('without a pass mark, viewing every page completes the course', () => {
    const unscored = makeCourse({ completion: { allPages: true, passMark: null }, checks: [] });
    expect(computeOutcome(unscored, state([]), null).status).toBe('completed');
    expect(computeOutcome(unscored, state([], new Set(['m1--a'])), null).status).toBe('incomplete');
  });

  it('with pages: none, the assessment alone decides', () => {
    const loose = makeCourse({ completion: { allPages: false, passMark: 80 } });
    expect(computeOutcome(loose, state(right, new Set()), 80).status).toBe('passed');
  });

  it('status only moves forward: failed → passed yes, passed → failed and completed → incomplete no', () => {
    expect(isStatusUpgrade('not attempted', 'incomplete')).toBe(true);
    expect(isStatusUpgrade('incomplete', 'failed')).toBe(true);
    expect(isStatusUpgrade('failed', 'passed')).toBe(true);
    expect(isStatusUpgrade('passed', 'failed')).toBe(false);
    expect(isStatusUpgrade('completed', 'incomplete')).toBe(false);
    expect(isStatusUpgrade('passed', 'passed')).toBe(false);
    expect(isFinalStatus('failed')).toBe(true);
    expect(isFinalStatus('incomplete')).toBe(false);
  });
});
