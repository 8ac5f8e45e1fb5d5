/**
 * The thin shell: node:http → routeRequest → node:http. Reads bodies up to a limit (413 past it),
 * answers CORS preflights, logs one line per request, and turns any unexpected error into a 500
 * for that request only: the server keeps running. Credentials are checked before a body is read, so
 * no one without a key can make the server hold megabytes per connection.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Server as NetServer } from 'node:net';
import { optionWords } from '../shared/shell-word.js';
import { answerClientError, trackResponses } from './answer-client-error.js';
import { corsHeaders, isOriginAllowed, preflightHeaders, type CorsOptions } from './apply-cors.js';
import { needOf, parseBasicAuth } from './check-auth.js';
import { storageFailure, storageLogger, STORAGE_RETRY_AFTER_SECONDS } from './explain-storage-error.js';
import { makeAuthenticator } from './manage-keys.js';
import { routeRequest, XAPI_VERSION_HEADER } from './route-request.js';
import type { LrsDeps } from './lrs-deps.js';
import type { LrsResponse } from './lrs-types.js';

/** Refused origins said at most (a scan of the Internet sends any Origin it likes). */
const MAX_NOTED_ORIGINS = 20;

export interface ServeOptions {
  readonly deps: LrsDeps;
  readonly cors: CorsOptions;
  /** Largest request body in bytes (413 above). */
  readonly maxBodyBytes: number;
  /** One line per request; the CLI prints it, tests may collect or drop it. */
  readonly log: (line: string) => void;
  /**
   * What the operator must hear even with the request log off (`--quiet`): storage that refuses to write,
   * an origin the LRS does not answer. Default: `log`.
   */
  readonly warn?: ((line: string) => void) | undefined;
  /** How long close() lets requests under way finish before it closes their connections (default 3 s). */
  readonly closeGraceMs?: number;
}

export interface LrsServer {
  readonly server: Server;
  listen(port: number, host: string): Promise<AddressInfo>;
  /**
   * Takes over a socket already bound (Node's `server.listen(handle)`): the CLI binds the port before it
   * opens the database (src/cli/hold-port.ts). `held` is spent: close this server, not it.
   */
  listen(held: NetServer): Promise<AddressInfo>;
  close(): Promise<void>;
}

class TooLarge extends Error {}
/** Too many bodies being read at once (MAX_BUFFERED_BYTES). */
class Busy extends Error {}

/** The client went away mid-request (a closed tab, a dropped network): nothing to answer, no server fault. */
class ClientGone extends Error {}

/**
 * An alternate-syntax request (Communication §1.3) carries its credentials in its form body, so that
 * body is read before anyone is known: it gets a smaller limit. One of them is an old browser's
 * (XDomainRequest) statements or state, never megabytes.
 */
const MAX_ALTERNATE_BODY = 1 << 20;

/** Connections at once, and how long a request may take to arrive (Node's default is 300 s). */
const MAX_CONNECTIONS = 512;
const REQUEST_TIMEOUT_MS = 120_000;
/**
 * How long a request's headers may take, and how often unfinished ones are looked at (Node: 60 s and 30 s). A
 * client that opened the 512 connections and never finished their headers held each for 90 s, so reopening
 * them once a minute kept every learner out; headers come in one packet from any real client.
 */
const HEADERS_TIMEOUT_MS = 10_000;
const CHECK_INTERVAL_MS = 2_000;
/**
 * Bytes of request bodies held at once, all connections together: 40 connections each sending 10 MB but its
 * last byte held 380 MB. Past it a new body is answered 503 (Retry-After), which players take as "later".
 */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

