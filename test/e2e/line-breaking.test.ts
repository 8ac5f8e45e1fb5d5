/**
 * Where the player's theme breaks lines of text in Chromium: Korean at the spaces between its words (as Korean
 * is set), Japanese and Chinese between characters, and a word too long for its line still broken, not cut off.
 */
import type { Frame } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { missing } from '../helpers/require-tools.js';
import { openCourse } from './harness/run-course.mjs';
import { BROWSER_TIMEOUT, usePackage } from './use-package.js';

const KOREAN = '학생들은 큰 아이디어를 가지고 도서관에 옵니다. 어떤 학생은 쏟아지지 않는 급식판을 만들고 싶어 하고, 또 다른 학생은 할머니를 위한 알림 앱을 만들고 싶어 합니다.';
const JAPANESE = '図書館には大きなアイデアを持った生徒がやって来ます。こぼれない給食のトレーを作りたい生徒もいれば、祖母のためのリマインダーアプリを作りたい生徒もいます。';

/**
 * The lines `text` takes in an element of the shown page with `lang` (or under `selector`, the page's own
 * element of that kind), as the browser lays them out: each character's box, grouped by its top.
 */
async function linesOf(frame: Frame, lang: string, text: string, tag = 'p', selector = 'section.cp-page:not([hidden])'): Promise<string[]> {
  return frame.locator(selector).first().evaluate((parent, [lang, text, tag]) => {
    const doc = parent.ownerDocument;
    const element = doc.createElement(tag);
    element.lang = lang;
    element.textContent = text;
    parent.prepend(element);
    const node = element.firstChild;
    if (!node) return [];
    const lines: string[] = [];
    let top: number | null = null;
    for (let i = 0; i < text.length; i++) {
      const range = doc.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const box = range.getClientRects()[0];
      if (!box) continue;
      if (top === null || Math.abs(box.top - top) > 4) lines.push('');
      top = box.top;
      lines[lines.length - 1] = `${lines[lines.length - 1] ?? ''}${text[i] ?? ''}`;
    }
    element.remove();
    return lines.map((line) => line.trim());
  }, [lang, text, tag] as const);
}

describe.skipIf(missing('chromium'))('line breaking', () => {
  const pkg = usePackage();

  it('breaks Korean between words, in a page, the contents and a question, and Japanese between characters', async () => {
    const { frame } = await openCourse(await pkg.newContext(), pkg.url);
    const words = new Set(KOREAN.split(' '));
    for (const [where, lines] of [
      ['a page', await linesOf(frame, 'ko', KOREAN)],
      ['the contents', await linesOf(frame, 'ko', KOREAN, 'span', '#cp-toc li')],
      ['a question', await linesOf(frame, 'ko', KOREAN, 'legend', 'section.cp-page:not([hidden])')],
    ] as const) {
      expect(lines.length, where).toBeGreaterThan(1);
      // Before: "… 어떤 학생은 쏟아" | "지지 않는 …", a word split across two lines.
      for (const line of lines) for (const word of line.split(' ')) expect(words.has(word), `${where}: "${word}" in "${line}"`).toBe(true);
    }
    const japanese = await linesOf(frame, 'ja', JAPANESE);
    expect(japanese.length).toBeGreaterThan(1);
    // Filled to the edge: a line ends where the next character would not fit, not at a punctuation mark alone.
    expect(japanese.some((line) => !/[、。]$/.test(line))).toBe(true);
    // A Korean word longer than the line still breaks inside the column rather than running off it.
    const long = await linesOf(frame, 'ko', '가'.repeat(80));
    expect(long.length).toBeGreaterThan(1);
  }, BROWSER_TIMEOUT);
});
