import { describe, expect, it } from 'vitest';
import { initialState, localDay, progressOf, toLearnerState, update, type PlayerAction, type PlayerState } from '../../src/runtime/player-state.js';
import { emptyLearnerState } from '../../src/shared/suspend-data.js';
import { makeCourse, matchingCheck } from '../shared/course-fixture.js';

const course = makeCourse();
const start = (): PlayerState => initialState(course, emptyLearnerState(), { linked: null, passMark: 80, at: 0 });

/** Runs actions in turn; returns the last state and every event, in order. */
function run(state: PlayerState, ...actions: PlayerAction[]) {
  const events = [];
  for (const action of actions) {
    const result = update(course, state, action);
    state = result.state;
    events.push(...result.events);
  }
  return { state, events };
}
const show = (page: string, at = 0): PlayerAction => ({ type: 'show', page, via: 'navigation', at });
const answer = (check: string, chosen: string[], at = 0): PlayerAction => ({ type: 'answer', check, chosen, at });

describe('player state: a matching check', () => {
  const withMatching = makeCourse({ checks: [...course.checks, matchingCheck({ scored: false })] });
  const begin = (): PlayerState => initialState(withMatching, emptyLearnerState(), { linked: null, passMark: 80, at: 0 });

  it('takes an answer only when every item is matched, keeps it in item order, and says whether it is right', () => {
    const partial = update(withMatching, begin(), answer('q-match', ['a.b', 'b.a']));
    expect(partial.events).toEqual([]);
    expect(partial.state.answers.has('q-match')).toBe(false);
    const whole = update(withMatching, begin(), answer('q-match', ['c.b', 'b.a', 'a.b', 'z.a'], 5));
    expect(whole.state.answers.get('q-match')).toEqual(['a.b', 'b.a', 'c.b']);
    expect(whole.events).toEqual([{ type: 'answered', check: expect.objectContaining({ id: 'q-match' }), chosen: ['a.b', 'b.a', 'c.b'], correct: true, latencyMs: 5 }]);
    const wrong = update(withMatching, begin(), answer('q-match', ['a.a', 'b.a', 'c.b']));
    expect(wrong.events).toEqual([expect.objectContaining({ type: 'answered', correct: false })]);
  });
});

