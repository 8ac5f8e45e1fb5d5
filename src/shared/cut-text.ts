/**
 * Text cut short without splitting what a reader sees as one character (a grapheme cluster, UAX #29): an
 * emoji with its skin tone or a ZWJ sequence (👩‍🏫 is a woman, a joiner and a school), a flag (two regional
 * indicators: 🇯🇵 cut in half shows a boxed J), a letter and its marks (Hindi's vowel signs and virama, and its
 * conjuncts: "कि" cut after "क" is another syllable; Thai's vowels above and below; a decomposed accent or
 * kana voicing mark), Korean jamo, CR LF. Cutting by code points or UTF-16 units alone did all of these.
 * Pure, shared by build and runtime: the player runs in Chrome 80, which has no Intl.Segmenter (Chrome 87), so
 * the boundaries are the rules of UAX #29 these scripts need (test/shared/cut-text.test.ts holds them to
 * Intl.Segmenter).
 */

/** What the limit counts: Unicode code points (xAPI, XML characters) or UTF-16 units (what SCORM LMSs count). */
export type TextMeasure = 'code-points' | 'utf-16';

/**
 * Marks, joiners, variation selectors, emoji skin tones and tags: never the start of a character (GB9, GB9a).
 * Thai and Lao SARA AM (U+0E33, U+0EB3) are letters (Lo), not marks, yet UAX #29 makes them SpacingMark: "ทำ"
 * (do) and "น้ำ" (water) cut before them lose their vowel.
 */
const EXTEND = /^[\p{M}\u0e33\u0eb3\u200c\u200d\ufe00-\ufe0f\u{1f3fb}-\u{1f3ff}\u{e0020}-\u{e007f}\u{e0100}-\u{e01ef}]$/u;
/** Korean jamo that join the one before: vowels and final consonants (GB7, GB8; decomposed Hangul). */
const JAMO_FOLLOWING = /^[\u1160-\u11ff\ud7b0-\ud7fb]$/u;
/** Leading consonant jamo, which join a following jamo or syllable (GB6). */
const JAMO_LEADING = /^[\u1100-\u115f\ua960-\ua97c]$/u;
const HANGUL = /^[\u1100-\u11ff\ua960-\ua97c\uac00-\ud7a3\ud7b0-\ud7fb]$/u;
/** Viramas that join the next consonant into a conjunct (GB9c, Indic_Conjunct_Break=Linker). */
const LINKER = /^[\u094d\u09cd\u0acd\u0b4d\u0c4d\u0d4d]$/u;
const LETTER = /^\p{L}$/u;
const REGIONAL = /^[\u{1f1e6}-\u{1f1ff}]$/u;

/** Whether a character boundary may fall between `before` and `after`, the code points on either side. */
function canBreak(before: string, after: string, regionalRun: number): boolean {
  if (before === '\r' && after === '\n') return false;
  if (EXTEND.test(after)) return false;
  // A joiner joins what follows it (an emoji ZWJ sequence, GB11).
  if (before === '\u200d') return false;
  if (LINKER.test(before) && LETTER.test(after)) return false;
  if (JAMO_FOLLOWING.test(after) && HANGUL.test(before)) return false;
  if (JAMO_LEADING.test(before) && HANGUL.test(after)) return false;
  // Regional indicators pair up into flags (GB12, GB13): no break inside a pair.
  if (REGIONAL.test(before) && REGIONAL.test(after)) return regionalRun % 2 === 0;
  return true;
}

/**
 * The longest start of `text` of at most `max` units (by `measure`) that ends between two characters as
 * readers see them; `text` itself when it fits.
 */
export function cutText(text: string, max: number, measure: TextMeasure): string {
  let size = 0;
  let at = 0;
  let boundary = 0;
  let previous = '';
  let regionalRun = 0;
  for (const c of text) {
    if (previous !== '' && canBreak(previous, c, regionalRun)) boundary = at;
    size += measure === 'utf-16' ? c.length : 1;
    if (size > max) return text.slice(0, boundary);
    regionalRun = REGIONAL.test(c) ? regionalRun + 1 : 0;
    previous = c;
    at += c.length;
  }
  return text;
}
