/**
 * Where a number and what it counts part across two lines ("33 | pages", "6 | ページ") in Chromium's layout: each
 * of `lines` narrowed from 40 to 400 px, a number's last digit against the next character that is not a space.
 * An empty list when none ever part.
 */
import type { Locator } from 'playwright-core';

export function countsSplit(lines: Locator): Promise<string[]> {
  return lines.evaluateAll((elements) => {
    type Text = { data: string };
    type Line = { style: { width: string }; textContent: string; ownerDocument: {
      createTreeWalker(n: unknown, f: number): { nextNode(): unknown };
      createRange(): { setStart(n: unknown, i: number): void; setEnd(n: unknown, i: number): void; getBoundingClientRect(): { top: number } };
    } };
    const found = new Set<string>();
    for (const line of elements as unknown as Line[]) {
      const walker = line.ownerDocument.createTreeWalker(line, 4 /* NodeFilter.SHOW_TEXT */);
      const texts: Text[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
      const range = line.ownerDocument.createRange();
      for (let width = 40; width <= 400; width += 4) {
        line.style.width = `${width}px`;
        for (const text of texts) {
          const top = (i: number) => { range.setStart(text, i); range.setEnd(text, i + 1); return range.getBoundingClientRect().top; };
          for (const m of text.data.matchAll(/\d ?(?=[^\s\d])/g)) {
            const index = m.index ?? 0;
            if (Math.abs(top(index) - top(index + m[0].length)) > 4) found.add(`${text.data.slice(index, index + m[0].length + 1)}… in "${line.textContent}"`);
          }
        }
      }
      line.style.width = '';
    }
    return [...found];
  });
}
