// Reads every entry of a zip into memory (stored or deflate; what coursepack writes), for the
// benchmark, which runs under plain node and cannot import the TypeScript test helper
// test/helpers/read-zip.ts that the vitest suites use. ZIP APPNOTE 4.3.16 (end of central
// directory), 4.3.12 (central directory header), 4.3.7 (local file header).
import { readFile } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';

/** @returns {Promise<Map<string, Buffer>>} */
export async function readZipEntries(file) {
  const buf = await readFile(file);
  let end = -1;
  for (let i = buf.length - 22; i >= 0; i--) if (buf.readUInt32LE(i) === 0x06054b50) { end = i; break; }
  if (end < 0) throw new Error(`${file}: not a zip`);
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const entries = new Map();
  for (let n = 0; n < count; n++) {
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const skip = nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    const local = buf.readUInt32LE(at + 42);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataStart, dataStart + size);
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + skip;
  }
  return entries;
}
