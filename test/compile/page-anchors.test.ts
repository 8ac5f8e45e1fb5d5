/**
 * Page anchors from titles (resolve-url.ts slugify): Latin titles make the anchors they always made, and
 * titles in other scripts keep their words, so each page has its own anchor and links can name it.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { validateCourse } from '../../src/compile/index.js';
import { slugify } from '../../src/compile/resolve-url.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'coursepack-anchors-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('slugify', () => {
  it.each([
    ['Setting Goals Together', 'setting-goals-together'],
    ['Café', 'cafe'],
    // Latin letters past a-z still part words, as before: ids of published courses do not move.
    ['Straße & Ødegaard', 'stra-e-degaard'],
    ['½ of it', '1-2-of-it'],
    ['بناء الثقة', 'بناء-الثقة'],
    ['ما هو الإرشاد؟', 'ما-هو-الإرشاد'],
    ['メンタリングとは', 'メンタリングとは'],
    ['がくしゅう', 'がくしゅう'],
    ['ｶﾞｸｼｭｳ', 'ガクシュウ'],
    ['한국어 제목', '한국어-제목'],
    ['Что такое наставничество', 'что-такое-наставничество'],
    ['   ', 'page'],
  ])('%s → %s', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('cuts at 48 characters, not inside one', () => {
    // 𠮷 is one letter in two UTF-16 units: a cut by units left half of one.
    expect(Array.from(slugify('𠮷'.repeat(60)))).toEqual(Array.from('𠮷'.repeat(48)));
    expect(Array.from(slugify('ث'.repeat(60)))).toHaveLength(48);
  });
});

describe('an Arabic module', () => {
  it('gives each page its own anchor, and a link names a page by its title', async () => {
    const dir = path.join(work, 'ar');
    cpSync(path.join(root, 'test/fixtures/courses/minimal'), dir, { recursive: true });
    writeFileSync(path.join(dir, 'modules/03-trust.md'), [
      '---', 'id: trust', 'title: الثقة', 'objectives: [اقرأ.]', 'minutes: 5', '---', '',
      '## ما هو الإرشاد؟', '', 'نص.', '', '## بناء الثقة', '', 'انظر [ما هو الإرشاد](#ما-هو-الإرشاد).', '',
    ].join('\n'));
    const { messages } = await validateCourse({ courseDir: dir, cwd: root, toolDir: root });
    // Before: both titles made #page, a page-title-duplicate warning, and the link an error listing #page, #page-2.
    expect(messages.filter((m) => m.ruleId !== 'language-words').map((m) => `${m.ruleId}: ${m.reason}`)).toEqual([]);
  });
});
