/**
 * Statements from an exported file, streamed so a district's whole history never has to fit in
 * memory: NDJSON (one statement a line), or JSON, either an array of statements or an LRS answer
 * `{"statements": [...], "more": …}` saved to a file. Each statement's text goes to a callback
 * (synchronous: a promise per statement would cost more than reading it).
 */
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { ReportError } from './report-error.js';

/** Where a statement is in its file, for error messages: `file:line` or `file: statement N`. */
export type StatementSink = (text: string, where: () => string) => void;

const CHUNK = 1 << 20;

export type ExportKind = 'ndjson' | 'json';

/** The kind a file name says, or undefined. */
export function exportKind(file: string): ExportKind | undefined {
  if (/\.(ndjson|jsonl)$/i.test(file)) return 'ndjson';
  if (/\.json$/i.test(file)) return 'json';
  return undefined;
}

/**
 * @param contains only statements whose text contains this ASCII text are wanted: in NDJSON the
 *   others are never decoded (the first pass for voided ids reads a few statements of millions).
 */
export async function readExport(file: string, sink: StatementSink, kind = exportKind(file), contains?: string): Promise<void> {
  if (kind === 'ndjson') return readNdjson(file, sink, contains);
  if (kind === 'json') return readJson(file, contains === undefined ? sink : (text, where) => text.includes(contains) && sink(text, where));
  throw new ReportError(`${file}: --from reads .ndjson (.jsonl) or .json files`);
}

/** The file's bytes, chunk by chunk, with read errors as one clear sentence. */
async function buffers(file: string, onBuffer: (buffer: Buffer) => void): Promise<void> {
  try {
    for await (const read of createReadStream(file, { highWaterMark: CHUNK })) onBuffer(read as Buffer);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ReportError(`${file} does not exist`);
    if (code === 'EISDIR') throw new ReportError(`${file} is a folder, not a statements file`);
    if (code === 'EACCES') throw new ReportError(`${file} cannot be read (permission denied)`);
    throw error;
  }
}

/** The file as text, chunk by chunk, never cutting a UTF-8 sequence. */
async function chunks(file: string, onChunk: (text: string) => void): Promise<void> {
  const decoder = new StringDecoder('utf8');
  await buffers(file, (buffer) => onChunk(decoder.write(buffer)));
  onChunk(decoder.end());
}

/**
 * Lines are found in the bytes (a newline byte is never inside a UTF-8 sequence) and each is decoded
 * on its own: a line as its own flat string reads several times faster, character by character,
 * than a slice of a megabyte chunk, and keeps no chunk alive.
 */
async function readNdjson(file: string, sink: StatementSink, contains?: string): Promise<void> {
  const needle = contains === undefined ? undefined : Buffer.from(contains, 'latin1');
  let carry: Buffer | undefined;
  let line = 0;
  const emit = (buffer: Buffer, start: number, end: number): void => {
    line++;
    const at = line;
    if (needle && buffer.subarray(start, end).indexOf(needle) < 0) return;
    let text = buffer.toString('utf8', start, end);
    if (at === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    // Blank lines (and a trailing newline) are not statements.
    if (!BLANK.test(text)) sink(text, () => `${file}:${at}`);
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
      emit(joined, 0, joined.length);
      start = end + 1;
      end = buffer.indexOf(10, start);
    }
    // With a needle, only lines holding its next occurrence are looked at.
    let hit = needle ? buffer.indexOf(needle, start) : -1;
    while (end >= 0) {
      if (!needle) emit(buffer, start, end);
      else if (hit >= start && hit < end) {
        emit(buffer, start, end);
        hit = buffer.indexOf(needle, end);
      } else line++;
      start = end + 1;
      end = buffer.indexOf(10, start);
    }
    carry = start < buffer.length ? buffer.subarray(start) : undefined;
  });
  if (carry) emit(carry, 0, carry.length);
}

const BLANK = /^\s*$/;

/**
 * A JSON array (or the array under a top-level "statements" key) split into its elements without
 * parsing them: a small state machine over the text tracks strings and nesting.
 */
async function readJson(file: string, sink: StatementSink): Promise<void> {
  const notStatements = (): ReportError => new ReportError(`${file} is not a JSON array of statements nor an object with a "statements" array`);
  let depth = 0;
  let inString = false;
  let escaped = false;
  let rootKind: '[' | '{' | undefined;
  let elementDepth = -1;
  let key = '';
  let keyParts: string[] | undefined;
  let element: string[] | undefined;
  let count = 0;
  await chunks(file, (text) => {
    let elementFrom = element ? 0 : -1;
    let keyFrom = keyParts ? 0 : -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92) escaped = true;
        else if (c === 34) {
          inString = false;
          if (keyParts && keyFrom >= 0) {
            keyParts.push(text.slice(keyFrom, i));
            key = keyParts.join('');
            keyParts = undefined;
            keyFrom = -1;
          }
        }
        continue;
      }
      if (c === 34) {
        inString = true;
        if (rootKind === '{' && depth === 1 && !element) {
          keyParts = [];
          keyFrom = i + 1;
        }
      } else if (c === 123 || c === 91) {
        if (rootKind === undefined) {
          rootKind = c === 91 ? '[' : '{';
          if (rootKind === '[') elementDepth = 1;
        } else if (rootKind === '{' && depth === 1 && c === 91 && key === 'statements') elementDepth = 2;
        else if (depth === elementDepth && c === 123 && !element) {
          element = [];
          elementFrom = i;
        }
        depth++;
      } else if (c === 125 || c === 93) {
        depth--;
        if (depth < 0) throw notStatements();
        if (element && depth === elementDepth) {
          element.push(text.slice(elementFrom, i + 1));
          const body = element.join('');
          element = undefined;
          elementFrom = -1;
          const n = ++count;
          sink(body, () => `${file}: statement ${n}`);
        } else if (depth === elementDepth - 1 && rootKind === '{') elementDepth = -1;
      } else if (rootKind === undefined && c !== 32 && c !== 10 && c !== 13 && c !== 9 && c !== 0xfeff) throw notStatements();
      else if (depth === elementDepth && !element && c !== 44 && c !== 32 && c !== 10 && c !== 13 && c !== 9) throw notStatements();
    }
    if (element && elementFrom >= 0) element.push(text.slice(elementFrom));
    if (keyParts && keyFrom >= 0) keyParts.push(text.slice(keyFrom));
  });
  if (rootKind === undefined || depth !== 0 || inString) throw notStatements();
}
