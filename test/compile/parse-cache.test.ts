/**
 * Pure stages and the parse cache (issue 8 point 4): a second build in the same process parses only what
 * changed, gives the same messages and the same bytes, and no stage after parsing changes a parse tree.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCourse, createParseCache, validateCourse } from '../../src/compile/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'coursepack-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

describe('parse cache', () => {
  // Two builds of a whole course each: ~1.5 s alone for the shipped one (32 pages), past vitest's 5 s default on
  // CI's two shared cores with Chromium busy (it timed out there, at ~4x slower); a realistic bound instead.
  it.each([
    ['the mentoring course', 'course', 'mentoring-young-inventors'],
    ['the e2e fixture (audio, video)', 'test/e2e/fixtures/course', 'e2e-course'],
  ])('%s: a build from cached trees frozen solid gives the same bytes and leaves the trees as they were', async (_name, dir) => {
    const cache = createParseCache();
    const first = await buildCourse({ courseDir: dir, outDir: path.join(work, `${_name}-a`), cwd: root, toolDir: root, cache });
    expect(first.messages.filter((m) => m.fatal)).toEqual([]);
    const trees = [...cache.entries.values()].map((e) => e.module.tree);
    const before = JSON.stringify(trees);
    for (const tree of trees) deepFreeze(tree);
    const second = await buildCourse({ courseDir: dir, outDir: path.join(work, `${_name}-b`), cwd: root, toolDir: root, cache });
    expect(cache.stats.misses).toBe(trees.length);
    expect(cache.stats.hits).toBe(trees.length);
    expect(JSON.stringify(trees)).toBe(before);
    const [a, b] = [first, second].map((r) => r.outputs.map((o) => readFileSync(o.file)));
    expect(b).toEqual(a);
  }, 60_000);

  it('parses unchanged modules once, and the pages built from cached (frozen) trees are the same bytes', async () => {
    const course = path.join(work, 'course');
    cpSync(path.join(root, 'test/fixtures/courses/minimal'), course, { recursive: true });
    const cache = createParseCache();
    const first = await buildCourse({ courseDir: course, outDir: path.join(work, 'a'), cwd: root, toolDir: root, cache });
    expect(cache.stats).toEqual({ hits: 0, misses: 2 });
    const trees = [...cache.entries.values()].map((e) => e.module.tree);
    const before = JSON.stringify(trees);
    // Any stage that changed a cached tree in place would now throw (ES modules run in strict mode).
    for (const tree of trees) deepFreeze(tree);

    const second = await buildCourse({ courseDir: course, outDir: path.join(work, 'b'), cwd: root, toolDir: root, cache });
    expect(cache.stats).toEqual({ hits: 2, misses: 2 });
    expect(JSON.stringify(trees)).toBe(before);
    expect(second.messages).toEqual(first.messages);
    expect(readFileSync(path.join(work, 'b/minimal-course-scorm12.zip')).equals(readFileSync(path.join(work, 'a/minimal-course-scorm12.zip')))).toBe(true);

    const module = path.join(course, 'modules/02-check.md');
    writeFileSync(module, readFileSync(module, 'utf8').replace('What colour is the sky?', 'What colour is the sea?'));
    await buildCourse({ courseDir: course, outDir: path.join(work, 'c'), cwd: root, toolDir: root, cache });
    expect(cache.stats).toEqual({ hits: 3, misses: 3 });
    expect(cache.entries.size).toBe(2);
  });

  it('replays the messages of a cached parse', async () => {
    const cache = createParseCache();
    const options = { courseDir: 'test/fixtures/bad/front-matter', cwd: root, toolDir: root, cache };
    const first = await validateCourse(options);
    const second = await validateCourse(options);
    expect(cache.stats.hits).toBeGreaterThan(0);
    expect(first.messages.some((m) => m.ruleId === 'front-matter-invalid')).toBe(true);
    expect(second.messages).toEqual(first.messages);
  });
});
