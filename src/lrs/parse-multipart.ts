/**
 * multipart/mixed bodies, for statements with attachments (Data §2.4.11, Communication §1.5.2): the
 * first part is the statement(s) as application/json, each further part one attachment's raw
 * content named by its `X-Experience-API-Hash` (SHA-256 hex).
 */
import { badRequest } from './lrs-types.js';

export interface Part {
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export function boundaryOf(contentType: string | undefined): string {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw badRequest('A multipart/mixed body needs a boundary parameter in Content-Type');
  return boundary;
}

/**
 * The next delimiter line at or after `from` (RFC 2046 §5.1.1): `--boundary` at the start of the body or right after a
 * line break, then `--` (the closing one) or optional white space (transport padding) and the end of the line. The
 * boundary's text anywhere else is content: a JWS signature in base64url holds `--b` now and then, and cut short at
 * it, its part no longer matched its hash and the statement was refused. `at`: where the line starts, with the line
 * break before it, which belongs to the delimiter; `next`: where what follows the line starts.
 */
function findDelimiter(body: Buffer, delimiter: Buffer, from: number): { at: number; next: number; closing: boolean } | null {
  for (let found = body.indexOf(delimiter, from); found >= 0; found = body.indexOf(delimiter, found + 1)) {
    if (found > 0 && body[found - 1] !== 0x0a) continue;
    let after = found + delimiter.length;
    if (body[after] === 0x2d && body[after + 1] === 0x2d) return { at: lineStart(body, found), next: after + 2, closing: true };
    while (body[after] === 0x20 || body[after] === 0x09) after += 1;
    if (after === body.length) return { at: lineStart(body, found), next: after, closing: false };
    if (body[after] === 0x0a) return { at: lineStart(body, found), next: after + 1, closing: false };
    if (body[after] === 0x0d && body[after + 1] === 0x0a) return { at: lineStart(body, found), next: after + 2, closing: false };
  }
  return null;
}

/** Where the delimiter line found at `at` starts, counting the line break (CRLF or LF) before it. */
function lineStart(body: Buffer, at: number): number {
  if (at > 0 && body[at - 1] === 0x0a) at -= 1;
  if (at > 0 && body[at - 1] === 0x0d) at -= 1;
  return at;
}

export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let delimiterLine = findDelimiter(body, delimiter, 0);
  if (!delimiterLine) throw badRequest('The multipart body does not contain its boundary');
  while (!delimiterLine.closing) {
    const start = delimiterLine.next;
    const next = findDelimiter(body, delimiter, start);
    if (!next) throw badRequest('The multipart body has no closing boundary');
    const chunk = body.subarray(start, Math.max(start, next.at));
    // RFC 2046 §5.1.1: a part without headers starts with the blank line itself.
    let split = chunk.subarray(0, 2).toString() === '\r\n' ? -2 : chunk.indexOf('\r\n\r\n');
    let skip = 4;
    if (split === -2) {
      split = 0;
      skip = 2;
    } else if (split < 0) {
      split = chunk.indexOf('\n\n');
      skip = 2;
    }
    if (split < 0) throw badRequest('A multipart part has no blank line after its headers');
    const headers: Record<string, string> = {};
    for (const line of chunk.subarray(0, split).toString('utf8').split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    parts.push({ headers, body: chunk.subarray(split + skip) });
    delimiterLine = next;
  }
  return parts;
}
