/**
 * SCORM 1.2 caps cmi.suspend_data at 4,096 characters (SCORM12.md §3.3, pitfall 5: an overflow breaks
 * resume in Moodle's standard mode). The player's encoding has a fixed layout, so the longest string a
 * course can ever produce is known at build time: refuse the course before a learner hits the limit.
 */
import type { CourseData } from '../shared/course-data.js';
import { SUSPEND_DATA_LIMIT, worstCaseSuspendDataLength } from '../shared/suspend-data.js';
import { COURSE_CONFIG_FILE } from './parse-config.js';
import type { Report } from './rules.js';

export function checkSuspendBudget(data: CourseData, report: Report): void {
  const worst = worstCaseSuspendDataLength(data);
  if (worst > SUSPEND_DATA_LIMIT) {
    report('suspend-data-budget', COURSE_CONFIG_FILE, undefined,
      `Saved progress for ${data.id} could reach ${worst} characters; SCORM 1.2 allows ${SUSPEND_DATA_LIMIT} (cmi.suspend_data)`);
  }
}
