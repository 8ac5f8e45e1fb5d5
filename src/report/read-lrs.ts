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
 *
 * A district's history is hundreds of pages, read over minutes from a hosted LRS that rate-limits (429)
 * or sits behind a proxy that answers 502/503/504 while it restarts: a page that fails that way is asked
 * for again, after the wait the LRS names (`Retry-After`, RFC 9110 §10.2.3) or 1, 2, 4, 8 and 16 s, each
 * retry said in one line (`onRetry`). A GET of a page changes nothing, so asking again is safe. Network
 * failures are retried only once the LRS has answered: before that, a refused connection or an unknown
 * host is a wrong address far more often than a blip, and the person should hear so at once.
 */
import { setTimeout as sleepFor } from 'node:timers/promises';
import type xapiModule from '@xapi/xapi';
import type { StatementsResponse } from '@xapi/xapi';
import { XAPI_VERSION } from '../shared/xapi/vocabulary.js';
import { endpointNamesResource } from '../shared/xapi/check-endpoint.js';
import { ReportError } from './report-error.js';

type XapiClass = (typeof xapiModule)['default'];
type AdapterFunction = Extract<ConstructorParameters<XapiClass>[0]['adapter'], (...args: never[]) => unknown>;

/**
 * `@xapi/xapi` loaded when an LRS is first read: it brings axios, which loads Node's http, https, http2,
 * zlib and stream at start-up, a third of a report's start-up when it reads an export file (`--from`) and
 * never talks to an LRS. The package is CommonJS (`module.exports = XAPI`, with a static `default`
 * pointing at itself) and its types declare an ES default export: `.default` is the class under both
 * readings.
 */
async function loadXapi(): Promise<XapiClass> {
  const loaded = (await import('@xapi/xapi')) as unknown as { default: XapiClass & { default?: XapiClass } };
  return loaded.default.default ?? loaded.default;
}

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
  /**
   * Pages in order of `stored`, oldest first (`ascending=true`), so the statements read before a failure
   * are all those stored up to the last one read (an incremental sync keeps them). Always with `storedSince`.
   */
  readonly ascending?: boolean | undefined;
  readonly retry?: RetryOptions | undefined;
  /** The largest page taken, in bytes (default MAX_PAGE_BYTES); a larger one fails the read. */
  readonly maxPageBytes?: number | undefined;
  /**
   * Stops the read between pages or in one (Ctrl-C on a long sync): readLrs then throws `ReadStopped`, and
   * the pages already read are the caller's to keep.
   */
  readonly stop?: AbortSignal | undefined;
}

/** The read was stopped by the caller's `stop` signal; its message says how (`stopped (SIGINT)`). */
export class ReadStopped extends ReportError {}

export interface RetryOptions {
  /** The waits before each new try, in ms; `[]` never retries. Default: 1, 2, 4, 8 and 16 s (six tries in ~31 s). */
  readonly delaysMs?: readonly number[] | undefined;
  /** How to wait (tests wait for nothing); the signal, when given, ends the wait early. */
  readonly sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** A try that failed and is about to be made again, as one sentence (the CLI prints it). */
  readonly onRetry?: ((message: string) => void) | undefined;
}

const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 16_000];

/**
 * The longest wait a `Retry-After` may ask for that the report sits through: past it (an LRS asking for
 * an hour) the person is told when to come back instead of a command that looks hung.
 */
const MAX_RETRY_AFTER_MS = 120_000;

/**
 * Answers that say "not now" rather than "no": Request Timeout, Too Many Requests, and a server or its
 * proxy failing or restarting (RFC 9110 §15.5.9, §15.6; RFC 6585 §4).
 */
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

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
  if (url.username || url.password) throw new ReportError('put LRS credentials in --user/--password or COURSEPACK_REPORT_AUTH, not in the URL');
  // `--lrs https://lrs.example.org/xapi/statements` asked for …/statements/statements: the LRS's 404 said nothing of why.
  const resource = endpointNamesResource(endpoint);
  if (resource) throw new ReportError(`the LRS endpoint names its \`${resource.resource}\` resource; give the address without it: ${redactUrl(resource.base)}`);
  return url;
}

/**
 * The largest page read, in bytes: 500 statements are a few MB. A page past ~512 MB cannot become a string
 * (V8's limit), and fetch's error for that was taken for a dropped connection and the page asked for six
 * times; one of a few hundred MB parses into gigabytes. An endpoint sending that much is pointed at something
 * else, or pages far too large.
 */
const MAX_PAGE_BYTES = 256 * 1024 * 1024;

/** Empty pages in a row, each with a `more` link, that the report follows before giving up. */
const MAX_EMPTY_PAGES = 100;

