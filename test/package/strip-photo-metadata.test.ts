import { describe, expect, it } from 'vitest';
import { stripEmbeddedPhotos, stripPhotoMetadata } from '../../src/package/index.js';

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/** A marker segment: 0xff, the marker, the length (body + 2), the body. */
function segment(marker: number, body: readonly number[]): number[] {
  const length = body.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...body];
}

/** A little-endian Exif block as a phone writes it: IFD0 with Orientation, Artist and a GPS IFD pointer. */
function phoneExif(orientation: number): number[] {
  const artist = ascii('Jane Teacher\0');
  // IFD0 at 8: 3 entries (2 + 36 + 4 = 42 bytes), GPS IFD at 50 (1 entry: 18 bytes), data at 68.
  const entry = (tag: number, type: number, count: number, value: readonly number[]) => [tag & 0xff, tag >> 8, type, 0, count, 0, 0, 0, ...value];
  const tiff = [
    ...ascii('II'), 42, 0, 8, 0, 0, 0,
    3, 0,
    ...entry(0x0112, 3, 1, [orientation, 0, 0, 0]),
    ...entry(0x013b, 2, artist.length, [68, 0, 0, 0]),
    ...entry(0x8825, 4, 1, [50, 0, 0, 0]),
    0, 0, 0, 0,
    1, 0,
    ...entry(0x0001, 2, 2, [...ascii('N'), 0, 0, 0]),
    0, 0, 0, 0,
    ...artist,
  ];
  return segment(0xe1, [...ascii('Exif\0\0'), ...tiff]);
}

