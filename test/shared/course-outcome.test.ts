import { describe, expect, it } from 'vitest';
import { completionOf, computeOutcome, isFinalStatus, isStatusUpgrade, missedChecks } from '../../src/shared/course-outcome.js';
import { isAnswerCorrect } from '../../src/shared/check-answers.js';
import type { LearnerState } from '../../src/shared/suspend-data.js';
import { makeCourse } from './course-fixture.js';

const course = makeCourse();
const allPages = new Set(course.pages.map((p) => p.id));
const state = (answers: Array<[string, string[]]>, viewed: ReadonlySet<string> = allPages, submitted = true): LearnerState =>
  ({ location: null, viewed, answers: new Map(answers), registration: null, submitted, attempt: 1, completedOn: null, kept: new Set() });
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
    const unscored = makeCourse({ completion: { allPages: true, passMark: null, retry: 'all', revealAnswers: 'after-submit' }, checks: [] });
    expect(computeOutcome(unscored, state([]), null).status).toBe('completed');
    expect(computeOutcome(unscored, state([], new Set(['m1--a'])), null).status).toBe('incomplete');
  });

  it('with pages: none, the assessment alone decides', () => {
    const loose = makeCourse({ completion: { allPages: false, passMark: 80, retry: 'all', revealAnswers: 'after-submit' } });
    expect(computeOutcome(loose, state(right, new Set()), 80).status).toBe('passed');
  });

  it('scored answers count only once submitted: drafts give no score and no result', () => {
    const drafts = computeOutcome(course, state(right, allPages, false), 80);
    expect(drafts.assessmentScore).toBeNull();
    expect(drafts.status).toBe('incomplete');
  });

  it.each([
    ['nothing yet', [], new Set<string>(), false, { pagesViewed: 0, passed: null, complete: false, percent: 0 }],
    ['every page, not submitted', right, allPages, false, { pagesViewed: 4, passed: null, complete: false, percent: 80 }],
    ['every page, failed', [['q-single', ['b']], ...right.slice(1)], allPages, true, { pagesViewed: 4, passed: false, complete: false, percent: 80 }],
    ['passed, a page missing', right, new Set(['m1--a', 'm2--a', 'm2--b']), true, { pagesViewed: 3, passed: true, complete: false, percent: 80 }],
    ['every page and passed', right, allPages, true, { pagesViewed: 4, passed: true, complete: true, percent: 100 }],
  ] as const)('completion: %s', (_, answers, viewed, submitted, expected) => {
    const completion = completionOf(course, state(answers.map(([k, v]) => [k, [...v]]), viewed, submitted), 80);
    expect(completion).toMatchObject(expected);
    expect(completion.percent === 100).toBe(completion.complete);
  });

  it('names the pages still to view by module, and the scored questions missed', () => {
    const partial = state([['q-single', ['b']], ...right.slice(1)], new Set(['m1--a', 'm2--b']));
    expect(completionOf(course, partial, 80).missing).toEqual([{ module: 'm1', pages: ['m1--b'] }, { module: 'm2', pages: ['m2--a'] }]);
    expect(missedChecks(course, partial).map((c) => c.id)).toEqual(['q-single']);
    expect(missedChecks(course, { ...partial, submitted: false })).toEqual([]);
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
