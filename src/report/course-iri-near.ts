/**
 * Whether an activity IRI is the course's IRI written another way: the report compares IRIs exactly, as an
 * LRS does (XAPI.md §12 rule 1), so `--activity https://district.org/courses/demo` for statements about
 * `https://district.org/courses/demo/` counted none of them, and the report showed every learner "not
 * started" with nothing to say why but a count of "other courses". Pure.
 */

/** What an author or admin changes without meaning another course: scheme, `www.`, a trailing slash, case. */
function loosely(iri: string): string {
  return iri.toLowerCase().replace(/^https?:\/\/(www\.)?/, '').replace(/\/+$/, '');
}

/** A test for IRIs near `course` (not equal to it); cheap for the many that are not: lengths first. */
export function nearCourseTest(course: string): (iri: string) => boolean {
  const key = loosely(course);
  // http/https, `www.` and slashes change the length by a few characters at most.
  const min = course.length - 8;
  const max = course.length + 8;
  return (iri) => iri !== course && iri.length >= min && iri.length <= max && loosely(iri) === key;
}

/** How `iri` differs from `course`, for the note: "a slash at the end", "http, not https", … */
export function howIriDiffers(iri: string, course: string): string {
  const ways: string[] = [];
  const slash = (s: string): boolean => s.endsWith('/');
  if (slash(iri) !== slash(course)) ways.push(slash(iri) ? 'with a slash at the end' : 'without the slash at the end');
  const scheme = (s: string): string => s.slice(0, s.indexOf(':')).toLowerCase();
  if (scheme(iri) !== scheme(course)) ways.push(`${scheme(iri)}, not ${scheme(course)}`);
  const www = (s: string): boolean => /^https?:\/\/www\./i.test(s);
  if (www(iri) !== www(course)) ways.push(www(iri) ? 'with www.' : 'without www.');
  const rest = (s: string): string => s.replace(/^https?:\/\/(www\.)?/i, '').replace(/\/+$/, '');
  if (rest(iri) !== rest(course)) ways.push('in other capitals');
  return ways.join(', ');
}
