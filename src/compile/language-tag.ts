/**
 * BCP 47 language tags, loosely: a primary language of two or three letters, then subtags of two to eight
 * letters or digits (`en`, `en-US`, `zh-Hant-TW`, `es-419`). What `lang` must hold for a browser to pick
 * the voice and hyphenation (WCAG 3.1.1, 3.1.2): `english`, `en_US` or `e` leave a screen reader guessing.
 */
const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export function isLanguageTag(text: string): boolean {
  return LANGUAGE.test(text);
}
