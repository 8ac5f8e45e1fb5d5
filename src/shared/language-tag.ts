/**
 * BCP 47 language tags as RFC 5646 §2.1 writes them: a primary language of two or three letters, up to three
 * extended languages, a script, a region (two letters or three digits), variants, extensions and private use
 * (`en`, `en-US`, `zh-Hant-TW`, `es-419`, `de-CH-1996`, `sl-rozaj`). What `lang` must hold for a browser to
 * pick the voice and hyphenation (WCAG 3.1.1, 3.1.2): `english`, `en_US` or `e` leave a screen reader
 * guessing. Not looser: the course language keys every name in the xAPI statements, and a strict LRS
 * (Learning Locker, xapi-validation) refuses a statement whose language map has a malformed tag (`en-12`,
 * `ja-JP-mac`), so every statement of every learner was refused, then dropped.
 */
const LANGUAGE = /^[a-z]{2,3}(-[a-z]{3}){0,3}(-[a-z]{4})?(-([a-z]{2}|\d{3}))?(-([a-z\d]{5,8}|\d[a-z\d]{3}))*(-[a-wyz\d](-[a-z\d]{2,8})+)*(-x(-[a-z\d]{1,8})+)?$/i;

export function isLanguageTag(text: string): boolean {
  return LANGUAGE.test(text);
}
