/**
 * The xAPI Activity of each part of a course (xAPI-Data §2.4.4.1): id from the IRI rules in
 * vocabulary.ts, `definition` with type, name and description in the course language, and for
 * knowledge checks and reflections the interaction fields (Data §2.4.4.1, "Interaction
 * Activities"). One place for both the statements the player sends (build-statements.ts) and the
 * activities file the build writes (build-activities.ts), so an LRS sees one definition per IRI.
 *
 * Descriptions say where an activity sits (`Course › Module › Page`), since CourseData has no prose
 * for courses, modules and pages; questions and reflections are described by their prompt.
 */
import { acceptedAnswers, correctAnswer, knownAnswer } from '../check-answers.js';
import { cutText } from '../cut-text.js';
import type { CheckData, CourseData, ModuleData, PageData, ReflectionData } from '../course-data.js';
import type { ActivityDefinition, InteractionComponent, LanguageMap, XapiActivity } from './statement-types.js';
import { ACTIVITY_TYPES, moduleIri, pageIri, questionIri, reflectionIri } from './vocabulary.js';

/** Longest activity name made from a prompt; the full prompt is the description. */
export const NAME_LIMIT = 100;

/** Separator of the location path in descriptions: no words, so it reads in any course language. */
const PATH_SEPARATOR = ' › ';

/** The whole course's title: a module's package (--split modules) is titled "Course: Module" for the LMS. */
function courseTitle(course: CourseData): string {
  return course.partOf?.title ?? course.title;
}

export function courseActivity(course: CourseData, courseIri: string): XapiActivity {
  return activity(courseIri, {
    type: ACTIVITY_TYPES.course,
    name: text(course, courseTitle(course)),
    description: text(course, courseTitle(course)),
  });
}

export function moduleActivity(course: CourseData, courseIri: string, module: ModuleData): XapiActivity {
  return activity(moduleIri(courseIri, module.id), {
    type: ACTIVITY_TYPES.module,
    name: text(course, module.title),
    description: text(course, [courseTitle(course), module.title].join(PATH_SEPARATOR)),
  });
}

export function pageActivity(course: CourseData, courseIri: string, page: PageData): XapiActivity {
  return activity(pageIri(courseIri, page.module, page.id), {
    type: ACTIVITY_TYPES.lesson,
    name: text(course, page.title),
    description: text(course, pagePath(course, page).join(PATH_SEPARATOR)),
  });
}

/**
 * A knowledge check as a `cmi.interaction`: `true-false` when its two options read True and False
 * (the same rule as `cmi.interactions.n.type` in track-session.ts, so LMS and LRS agree), `matching`
 * with a `source` component per item and a `target` per answer, `fill-in` with each accepted answer a
 * correct response, else `choice` with one component per option letter.
 */
export function questionActivity(course: CourseData, courseIri: string, check: CheckData): XapiActivity {
  const correct = correctAnswer(check);
  const prompt = check.prompt.trim();
  const base = {
    type: ACTIVITY_TYPES.interaction,
    name: text(course, prompt === '' ? check.id : shorten(prompt)),
    description: text(course, prompt === '' ? check.id : prompt),
  };
  if (isTrueFalse(check)) {
    return activity(questionIri(courseIri, check.id), {
      ...base,
      interactionType: 'true-false',
      correctResponsesPattern: [formatResponse(check, correct)],
    });
  }
  if (check.type === 'matching') {
    return activity(questionIri(courseIri, check.id), {
      ...base,
      interactionType: 'matching',
      source: check.options.map((o) => ({ id: o.id, description: text(course, o.text) })),
      target: (check.targets ?? []).map((t) => ({ id: t.id, description: text(course, t.text) })),
      correctResponsesPattern: [formatResponse(check, correctAnswer(check))],
    });
  }
  if (check.type === 'fill-in') {
    // Every accepted answer is a correct response (Data §2.4.4.1: the patterns are alternatives); case does
    // not matter, the default of `case_matters`. The player is laxer still (spaces, quotes, a closing full stop:
    // typed-answer.ts), so a statement's `success` is the verdict to read, not a match against these.
    return activity(questionIri(courseIri, check.id), {
      ...base,
      interactionType: 'fill-in',
      correctResponsesPattern: acceptedAnswers(check).map((o) => fillInPattern(o.text)),
    });
  }
  const choices: InteractionComponent[] = check.options.map((o) => ({ id: o.id, description: text(course, o.text) }));
  return activity(questionIri(courseIri, check.id), {
    ...base,
    interactionType: 'choice',
    choices,
    correctResponsesPattern: [formatResponse(check, correct)],
  });
}