describe('player state', () => {
  it.each([
    ['a deep link wins', 'm2--a', { location: 'm1--b' }, 'page', 'm2--a'],
    ['else the bookmark', null, { location: 'm1--b' }, 'page', 'm1--b'],
    ['else the cover, on the first page', null, { location: null }, 'cover', 'm1--a'],
    ['after completion, the cover', null, { location: 'm2--b', completedOn: 20000 }, 'cover', 'm2--b'],
    ['an unknown page is ignored', null, { location: 'gone' }, 'cover', 'm1--a'],
  ])('opens on the right screen: %s', (_, linked, saved, screen, page) => {
    const state = initialState(course, { ...emptyLearnerState(), ...saved }, { linked, passMark: 80, at: 0 });
    expect([state.screen, state.page]).toEqual([screen, page]);
  });

  it('showing a page: page-viewed (first or not), and module-completed once its last page is viewed', () => {
    const { state, events } = run(start(), show('m1--a'), show('m1--b'), show('m1--a'), show('m1--b'));
    expect(events).toEqual([
      { type: 'page-viewed', page: 'm1--a', via: 'navigation', first: true },
      { type: 'page-viewed', page: 'm1--b', via: 'navigation', first: true },
      { type: 'module-completed', module: 'm1' },
      { type: 'page-viewed', page: 'm1--a', via: 'navigation', first: false },
      { type: 'page-viewed', page: 'm1--b', via: 'navigation', first: false },
    ]);
    expect(state.page).toBe('m1--b');
    expect(progressOf(course, state.viewed)).toBe(50);
    expect(run(start(), show('nowhere')).events).toEqual([]);
  });

  it('answers: latency on the study clock when it is given, not the wall clock (put right by 17 years with the page on screen)', () => {
    const wall = Date.parse('2009-01-01T08:00:00Z');
    const shown = update(course, start(), show('m1--b', wall), 60_000);
    const later = wall + 17 * 365 * 86_400_000;
    const answered = update(course, shown.state, answer('practice', ['b'], later), 90_000).events.filter((e) => e.type === 'answered');
    expect(answered.map((e) => e.latencyMs)).toEqual([30_000]);
  });

  it('answers: latency since the page was shown or the last answer; only known options count', () => {
    const { state, events } = run(start(), show('m1--b', 1000), answer('practice', ['a', 'zz'], 4000), answer('practice', ['b'], 4500));
    const answered = events.filter((e) => e.type === 'answered');
    expect(answered.map((e) => [e.chosen, e.correct, e.latencyMs])).toEqual([[['a'], false, 3000], [['b'], true, 500]]);
    expect(state.answers.get('practice')).toEqual(['b']);
    expect(run(start(), answer('practice', [])).events).toEqual([]);
    expect(run(start(), answer('unknown', ['a'])).events).toEqual([]);
  });

  it('scored answers are drafts until the whole scored check is submitted (revealAnswers: after-submit)', () => {
    const { state, events } = run(start(), answer('q-single', ['b'], 10), answer('q-single', ['a'], 20), answer('q-multi', ['a', 'c'], 30));
    expect(events.map((e) => e.type)).toEqual(['chosen', 'chosen', 'chosen']);
    expect(state.answers.get('q-single')).toEqual(['a']);
    expect(run(state, { type: 'submit', at: 40 }).events).toEqual([]); // q-tf is not answered yet
    const done = run(state, answer('q-tf', ['a'], 40), { type: 'submit', at: 50 });
    expect(done.events.filter((e) => e.type === 'answered').map((e) => [e.check.id, e.correct])).toEqual([
      ['q-single', true], ['q-multi', true], ['q-tf', false],
    ]);
    expect(done.events.at(-1)).toEqual({ type: 'attempt-ended', attempt: 1, score: 67, passed: false });
    expect(done.state.submitted).toBe(true);
    expect(run(done.state, answer('q-tf', ['b'])).events).toEqual([]);
  });

  it('a scored answer drafted in an earlier session is submitted with no latency (its time was not kept), not 0 s', () => {
    const drafted = run(start(), answer('q-single', ['a'], 10), answer('q-multi', ['a', 'c'], 20)).state;
    // The next launch starts from what suspend_data keeps: the answers, not their times.
    const resumed = initialState(course, { ...emptyLearnerState(), answers: drafted.answers }, { linked: null, passMark: 80, at: 0 });
    const done = run(resumed, answer('q-tf', ['b'], 700), { type: 'submit', at: 800 });
    expect(done.events.filter((e) => e.type === 'answered').map((e) => [e.check.id, e.latencyMs])).toEqual([['q-single', null], ['q-multi', null], ['q-tf', 700]]);
  });

  it('with revealAnswers: immediately each scored answer is final, and the last one submits', () => {
    const immediate = makeCourse({ completion: { ...course.completion, revealAnswers: 'immediately' } });
    let state = initialState(immediate, emptyLearnerState(), { linked: null, passMark: 80, at: 0 });
    const events = [];
    for (const action of [answer('q-single', ['b']), answer('q-single', ['a']), answer('q-multi', ['a', 'c']), answer('q-tf', ['b'])]) {
      const result = update(immediate, state, action);
      state = result.state;
      events.push(...result.events);
    }
    expect(state.answers.get('q-single')).toEqual(['b']);
    expect(events.filter((e) => e.type === 'answered')).toHaveLength(3);
    expect(events.at(-1)).toEqual({ type: 'attempt-ended', attempt: 1, score: 67, passed: false });
    expect(state.submitted).toBe(true);
  });

  it.each([
    ['all', ['practice']],
    ['missed', ['practice', 'q-multi', 'q-tf']],
  ] as const)('Try again with retry: %s clears the scored answers it asks again; practice answers stay', (retry, kept) => {
    const mode = makeCourse({ completion: { ...course.completion, retry } });
    let state = initialState(mode, emptyLearnerState(), { linked: null, passMark: 80, at: 0 });
    const actions: PlayerAction[] = [answer('practice', ['b']), answer('q-single', ['b']), answer('q-multi', ['a', 'c']), answer('q-tf', ['b']), { type: 'submit', at: 0 }];
    for (const action of actions) state = update(mode, state, action).state;
    const result = update(mode, state, { type: 'retry', at: 0 });
    expect(result.events).toEqual([{ type: 'attempt-started', attempt: 2 }]);
    expect([...result.state.answers.keys()]).toEqual(kept);
    expect(result.state.submitted).toBe(false);
    expect(update(mode, result.state, { type: 'retry', at: 0 }).events).toEqual([]);
    // What Try again kept is final in this attempt: not asked again, so it cannot be changed (nor made wrong).
    expect([...result.state.kept]).toEqual(kept.filter((id) => id !== 'practice'));
    const changed = update(mode, result.state, answer('q-multi', ['b']));
    expect(changed.state.answers.get('q-multi')).toEqual(retry === 'missed' ? ['a', 'c'] : ['b']);
    // Submitting attempt 2 reports only the questions asked in it: a kept one was answered (and reported) in attempt 1.
    let second = result.state;
    for (const action of [answer('q-single', ['a']), answer('q-multi', ['a', 'c']), answer('q-tf', ['a'])]) second = update(mode, second, action).state;
    const submitted = update(mode, second, { type: 'submit', at: 0 });
    expect(submitted.events.filter((e) => e.type === 'answered').map((e) => e.check.id)).toEqual(retry === 'missed' ? ['q-single'] : ['q-single', 'q-multi', 'q-tf']);
    // Start over clears what was kept with the rest.
    expect(update(mode, result.state, { type: 'restart', at: 0 }).state.kept.size).toBe(0);
  });

  it('the first time the completion rule is met the day is kept, once', () => {
    const day = 20_424;
    const at = day * 86_400_000 + 5000;
    const pages = course.pages.map((p) => show(p.id, at));
    const { state, events } = run(start(), ...pages, answer('q-single', ['a']), answer('q-multi', ['a', 'c']), answer('q-tf', ['b']), { type: 'submit', at });
    expect(events.filter((e) => e.type === 'course-completed')).toEqual([{ type: 'course-completed', day }]);
    expect(state.completedOn).toBe(day);
    expect(run(state, show('m1--a', at + 86_400_000)).state.completedOn).toBe(day);
  });

  it('Start over clears this attempt\'s progress and opens the first page; the registration stays', () => {
    const saved = { ...emptyLearnerState(), registration: '6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5' };
    const busy = run(initialState(course, saved, { linked: null, passMark: 80, at: 0 }), show('m2--a'), answer('practice', ['b'])).state;
    const { state, events } = run(busy, { type: 'restart', at: 0 });
    expect(events.map((e) => e.type)).toEqual(['restarted', 'page-viewed']);
    expect([state.screen, state.page, [...state.viewed], state.answers.size, state.registration]).toEqual(['page', 'm1--a', ['m1--a'], 0, saved.registration]);
  });

  it('opening the cover or the results changes the screen, never the bookmark', () => {
    const { state, events } = run(start(), show('m2--a'), { type: 'open', screen: 'results', via: 'navigation', at: 0 });
    expect([state.screen, state.page]).toEqual(['results', 'm2--a']);
    expect(events.at(-1)).toEqual({ type: 'screen-shown', screen: 'results', via: 'navigation' });
  });

  it('leaving ends the session: exited first once, then again for later triggers; nothing else changes', () => {
    const { state, events } = run(start(), { type: 'leave', trigger: 'beforeunload', at: 0 }, { type: 'leave', trigger: 'pagehide', at: 0 },
      show('m1--b'), answer('practice', ['b']), { type: 'reflect', reflection: 'r1', text: 'x' });
    expect(events).toEqual([
      { type: 'exited', trigger: 'beforeunload', first: true },
      { type: 'exited', trigger: 'pagehide', first: false },
    ]);
    expect(state.ended).toBe(true);
    expect(state.page).toBe('m1--a');
  });

  it('keeps the registration and the assessment\'s progress with the rest for suspend_data', () => {
    const saved = { ...emptyLearnerState(), registration: '6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5', attempt: 2 };
    const state = run(initialState(course, saved, { linked: null, passMark: 80, at: 0 }), show('m2--a')).state;
    expect(toLearnerState(state)).toEqual({ ...saved, location: 'm2--a', viewed: new Set(['m2--a']) });
  });
});

