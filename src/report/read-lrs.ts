/**
 * Statements from any xAPI 1.0.3 LRS through the standard statement API (Learning Locker, SQL LRS,
 * Watershed, Veracity, xapi-statements, coursepack's embedded LRS), with `@xapi/xapi`:
 * `activity=<course>&related_activities=true` (XAPI.md §12 rule 1), following `more` to the end
 * (§12 feature 6; Learning Locker #662/#663 show what stopping early costs).
 *
 * `@xapi/xapi` is given its own fetch-based adapter rather than its built-in "fetch" one, which
 * throws the response body as the error and loses the status: this one turns 401, 403, 404, 5xx,
 * timeouts and refused connections into one plain sentence each, and never puts credentials (or the
 * endpoint's query string, where some LRSs take keys) in a message.
 */
import xapiModule from '@xapi/xapi';
import type { StatementsResponse } from '@xapi/xapi';
import { XAPI_VERSION } from '../shared/xapi/vocabulary.js';
import { ReportError } from './report-error.js';

// The package is CommonJS (`module.exports = XAPI`, with a static `default` pointing at itself) and
// its types declare an ES default export: `.default` is the class under both readings.
const XAPI = xapiModule.default;
type AdapterFunction = Extract<ConstructorParameters<typeof XAPI>[0]['adapter'], (...args: never[]) => unknown>;

export interface LrsSource {
  /** The statement API's base, e.g. `https://lrs.example.org/xAPI`. */
  readonly endpoint: string;
  /** A whole `Authorization` value, `Basic …`. */
  readonly auth: string;
}

export interface ReadLrsOptions {
  readonly activity: string;
  /** Only statements stored after this (the LRS `since`, on `stored`: the incremental sync cursor). */
  readonly storedSince?: string | undefined;
  /** Page size asked for; the LRS may cap it lower. */
  readonly limit?: number | undefined;
  readonly timeoutMs?: number | undefined;
  readonly fetch?: typeof fetch | undefined;
  /** After each page: statements so far. */
  readonly onPage?: ((statements: number, pages: number) => void) | undefined;
  /** `X-Experience-API-Consistent-Through` of the first page, as soon as it is known. */
  readonly onConsistentThrough?: ((value: string) => void) | undefined;
}

export interface ReadLrsResult {
  readonly statements: number;
  readonly pages: number;
  /** `X-Experience-API-Consistent-Through` of the first page (Communication §2.1.3), if sent. */
  readonly consistentThrough: string | undefined;
}

/** The endpoint as it may be shown: scheme, host and path; no user, password or query. */
export function redactUrl(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    return `${url.protocol}//${url.host}${url.pathname}`.replace(/\/+$/, '');
  } catch {
    return '(an invalid URL)';
  }
}

/** Checks the endpoint before any request, so a typo is a usage error, not a network one. */
export function checkEndpoint(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ReportError('the LRS endpoint is not a valid URL (give it like https://lrs.example.org/xAPI)');
  }
  // The scheme is not echoed: `KEY:SECRET@host/xAPI`, the scheme forgotten, parses with the key as scheme.
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ReportError('the LRS endpoint must start with http:// or https://');
  if (url.username || url.password) throw new ReportError('put LRS credentials in --user/--password or COURSEPACK_LRS_AUTH, not in the URL');
  return url;
}

/** Empty pages in a row, each with a `more` link, that the report follows before giving up. */
const MAX_EMPTY_PAGES = 100;

export async function readLrs(source: LrsSource, options: ReadLrsOptions, onStatement: (statement: unknown) => void): Promise<ReadLrsResult> {
  const base = checkEndpoint(source.endpoint);
  const shown = redactUrl(source.endpoint);
  const xapi = new XAPI({ endpoint: source.endpoint, auth: source.auth, version: XAPI_VERSION, adapter: adapter(shown, options) });
  let response: { data: unknown; headers: Record<string, unknown> } = await xapi.getStatements({
    activity: options.activity,
    related_activities: true,
    limit: options.limit ?? 500,
    ...(options.storedSince !== undefined ? { since: options.storedSince, ascending: true } : {}),
  });
  const consistentThrough = header(response.headers, 'x-experience-api-consistent-through');
  if (consistentThrough !== undefined) options.onConsistentThrough?.(consistentThrough);
  let statements = 0;
  let pages = 0;
  // A faulty LRS that hands back a link it gave before, or empty pages without end, would be read
  // forever: the report stops with a message instead (Communication §2.1.3: `more` moves on).
  const followed = new Set<string>();
  let emptyRun = 0;
  for (;;) {
    const page = checkPage(response.data, shown);
    for (const s of page.statements) onStatement(s);
    statements += page.statements.length;
    pages++;
    options.onPage?.(statements, pages);
    if (!page.more) break;
    const next = morePath(page.more, base, shown);
    if (followed.has(next)) throw new ReportError(`the LRS at ${shown} sent a "more" link it had sent before (page ${pages}); it would be read forever, so the report stops`);
    emptyRun = page.statements.length === 0 ? emptyRun + 1 : 0;
    if (emptyRun >= MAX_EMPTY_PAGES) throw new ReportError(`the LRS at ${shown} sent ${MAX_EMPTY_PAGES} empty pages in a row, each with a "more" link; the report stops rather than read forever`);
    followed.add(next);
    response = await xapi.getMoreStatements({ more: next });
  }
  return { statements, pages, consistentThrough };
}

