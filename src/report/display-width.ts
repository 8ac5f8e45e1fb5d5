/**
 * How wide text is in a terminal, in columns: a table whose columns were measured in UTF-16 units had every
 * column after a Japanese name shifted (each kanji and kana takes two columns), an Arabic question with a vowel
 * mark one column short (the mark takes none), and a cut between the halves of an emoji printed �. Pure.
 *
 * By grapheme (Intl.Segmenter): marks and invisible characters take no column; East Asian wide and full-width
 * characters (Unicode's East Asian Width W and F: Hangul, kana, CJK ideographs, full-width forms) and emoji two.
 */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6]|[\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]|\p{Extended_Pictographic}\ufe0f?/u;
const ZERO = /^[\p{Mn}\p{Me}\u200b-\u200f\u2060-\u2064\ufeff]+$/u;
/** Text a terminal shows one column a character: printable ASCII, most cells. */
const NARROW = /^[\x20-\x7e]*$/;

let segmenter: Intl.Segmenter | undefined;

function graphemes(text: string): string[] {
  segmenter ??= new Intl.Segmenter('und', { granularity: 'grapheme' });
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** An emoji is two columns, whatever joins it; otherwise each character counts (`ｶﾞ`, a half-width kana and its mark, is two). */
function graphemeWidth(grapheme: string): number {
  if (/\p{Extended_Pictographic}/u.test(grapheme)) return 2;
  let width = 0;
  for (const c of grapheme) width += ZERO.test(c) ? 0 : WIDE.test(c) ? 2 : 1;
  return width;
}

export function displayWidth(text: string): number {
  if (NARROW.test(text)) return text.length;
  return graphemes(text).reduce((sum, g) => sum + graphemeWidth(g), 0);
}

/** `text` in at most `width` columns, cut between graphemes with `…` at the end. */
export function clipToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const g of graphemes(text)) {
    const w = graphemeWidth(g);
    if (used + w > width - 1) break;
    out += g;
    used += w;
  }
  return `${out}…`;
}

/** `text` padded with spaces to `width` columns, at its end or (`start`) before it. */
export function padToWidth(text: string, width: number, at: 'start' | 'end'): string {
  const pad = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return at === 'start' ? pad + text : text + pad;
}
