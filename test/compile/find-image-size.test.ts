/**
 * findImageSize: an image's pixels from its file's first bytes, for the image-oversized warning. Headers
 * built byte by byte as each format's specification lays them out.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { validateCourse } from '../../src/compile/index.js';
import { findImageSize } from '../../src/compile/find-image-size.js';

const bytes = (...parts: Array<string | number[] | Uint8Array>): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : [...p])));
const be16 = (n: number) => [n >> 8, n & 0xff];
const be32 = (n: number) => [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
const le16 = (n: number) => [n & 0xff, n >> 8];
const le24 = (n: number) => [n & 0xff, (n >> 8) & 0xff, n >> 16];

describe('findImageSize', () => {
  it('reads PNG, GIF and the three kinds of WebP', () => {
    expect(findImageSize(bytes([0x89], 'PNG\r\n\x1a\n', be32(13), 'IHDR', be32(4032), be32(3024), [8, 2, 0, 0, 0]))).toEqual({ width: 4032, height: 3024 });
    expect(findImageSize(bytes('GIF89a', le16(640), le16(480), [0, 0, 0]))).toEqual({ width: 640, height: 480 });
    const riff = (chunk: string, body: number[]) => bytes('RIFF', [0, 0, 0, 0], 'WEBP', chunk, [0, 0, 0, 0], body);
    expect(findImageSize(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, ...le16(2048), ...le16(1536)]))).toEqual({ width: 2048, height: 1536 });
    // VP8L: 14 bits of width - 1, then 14 of height - 1, after the signature byte.
    const bits = (1999) | (999 << 14);
    expect(findImageSize(riff('VP8L', [0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, (bits >>> 24) & 0xff]))).toEqual({ width: 2000, height: 1000 });
    expect(findImageSize(riff('VP8X', [0, 0, 0, 0, ...le24(4999), ...le24(2999)]))).toEqual({ width: 5000, height: 3000 });
  });

  it('reads a JPEG past its EXIF block and fill bytes, from its first frame header', () => {
    const exif = [0xff, 0xe1, ...be16(2 + 6 + 100), ...Buffer.from('Exif\0\0'), ...new Array<number>(100).fill(7)];
    const sof2 = [0xff, 0xc2, ...be16(17), 8, ...be16(3024), ...be16(4032), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
    expect(findImageSize(bytes([0xff, 0xd8], exif, [0xff], sof2, [0xff, 0xd9]))).toEqual({ width: 4032, height: 3024 });
    // A Huffman table (0xC4) before the frame is no frame.
    const dht = [0xff, 0xc4, ...be16(4), 0, 0];
    expect(findImageSize(bytes([0xff, 0xd8], dht, sof2))).toEqual({ width: 4032, height: 3024 });
  });

  it('a file cut short, another format or a scan before any frame has no size', () => {
    expect(findImageSize(bytes([0x89], 'PNG\r\n\x1a\n', be32(13), 'IHDR', [0, 0]))).toBeUndefined();
    expect(findImageSize(bytes([0xff, 0xd8, 0xff, 0xe1, 0x40, 0x00, 1, 2, 3]))).toBeUndefined();
    expect(findImageSize(bytes([0xff, 0xd8, 0xff, 0xda, 0, 2, 0, 0, 0, 0, 0, 0]))).toBeUndefined();
    expect(findImageSize(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(findImageSize(bytes('GIF89a', le16(0), le16(480)))).toBeUndefined();
  });
});

describe('image-oversized in a course', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const dir = mkdtempSync(path.join(tmpdir(), 'coursepack-photos-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is said of a photo a page shows, not of one a page only offers to download', async () => {
    mkdirSync(path.join(dir, 'modules'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'course.yaml'), 'id: photos\ntitle: Photos\n');
    // A JPEG's frame header (4032 x 3024) and random bytes past 500 KB: only the header is read.
    const photo = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0, 17, 8, 0x0b, 0xd0, 0x0f, 0xc0, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]), randomBytes(600_000), Buffer.from([0xff, 0xd9])]);
    writeFileSync(path.join(dir, 'assets/shown.jpg'), photo());
    writeFileSync(path.join(dir, 'assets/full-size.jpg'), photo());
    writeFileSync(path.join(dir, 'modules/01-photos.md'), '---\nid: photos\ntitle: Photos\nobjectives: [See.]\nminutes: 1\n---\n\n## Page\n\n![A mentor and an inventor at a workbench](../assets/shown.jpg)\n\n[The photo at full size, to print](../assets/full-size.jpg)\n');
    const { messages } = await validateCourse({ courseDir: dir, cwd: root, toolDir: root });
    expect(messages.filter((m) => m.ruleId === 'image-oversized').map((m) => m.file)).toEqual(['assets/shown.jpg']);
    expect(messages.find((m) => m.ruleId === 'image-oversized')?.reason).toBe('`assets/shown.jpg` is 4,032 × 3,024 pixels (600 KB): a page shows an image at most 736 pixels wide (twice that on a sharp screen), so learners download many times what they see');
  });

  it('is said of a photo whose metadata puts its frame header past the first 128 KB (Photoshop\'s extended XMP)', async () => {
    const course = path.join(dir, 'xmp');
    mkdirSync(path.join(course, 'modules'), { recursive: true });
    mkdirSync(path.join(course, 'assets'));
    writeFileSync(path.join(course, 'course.yaml'), 'id: photos\ntitle: Photos\n');
    const xmp = Buffer.concat([Buffer.from([0xff, 0xe1, 0xea, 0x62]), Buffer.from('http://ns.adobe.com/xmp/extension/\0'), Buffer.alloc(60_000 - 35, 0x20)]);
    const frame = Buffer.from([0xff, 0xc0, 0, 17, 8, 0x0b, 0xd0, 0x0f, 0xc0, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
    writeFileSync(path.join(course, 'assets/edited.jpg'), Buffer.concat([Buffer.from([0xff, 0xd8]), xmp, xmp, xmp, frame, randomBytes(600_000), Buffer.from([0xff, 0xd9])]));
    writeFileSync(path.join(course, 'modules/01-photos.md'), '---\nid: photos\ntitle: Photos\nobjectives: [See.]\nminutes: 1\n---\n\n## Page\n\n![A mentor and an inventor at a workbench](../assets/edited.jpg)\n');
    const { messages } = await validateCourse({ courseDir: course, cwd: root, toolDir: root });
    expect(messages.map((m) => `${m.file} ${m.ruleId}`)).toEqual(['assets/edited.jpg image-oversized']);
  });
});
