/**
 * The SCORM tracker: one subscriber of the player store (STYLE.md §6, Adapt's spoor listening to
 * model events). It turns player events into the session policy's calls; track-session.ts decides
 * what the LMS hears and when.
 */
import { toLearnerState } from './player-state.js';
import type { Subscriber } from './player-store.js';
import type { TrackSession } from './track-session.js';

export function trackScorm(session: TrackSession): Subscriber {
  return ({ state, events }) => {
    let changed = false;
    for (const event of events) {
      switch (event.type) {
        case 'answered':
          // Interactions before the status they may change (SCORM12.md §3.7 step 5).
          session.recordAnswer(event.check, event.chosen, event.latencyMs);
          changed = true;
          break;
        case 'page-viewed':
        case 'attempt-started':
          changed = true;
          break;
        case 'exited':
          session.end(event.trigger);
          return;
        default:
          break;
      }
    }
    if (changed) session.save(toLearnerState(state));
  };
}
