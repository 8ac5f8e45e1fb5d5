/**
 * Page anchors from titles (resolve-url.ts slugify): Latin titles make the anchors they always made, and
 * titles in other scripts keep their words, so each page has its own anchor and links can name it.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { packCourse, validateCourse } from '../../src/compile/index.js';
import type { CourseData } from '../../src/shared/course-data.js';
import { pageIdSlug, slugify } from '../../src/compile/resolve-url.js';

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

describe('page ids', () => {
  it('are made as they always were, whatever the anchor: saved progress and xAPI IRIs are keyed by them', () => {
    expect(['بناء الثقة', 'The σ rule', 'Setting Goals Together', 'Straße'].map(pageIdSlug)).toEqual(['page', 'the-rule', 'setting-goals-together', 'stra-e']);
  });
});

/** The course data of the minimal course with `modules` added, and what validate said of it. */
async function withModule(name: string, module: string[]): Promise<{ data: CourseData; said: string[] }> {
  const dir = path.join(work, name);
  cpSync(path.join(root, 'test/fixtures/courses/minimal'), dir, { recursive: true });
  writeFileSync(path.join(dir, 'modules/03-extra.md'), module.join('\n'));
  const packed = await packCourse({ courseDir: dir, cwd: root, toolDir: root });
  const html = new TextDecoder().decode(packed.packages[0]?.files.find((f) => f.path === 'index.html')?.data);
  const json = /<script type="application\/json" id="cp-course">(.*?)<\/script>/s.exec(html)?.[1] ?? 'null';
  return { data: JSON.parse(json) as CourseData, said: packed.messages.filter((m) => m.ruleId !== 'language-words').map((m) => `${m.ruleId}: ${m.reason}`) };
}

describe('an anchor that names two pages', () => {
  it('is an error naming both: one page\'s title anchor and another\'s old id', async () => {
    const { said } = await withModule('ambiguous', [
      '---', 'id: trust', 'title: الثقة', 'objectives: [اقرأ.]', 'minutes: 5', '---', '',
      '## مرحبا', '', 'انظر [هذه](#page-2).', '', '## بناء', '', 'نص.', '', '## Page 2', '', 'Text.', '',
    ]);
    expect(said).toEqual(['broken-link: Link `#page-2`: the anchor #page-2 names two pages: `Page 2` by its title, and `بناء` as links named it before anchors kept the words of its title']);
  });
});

describe('an Arabic module', () => {
  it('keeps the page ids it had (progress saved before still reads), and links by the old anchors still reach their pages', async () => {
    const { data, said } = await withModule('ar-ids', [
      '---', 'id: trust', 'title: الثقة', 'objectives: [اقرأ.]', 'minutes: 5', '---', '',
      '## ما هو الإرشاد؟', '', 'انظر [الصفحة التالية](#page-2) و[هذه](#بناء-الثقة).', '', '## بناء الثقة', '', 'نص.', '',
      '## The σ rule', '', 'See [the rule](#the-rule).', '',
    ]);
    expect(said).toEqual([]);
    expect(data.pages.filter((p) => p.module === 'trust').map((p) => p.id)).toEqual(['trust--page', 'trust--page-2', 'trust--the-rule']);
  });

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

describe('a Japanese or Korean module', () => {
  it('reaches a page by an anchor written decomposed (NFD, as macOS names files), which reads as the title does', async () => {
    const decomposed = (text: string) => text.normalize('NFD');
    const { data, said } = await withModule('ja-nfd', [
      '---', 'id: trust', 'title: 信頼', 'objectives: [読む。]', 'minutes: 5', '---', '',
      '## ようこそ', '', `[定義](${decomposed('#メンタリングの定義')})と[학습](${decomposed('#한국어-학습')})を見る。`, '',
      '## メンタリングの定義', '', '本文。', '', '## 한국어 학습', '', '본문.', '',
    ]);
    // Before: "no page with the anchor #メンタリングの定義", whose hint listed #メンタリングの定義, alike to the eye.
    expect(said).toEqual([]);
    expect(data.pages.filter((p) => p.module === 'trust').map((p) => p.title)).toEqual(['ようこそ', 'メンタリングの定義', '한국어 학습']);
  });
});