/** Bytes of bodies being read now, all requests together (MAX_BUFFERED_BYTES). */
let buffered = 0;

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // The client left while its credentials were checked (scrypt runs before any body is read): Node destroyed
    // the request then and, with no listener yet, emitted no error; listeners added now would wait for good,
    // and the request was never logged.
    if (req.destroyed) return reject(new ClientGone());
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new TooLarge());
    if (buffered + Math.max(0, declared) > MAX_BUFFERED_BYTES) return reject(new Busy());
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (): void => {
      if (settled) return;
      settled = true;
      buffered -= size;
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      buffered += chunk.length;
      if (size > limit || buffered > MAX_BUFFERED_BYTES) {
        const busy = size <= limit;
        settle();
        req.removeAllListeners('data');
        req.resume();
        reject(busy ? new Busy() : new TooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      settle();
      resolve(Buffer.concat(chunks));
    });
    req.on('close', settle);
    req.on('error', (error: NodeJS.ErrnoException) => {
      settle();
      reject(error.code === 'ECONNRESET' || error.message === 'aborted' ? new ClientGone() : error);
    });
  });
}

function send(res: ServerResponse, method: string, response: LrsResponse, extra: Record<string, string>): void {
  const body = response.body === undefined ? undefined : Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body);
  const headers: Record<string, string> = { ...extra, ...response.headers };
  if (body) headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  // Communication §1.1: HEAD answers like GET without the body.
  res.end(method === 'HEAD' ? undefined : body);
}

function plainError(status: number, message: string): LrsResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-experience-api-version': XAPI_VERSION_HEADER },
    body: JSON.stringify({ error: true, message }),
  };
}

/**
 * Query parameters whose values are logged: the xAPI resources' own that name no person (ids, verbs,
 * activities, times, paging) and the alternate syntax's `method`. Every other value is left out: `agent`
 * names a learner (an email or a student id, which FERPA protects), and a client can put anything in a
 * query, an `Authorization` or an `actor` too (Communication §1.3 moves headers into the form body, but
 * a client that puts them in the query must not have them written to the log).
 */
const LOGGED_PARAMS = new Set([
  'method', 'statementId', 'voidedStatementId', 'verb', 'activity', 'activityId', 'registration', 'related_activities',
  'related_agents', 'since', 'until', 'limit', 'format', 'attachments', 'ascending', 'stateId', 'profileId', 'cursor',
]);

export function loggedUrl(url: string | undefined): string {
  if (!url) return '-';
  const at = url.indexOf('?');
  if (at < 0) return url;
  const params = new URLSearchParams(url.slice(at + 1));
  const logged = new URLSearchParams();
  for (const [name, value] of params) logged.append(name, LOGGED_PARAMS.has(name) ? value : '-');
  return `${url.slice(0, at)}?${logged.toString()}`;
}

