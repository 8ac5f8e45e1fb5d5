/**
 * Bytes of an author's text file → text, strictly: a file that is not UTF-8 is not guessed at silently
 * (Node's 'utf8' would turn "señal" saved as Windows-1252 into "se�al" and ship it). Pure.
 *
 * When the bytes are not UTF-8, the text is still decoded with the best guess (UTF-16 by its byte order
 * mark or its zero bytes, else each byte that is not part of a UTF-8 character as Windows-1252) so the
 * rest of the file can be checked in the same run, and the problem says where the first bad byte is.
 */

export interface EncodingProblem {
  /** 1-based line and column (in characters) of the first byte that is not UTF-8. */
  readonly line: number;
  readonly column: number;
  /** What the file looks like instead. */
  readonly guess: 'utf-16le' | 'utf-16be' | 'windows-1252' | EastAsianEncoding;
  /** The byte at fault, for the message (0xE9); null for UTF-16, which is wrong as a whole. */
  readonly byte: number | null;
  /** Bytes that are not part of a UTF-8 character (0 for UTF-16). */
  readonly badBytes: number;
  /**
   * Whether the rest of the file is UTF-8 with characters beyond ASCII (`→`, `é`): a UTF-8 file with a
   * few pasted bytes, which converting the whole file from Windows-1252 would garble.
   */
  readonly mixed: boolean;
}

export interface DecodedText {
  readonly text: string;
  readonly problem: EncodingProblem | null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeText(bytes: Uint8Array): DecodedText {
  const decoded = decodeBytes(bytes);
  // A lone CR (classic Mac OS, or a stray one in a Windows file) ends a line for Markdown (CommonMark
  // §2.1) and for editors, but not for the front matter, YAML, option and feedback splitting, which
  // split on LF: a module saved with CRs alone had "no front matter", and a stray CR shipped inside an
  // answer label. One character for one, so every offset and position stays the same.
  return decoded.text.includes('\r') ? { ...decoded, text: decoded.text.replace(/\r(?!\n)/g, '\n') } : decoded;
}

function decodeBytes(bytes: Uint8Array): DecodedText {
  const utf16 = utf16Of(bytes);
  if (utf16) {
    const text = new TextDecoder(utf16).decode(bytes).replace(/^\uFEFF/, '');
    return { text, problem: { line: 1, column: 1, guess: utf16, byte: null, badBytes: 0, mixed: false } };
  }
  try {
    return { text: utf8.decode(bytes).replace(/^\uFEFF/, ''), problem: null };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad)).replace(/^\uFEFF/, '');
    // A lone CR ends a line too (decodeText): a Classic Mac OS file's bad byte is not all on line 1.
    const lines = before.split(/\r\n?|\n/);
    const { text, badBytes, mixed } = decodeMixed(bytes, bad);
    // More UTF-8 characters than stray bytes: a UTF-8 file with a word pasted from another program (said as
    // such), not a file saved whole in a legacy encoding, whose bytes only now and then form UTF-8.
    const utf8Characters = (text.match(/[^\x00-\x7f]/g)?.length ?? 0) - badBytes;
    const eastAsian = utf8Characters > badBytes ? null : eastAsianOf(bytes);
    if (eastAsian) {
      return { text: eastAsian.text.replace(/^\uFEFF/, ''), problem: { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1, guess: eastAsian.encoding, byte: null, badBytes: 0, mixed: false } };
    }
    return {
      text: text.replace(/^\uFEFF/, ''),
      problem: { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1, guess: 'windows-1252', byte: bytes[bad] ?? null, badBytes, mixed },
    };
  }
}

/**
 * Well-formed UTF-8 characters as UTF-8, every other byte as the Windows-1252 character it is. A file
 * saved as Windows-1252 reads the same either way (its accented letters are never well-formed UTF-8 in
 * practice); a UTF-8 file with one pasted Windows-1252 word keeps its own `→` and `é`, where decoding all of
 * it as Windows-1252 made each of them two or three letters (`â†’`), and the checks then reported those
 * ("the item has no →") beside the one real problem.
 */
function decodeMixed(bytes: Uint8Array, firstBad: number): { text: string; badBytes: number; mixed: boolean } {
  const lenient = new TextDecoder('utf-8');
  let text = '';
  let badBytes = 0;
  let mixed = false;
  const utf8Run = (start: number, end: number): string => {
    const run = lenient.decode(bytes.subarray(start, end));
    mixed ||= /[^\u0000-\u007f\ufeff]/.test(run);
    return run;
  };
  let from = 0;
  for (let bad = firstBad; bad < bytes.length; bad = from + firstInvalidUtf8(bytes.subarray(from))) {
    text += utf8Run(from, bad) + windows1252(bytes[bad] ?? 0);
    badBytes++;
    from = bad + 1;
  }
  return { text: text + utf8Run(from, bytes.length), badBytes, mixed };
}

