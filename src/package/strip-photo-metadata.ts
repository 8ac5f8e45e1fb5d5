/**
 * A photo as it goes into a package (a JPEG; also a PNG's and an extended WebP's metadata chunks, below), without what the camera or the editing app wrote about it: a phone
 * photo's Exif holds where it was taken (GPS: a school's or a home's coordinates), when, the camera's serial
 * number and often the owner's name, and a thumbnail of the photo as it was before it was cropped; XMP and
 * IPTC hold the same and the author's name. A package is downloaded by every learner (and an "Open full
 * size" link or a download hands the file itself out), so all of it left with the course.
 *
 * Dropped: APP1 (Exif, XMP), APP3-APP13 and APP15 (IPTC, Photoshop's, Ducky, camera makers' blocks), APP2
 * other than an ICC profile (MPF: the offsets of the pictures phones append), comments, a JFIF or JFXX
 * thumbnail, and anything after the end of the image (the depth maps, gain maps and second pictures phones
 * append, each with Exif of its own). Kept: the image data, the ICC colour profile (APP2) and Adobe's colour
 * transform (APP14), which change how it looks, and the Exif orientation, which browsers apply (CSS
 * `image-orientation: from-image`): without it a portrait photo showed on its side; and the resolution with
 * the pixel size it was meant for, by which Chromium sizes the picture (keptExif, below). They are kept as a
 * new Exif block holding those tags alone, as `exiftool -all= -tagsfromfile @ -Orientation …` writes it.
 *
 * Only markers are rewritten, never the compressed data, so the picture is the same pixel for pixel; the same
 * bytes in give the same bytes out. A file that is not a JPEG, or one this reader cannot follow to its
 * first scan (damaged, cut short), is returned as it is. Pure.
 */
import { crc32 } from './crc32.js';

/** JPEG marker codes (ITU T.81 Table B.1; APPn for applications' segments), the byte after 0xff. */
const [SOI, EOI, SOS] = [0xd8, 0xd9, 0xda];
const [APP0, APP1, APP2, APP14, COM] = [0xe0, 0xe1, 0xe2, 0xee, 0xfe];

/**
 * An SVG, HTML or CSS asset (or the launch page, for a module's `![…](data:image/jpeg;base64,…)`) with the
 * photos written into it as `data:` URLs stripped the same way: Inkscape
 * embeds a photo's file whole, Exif and GPS included, as base64 in `<image href="data:image/jpeg;base64,…">`.
 * Only the base64 text of such a URL changes (its alphabet holds nothing XML, HTML or CSS reads), and only
 * when there is something to drop; a file with none is returned as it is, the same bytes.
 */
export function stripEmbeddedPhotos(bytes: Uint8Array): Uint8Array {
  // The byte order mark, if any, stays (TextDecoder drops it by default).
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  if (!/data:image\/(jpeg|jpg|png|webp)/i.test(text)) return bytes;
  let changed = false;
  // The base64 must end at a quote, a parenthesis or a backslash (a quote escaped in JSON, as in the launch
  // page's course data), or at a comma in a srcset: an unquoted HTML attribute's value runs into the next
  // attribute (`src=data:… alt=x`), which would be read as base64 and lost; such a URL is left as it is.
  const stripped = text.replace(/(data:image\/(?:jpeg|jpg|png|webp);base64,)([A-Za-z0-9+/=\s]+)(?=["')\\,])/gi, (whole, head: string, run: string, at: number) => {
    // An unquoted HTML attribute value (`src=data:…`, as minifiers write it when the base64 has no `=`
    // padding) ends at white space: the base64 run would reach into the next attribute, up to a quote
    // (`src=data:… alt="A bench"` read ` alt=` as base64), and that attribute was lost and the URL broken.
    if (/=\s*$/.test(text.slice(Math.max(0, at - 8), at))) return whole;
    const srcset = inSrcset(text, at);
    if (!srcset && text[at + whole.length] === ',') return whole;
    // In a srcset a candidate's URL ends at white space, and what follows is its descriptor (`2x`, `640w`;
    // HTML, "parse a srcset attribute"): read as base64 it was decoded into the photo, dropped with what
    // follows its end, and the picture showed at another size. Elsewhere white space inside the base64 (line
    // breaks) is skipped.
    const base64 = srcset ? /^\S*/.exec(run)?.[0] ?? '' : run;
    const photo = Uint8Array.from(Buffer.from(base64.replace(/\s+/g, ''), 'base64'));
    const clean = stripPhotoMetadata(photo);
    if (clean.length === photo.length && clean.every((b, i) => b === photo[i])) return whole;
    changed = true;
    // What follows the base64 stays where it was: a srcset descriptor, or trailing white space before a
    // closing quote or parenthesis.
    return `${head}${Buffer.from(clean).toString('base64')}${srcset ? run.slice(base64.length) : (/\s*$/.exec(run)?.[0] ?? '')}`;
  });
  return changed ? new TextEncoder().encode(stripped) : bytes;
}

/**
 * Whether the data: URL at `at` is a candidate of a srcset (`<img srcset>`, `<source srcset>`): the first one
 * just after the attribute's quote (escaped in the launch page's JSON), a later one after a comma.
 */
function inSrcset(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 40), at);
  return /,\s*$/.test(before) || /srcset\s*=\s*\\?["']\s*$/i.test(before);
}

