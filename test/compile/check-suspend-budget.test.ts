import { describe, expect, it } from 'vitest';
import { checkSuspendBudget } from '../../src/compile/check-suspend-budget.js';
import { collectMessages } from '../../src/compile/rules.js';
import type { CheckData, CourseData } from '../../src/shared/course-data.js';
import { PLAYER_WORDS } from '../../src/compile/player-word-lists.js';
import { worstCaseSuspendDataLength } from '../../src/shared/suspend-data.js';

function course(checkCount: number): CourseData {
  const options = Array.from({ length: 26 }, (_, i) => ({ id: String.fromCharCode(97 + i), correct: i === 0, feedback: '', text: '' }));
  const checks: CheckData[] = Array.from({ length: checkCount }, (_, i) => ({
    id: `q${i}`, page: 'm--p', type: 'multiple', options, scored: true, prompt: '', shuffle: false, review: null,
  }));
  return {
    v: 1, id: 'big', title: 'Big', description: '', organization: '', language: 'en', words: PLAYER_WORDS['en']!, version: '1.0.0',
    completion: { allPages: true, passMark: 80, retry: 'all', revealAnswers: 'after-submit' },
    modules: [{ id: 'm', title: 'M', assessment: false, minutes: 1, pages: ['m--p'] }],
    pages: [{ id: 'm--p', module: 'm', title: 'P' }],
    checks,
    reflections: [],
    tracking: { reflections: 'private', learnerNames: false, practiceInteractions: false },
    xapi: { courseIri: 'https://coursepack.invalid/courses/big', endpoint: null, auth: null, homePage: null },
  };
}

describe('checkSuspendBudget', () => {
  it('accepts a course whose worst-case suspend_data fits in 4,096 characters', () => {
    const { report, messages } = collectMessages('docs/authoring.md');
    checkSuspendBudget(course(100), report);
    expect(worstCaseSuspendDataLength(course(100))).toBeLessThanOrEqual(4096);
    expect(messages).toEqual([]);
  });

  it('refuses one that could exceed it, naming the worst case and the limit', () => {
    const { report, messages } = collectMessages('docs/authoring.md');
    const big = course(1000);
    const worst = worstCaseSuspendDataLength(big);
    expect(worst).toBeGreaterThan(4096);
    checkSuspendBudget(big, report);
    expect(messages).toEqual([expect.objectContaining({
      file: 'course.yaml', line: 1, column: 1, fatal: true, ruleId: 'suspend-data-budget', source: 'coursepack',
      reason: `Saved progress for big could reach ${worst} characters; SCORM 1.2 allows 4096 (cmi.suspend_data)`,
      url: 'docs/authoring.md#suspend-data-budget',
    })]);
  });

  it('names the fill-in checks when they take a large part of it (each keeps the words typed)', () => {
    const { report, messages } = collectMessages('docs/authoring.md');
    const typed = course(0);
    const checks: CheckData[] = Array.from({ length: 40 }, (_, i) => ({
      id: `f${i}`, page: 'm--p', type: 'fill-in', scored: false, prompt: '', shuffle: false, review: null,
      options: [{ id: 'a', correct: true, feedback: '', text: 'learn' }],
    }));
    checkSuspendBudget({ ...typed, checks }, report);
    expect(messages.map((m) => m.note)).toEqual([
      'Its 40 fill-in checks take up to about 4320 of them (108 each, the words typed): make some of them choice checks, or split the course (npx coursepack build --split modules).',
    ]);
  });
});
