/**
 * How long an animated image plays: a GIF, an animated PNG (APNG) or an animated WebP starts moving as soon
 * as its page shows, and a browser gives learners no way to stop it. WCAG 2.2.2 (Pause, Stop, Hide, level A)
 * asks a way to pause, stop or hide moving content that starts by itself and lasts more than five seconds,
 * so check-assets.ts warns about an animation that loops for ever or plays longer. Animated GIFs are the
 * usual case: a screen recording, a reaction loop pasted in for warmth. Pure, over the file's bytes.
 *
 * Read as browsers play them: a GIF without a NETSCAPE2.0 loop block plays once, with a loop count of 0 for
 * ever; a frame delay under 2 hundredths of a second plays as 10 hundredths (Chromium and Firefox); APNG's
 * `num_plays` and WebP's loop count of 0 mean for ever. A file this reader cannot follow is no animation
 * (undefined): a damaged image is the browser's to show or not, and nothing is said of it here.
 */

export interface Animation {
  readonly frames: number;
  /** How long one play lasts. */
  readonly seconds: number;
  /** How many times it plays, or `forever`. */
  readonly plays: number | 'forever';
}

/** Seconds of moving content WCAG 2.2.2 allows without a way to stop it. */
export const ANIMATION_LIMIT_SECONDS = 5;

/** The animation in an image file's bytes, or undefined for a still image or a file this reader does not follow. */
export function findAnimation(bytes: Uint8Array): Animation | undefined {
  try {
    if (startsWith(bytes, 0, 'GIF87a') || startsWith(bytes, 0, 'GIF89a')) return gif(bytes);
    if (bytes.length > 8 && bytes[0] === 0x89 && startsWith(bytes, 1, 'PNG')) return apng(bytes);
    if (startsWith(bytes, 0, 'RIFF') && startsWith(bytes, 8, 'WEBP')) return webp(bytes);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
  return undefined;
}

/** Whether it moves longer than WCAG 2.2.2 allows without a way to stop it. */
export function playsTooLong(animation: Animation): boolean {
  return animation.frames > 1 && animation.seconds > 0 && (animation.plays === 'forever' || animation.seconds * animation.plays > ANIMATION_LIMIT_SECONDS);
}

function startsWith(bytes: Uint8Array, at: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** The byte at `at`; a read past the end is a file this reader does not follow. */
function byte(bytes: Uint8Array, at: number): number {
  const value = bytes[at];
  if (value === undefined) throw new RangeError('past the end of the image');
  return value;
}

const u16le = (b: Uint8Array, at: number): number => byte(b, at) | (byte(b, at + 1) << 8);
const u16be = (b: Uint8Array, at: number): number => (byte(b, at) << 8) | byte(b, at + 1);
const u24le = (b: Uint8Array, at: number): number => byte(b, at) | (byte(b, at + 1) << 8) | (byte(b, at + 2) << 16);
const u32le = (b: Uint8Array, at: number): number => (u16le(b, at) | (u16le(b, at + 2) << 16)) >>> 0;
const u32be = (b: Uint8Array, at: number): number => ((u16be(b, at) << 16) | u16be(b, at + 2)) >>> 0;

/** GIF89a (W3C, 1990): blocks after the screen descriptor, each frame an image descriptor. */
function gif(b: Uint8Array): Animation | undefined {
  let at = 13;
  const screenFlags = byte(b, 10);
  if (screenFlags & 0x80) at += 3 * 2 ** ((screenFlags & 0x07) + 1);
  let frames = 0;
  let centiseconds = 0;
  let delay = 0;
  let plays: number | 'forever' = 1;
  const skipSubBlocks = (from: number): number => {
    let p = from;
    for (let size = byte(b, p); size !== 0; size = byte(b, p)) p += size + 1;
    return p + 1;
  };
  for (;;) {
    const introducer = byte(b, at);
    if (introducer === 0x3b) break;
    if (introducer === 0x21) {
      const label = byte(b, at + 1);
      if (label === 0xf9 && byte(b, at + 2) >= 4) delay = u16le(b, at + 4);
      // NETSCAPE2.0 (or ANIMEXTS1.0): a sub-block of 3 bytes, 1 then the loop count, 0 for ever.
      if (label === 0xff && byte(b, at + 2) === 11 && (startsWith(b, at + 3, 'NETSCAPE2.0') || startsWith(b, at + 3, 'ANIMEXTS1.0')) && byte(b, at + 14) >= 3 && byte(b, at + 15) === 1) {
        const loops = u16le(b, at + 16);
        plays = loops === 0 ? 'forever' : loops + 1;
      }
      at = skipSubBlocks(at + 2);
    } else if (introducer === 0x2c) {
      frames++;
      centiseconds += delay < 2 ? 10 : delay;
      delay = 0;
      const flags = byte(b, at + 9);
      at += 10;
      if (flags & 0x80) at += 3 * 2 ** ((flags & 0x07) + 1);
      // The LZW minimum code size, then the image data as sub-blocks.
      at = skipSubBlocks(at + 1);
    } else {
      // Not a block GIF knows: stop here, with what was read (browsers show the frames before it).
      break;
    }
  }
  return frames > 1 ? { frames, seconds: centiseconds / 100, plays } : undefined;
}

/** APNG (W3C PNG 3rd edition): an `acTL` chunk before the image data, an `fcTL` chunk a frame. */
function apng(b: Uint8Array): Animation | undefined {
  let at = 8;
  let frames = 0;
  let plays: number | 'forever' = 1;
  let seconds = 0;
  let animated = false;
  while (at + 8 <= b.length) {
    const length = u32be(b, at);
    const type = String.fromCharCode(byte(b, at + 4), byte(b, at + 5), byte(b, at + 6), byte(b, at + 7));
    const data = at + 8;
    if (type === 'acTL') {
      animated = true;
      frames = u32be(b, data);
      const count = u32be(b, data + 4);
      plays = count === 0 ? 'forever' : count;
    } else if (type === 'fcTL') {
      const numerator = u16be(b, data + 20);
      const denominator = u16be(b, data + 22) || 100;
      seconds += numerator / denominator;
    } else if (type === 'IDAT' && !animated) {
      // The animation control comes before the image data, or the PNG is a still one.
      return undefined;
    } else if (type === 'IEND') break;
    at = data + length + 4;
  }
  return animated && frames > 1 ? { frames, seconds, plays } : undefined;
}

/** WebP (RFC 9649 §2.7): the animation flag in `VP8X`, the loop count in `ANIM`, a duration per `ANMF` frame. */
function webp(b: Uint8Array): Animation | undefined {
  let at = 12;
  let animated = false;
  let frames = 0;
  let milliseconds = 0;
  let plays: number | 'forever' = 1;
  while (at + 8 <= b.length) {
    const type = String.fromCharCode(byte(b, at), byte(b, at + 1), byte(b, at + 2), byte(b, at + 3));
    const size = u32le(b, at + 4);
    const data = at + 8;
    if (type === 'VP8X') animated = (byte(b, data) & 0x02) !== 0;
    else if (type === 'ANIM') {
      const loops = u16le(b, data + 4);
      plays = loops === 0 ? 'forever' : loops;
    } else if (type === 'ANMF') {
      frames++;
      milliseconds += u24le(b, data + 12);
    }
    // Chunks are padded to an even size.
    at = data + size + (size & 1);
  }
  return animated && frames > 1 ? { frames, seconds: milliseconds / 1000, plays } : undefined;
}