export function stripPhotoMetadata(bytes: Uint8Array): Uint8Array {
  if (startsWith(bytes, '\x89PNG\r\n\x1a\n')) return stripPng(bytes);
  if (startsWith(bytes, 'RIFF') && startsWith(bytes.subarray(8), 'WEBPVP8X')) return stripWebp(bytes);
  if (bytes[0] !== 0xff || bytes[1] !== SOI) return bytes;
  const out: Uint8Array[] = [bytes.subarray(0, 2)];
  let scanned = false;
  let i = 2;
  while (i < bytes.length) {
    const marker = bytes[i + 1];
    if (bytes[i] !== 0xff || marker === undefined || marker === 0x00) return scanned ? concat(out) : bytes;
    // Fill bytes before a marker, and markers without a length (TEM, RSTn).
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      out.push(bytes.subarray(i, i + 2));
      i += 2;
      continue;
    }
    if (marker === EOI) {
      out.push(bytes.subarray(i, i + 2));
      return concat(out);
    }
    if (i + 4 > bytes.length) return scanned ? concat(out) : bytes;
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    const end = i + 2 + length;
    if (length < 2 || end > bytes.length) return scanned ? concat(out) : bytes;
    const body = bytes.subarray(i + 4, end);
    const kept = keptSegment(marker, body, bytes.subarray(i, end));
    if (kept) out.push(kept);
    i = end;
    if (marker === SOS) {
      // The compressed data of a scan runs to the next marker that is not a stuffed 0xff00 or a restart.
      scanned = true;
      i = nextMarker(bytes, end);
      out.push(bytes.subarray(end, i));
    }
  }
  // No end-of-image marker: what was read is kept as it was (a browser shows what it can of such a file).
  return scanned ? concat(out) : bytes;
}

/** The segment as it goes into the package, or null when it is left out. */
function keptSegment(marker: number, body: Uint8Array, whole: Uint8Array): Uint8Array | null {
  if (marker === APP0) {
    // JFIF: version, density, then a thumbnail's width, height and pixels; kept without the thumbnail.
    if (startsWith(body, 'JFIF\0') && body.length >= 14) {
      if (body.length === 14) return whole;
      const jfif = new Uint8Array(2 + 2 + 14);
      jfif.set([0xff, APP0, 0, 16]);
      jfif.set(body.subarray(0, 12), 4);
      return jfif;
    }
    return null;
  }
  if (marker === APP1) {
    const tiff = startsWith(body, 'Exif\0\0') ? keptExif(body.subarray(6)) : undefined;
    return tiff ? exifSegment(tiff) : null;
  }
  if (marker === APP2) return startsWith(body, 'ICC_PROFILE\0') ? whole : null;
  if (marker === APP14) return whole;
  if ((marker > APP2 && marker <= 0xef) || marker === COM) return null;
  return whole;
}

/**
 * What of an Exif block changes how a browser shows the picture, as a new TIFF block (big-endian) holding
 * that alone, or undefined when there is nothing: the orientation (2-8; 1 is upright, the default), and the
 * resolution with the pixel dimensions it was meant for (XResolution, YResolution, ResolutionUnit in IFD0,
 * PixelXDimension and PixelYDimension in the Exif IFD). Chromium sizes a picture by the latter (HTML's
 * "density-corrected natural width and height"): a 144 dpi photo or screenshot whose Exif says it is half its
 * pixel size shows at half size, and without them showed twice as large.
 */