const SOI = [0xff, 0xd8];
const EOI = [0xff, 0xd9];
const JFIF = segment(0xe0, [...ascii('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
const JFIF_WITH_THUMBNAIL = segment(0xe0, [...ascii('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 1, 1, 0xaa, 0xbb, 0xcc]);
const ICC = segment(0xe2, [...ascii('ICC_PROFILE\0'), 1, 1, 9, 9]);
const ADOBE = segment(0xee, [...ascii('Adobe'), 0, 100, 0, 0, 0, 0, 1]);
const XMP = segment(0xe1, ascii('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>40,44.9N</exif:GPSLatitude></x:xmpmeta>'));
const MPF = segment(0xe2, [...ascii('MPF\0'), 1, 2, 3]);
const IPTC = segment(0xed, ascii('Photoshop 3.0\0By-line Jane Teacher'));
const COMMENT = segment(0xfe, ascii('Taken at 12 Elm Street'));
const DQT = segment(0xdb, [0, ...new Array<number>(64).fill(1)]);
const SOF0 = segment(0xc0, [8, 0, 16, 0, 16, 1, 1, 0x11, 0]);
const DHT = segment(0xc4, [0, ...new Array<number>(16).fill(0)]);
const SOS = segment(0xda, [1, 1, 0, 0, 63, 0]);
// Compressed data holds stuffed 0xff00 bytes and a restart marker, which belong to the scan.
const SCAN = [0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0x00];
const IMAGE = [...DQT, ...SOF0, ...DHT, ...SOS, ...SCAN, ...EOI];
/** The orientation alone, as the package keeps it: big-endian TIFF, one entry. */
const orientationOnly = (o: number) => segment(0xe1, [...ascii('Exif\0\0'), ...ascii('MM'), 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, o, 0, 0, 0, 0, 0, 0]);

const strip = (bytes: readonly number[]): number[] => [...stripPhotoMetadata(Uint8Array.from(bytes))];

describe('stripPhotoMetadata', () => {
  it('drops Exif (GPS, owner), XMP, IPTC, MPF, comments and what phones append after the image; keeps the colour profile and the pixels', () => {
    const appended = [...SOI, ...phoneExif(1), ...IMAGE];
    const photo = [...SOI, ...JFIF, ...phoneExif(1), ...XMP, ...ICC, ...MPF, ...IPTC, ...ADOBE, ...COMMENT, ...IMAGE, ...appended];
    expect(strip(photo)).toEqual([...SOI, ...JFIF, ...ICC, ...ADOBE, ...IMAGE]);
  });

  it('keeps the orientation, so a portrait photo does not show on its side', () => {
    expect(strip([...SOI, ...phoneExif(6), ...IMAGE])).toEqual([...SOI, ...orientationOnly(6), ...IMAGE]);
    expect(strip([...SOI, ...phoneExif(1), ...IMAGE])).toEqual([...SOI, ...IMAGE]);
  });

  it('keeps the resolution Chromium sizes a picture by (a 144 dpi photo shows at half its pixel size), with the orientation', () => {
    // Little-endian as a camera writes it: IFD0 with Orientation, XResolution, YResolution, ResolutionUnit,
    // Artist and the Exif IFD pointer; the Exif IFD with PixelXDimension (SHORT) and PixelYDimension (LONG).
    const le16 = (n: number) => [n & 0xff, n >> 8];
    const le32 = (n: number) => [...le16(n & 0xffff), ...le16(n >>> 16)];
    const entry = (tag: number, type: number, value: readonly number[]) => [...le16(tag), type, 0, 1, 0, 0, 0, ...value];
    // IFD0 at 8: 6 entries (2 + 72 + 4 = 78 bytes); rationals at 86; Exif IFD at 102 (2 + 24 + 4); artist at 132.
    const tiff = [
      ...ascii('II'), 42, 0, ...le32(8),
      6, 0,
      ...entry(0x0112, 3, [6, 0, 0, 0]),
      ...entry(0x011a, 5, le32(86)),
      ...entry(0x011b, 5, le32(94)),
      ...entry(0x0128, 3, [2, 0, 0, 0]),
      ...entry(0x013b, 2, le32(132)),
      ...entry(0x8769, 4, le32(102)),
      0, 0, 0, 0,
      ...le32(144), ...le32(1), ...le32(144), ...le32(1),
      2, 0,
      ...entry(0xa002, 3, [8, 0, 0, 0]),
      ...entry(0xa003, 4, le32(8)),
      0, 0, 0, 0,
      ...ascii('Jane\0'),
    ];
    const kept = segment(0xe1, [
      ...ascii('Exif\0\0'), ...ascii('MM'), 0, 42, 0, 0, 0, 8,
      0, 5,
      0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0,
      0x01, 0x1a, 0, 5, 0, 0, 0, 1, 0, 0, 0, 74,
      0x01, 0x1b, 0, 5, 0, 0, 0, 1, 0, 0, 0, 82,
      0x01, 0x28, 0, 3, 0, 0, 0, 1, 0, 2, 0, 0,
      0x87, 0x69, 0, 4, 0, 0, 0, 1, 0, 0, 0, 90,
      0, 0, 0, 0,
      0, 0, 0, 144, 0, 0, 0, 1, 0, 0, 0, 144, 0, 0, 0, 1,
      0, 2,
      0xa0, 0x02, 0, 4, 0, 0, 0, 1, 0, 0, 0, 8,
      0xa0, 0x03, 0, 4, 0, 0, 0, 1, 0, 0, 0, 8,
      0, 0, 0, 0,
    ]);
    const stripped = strip([...SOI, ...segment(0xe1, [...ascii('Exif\0\0'), ...tiff]), ...IMAGE]);
    expect(stripped).toEqual([...SOI, ...kept, ...IMAGE]);
    expect(strip(stripped)).toEqual(stripped);
  });

  it('drops a JFIF thumbnail (it can show the photo before it was cropped)', () => {
    expect(strip([...SOI, ...JFIF_WITH_THUMBNAIL, ...IMAGE])).toEqual([...SOI, ...JFIF, ...IMAGE]);
  });

  it('leaves a JPEG without metadata as it is, and what is not a JPEG or cannot be read', () => {
    const clean = [...SOI, ...JFIF, ...IMAGE];
    expect(strip(clean)).toEqual(clean);
    const png = [0x89, ...ascii('PNG\r\n\x1a\n'), 0, 0, 0, 0];
    expect(strip(png)).toEqual(png);
    const cutShort = [...SOI, ...phoneExif(6).slice(0, 20)];
    expect(strip(cutShort)).toEqual(cutShort);
    expect(strip([])).toEqual([]);
  });

  it('drops a PNG\'s text, time and Exif chunks, keeping the orientation in an eXIf of its own (Chromium applies it)', () => {
    const chunk = (type: string, data: readonly number[], crc: readonly number[] = [0, 0, 0, 0]) => [0, 0, data.length >> 8, data.length & 0xff, ...ascii(type), ...data, ...crc];
    const signature = [0x89, ...ascii('PNG\r\n\x1a\n')];
    const ihdr = chunk('IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0], [0x90, 0x77, 0x53, 0xde]);
    const idat = chunk('IDAT', [1, 2, 3]);
    const iend = chunk('IEND', []);
    const exif = chunk('eXIf', phoneExif(6).slice(10));
    const png = [...signature, ...ihdr, ...exif, ...chunk('tEXt', ascii('Author\0Jane Teacher')), ...chunk('iTXt', ascii('XML:com.adobe.xmp\0\0\0\0\0<x/>')), ...chunk('tIME', [7, 234, 12, 5, 7, 0, 0]), ...idat, ...iend];
    const tiff = [...ascii('MM'), 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0];
    expect(strip(png)).toEqual([...signature, ...ihdr, ...chunk('eXIf', tiff, [0xd6, 0x67, 0x4b, 0x69]), ...idat, ...iend]);
    const clean = [...signature, ...ihdr, ...idat, ...iend];
    expect(strip(clean)).toEqual(clean);
  });

  it('drops an extended WebP\'s EXIF and XMP chunks, with their flags and the RIFF size', () => {
    const le = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];
    const chunk = (type: string, data: readonly number[]) => [...ascii(type), ...le(data.length), ...data, ...(data.length % 2 ? [0] : [])];
    const riff = (chunks: readonly number[]) => [...ascii('RIFF'), ...le(4 + chunks.length), ...ascii('WEBP'), ...chunks];
    const vp8x = (flags: number) => chunk('VP8X', [flags, 0, 0, 0, 119, 0, 0, 59, 0, 0]);
    const image = chunk('VP8L', [0x2f, 1, 2, 3, 4]);
    const webp = riff([...vp8x(0x10 | 0x08 | 0x04), ...image, ...chunk('EXIF', phoneExif(1).slice(10)), ...chunk('XMP ', ascii('<x:xmpmeta/>'))]);
    expect(strip(webp)).toEqual(riff([...vp8x(0x10), ...image]));
  });
});


describe('stripEmbeddedPhotos', () => {
  const photo = Buffer.from([...SOI, ...phoneExif(6), ...IMAGE]);
  const clean = Buffer.from([...SOI, ...orientationOnly(6), ...IMAGE]);
  const svg = (base64: string) => `\uFEFF<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/jpeg;base64,${base64}" width="10" height="10"/></svg>\n`;
  const run = (text: string) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(stripEmbeddedPhotos(new TextEncoder().encode(text)));

  it('strips a photo an SVG holds as a data: URL (Inkscape embeds the file whole), base64 wrapped in lines or not', () => {
    expect(run(svg(photo.toString('base64')))).toBe(svg(clean.toString('base64')));
    const wrapped = photo.toString('base64').replace(/.{40}/g, '$&\n');
    expect(run(svg(wrapped))).toBe(svg(clean.toString('base64') + (/\s*$/.exec(wrapped)?.[0] ?? '')));
    expect(run(`a{background:url(data:image/jpeg;base64,${photo.toString('base64')})}`)).toBe(`a{background:url(data:image/jpeg;base64,${clean.toString('base64')})}`);
    // In JSON (the launch page's course data), the closing quote is escaped.
    expect(run(`{"feedback":"<img src=\\"data:image/jpeg;base64,${photo.toString('base64')}\\">"}`)).toBe(`{"feedback":"<img src=\\"data:image/jpeg;base64,${clean.toString('base64')}\\">"}`);
  });

  it('keeps a srcset candidate\'s descriptor, which is not base64 (the picture would show at another size)', () => {
    const [dirty, stripped] = [photo.toString('base64'), clean.toString('base64')];
    expect(run(`<img srcset="data:image/jpeg;base64,${dirty} 2x" alt="">`)).toBe(`<img srcset="data:image/jpeg;base64,${stripped} 2x" alt="">`);
    expect(run(`<img srcset="data:image/jpeg;base64,${dirty} 640w,\n data:image/jpeg;base64,${dirty} 1280w" sizes="50vw" alt="">`))
      .toBe(`<img srcset="data:image/jpeg;base64,${stripped} 640w,\n data:image/jpeg;base64,${stripped} 1280w" sizes="50vw" alt="">`);
    expect(run(`{"html":"<picture><source srcset=\\"data:image/jpeg;base64,${dirty} 2x\\">"}`)).toBe(`{"html":"<picture><source srcset=\\"data:image/jpeg;base64,${stripped} 2x\\">"}`);
    // Elsewhere a comma does not end the base64: such a URL is left as it is.
    const src = `<img src="data:image/jpeg;base64,${dirty},x" alt="">`;
    expect(run(src)).toBe(src);
  });

  it('leaves a file as it is when its photos hold nothing to drop, or a data: URL does not end at a quote', () => {
    const bytes = new TextEncoder().encode(svg(clean.toString('base64')));
    expect(stripEmbeddedPhotos(bytes)).toBe(bytes);
    const unquoted = `<img src=data:image/jpeg;base64,${photo.toString('base64')} alt=x>`;
    expect(run(unquoted)).toBe(unquoted);
    // Also when a quoted attribute follows: ` alt=` is no base64 of the photo.
    const beforeQuoted = `<img src=data:image/jpeg;base64,${photo.toString('base64')} alt="A mentor at a workbench">`;
    expect(run(beforeQuoted)).toBe(beforeQuoted);
  });
});
