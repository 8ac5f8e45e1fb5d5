/**
 * Statements from an exported file, streamed so a district's whole history never has to fit in
 * memory: NDJSON (one statement a line), or JSON, either an array of statements or an LRS answer
 * `{"statements": [...], "more": …}` saved to a file; either one gzip-compressed (`.ndjson.gz`,
 * `.json.gz`: how exports of millions of statements are usually handed over), decompressed as it is
 * read. Each statement's text goes to a callback (synchronous: a promise per statement would cost more
 * than reading it).
 */
import { isAscii } from 'node:buffer';
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { ReportError } from './report-error.js';

/**
 * Where a statement is in its file, for error messages: `file:line` or `file: statement N`. `where` names
 * the statement being read during the call only (NDJSON's reader keeps one function for all its lines:
 * a closure a line cost an allocation for every statement of millions).
 */
export type StatementSink = (text: string, where: () => string) => void;

const CHUNK = 1 << 20;

export type ExportKind = 'ndjson' | 'json';

/** Part of an NDJSON file, `start` inclusive, `end` exclusive, both at line starts (or the file's end). */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
  /** The file the range was cut in (its inode and size), checked at every open. */
  readonly of?: FileIdentity;
}

/** What tells a file from another put in its place under its name, or cut short. */
export interface FileIdentity {
  readonly ino: number;
  readonly size: number;
}

/** The kind a file name says (a `.gz` after it: the same, compressed), or undefined. */
export function exportKind(file: string): ExportKind | undefined {
  if (/\.(ndjson|jsonl)(\.gz)?$/i.test(file)) return 'ndjson';
  if (/\.json(\.gz)?$/i.test(file)) return 'json';
  return undefined;
}

/**
 * What to do with an export in another shape: an LRS's CSV or spreadsheet export flattens each statement
 * into columns, without the result, context and registration a report reads; a zip holds the files.
 */
function otherExport(file: string): string {
  if (/\.(csv|tsv|xlsx?|ods)$/i.test(file)) return '; a CSV or spreadsheet export keeps only some of each statement (no result, context or registration): export the statements as JSON (or NDJSON) from the LRS, or read the LRS itself with --lrs';
  if (/\.zip$/i.test(file)) return '; unzip it and give the .json or .ndjson files inside (--from folder/ reads them all)';
  return '';
}

/** Whether the file name says gzip (read whole and in order: a compressed file cannot be cut in parts). */
export function isCompressed(file: string): boolean {
  return /\.gz$/i.test(file);
}

export async function readExport(file: string, sink: StatementSink, kind = exportKind(file), range?: ByteRange): Promise<void> {
  if (range && kind !== 'ndjson') throw new Error('only NDJSON files are read in parts');
  if (kind === 'ndjson') return readNdjson(file, sink, range);
  if (kind === 'json') return readJson(file, sink);
  throw new ReportError(`${file}: --from reads .ndjson (.jsonl) or .json files, or either gzip-compressed (.ndjson.gz, .json.gz)${otherExport(file)}`);
}

/**
 * The file's bytes, chunk by chunk, with read errors as one clear sentence. Read synchronously: the
 * caller decodes each chunk at once, and a stream left the thread idle between chunks (a read-ahead of
 * one chunk, and a hop to libuv's pool for each), about a tenth of a report's time in a worker thread.
 */
async function buffers(file: string, onBuffer: (buffer: Buffer) => void, range?: ByteRange): Promise<void> {
  if (range && range.end <= range.start) return;
  if (isCompressed(file)) {
    if (range) throw new Error('a compressed file is read whole');
    return gunzipped(file, onBuffer);
  }
  try {
    const fd = openSync(file, 'r');
    try {
      if (range?.of) checkSame(file, fd, range.of);
      const end = range?.end ?? Infinity;
      // One buffer for the whole read, refilled chunk after chunk: it stays in the cache, where a fresh
      // megabyte a chunk cost page faults and external-memory collections. So a reader keeps nothing of
      // a chunk past its callback (what goes on in the next chunk is copied).
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK, end - (range?.start ?? 0)));
      for (let at = range?.start ?? 0; at < end; ) {
        const n = readSync(fd, buffer, 0, Math.min(buffer.length, end - at), at);
        if (n === 0) break;
        at += n;
        onBuffer(n === buffer.length ? buffer : buffer.subarray(0, n));
      }
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ReportError(`${file} does not exist`);
    if (code === 'EISDIR') throw new ReportError(`${file} is a folder, not a statements file`);
    if (code === 'EACCES') throw new ReportError(`${file} cannot be read (permission denied)`);
    throw error;
  }
}

