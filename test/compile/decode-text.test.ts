/**
 * decodeText: an author's file as text, strictly UTF-8, and when it is not, the best guess (so the rest of
 * the file is still checked) and where its first bad byte is.
 */
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/compile/decode-text.js';

const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('decodeText', () => {
  it('reads UTF-8 as it is, without its byte order mark', () => {
    expect(decodeText(bytes([0xef, 0xbb, 0xbf], 'Café → señal\n'))).toEqual({ text: 'Café → señal\n', problem: null });
  });

  it('reads a Windows-1252 file as Windows-1252, and says where its first byte that is not UTF-8 is', () => {
    expect(decodeText(bytes('# Title\n\nUna se', [0xf1], 'al, un caf', [0xe9, 0x0a]))).toEqual({
      text: '# Title\n\nUna señal, un café\n',
      problem: { line: 3, column: 7, guess: 'windows-1252', byte: 0xf1, badBytes: 2, mixed: false },
    });
  });

  it('a UTF-8 file with a pasted Windows-1252 word keeps its own characters: only the bad bytes are read as Windows-1252', () => {
    const { text, problem } = decodeText(bytes('- Square → Blue\n- Caf', [0xe9], ' ', [0x93], 'quoted', [0x94], ' → é\n'));
    expect(text).toBe('- Square → Blue\n- Café “quoted” → é\n');
    // Said apart (mixed): converting such a file from Windows-1252 would garble its arrows.
    expect(problem).toEqual({ line: 2, column: 6, guess: 'windows-1252', byte: 0xe9, badBytes: 3, mixed: true });
  });

  it('a UTF-8 character cut short reads as the Windows-1252 characters of its bytes; the curly quotes and € of 0x80-0x9F as Windows-1252 has them', () => {
    expect(decodeText(bytes('a', [0xe2, 0x86], 'b → c')).text).toBe('aâ†b → c');
    expect(decodeText(bytes([0x93], 'q', [0x94, 0x20, 0x80, 0x81])).text).toBe('“q” €\u0081');
  });

  it('reads UTF-16 by its byte order mark or its zero bytes, as wrong as a whole', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('title: Café\n', 'utf16le')]);
    expect(decodeText(le)).toEqual({ text: 'title: Café\n', problem: { line: 1, column: 1, guess: 'utf-16le', byte: null, badBytes: 0, mixed: false } });
    expect(decodeText(Buffer.from('title: Cafe\n', 'utf16le')).problem?.guess).toBe('utf-16le');
  });

  it('ends lines at a lone carriage return, one character for one', () => {
    expect(decodeText(bytes('a\rb\r\nc')).text).toBe('a\nb\r\nc');
  });
});
