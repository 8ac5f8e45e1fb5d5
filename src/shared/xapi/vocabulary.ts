/**
 * The xAPI identity of a coursepack course: verbs, activity types, extensions and the rules that turn
 * course, module, page, question and reflection ids into activity IRIs. One table, shared by the
 * player (statements), the build (`<course>-xapi-activities.json`) and reports (aggregation), so the
 * three can never disagree on what an IRI means.
 *
 * Pure: neither Node nor DOM (src/shared rule).
 *
 * IRIs follow the xAPI SCORM Profile §3.2 layout (`<course>/<module>/<lesson>`, XAPI.md §3) with a
 * named segment at each level, so ids of different kinds can never collide, and they are built from
 * author ids (course id, front-matter module ids, check and reflection ids), never file order, so
 * they stay the same across builds and course versions. Questions and reflections hang off the
 * course, not their page: an author may move a question to another page (or retitle the page, which
 * changes its slug) without splitting its history in every report.
 */

/** xAPI version sent in `X-Experience-API-Version` (XAPI.md §1: 1.0.3 from a config value). */
export const XAPI_VERSION = '1.0.3';

const ADL_VERBS = 'http://adlnet.gov/expapi/verbs/';

/** The statement set (XAPI.md §2), ADL vocabulary. `answered` rather than the SCORM Profile's `responded`. */
export const VERBS = {
  initialized: `${ADL_VERBS}initialized`,
  resumed: `${ADL_VERBS}resumed`,
  experienced: `${ADL_VERBS}experienced`,
  answered: `${ADL_VERBS}answered`,
  progressed: `${ADL_VERBS}progressed`,
  passed: `${ADL_VERBS}passed`,
  failed: `${ADL_VERBS}failed`,
  completed: `${ADL_VERBS}completed`,
  suspended: `${ADL_VERBS}suspended`,
  terminated: `${ADL_VERBS}terminated`,
  voided: `${ADL_VERBS}voided`,
} as const;
export type VerbName = keyof typeof VERBS;

const ADL_ACTIVITIES = 'http://adlnet.gov/expapi/activities/';

/** Activity types (XAPI.md §3). */
export const ACTIVITY_TYPES = {
  course: `${ADL_ACTIVITIES}course`,
  module: `${ADL_ACTIVITIES}module`,
  lesson: `${ADL_ACTIVITIES}lesson`,
  interaction: `${ADL_ACTIVITIES}cmi.interaction`,
  profile: `${ADL_ACTIVITIES}profile`,
} as const;

/**
 * coursepack's own profile activity, sent in `context.contextActivities.category` of every statement
 * (XAPI.md §3: "category = the tool's own profile activity"), so reports and LRS dashboards can tell
 * coursepack statements from others. `.invalid` (RFC 2606) because coursepack owns no domain; the IRI
 * is an identifier and is never dereferenced.
 */
export const PROFILE_IRI = 'https://coursepack.invalid/xapi/profile/1.0';

/** cmi5's progress extension, 0-100, used on `progressed` (XAPI.md §2; not in `score`, Data §2.4.5.1). */
export const PROGRESS_EXTENSION = 'https://w3id.org/xapi/cmi5/result/extensions/progress';

/** Default course IRI when `course.yaml` has no `xapi.activityBase`: documented as something a district should set. */
export function defaultCourseIri(courseId: string): string {
  return `https://coursepack.invalid/courses/${segment(courseId)}`;
}

export function moduleIri(courseIri: string, moduleId: string): string {
  return `${trimSlash(courseIri)}/modules/${segment(moduleId)}`;
}

/**
 * A page: `<module>/pages/<slug>`. `pageId` is the CourseData page id `<module-id>--<slug>`;
 * the module prefix is not repeated in the IRI.
 */
export function pageIri(courseIri: string, moduleId: string, pageId: string): string {
  const prefix = `${moduleId}--`;
  const slug = pageId.startsWith(prefix) ? pageId.slice(prefix.length) : pageId;
  return `${moduleIri(courseIri, moduleId)}/pages/${segment(slug)}`;
}

/** A knowledge check (`cmi.interaction`): check ids are unique in the course. */
export function questionIri(courseIri: string, checkId: string): string {
  return `${trimSlash(courseIri)}/questions/${segment(checkId)}`;
}

/** A reflection prompt (`cmi.interaction`, `long-fill-in`). */
export function reflectionIri(courseIri: string, reflectionId: string): string {
  return `${trimSlash(courseIri)}/reflections/${segment(reflectionId)}`;
}

function trimSlash(iri: string): string {
  return iri.replace(/\/+$/, '');
}

/** Ids are already `[A-Za-z0-9_-]`; encoding keeps any other character from changing the IRI's structure. */
function segment(id: string): string {
  return encodeURIComponent(id);
}
