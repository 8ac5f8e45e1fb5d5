/**
 * Stage 2a: course.yaml → CourseConfig, with a positional message for every bad field.
 */
import type { Diagnostics } from './diagnostics.js';
import type { SourceFile } from './load-course.js';
import { isRecord, readYaml } from './read-yaml.js';

export interface CourseConfig {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly language: string;
  readonly version: string;
  readonly organization: string;
  readonly completion: {
    readonly allPages: boolean;
    readonly passMark: number | null;
    readonly lmsMastery: boolean;
  };
}

export const COURSE_ID = /^[a-z][a-z0-9-]{0,63}$/;
// BCP 47, loosely: primary language plus optional subtags (en, en-US, zh-Hant-TW).
const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
export const MAX_TITLE = 200; // SCORM 1.2 CAM: <title> is at most 200 characters.

const KNOWN = new Set(['id', 'title', 'description', 'language', 'version', 'organization', 'completion']);
const KNOWN_COMPLETION = new Set(['pages', 'passMark', 'lmsMastery']);

export function parseConfig(file: SourceFile | null, missingPath: string, diags: Diagnostics): CourseConfig | null {
  if (!file) {
    diags.report('course-config-missing', missingPath, undefined, 'The course has no course.yaml');
    return null;
  }
  const yaml = readYaml(file.text);
  for (const e of yaml.errors) diags.report('course-config-invalid', file.display, e.place, `course.yaml is not valid YAML: ${e.message}`);
  if (yaml.errors.length) return null;
  const data = yaml.value;
  if (!isRecord(data)) {
    diags.report('course-config-invalid', file.display, undefined, 'course.yaml must be a mapping of fields (id, title, …)');
    return null;
  }
  let ok = true;
  const bad = (keys: string[], message: string, hint?: string) => {
    ok = false;
    diags.report('course-config-invalid', file.display, yaml.placeOf(...keys), message, hint);
  };
  const badKey = (keys: string[], message: string, hint?: string) => {
    ok = false;
    diags.report('course-config-invalid', file.display, yaml.placeOfKey(...keys), message, hint);
  };
  for (const key of Object.keys(data)) {
    if (!KNOWN.has(key)) badKey([key], `Unknown field \`${key}\` in course.yaml`, `Known fields: ${[...KNOWN].join(', ')}.`);
  }
  const text = (key: string, required: boolean, fallback: string, max: number): string => {
    const v = data[key];
    if (v === undefined || v === null) {
      if (required) bad([], `course.yaml has no \`${key}\``, `Add \`${key}: …\`.`);
      return fallback;
    }
    if (typeof v !== 'string' && typeof v !== 'number') {
      bad([key], `\`${key}\` must be text`);
      return fallback;
    }
    const s = String(v).trim();
    if (required && !s) bad([key], `\`${key}\` is empty`);
    if (s.length > max) {
      ok = false;
      diags.report('title-too-long', file.display, yaml.placeOf(key), `\`${key}\` has ${s.length} characters; the limit is ${max}`);
    }
    return s;
  };
  const id = text('id', true, '', 64);
  if (id && !COURSE_ID.test(id)) bad(['id'], `Course id \`${id}\` is not valid`, 'Use lower-case letters, digits and -, starting with a letter.');
  const title = text('title', true, '', MAX_TITLE);
  const description = text('description', false, '', 4000);
  const language = text('language', false, 'en', 35);
  if (!LANGUAGE.test(language)) bad(['language'], `\`${language}\` is not a language tag`, 'Use a BCP 47 tag such as en, en-US or es.');
  const version = text('version', false, '1.0.0', 20);
  const organization = text('organization', false, title, MAX_TITLE);

  let allPages = true;
  let passMark: number | null = null;
  let lmsMastery = false;
  const completion = data['completion'];
  if (completion !== undefined && completion !== null) {
    if (!isRecord(completion)) bad(['completion'], '`completion` must be a mapping (pages, passMark, lmsMastery)');
    else {
      for (const key of Object.keys(completion)) {
        if (!KNOWN_COMPLETION.has(key)) badKey(['completion', key], `Unknown field \`completion.${key}\``, 'Known: pages, passMark, lmsMastery.');
      }
      const pages = completion['pages'];
      if (pages !== undefined) {
        if (pages === 'all' || pages === 'none') allPages = pages === 'all';
        else bad(['completion', 'pages'], '`completion.pages` must be `all` or `none`', 'Use `pages: all` (every page must be viewed) or `pages: none`.');
      }
      const mark = completion['passMark'];
      if (mark !== undefined && mark !== null) {
        if (typeof mark === 'number' && mark >= 0 && mark <= 100) passMark = mark;
        else bad(['completion', 'passMark'], '`completion.passMark` must be a number from 0 to 100', 'Give the percent needed to pass, e.g. `passMark: 80`.');
      }
      const mastery = completion['lmsMastery'];
      if (mastery !== undefined) {
        if (typeof mastery === 'boolean') lmsMastery = mastery;
        else bad(['completion', 'lmsMastery'], '`completion.lmsMastery` must be true or false');
      }
      if (lmsMastery && passMark === null) bad(['completion', 'lmsMastery'], '`lmsMastery` needs a `passMark`');
    }
  }
  if (!allPages && passMark === null) {
    bad(['completion'], 'The course can never be completed: `pages: none` and no `passMark`', 'Use `pages: all`, or set a passMark.');
  }
  return ok ? { id, title, description, language, version, organization, completion: { allPages, passMark, lmsMastery } } : null;
}
