import { describe, expect, it } from 'vitest';
import { textDirection } from '../../src/shared/text-direction.js';

describe('textDirection: <html dir> from the course language', () => {
  it.each([
    ['en', 'ltr'], ['es-MX', 'ltr'], ['vi', 'ltr'], ['zh-Hant', 'ltr'],
    ['ar', 'rtl'], ['AR-eg', 'rtl'], ['he', 'rtl'], ['fa-IR', 'rtl'], ['ur', 'rtl'], ['yi', 'rtl'], ['ckb', 'rtl'],
    // The script subtag decides when there is one.
    ['az-Arab', 'rtl'], ['ku-Latn', 'ltr'], ['pa-Arab-PK', 'rtl'], ['uz-Cyrl', 'ltr'],
    // Else the script the language (and region) is written in: Kurmanji in Latin, Punjabi in Pakistan and Dari in Arabic.
    ['ku', 'ltr'], ['pa', 'ltr'], ['pa-PK', 'rtl'], ['uz-AF', 'rtl'], ['nqo', 'rtl'], ['mzn', 'rtl'], ['dv', 'rtl'], ['arc', 'rtl'],
  ])('%s is %s', (language, dir) => {
    expect(textDirection(language)).toBe(dir);
  });
});
