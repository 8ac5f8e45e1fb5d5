import { describe, expect, it } from 'vitest';
import { cutText } from '../../src/shared/cut-text.js';

/** Where Intl.Segmenter (ICU, in Node) puts the character boundaries of `text`, as UTF-16 offsets. */
function segmenterBoundaries(text: string): Set<number> {
  const boundaries = new Set<number>();
  for (const { index } of new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(text)) boundaries.add(index);
  boundaries.add(text.length);
  return boundaries;
}

const SAMPLES = [
  ['a teacher emoji', 'Mentor 👩‍🏫 and 👨🏽‍🔬 together'],
  ['flags', '🇯🇵🇰🇷🇹🇭🇮🇳🇨🇳'],
  ['skin tones and a keycap', '👍🏽👋🏿 1️⃣ #️⃣'],
  ['a subdivision flag', 'Wales 🏴󠁧󠁢󠁷󠁬󠁳󠁿 ok'],
  ['Hindi with vowel signs, virama and conjuncts', 'मेंटरिंग क्षत्रिय विद्यार्थी हिन्दी'],
  ['Thai vowels above and below', 'การเรียนรู้ที่ดีที่สุด'],
  ['Thai and Lao SARA AM, a letter that joins the one before', 'ทำ น้ำ จำ ກຳ'],
  ['decomposed kana and accents', 'モシ\u3099ュール cafe\u0301'],
  ['decomposed Hangul', '\u1112\u1161\u11ab\u1100\u116e\u11a8\u110b\u1165'],
  ['Japanese and Chinese', '若い発明家のメンタリング𠮷野家学习'],
  ['CR LF', 'a\r\nb'],
] as const;

describe('cutText: a start of the text that ends between characters as readers see them', () => {
  it.each(SAMPLES)('%s: every cut ends where Intl.Segmenter has a boundary', (_, text) => {
    const boundaries = segmenterBoundaries(text);
    for (const measure of ['utf-16', 'code-points'] as const) {
      for (let max = 0; max <= text.length + 1; max++) {
        const cut = cutText(text, max, measure);
        expect(text.startsWith(cut)).toBe(true);
        expect(boundaries.has(cut.length), `${measure} ${max}: ${JSON.stringify(cut)}`).toBe(true);
        const size = measure === 'utf-16' ? cut.length : Array.from(cut).length;
        expect(size).toBeLessThanOrEqual(max);
        // The longest such start: the next boundary would not fit.
        const next = [...boundaries].filter((b) => b > cut.length).sort((a, b) => a - b)[0];
        if (next !== undefined) {
          const more = text.slice(0, next);
          expect(measure === 'utf-16' ? more.length : Array.from(more).length).toBeGreaterThan(max);
        }
      }
    }
  });

  it('keeps the text whole when it fits', () => {
    expect(cutText('👩‍🏫', 5, 'utf-16')).toBe('👩‍🏫');
    expect(cutText('👩‍🏫', 3, 'code-points')).toBe('👩‍🏫');
  });

  it('leaves a whole character out rather than half of it', () => {
    expect(cutText('ab👩‍🏫', 4, 'utf-16')).toBe('ab');
    expect(cutText('🇯🇵🇰🇷', 3, 'code-points')).toBe('🇯🇵');
    expect(cutText('हिन्दी', 2, 'code-points')).toBe('हि');
  });
});
