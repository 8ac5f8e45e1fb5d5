/**
 * Bytes of an author's text file → text, strictly: a file that is not UTF-8 is not guessed at silently
 * (Node's 'utf8' would turn "señal" saved as Windows-1252 into "se�al" and ship it). Pure.
 *
 * When the bytes are not UTF-8, the text is still decoded with the best guess (UTF-16 by its byte order
 * mark or its zero bytes, else Windows-1252) so the rest of the file can be checked in the same run, and
 * the problem says where the first bad byte is.
 */

export interface EncodingProblem {
  /** 1-based line and column (in characters) of the first byte that is not UTF-8. */
  readonly line: number;
  readonly column: number;
  /** What the file looks like instead. */
  readonly guess: 'utf-16le' | 'utf-16be' | 'windows-1252';
  /** The byte at fault, for the message (0xE9); null for UTF-16, which is wrong as a whole. */
  readonly byte: number | null;
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
    return { text, problem: { line: 1, column: 1, guess: utf16, byte: null } };
  }
  try {
    return { text: utf8.decode(bytes).replace(/^\uFEFF/, ''), problem: null };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad)).replace(/^\uFEFF/, '');
    const lines = before.split('\n');
    const text = new TextDecoder('windows-1252').decode(bytes);
    return { text, problem: { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1, guess: 'windows-1252', byte: bytes[bad] ?? null } };
  }
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
