/**
 * The URLs a stylesheet loads: `url(…)` (backgrounds, fonts, filters, masks, SVG paint servers) and
 * `@import "…"`. Every one must stay inside the package (a web font or a tracking pixel in CSS is a remote
 * load like any other). CSS escapes (`\75 rl(`) are decoded first, as a browser would. Pure.
 */

export interface CssUrl {
  readonly url: string;
  readonly kind: 'url()' | '@import';
  /** Offset and length of the whole `url(…)` or `@import …` in the CSS text. */
  readonly offset: number;
  readonly length: number;
}

const URL_FUNCTION = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/gi;
const IMPORT = /@import\s+(?:"([^"]*)"|'([^']*)')/gi;

export function findCssUrls(css: string): CssUrl[] {
  // Escapes and comments first: `u\72l(` is `url(`, and `/**/` can split nothing that matters once removed.
  // Both keep the text's length where they can, so offsets stay near the place written.
  const plain = css
    .replace(/\/\*[\s\S]*?\*\//g, (c) => ' '.repeat(c.length))
    .replace(/\\([0-9a-fA-F]{1,6})\s?/g, (_m, hex: string) => String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff) || 0xfffd))
    .replace(/\\(.)/g, '$1');
  const found: CssUrl[] = [];
  for (const m of plain.matchAll(URL_FUNCTION)) found.push({ url: m[1] ?? m[2] ?? m[3] ?? '', kind: 'url()', offset: m.index, length: m[0].length });
  for (const m of plain.matchAll(IMPORT)) found.push({ url: m[1] ?? m[2] ?? '', kind: '@import', offset: m.index, length: m[0].length });
  // `image-set("a.png" 1x)` names files in strings without url(): those are loads too.
  for (const m of plain.matchAll(/image-set\(([^)]*)\)/gi)) {
    for (const s of (m[1] ?? '').matchAll(/"([^"]*)"|'([^']*)'/g)) found.push({ url: s[1] ?? s[2] ?? '', kind: 'url()', offset: m.index, length: m[0].length });
  }
  return found.sort((a, b) => a.offset - b.offset);
}
