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

const fileOf = (id: string): string => `modules/01-${id}.md`;

describe('checkSuspendBudget', () => {
  it('accepts a course whose worst-case suspend_data fits in 4,096 characters', () => {
    const { report, messages } = collectMessages('docs/authoring.md');
    checkSuspendBudget(course(100), report, false, fileOf);
    expect(worstCaseSuspendDataLength(course(100))).toBeLessThanOrEqual(4096);
    expect(messages).toEqual([]);
  });

  it('refuses one that could exceed it, naming the worst case and the limit', () => {
    const { report, messages } = collectMessages('docs/authoring.md');
    const big = course(1000);
    const worst = worstCaseSuspendDataLength(big);
    expect(worst).toBeGreaterThan(4096);
    checkSuspendBudget(big, report, false, fileOf);
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
    checkSuspendBudget({ ...typed, checks }, report, false, fileOf);
    // Said at the module that has them; no split advice: one module alone would not fit either.
    expect(messages.map((m) => [m.file, m.note])).toEqual([[
      'modules/01-m.md',
      'Its 40 fill-in checks take up to about 4320 of them (108 each, the words typed), 40 of them in modules/01-m.md: make some of them choice checks.',
    ]]);
  });

  it('advises splitting only when each module would fit alone, and never for a package that is one module already', () => {
    const half = course(500);
    // The same checks over two modules: each half fits in a package of its own.
    const two: CourseData = {
      ...half,
      modules: [{ id: 'm', title: 'M', assessment: false, minutes: 1, pages: ['m--p'] }, { id: 'n', title: 'N', assessment: false, minutes: 1, pages: ['n--p'] }],
      pages: [{ id: 'm--p', module: 'm', title: 'P' }, { id: 'n--p', module: 'n', title: 'P' }],
      checks: [...half.checks, ...half.checks.map((c) => ({ ...c, id: `${c.id}-n`, page: 'n--p' }))],
    };
    expect(worstCaseSuspendDataLength(two)).toBeGreaterThan(4096);
    const whole = collectMessages('docs/authoring.md');
    checkSuspendBudget(two, whole.report, false, fileOf);
    expect(whole.messages.map((m) => [m.file, m.note])).toEqual([['course.yaml', 'Give it fewer pages, checks or options, or split the course (npx coursepack build --split modules).']]);
    const alone = collectMessages('docs/authoring.md');
    checkSuspendBudget(course(1000), alone.report, true, fileOf);
    expect(alone.messages.map((m) => [m.file, m.note])).toEqual([['modules/01-m.md', 'Give it fewer pages, checks or options (one package a module is as far as splitting goes).']]);
  });
});