/**
 * A file read in parts is opened again for each: one another process put in its place meanwhile (a
 * `--sync` of it, which writes a new file and renames it over the old) or rewrote shorter would be read
 * at the old file's line starts, as statements cut in two ("malformed") or lines of the new file mixed
 * with the old. A file that only grew (statements appended) still holds the part as it was.
 */
function checkSame(file: string, fd: number, expected: FileIdentity): void {
  const now = fstatSync(fd);
  if (now.ino !== expected.ino || now.size < expected.size) {
    throw new ReportError(`${file} changed while it was being read (another report's --sync writing it, or an export still being saved?): run the report again once it is done`);
  }
}

/**
 * Lines are found in the bytes (a newline byte is never inside a UTF-8 sequence) and each is decoded
 * on its own: a line as its own flat string reads several times faster, character by character,
 * than a slice of a megabyte chunk, and keeps no chunk alive.
 */
async function readNdjson(file: string, sink: StatementSink, range?: ByteRange): Promise<void> {
  let carry: Buffer | undefined;
  let line = 0;
  // A part's line numbers start after the lines before it, counted only when a message needs one.
  let before: number | undefined = range?.start ? undefined : 0;
  const lineOf = (n: number): number => (before ??= countLines(file, 0, range?.start ?? 0)) + n;
  // Whether the chunk read is all ASCII (one SIMD scan a chunk): its lines are then copied as Latin-1,
  // the same characters, instead of decoded as UTF-8 byte by byte.
  let ascii = false;
  const where = (): string => `${file}:${lineOf(line)}`;
  const emit = (buffer: Buffer, start: number, end: number, plain = ascii): void => {
    line++;
    let text = buffer.toString(plain ? 'latin1' : 'utf8', start, end);
    if (line === 1 && !range?.start && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    // Blank lines (and a trailing newline) are not statements; a statement's line starts with its brace.
    if (text.charCodeAt(0) === OPEN_BRACE || !BLANK.test(text)) sink(text, where);
  };
  await buffers(file, (buffer) => {
    let start = 0;
    let end = buffer.indexOf(10, start);
    if (carry) {
      // Only the line that spans the two chunks is copied.
      if (end < 0) {
        carry = Buffer.concat([carry, buffer]);
        return;
      }
      const joined = Buffer.concat([carry, buffer.subarray(0, end)]);
      carry = undefined;
      emit(joined, 0, joined.length, isAscii(joined));
      start = end + 1;
      end = buffer.indexOf(10, start);
    }
    ascii = isAscii(buffer);
    while (end >= 0) {
      emit(buffer, start, end);
      start = end + 1;
      end = buffer.indexOf(10, start);
    }
    // Copied: the read buffer is refilled with the next chunk.
    carry = start < buffer.length ? Buffer.from(buffer.subarray(start)) : undefined;
  }, range);
  if (carry) emit(carry, 0, carry.length, isAscii(carry));
}

/** Newlines in the file's bytes from `start` to `end`. */
function countLines(file: string, start: number, end: number): number {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    let lines = 0;
    for (let at = start; at < end; ) {
      const n = readSync(fd, buffer, 0, Math.min(CHUNK, end - at), at);
      if (n === 0) break;
      for (let i = buffer.indexOf(10, 0); i >= 0 && i < n; i = buffer.indexOf(10, i + 1)) lines++;
      at += n;
    }
    return lines;
  } finally {
    closeSync(fd);
  }
}

