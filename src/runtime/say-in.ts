/**
 * The player's words in pieces by language (pure: no DOM, shared by the views, put in the page by dom-helpers.ts,
 * putSaid and saidNodes).
 */
import { say, wordLang, type PlayerWords, type WordKey } from '../shared/player-words.js';

/**
 * Text the player shows, in pieces, each with its language when it is not the course's (`lang`, from wordLang):
 * in a course whose language has no built-in words, the words course.yaml does not give are English, and a
 * screen reader must read them with an English voice (WCAG 3.1.2). One piece of `lang: null` in a course whose
 * words are all its own.
 */
export type Said = readonly { readonly text: string; readonly lang: string | null }[];

/** What saying a player word needs: the words and the course's language (CourseData has both). */
interface Speaker { readonly words: PlayerWords; readonly language: string }

/**
 * `say(words, key, values)` in pieces: the word's own text in its language, and the values given as Said (a
 * module's title, a date written in the course's language: `joinSaid(title)`; another word) in theirs.
 */
export function sayIn(course: Speaker, key: WordKey, values: Readonly<Record<string, string | number | Said>> = {}): Said {
  const lang = wordLang(course.words, key, course.language);
  const plain: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(values)) plain[name] = typeof value === 'object' ? `\u0000${name}\u0000` : value;
  const pieces = say(course.words, key, plain).split(/\u0000(\w+)\u0000/)
    .flatMap((text, i) => (i % 2 === 0 ? [{ text, lang }] : (values[text] as Said)));
  const joined = joinSaid(pieces);
  return joined.length > 0 ? joined : [{ text: '', lang }];
}

/** Said pieces and plain text (the course's, or signs such as " · ") as one. */
export function joinSaid(...parts: readonly (Said | string)[]): Said {
  const joined: { text: string; lang: string | null }[] = [];
  for (const piece of parts.flatMap((part) => (typeof part === 'string' ? [{ text: part, lang: null }] : part))) {
    const last = joined[joined.length - 1];
    if (last && last.lang === piece.lang) last.text += piece.text;
    else if (piece.text !== '') joined.push({ ...piece });
  }
  return joined;
}
