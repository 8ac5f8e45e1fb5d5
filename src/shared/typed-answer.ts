/**
 * A typed answer (a fill-in check, docs/authoring.md "Fill-in") and when two of them are the same
 * answer: the player checks the learner's words against the author's, the report counts answers by it,
 * and the build refuses two entries that would be one. Pure, shared by build and runtime.
 *
 * Two answers are the same when they differ only in what a learner does not mean: capitals, spaces,
 * full-width forms, any script's digits, characters nobody sees, curly or straight quotes and apostrophes, the kind of dash,
 * a full stop or other closing mark at the end (and Spanish's opening `¿` `¡`), quotes around the whole answer. Accents and every
 * letter count ("ano" is not "año"): an author who accepts both lists both.
 */

/**
 * The longest answer a learner can type, in UTF-16 code units (the input's `maxlength`, what is saved,
 * sent and counted). A fill-in answer is a word or a few: SCORM 1.2 takes 255 (RTE 3.4.2.4.3), but each
 * answer is kept in `cmi.suspend_data`, whose 4,096 characters the whole course shares (suspend-data.ts).
 */
export const MAX_TYPED = 40;

/** What a learner typed, as it is kept: white space folded and trimmed, cut at MAX_TYPED (never inside a character). */
export function cleanTyped(text: string): string {
  const folded = text.replace(/\s+/gu, ' ').trim();
  if (folded.length <= MAX_TYPED) return folded;
  // A high surrogate left at the cut would be half a character.
  const cut = /[\ud800-\udbff]/.test(folded.charAt(MAX_TYPED - 1)) ? MAX_TYPED - 1 : MAX_TYPED;
  return folded.slice(0, cut).trimEnd();
}

const QUOTES: Readonly<Record<string, string>> = {
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'", '\u00b4': "'", '\u02bc': "'",
  '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u201f': '"', '\u2033': '"', '\u00ab': '"', '\u00bb': '"',
};

/**
 * Characters compatibility-folded one by one: full-width and half-width forms (an East Asian keyboard types
 * `ｌｅａｒｎ`), Latin ligatures and digraphs (`ﬁ`, `ĳ`, `ǆ`), Arabic presentation forms (what a PDF gives when
 * Arabic is copied out of it), the micro sign, vulgar fractions (`½` is `1/2`). Not the whole of NFKC: it
 * would read `10²` as `102` and `H₂O` as `H2O`, different answers.
 */
const COMPATIBLE = /[\u3000\uff01-\uffee\ufb00-\ufb06\ufb50-\ufdff\ufe70-\ufefc\u00b5\u0132\u0133\u01c4-\u01cc\u00bc-\u00be\u2150-\u215f\u2189]/g;

/**
 * Characters nobody sees or that only stretch a word, dropped: a soft hyphen, zero-width space or direction
 * mark pasted from a web page or Word into an answer, or put there by a keyboard, would make it an answer no
 * learner could type; so would Arabic's tatweel (U+0640), which only draws a word longer. The joiners (U+200C,
 * U+200D) stay: Persian words and emoji need them.
 */
