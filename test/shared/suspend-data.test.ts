import { describe, expect, it } from 'vitest';
import type { CheckData, CourseData } from '../../src/shared/course-data.js';
import {
  SUSPEND_DATA_LIMIT, decodeSuspendData, emptyLearnerState, encodeSuspendData, worstCaseSuspendDataLength, type LearnerState,
} from '../../src/shared/suspend-data.js';
import { makeCourse } from './course-fixture.js';

const full = (course: CourseData): LearnerState => ({
  location: course.pages[course.pages.length - 1]?.id ?? null,
  viewed: new Set(course.pages.map((p) => p.id)),
  answers: new Map(course.checks.map((c) => [c.id, c.type === 'multiple' ? c.options.map((o) => o.id) : [c.options[c.options.length - 1]?.id ?? 'a']])),
});

/** A big course: `pages` pages and `checks` multiple-choice checks of 26 options (the authoring maximum). */
function bigCourse(pages: number, checks: number): CourseData {
  const letters = 'abcdefghijklmnopqrstuvwxyz'.split('');
  const pageList = Array.from({ length: pages }, (_, i) => ({ id: `m--p${i}`, module: 'm', title: `P${i}` }));
  const checkList: CheckData[] = Array.from({ length: checks }, (_, i) => ({
    id: `c${i}`, page: 'm--p0', type: 'multiple', scored: true, prompt: 'Q',
    options: letters.map((id) => ({ id, correct: id === 'a', text: id, feedback: '' })),
  }));
  return makeCourse({ id: 'big', pages: pageList, checks: checkList, modules: [{ id: 'm', title: 'M', assessment: true, minutes: 1, pages: pageList.map((p) => p.id) }] });
}

describe('suspend_data codec', () => {
  const course = makeCourse();

  it('round-trips location, viewed pages and answers of every check type', () => {
    const state: LearnerState = {
      location: 'm2--a',
      viewed: new Set(['m1--a', 'm1--b', 'm2--a']),
      answers: new Map<string, readonly string[]>([['practice', ['c']], ['q-multi', ['a', 'c']], ['q-tf', ['b']]]),
    };
    const data = encodeSuspendData(course, state);
    expect(data).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeSuspendData(course, data)).toEqual(state);
  });

  it('keeps its documented byte format (learners\' saved progress depends on it)', () => {
    const state: LearnerState = {
      location: 'm2--a',
      viewed: new Set(['m1--a', 'm1--b', 'm2--a']),
      answers: new Map<string, readonly string[]>([['practice', ['c']], ['q-multi', ['a', 'c']], ['q-tf', ['b']]]),
    };
    expect(encodeSuspendData(course, state)).toBe('1NuNTfZU');
    expect(encodeSuspendData(course, emptyLearnerState())).toBe('1NuNT');
  });

  it('round-trips the empty and the full state', () => {
    expect(decodeSuspendData(course, encodeSuspendData(course, emptyLearnerState()))).toEqual(emptyLearnerState());
    expect(decodeSuspendData(course, encodeSuspendData(course, full(course)))).toEqual(full(course));
  });

  it('is compact: this course fits in a handful of characters', () => {
    expect(encodeSuspendData(course, full(course)).length).toBeLessThanOrEqual(worstCaseSuspendDataLength(course));
    expect(worstCaseSuspendDataLength(course)).toBeLessThan(15);
  });

  it('never exceeds worstCaseSuspendDataLength, whatever the state', () => {
    const big = bigCourse(300, 60);
    const worst = worstCaseSuspendDataLength(big);
    expect(encodeSuspendData(big, full(big)).length).toBe(worst);
    expect(worst).toBeLessThan(SUSPEND_DATA_LIMIT);
  });

  it('reports a worst case above the limit for a course that could overflow', () => {
    expect(worstCaseSuspendDataLength(bigCourse(1000, 1000))).toBeGreaterThan(SUSPEND_DATA_LIMIT);
  });

  it.each([
    ['empty', ''],
    ['garbage', 'hello world'],
    ['other version', '2AAAAAAA'],
    ['non-base64url', '1????'],
  ])('decodes %s to null', (_, data) => {
    expect(decodeSuspendData(course, data)).toBeNull();
  });

  it('decodes to null when the course structure changed (page added, option removed, check renamed)', () => {
    const data = encodeSuspendData(course, full(course));
    expect(decodeSuspendData(makeCourse({ pages: [...course.pages, { id: 'm2--c', module: 'm2', title: 'E' }] }), data)).toBeNull();
    expect(decodeSuspendData(makeCourse({ checks: course.checks.map((c) => ({ ...c, id: `${c.id}x` })) }), data)).toBeNull();
    expect(decodeSuspendData(makeCourse({ id: 'another' }), data)).toBeNull();
  });

  it('still decodes when only titles, feedback or the version changed', () => {
    const data = encodeSuspendData(course, full(course));
    const edited = makeCourse({ version: '1.0.1', title: 'Renamed', pages: course.pages.map((p) => ({ ...p, title: `${p.title}!` })) });
    expect(decodeSuspendData(edited, data)).toEqual(full(course));
  });

  it('rejects a string that is too long or has stray bits', () => {
    const data = encodeSuspendData(course, full(course));
    expect(decodeSuspendData(course, `${data}AAAAAAAA`)).toBeNull();
    expect(decodeSuspendData(course, `${data.slice(0, 5)}__________`)).toBeNull();
  });
});
