/**
 * An image's size in pixels from the first bytes of its file: PNG (IHDR), GIF (the logical screen), WebP
 * (VP8, VP8L, VP8X) and JPEG (the first start-of-frame marker). check-assets.ts warns about a photo far
 * larger than a page can show: a phone's 4032 × 3024 JPEG is 3-6 MB, of which a learner on a school
 * network or a phone sees the pixels of one a tenth that size. Pure; a file this reader cannot follow has
 * no size (undefined), and nothing is said of it.
 */

export interface ImageSize {
  readonly width: number;
  readonly height: number;
}

export function findImageSize(bytes: Uint8Array): ImageSize | undefined {
  try {
    if (bytes[0] === 0x89 && ascii(bytes, 1, 4) === 'PNG' && ascii(bytes, 12, 16) === 'IHDR') return sized(be32(bytes, 16), be32(bytes, 20));
    if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return sized(le16(bytes, 6), le16(bytes, 8));
    if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return webp(bytes);
    if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpeg(bytes);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
  return undefined;
}

function webp(b: Uint8Array): ImageSize | undefined {
  const chunk = ascii(b, 12, 16);
  // VP8 (lossy): a key frame's start code, then 14-bit width and height (RFC 6386 §9.1).
  if (chunk === 'VP8 ' && at(b, 23) === 0x9d && at(b, 24) === 0x01 && at(b, 25) === 0x2a) return sized(le16(b, 26) & 0x3fff, le16(b, 28) & 0x3fff);
  // VP8L (lossless): a signature byte, then 14 bits each of width - 1 and height - 1.
  if (chunk === 'VP8L' && at(b, 20) === 0x2f) {
    const bits = at(b, 21) | (at(b, 22) << 8) | (at(b, 23) << 16) | (at(b, 24) << 24);
    return sized((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  // VP8X (extended): 24-bit canvas width - 1 and height - 1.
  if (chunk === 'VP8X') return sized(le24(b, 24) + 1, le24(b, 27) + 1);
  return undefined;
}

/** The first start-of-frame segment (SOF0-SOF15 but DHT, JPG and DAC), walking the markers from the start. */
function jpeg(b: Uint8Array): ImageSize | undefined {
  let i = 2;
  while (i + 9 < b.length) {
    if (at(b, i) !== 0xff) return undefined;
    const marker = at(b, i + 1);
    // Fill bytes, and markers without a length (RSTn, TEM).
    if (marker === 0xff) {
      i++;
      continue;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return sized(be16(b, i + 7), be16(b, i + 5));
    // Start of scan or end of image before any frame: no size to read.
    if (marker === 0xda || marker === 0xd9) return undefined;
    i += 2 + be16(b, i + 2);
  }
  return undefined;
}

function sized(width: number, height: number): ImageSize | undefined {
  return width > 0 && height > 0 ? { width, height } : undefined;
}

function at(b: Uint8Array, i: number): number {
  const value = b[i];
  if (value === undefined) throw new RangeError('past the end of the file');
  return value;
}

function ascii(b: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...b.subarray(from, to));
}

function be16(b: Uint8Array, i: number): number {
  return (at(b, i) << 8) | at(b, i + 1);
}

function be32(b: Uint8Array, i: number): number {
  return ((at(b, i) << 24) | (at(b, i + 1) << 16) | (at(b, i + 2) << 8) | at(b, i + 3)) >>> 0;
}

function le16(b: Uint8Array, i: number): number {
  return at(b, i) | (at(b, i + 1) << 8);
}

function le24(b: Uint8Array, i: number): number {
  return at(b, i) | (at(b, i + 1) << 8) | (at(b, i + 2) << 16);
}
