/**
 * The real command (the esbuild bundle that `npm run build:scorm` runs) and its exit codes:
 * 0 ok, 1 content errors, 2 usage/config/internal errors.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/run-cli.mjs';

const work = mkdtempSync(path.join(tmpdir(), 'coursepack-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('coursepack CLI', () => {
  it('prints help with the commands and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Usage: coursepack <command>/);
    expect(r.stdout).toMatch(/build\s+Build the course/);
    expect(r.stdout).toMatch(/validate\s+Check the course/);
  });

  it('builds a good course, exits 0 and says what it wrote', async () => {
    const out = path.join(work, 'dist');
    const r = await runCli(['build', '--course', 'test/fixtures/courses/minimal', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Built .*minimal-course-scorm12\.zip \(\d+\.\d KB, 10 files\)$/m);
    expect(readdirSync(out)).toEqual(['minimal-course-scorm12.zip']);
  });

  it('validates a good course with exit 0 and no messages', async () => {
    const r = await runCli(['validate', '--course', 'test/fixtures/courses/minimal']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('test/fixtures/courses/minimal: no problems found\n');
  });

  it('exits 1 on content errors, prints all of them, and writes nothing', async () => {
    const out = path.join(work, 'bad-dist');
    const r = await runCli(['build', '--course', 'test/fixtures/bad/checks', '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^test\/fixtures\/bad\/checks\/modules\/01-checks\.md:10:1 {2}error {4}The check has no correct answer {2}check-no-correct$/m);
    expect(r.stderr).toMatch(/^10 errors, 1 warning$/m);
    expect(r.stderr).toMatch(/Nothing was written\./);
    expect(() => readdirSync(out)).toThrow();
  });

  it('exits 1 from validate on errors', async () => {
    expect((await runCli(['validate', '--course', 'test/fixtures/bad/content'])).status).toBe(1);
  });

  it('exits 2 on usage errors', async () => {
    const r = await runCli(['build', '--nope']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^coursepack: Unknown option '--nope'/);
  });

  it('exits 2 when the output folder is inside the course folder', async () => {
    const course = path.join(work, 'course');
    cpSync(path.join(ROOT, 'test/fixtures/courses/minimal'), course, { recursive: true });
    const r = await runCli(['build', '--course', course, '--out', path.join(course, 'dist')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--out cannot be inside the course folder/);
  });
});
