/**
 * Raw HTTP → LrsRequest. Undoes the Alternate Request Syntax (Communication §1.3: a POST with
 * `?method=X` and a form body whose `content`, header-named fields and other fields stand for the
 * body, headers and query of the real request), and refuses repeated parameters.
 */
import { badRequest, type LrsRequest } from './lrs-types.js';

export interface RawRequest {
  readonly method: string;
  /** Path below the xAPI root, e.g. `statements` or `activities/state`. */
  readonly resource: string;
  readonly search: URLSearchParams;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer;
}

// Communication §1.3.s3.b7: these form fields are headers, not parameters.
const FORM_HEADERS = new Set(['authorization', 'x-experience-api-version', 'content-type', 'content-length', 'if-match', 'if-none-match']);
const METHODS = new Set(['GET', 'HEAD', 'PUT', 'POST', 'DELETE']);

function toMap(search: URLSearchParams, what: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, value] of search) {
    if (map.has(name)) throw badRequest(`The ${what} '${name}' is given more than once`);
    map.set(name, value);
  }
  return map;
}

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function decodeRequest(raw: RawRequest): LrsRequest {
  const resource = raw.resource.replace(/^\/+|\/+$/g, '');
  const method = raw.method.toUpperCase();
  if (!raw.search.has('method')) {
    return { method, resource, params: toMap(raw.search, 'parameter'), headers: raw.headers, body: raw.body };
  }
  if (method !== 'POST') throw badRequest('The alternate request syntax (?method=) must be sent as a POST (Communication §1.3)');
  const target = (raw.search.get('method') ?? '').toUpperCase();
  if (!METHODS.has(target)) throw badRequest(`?method= must be one of ${[...METHODS].join(', ')} (got '${raw.search.get('method') ?? ''}')`);
  if ([...raw.search.keys()].some((k) => k !== 'method')) {
    throw badRequest('The alternate request syntax allows no query parameter but method; send the others in the form body (Communication §1.3)');
  }
  if (mediaType(raw.headers['content-type']) !== 'application/x-www-form-urlencoded') {
    throw badRequest('The alternate request syntax needs a body of type application/x-www-form-urlencoded (Communication §1.3)');
  }
  const form = new URLSearchParams(raw.body.toString('utf8'));
  // The form's fields over the real headers (a client MAY put headers in the form, Communication §1.3.s3.b6; the
  // ADL conformance suite sends its Authorization as a header). Which header credentials may count is the HTTP
  // shell's to say (serve-http.ts: never those a browser added on a page of another site).
  const headers: Record<string, string | undefined> = { ...raw.headers, 'content-type': undefined, 'content-length': undefined };
  const params = new URLSearchParams();
  let content: string | undefined;
  for (const [name, value] of form) {
    const lower = name.toLowerCase();
    if (lower === 'content') content = value;
    else if (FORM_HEADERS.has(lower)) {
      // A real header cannot hold these (RFC 9110 §5.5; Node refuses them), and a stored document's
      // Content-Type is sent back as one: with a CR or LF in it every later GET of it failed with a 500.
      if (/[^\t\x20-\x7e\x80-\xff]/.test(value)) throw badRequest(`The form field '${name}' holds a character a header cannot (Communication §1.3)`);
      headers[lower] = value;
    }
    else params.append(name, value);
  }
  if ((target === 'PUT' || target === 'POST') && content === undefined) {
    throw badRequest(`An alternate-syntax ${target} needs its body in the form field 'content' (Communication §1.3)`);
  }
  // A form-encoded PUT or POST of a statement is JSON unless the form says otherwise.
  if (content !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/json';
  return { method: target, resource, params: toMap(params, 'form parameter'), headers, body: Buffer.from(content ?? '', 'utf8') };
}
