/**
 * The writing direction of a course's language, for `<html dir>`: a course in Arabic, Hebrew, Persian or
 * Urdu laid out left to right put its sentences' ends at the wrong side, punctuation and numbers in the
 * wrong places, and the contents on the side a reader looks last (WCAG 1.3.2, meaningful sequence). Pure.
 *
 * By the script: the tag's own script subtag (`az-Arab`), else the one CLDR's likely subtags give the
 * language and region (`pa-PK` is written in Arabic script, `ku` in Latin, `ckb` in Arabic), through
 * `Intl.Locale#maximize`; a list of languages when Intl cannot say.
 */
const RTL_SCRIPTS = new Set([
  'arab', 'hebr', 'thaa', 'syrc', 'nkoo', 'adlm', 'rohg', 'samr', 'mand', 'mend', 'yezi',
  // Historic scripts, written right to left too (Imperial Aramaic, `arc`, is `arc-Armi`).
  'armi', 'avst', 'chrs', 'cprt', 'elym', 'hatr', 'khar', 'lydi', 'mani', 'narb', 'nbat', 'orkh', 'palm', 'phli', 'phlp', 'phnx', 'prti', 'sarb', 'sogd', 'sogo',
]);
const RTL_LANGUAGES = new Set(['ar', 'arc', 'bal', 'bqi', 'ckb', 'dv', 'fa', 'glk', 'he', 'iw', 'ks', 'lrc', 'mzn', 'nqo', 'ps', 'prs', 'rhg', 'sd', 'sdh', 'syr', 'ug', 'ur', 'yi', 'ji']);

/**
 * Languages that CLDR's likely subtags put in a left-to-right script in every region, answered without
 * `maximize()`, whose likely-subtags data costs ~3 ms of a cold build: the languages US districts serve most
 * (test/shared/text-direction.test.ts holds each to Intl's answer for every two-letter region).
 */
export const LTR_IN_EVERY_REGION: ReadonlySet<string> = new Set([
  'am', 'bn', 'de', 'en', 'es', 'fil', 'fr', 'hi', 'hmn', 'ht', 'it', 'ja', 'km', 'ko', 'ne', 'nl', 'pl', 'pt', 'ru', 'so', 'sw', 'tl', 'uk', 'vi', 'zh',
]);

/** By language: `Intl.Locale(…).maximize()` loads likely-subtags data, ~2 ms a build when asked per page. */
const DIRECTIONS = new Map<string, 'ltr' | 'rtl'>();

export function textDirection(language: string): 'ltr' | 'rtl' {
  const known = DIRECTIONS.get(language);
  if (known) return known;
  const direction = directionOf(language);
  DIRECTIONS.set(language, direction);
  return direction;
}

function directionOf(language: string): 'ltr' | 'rtl' {
  const [primary = '', ...rest] = language.toLowerCase().split('-');
  if (LTR_IN_EVERY_REGION.has(primary) && (rest.length === 0 || (rest.length === 1 && /^[a-z]{2}$/.test(rest[0] ?? '')))) return 'ltr';
  // Only before the first singleton: after it come extensions and private use, whose four letters name no
  // script of the text (`ar-u-nu-latn` is Arabic with Western digits, `he-x-test` Hebrew).
  const singleton = rest.findIndex((part) => part.length === 1);
  let script = (singleton < 0 ? rest : rest.slice(0, singleton)).find((part) => /^[a-z]{4}$/.test(part));
  if (!script) {
    try {
      script = new Intl.Locale(language).maximize().script?.toLowerCase();
    } catch {
      // Not a tag Intl reads: the list below decides.
    }
  }
  if (script) return RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  return RTL_LANGUAGES.has(primary) ? 'rtl' : 'ltr';
}