export function createLrsServer(options: ServeOptions): LrsServer {
  const keys = makeAuthenticator(options.deps.store, () => options.deps.ctx.now());
  const warn = options.warn ?? options.log;
  const logStorage = storageLogger(warn);
  // Each origin refused is said once: a package in an LMS the LRS was not told of (--origin) sends nothing,
  // and the browser says why only in the learner's developer tools.
  const refusedOrigins = new Set<string>();
  const noteRefusedOrigin = (origin: string | undefined): void => {
    if (origin === undefined || isOriginAllowed(origin, options.cors) || refusedOrigins.has(origin) || refusedOrigins.size >= MAX_NOTED_ORIGINS) return;
    refusedOrigins.add(origin);
    const shown = JSON.stringify(origin).slice(1, -1);
    warn(origin === 'null'
      ? 'warning: a request from a sandboxed frame (Origin: null) was refused CORS; if a package runs in one, start the LRS with --allow-null-origin'
      : `warning: a request from ${shown} was refused CORS, so a browser there sends nothing; if it is an LMS, start the LRS with ${optionWords('origin', origin)}`);
  };
  const base = `${options.deps.config.basePath}/`;

  /**
   * The refusal routeRequest would give, before the body is read: missing or wrong credentials (401,
   * the same answer in the same shape), or 503 when too many unknown secrets wait for scrypt.
   * Undefined when the request may go on. Alternate-syntax requests are checked after their form.
   */
  async function refuseEarly(method: string, url: URL, headers: Record<string, string | undefined>): Promise<LrsResponse | undefined> {
    if (url.searchParams.has('method')) return undefined;
    const resource = url.pathname.slice(base.length).replace(/^\/+|\/+$/g, '');
    if (needOf(method, resource) === 'none') return undefined;
    const credentials = parseBasicAuth(headers['authorization']);
    const verdict = credentials ? await keys.check(credentials) : 'refused';
    if (verdict === 'ok') return undefined;
    if (verdict === 'busy') {
      const response = plainError(503, 'Too many credentials are being checked; try again shortly');
      return { ...response, headers: { ...response.headers, 'retry-after': '1' } };
    }
    return routeRequest({ method, resource, search: url.searchParams, headers, body: Buffer.alloc(0) }, options.deps, () => undefined).response;
  }

  /** The form's Authorization (any case), else the header's (when it may count), through the throttled check; undefined without one. */
  async function checkFormCredentials(body: Buffer, headers: Record<string, string | undefined>): Promise<'ok' | 'refused' | 'busy' | undefined> {
    let value = headers['authorization'];
    for (const [name, field] of new URLSearchParams(body.toString('utf8'))) if (name.toLowerCase() === 'authorization') value = field;
    const credentials = parseBasicAuth(value);
    return credentials ? keys.check(credentials) : undefined;
  }

  /**
   * One request; resolves to the key to log. `seen` holds the key once its credentials pass, so a request the
   * store then fails (a full disk, SQLITE_BUSY: thrown past routeRequest) is still logged with it: IT reads the
   * log to tell which course's package is affected (one key per course).
   */
  async function handle(req: IncomingMessage, res: ServerResponse, seen: { key: string }): Promise<string> {
    const method = (req.method ?? 'GET').toUpperCase();
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://lrs.invalid');
    } catch {
      // `GET http://[/xAPI/about`: an address no URL parser reads is the client's mistake, not a 500 with a stack.
      req.resume();
      res.setHeader('connection', 'close');
      send(res, method, plainError(400, 'The request address is not a valid URL'), {});
      return '-';
    }
    const origin = req.headers.origin;
    const cors = corsHeaders(origin, options.cors);
    if (method === 'OPTIONS') {
      req.resume();
      noteRefusedOrigin(origin);
      send(res, method, { status: 204 }, preflightHeaders(origin, options.cors));
      return '-';
    }
    if (!url.pathname.startsWith(base)) {
      req.resume();
      send(res, method, plainError(404, `The xAPI endpoint is ${base}`), cors);
      return '-';
    }
    // A browser says where a request comes from. One that changes something, from a site the LRS was not told
    // of (--origin), is refused before any credentials count: a form or a no-cors fetch needs no preflight, and
    // the browser may add Basic credentials it remembers for the LRS (an admin who once looked at it).
    // A page of the LRS's own site (the LMS's host, with /xAPI/ passed on to the LRS by its proxy) is no other site:
    // the browser says so in Sec-Fetch-Site, which no page can set.
    const sameSite = req.headers['sec-fetch-site'] === 'same-origin';
    if (origin !== undefined && method !== 'GET' && method !== 'HEAD' && !sameSite && !isOriginAllowed(origin, options.cors)) {
      req.resume();
      noteRefusedOrigin(origin);
      res.setHeader('connection', 'close');
      send(res, method, plainError(403, 'Requests from this origin are refused; start the LRS with --origin for it'), {});
      return '-';
    }
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    // A form sent with ?method= from a browser page may carry the Basic credentials the browser remembers for the
    // LRS, added by the browser itself: there, only the form's count, unless the page is the LRS's own site or one
    // given by name with --origin (not `*`). A client with no Origin (a server, the conformance suite) is no page.
    if (url.searchParams.has('method') && origin !== undefined && !sameSite && !options.cors.origins.includes(origin.replace(/\/+$/, ''))) {
      delete headers['authorization'];
    }
    const refused = await refuseEarly(method, url, headers);
    if (refused) {
      // The body is never read: the connection closes after the answer instead of draining it.
      res.setHeader('connection', 'close');
      send(res, method, refused, cors);
      return '-';
    }
    const limit = url.searchParams.has('method') ? Math.min(options.maxBodyBytes, MAX_ALTERNATE_BODY) : options.maxBodyBytes;
    let body: Buffer;
    try {
      body = await readBody(req, limit);
    } catch (error) {
      if (error instanceof Busy) {
        res.setHeader('connection', 'close');
        send(res, method, plainError(503, 'The LRS is receiving too much at once; send again later'), { ...cors, 'retry-after': '5' });
        return '-';
      }
      if (!(error instanceof TooLarge)) throw error;
      res.setHeader('connection', 'close');
      send(res, method, plainError(413, `The request body is larger than ${limit} bytes`), cors);
      return '-';
    }
    // Alternate syntax (Communication §1.3) carries its credentials in the form: checked here, off the event
    // loop and throttled like a header's, once the form (at most 1 MiB) is read. Left to routeRequest, a
    // flood of wrong secrets sent this way ran scrypt on the event loop and stalled every learner's request.
    if (url.searchParams.has('method')) {
      const verdict = await checkFormCredentials(body, headers);
      if (verdict === 'busy') {
        const response = plainError(503, 'Too many credentials are being checked; try again shortly');
        send(res, method, { ...response, headers: { ...response.headers, 'retry-after': '1' } }, cors);
        return '-';
      }
    }
    const routed = routeRequest(
      { method, resource: url.pathname.slice(base.length), search: url.searchParams, headers, body },
      options.deps,
      (credentials) => {
        const principal = keys.authenticate(credentials);
        if (principal) seen.key = principal.key;
        return principal;
      },
    );
    send(res, method, routed.response, cors);
    return routed.principal?.key ?? '-';
  }

  const responses = trackResponses();
  const server = createServer({ headersTimeout: HEADERS_TIMEOUT_MS, connectionsCheckingInterval: CHECK_INTERVAL_MS }, (req, res) => {
    const started = performance.now();
    const seen = { key: '-' };
    handle(req, res, seen)
      .catch((error: unknown) => {
        if (error instanceof ClientGone) {
          res.destroy();
          return 'client-gone';
        }
        // The database refusing to write (a full disk): 503, the clients keep their statements.
        const storage = storageFailure(error);
        if (storage) {
          logStorage(storage);
          const response = plainError(503, 'The LRS cannot store statements right now; send them again later');
          if (!res.headersSent) send(res, req.method ?? 'GET', { ...response, headers: { ...response.headers, 'retry-after': String(STORAGE_RETRY_AFTER_SECONDS) } }, corsHeaders(req.headers.origin, options.cors));
          else res.destroy();
          return seen.key;
        }
        // A bug, not a client mistake: answer 500 for this request, log it, keep serving.
        options.log(`error ${(error as Error).stack ?? String(error)}`);
        if (!res.headersSent) send(res, req.method ?? 'GET', plainError(500, 'Internal error; see the LRS log'), {});
        else res.destroy();
        return seen.key;
      })
      .then((key) => {
        const ms = (performance.now() - started).toFixed(1);
        const status = key === 'client-gone' ? 'closed by the client' : String(res.statusCode);
        options.log(`${new Date().toISOString()} ${req.method ?? '-'} ${loggedUrl(req.url)} ${status} ${ms}ms key=${key === 'client-gone' ? '-' : key}`);
      }, () => undefined);
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => responses.add(req.socket, res));
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => answerClientError(error, socket, responses.begun(socket)));
  // Keep-alive sockets would otherwise hold close() open.
  server.keepAliveTimeout = 5000;
  server.maxConnections = MAX_CONNECTIONS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;

  return {
    server,
    listen(port: number | NetServer, host?: string) {
      return new Promise<AddressInfo>((resolve, reject) => {
        const listening = (): void => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        };
        server.once('error', reject);
        if (typeof port === 'number') server.listen(port, host, listening);
        else server.listen(port, listening);
      });
    },
    close() {
      return new Promise((resolve) => {
        // A client halfway through sending a body would hold the server open until it gave up (up to
        // REQUEST_TIMEOUT_MS): requests under way get closeGraceMs, then their connections close.
        const grace = setTimeout(() => server.closeAllConnections(), options.closeGraceMs ?? 3000);
        grace.unref();
        server.close(() => {
          clearTimeout(grace);
          resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}
