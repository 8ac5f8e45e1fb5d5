import { describe, expect, it } from 'vitest';
import type { CheckData, CourseData } from '../../src/shared/course-data.js';
import {
  SUSPEND_DATA_LIMIT, decodeSuspendData, emptyLearnerState, encodeSuspendData, worstCaseSuspendDataLength, type LearnerState,
} from '../../src/shared/suspend-data.js';
import { fillInCheck, makeCourse, matchingCheck } from './course-fixture.js';

const REGISTRATION = '00112233-4455-6677-8899-aabbccddeeff';
/** All bits one: the registration that makes the longest string. */
const ALL_ONES = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

const full = (course: CourseData, registration: string | null = ALL_ONES): LearnerState => ({
  location: course.pages[course.pages.length - 1]?.id ?? null,
  viewed: new Set(course.pages.map((p) => p.id)),
  answers: new Map(course.checks.map((c) => [c.id, c.type === 'multiple' ? c.options.map((o) => o.id) : [c.options[c.options.length - 1]?.id ?? 'a']])),
  registration,
  submitted: true,
  attempt: 16,
  completedOn: 18262 + 65534,
  // Every scored check kept: the worst case counts these bits too.
  kept: new Set(course.checks.filter((c) => c.scored).map((c) => c.id)),
});

