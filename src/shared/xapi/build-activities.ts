/**
 * The activities file the build writes next to the zip, `dist/<course-id>-xapi-activities.json`
 * (issue 9 point 7): every activity IRI of the course with its definition, so reports and LRS
 * dashboards can name questions, options and pages without waiting for a learner to meet them.
 *
 * Deterministic like the zip (STYLE.md, conventions 7): course order, grouped by kind (course,
 * modules, pages, questions, reflections), no timestamps; the definitions are the very ones the
 * player puts in its statements (describe-activities.ts).
 */
import type { CourseData } from '../course-data.js';
import { courseActivity, moduleActivity, pageActivity, questionActivity, reflectionActivity } from './describe-activities.js';
import type { XapiActivity } from './statement-types.js';

export interface ActivitiesDescription {
  /** Format version of this file. */
  readonly v: 1;
  readonly courseId: string;
  readonly courseIri: string;
  /** Course version, the statements' `context.revision`. */
  readonly version: string;
  readonly language: string;
  /**
   * A package of one module (--split modules): the whole course's title. Its file describes that module alone,
   * which a report must not take for the course (every learner who finished that module would be complete).
   */
  readonly partOf?: string;
  readonly activities: readonly XapiActivity[];
}

/** `courseIri`: the course's activity IRI, `course.xapi.courseIri` in a built package. */
export function buildActivities(course: CourseData, courseIri: string): ActivitiesDescription {
  return {
    v: 1,
    courseId: course.id,
    courseIri,
    version: course.version,
    language: course.language,
    ...(course.partOf ? { partOf: course.partOf.title } : {}),
    activities: [
      courseActivity(course, courseIri),
      ...course.modules.map((module) => moduleActivity(course, courseIri, module)),
      ...course.pages.map((page) => pageActivity(course, courseIri, page)),
      ...course.checks.map((check) => questionActivity(course, courseIri, check)),
      ...course.reflections.map((reflection) => reflectionActivity(course, courseIri, reflection)),
    ],
  };
}