export async function readLrs(source: LrsSource, options: ReadLrsOptions, onStatement: (statement: unknown) => void): Promise<ReadLrsResult> {
  const base = checkEndpoint(source.endpoint);
  const shown = redactUrl(source.endpoint);
  const reading: Reading = { page: 1, answered: false, more: undefined };
  const XAPI = await loadXapi();
  const xapi = new XAPI({ endpoint: source.endpoint, auth: source.auth, version: XAPI_VERSION, adapter: adapter(shown, options, reading) });
  let response: { data: unknown; headers: Record<string, unknown> } = await xapi.getStatements({
    activity: options.activity,
    related_activities: true,
    limit: options.limit ?? 500,
    ...(options.storedSince !== undefined ? { since: options.storedSince } : {}),
    ...(options.ascending === true || options.storedSince !== undefined ? { ascending: true } : {}),
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
    reading.page = pages + 1;
    reading.more = next;
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

/** A try that failed: the sentence to give up with, and whether (and after how long) to try again. */
class TryFailure extends Error {
  constructor(
    message: string,
    /** What went wrong, for the retry line: `HTTP 503 Service Unavailable`, `the connection was lost`. */
    readonly what: string,
    readonly retry: 'always' | 'once-answered' | 'never',
    /** The wait the LRS asked for (`Retry-After`), in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Where the read is: the page asked for, whether the LRS answered yet, and the `more` path that page came from. */
interface Reading {
  page: number;
  answered: boolean;
  more: string | undefined;
}

function adapter(shown: string, options: ReadLrsOptions, reading: Reading): AdapterFunction {
  const fetchImpl = options.fetch ?? fetch;
  const timeout = options.timeoutMs ?? 60_000;
  const maxPageBytes = options.maxPageBytes ?? MAX_PAGE_BYTES;
  const delays = options.retry?.delaysMs ?? RETRY_DELAYS_MS;
  // The timer goes with the stop signal: a stopped read must not hold the process for a wait of minutes.
  const sleep = options.retry?.sleep ?? ((ms: number, signal?: AbortSignal) => sleepFor(ms, undefined, { signal }).catch(() => undefined));
  const stop = options.stop;
  const stopped = (): ReadStopped => new ReadStopped(`stopped (${String(stop?.reason ?? 'stop')})`);
  const once = async ({ url, method, headers, data }: { url: string; method: string; headers?: Record<string, unknown>; data?: unknown }) => {
    if (stop?.aborted) throw stopped();
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method,
        headers: headers as Record<string, string>,
        ...(data === undefined ? {} : { body: JSON.stringify(data) }),
        signal: withStop(AbortSignal.timeout(timeout), stop),
      });
    } catch (error) {
      if (stop?.aborted) throw stopped();
      const failure = networkFailure(error, shown, timeout);
      throw new TryFailure(failure.message, failure.what, failure.retry ? 'once-answered' : 'never');
    }
    // fetch follows redirects, and drops the credentials on the way to another origin (https:// for http://
    // is one): that LRS's 401 then said "check --user/--password" of credentials that were right.
    if (response.redirected && new URL(response.url).origin !== new URL(url).origin) {
      await response.body?.cancel().catch(() => undefined);
      const moved = endpointNamesResource(response.url)?.base.replace(/\/+$/, '') ?? redactUrl(response.url);
      throw new TryFailure(`the LRS at ${shown} sends its requests on to ${moved}, another address, where the credentials are not sent; if the LRS is there, give that address`, 'a redirect to another address', 'never');
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      const what = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
      const retryAfter = RETRY_STATUSES.has(response.status) ? retryAfterMs(response.headers.get('retry-after'), Date.now()) : undefined;
      if (retryAfter !== undefined && retryAfter > MAX_RETRY_AFTER_MS) {
        throw new TryFailure(`the LRS at ${shown} is busy (${what}) and asks to be read again in ${Math.ceil(retryAfter / 60_000)} min (Retry-After); run the report again then`, what, 'never');
      }
      throw new TryFailure(httpMessage(response.status, response.statusText, shown, reading.more), what, RETRY_STATUSES.has(response.status) ? 'always' : 'never', retryAfter);
    }
    let text: string | undefined;
    try {
      text = await readText(response, maxPageBytes);
    } catch (error) {
      if (stop?.aborted) throw stopped();
      // The headers came, then the connection dropped or stalled in the body.
      const e = error as { name?: string };
      if (e.name === 'TimeoutError' || e.name === 'AbortError') {
        throw new TryFailure(`the LRS at ${shown} did not finish sending a page within ${Math.round(timeout / 1000)} s`, 'the page stopped coming', 'once-answered');
      }
      throw new TryFailure(`the connection to the LRS at ${shown} was lost while it sent a page; try again`, 'the connection was lost', 'always');
    }
    if (text === undefined) {
      throw new TryFailure(`the LRS at ${shown} sent a page of more than ${Math.round(maxPageBytes / 2 ** 20)} MB; ask for fewer statements a page (--page-size)`, 'a page too large', 'never');
    }
    let body: unknown;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      throw new ReportError(`the LRS at ${shown} answered with something that is not JSON (is the endpoint right?)`);
    }
    reading.answered = true;
    return { data: body, headers: Object.fromEntries(response.headers.entries()), status: response.status };
  };
  const run = async (request: Parameters<typeof once>[0]) => {
    let waited = 0;
    for (let tried = 1; ; tried++) {
      try {
        return await once(request);
      } catch (error) {
        if (!(error instanceof TryFailure)) throw error;
        const retry = error.retry === 'always' || (error.retry === 'once-answered' && reading.answered);
        const wait = error.retryAfterMs ?? delays[tried - 1];
        if (!retry || wait === undefined || tried > delays.length) {
          throw new ReportError(tried > 1 ? `${error.message} (after ${tried} tries over ${seconds(waited)})` : error.message);
        }
        options.retry?.onRetry?.(`page ${reading.page} from the LRS at ${shown}: ${error.what}; trying again in ${seconds(wait)} (try ${tried + 1} of ${delays.length + 1})`);
        await pause(wait, sleep, stop);
        if (stop?.aborted) throw stopped();
        waited += wait;
      }
    }
  };
  return run as AdapterFunction;
}

/**
 * The body as text (a BOM dropped, as `response.text()` does), or undefined once it passes `max` bytes, declared
 * or counted (a chunked body declares nothing): the rest is not read. A dropped or stalled body throws as
 * `response.text()` does.
 */
async function readText(response: Response, max: number): Promise<string | undefined> {
  if (!response.body) return '';
  if (Number(response.headers.get('content-length')) > max) {
    await response.body.cancel().catch(() => undefined);
    return undefined;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks, size));
}