/** A big course: `pages` pages and `checks` multiple-choice checks of 26 options (the authoring maximum). */
function bigCourse(pages: number, checks: number): CourseData {
  const letters = 'abcdefghijklmnopqrstuvwxyz'.split('');
  const pageList = Array.from({ length: pages }, (_, i) => ({ id: `m--p${i}`, module: 'm', title: `P${i}` }));
  const checkList: CheckData[] = Array.from({ length: checks }, (_, i) => ({
    id: `c${i}`, page: 'm--p0', type: 'multiple', scored: true, prompt: 'Q', shuffle: false, review: null,
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
    submitted: false,
    attempt: 1,
    completedOn: null,
    kept: new Set(),
  };

  it.each([
    ['without a registration', null, false, 1, null, []],
    ['with a registration, submitted, attempt 3, completed on 2 December 2026', REGISTRATION, true, 3, 20789, []],
    ['in attempt 2 with a right answer kept by Try again (retry: missed)', null, false, 2, null, ['q-multi']],
  ])('round-trips location, viewed pages, answers of every check type and the assessment\'s progress, %s', (_, registration, submitted, attempt, completedOn, kept) => {
    const state: LearnerState = { ...example, registration, submitted, attempt, completedOn, kept: new Set(kept) };
    const data = encodeSuspendData(course, state);
    expect(data).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(data[0]).toBe('6');
    expect(decodeSuspendData(course, data)).toEqual(state);
  });

  it('keeps its documented byte format (learners\' saved progress depends on it)', () => {
    expect(encodeSuspendData(course, emptyLearnerState())).toBe('6K3As');
    // 22 bits of progress (no registration, not submitted, attempt 1, not completed), 3 kept bits (one per
    // scored check, none kept), then the 17 of state:
    // 000000 000000 000000 000000 001111 101100 101010 → AAAAPsq.
    expect(encodeSuspendData(course, example)).toBe('6K3AsAAAAPsq');
    // q-multi (the second scored check) kept: the kept bits are 010.
    // 000000 000000 000000 000001 001111 101100 101010 → AAABPsq.
    expect(encodeSuspendData(course, { ...example, kept: new Set(['q-multi']) })).toBe('6K3AsAAABPsq');
    // What version 5 wrote (before its fingerprint covered right answers) still decodes: learners resume.
    expect(decodeSuspendData(course, '5A42TAAAAPsq')).toEqual(example);
    expect(decodeSuspendData(course, '5A42TAAABPsq')).toEqual({ ...example, kept: new Set(['q-multi']) });
  });

  it('is not read by a republished course whose right option moved to another letter (a saved b would be read as right); is read after a typo fixed in an option, or wrong options swapped', () => {
    const data = encodeSuspendData(course, example);
    const single = course.checks.find((c) => c.type === 'single');
    if (!single) throw new Error('fixture');
    const republish = (options: typeof single.options) => makeCourse({ checks: course.checks.map((c) => (c.id === single.id ? { ...c, options } : c)) });
    const [first, second, ...rest] = single.options;
    if (!first || !second) throw new Error('fixture');
    // The first two swapped, their letters kept: the right answer is now another letter.
    const moved = republish([{ ...second, id: first.id }, { ...first, id: second.id }, ...rest]);
    expect(first.correct === second.correct).toBe(false);
    expect(decodeSuspendData(moved, data)).toBeNull();
    expect(decodeSuspendData(republish([{ ...first, text: `${first.text} (fixed)` }, second, ...rest]), data)).toEqual(example);
  });

  it.each([
    ['version 1 (before registrations)', '1NuNTfZU', null],
    ['version 2 (with a registration)', '2NuNTABEiM0RVZneImaq7zN3u_wfZU', REGISTRATION],
    ['version 3 (progress, no kept answers)', '3NuNTAAAB9lQ', null],
    ['version 3 with a registration', '3NuNTgAiRGaIqszvETNVd5m73f4AAAfZU', REGISTRATION],
  ])('still decodes %s: learners mid-course resume, attempt 1, not completed, nothing kept', (_, data, registration) => {
    expect(decodeSuspendData(course, data)).toEqual({ ...example, registration });
  });

  it('still decodes version 4 (before the fingerprint covered scored checks), a right kept answer included', () => {
    expect(decodeSuspendData(course, '4NuNTAAAAPsq')).toEqual(example);
    expect(decodeSuspendData(course, '4NuNTAAABPsq')).toEqual({ ...example, kept: new Set(['q-multi']) });
  });

  it('does not decode when a republished course only changed which checks are scored', () => {
    // The kept bits come one per scored check first, so making a check practice shifts every later bit.
    const practiceAgain = makeCourse({ checks: course.checks.map((c) => (c.id === 'q-single' ? { ...c, scored: false } : c)) });
    const saved = { ...example, kept: new Set(['q-multi']) };
    expect(decodeSuspendData(practiceAgain, encodeSuspendData(course, saved))).toBeNull();
    // A version 4 string cannot tell from its fingerprint; its kept answer read onto a wrong one gives it away.
    expect(decodeSuspendData(practiceAgain, '4NuNTAAABPsq')).toBeNull();
  });

  it('refuses a kept answer that is not there (not a string this encoder writes)', () => {
    const data = encodeSuspendData(course, { ...example, kept: new Set(['q-single']) });
    expect(decodeSuspendData(course, data)).toBeNull();
  });

  it('reads a version 1 or 2 string with every scored check answered as submitted (those players locked each answer)', () => {
    // location 011 · viewed 1110 · practice 11 · q-single 01 · q-multi 1010 · q-tf 10 → 011111 011011 010100 → fbU
    expect(decodeSuspendData(course, '1NuNTfbU')?.submitted).toBe(true);
    expect(decodeSuspendData(course, '1NuNTfZU')?.submitted).toBe(false);
  });

  it('drops a registration that is not a UUID', () => {
    expect(decodeSuspendData(course, encodeSuspendData(course, { ...example, registration: 'not-a-uuid' }))?.registration).toBeNull();
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

  it('is compact: this course fits in a few characters, most of them the registration', () => {
    // 150 bits of registration and progress, 3 kept bits, 17 of state (3 location, 4 viewed, 2 + 2 + 4 + 2 answers)
    // → 170 bits, 29 characters.
    expect(worstCaseSuspendDataLength(course)).toBe(5 + 29);
    expect(encodeSuspendData(course, full(course)).length).toBe(worstCaseSuspendDataLength(course));
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
    ['unknown version', '5NuNT'],
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

  it('rejects a string that is too long or has stray padding bits', () => {
    expect(decodeSuspendData(course, `${encodeSuspendData(course, full(course))}AAAAAAAA`)).toBeNull();
    // 'AAAB9lQ' ends with 3 padding bits; 'R' is 'Q' with the last one set.
    expect(decodeSuspendData(course, '3NuNTAAAB9lR')).toBeNull();
  });
});

describe('suspend_data codec: a matching check', () => {
  const base = makeCourse();
  const course = makeCourse({ checks: [...base.checks, matchingCheck()] });
  const state = (answer: readonly string[]): LearnerState => ({ ...emptyLearnerState(), answers: new Map([['q-match', answer]]) });

  it('keeps each item\'s match: whole, partly matched (a draft), and answers in any order come back in item order', () => {
    const whole = ['a.b', 'b.a', 'c.c'];
    expect(decodeSuspendData(course, encodeSuspendData(course, state(whole)))?.answers.get('q-match')).toEqual(whole);
    expect(decodeSuspendData(course, encodeSuspendData(course, state(['c.a'])))?.answers.get('q-match')).toEqual(['c.a']);
    expect(decodeSuspendData(course, encodeSuspendData(course, state(['b.c', 'a.a'])))?.answers.get('q-match')).toEqual(['a.a', 'b.c']);
  });

  it('takes 2 bits an item here (3 answers and none), and the worst case counts them', () => {
    expect(worstCaseSuspendDataLength(course) * 6 - worstCaseSuspendDataLength(base) * 6).toBeGreaterThanOrEqual(6);
    const fullState: LearnerState = { ...full(course), answers: new Map([...full(course).answers].filter(([id]) => id !== 'q-match').concat([['q-match', ['a.c', 'b.c', 'c.c']]])) };
    expect(encodeSuspendData(course, fullState).length).toBeLessThanOrEqual(worstCaseSuspendDataLength(course));
    expect(decodeSuspendData(course, encodeSuspendData(course, fullState))).toEqual(fullState);
  });

  it('decodes after an answer or an item is reworded (letters follow the author\'s order), not after an item gets another answer', () => {
    const data = encodeSuspendData(course, state(['a.b', 'b.a', 'c.b']));
    const reworded = matchingCheck({
      targets: (matchingCheck().targets ?? []).map((t) => ({ ...t, text: `${t.text}, reworded` })),
      options: matchingCheck().options.map((o) => ({ ...o, text: `${o.text} (new words)` })),
    });
    expect(decodeSuspendData(makeCourse({ checks: [...base.checks, reworded] }), data)?.answers.get('q-match')).toEqual(['a.b', 'b.a', 'c.b']);
    const rekeyed = matchingCheck({ options: matchingCheck().options.map((o) => (o.id === 'c' ? { ...o, match: 'c' } : o)) });
    expect(decodeSuspendData(makeCourse({ checks: [...base.checks, rekeyed] }), data)).toBeNull();
  });

  it('does not decode once the check has another number of answers (every item\'s field would shift)', () => {
    const data = encodeSuspendData(course, state(['a.b', 'b.a', 'c.b']));
    const fewer = matchingCheck({ targets: (matchingCheck().targets ?? []).slice(0, 2) });
    expect(decodeSuspendData(makeCourse({ checks: [...base.checks, fewer] }), data)).toBeNull();
    // The fingerprint of a course without a matching check is what it was: no learner's saved progress is lost.
    expect(encodeSuspendData(base, emptyLearnerState())).toBe('6K3As');
  });
});

describe('suspend_data codec: a fill-in check', () => {
  const base = makeCourse();
  const course = makeCourse({ checks: [...base.checks, fillInCheck()] });
  const state = (typed: string): LearnerState => ({ ...emptyLearnerState(), answers: new Map([['q-typed', [typed]]]) });
  const typedBack = (typed: string) => decodeSuspendData(course, encodeSuspendData(course, state(typed)))?.answers.get('q-typed');

  it('keeps the words typed, as typed (capitals, accents, any script, a character outside the BMP)', () => {
    for (const words of ['Learning', 'to learn', 'a\u00f1o', '\u5b66\u7fd2', 'x\u{1f600}y', 'x'.repeat(40)]) expect(typedBack(words)).toEqual([words]);
    expect(decodeSuspendData(course, encodeSuspendData(course, emptyLearnerState()))?.answers.has('q-typed')).toBe(false);
  });

  it('keeps them cleaned as the player keeps them (spaces folded, 40 characters)', () => {
    expect(typedBack('  to   learn ')).toEqual(['to learn']);
    expect(typedBack('y'.repeat(50))).toEqual(['y'.repeat(40)]);
  });

  it('counts 6 + 40 × 16 bits for it in the worst case, and the longest answer fits in it', () => {
    expect(worstCaseSuspendDataLength(course) * 6 - worstCaseSuspendDataLength(base) * 6).toBeGreaterThanOrEqual(646);
    expect(worstCaseSuspendDataLength(course) - worstCaseSuspendDataLength(base)).toBeLessThanOrEqual(108);
    const longest = { ...full(course), answers: new Map([...full(course).answers].filter(([id]) => id !== 'q-typed').concat([['q-typed', ['\uffff'.repeat(40)]]])) };
    expect(encodeSuspendData(course, longest).length).toBeLessThanOrEqual(worstCaseSuspendDataLength(course));
    expect(decodeSuspendData(course, encodeSuspendData(course, longest))).toEqual(longest);
  });

  it('decodes after the author adds, rewords or removes an entry (the words typed are what is kept)', () => {
    const data = encodeSuspendData(course, state('trust'));
    const more = fillInCheck({ options: [...fillInCheck().options, { id: 'e', correct: false, text: 'respect', feedback: '<p>No.</p>' }] });
    const fewer = fillInCheck({ options: fillInCheck().options.slice(0, 2) });
    for (const check of [more, fewer]) expect(decodeSuspendData(makeCourse({ checks: [...base.checks, check] }), data)?.answers.get('q-typed')).toEqual(['trust']);
  });

  it('never decodes an answer the player would not keep (a space at an end, a blank): every one-bit change of a saved "!b" is tried', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const saved = encodeSuspendData(course, state('!b'));
    let decoded = 0;
    let unclean = 0;
    for (let at = 5; at < saved.length; at++) {
      for (let bit = 0; bit < 6; bit++) {
        const value = alphabet.indexOf(saved[at] as string) ^ (1 << bit);
        const changed = saved.slice(0, at) + alphabet[value] + saved.slice(at + 1);
        const typed = decodeSuspendData(course, changed)?.answers.get('q-typed')?.[0];
        if (typed === undefined) continue;
        decoded++;
        if (typed !== typed.trim() || typed.replace(/\s+/g, ' ') !== typed) unclean++;
      }
    }
    // "!" (0x21) is one bit from " " (0x20): that change, and every other, decodes to a clean answer or not at all.
    expect(decoded).toBeGreaterThan(0);
    expect(unclean).toBe(0);
    expect(decodeSuspendData(course, encodeSuspendData(course, state(' b')))?.answers.get('q-typed')).toEqual(['b']);
  });
});
