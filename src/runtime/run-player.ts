/**
 * The player: the launch page the build wrote (docs/architecture.md, "Launch page contract")
 * becomes a course with a cover, one page at a time and a results screen. State and events live
 * in player-state.ts and player-store.ts; this file mounts the views on them. It knows nothing of
 * SCORM or xAPI: the trackers subscribe to the same store (main.ts).
 */
import type { CourseData } from '../shared/course-data.js';
import type { WordKey } from '../shared/player-words.js';
import { keepReflections, type KeptReflections } from './keep-reflections.js';
import type { LearnerStorage } from './learner-storage.js';
import type { PlayerStore } from './player-store.js';
import { mountChecks } from './view-checks.js';
import { mountCover } from './view-cover.js';
import { voiceDescriptions } from './view-media.js';
import { mountResults } from './view-results.js';
import { mountScreens } from './view-screens.js';
import { mountSession, sayReflectionsNotKept, type ProgressKept, type SessionViewOptions } from './view-session.js';

export interface PlayerOptions {
  /** Shown at the top when the course is not talking to an LMS. */
  readonly notice: WordKey | null;
  /** Where the progress is kept, which the page after Exit says (view-session.ts). */
  readonly progressKept: ProgressKept;
  /** See SessionViewOptions.unsavedAtEnd (view-session.ts). */
  readonly unsavedAtEnd: () => boolean;
  /** See SessionViewOptions.recordsWaiting (view-session.ts). */
  readonly recordsWaiting: SessionViewOptions['recordsWaiting'];
  /** `cmi.core.student_name` ("Last, First"), or empty. */
  readonly learnerName: string;
  /** The best score the LMS holds from earlier sessions, or null. */
  readonly bestScore: number | null;
  /** This learner's browser storage (reflections). */
  readonly storage: LearnerStorage;
  /**
   * Whether the learner must be told when the browser refuses a reflection: false where the notice at start
   * said already that nothing is kept in this browser (an LMS that does not say who the learner is).
   */
  readonly sayReflectionsNotKept: boolean;
  /** What "Forget my answers on this computer" removes, in words. */
  readonly forgets: WordKey;
  /** Removes what this device keeps for the learner, beyond the reflection boxes the player empties. */
  /** Forgets what this browser keeps; returns the xAPI statements still waiting for the LRS. */
  readonly forget: () => number;
  /** The statements still waiting when "Forget my answers" reloaded this page, or null (view-session.ts). */
  readonly forgotten: number | null;
  readonly now: () => number;
}

export function mountPlayer(doc: Document, course: CourseData, store: PlayerStore, options: PlayerOptions): KeptReflections {
  const { now } = options;
  // Reflections first: the results screen reads the boxes for the action plan.
  const reflections = keepReflections(doc, course, options.storage,
    (reflection, text) => store.dispatch({ type: 'reflect', reflection, text }),
    () => {
      if (options.sayReflectionsNotKept) sayReflectionsNotKept(doc, course);
    });
  mountCover(doc, course, store, { bestScore: options.bestScore, now });
  mountResults(doc, course, store, now, options.learnerName, options.bestScore);
  mountScreens(doc, course, store, now);
  mountChecks(doc, course, store, now);
  voiceDescriptions(doc);
  const state = store.state;
  mountSession(doc, course, store, {
    notice: options.notice,
    progressKept: options.progressKept,
    unsavedAtEnd: options.unsavedAtEnd,
    recordsWaiting: options.recordsWaiting,
    learnerName: options.learnerName,
    welcomeBack: state.screen === 'page' && state.viewed.size > 0 && doc.defaultView?.location.hash === '',
    forgets: options.forgets,
    forgotten: options.forgotten,
    now,
    forget: () => {
      reflections.clear();
      return options.forget();
    },
  });
  return reflections;
}
