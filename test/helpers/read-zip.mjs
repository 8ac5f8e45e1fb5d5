// The one zip reader of the tests and the benchmark (plain JS, so `node test/bench/…` shares it with
// the vitest suites; types in read-zip.d.mts). Walks the central directory (ZIP APPNOTE 4.3.16 and
// 4.3.12), then each local header (4.3.7) to find the data. Enough for the zips coursepack writes
// (stored or deflate, no zip64, no encryption); it throws on anything else, so a test notices a
// package an LMS might not open either. Tests use listZipEntries() to assert what the zip layout
// rules in SCORM12.md §1 ask: no directory entries, fixed dates, forward slashes.
import { readFile } from 'node:fs/promises';
import { crc32, inflateRawSync } from 'node:zlib';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

/** @param {Buffer} buf */
function findEndOfCentralDirectory(buf) {
  // The EOCD record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIGNATURE) return i;
  }
  throw new Error('not a zip file: no end of central directory record');
}

/**
 * Every central directory entry, in the order the zip stores them.
 * @param {Buffer} buf
 * @returns {import('./read-zip.d.mts').ZipEntryInfo[]}
 */
export function listZipEntries(buf) {
  const eocd = findEndOfCentralDirectory(buf);
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new Error('zip64 archives are not supported');
  const entries = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== CENTRAL_SIGNATURE) throw new Error(`bad central directory entry ${n} at ${p}`);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const nameStart = p + 46;
    entries.push({
      versionMadeBy: buf.readUInt16LE(p + 4),
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      dosTime: buf.readUInt16LE(p + 12),
      dosDate: buf.readUInt16LE(p + 14),
      crc32: buf.readUInt32LE(p + 16),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      externalAttrs: buf.readUInt32LE(p + 38),
      localHeaderOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', nameStart, nameStart + nameLength),
      extraLength,
      comment: buf.toString('utf8', nameStart + nameLength + extraLength, nameStart + nameLength + extraLength + commentLength),
    });
    p = nameStart + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The uncompressed bytes of one entry; checks the CRC so a corrupt zip fails loudly.
 * @param {Buffer} buf
 * @param {import('./read-zip.d.mts').ZipEntryInfo} entry
 * @returns {Buffer}
 */
export function readZipEntry(buf, entry) {
  const p = entry.localHeaderOffset;
  if (buf.readUInt32LE(p) !== LOCAL_SIGNATURE) throw new Error(`bad local header for ${entry.name}`);
  if ((entry.flags & 1) !== 0) throw new Error(`${entry.name} is encrypted`);
  const dataStart = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const raw = buf.subarray(dataStart, dataStart + entry.compressedSize);
  let data;
  if (entry.method === 0) data = Buffer.from(raw);
  else if (entry.method === 8) data = inflateRawSync(raw);
  else throw new Error(`${entry.name}: compression method ${entry.method} is not stored or deflate`);
  if (data.length !== entry.uncompressedSize) throw new Error(`${entry.name}: size mismatch`);
  if (crc32(data) >>> 0 !== entry.crc32) throw new Error(`${entry.name}: CRC mismatch`);
  return data;
}

/**
 * Entry path → bytes, for a zip held in memory. Directory entries map to empty buffers.
 * @param {Buffer} buf
 * @returns {Map<string, Buffer>}
 */
export function readZipBuffer(buf) {
  const files = new Map();
  for (const entry of listZipEntries(buf)) {
    if (files.has(entry.name)) throw new Error(`duplicate zip entry ${entry.name}`);
    files.set(entry.name, readZipEntry(buf, entry));
  }
  return files;
}

/**
 * Entry path → bytes, for a zip file on disk.
 * @param {string} file
 * @returns {Promise<Map<string, Buffer>>}
 */
export async function readZip(file) {
  return readZipBuffer(await readFile(file));
}

/**
 * The MS-DOS date and time words as an ISO string without zone (DOS times have none).
 * @param {number} dosDate
 * @param {number} dosTime
 */
export function dosDateTimeToIso(dosDate, dosTime) {
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  const year = 1980 + (dosDate >> 9);
  const month = (dosDate >> 5) & 0x0f;
  const day = dosDate & 0x1f;
  const hours = dosTime >> 11;
  const minutes = (dosTime >> 5) & 0x3f;
  const seconds = (dosTime & 0x1f) * 2;
  return `${year}-${pad(month)}-${pad(day)}T${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
}
