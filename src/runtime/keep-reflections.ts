/**
 * Reflection answers stay on the learner's device (authoring.md "Reflection prompt"): kept in this
 * learner's browser storage (learner-storage.ts) as they type, never sent to the LMS and never in
 * suspend_data, whose 4,096 characters they would quickly exhaust.
 *
 * Typing is the one change saved on a short timer (SCORM12.md §3.7 step 4: only typing may be
 * debounced); `flush()` writes what is pending at once, and the player calls it when the page
 * turns hidden or is dismissed.
 *
 * An edit is finished (`committed`, a shared reflection's statement) when the box loses focus after a change,
 * or, at the latest, at `flush()`: a tab closed with the caret still in the box fires no `change`, and its
 * text, kept in the browser, never reached the LRS, then or at any later launch (unchanged, it fires none).
 */
import type { CourseData } from '../shared/course-data.js';
import type { LearnerStorage } from './learner-storage.js';

export interface KeptReflections {
  /** Saves every reflection whose latest keystrokes are still waiting, and commits every edit not committed yet. */
  flush(): void;
  /** Empties the boxes on screen (after the learner asked to forget what this device keeps). */
  clear(): void;
  /**
   * Keeps nothing more: a later window of this course holds the learner's work (watch-other-windows.ts), and a
   * box left here saved its older text over what they wrote there.
   */
  stop(): void;
}

const TYPING_PAUSE_MS = 400;

export function reflectionItem(id: string): string {
  return `reflect:${id}`;
}

/**
 * @param committed called when the learner has finished an edit (the box lost focus after a change),
 *   with the text as kept: the player turns it into a `reflect` action (shared reflections are xAPI statements).
 * @param notKept called once, the first time the browser refuses to keep a box's text (its storage full, as an
 *   LMS's one origin shared by every package can be, or blocked for the course's frame): the learner must
 *   hear it while they can still copy their words, not find the box empty next time.
 */
export function keepReflections(doc: Document, course: CourseData, storage: LearnerStorage,
  committed: (reflection: string, text: string) => void = () => undefined, notKept: () => void = () => undefined): KeptReflections {
  /** Boxes with keystrokes not saved yet → cancel their timer; save. */
  const pending = new Map<HTMLTextAreaElement, { cancel(): void; save(): void }>();
  const areas: HTMLTextAreaElement[] = [];
  /** Commits a box's edit when its text is not the one last committed (or found at start). */
  const commits: Array<() => void> = [];
  let stopped = false;
  let refused = false;
  for (const reflection of course.reflections) {
    const area = doc.getElementById(`reflect-${reflection.id}`);
    if (!(area instanceof HTMLTextAreaElement)) continue;
    areas.push(area);
    const item = reflectionItem(reflection.id);
    area.value = storage.get(item) ?? area.value;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const cancel = (): void => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      pending.delete(area);
    };
    let kept = area.value;
    const save = (): void => {
      cancel();
      // Leaving a box unchanged saves nothing: its text may be older than what another window of the course kept.
      if (stopped || area.value === kept) return;
      if (!storage.set(item, area.value) && !refused) {
        refused = true;
        notKept();
      }
      kept = area.value;
    };
    area.addEventListener('input', () => {
      if (stopped) return;
      cancel();
      timer = setTimeout(save, TYPING_PAUSE_MS);
      pending.set(area, { cancel, save });
    });
    // The text found at start was committed by the session that typed it.
    let shared = area.value;
    const commit = (): void => {
      shared = area.value;
      committed(reflection.id, area.value);
    };
    commits.push(() => {
      if (!stopped && area.value !== shared) commit();
    });
    area.addEventListener('change', () => {
      if (stopped) return;
      save();
      commit();
    });
    area.addEventListener('blur', save);
  }
  return {
    flush() {
      for (const typing of [...pending.values()]) typing.save();
      for (const commit of commits) commit();
    },
    clear() {
      for (const typing of [...pending.values()]) typing.cancel();
      for (const area of areas) area.value = '';
    },
    stop() {
      stopped = true;
      for (const typing of [...pending.values()]) typing.cancel();
    },
  };
}
