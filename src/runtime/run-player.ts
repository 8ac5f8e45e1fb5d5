/**
 * The player: the launch page the build wrote (docs/architecture.md, "Launch page contract")
 * becomes a one-page-at-a-time course. State and events live in player-state.ts and
 * player-store.ts; this file mounts the views on them. It knows nothing of SCORM or xAPI: the
 * trackers subscribe to the same store (main.ts).
 */
import type { CourseData } from '../shared/course-data.js';
import { keepReflections, type KeptReflections } from './keep-reflections.js';
import type { LearnerStorage } from './learner-storage.js';
import type { PlayerStore } from './player-store.js';
import { mountChecks } from './view-checks.js';
import { mountPages } from './view-pages.js';
import { mountSession } from './view-session.js';

export interface PlayerOptions {
  readonly passMark: number | null;
  /** Shown at the top when the course is not talking to an LMS. */
  readonly notice: string | null;
  /** This learner's browser storage (reflections). */
  readonly storage: LearnerStorage;
  /** What "Forget my answers on this computer" removes, in words. */
  readonly forgets: string;
  /** Removes what this device keeps for the learner, beyond the reflection boxes the player empties. */
  readonly forget: () => void;
  readonly now: () => number;
}

export function mountPlayer(doc: Document, course: CourseData, store: PlayerStore, options: PlayerOptions): KeptReflections {
  mountPages(doc, course, store, options.now);
  mountChecks(doc, course, store, options.passMark, options.now);
  const reflections = keepReflections(doc, course, options.storage,
    (reflection, text) => store.dispatch({ type: 'reflect', reflection, text }));
  mountSession(doc, store, {
    notice: options.notice,
    forgets: options.forgets,
    now: options.now,
    forget: () => {
      reflections.clear();
      options.forget();
    },
  });
  return reflections;
}