/**
 * A reflection prompt as a `long-fill-in` interaction without `correctResponsesPattern` (there is
 * no correct answer, XAPI.md §3: omit it for surveys).
 */
export function reflectionActivity(course: CourseData, courseIri: string, reflection: ReflectionData): XapiActivity {
  const prompt = reflection.prompt.trim();
  const page = course.pages.find((p) => p.id === reflection.page);
  const where = page ? pagePath(course, page).join(PATH_SEPARATOR) : courseTitle(course);
  return activity(reflectionIri(courseIri, reflection.id), {
    type: ACTIVITY_TYPES.interaction,
    name: text(course, prompt === '' ? reflection.id : shorten(prompt)),
    description: text(course, prompt === '' ? where : prompt),
    interactionType: 'long-fill-in',
  });
}

/**
 * SCORM 1.2's rule too (track-session.ts): a true/false check, whose two options the build holds to "true"
 * then "false" in the course's words (`True`/`False`, `Verdadero`/`Falso`: read-directive.ts).
 */
export function isTrueFalse(check: CheckData): boolean {
  return check.type === 'truefalse' && check.options.length === 2;
}

/** A true/false check's option stands for true: the first one. */
export function meansTrue(check: CheckData, optionId: string): boolean {
  return check.options[0]?.id === optionId;
}

/**
 * A response in the interaction type's format (Data §2.4.4.1 table): `true`/`false` for true-false,
 * matching `item[.]answer` pairs, else the chosen option letters, sorted, joined by `[,]`. Unknown option ids are left out.
 */
export function formatResponse(check: CheckData, chosen: readonly string[]): string {
  if (check.type === 'fill-in') return fillInPattern(knownAnswer(check, chosen)[0] ?? '');
  // matching: `item[.]answer` pairs in item order, joined by `[,]`.
  if (check.type === 'matching') return knownAnswer(check, chosen).map((pair) => pair.replace('.', '[.]')).join('[,]');
  const known = check.options.filter((o) => chosen.includes(o.id));
  if (isTrueFalse(check)) return known.map((o) => (meansTrue(check, o.id) ? 'true' : 'false')).join('[,]');
  return known.map((o) => o.id).sort().join('[,]');
}

/**
 * Typed words as one fill-in response: `[,]` would split it into two responses and a leading `{…}` would read
 * as a parameter (Data §2.4.4.1), so a space goes into the one and before the other; nothing else changes.
 */
function fillInPattern(typed: string): string {
  return typed.split('[,]').join('[ ,]').replace(/^\{/, ' {');
}

/** A reference to an activity in `contextActivities`: id, type and name, no interaction fields (keeps statements small). */
export function contextReference(full: XapiActivity): XapiActivity {
  return activity(full.id, { type: full.definition.type, name: full.definition.name });
}

function pagePath(course: CourseData, page: PageData): string[] {
  const module = course.modules.find((m) => m.id === page.module);
  return module ? [courseTitle(course), module.title, page.title] : [courseTitle(course), page.title];
}

function activity(id: string, definition: ActivityDefinition): XapiActivity {
  return { objectType: 'Activity', id, definition };
}

function text(course: CourseData, value: string): LanguageMap {
  return { [course.language]: value };
}

/**
 * At most NAME_LIMIT characters (code points), cut at a word boundary when there is one, with an ellipsis;
 * never inside a character as readers see it (cut-text.ts): a Japanese or Thai prompt has no spaces to cut at.
 */
function shorten(value: string): string {
  const folded = value.replace(/\s+/g, ' ');
  if (Array.from(folded).length <= NAME_LIMIT) return folded;
  const cut = cutText(folded, NAME_LIMIT - 1, 'code-points');
  const space = cut.lastIndexOf(' ');
  return `${space > NAME_LIMIT / 2 ? cut.slice(0, space) : cut}…`;
}
