/**
 * A check written into a copy of the minimal course, then validated or packed as the CLI would: what the
 * tests of each check type (matching-check.test.ts, fill-in-check.test.ts) read back.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';
import { packCourse, validateCourse } from '../../src/compile/index.js';
import type { CourseData } from '../../src/shared/course-data.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export interface CheckCourses {
  /** The minimal course with `check` added to its second module, and `yaml` edits to course.yaml. */
  readonly courseWith: (check: string, yaml?: (text: string) => string) => string;
  /** Every message of validating it about the check's module, as `line:column rule: reason`. */
  readonly problems: (check: string) => Promise<string[]>;
  /** Its package: the course data, the launch page and the xAPI activities file. */
  readonly packed: (check: string, yaml?: (text: string) => string) => Promise<{ data: CourseData; html: string; activities: string }>;
}

/** Call at a test file's top level: the courses go in one temporary folder, removed after the file. */
export function checkCourses(name: string): CheckCourses {
  const work = mkdtempSync(path.join(tmpdir(), `coursepack-${name}-`));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  let count = 0;
  const courseWith = (check: string, yaml: (text: string) => string = (t) => t): string => {
    const dir = path.join(work, String(++count));
    cpSync(path.join(root, 'test/fixtures/courses/minimal'), dir, { recursive: true });
    const file = path.join(dir, 'modules/02-check.md');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n${check}`);
    writeFileSync(path.join(dir, 'course.yaml'), yaml(readFileSync(path.join(dir, 'course.yaml'), 'utf8')));
    return dir;
  };
  return {
    courseWith,
    async problems(check) {
      const { messages } = await validateCourse({ courseDir: courseWith(check), cwd: root, toolDir: root });
      return messages.filter((m) => m.file?.endsWith('02-check.md')).map((m) => `${m.line ?? ''}:${m.column ?? ''} ${m.ruleId}: ${m.reason}`);
    },
    async packed(check, yaml) {
      const result = await packCourse({ courseDir: courseWith(check, yaml), cwd: root, toolDir: root });
      expect(result.messages.filter((m) => m.fatal === true)).toEqual([]);
      const pkg = result.packages[0];
      if (!pkg) throw new Error('no package');
      const html = Buffer.from(pkg.files.find((f) => f.path === 'index.html')?.data ?? []).toString('utf8');
      const json = /<script type="application\/json" id="cp-course">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
      return { data: JSON.parse(json) as CourseData, html, activities: pkg.activities };
    },
  };
}
