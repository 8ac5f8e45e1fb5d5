/**
 * The writing direction of a course's language, for `<html dir>`: a course in Arabic, Hebrew, Persian or
 * Urdu laid out left to right put its sentences' ends at the wrong side, punctuation and numbers in the
 * wrong places, and the contents on the side a reader looks last (WCAG 1.3.2, meaningful sequence). Pure.
 *
 * By the script subtag when the tag has one (`az-Arab` is right to left, `ku-Latn` is not), else by the
 * language's usual script (CLDR's likely subtags for these languages give Arab, Hebr, Thaa, Syrc, Nkoo,
 * Adlm or Rohg).
 */
const RTL_SCRIPTS = new Set(['arab', 'hebr', 'thaa', 'syrc', 'nkoo', 'adlm', 'rohg', 'samr', 'mand', 'mend']);
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ku', 'ps', 'prs', 'sd', 'syr', 'ug', 'ur', 'yi', 'ks', 'ji']);

export function textDirection(language: string): 'ltr' | 'rtl' {
  const [primary = '', ...rest] = language.toLowerCase().split('-');
  const script = rest.find((part) => /^[a-z]{4}$/.test(part));
  if (script) return RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  return RTL_LANGUAGES.has(primary) ? 'rtl' : 'ltr';
}
