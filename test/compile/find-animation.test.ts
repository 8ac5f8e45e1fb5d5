/**
 * Animated images, from their bytes: GIF, APNG and animated WebP, built here block by block as their
 * specifications lay them out (GIF89a; PNG 3rd edition's acTL/fcTL; RFC 9649 §2.7).
 */
import { describe, expect, it } from 'vitest';
import { findAnimation, playsTooLong } from '../../src/compile/find-animation.js';

const u16le = (n: number) => [n & 0xff, n >> 8];
const u32be = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** A 1x1 GIF89a with a global colour table: `frames` frames of `delay` hundredths, a NETSCAPE2.0 loop count when given. */
function gif(frames: number, delay: number, loops?: number, localTables = false): Uint8Array {
  const bytes = [...ascii('GIF89a'), ...u16le(1), ...u16le(1), 0x80, 0, 0, 255, 255, 255, 0, 0, 0];
  if (loops !== undefined) bytes.push(0x21, 0xff, 11, ...ascii('NETSCAPE2.0'), 3, 1, ...u16le(loops), 0);
  // A comment extension with two sub-blocks, which a reader must skip whole.
  bytes.push(0x21, 0xfe, 3, ...ascii('abc'), 2, ...ascii('de'), 0);
  for (let i = 0; i < frames; i++) {
    bytes.push(0x21, 0xf9, 4, 0, ...u16le(delay), 0, 0);
    bytes.push(0x2c, 0, 0, 0, 0, ...u16le(1), ...u16le(1), localTables ? 0x80 : 0, ...(localTables ? [1, 2, 3, 4, 5, 6] : []), 2, 2, 0x44, 0x01, 0);
  }
  bytes.push(0x3b);
  return Uint8Array.from(bytes);
}

function chunk(type: string, data: number[]): number[] {
  return [...u32be(data.length), ...ascii(type), ...data, 0, 0, 0, 0];
}

/** A PNG: IHDR, then acTL and an fcTL a frame (delays as fractions) when animated, then IDAT and IEND. */
function png(frames?: { plays: number; delays: ReadonlyArray<readonly [number, number]> }): Uint8Array {
  const bytes = [0x89, ...ascii('PNG'), 13, 10, 26, 10, ...chunk('IHDR', [...u32be(1), ...u32be(1), 8, 6, 0, 0, 0])];
  if (frames) {
    bytes.push(...chunk('acTL', [...u32be(frames.delays.length), ...u32be(frames.plays)]));
    frames.delays.forEach(([num, den], i) => {
      bytes.push(...chunk('fcTL', [...u32be(i * 2), ...u32be(1), ...u32be(1), ...u32be(0), ...u32be(0), num >> 8, num & 0xff, den >> 8, den & 0xff, 0, 0]));
    });
  }
  bytes.push(...chunk('IDAT', [1, 2, 3]), ...chunk('IEND', []));
  return Uint8Array.from(bytes);
}

function riffChunk(type: string, data: number[]): number[] {
  return [...ascii(type), ...u16le(data.length), 0, 0, ...data, ...(data.length % 2 ? [0] : [])];
}

/** An animated WebP: VP8X with the animation flag, ANIM with the loop count, an ANMF a frame. */
function webp(loops: number, durations: readonly number[], animatedFlag = true): Uint8Array {
  const body = [
    ...ascii('WEBP'),
    ...riffChunk('VP8X', [animatedFlag ? 0x02 : 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
    ...riffChunk('ANIM', [0, 0, 0, 0, ...u16le(loops)]),
    // An odd-sized chunk coursepack does not know, padded to even: skipped.
    ...riffChunk('XTRA', [1, 2, 3]),
    ...durations.flatMap((ms) => riffChunk('ANMF', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ms & 0xff, (ms >> 8) & 0xff, ms >> 16, 0])),
  ];
  return Uint8Array.from([...ascii('RIFF'), ...u16le(body.length), 0, 0, ...body]);
}

describe('findAnimation', () => {
  it.each([
    ['a GIF looping for ever (NETSCAPE2.0 loop count 0)', gif(3, 50, 0), { frames: 3, seconds: 1.5, plays: 'forever' }, true],
    ['a GIF with local colour tables', gif(2, 300, 0, true), { frames: 2, seconds: 6, plays: 'forever' }, true],
    ['a GIF without a loop block: it plays once', gif(3, 100), { frames: 3, seconds: 3, plays: 1 }, false],
    ['a GIF that plays once, longer than 5 s', gif(7, 100), { frames: 7, seconds: 7, plays: 1 }, true],
    ['a GIF looped twice more (3 plays of 2 s)', gif(2, 100, 2), { frames: 2, seconds: 2, plays: 3 }, true],
    // Browsers play a delay of 0 or 1 hundredth as 10.
    ['a GIF of frames with no delay', gif(4, 0, 0), { frames: 4, seconds: 0.4, plays: 'forever' }, true],
    ['an APNG looping for ever', png({ plays: 0, delays: [[1, 2], [50, 100], [0, 0]] }), { frames: 3, seconds: 1, plays: 'forever' }, true],
    ['an APNG that plays twice in 4 s', png({ plays: 2, delays: [[1, 1], [1, 1]] }), { frames: 2, seconds: 2, plays: 2 }, false],
    ['an animated WebP looping for ever', webp(0, [500, 700]), { frames: 2, seconds: 1.2, plays: 'forever' }, true],
    ['an animated WebP played three times', webp(3, [1000, 1000]), { frames: 2, seconds: 2, plays: 3 }, true],
  ] as const)('%s', (_name, bytes, animation, tooLong) => {
    const found = findAnimation(bytes);
    expect(found).toEqual(animation);
    expect(found && playsTooLong(found)).toBe(tooLong);
  });

  it.each([
    ['a GIF of one frame', gif(1, 100, 0)],
    ['a still PNG', png()],
    ['a WebP without the animation flag', webp(0, [500, 500], false)],
    ['a JPEG', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16])],
    ['a GIF cut short in its second frame', gif(3, 50, 0).slice(0, 80)],
    ['a PNG cut short in its acTL chunk', png({ plays: 0, delays: [[1, 2], [1, 2]] }).slice(0, 40)],
    ['nothing', new Uint8Array(0)],
  ])('%s is no animation to report', (_name, bytes) => {
    expect(findAnimation(bytes)).toBeUndefined();
  });
});
