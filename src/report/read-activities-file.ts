/**
 * The build's `dist/<course-id>-xapi-activities.json` (issue 9 point 7): every activity IRI with its
 * type, name and interaction parts, in module and page order. With it the report names modules and
 * questions the way the course does and keeps the course's order; without it names come from the
 * definitions in statements and order from IRIs.
 */
import { optionWords } from '../shared/shell-word.js';
import { moduleIri } from '../shared/xapi/vocabulary.js';
import { howIriDiffers, nearCourseTest } from './course-iri-near.js';
import type { ActivityInfo } from './aggregate-types.js';
import { activityInfo, pickLanguage } from './read-activity.js';
import { isObject } from './read-statement.js';
import { languageTag } from './read-course.js';
import { ReportError } from './report-error.js';

export interface ActivitiesFile {
  readonly courseName: string | undefined;
  /** The course's language (the build writes it), for its words in the HTML report. */
  readonly language: string | undefined;
  /** In the file's order (module and page order). */
  readonly activities: readonly ActivityInfo[];
}

export function parseActivitiesFile(text: string, file: string, courseIri: string): ActivitiesFile {
  let data: unknown;
  try {
    data = JSON.parse(text) as unknown;
  } catch (error) {
    throw new ReportError(`${file} is not JSON (${(error as Error).message})`);
  }
  if (!isObject(data) || !Array.isArray(data.activities)) throw new ReportError(`${file} has no "activities" array`);
  // Another course's file would name this report after that course and list its questions, unasked, among
  // this one's (each with no answers). The build writes `courseIri`; a hand-made file may leave it out.
  if (typeof data.courseIri === 'string' && data.courseIri !== courseIri) {
    const near = nearCourseTest(courseIri)(data.courseIri) ? ` (the same written ${howIriDiffers(data.courseIri, courseIri)}: the statements carry one of the two, and the report counts only that one)` : '';
    throw new ReportError(`${file} describes the course ${data.courseIri}, not ${courseIri}${near}; give the activities file the build of this course wrote (dist/<course-id>-xapi-activities.json), or ${optionWords('activity', data.courseIri)} for that course`);
  }
  // One module's package's file (--split modules) lists that module alone: taken for the course's, a learner who
  // had done that module was complete, and one who had passed it passed.
  if (data.partOf !== undefined) {
    throw new ReportError(`${file} describes one module's package of a split build, not the whole course; give the course's own, dist/<course-id>-xapi-activities.json, which the split build writes beside it`);
  }
  const activities: ActivityInfo[] = [];
  data.activities.forEach((a, i) => {
    if (!isObject(a) || typeof a.id !== 'string') throw new ReportError(`${file}: activity ${i + 1} has no id`);
    // `module` may be the module's IRI or its id (then the vocabulary's rule makes the IRI).
    const module = typeof a.module === 'string' ? (/^[a-z][a-z0-9+.-]*:/i.test(a.module) ? a.module : moduleIri(courseIri, a.module)) : undefined;
    // The build writes each activity as statements carry it, `{ id, definition: { type, name, … } }`
    // (src/shared/xapi/build-activities.ts); a hand-made file may put the fields beside the id.
    activities.push(activityInfo(a.id, isObject(a.definition) ? a.definition : a, module));
  });
  // The course's name: a hand-made file's `course`, else the course activity's own (the build's file).
  const course = isObject(data.course) ? data.course : undefined;
  const own = activities.find((a) => a.id === (typeof data.courseIri === 'string' ? data.courseIri : courseIri));
  return { courseName: (course ? pickLanguage(course.name) ?? pickLanguage(course.title) : undefined) ?? own?.name, language: languageTag(data.language), activities };
}
