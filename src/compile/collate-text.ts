/**
 * Alphabetical order of short texts in a course's language (the answers of a matching check), as
 * `Intl.Collator(language, { numeric: true })` orders them, without making a collator when it need not.
 *
 * Making the first `Intl.Collator` of a process loads ICU's collation data: ~10 ms of a ~210 ms cold build
 * (BENCHMARKS.md), for a course whose answers are plain ASCII words in English. For printable ASCII in the
 * languages below, ICU's order is CLDR's root collation, written out here (test/compile/collate-text.test.ts
 * checks it against ICU's own, string by string, for each of these languages); anything else, or any
 * other language, goes to ICU. Pure.
 *
 * Root collation of printable ASCII (UTS #10, CLDR root, `alternate=non-ignorable`):
 * - primary: every character its own weight, in the order of PRIMARY_ORDER, except that a letter's two
 *   cases share one; with `numeric`, a run of digits is one weight, its number's value (leading zeros
 *   count for nothing), ranked after punctuation and symbols and before letters;
 * - tertiary, when the primaries are equal: the first letter whose case differs decides, lower case first.
 */

/** Languages whose collation of printable ASCII is the root's: no tailoring touches these characters. */
const ROOT_ORDER_LANGUAGE = /^(?:en|es|fr|de|it|pt|nl)(?:-(?:[a-z]{2}|\d{3}))?$/i;

/** Printable ASCII, with digit runs no longer than ICU compares as numbers (it splits longer ones). */
const PLAIN = /^(?:[\x20-\x2f\x3a-\x7e]|\d{1,254}(?!\d))*$/;

/** Punctuation and symbols in root order; then digits; then letters, each case pair one weight. */
const PRIMARY_ORDER = ' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz';
const DIGITS_AT = PRIMARY_ORDER.indexOf('0');

const PRIMARY = new Int8Array(128).fill(-1);
for (let i = 0; i < PRIMARY_ORDER.length; i++) {
  const code = PRIMARY_ORDER.charCodeAt(i);
  PRIMARY[code] = i;
  if (code >= 0x61 && code <= 0x7a) PRIMARY[code - 0x20] = i;
}

export interface Collation {
  /** Negative, zero or positive, as `Intl.Collator#compare`. */
  compare(x: string, y: string): number;
  /** The same base letters (case and accents aside), as a collator with `sensitivity: 'base'` says. */
  sameBase(x: string, y: string): boolean;
}

const COLLATIONS = new Map<string, Collation>();

/**
 * The collation of LANGUAGE; English's for a tag ICU does not take (reported as the language's own error).
 * One a language, and its ICU collators made on first need: each loads ICU's data.
 */
export function collationFor(language: string): Collation {
  let collation = COLLATIONS.get(language);
  if (!collation) {
    collation = makeCollation(language);
    COLLATIONS.set(language, collation);
  }
  return collation;
}

function makeCollation(language: string): Collation {
  let numeric: Intl.Collator | undefined;
  let base: Intl.Collator | undefined;
  const icu = (): Intl.Collator => {
    if (!numeric) {
      try {
        numeric = new Intl.Collator(language, { numeric: true });
      } catch {
        numeric = new Intl.Collator('en', { numeric: true });
      }
    }
    return numeric;
  };
  const icuBase = (): Intl.Collator => (base ??= new Intl.Collator(icu().resolvedOptions().locale, { sensitivity: 'base' }));
  const rootOrder = ROOT_ORDER_LANGUAGE.test(language);
  return {
    compare: (x, y) => (rootOrder && PLAIN.test(x) && PLAIN.test(y) ? compareRoot(x, y) : icu().compare(x, y)),
    // Without `numeric`, every character is its own weight: equal bases are the same text but for case.
    sameBase: (x, y) => (rootOrder && PLAIN.test(x) && PLAIN.test(y) ? x.length === y.length && x.toLowerCase() === y.toLowerCase() : icuBase().compare(x, y) === 0),
  };
}

/** Root collation with `numeric`, for PLAIN texts: primary weights first, then case. */
export function compareRoot(x: string, y: string): number {
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const a = x.charCodeAt(i);
    const b = y.charCodeAt(j);
    const aDigit = a >= 0x30 && a <= 0x39;
    const bDigit = b >= 0x30 && b <= 0x39;
    if (aDigit && bDigit) {
      const [aStart, aEnd] = digitRun(x, i);
      const [bStart, bEnd] = digitRun(y, j);
      // Leading zeros stripped: the longer number is the larger, else the first digit that differs.
      const order = aEnd - aStart - (bEnd - bStart) || compareSpans(x, aStart, y, bStart, aEnd - aStart);
      if (order !== 0) return Math.sign(order);
      i = aEnd;
      j = bEnd;
      continue;
    }
    const pa = aDigit ? DIGITS_AT : (PRIMARY[a] as number);
    const pb = bDigit ? DIGITS_AT : (PRIMARY[b] as number);
    if (pa !== pb) return pa < pb ? -1 : 1;
    i++;
    j++;
  }
  if (i < x.length || j < y.length) return i < x.length ? 1 : -1;
  // Equal primaries: the letters are the same but for case, in the same places.
  const xl = x.replace(/\d+/g, '');
  const yl = y.replace(/\d+/g, '');
  for (let k = 0; k < xl.length; k++) {
    const a = xl.charCodeAt(k);
    const b = yl.charCodeAt(k);
    if (a !== b) return a > b ? -1 : 1;
  }
  return 0;
}

/** Where the digits of the run at START begin once its leading zeros are skipped (one kept for "0"), and where it ends. */
function digitRun(text: string, start: number): [number, number] {
  let end = start;
  while (end < text.length && text.charCodeAt(end) >= 0x30 && text.charCodeAt(end) <= 0x39) end++;
  let first = start;
  while (first < end && text.charCodeAt(first) === 0x30) first++;
  return [first, end];
}

function compareSpans(x: string, i: number, y: string, j: number, length: number): number {
  for (let k = 0; k < length; k++) {
    const d = x.charCodeAt(i + k) - y.charCodeAt(j + k);
    if (d !== 0) return d;
  }
  return 0;
}
