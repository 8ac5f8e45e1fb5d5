/**
 * Link words that say nothing of where the link goes: "click here", "read more", "this". A screen reader's
 * list of a page's links (the usual way to skim one) then reads "here, here, more", and WCAG 2.4.4 (Link
 * Purpose) asks the words, with at most their sentence, to say it; coursepack cannot judge the sentence, so
 * these few words alone on a link are said as a warning. Pure; English and Spanish, the player's built-in
 * languages: another language's links are not judged.
 */

const VAGUE: Readonly<Record<string, ReadonlySet<string>>> = {
  en: new Set([
    'here', 'click here', 'click', 'click this', 'click this link', 'tap here', 'go here', 'this', 'this link', 'link', 'this page', 'this site',
    'this website', 'website', 'web site', 'page', 'more', 'read more', 'learn more', 'see more', 'find out more', 'more info', 'more information',
    'info', 'details', 'more details', 'continue', 'continue reading', 'go', 'url', 'download', 'download here', 'here is the link', 'check it out', 'check this out',
  ]),
  es: new Set([
    'aquí', 'aqui', 'haga clic aquí', 'haz clic aquí', 'pulse aquí', 'pincha aquí', 'clic aquí', 'este enlace', 'enlace', 'esta página', 'este sitio',
    'más', 'mas', 'leer más', 'ver más', 'saber más', 'más información', 'más info', 'información', 'detalles', 'continuar', 'descargar',
  ]),
};

/** The words of a link as they are compared: lower case, without punctuation, quotes or arrows around them, spaces folded. */
function normalize(words: string): string {
  return words.normalize('NFC').toLowerCase().replace(/[\s\u00a0]+/g, ' ').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** Whether the link's words alone say nothing of where it goes, in the course's language (a BCP 47 tag). */
export function isVagueLinkText(words: string, language: string): boolean {
  const list = VAGUE[language.toLowerCase().split('-')[0] ?? ''];
  return list !== undefined && list.has(normalize(words));
}
