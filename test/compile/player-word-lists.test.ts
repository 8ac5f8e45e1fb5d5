/**
 * The player's word lists: every language has every word, of the same kind (text, or forms of a count),
 * with the same values; docs/authoring.md lists them all; the build picks a list by the primary subtag.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PLAYER_WORDS, playerWordsFor } from '../../src/compile/player-word-lists.js';
import { placeholdersOf, say, type WordKey, type WordText } from '../../src/shared/player-words.js';

const en = PLAYER_WORDS['en']!;
const KEYS = Object.keys(en).filter((k) => k !== 'lang' && k !== 'given');

describe('the player word lists', () => {
  it.each(Object.keys(PLAYER_WORDS))('%s has every word of the English list, each of its kind and with its values', (lang) => {
    const words = PLAYER_WORDS[lang]!;
    expect(words.lang).toBe(lang);
    expect(Object.keys(words).sort()).toEqual(Object.keys(en).sort());
    for (const key of KEYS) {
      const mine = (words as unknown as Record<string, WordText>)[key]!;
      const english = (en as unknown as Record<string, WordText>)[key]!;
      expect(typeof mine, key).toBe(typeof english);
      expect(placeholdersOf(mine), key).toEqual(placeholdersOf(english));
      for (const form of typeof mine === 'string' ? [mine] : Object.values(mine)) expect(String(form).trim(), key).not.toBe('');
    }
  });

  it('Spanish is Spanish: no word is left as its English text but the ones the same in both', () => {
    const es = PLAYER_WORDS['es']! as unknown as Record<string, WordText>;
    const same = KEYS.filter((k) => JSON.stringify(es[k]) === JSON.stringify((en as unknown as Record<string, WordText>)[k]));
    expect(same).toEqual(['errorLabel', 'minutesShort']);
  });

  it('Spanish writes every percentage as the certificate does, with a no-break space before %', () => {
    // Before: one results page read "Su puntuación: 80%." above the certificate's "una puntuación de 80 %."
    const es = PLAYER_WORDS['es']! as unknown as Record<string, WordText>;
    const percents = KEYS.filter((k) => JSON.stringify(es[k]).includes('%'));
    expect(percents.length).toBeGreaterThan(5);
    expect(percents.filter((k) => !/^[^%]*(\}\u00a0%[^%]*)+$/.test(String(es[k])))).toEqual([]);
  });

  it('Spanish agrees with a count of 1 in the words that count with a value, not {n} (no plural form to choose)', () => {
    // Before: a course with one scored question read "Ha respondido 0 de 1 preguntas calificadas.", a one-page
    // module package "ver todas las páginas (1 de 1 vistas).", and a multiple-answer check with one right option,
    // ticked with a wrong one, "1 de 1 correctas, 1 opción incorrecta." (typedLimit's n is the build's fixed limit.)
    const es = PLAYER_WORDS['es']!;
    const counts = ['n', 'total', 'hits', 'answered', 'viewed', 'attempt'];
    const wrong = KEYS.filter((k) => k !== 'typedLimit').flatMap((key) => {
      const values = Object.fromEntries(placeholdersOf(es[key as WordKey]).map((p) => [p, counts.includes(p) ? 1 : '«…»']));
      const text = say(es, key as WordKey, values);
      return /\b1(?: de 1)? \p{L}+s\b/u.test(text) ? [`${key}: ${text}`] : [];
    });
    expect(wrong).toEqual([]);
  });

  it('Spanish says what happens to a record still waiting after Forget as the English does: it leaves this computer once the store confirms it', () => {
    // Before: "Se enviará en cuanto el almacén confirme que lo recibió" (it is sent once the store says it received it).
    const waiting = PLAYER_WORDS['es']!.forgetDoneWaiting as { one: string; other: string };
    expect(waiting.one).toMatch(/Se eliminará de esta computadora en cuanto el almacén confirme que lo recibió\.$/);
    expect(waiting.other).toMatch(/Se eliminarán de esta computadora en cuanto el almacén confirme que los recibió\.$/);
  });

  it('docs/authoring.md lists every word', () => {
    const docs = readFileSync(new URL('../../docs/authoring.md', import.meta.url), 'utf8');
    expect(KEYS.filter((k) => !docs.includes(`| \`${k}\` |`))).toEqual([]);
  });

  it.each([
    ['en', 'en', true], ['en-US', 'en', true], ['es', 'es', true], ['es-MX', 'es', true], ['ES-419', 'es', true],
    ['vi', 'en', false], ['fr-CA', 'en', false], ['hasOwnProperty', 'en', false],
  ])('playerWordsFor(%s): the %s list, matched %s', (language, lang, matched) => {
    const picked = playerWordsFor(language);
    expect(picked.words.lang).toBe(lang);
    expect(picked.matched).toBe(matched);
  });
});
