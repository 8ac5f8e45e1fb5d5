/**
 * Every rule id in the catalogs has a fixture that triggers it: each compile rule through a course under
 * test/fixtures/bad/ (validated as the CLI would, build-env.json included), each package rule through its
 * failing package (test/package/helpers/package-fixtures.ts). A rule no fixture triggers is a rule nobody
 * has seen work.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { RULES, validateCourse, type RuleId } from '../../src/compile/index.js';
import { checkPackage, PACKAGE_RULES, type PackageRuleId } from '../../src/package/index.js';
import { PACKAGE_FIXTURES } from '../package/helpers/package-fixtures.js';
import { optionsOf } from './fixture-options.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const badDir = path.join(root, 'test/fixtures/bad');
const work = mkdtempSync(path.join(tmpdir(), 'coursepack-rules-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * `suspend-data-budget` needs more saved state than SCORM 1.2's 4,096 characters can hold: 45 fill-in
 * checks, each keeping up to ~108 characters of typed words, are past it (a course of pages alone would
 * need about 24,400 of them, one bit each: 3.6 s to validate, against a few milliseconds for this one).
 * Generated rather than committed: 45 copies of one check nobody should review.
 */
function writeTypedCourse(): string {
  const dir = path.join(work, 'typed');
  mkdirSync(path.join(dir, 'modules'), { recursive: true });
  writeFileSync(path.join(dir, 'course.yaml'), 'id: typed\ntitle: Too much typed to save\n');
  const checks = Array.from({ length: 45 }, (_, i) => `:::check{#typed-${i} type=fill-in}\nWhich colour are ripe bananas?\n\n- [x] Yellow\n  Ripe bananas are yellow.\n- [ ] *\n  Think of a ripe banana.\n:::\n`).join('\n');
  writeFileSync(path.join(dir, 'modules/01-typed.md'), `---\nid: typed\ntitle: Typed\nobjectives: [Type.]\nminutes: 1\n---\n\n## Page\n\n${checks}`);
  return dir;
}

/**
 * `module-too-long`: a module past 20,000 lines, and `table-too-large`: a table of 101 columns by 200
 * rows (20,402 cells) at its start; generated rather than committed.
 */
function writeLongModuleCourse(): string {
  const dir = path.join(work, 'long-module');
  mkdirSync(path.join(dir, 'modules'), { recursive: true });
  writeFileSync(path.join(dir, 'course.yaml'), 'id: long\ntitle: Long\n');
  const table = `${'|h'.repeat(101)}|\n${'|-'.repeat(101)}|\n${`${'|a'.repeat(101)}|\n`.repeat(200)}`;
  writeFileSync(path.join(dir, 'modules/01-long.md'), `---\nid: long\ntitle: Long\nobjectives: [Scroll.]\nminutes: 1\n---\n\n## Page\n\n${table}\n${'Text.\n\n'.repeat(10_001)}`);
  return dir;
}

/**
 * `asset-name-case` needs `a.svg` and `A.svg` side by side, which a checkout on Windows or macOS cannot
 * hold (git would keep one of them): generated rather than committed.
 */
function writeCaseTwinCourse(): string {
  const dir = path.join(work, 'case-twins');
  mkdirSync(path.join(dir, 'modules'), { recursive: true });
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'course.yaml'), 'id: twins\ntitle: Twins\n');
  for (const name of ['a.txt', 'A.txt']) writeFileSync(path.join(dir, 'assets', name), name);
  writeFileSync(path.join(dir, 'modules/01-twins.md'), '---\nid: twins\ntitle: Twins\nobjectives: [Read.]\nminutes: 1\n---\n\n## Page\n\n[one](../assets/a.txt)\n');
  return dir;
}

/**
 * `image-oversized` needs a photo past 2,000 pixels and 500 KB: its header says 4032 x 3024 and random
 * bytes make up the size (only the header is read); generated rather than committing a large file.
 */
function writeLargePhotoCourse(): string {
  const dir = path.join(work, 'large-photo');
  mkdirSync(path.join(dir, 'modules'), { recursive: true });
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'course.yaml'), 'id: photo\ntitle: Photo\n');
  const frame = Buffer.from([0xff, 0xc0, 0, 17, 8, 3024 >> 8, 3024 & 0xff, 4032 >> 8, 4032 & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  writeFileSync(path.join(dir, 'assets/workbench.jpg'), Buffer.concat([Buffer.from([0xff, 0xd8]), frame, randomBytes(600_000), Buffer.from([0xff, 0xd9])]));
  writeFileSync(path.join(dir, 'modules/01-photo.md'), '---\nid: photo\ntitle: Photo\nobjectives: [See.]\nminutes: 1\n---\n\n## Page\n\n![A mentor and an inventor at a workbench](../assets/workbench.jpg)\n');
  return dir;
}

async function rulesTriggered(courseDir: string): Promise<Set<string>> {
  const { messages } = await validateCourse({ courseDir, cwd: root, toolDir: root, ...optionsOf(courseDir) });
  return new Set(messages.map((m) => m.ruleId));
}

describe('every rule id has a fixture that triggers it', () => {
  it('compile rules: the bad courses and the generated ones', async () => {
    const courses = readdirSync(badDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => path.join(badDir, d.name));
    const seen = new Set<string>();
    for (const dir of [...courses, writeTypedCourse(), writeLongModuleCourse(), writeCaseTwinCourse(), writeLargePhotoCourse()]) for (const rule of await rulesTriggered(dir)) seen.add(rule);
    const catalog = Object.keys(RULES) as RuleId[];
    expect(catalog.length).toBeGreaterThan(30);
    expect(catalog.filter((rule) => !seen.has(rule))).toEqual([]);
  }, 60_000);

  it('package rules: the failing packages', () => {
    const seen = new Set<string>(PACKAGE_FIXTURES.flatMap((f) => checkPackage(f.files).map((m) => m.ruleId)));
    const catalog = Object.keys(PACKAGE_RULES) as PackageRuleId[];
    expect(catalog.length).toBeGreaterThan(20);
    expect(catalog.filter((rule) => !seen.has(rule))).toEqual([]);
  });
});
