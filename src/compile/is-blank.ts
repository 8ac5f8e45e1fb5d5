/**
 * No words: only white space and invisible format characters (Unicode Cf: zero-width space, soft hyphen,
 * byte order mark, direction marks), which `trim` keeps. A title of a pasted zero-width space made an
 * invisible link in the contents and an unnamed page in the LMS. Pure.
 */
export function isBlank(text: string): boolean {
  return text.replace(/\p{Cf}/gu, '').trim() === '';
}
