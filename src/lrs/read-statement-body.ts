/**
 * The body of a PUT or POST to /statements: JSON, or multipart/mixed with attachments
 * (Communication §1.5.2, Data §2.4.11). Returns the statements as sent and the attachment parts by
 * hash, after the checks that need only the body itself.
 */
import { createHash } from 'node:crypto';
import { mediaType } from './decode-request.js';
import { boundaryOf, parseMultipart } from './parse-multipart.js';
import { badRequest, LrsError } from './lrs-types.js';

export interface AttachmentPart {
  readonly contentType: string;
  readonly content: Buffer;
}

export interface StatementBody {
  /** A single statement object or an array, as sent. */
  readonly json: unknown;
  readonly parts: ReadonlyMap<string, AttachmentPart>;
}

/** Deeper than any statement needs (extensions included); past it validators would recurse too far. */
export const MAX_JSON_DEPTH = 64;

/** Nesting depth of a JSON value, counted without recursion so a hostile body cannot overflow the stack. */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return deepest;
}

export function parseJson(text: string, what: string): unknown {
  if (!text.trim()) throw badRequest(`The ${what} is empty`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw badRequest(`The ${what} is not valid JSON: ${(error as Error).message}`);
  }
  if (jsonDepth(value) > MAX_JSON_DEPTH) throw badRequest(`The ${what} is nested more than ${MAX_JSON_DEPTH} levels deep`);
  return value;
}

export function readStatementBody(contentType: string | undefined, body: Buffer): StatementBody {
  const type = mediaType(contentType);
  if (type === 'application/json') return { json: parseJson(body.toString('utf8'), 'request body'), parts: new Map() };
  if (type !== 'multipart/mixed') {
    throw new LrsError(400, `Statements must be sent as application/json or multipart/mixed (got '${type || 'no Content-Type'}')`);
  }
  const [first, ...rest] = parseMultipart(body, boundaryOf(contentType));
  if (!first) throw badRequest('The multipart body has no parts');
  if (mediaType(first.headers['content-type']) !== 'application/json') {
    throw badRequest('The first part of a multipart/mixed statement request must be application/json (Communication §1.5.2)');
  }
  const parts = new Map<string, AttachmentPart>();
  for (const part of rest) {
    const hash = part.headers['x-experience-api-hash'];
    if (!hash) throw badRequest('Every attachment part needs an X-Experience-API-Hash header (Data §2.4.11)');
    const encoding = part.headers['content-transfer-encoding'];
    if (encoding !== undefined && encoding.toLowerCase() !== 'binary') {
      throw badRequest(`Attachment parts must use Content-Transfer-Encoding: binary (got '${encoding}')`);
    }
    const actual = createHash('sha256').update(part.body).digest('hex');
    if (actual !== hash.toLowerCase()) throw badRequest(`An attachment part's content does not match its X-Experience-API-Hash ${hash}`);
    parts.set(actual, { contentType: part.headers['content-type'] ?? 'application/octet-stream', content: part.body });
  }
  return { json: parseJson(first.body.toString('utf8'), 'statement part'), parts };
}
