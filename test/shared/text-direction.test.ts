import { describe, expect, it } from 'vitest';
import { LTR_IN_EVERY_REGION, textDirection } from '../../src/shared/text-direction.js';

describe('textDirection: <html dir> from the course language', () => {
  it.each([
    ['en', 'ltr'], ['es-MX', 'ltr'], ['vi', 'ltr'], ['zh-Hant', 'ltr'],
    ['ar', 'rtl'], ['AR-eg', 'rtl'], ['he', 'rtl'], ['fa-IR', 'rtl'], ['ur', 'rtl'], ['yi', 'rtl'], ['ckb', 'rtl'],
    // The script subtag decides when there is one.
    ['az-Arab', 'rtl'], ['ku-Latn', 'ltr'], ['pa-Arab-PK', 'rtl'], ['uz-Cyrl', 'ltr'],
    // Else the script the language (and region) is written in: Kurmanji in Latin, Punjabi in Pakistan and Dari in Arabic.
    ['ku', 'ltr'], ['pa', 'ltr'], ['pa-PK', 'rtl'], ['uz-AF', 'rtl'], ['nqo', 'rtl'], ['mzn', 'rtl'], ['dv', 'rtl'], ['arc', 'rtl'],
    // A script subtag comes before any extension or private use: four letters after a singleton name no script.
    // Arabic with Western digits (`-u-nu-latn`), Persian with its calendar, Hebrew with a private tag are still right to left.
    ['ar-u-nu-latn', 'rtl'], ['ar-MA-u-nu-latn', 'rtl'], ['fa-IR-u-ca-pers', 'rtl'], ['ar-t-en-latn', 'rtl'], ['he-x-test', 'rtl'],
    ['en-x-arab', 'ltr'], ['en-US-x-hebr', 'ltr'], ['sr-Latn-RS-u-nu-arab', 'ltr'], ['az-Arab-x-abcd', 'rtl'],
  ])('%s is %s', (language, dir) => {
    expect(textDirection(language)).toBe(dir);
  });
});

describe('languages answered without Intl (LTR_IN_EVERY_REGION)', () => {
  it('are written left to right in every two-letter region, as CLDR\'s likely subtags (Intl.Locale#maximize) say', () => {
    const regions = Array.from({ length: 26 * 26 }, (_, i) => String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26)));
    const scripts = new Set<string>();
    for (const language of LTR_IN_EVERY_REGION) {
      for (const tag of [language, ...regions.map((r) => `${language}-${r}`)]) {
        const script = new Intl.Locale(tag).maximize().script;
        expect(script, tag).toBeDefined();
        scripts.add(script as string);
        // Asked with the script written out, which the list does not answer.
        expect(textDirection(`${language}-${script}`), tag).toBe('ltr');
        expect(textDirection(tag), tag).toBe('ltr');
      }
    }
    // The check would pass on nothing if it never met a script.
    expect(scripts).toContain('Latn');
    expect(scripts).toContain('Cyrl');
  });

  it('leaves a language some region writes right to left to Intl: Punjabi in Pakistan, Azerbaijani in Iran', () => {
    expect(LTR_IN_EVERY_REGION.has('pa')).toBe(false);
    expect(textDirection('pa-PK')).toBe('rtl');
    expect(textDirection('az-IR')).toBe('rtl');
    expect(textDirection('pa-IN')).toBe('ltr');
  });
});
