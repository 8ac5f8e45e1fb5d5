/**
 * Holds the player's state and tells subscribers (views, trackers) what each action changed.
 * The only mutable piece of the player; `update` (player-state.ts) does the thinking.
 */
import type { CourseData } from '../shared/course-data.js';
import { update, type PlayerAction, type PlayerEvent, type PlayerState } from './player-state.js';

export interface Change {
  readonly state: PlayerState;
  readonly previous: PlayerState;
  readonly events: readonly PlayerEvent[];
  readonly action: PlayerAction;
}

export type Subscriber = (change: Change) => void;

export interface PlayerStore {
  readonly state: PlayerState;
  dispatch(action: PlayerAction): void;
  /** Subscribers run in the order they subscribed: trackers first, so what the LMS hears never waits on a view. */
  subscribe(subscriber: Subscriber): void;
}

/** `studyMs`: the study clock (study-clock.ts) answers' latency is counted on; each action's wall-clock `at` when not given. */
export function createPlayerStore(course: CourseData, initial: PlayerState, studyMs?: () => number): PlayerStore {
  let state = initial;
  const subscribers: Subscriber[] = [];
  const queue: PlayerAction[] = [];
  let running = false;
  return {
    get state() {
      return state;
    },
    dispatch(action) {
      // An action dispatched by a subscriber (Try again shows a page) runs after the current one
      // has reached every subscriber, so all of them see changes in the same order.
      queue.push(action);
      if (running) return;
      running = true;
      try {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const previous = state;
          const result = update(course, state, next, studyMs?.());
          state = result.state;
          if (result.events.length === 0) continue;
          const change: Change = { state, previous, events: result.events, action: next };
          for (const subscriber of subscribers) {
            try {
              subscriber(change);
            } catch (error) {
              // One broken subscriber (a view, an LRS tracker) must not stop the others, least of all SCORM.
              console.error('coursepack player:', error);
            }
          }
        }
      } finally {
        running = false;
        queue.length = 0;
      }
    },
    subscribe(subscriber) {
      subscribers.push(subscriber);
    },
  };
}
