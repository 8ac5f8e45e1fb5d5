import { describe, expect, it } from 'vitest';
import { PLAYER_WORDS, playerWordsFor } from '../../src/compile/player-word-lists.js';
import { authorVerdictPattern, placeholdersOf, say, wordLang } from '../../src/shared/player-words.js';

const en = PLAYER_WORDS['en']!;
const es = PLAYER_WORDS['es']!;

describe('say: a word with its values, in the form its count asks', () => {
  it.each([
    [en, 'questionNumber', { n: 3, total: 10 }, 'Question 3 of 10'],
    [es, 'questionNumber', { n: 3, total: 10 }, 'Pregunta 3 de 10'],
    [en, 'moduleCount', { n: 1 }, '1 module'],
    [en, 'moduleCount', { n: 0 }, '0 modules'],
    [en, 'moduleCount', { n: 2 }, '2 modules'],
    [es, 'moduleCount', { n: 1 }, '1 módulo'],
    [es, 'moduleCount', { n: 0 }, '0 módulos'],
    [es, 'pagesNotViewed', { n: 2, module: 'Confianza' }, '2 páginas de Confianza aún sin ver: '],
    [en, 'youMissed', { n: 1 }, ': you missed one'],
    [en, 'youMissed', { n: 4 }, ': you missed 4'],
    [en, 'next', {}, 'Next'],
  ] as const)('%#: %s', (words, key, values, expected) => {
    expect(say(words, key, values)).toBe(expected);
  });

  it('leaves a value it was not given in sight, and takes `other` without a count', () => {
    expect(say(en, 'scoreLine', { score: 80 })).toBe('Your score: 80%. The pass mark is {mark}%. Attempt {attempt}.');
    expect(say(en, 'moduleCount')).toBe('{n} modules');
  });

  it('a value is put in as it is: one holding {…} is not filled again', () => {
    expect(say(en, 'publishedBy', { name: 'The {n} district' })).toBe('Published by The {n} district');
  });

  it('plural forms follow the words\' own language, also one Intl does not know', () => {
    expect(say({ ...en, lang: 'x-unknown' }, 'moduleCount', { n: 1 })).toBe('1 module');
    expect(say({ ...en, lang: 'x-unknown' }, 'moduleCount', { n: 5 })).toBe('5 modules');
  });

  it('placeholdersOf: the values a word uses, in both forms of a count', () => {
    expect(placeholdersOf('Question {n} of {total}')).toEqual(['n', 'total']);
    expect(placeholdersOf({ one: 'missed one', other: 'missed {n}' })).toEqual(['n']);
    expect(placeholdersOf('Next')).toEqual([]);
  });

  it('a word that counts takes the form of its language\'s plural category, `other` for one it lacks', () => {
    const ru = { ...en, lang: 'ru', moduleCount: { one: '{n} модуль', few: '{n} модуля', many: '{n} модулей', other: '{n} модуля' } };
    expect([1, 2, 5, 21, 22, 1.5].map((n) => say(ru, 'moduleCount', { n }))).toEqual(['1 модуль', '2 модуля', '5 модулей', '21 модуль', '22 модуля', '1.5 модуля']);
    expect(say({ ...ru, moduleCount: { other: '{n} модулей' } }, 'moduleCount', { n: 2 })).toBe('2 модулей');
  });

  it('the words a course gave follow its language, the English ones around them English rules', () => {
    const words = { ...en, given: { lang: 'fr', keys: ['pageCount'] }, pageCount: { one: '{n} page', other: '{n} pages' } };
    // French says "0 page" (0 is `one`); English says "0 modules".
    expect(say(words, 'pageCount', { n: 0 })).toBe('0 page');
    expect(say(words, 'moduleCount', { n: 0 })).toBe('0 modules');
  });
});

describe('wordLang: the language of a player word when it is not the course\'s (WCAG 3.1.2)', () => {
  const en = PLAYER_WORDS['en']!;
  const es = PLAYER_WORDS['es']!;

  it('is null for every word of a course in a language the player speaks (its words are the course\'s)', () => {
    expect(wordLang(en, 'next', 'en')).toBeNull();
    expect(wordLang({ ...en, lang: 'en-GB' }, 'next', 'en-GB')).toBeNull();
    expect(wordLang(es, 'next', 'es')).toBeNull();
    expect(wordLang({ ...es, lang: 'es-MX' }, 'pageOf', 'es-MX')).toBeNull();
  });

  it('is null in a course of a regional tag whose words are built in by its primary subtag (en-GB, es-MX: words.lang is en, es)', () => {
    for (const language of ['en-GB', 'en-us', 'es-MX', 'ES-419']) {
      const { words } = playerWordsFor(language);
      expect(wordLang(words, 'next', language), language).toBeNull();
      expect(wordLang(words, 'pageOf', language), language).toBeNull();
    }
    // Not a prefix of another subtag: `e` is no `en` course's language, `en` no `eng` course's.
    expect(wordLang(en, 'next', 'eng')).toBe('en');
  });

  it('is English for a word course.yaml does not give in another language, null for one it gives', () => {
    const de = { ...en, next: 'Weiter', given: { lang: 'de', keys: ['next'] } };
    expect(wordLang(de, 'next', 'de')).toBeNull();
    expect(wordLang(de, 'previous', 'de')).toBe('en');
    expect(wordLang(en, 'checkAnswer', 'fr')).toBe('en');
    expect(wordLang(en, 'pageOf', 'de-AT')).toBe('en');
  });

  it('is null for every word when course.yaml gives them all', () => {
    const keys = Object.keys(en).filter((k) => k !== 'lang');
    const all = { ...en, given: { lang: 'fr', keys } };
    expect(keys.filter((k) => wordLang(all, k as 'next', 'fr') !== null)).toEqual([]);
  });
});

describe('authorVerdictPattern: feedback that already says right or wrong, so the player adds no verdict', () => {
  const en = PLAYER_WORDS['en']!;
  const ja = { ...en, authorVerdicts: '\u6b63\u89e3|\u305d\u306e\u3068\u304a\u308a|\u4e0d\u6b63\u89e3' };
  it.each([
    ['en, Correct!', en, 'Correct! A saw cuts.', true],
    ['en, Correctly (a longer word)', en, 'Correctly used, a saw cuts.', false],
    ['es, ¡Correcto!', PLAYER_WORDS['es']!, '\u00a1Correcto! S\u00ed.', true],
    // Chinese and Japanese put no space after a word, and close it with their own marks: "そのとおり。" was no
    // verdict, and learners read "Correct. そのとおり。…".
    ['ja, そのとおり。', ja, '\u305d\u306e\u3068\u304a\u308a\u3002\u597d\u5947\u5fc3\u304c\u4fe1\u983c\u3092\u7bc9\u304d\u307e\u3059\u3002', true],
    ['ja, 正解！', ja, '\u6b63\u89e3\uff01', true],
    ['ja, 不正解、', ja, '\u4e0d\u6b63\u89e3\u3001\u3082\u3046\u4e00\u5ea6\u3002', true],
    ['ja, 正解率 (another word)', ja, '\u6b63\u89e3\u7387\u306f\u9ad8\u3044\u3002', false],
    ['hi, सही।', { ...en, authorVerdicts: '\u0938\u0939\u0940' }, '\u0938\u0939\u0940\u0964 \u092c\u0939\u0941\u0924 \u0905\u091a\u094d\u091b\u093e\u0964', true],
  ])('%s', (_, words, feedback, said) => {
    expect(authorVerdictPattern(words).test(feedback)).toBe(said);
  });
});