/**
 * Splits an NDJSON file of `size` bytes into at most `parts` ranges of about equal size, each starting
 * at a line start (a newline byte is never inside a UTF-8 sequence, so any byte after one is).
 */
export function splitLines(file: string, size: number, parts: number): ByteRange[] {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 16);
    const starts = [0];
    for (let p = 1; p < parts; p++) {
      let at = Math.max(Math.floor((size * p) / parts), starts.at(-1) ?? 0);
      if (at === 0) continue;
      // The first line start at or after `at`: just past the newline at or after `at - 1`.
      let found = -1;
      for (let from = at - 1; found < 0 && from < size; from += buffer.length) {
        const n = readSync(fd, buffer, 0, buffer.length, from);
        if (n === 0) break;
        const i = buffer.subarray(0, n).indexOf(10);
        if (i >= 0) found = from + i + 1;
      }
      at = found < 0 ? size : found;
      starts.push(at);
    }
    return starts.map((start, i) => ({ start, end: starts[i + 1] ?? size })).filter((r) => r.end > r.start);
  } finally {
    closeSync(fd);
  }
}

const BLANK = /^\s*$/;
const OPEN_BRACE = 123;

/** A gzip file's bytes decompressed, chunk by chunk, with its errors as one clear sentence each. */
async function gunzipped(file: string, onBuffer: (buffer: Buffer) => void): Promise<void> {
  try {
    // pipeline, not pipe: an error of the file (it does not exist) reaches the catch below.
    await pipeline(createReadStream(file), createGunzip({ chunkSize: CHUNK }), async (chunks: AsyncIterable<Buffer>) => {
      for await (const chunk of chunks) onBuffer(chunk);
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ReportError(`${file} does not exist`);
    if (code === 'EISDIR') throw new ReportError(`${file} is a folder, not a statements file`);
    if (code === 'EACCES') throw new ReportError(`${file} cannot be read (permission denied)`);
    // zlib's codes: Z_DATA_ERROR (not gzip, or damaged), Z_BUF_ERROR (cut short).
    if (code === 'Z_DATA_ERROR') throw new ReportError(`${file} is not gzip-compressed, or is damaged (${(error as Error).message}); if it is plain JSON, name it without .gz`);
    if (code === 'Z_BUF_ERROR') throw new ReportError(`${file} ends before its compressed data does (${(error as Error).message}): it was cut short; copy or download it again`);
    throw error;
  }
}

/**
 * A JSON array (or the array under a top-level "statements" key) split into its elements without
 * parsing them: a small state machine over the bytes tracks strings and nesting (UTF-8 never puts a
 * quote, backslash or bracket byte inside a multi-byte character), and each element is decoded on
 * its own, as NDJSON lines are.
 */
async function readJson(file: string, sink: StatementSink): Promise<void> {
  // Objects one after another at the top: NDJSON (one statement a line) named .json, as some exports are.
  let topObjects = 0;
  const notStatements = (): ReportError => new ReportError(`${file} is not a JSON array of statements nor an object with a "statements" array${
    topObjects > 1 ? `: it holds ${topObjects > 2 ? 'objects' : 'two objects'} one after another, as NDJSON does (one statement a line); name it .ndjson` : ''}`);
  let depth = 0;
  let inString = false;
  let escaped = false;
  let rootKind: '[' | '{' | undefined;
  let elementDepth = -1;
  let key = '';
  let keyParts: Buffer[] | undefined;
  let element: Buffer[] | undefined;
  let count = 0;
  // An object is an LRS answer only with a "statements" array: `{}` or `{"foo": 1}` is no export at all,
  // not an empty one (it read as 0 statements, exit 0).
  let statementsArray = false;
  // An LRS answer's "more" (XAPI.md §12): a file saved from one GET holds one page (100 to 500 statements
  // in most LRSs) and names the next; counted as it is, the report was of the first learners only.
  let afterColon = false;
  let more = '';
  await buffers(file, (bytes) => {
    let elementFrom = element ? 0 : -1;
    let keyFrom = keyParts ? 0 : -1;
    // A plain Uint8Array view: indexing a Buffer subclass is slower in V8.
    const u8 = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    for (let i = 0; i < u8.length; i++) {
      const c = u8[i] as number;
      if (inString) {
        if (escaped) {
          // The byte after a backslash that ended the previous chunk.
          escaped = false;
          continue;
        }
        // Jump to the next quote; it ends the string unless an odd run of backslashes escapes it.
        const q = bytes.indexOf(34, i);
        const stop = q < 0 ? u8.length : q;
        let backslashes = 0;
        while (stop - 1 - backslashes >= i && u8[stop - 1 - backslashes] === 92) backslashes++;
        if (q < 0) {
          escaped = backslashes % 2 === 1;
          i = u8.length;
          continue;
        }
        i = q;
        if (backslashes % 2 === 1) continue;
        inString = false;
        if (keyParts && keyFrom >= 0) {
          keyParts.push(bytes.subarray(keyFrom, i));
          const text = Buffer.concat(keyParts).toString('utf8');
          // A string after a colon is the value of the key before it, not a key.
          if (!afterColon) key = text;
          else if (key === 'more') more = text;
          afterColon = false;
          keyParts = undefined;
          keyFrom = -1;
        }
        continue;
      }
      if (c === 34) {
        inString = true;
        if (rootKind === '{' && depth === 1 && !element) {
          keyParts = [];
          keyFrom = i + 1;
        }
      } else if ((c === 58 || c === 44) && rootKind === '{' && depth === 1) {
        // A colon starts a value, a comma the next key (after `"count": 2` or `"complete": true` too).
        afterColon = c === 58;
      } else if (c === 123 || c === 91) {
        if (rootKind === '{' && depth === 1) afterColon = false;
        if (rootKind === undefined) {
          rootKind = c === 91 ? '[' : '{';
          if (rootKind === '[') elementDepth = 1;
        } else if (rootKind === '{' && depth === 1 && c === 91 && key === 'statements') {
          elementDepth = 2;
          statementsArray = true;
        }
        else if (depth === elementDepth && c === 123 && !element) {
          element = [];
          elementFrom = i;
        }
        depth++;
      } else if (c === 125 || c === 93) {
        depth--;
        if (depth < 0) throw notStatements();
        if (depth === 0 && c === 125 && rootKind === '{') topObjects++;
        if (element && depth === elementDepth) {
          element.push(bytes.subarray(elementFrom, i + 1));
          const whole = element.length === 1 ? (element[0] as Buffer) : Buffer.concat(element);
          element = undefined;
          elementFrom = -1;
          const n = ++count;
          sink(whole.toString('utf8'), () => `${file}: statement ${n}`);
        } else if (depth === elementDepth - 1 && rootKind === '{') elementDepth = -1;
      } else if (rootKind === undefined && !isSpaceByte(c) && c !== 0xef && c !== 0xbb && c !== 0xbf) throw notStatements();
      else if (depth === elementDepth && !element && c !== 44 && !isSpaceByte(c)) throw notStatements();
    }
    // Parts that go on in the next chunk are copied: the read buffer may be reused.
    if (element && elementFrom >= 0) element.push(Buffer.from(bytes.subarray(elementFrom)));
    if (keyParts && keyFrom >= 0) keyParts.push(Buffer.from(bytes.subarray(keyFrom)));
  });
  if (rootKind === undefined || depth !== 0 || inString || (rootKind === '{' && !statementsArray)) throw notStatements();
  if (more !== '') {
    throw new ReportError(`${file} is one page of an LRS's answer: its "more" (${more.length > 80 ? `${more.slice(0, 77)}...` : more}) names the next page, whose statements are not in the file, so a report of it would leave learners out; read the LRS itself with --lrs (every page, and --sync FILE.ndjson to keep them), or export all the statements from the LRS`);
  }
}

function isSpaceByte(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}
