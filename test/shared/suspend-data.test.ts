import { describe, expect, it } from 'vitest';
import type { CheckData, CourseData } from '../../src/shared/course-data.js';
import {
  SUSPEND_DATA_LIMIT, decodeSuspendData, emptyLearnerState, encodeSuspendData, worstCaseSuspendDataLength, type LearnerState,
} from '../../src/shared/suspend-data.js';
import { makeCourse } from './course-fixture.js';

const REGISTRATION = '00112233-4455-6677-8899-aabbccddeeff';
/** All bits one: the registration that makes the longest string. */
const ALL_ONES = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

const full = (course: CourseData, registration: string | null = ALL_ONES): LearnerState => ({
  location: course.pages[course.pages.length - 1]?.id ?? null,
  viewed: new Set(course.pages.map((p) => p.id)),
  answers: new Map(course.checks.map((c) => [c.id, c.type === 'multiple' ? c.options.map((o) => o.id) : [c.options[c.options.length - 1]?.id ?? 'a']])),
  registration,
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

  const example: LearnerState = {
    location: 'm2--a',
    viewed: new Set(['m1--a', 'm1--b', 'm2--a']),
    answers: new Map<string, readonly string[]>([['practice', ['c']], ['q-multi', ['a', 'c']], ['q-tf', ['b']]]),
    registration: null,
  };

  it.each([
    ['without a registration (version 1)', null, '1'],
    ['with a registration (version 2)', REGISTRATION, '2'],
  ])('round-trips location, viewed pages and answers of every check type, %s', (_, registration, version) => {
    const state: LearnerState = { ...example, registration };
    const data = encodeSuspendData(course, state);
    expect(data).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(data[0]).toBe(version);
    expect(decodeSuspendData(course, data)).toEqual(state);
  });

  it('keeps its documented byte formats (learners\' saved progress depends on them)', () => {
    expect(encodeSuspendData(course, example)).toBe('1NuNTfZU');
    expect(encodeSuspendData(course, emptyLearnerState())).toBe('1NuNT');
    expect(encodeSuspendData(course, { ...example, registration: REGISTRATION })).toBe('2NuNTABEiM0RVZneImaq7zN3u_wfZU');
    expect(encodeSuspendData(course, { ...emptyLearnerState(), registration: REGISTRATION })).toBe('2NuNTABEiM0RVZneImaq7zN3u_w');
  });

  it('decodes a version 1 string written before registrations with registration null (learners mid-course resume)', () => {
    const state = decodeSuspendData(course, '1NuNTfZU');
    expect(state).toEqual(example);
    expect(state?.registration).toBeNull();
  });

  it('writes version 1 when the state has no registration field at all (callers written before xAPI)', () => {
    const legacy: LearnerState = { location: example.location, viewed: example.viewed, answers: example.answers, registration: null };
    expect(encodeSuspendData(course, legacy)).toBe('1NuNTfZU');
  });

  it('writes version 1, dropping it, when the registration is not a UUID', () => {
    expect(encodeSuspendData(course, { ...example, registration: 'not-a-uuid' })).toBe('1NuNTfZU');
  });

  it('decodes an upper-case registration back in canonical lower case', () => {
    const data = encodeSuspendData(course, { ...example, registration: REGISTRATION.toUpperCase() });
    expect(decodeSuspendData(course, data)?.registration).toBe(REGISTRATION);
  });

  it('keeps the registration through every value of each of its 16 bytes', () => {
    for (let byte = 0; byte < 256; byte += 17) {
      const hex = byte.toString(16).padStart(2, '0').repeat(16);
      const registration = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
      const data = encodeSuspendData(course, { ...emptyLearnerState(), registration });
      expect(decodeSuspendData(course, data)?.registration).toBe(registration);
    }
  });

  it('round-trips the empty and the full state', () => {
    expect(decodeSuspendData(course, encodeSuspendData(course, emptyLearnerState()))).toEqual(emptyLearnerState());
    expect(decodeSuspendData(course, encodeSuspendData(course, full(course)))).toEqual(full(course));
    expect(decodeSuspendData(course, encodeSuspendData(course, full(course, null)))).toEqual(full(course, null));
  });

  it('is compact: this course fits in a few characters, 22 of them the registration', () => {
    // 17 bits of state (3 location, 4 viewed, 2 + 2 + 4 + 2 answers) → 3 characters.
    expect(worstCaseSuspendDataLength(course)).toBe(5 + 22 + 3);
    expect(encodeSuspendData(course, full(course)).length).toBe(worstCaseSuspendDataLength(course));
    expect(encodeSuspendData(course, full(course, null)).length).toBe(worstCaseSuspendDataLength(course) - 22);
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
    ['other fingerprint', '2AAAAAAA'],
    ['unknown version', '3NuNT'],
    ['version 2 with a short registration', '2NuNTABEiM0RVZneImaq7zN3u'],
    ['version 2 with stray bits after the registration', '2NuNTABEiM0RVZneImaq7zN3u_x'],
    ['version 2 with a non-base64url registration', '2NuNTABEiM0RVZneImaq7zN3u?w'],
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
