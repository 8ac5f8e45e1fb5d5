/**
 * SCORM 1.2 caps cmi.suspend_data at 4,096 characters (SCORM12.md §3.3, pitfall 5: an overflow breaks
 * resume in Moodle's standard mode). The player's encoding has a fixed layout, so the longest string a
 * course can ever produce is known at build time: refuse the course before a learner hits the limit.
 */
import type { CourseData } from '../shared/course-data.js';
import { SUSPEND_DATA_LIMIT, worstCaseSuspendDataLength } from '../shared/suspend-data.js';
import { MAX_TYPED } from '../shared/typed-answer.js';
import { COURSE_CONFIG_FILE } from './parse-config.js';
import type { Report } from './rules.js';

/** What one fill-in check can take of cmi.suspend_data: a 6-bit length and 16 bits a character (suspend-data.ts). */
const FILL_IN_CHARACTERS = Math.ceil((6 + 16 * MAX_TYPED) / 6);

export function checkSuspendBudget(data: CourseData, report: Report): void {
  const worst = worstCaseSuspendDataLength(data);
  if (worst > SUSPEND_DATA_LIMIT) {
    // A fill-in check keeps the words typed, about a hundred characters at most, where a page or an option
    // takes a bit: the checks to change when they are what fills it.
    const typed = data.checks.filter((c) => c.type === 'fill-in').length;
    const cost = FILL_IN_CHARACTERS * typed;
    report('suspend-data-budget', COURSE_CONFIG_FILE, undefined,
      `Saved progress for ${data.id} could reach ${worst} characters; SCORM 1.2 allows ${SUSPEND_DATA_LIMIT} (cmi.suspend_data)`,
      typed > 0 && cost > worst / 4
        ? `Its ${typed} fill-in checks take up to about ${cost} of them (${FILL_IN_CHARACTERS} each, the words typed): make some of them choice checks, or split the course (npx coursepack build --split modules).`
        : undefined);
  }
}