function keptExif(tiff: Uint8Array): number[] | undefined {
  if (tiff.length < 8) return undefined;
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return undefined;
  const u16 = (at: number): number => (little ? tiff[at]! | (tiff[at + 1]! << 8) : (tiff[at]! << 8) | tiff[at + 1]!);
  const u32 = (at: number): number => (little ? (u16(at) | (u16(at + 2) << 16)) : ((u16(at) << 16) | u16(at + 2))) >>> 0;
  /** The entries of the IFD at `ifd` by tag: their type, count and where their value (or its offset) is. */
  const entries = (ifd: number): Map<number, { type: number; count: number; at: number }> => {
    const found = new Map<number, { type: number; count: number; at: number }>();
    if (ifd + 2 > tiff.length) return found;
    for (let e = 0, count = u16(ifd); e < count; e++) {
      const at = ifd + 2 + e * 12;
      if (at + 12 > tiff.length) break;
      found.set(u16(at), { type: u16(at + 2), count: u32(at + 4), at: at + 8 });
    }
    return found;
  };
  const short = (e: { type: number; count: number; at: number } | undefined): number | undefined => (e?.type === 3 && e.count === 1 ? u16(e.at) : undefined);
  const long = (e: { type: number; count: number; at: number } | undefined): number | undefined => (e?.type === 4 && e.count === 1 ? u32(e.at) : short(e));
  const rational = (e: { type: number; count: number; at: number } | undefined): [number, number] | undefined => {
    if (e?.type !== 5 || e.count !== 1) return undefined;
    const at = u32(e.at);
    return at + 8 <= tiff.length ? [u32(at), u32(at + 4)] : undefined;
  };
  const ifd0 = entries(u32(4));
  const value = short(ifd0.get(0x0112));
  const orientation = value !== undefined && value >= 2 && value <= 8 ? value : undefined;
  const exifIfd = long(ifd0.get(0x8769));
  const exif = exifIfd === undefined ? new Map() : entries(exifIfd);
  const density = {
    x: rational(ifd0.get(0x011a)), y: rational(ifd0.get(0x011b)), unit: short(ifd0.get(0x0128)),
    width: long(exif.get(0xa002)), height: long(exif.get(0xa003)),
  };
  const { x, y, unit, width, height } = density;
  const hasDensity = x !== undefined && y !== undefined && unit !== undefined && width !== undefined && height !== undefined;
  if (!hasDensity) return orientation === undefined ? undefined : orientationTiff(orientation);
  // IFD0 (tags in ascending order), the two rationals, then the Exif IFD; no next IFD.
  const count = orientation === undefined ? 4 : 5;
  const rationals = 8 + 2 + count * 12 + 4;
  const exifAt = rationals + 16;
  return [
    0x4d, 0x4d, 0, 42, ...be32(8), 0, count,
    ...(orientation === undefined ? [] : [0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0]),
    0x01, 0x1a, 0, 5, 0, 0, 0, 1, ...be32(rationals),
    0x01, 0x1b, 0, 5, 0, 0, 0, 1, ...be32(rationals + 8),
    0x01, 0x28, 0, 3, 0, 0, 0, 1, unit >> 8, unit & 0xff, 0, 0,
    0x87, 0x69, 0, 4, 0, 0, 0, 1, ...be32(exifAt),
    0, 0, 0, 0,
    ...be32(x[0]), ...be32(x[1]), ...be32(y[0]), ...be32(y[1]),
    0, 2,
    0xa0, 0x02, 0, 4, 0, 0, 0, 1, ...be32(width),
    0xa0, 0x03, 0, 4, 0, 0, 0, 1, ...be32(height),
    0, 0, 0, 0,
  ];
}

/** A TIFF block with one tag, the orientation: big-endian, IFD0 of one entry, no next IFD. */
function orientationTiff(orientation: number): number[] {
  return [
    0x4d, 0x4d, 0, 42, 0, 0, 0, 8, // MM, 42, IFD0 at 8
    0, 1, // one entry
    0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, // Orientation, SHORT, 1, value
    0, 0, 0, 0, // no next IFD
  ];
}

