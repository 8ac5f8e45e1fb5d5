import { describe, expect, it } from 'vitest';
import { initialState, progressOf, toLearnerState, update, type PlayerAction, type PlayerState } from '../../src/runtime/player-state.js';
import { emptyLearnerState } from '../../src/shared/suspend-data.js';
import { makeCourse } from '../shared/course-fixture.js';

const course = makeCourse();
const start = (): PlayerState => initialState(course, emptyLearnerState(), null, 0);

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

describe('player state', () => {
  it.each([
    ['a deep link wins', 'm2--a', { location: 'm1--b' }, 'm2--a'],
    ['else the bookmark', null, { location: 'm1--b' }, 'm1--b'],
    ['else the first page', null, { location: null }, 'm1--a'],
    ['an unknown page is ignored', 'nope', { location: 'gone' }, 'm1--a'],
  ])('opens on the right page: %s', (_, linked, saved, page) => {
    expect(initialState(course, { ...emptyLearnerState(), ...saved }, linked, 0).page).toBe(page);
  });

  it('showing a page: page-viewed (first or not), and module-completed once its last page is viewed', () => {
    const { state, events } = run(start(), show('m1--a'), show('m1--b'), show('m1--a'), show('m1--b'));
    expect(events).toEqual([
      { type: 'page-viewed', page: 'm1--a', via: 'navigation', first: true },
      { type: 'page-viewed', page: 'm1--b', via: 'navigation', first: true },
      { type: 'module-completed', module: 'm1', progress: 50 },
      { type: 'page-viewed', page: 'm1--a', via: 'navigation', first: false },
      { type: 'page-viewed', page: 'm1--b', via: 'navigation', first: false },
    ]);
    expect(state.page).toBe('m1--b');
    expect(progressOf(course, state.viewed)).toBe(50);
    expect(run(start(), show('nowhere')).events).toEqual([]);
  });

  it('answers: latency since the page was shown or the last answer; only known options count', () => {
    const { state, events } = run(start(), show('m1--b', 1000), answer('practice', ['a', 'zz'], 4000), answer('practice', ['b'], 4500));
    const answered = events.filter((e) => e.type === 'answered');
    expect(answered.map((e) => [e.chosen, e.correct, e.latencyMs])).toEqual([[['a'], false, 3000], [['b'], true, 500]]);
    expect(state.answers.get('practice')).toEqual(['b']);
    expect(run(start(), answer('practice', [])).events).toEqual([]);
    expect(run(start(), answer('unknown', ['a'])).events).toEqual([]);
  });

  it('a scored answer is final for the attempt; the last one ends the attempt with the score', () => {
    const { state, events } = run(start(),
      answer('q-single', ['b']), answer('q-single', ['a']), answer('q-multi', ['a', 'c']), answer('q-tf', ['b']));
    expect(state.answers.get('q-single')).toEqual(['b']);
    expect(events.filter((e) => e.type === 'answered')).toHaveLength(3);
    expect(events.at(-1)).toEqual({ type: 'attempt-ended', attempt: 1, score: 67 });
  });

  it('Try again clears the scored answers only and starts the next attempt', () => {
    const done = run(start(), answer('practice', ['b']), answer('q-single', ['b']), answer('q-multi', ['a']), answer('q-tf', ['a']));
    const { state, events } = run(done.state, { type: 'retry', at: 0 });
    expect(events).toEqual([{ type: 'attempt-started', attempt: 2 }]);
    expect([...state.answers.keys()]).toEqual(['practice']);
    expect(run(state, { type: 'retry', at: 0 }).events).toEqual([]);
    const again = run(state, answer('q-single', ['a']), answer('q-multi', ['a', 'c']), answer('q-tf', ['b']));
    expect(again.events.at(-1)).toEqual({ type: 'attempt-ended', attempt: 2, score: 100 });
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

  it('keeps the registration with the progress for suspend_data', () => {
    const saved = { ...emptyLearnerState(), registration: '6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5' };
    const state = run(initialState(course, saved, null, 0), show('m2--a')).state;
    expect(toLearnerState(state)).toEqual({ location: 'm2--a', viewed: new Set(['m2--a']), answers: new Map(), registration: saved.registration });
  });
});
