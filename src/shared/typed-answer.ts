/**
 * A typed answer (a fill-in check, docs/authoring.md "Fill-in") and when two of them are the same
 * answer: the player checks the learner's words against the author's, the report counts answers by it,
 * and the build refuses two entries that would be one. Pure, shared by build and runtime.
 *
 * Two answers are the same when they differ only in what a learner does not mean: capitals, spaces,
 * full-width or compatibility forms (NFKC), curly or straight quotes and apostrophes, the kind of dash,
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
 * The key two answers are compared by. Case is folded without a locale (`toLowerCase`), so the answer
 * key is the same in every browser and in the report; Turkish `İ` becomes `i` (its dot dropped), and
 * dotless `ı` stays a letter of its own.
 */
export function typedKey(text: string): string {
  let key = text.normalize('NFKC').toLowerCase().replace(/i\u0307/g, 'i');
  key = key.replace(/[\u2018\u2019\u201a\u201b\u2032\u00b4\u02bc\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, (q) => QUOTES[q] ?? q);
  // Hyphens and dashes of every kind, and the minus sign, read as one.
  key = key.replace(/[\u2010-\u2015\u2212\ufe58\ufe63]/g, '-');
  key = key.replace(/\s+/gu, ' ').trim();
  // A closing mark ("Learning." "trust!") and quotes around the whole answer are not part of it.
  for (let before = ''; before !== key; ) {
    before = key;
    key = key.replace(/[\s.!?;:,\u3002\uff01\uff1f\u2026]+$/u, '').replace(/^[\s\u00a1\u00bf]+/u, '');
    const quoted = /^(["'])(.*)\1$/su.exec(key);
    if (quoted) key = (quoted[2] ?? '').trim();
  }
  return key;
}
