/** Terminal columns: what the report's table is laid out by. */
import { describe, expect, it } from 'vitest';
import { clipToWidth, displayWidth, padToWidth } from '../../src/report/display-width.js';

describe('displayWidth', () => {
  it.each([
    ['Ada Lovelace', 12],
    ['山田太郎', 8],
    ['ｶﾞｸｼｭｳ', 6],
    ['メンタリングとは', 16],
    // Tanween (U+064B) takes no column of its own.
    ['رقمًا', 4],
    ['café', 4],
    ['cafe\u0301', 4],
    ['🌸', 2],
    ['👩‍🏫', 2],
    ['한국어', 6],
  ])('%s takes %d columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe('clipToWidth and padToWidth', () => {
  it('cuts between graphemes, never inside an emoji, and pads by columns', () => {
    const clipped = clipToWidth(`${'あ'.repeat(19)}🌸`, 40);
    expect(clipped).toBe(`${'あ'.repeat(19)}🌸`);
    expect(clipToWidth(`${'あ'.repeat(19)}🌸🌸`, 40)).toBe(`${'あ'.repeat(19)}…`);
    expect(clipToWidth('a'.repeat(45), 40)).toBe(`${'a'.repeat(39)}…`);
    expect(clipToWidth('🌸'.repeat(30), 40)).not.toContain('\ufffd');
    expect(padToWidth('山田', 6, 'end')).toBe('山田  ');
    expect(padToWidth('5', 3, 'start')).toBe('  5');
  });
});
