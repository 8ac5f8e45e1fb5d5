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

  it.each([
    ['shift_jis', '232320904d978a82f0927a82ad0a0a904d978a82aa82c882af82ea82ce8a7782d182cd8e6e82dc82e882dc82b982f181420a', '## 信頼を築く\n\n信頼がなければ学びは始まりません。\n'],
    ['euc-kr', '232320bdc5b7da20bdd7b1e20a0abdc5b7dab0a120bef8c0b8b8e920b9e8bff2c0ba20bdc3c0dbb5c7c1f620becabdc0b4cfb4d92e0a', '## 신뢰 쌓기\n\n신뢰가 없으면 배움은 시작되지 않습니다.\n'],
    ['gbk', '232320bda8c1a2d0c5c8ce0a0ac3bbd3d0d0c5c8cea3acd1a7cfb0becdcedeb7a8bfaacabca1a30a', '## 建立信任\n\n没有信任，学习就无法开始。\n'],
    ['big5', '232320abd8a5dfab48a5f40a0aa853a6b3ab48a5f4a141bec7b2dfb44eb54caa6bb67da96ca1430a', '## 建立信任\n\n沒有信任，學習就無法開始。\n'],
  ])('reads Japanese, Korean or Chinese saved in a legacy encoding (%s) in that encoding, wrong as a whole', (guess, hex, text) => {
    // Before: read as Windows-1252, "UTF-8 but for some bytes", with the advice to retype each of them.
    expect(decodeText(Buffer.from(hex, 'hex'))).toEqual({ text, problem: { line: 1, column: 4, guess, byte: null, badBytes: 0, mixed: false } });
  });

  it('keeps a Spanish, French or German Windows-1252 file Windows-1252, and a UTF-8 file with a pasted Shift_JIS word mixed', () => {
    for (const text of ['A\u00f1o nuevo, ni\u00f1o, canci\u00f3n, coraz\u00f3n.\n', '\u00c9l\u00e8ve \u00e0 l\u2019\u00e9cole, d\u00e9j\u00e0, o\u00f9.\n', 'Gr\u00f6\u00dfe, \u00dcbung, sch\u00f6n, M\u00e4dchen.\n']) {
      const windows = Buffer.from([...text].map((c) => (c === '\u2019' ? 0x92 : c.charCodeAt(0))));
      expect(decodeText(windows).problem?.guess).toBe('windows-1252');
    }
    const pasted = decodeText(bytes('## \u4fe1\u983c\u3092\u7bc9\u304f\n\n\u5b66\u3073\u306f ', [0x8a, 0x77, 0x8f, 0x4b], ' \u3067\u3059\u3002\n'));
    expect(pasted.problem).toMatchObject({ guess: 'windows-1252', mixed: true });
  });

  it('reads UTF-16 by its byte order mark or its zero bytes, as wrong as a whole', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('title: Café\n', 'utf16le')]);
    expect(decodeText(le)).toEqual({ text: 'title: Café\n', problem: { line: 1, column: 1, guess: 'utf-16le', byte: null, badBytes: 0, mixed: false } });
    expect(decodeText(Buffer.from('title: Cafe\n', 'utf16le')).problem?.guess).toBe('utf-16le');
  });

  it('ends lines at a lone carriage return, one character for one', () => {
    expect(decodeText(bytes('a\rb\r\nc')).text).toBe('a\nb\r\nc');
  });

  it('counts lines ended by a lone carriage return in the position of the first bad byte', () => {
    // Before: a Classic Mac OS file (CRs alone) with a Windows-1252 byte on its third line was said to
    // have it at 1:16, a column past the end of what an editor shows as line 1.
    const mac = decodeText(bytes('# Title\r\rUna se', [0xf1], 'al\r'));
    expect(mac.problem).toMatchObject({ line: 3, column: 7 });
    expect(decodeText(bytes('# Title\r\n\r\nUna se', [0xf1], 'al\r\n')).problem).toMatchObject({ line: 3, column: 7 });
    const shiftJis = Buffer.concat([Buffer.from('## x\r\r'), Buffer.from('904d978a82f0927a82ad0a', 'hex')]);
    expect(decodeText(shiftJis).problem).toMatchObject({ line: 3, column: 1, guess: 'shift_jis' });
  });
});
