import { describe, expect, it, vi } from 'vitest';
import { initialState } from '../../src/runtime/player-state.js';
import { createPlayerStore, type Change } from '../../src/runtime/player-store.js';
import { emptyLearnerState } from '../../src/shared/suspend-data.js';
import { makeCourse } from '../shared/course-fixture.js';

const course = makeCourse();

describe('player store', () => {
  it('tells every subscriber each change, in order, including actions dispatched by a subscriber', () => {
    const store = createPlayerStore(course, initialState(course, emptyLearnerState(), { linked: null, passMark: 80, at: 0 }));
    const seen: string[] = [];
    store.subscribe(({ action }) => {
      seen.push(`first:${action.type}`);
      if (action.type === 'retry') store.dispatch({ type: 'show', page: 'm2--a', via: 'navigation', at: 0 });
    });
    store.subscribe(({ action }: Change) => seen.push(`second:${action.type}`));
    for (const [check, chosen] of [['q-single', ['a']], ['q-multi', ['a']], ['q-tf', ['b']]] as const) store.dispatch({ type: 'answer', check, chosen, at: 0 });
    store.dispatch({ type: 'submit', at: 0 });
    seen.length = 0;
    store.dispatch({ type: 'retry', at: 0 });
    expect(seen).toEqual(['first:retry', 'second:retry', 'first:show', 'second:show']);
    expect(store.state.page).toBe('m2--a');
  });

  it('a subscriber that throws does not stop the others (the LMS still hears everything)', () => {
    const store = createPlayerStore(course, initialState(course, emptyLearnerState(), { linked: null, passMark: 80, at: 0 }));
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const heard: string[] = [];
    store.subscribe(() => { throw new Error('broken view'); });
    store.subscribe(({ state }) => heard.push(state.page));
    store.dispatch({ type: 'show', page: 'm1--b', via: 'navigation', at: 0 });
    expect(heard).toEqual(['m1--b']);
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });

  it('an action that changes nothing reaches no subscriber', () => {
    const store = createPlayerStore(course, initialState(course, emptyLearnerState(), { linked: null, passMark: 80, at: 0 }));
    const listener = vi.fn();
    store.subscribe(listener);
    store.dispatch({ type: 'show', page: 'not-a-page', via: 'navigation', at: 0 });
    expect(listener).not.toHaveBeenCalled();
  });
});