/**
 * The request's timeout, and the stop signal too where Node can join them (AbortSignal.any, Node 20.3+;
 * before that a stop is seen between requests only).
 */
function withStop(timeout: AbortSignal, stop: AbortSignal | undefined): AbortSignal {
  return stop && typeof AbortSignal.any === 'function' ? AbortSignal.any([timeout, stop]) : timeout;
}

/** The wait before a retry, cut short by the stop signal (its listener taken off either way). */
async function pause(ms: number, sleep: (ms: number, signal?: AbortSignal) => Promise<void>, stop: AbortSignal | undefined): Promise<void> {
  if (!stop) return sleep(ms);
  if (stop.aborted) return;
  let onAbort = (): void => undefined;
  const aborted = new Promise<void>((resolve) => {
    onAbort = resolve;
    stop.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([sleep(ms, stop), aborted]);
  } finally {
    stop.removeEventListener('abort', onAbort);
  }
}

/** A wait as a person reads it: `2 s`, `0.5 s`. */
function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/**
 * `Retry-After` (RFC 9110 §10.2.3): a number of seconds or an HTTP date, as ms from `now`; undefined when
 * absent or unreadable (the default waits apply).
 */
function retryAfterMs(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** `more`: the path of the next-page link being followed, when it is one (a 404 there is not a wrong endpoint). */
function httpMessage(status: number, statusText: string, shown: string, more?: string): string {
  const what = `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
  // The first page came from the endpoint, so "no xAPI statement API there" sent people to check an address that
  // worked. An LRS behind a proxy that serves it under another path, not told so, sends `more` past the proxy.
  if (status === 404 && more !== undefined) {
    return `the LRS at ${shown} sent a link to its next page (more), ${more.split('?')[0] ?? ''}, that leads nowhere (${what}); an LRS behind a reverse proxy that serves it under another path must be told the address it is reached at (coursepack lrs: --public-url)`;
  }
  if (status === 401) return `the LRS at ${shown} refused the credentials (${what}); check --user/--password or COURSEPACK_REPORT_AUTH`;
  if (status === 403) return `the LRS at ${shown} does not let these credentials read statements (${what}); ask for a key with statement read access`;
  if (status === 404) return `no xAPI statement API at ${shown} (${what}); the endpoint is the LRS's xAPI base, e.g. https://lrs.example.org/xAPI`;
  if (status === 400) return `the LRS at ${shown} rejected the query (${what}); it may not speak xAPI 1.0.3`;
  return `the LRS at ${shown} failed (${what}); try again later`;
}

/**
 * A request that got no answer, as one sentence, and whether it may be a blip (asked again once the LRS
 * has answered before): never a TLS certificate the machine does not trust.
 */
function networkFailure(error: unknown, shown: string, timeout: number): { message: string; what: string; retry: boolean } {
  const e = error as { name?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return { message: `the LRS at ${shown} did not answer within ${Math.round(timeout / 1000)} s`, what: `no answer within ${Math.round(timeout / 1000)} s`, retry: true };
  const code = e.cause?.code;
  // undici's word for more than 20 redirects (it gives no code): the LRS answered, so "cannot reach" misled.
  if (e.cause?.message === 'redirect count exceeded') return { message: `the LRS at ${shown} sends its requests on from address to address without end (redirects); check the address`, what: 'redirects without end', retry: false };
  if (code === 'ECONNREFUSED') return { message: `cannot reach the LRS at ${shown}: connection refused (is it running, and is the port right?)`, what: 'connection refused', retry: true };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { message: `cannot reach the LRS at ${shown}: the host name does not resolve`, what: 'a host name that did not resolve', retry: true };
  if (code && /CERT|SSL|TLS/i.test(code)) return { message: `cannot reach the LRS at ${shown}: its TLS certificate is not trusted (${code})`, what: code, retry: false };
  return { message: `cannot reach the LRS at ${shown}${code ? ` (${code})` : ''}`, what: code ? `a network error (${code})` : 'a network error', retry: true };
}

function header(headers: Record<string, unknown>, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