/**
 * `more` is relative to the LRS (Communication §2.1.3); `@xapi/xapi` appends it to the endpoint's
 * origin. An absolute link is accepted on the same origin only: credentials never go to another host.
 */
function morePath(more: string, base: URL, shown: string): string {
  let url: URL;
  try {
    url = new URL(more, base.href.endsWith('/') ? base.href : `${base.href}/`);
  } catch {
    throw new ReportError(`the LRS at ${shown} sent a "more" link that is not a URL; it does not follow the statement API (Communication §2.1.3)`);
  }
  if (url.origin !== base.origin) throw new ReportError(`the LRS at ${shown} sent a "more" link to another host (${url.host}); not following it with your credentials`);
  return `${url.pathname}${url.search}`;
}

function checkPage(data: unknown, shown: string): { statements: unknown[]; more: string | undefined } {
  const page = data as Partial<StatementsResponse> | null;
  if (!page || typeof page !== 'object' || !Array.isArray(page.statements)) {
    throw new ReportError(`the LRS at ${shown} did not answer with a statement result (is the endpoint the xAPI base, ending in /xAPI or similar?)`);
  }
  const more = typeof page.more === 'string' && page.more !== '' ? page.more : undefined;
  return { statements: page.statements, more };
}

function adapter(shown: string, options: ReadLrsOptions): AdapterFunction {
  const fetchImpl = options.fetch ?? fetch;
  const timeout = options.timeoutMs ?? 60_000;
  const run = async ({ url, method, headers, data }: { url: string; method: string; headers?: Record<string, unknown>; data?: unknown }) => {
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method,
        headers: headers as Record<string, string>,
        ...(data === undefined ? {} : { body: JSON.stringify(data) }),
        signal: AbortSignal.timeout(timeout),
      });
    } catch (error) {
      throw new ReportError(networkMessage(error, shown, timeout));
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new ReportError(httpMessage(response.status, response.statusText, shown));
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      // The headers came, then the connection dropped or stalled in the body.
      const e = error as { name?: string };
      if (e.name === 'TimeoutError' || e.name === 'AbortError') throw new ReportError(`the LRS at ${shown} did not finish sending a page within ${Math.round(timeout / 1000)} s`);
      throw new ReportError(`the connection to the LRS at ${shown} was lost while it sent a page; try again`);
    }
    let body: unknown;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      throw new ReportError(`the LRS at ${shown} answered with something that is not JSON (is the endpoint right?)`);
    }
    return { data: body, headers: Object.fromEntries(response.headers.entries()), status: response.status };
  };
  return run as AdapterFunction;
}

function httpMessage(status: number, statusText: string, shown: string): string {
  const what = `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
  if (status === 401) return `the LRS at ${shown} refused the credentials (${what}); check --user/--password or COURSEPACK_LRS_AUTH`;
  if (status === 403) return `the LRS at ${shown} does not let these credentials read statements (${what}); ask for a key with statement read access`;
  if (status === 404) return `no xAPI statement API at ${shown} (${what}); the endpoint is the LRS's xAPI base, e.g. https://lrs.example.org/xAPI`;
  if (status === 400) return `the LRS at ${shown} rejected the query (${what}); it may not speak xAPI 1.0.3`;
  return `the LRS at ${shown} failed (${what}); try again later`;
}

function networkMessage(error: unknown, shown: string, timeout: number): string {
  const e = error as { name?: string; cause?: { code?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `the LRS at ${shown} did not answer within ${Math.round(timeout / 1000)} s`;
  const code = e.cause?.code;
  if (code === 'ECONNREFUSED') return `cannot reach the LRS at ${shown}: connection refused (is it running, and is the port right?)`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot reach the LRS at ${shown}: the host name does not resolve`;
  if (code && /CERT|SSL|TLS/i.test(code)) return `cannot reach the LRS at ${shown}: its TLS certificate is not trusted (${code})`;
  return `cannot reach the LRS at ${shown}${code ? ` (${code})` : ''}`;
}

function header(headers: Record<string, unknown>, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
