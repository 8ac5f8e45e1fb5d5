/**
 * A player word in pieces by language (sayIn, joinSaid): in a course whose language has no built-in words, the
 * English ones are marked `lang="en"` and the course's own text in them (a module's title) is not (WCAG 3.1.2).
 */
import { describe, expect, it } from 'vitest';
import { PLAYER_WORDS } from '../../src/compile/player-word-lists.js';
import { joinSaid, sayIn } from '../../src/runtime/say-in.js';

const en = PLAYER_WORDS['en']!;

describe('sayIn: a player word in pieces, each with its language when not the course\'s', () => {
  it('is one piece of no language in a course whose words are its own, values and all', () => {
    expect(sayIn({ words: en, language: 'en' }, 'pagesNotViewed', { n: 2, module: joinSaid('Basics') })).toEqual([{ text: '2 pages of Basics not viewed yet: ', lang: null }]);
    expect(sayIn({ words: PLAYER_WORDS['es']!, language: 'es' }, 'next')).toEqual([{ text: 'Siguiente', lang: null }]);
  });

  it('is English around the course\'s text in a `de` course without the word', () => {
    const course = { words: en, language: 'de' };
    expect(sayIn(course, 'pageOf', { n: 3, total: 12 })).toEqual([{ text: 'Page 3 of 12', lang: 'en' }]);
    expect(sayIn(course, 'pagesNotViewed', { n: 2, module: joinSaid('Grundlagen') })).toEqual([
      { text: '2 pages of ', lang: 'en' }, { text: 'Grundlagen', lang: null }, { text: ' not viewed yet: ', lang: 'en' },
    ]);
  });

  it('keeps a word given under `words:` in the course\'s language, and a word inside another in its own', () => {
    const course = { words: { ...en, forgetAsk: 'Vergessen', forgetWhatAll: 'alles', given: { lang: 'de', keys: ['forgetAsk', 'forgetWhatAll'] } }, language: 'de' };
    expect(sayIn(course, 'forgetAsk')).toEqual([{ text: 'Vergessen', lang: null }]);
    const question = sayIn(course, 'forgetQuestion', { what: sayIn(course, 'forgetWhatAll') });
    expect(question.map((piece) => piece.lang)).toEqual(['en', null, 'en']);
    expect(question.find((piece) => piece.lang === null)?.text).toBe('alles');
  });
});

describe('joinSaid: pieces and plain text as one', () => {
  it('merges neighbours of one language and drops empty pieces', () => {
    expect(joinSaid([{ text: 'Page 3 of 12', lang: 'en' }], ' \u00b7 ', '', [{ text: '25% complete', lang: 'en' }])).toEqual([
      { text: 'Page 3 of 12', lang: 'en' }, { text: ' \u00b7 ', lang: null }, { text: '25% complete', lang: 'en' },
    ]);
    expect(joinSaid('a', 'b')).toEqual([{ text: 'ab', lang: null }]);
  });
});
