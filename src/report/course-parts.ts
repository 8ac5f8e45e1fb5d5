/**
 * Where a statement's activity sits in the course, from the IRI rules of src/shared/xapi/vocabulary.ts
 * (`<course>/modules/<id>`, `<module>/pages/<slug>`, `<course>/questions/<id>`,
 * `<course>/reflections/<id>`), so the report needs no activities file to group pages by module.
 */
import { moduleIri, questionIri, reflectionIri } from '../shared/xapi/vocabulary.js';
import { ownString } from './own-string.js';

export interface CourseParts {
  readonly course: string;
  readonly modulesPrefix: string;
  readonly questionsPrefix: string;
  readonly reflectionsPrefix: string;
  /** The module IRI an activity IRI belongs to (the module itself, or one of its pages), else undefined. */
  moduleOfIri(iri: string): string | undefined;
}

const MAX_KEPT_IRIS = 10_000;

export function courseParts(courseIri: string): CourseParts {
  // Compared exactly, as the LRS compares `activity=` (XAPI.md §12 rule 1): the player sends the course
  // IRI as course.yaml writes it, a trailing slash included, while the vocabulary's functions trim it for
  // the IRIs below the course. So the course keeps its slash and the prefixes come from those functions.
  const course = courseIri;
  // The vocabulary's own functions with an empty id give each prefix, so the rules live in one place.
  const modulesPrefix = moduleIri(course, '');
  const known = new Map<string, string>();
  // Every statement asks for its object and its parents, and a course has a few dozen activities: the
  // answer per IRI is kept (null: no module). One lookup hashes the IRI once, and the string keeps its
  // hash for the aggregator's own lookups of the same IRI.
  const byIri = new Map<string, string | null>();
  return {
    course,
    modulesPrefix,
    questionsPrefix: questionIri(course, ''),
    reflectionsPrefix: reflectionIri(course, ''),
    moduleOfIri(iri) {
      const kept = byIri.get(iri);
      if (kept !== undefined) return kept ?? undefined;
      const module = moduleOf(iri);
      // Hostile input can name any number of activities: the cache starts again past this many.
      if (byIri.size >= MAX_KEPT_IRIS) byIri.clear();
      byIri.set(ownString(iri), module ?? null);
      return module;
    },
  };

  function moduleOf(iri: string): string | undefined {
    // A slice compared with === is native; String#startsWith measured several times slower in V8 here.
    if (iri.slice(0, modulesPrefix.length) !== modulesPrefix) return undefined;
    const end = iri.indexOf('/', modulesPrefix.length);
    const module = end < 0 ? iri : iri.slice(0, end);
    if (module.length === modulesPrefix.length) return undefined;
    let owned = known.get(module);
    if (owned === undefined) {
      owned = ownString(module);
      known.set(owned, owned);
    }
    return owned;
  }
}
