/**
 * The CRC-32 of zip entries and PNG chunks: Node's own or the JavaScript table, the same sums; and the module
 * the bundle gives archiver's zip writer in place of the `crc-32` package answers as that package does.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import crc32ForZip from '../../src/package/crc-32-for-zip.js';
import { crc32, crc32InJavaScript } from '../../src/package/crc32.js';

const ascii = (text: string) => Buffer.from(text, 'latin1');

describe('crc32', () => {
  it('gives the check value of CRC-32/ISO-HDLC, and goes on from an earlier sum', () => {
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
    expect(crc32InJavaScript(ascii('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
    expect(crc32(ascii('56789'), crc32(ascii('1234')))).toBe(0xcbf43926);
    expect(crc32InJavaScript(ascii('56789'), crc32InJavaScript(ascii('1234')))).toBe(0xcbf43926);
  });

  it('sums in JavaScript what Node sums, in one piece or two', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }), (a, b) => {
      const whole = crc32(Buffer.concat([a, b]));
      return crc32InJavaScript(Buffer.concat([a, b])) === whole && crc32(b, crc32(a)) === whole && crc32InJavaScript(b, crc32InJavaScript(a)) === whole;
    }));
  });
});

describe('crc-32-for-zip (archiver\'s `crc-32`, bundled)', () => {
  it('answers buf(bytes, seed) as the package does: signed, the seed the sum so far, a Buffer seed a new sum', () => {
    // 0xcbf43926 as a signed 32-bit number, as the package returns it; compress-commons applies >>> 0.
    expect(crc32ForZip.buf(ascii('123456789'))).toBe(0xcbf43926 | 0);
    expect(crc32ForZip.buf(ascii('123456789'))).toBeLessThan(0);
    // crc32-stream goes on from the last sum (>>> 0: unsigned), starting from a 4-byte Buffer of zeros.
    const start = Buffer.alloc(4);
    const first = crc32ForZip.buf(ascii('1234'), start) >>> 0;
    expect(crc32ForZip.buf(ascii('56789'), first) >>> 0).toBe(0xcbf43926);
  });
});
