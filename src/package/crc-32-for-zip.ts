/**
 * What archiver's zip writer (compress-commons, crc32-stream) asks of the `crc-32` package, `buf(bytes, seed)`,
 * answered by crc32.ts: src/bundle.mjs puts this module in the package's place for those two. The same
 * numbers as the package (test/package/crc32.test.ts): a signed 32-bit result, and a seed that is the previous
 * result, or anything else for a new sum (crc32-stream starts from a 4-byte Buffer, which the package reads as 0).
 */
import { crc32 } from './crc32.js';

function buf(bytes: Uint8Array, seed?: unknown): number {
  return crc32(bytes, typeof seed === 'number' ? seed : 0) | 0;
}

export default { buf };