/** The encodings older Windows and Mac programs save Japanese, Korean and Chinese text in (Notepad's "ANSI"). */
export type EastAsianEncoding = 'shift_jis' | 'euc-jp' | 'euc-kr' | 'gbk' | 'big5';

/** How a message names them: as VS Code's Reopen with Encoding lists them. */
export const EAST_ASIAN_NAMES: Readonly<Record<EastAsianEncoding, string>> = {
  shift_jis: 'Japanese (Shift JIS)', 'euc-jp': 'Japanese (EUC-JP)', 'euc-kr': 'Korean (EUC-KR)',
  gbk: 'Simplified Chinese (GBK) or Traditional Chinese (Big5)', big5: 'Traditional Chinese (Big5)',
};

export function isEastAsian(guess: string): guess is EastAsianEncoding {
  return Object.hasOwn(EAST_ASIAN_NAMES, guess);
}

/** A letter a Japanese, Korean or Chinese text is written in: kana, Hangul, a CJK ideograph, CJK punctuation, full-width forms. */
const EAST_ASIAN = /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff00-\uffef]/;
const KANA = /[\u3041-\u30ff]/;
const HANGUL = /[\uac00-\ud7a3]/;

/**
 * A file of Japanese, Korean or Chinese text saved in a legacy encoding (a Japanese Windows's Notepad saves
 * Shift_JIS as "ANSI"), told from Windows-1252 by what it decodes to: without error, every character past
 * ASCII a kana, Hangul, ideograph or full-width form, most of them beside another (a Spanish "año" read as GBK
 * is one ideograph between Latin letters), and Japanese with kana, Korean with Hangul. Read as Windows-1252,
 * such a file was "UTF-8 but for some bytes", with the advice to retype 177 characters. Null otherwise.
 */
function eastAsianOf(bytes: Uint8Array): { encoding: EastAsianEncoding; text: string } | null {
  // Much Big5 text (Taiwan, Hong Kong) also decodes as GBK without error: GBK is named with Big5 beside it
  // (EAST_ASIAN_NAMES); Big5 alone is what GBK refuses.
  const candidates: ReadonlyArray<[EastAsianEncoding, RegExp | null]> = [['shift_jis', KANA], ['euc-jp', KANA], ['euc-kr', HANGUL], ['gbk', null], ['big5', null]];
  for (const [encoding, needs] of candidates) {
    let text: string;
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      continue;
    }
    const wide = [...text.matchAll(/[^\x00-\x7f]+/g)];
    const characters = wide.reduce((n, m) => n + m[0].length, 0);
    if (characters === 0 || (needs && !needs.test(text))) continue;
    if (!wide.every((m) => [...m[0]].every((c) => EAST_ASIAN.test(c)))) continue;
    const alone = wide.filter((m) => m[0].length === 1).length;
    if (alone * 2 > wide.length) continue;
    // Korean is written in Hangul: Chinese read as EUC-KR comes out half Hangul, half ideographs.
    const letters = [...text].filter((c) => HANGUL.test(c) || /[\u4e00-\u9fff]/.test(c));
    if (encoding === 'euc-kr' && letters.filter((c) => HANGUL.test(c)).length < letters.length * 0.9) continue;
    return { encoding, text };
  }
  return null;
}

/**
 * Windows-1252's characters for 0x80-0x9F, as the WHATWG Encoding Standard maps them (the five it leaves
 * undefined as the C1 controls). Node 20's `TextDecoder('windows-1252')` decodes as ISO-8859-1, so a
 * curly quote (0x93) came out as the control character U+0093, in the text and in the message.
 */
const HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/** The Windows-1252 character of a byte. */
export function windows1252(byte: number): string {
  return byte >= 0x80 && byte <= 0x9f ? (HIGH[byte - 0x80] as string) : String.fromCharCode(byte);
}

/** UTF-16 by its byte order mark, or by the zero bytes ASCII text has in every other byte. */
function utf16Of(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const sample = bytes.subarray(0, 512);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) (i % 2 === 0 ? even++ : odd++);
  const half = sample.length / 2;
  if (sample.length >= 4 && odd > half * 0.6 && even === 0) return 'utf-16le';
  if (sample.length >= 4 && even > half * 0.6 && odd === 0) return 'utf-16be';
  return null;
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence (RFC 3629). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    if (length > 1) {
      try {
        utf8.decode(bytes.subarray(i, i + length));
      } catch {
        return i;
      }
    }
    i += length;
  }
  return bytes.length;
}
