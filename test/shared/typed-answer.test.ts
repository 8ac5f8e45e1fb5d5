import { describe, expect, it } from 'vitest';
import { cleanTyped, MAX_TYPED, typedKey } from '../../src/shared/typed-answer.js';

describe('typedKey: two typed answers are one when they differ only in what a learner does not mean', () => {
  it.each([
    ['Learning', 'learning'],
    ['  LEARNING  ', 'learning'],
    ['Learning.', 'learning'],
    ['learning!!', 'learning'],
    ['"learning"', 'learning'],
    ['\u201clearning.\u201d', 'learning'],
    ['\u2018learning\u2019', 'learning'],
    ['to   learn', 'to learn'],
    ['to\u00a0learn', 'to learn'],
    ['don\u2019t give up', "don't give up"],
    ['self\u2013directed', 'self-directed'],
    ['self\u2014directed', 'self-directed'],
    ['\uff2c\uff45\uff41\uff52\uff4e', 'learn'],
    ['\u00bfAprender?', 'aprender'],
    ['\u0130stanbul', 'istanbul'],
    ['\u5b66\u7fd2\u3002', '\u5b66\u7fd2'],
    ['...', ''],
    ['mentor\u00adship', 'mentorship'],
    ['\u200fmentor\u200bship\u200e', 'mentorship'],
    ['\u00bd', '1/2'],
    ['\ufb01sh', 'fish'],
    ['STRASSE', 'strasse'],
    ['Stra\u00dfe', 'strasse'],
    ['\u0643\u062a\u0627\u0628', '\u06a9\u062a\u0627\u0628'],
    ['\u06a9\u062a\u0627\u0628', '\u06a9\u062a\u0627\u0628'],
    ['\u300c\u5b66\u7fd2\u300d', '\u5b66\u7fd2'],
    ['\uff8a\uff9f\uff9d', '\u30d1\u30f3'],
    ['\ufee3\ufeae\ufea3\ufe92\ufe8e', '\u0645\u0631\u062d\u0628\u0627'],
    ['\u0645\u0631\u062d\u0640\u0640\u0628\u0627', '\u0645\u0631\u062d\u0628\u0627'],
    ['5 \u00b5m', '5 \u03bcm'],
    ['\u0132ssel', 'ijssel'],
    // What Arabic, Persian and Urdu keyboards type: their digits, question mark, comma, semicolon and full stop.
    ['\u0665', '5'],
    ['\u06f1\u06f2', '12'],
    ['\u062a\u0639\u0644\u0645\u061f', '\u062a\u0639\u0644\u0645'],
    ['\u062a\u0639\u0644\u0645\u060c', '\u062a\u0639\u0644\u0645'],
    ['\u062a\u0639\u0644\u0645\u061b', '\u062a\u0639\u0644\u0645'],
    ['\u0633\u06cc\u06a9\u06be\u0646\u0627\u06d4', '\u0633\u06cc\u06a9\u06be\u0646\u0627'],
    ['\u5b66\u7fd2\u3001', '\u5b66\u7fd2'],
    // The digits a Hindi (InScript), Thai or Bengali keyboard types, and mathematical bold digits.
    ['\u0967\u0968', '12'],
    ['\u0e51\u0e52', '12'],
    ['\u09e7\u09e8', '12'],
    ['\u0966\u096f', '09'],
    ['\u{1d7d7}\u{1d7f5}', '99'],
    // Hindi's full stop, the danda, and the double danda that ends a verse.
    ['\u0938\u0940\u0916\u0928\u093e\u0964', '\u0938\u0940\u0916\u0928\u093e'],
    ['\u0938\u0940\u0916\u0928\u093e \u0965', '\u0938\u0940\u0916\u0928\u093e'],
  ])('%j reads as %j', (typed, key) => {
    expect(typedKey(typed)).toBe(key);
  });

  it('keeps what a learner means: accents, letters, inner punctuation and dotless i', () => {
    expect(typedKey('a\u00f1o')).not.toBe(typedKey('ano'));
    expect(typedKey('e.g. trust')).toBe('e.g. trust');
    expect(typedKey('C++')).toBe('c++');
    expect(typedKey('\u0131')).not.toBe(typedKey('i'));
    // Composed and decomposed accents are one letter (NFC).
    expect(typedKey('an\u0303o')).toBe(typedKey('a\u00f1o'));
    // Superscripts and subscripts mean something: 10² is not 102, H₂O not H2O (NFKC would fold them).
    expect(typedKey('10\u00b2')).not.toBe(typedKey('102'));
    expect(typedKey('H\u2082O')).not.toBe(typedKey('H2O'));
    // Alef maksura is a letter of its own: "on" is not "Ali".
    expect(typedKey('\u0639\u0644\u0649')).not.toBe(typedKey('\u0639\u0644\u064a'));
    // The joiners Persian words and emoji need stay.
    expect(typedKey('\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645')).toContain('\u200c');
  });
});

describe('cleanTyped: what is kept of what was typed', () => {
  it('folds white space and trims', () => {
    expect(cleanTyped('  to \t learn \n')).toBe('to learn');
    expect(cleanTyped('   ')).toBe('');
  });

  it(`cuts at ${MAX_TYPED} UTF-16 code units, never inside a character`, () => {
    expect(cleanTyped('x'.repeat(100))).toHaveLength(MAX_TYPED);
    const emoji = `${'x'.repeat(MAX_TYPED - 1)}\u{1f600}`;
    expect(cleanTyped(emoji)).toBe('x'.repeat(MAX_TYPED - 1));
    expect(cleanTyped(`${'x'.repeat(MAX_TYPED - 1)} word`)).toBe('x'.repeat(MAX_TYPED - 1));
  });
});

describe('typedKey on what an LRS may hold: thousands of marks and quotes read in one pass', () => {
  it.each([
    ['\u300c'.repeat(20_000) + 'x' + '\u300d'.repeat(20_000), 'x'],
    ['"'.repeat(20_000) + 'x' + '"'.repeat(20_000), 'x'],
    ['x' + '.'.repeat(50_000) + 'y', 'x' + '.'.repeat(50_000) + 'y'],
    ['x' + ' .'.repeat(50_000), 'x'],
  ])('%#', (text, key) => {
    expect(typedKey(text)).toBe(key);
  });
});
