/**
 * Which course a report is about, when --activity is not given: `course.yaml` in the course folder,
 * its `xapi.activityBase` (a course IRI a district controls) or else the vocabulary's default IRI
 * for its `id` (issue 9 point 3) — the same rule the player uses, so the IRIs match.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { defaultCourseIri } from '../shared/xapi/vocabulary.js';
import { ReportError } from './report-error.js';

export interface CourseRef {
  readonly id: string;
  readonly title: string | undefined;
  /** course.yaml's `language`, when it reads as a tag: the language of the course's own words in the HTML report. */
  readonly language: string | undefined;
  readonly courseIri: string;
}

export async function readCourseRef(courseDir: string): Promise<CourseRef> {
  const file = path.join(courseDir, 'course.yaml');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ReportError(`${file} cannot be read; run the report from the project folder, or give --course DIR or --activity IRI`);
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new ReportError(`${file} is not valid YAML (${(error as Error).message.split('\n')[0] ?? ''})`);
  }
  const d = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  if (typeof d.id !== 'string' || d.id === '') throw new ReportError(`${file} has no id; give --activity IRI`);
  const xapi = (typeof d.xapi === 'object' && d.xapi !== null ? d.xapi : {}) as Record<string, unknown>;
  // As written, trailing slash and all: it is the course activity's id in every statement the player sends.
  const base = typeof xapi.activityBase === 'string' && xapi.activityBase.trim() !== '' ? xapi.activityBase.trim() : undefined;
  return { id: d.id, title: typeof d.title === 'string' ? d.title : undefined, courseIri: base ?? defaultCourseIri(d.id), language: languageTag(d.language) };
}

/** A language tag as the report can mark content with it (`lang`), or undefined. */
export function languageTag(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(value) ? value : undefined;
}
