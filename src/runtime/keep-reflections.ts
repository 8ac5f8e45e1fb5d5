/**
 * Reflection answers stay on the learner's device (authoring.md "Reflection prompt"): saved
 * to localStorage as they type, never sent to the LMS and never in suspend_data, whose 4,096
 * characters they would quickly exhaust.
 */
import type { CourseData } from '../shared/course-data.js';
import type { KeyValueStorage } from './progress-store.js';

export function keepReflections(doc: Document, course: CourseData, storage: KeyValueStorage | null): void {
  for (const reflection of course.reflections) {
    const area = doc.getElementById(`reflect-${reflection.id}`);
    if (!(area instanceof HTMLTextAreaElement)) continue;
    const key = `coursepack:${course.id}:reflect:${reflection.id}`;
    try {
      area.value = storage?.getItem(key) ?? area.value;
    } catch {
      // storage blocked (sandboxed frame, privacy mode): the text lives as long as the page
    }
    let timer: ReturnType<typeof setTimeout> | null = null;
    const save = (): void => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      try {
        storage?.setItem(key, area.value);
      } catch {
        // see above
      }
    };
    area.addEventListener('input', () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(save, 400);
    });
    area.addEventListener('change', save);
    area.addEventListener('blur', save);
  }
}