describe('player state without a pass mark', () => {
  it('every check is practice: answered at once, nothing to submit', () => {
    const state = initialState(course, emptyLearnerState(), { linked: null, passMark: null, at: 0 });
    const result = update(course, state, { type: 'answer', check: 'q-single', chosen: ['b'], at: 5 });
    expect(result.events).toEqual([expect.objectContaining({ type: 'answered', correct: false, latencyMs: 5 })]);
    expect(update(course, result.state, { type: 'submit', at: 6 }).events).toEqual([]);
  });
});

describe('player state: the completion day is the learner\'s own', () => {
  it.each([
    ['California, 5:30 pm on 10 March', 'America/Los_Angeles', Date.UTC(2026, 2, 11, 0, 30), Date.UTC(2026, 2, 10)],
    ['Sydney, 9:00 am on 11 March', 'Australia/Sydney', Date.UTC(2026, 2, 10, 22, 0), Date.UTC(2026, 2, 11)],
    ['Madrid at noon', 'Europe/Madrid', Date.UTC(2026, 2, 10, 11, 0), Date.UTC(2026, 2, 10)],
  ])('%s', (_, zone, at, day) => {
    const before = process.env.TZ;
    process.env.TZ = zone;
    try {
      expect(localDay(at)).toBe(day / 86_400_000);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});
