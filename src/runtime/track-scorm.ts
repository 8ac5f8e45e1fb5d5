/**
 * The SCORM tracker: one subscriber of the player store (STYLE.md §6, Adapt's spoor listening to
 * model events). It turns player events into the session policy's calls; track-session.ts decides
 * what the LMS hears and when.
 */
import type { CourseData } from '../shared/course-data.js';
import { toLearnerState } from './player-state.js';
import type { Subscriber } from './player-store.js';
import type { TrackSession } from './track-session.js';

export function trackScorm(session: TrackSession, course: CourseData): Subscriber {
  return ({ state, events }) => {
    let changed = false;
    for (const event of events) {
      switch (event.type) {
        case 'answered':
          // Interactions before the status they may change (SCORM12.md §3.7 step 5). Practice answers
          // stay out of the LMS's interactions table unless the course asks (tracking.practiceInteractions),
          // so district reports show the assessment (issue 12 point 9).
          if (event.check.scored || course.tracking.practiceInteractions) session.recordAnswer(event.check, event.chosen, event.latencyMs);
          changed = true;
          break;
        case 'page-viewed':
        case 'chosen':
        case 'attempt-started':
        case 'attempt-ended':
        case 'course-completed':
        case 'restarted':
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
