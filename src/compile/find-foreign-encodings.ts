/**
 * What, in a UTF-8 asset, would make a browser read it in another encoding than the one coursepack checked.
 * coursepack decodes assets as UTF-8 (decode-text.ts), but a browser decodes by what the file declares
 * when the server sends no charset, as LMS file servers often do: `<meta charset>` and `<meta http-equiv
 * content-type>` (HTML §13.2.3.2, the prescan), an XML declaration's `encoding` (XML 1.0 §4.3.3), CSS
 * `@charset` (CSS Syntax 3 §3.2). In ISO-2022-JP, `ESC $ B` … `ESC ( B` turns ASCII bytes into Japanese
 * text, so markup that UTF-8 reads as a comment (`<!--` after an escape) is live markup, and the reverse:
 * what was checked is not what runs. So any declaration of another encoding is refused, and so are the
 * ISO-2022 shift bytes (ESC, SO, SI), with which a browser that guesses the encoding picks ISO-2022 even
 * without a declaration. Pure.
 */

export interface ForeignEncoding {
  /** Offset in the text. */
  readonly offset: number;
  /** The encoding label declared, or null for a shift byte. */
  readonly label: string | null;
  /** The shift byte's code, for the message. */
  readonly code?: number;
}

/**
 * Declarations by kind of file. The HTML one matches `charset=` anywhere, not only in a `<meta>` that an
 * HTML parser sees: the prescan reads bytes (a `<meta>` inside `<title>` counts for it, not for parse5).
 */
const DECLARATIONS: Readonly<Record<'html' | 'svg' | 'css', readonly RegExp[]>> = {
  html: [/\bcharset\s*=\s*["']?\s*([^\s"'`;>/]+)/gi, /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']*)/g],
  svg: [/\bcharset\s*=\s*["']?\s*([^\s"'`;>/]+)/gi, /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']*)/g],
  css: [/@charset\s*["']([^"']*)/gi],
};
/** ESC, SO, SI: ISO-2022's shifts (ISO/IEC 2022 §6.3, RFC 1468). */
const SHIFT = /[\u001b\u000e\u000f]/g;

export function findForeignEncodings(text: string, kind: 'html' | 'svg' | 'css'): ForeignEncoding[] {
  const found: ForeignEncoding[] = [];
  for (const declaration of DECLARATIONS[kind]) {
    for (const m of text.matchAll(declaration)) {
      const label = (m[1] ?? '').trim();
      if (label !== '' && !isUtf8(label)) found.push({ offset: m.index, label });
    }
  }
  for (const m of text.matchAll(SHIFT)) found.push({ offset: m.index, label: null, code: m[0].charCodeAt(0) });
  return found.sort((a, b) => a.offset - b.offset);
}

/** The WHATWG Encoding Standard's labels of UTF-8 (`utf8`, `unicode-1-1-utf-8`, …), as browsers read them. */
function isUtf8(label: string): boolean {
  try {
    return new TextDecoder(label).encoding === 'utf-8';
  } catch {
    return false;
  }
}
