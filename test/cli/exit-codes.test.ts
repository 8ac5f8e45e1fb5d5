/**
 * The real command (the esbuild bundle that `npm run build:scorm` runs) and its exit codes:
 * 0 ok, 1 content errors, 2 usage/config/internal errors.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'lib/coursepack.mjs');
const work = mkdtempSync(path.join(tmpdir(), 'coursepack-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(args: string[], cwd = root, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('coursepack CLI', () => {
  it('prints help with the commands and exits 0', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: coursepack <command>/);
    expect(r.stdout).toMatch(/build\s+Build the course/);
    expect(r.stdout).toMatch(/validate\s+Check the course/);
  });

  it('builds a good course, exits 0 and says what it wrote', () => {
    const out = path.join(work, 'dist');
    const r = run(['build', '--course', 'test/fixtures/courses/minimal', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Built .*minimal-course-scorm12\.zip \(\d+\.\d KB, 10 files\)$/m);
    expect(r.stdout).toMatch(/^Wrote .*minimal-course-xapi-activities\.json \(\d+ xAPI activities\)$/m);
    expect(readdirSync(out)).toEqual(['minimal-course-scorm12.zip', 'minimal-course-xapi-activities.json']);
  });

  it('validates a good course with exit 0 and no messages', () => {
    const r = run(['validate', '--course', 'test/fixtures/courses/minimal']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('test/fixtures/courses/minimal: no problems found\n');
  });

  it('exits 1 on content errors, prints all of them, and writes nothing', () => {
    const out = path.join(work, 'bad-dist');
    const r = run(['build', '--course', 'test/fixtures/bad/checks', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^test\/fixtures\/bad\/checks\/modules\/01-checks\.md:10:1 {2}error {4}The check has no correct answer {2}check-no-correct$/m);
    expect(r.stderr).toMatch(/^10 errors, 1 warning$/m);
    expect(r.stderr).toMatch(/Nothing was written\./);
    expect(() => readdirSync(out)).toThrow();
  });

  it('exits 1 from validate on errors', () => {
    expect(run(['validate', '--course', 'test/fixtures/bad/content']).code).toBe(1);
  });

  it('exits 2 on usage errors', () => {
    const r = run(['build', '--nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^coursepack: Unknown option '--nope'/);
  });

  it('exits 2 on a malformed COURSEPACK_LRS_* variable, before any work', () => {
    const r = run(['validate', '--course', 'test/fixtures/courses/minimal'], root, { COURSEPACK_LRS_AUTH: 'secret' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^coursepack: COURSEPACK_LRS_AUTH must be a whole Authorization header value/m);
  });

  it('exits 2 when the output folder is inside the course folder', () => {
    const course = path.join(work, 'course');
    cpSync(path.join(root, 'test/fixtures/courses/minimal'), course, { recursive: true });
    const r = run(['build', '--course', course, '--out', path.join(course, 'dist')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out cannot be inside the course folder/);
  });
});