const INVISIBLE = /[\u00ad\u061c\u0640\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** A decimal digit (Unicode's Nd) other than 0-9. */
const DIGIT = /(?![0-9])\p{Nd}/gu;
const IS_DIGIT = /^\p{Nd}$/u;

/**
 * The ASCII digit a decimal digit stands for. Unicode encodes each script's digits as one run, 0 to 9 in order
 * (a stability policy of Numeric_Type=Decimal), and runs that adjoin (the mathematical digits) each take ten:
 * the value is the distance from the start of the run, modulo 10. Found by stepping back, at most 49 steps, so
 * the table of every script's zero need not be kept here.
 */
function digitValue(digit: string): string {
  const code = digit.codePointAt(0) ?? 0;
  let start = code;
  while (IS_DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return String((code - start) % 10);
}

/** Quotes and brackets around a whole answer (after the quotes above are made straight). */
const WRAPPERS: Readonly<Record<string, string>> = { '"': '"', "'": "'", '\u300c': '\u300d', '\u300e': '\u300f' };

/** What closes an answer without being part of it: white space and sentence marks ("Learning." "trust!"). */
const CLOSING = new Set([' ', '.', '!', '?', ';', ':', ',', '\u3002', '\u3001', '\uff01', '\uff1f', '\u2026',
  // Arabic's question mark, comma and semicolon, Urdu's full stop: "تعلم؟" was another answer than "تعلم".
  '\u061f', '\u060c', '\u061b', '\u06d4',
  // The danda and double danda, Hindi's (and Sanskrit's, Marathi's, Bengali's) full stop: "सीखना।" was wrong
  // against an answer of "सीखना", where "learning." was right.
  '\u0964', '\u0965']);
const DANDA = new Set(['\u0964', '\u0965']);

/** What opens one: white space and Spanish's inverted marks. */
const OPENING = new Set([' ', '\u00a1', '\u00bf']);

/**
 * The key two answers are compared by. Case is folded without a locale (`toLowerCase`, and `ß` as `ss` as
 * Unicode's case folding has it), so the key is the same in every browser and in the report; Turkish `İ`
 * becomes `i` (its dot dropped), and dotless `ı` stays a letter of its own. The Arabic and Persian forms of
 * kaf and yeh, which the two keyboards type for the same letter, are one (alef maksura stays a letter: "على"
 * is not "علي"). Linear in the text's length: a report reads whatever an LRS holds.
 */
export function typedKey(text: string): string {
  return keyOf(text, true);
}

/**
 * The key with every script's digits and a closing danda left as written, as answers were compared before
 * those were folded (5 December 2026). Only the build uses it: two entries of one check with the same typedKey
 * but different keys here (`12` and `१२`) were two answers in a course that built before, which an author
 * needed to list both; they are one answer now, not a mistake to stop the build for.
 */
export function keyBeforeScriptFolds(text: string): string {
  return keyOf(text, false);
}

function keyOf(text: string, foldScripts: boolean): string {
  let key = text.normalize('NFC').replace(INVISIBLE, '').replace(COMPATIBLE, (c) => c.normalize('NFKC')).normalize('NFC');
  key = key.replace(/\u2044/g, '/').toLowerCase().replace(/i\u0307/g, 'i').replace(/\u00df/g, 'ss');
  key = key.replace(/\u0643/g, '\u06a9').replace(/\u064a/g, '\u06cc');
  // Every script's decimal digits, what its keyboard types for 5, are the digits they stand for (as
  // full-width ５ is, above): Arabic-Indic "٥" and Persian "۵" were marked wrong against an answer of 5, and so
  // were the Devanagari "१२" a Hindi (InScript) keyboard types and Thai "๑๒".
  if (foldScripts) key = key.replace(DIGIT, digitValue);
  key = key.replace(/[\u2018\u2019\u201a\u201b\u2032\u00b4\u02bc\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, (q) => QUOTES[q] ?? q);
  // Hyphens and dashes of every kind, and the minus sign, read as one.
  key = key.replace(/[\u2010-\u2015\u2212\ufe58\ufe63]/g, '-');
  key = key.replace(/\s+/gu, ' ');
  // Closing marks, opening marks and quotes around the whole answer peeled from both ends, by index: no
  // regular expression anchored at the end, which backtracks over a long run of marks.
  let start = 0;
  let end = key.length;
  for (;;) {
    while (end > start && CLOSING.has(key.charAt(end - 1)) && (foldScripts || !DANDA.has(key.charAt(end - 1)))) end--;
    while (start < end && OPENING.has(key.charAt(start))) start++;
    const close = WRAPPERS[key.charAt(start)];
    if (end - start < 2 || close === undefined || key.charAt(end - 1) !== close) break;
    start++;
    end--;
  }
  return key.slice(start, end);
}
