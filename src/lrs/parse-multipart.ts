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

export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) throw badRequest('The multipart body does not contain its boundary');
  while (true) {
    let start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break; // closing delimiter
    if (body.subarray(start, start + 2).toString() === '\r\n') start += 2;
    else if (body[start] === 0x0a) start += 1;
    const next = body.indexOf(delimiter, start);
    if (next < 0) throw badRequest('The multipart body has no closing boundary');
    let end = next;
    if (body[end - 1] === 0x0a) end -= 1;
    if (body[end - 1] === 0x0d) end -= 1;
    const chunk = body.subarray(start, end);
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
    at = next;
  }
  return parts;
}