/** An APP1 Exif segment holding the TIFF block `tiff` alone. */
function exifSegment(tiff: readonly number[]): Uint8Array {
  const length = 2 + 6 + tiff.length;
  return Uint8Array.from([0xff, APP1, length >> 8, length & 0xff, 0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff]);
}

/**
 * A PNG without its text (tEXt, zTXt, iTXt: XMP, the author, the software, comments), its time (tIME) and
 * its Exif (eXIf, which macOS and phone apps write, GPS included), the orientation kept as for a JPEG. Chunks
 * are dropped whole; every other chunk (pixels, colour, animation) is copied as it is. Cut short: as it is.
 */
function stripPng(bytes: Uint8Array): Uint8Array {
  const out: Uint8Array[] = [bytes.subarray(0, 8)];
  let changed = false;
  for (let i = 8; i < bytes.length;) {
    if (i + 12 > bytes.length) return bytes;
    const length = u32be(bytes, i);
    const end = i + 12 + length;
    if (end > bytes.length) return bytes;
    const type = String.fromCharCode(...bytes.subarray(i + 4, i + 8));
    if (type === 'eXIf') {
      const tiff = keptExif(bytes.subarray(i + 8, i + 8 + length));
      if (tiff) out.push(pngChunk('eXIf', tiff));
      changed = true;
    } else if (['tEXt', 'zTXt', 'iTXt', 'tIME'].includes(type)) changed = true;
    else out.push(bytes.subarray(i, end));
    i = end;
    if (type === 'IEND') break;
  }
  return changed ? concat(out) : bytes;
}

function pngChunk(type: string, data: readonly number[]): Uint8Array {
  const body = Uint8Array.from([...[...type].map((c) => c.charCodeAt(0)), ...data]);
  const crc = crc32(body);
  return Uint8Array.from([...be32(data.length), ...body, ...be32(crc)]);
}

/**
 * An extended WebP (VP8X, the only kind that holds metadata) without its EXIF and XMP chunks, the
 * orientation kept as for a JPEG; the VP8X flags and the RIFF size follow. Cut short: as it is.
 */
function stripWebp(bytes: Uint8Array): Uint8Array {
  const out: Uint8Array[] = [];
  let changed = false;
  let kept: number[] | undefined;
  for (let i = 12; i < bytes.length;) {
    if (i + 8 > bytes.length) return bytes;
    const type = String.fromCharCode(...bytes.subarray(i, i + 4));
    const length = u32le(bytes, i + 4);
    const end = i + 8 + length + (length % 2);
    if (end > bytes.length) return bytes;
    if (type === 'EXIF') {
      const exif = bytes.subarray(i + 8, i + 8 + length);
      kept = keptExif(startsWith(exif, 'Exif\0\0') ? exif.subarray(6) : exif);
      changed = true;
    } else if (type === 'XMP ') changed = true;
    else out.push(bytes.subarray(i, end));
    i = end;
  }
  if (!changed) return bytes;
  // Its length is even (26, 108 or 120 bytes): no padding byte.
  if (kept) out.push(Uint8Array.from([...'EXIF'].map((c) => c.charCodeAt(0)).concat(le32(kept.length), kept)));
  const chunks = concat(out);
  // VP8X (the first chunk) flags: 0x08 EXIF, 0x04 XMP.
  chunks[8] = ((chunks[8] ?? 0) & ~0x0c) | (kept ? 0x08 : 0);
  return concat([Uint8Array.from([...'RIFF'].map((c) => c.charCodeAt(0)).concat(le32(4 + chunks.length), [...'WEBP'].map((c) => c.charCodeAt(0)))), chunks]);
}

const u32be = (b: Uint8Array, at: number): number => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const u32le = (b: Uint8Array, at: number): number => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
const be32 = (n: number): number[] => [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const le32 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24];

/** Where the marker after compressed data at `from` starts (0xff not followed by 0x00, a restart or a fill byte). */
function nextMarker(bytes: Uint8Array, from: number): number {
  for (let i = from; i < bytes.length - 1; i++) {
    if (bytes[i] !== 0xff) continue;
    const next = bytes[i + 1]!;
    if (next !== 0x00 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) return i;
  }
  return bytes.length;
}

function startsWith(bytes: Uint8Array, text: string): boolean {
  if (bytes.length < text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[i] !== text.charCodeAt(i)) return false;
  return true;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
