export interface ZipEntryInfo {
  readonly name: string;
  /** 0 stored, 8 deflate. */
  readonly method: number;
  /** General purpose bit flag; bit 0 = encrypted, bit 3 = data descriptor, bit 11 = UTF-8 name. */
  readonly flags: number;
  /** High byte: host system (0 FAT/DOS, 3 Unix); low byte: spec version. */
  readonly versionMadeBy: number;
  /** MS-DOS time and date words as stored (APPNOTE 4.4.6). */
  readonly dosTime: number;
  readonly dosDate: number;
  /** Unix mode in the high 16 bits when made on Unix, DOS attributes in the low byte. */
  readonly externalAttrs: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  /** Length of the central directory extra field (0 means no extra timestamps or uid/gid). */
  readonly extraLength: number;
  readonly comment: string;
}
export function listZipEntries(buf: Buffer): ZipEntryInfo[];
export function readZipEntry(buf: Buffer, entry: ZipEntryInfo): Buffer;
export function readZipBuffer(buf: Buffer): Map<string, Buffer>;
export function readZip(file: string): Promise<Map<string, Buffer>>;
export function dosDateTimeToIso(dosDate: number, dosTime: number): string;
