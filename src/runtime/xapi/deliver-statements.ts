/**
 * Sends queued statements to the LRS (XAPI.md §7; issue 9 point 6) without ever getting in the
 * way of the course: every public method returns at once and never throws; an LRS that is down,
 * slow, 401/5xx or without CORS costs at most one console warning per failure streak.
 *
 * - Batches: statements wait `batchDelayMs` (answers, progress and results come in bursts), then
 *   go as one array POST to `<endpoint>/statements`; one request at a time.
 * - Exactly once: a statement leaves the queue only after a 2xx. Whatever was sent but not
 *   confirmed (page closed, timeout) is sent again later under the same id, and the LRS keeps one
 *   (Communication §2.1.2: the same id with the same content is not a new statement).
 * - Retries: network errors, timeouts, 408, 429 and 5xx back off exponentially from `retryBaseMs`;
 *   401, 403 and other refusals (a key or endpoint that someone must fix) from `refusedBaseMs`.
 *   Jitter (the injected `random`) spreads a classroom of learners after an outage. When the browser
 *   says it is back online (`retryNow`), what waits goes at once: after a few minutes of school Wi-Fi
 *   gone the back-off is minutes long, and a learner who closes the course in them leaves all but the
 *   keepalive budget's worth for a next launch that may never come (a finished course). A
 *   `Retry-After` in seconds on a refusal (the embedded LRS's 503 when its disk is full or it is busy,
 *   a rate limit's 429: RFC 9110 §10.2.3) is the least wait before the next try (at most `refusedMaxMs`):
 *   a classroom retrying every few seconds into a full LRS only made it busier.
 * - A 400, 409 or 413 for a batch names no statement, so the batch is bisected: its first half goes,
 *   then its second, each halved again only if it too is refused. A 400 or 413 for a single statement
 *   drops it with a warning (one bad statement never blocks the queue), and batches of `maxBatch`
 *   resume: it is most often the one bad statement. A 409 bisects the whole batch before they resume:
 *   statements an LRS already holds come in runs (a batch sent again after its answer was lost), and
 *   going back to full size after each one had 18 statements take up to 77 requests.
 * - A 409 for a single statement is a delivery, not a refusal: an LRS may answer 409 to a POST holding
 *   an id it already stores, and MUST NOT change what it stores (Communication §2.1.3), so the
 *   statement is there, sent before by a page that closed or timed out before the answer. It leaves the
 *   queue as a 2xx would, with one console line per page the first time (not one per statement: a
 *   launch after a lost answer met a whole batch of them, each "refused … dropped").
 * - `flushOnHide` (pagehide / visibilitychange): what fits in the keepalive budget goes out with
 *   `fetch(…, {keepalive: true})`, the only request that may outlive the page (sync XHR is blocked
 *   at unload, sendBeacon cannot send Authorization; XAPI.md §7). Browsers allow 64 KiB of
 *   keepalive bodies in flight per page, so the default budget keeps 4 KiB of room for others.
 *   The statements stay queued until a 2xx arrives; if the page dies first, the next launch sends
 *   them again; if it lives and no answer comes within `requestTimeoutMs`, they go the ordinary way.
 *   Those of the ordinary batch still in flight go in a request of their own, after the others: that batch
 *   has often reached the LRS, and a 409 for it must not take the exit's statements down with it.
 * - With a token service (`token`, fetch-lrs-token.ts) each request carries the key it gave, asked for before the
 *   first batch and again once it has expired. A 401 or 403 for a key held from before (revoked, or expired early)
 *   drops it and the batch goes again at once with a new one; a new key refused too is a refusal like any other,
 *   on its back-off, so a service that keeps giving keys the LRS refuses costs two requests of each per step, never
 *   a loop. A service that is down or says no is a failure of the batch: its statements stay queued and go on the
 *   same back-off. At pagehide only a key still held goes with keepalive (there is no time to ask for one): without
 *   one, the statements wait for the next launch.
 */
import { XAPI_VERSION } from '../../shared/xapi/vocabulary.js';
import type { XapiStatement } from '../../shared/xapi/statement-types.js';
import type { LrsTokenSource } from './fetch-lrs-token.js';
import { createStatementQueue, type ItemStorage, type StatementQueue } from './statement-queue.js';

/** What the sender passes to `fetch` (a subset of RequestInit, so tests need no DOM). */
export interface PostInit {
  readonly method: 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly credentials: 'omit';
  readonly keepalive: boolean;
}

/** `window.fetch` fits; tests pass a fake. Only the status and `Retry-After` are read. */
export type FetchLike = (url: string, init: PostInit) => Promise<{
  readonly status: number;
  readonly headers?: { get(name: string): string | null };
}>;

/** What the sender reads of an answer. */
interface Answer {
  readonly status: number;
  /** `Retry-After` in ms, or null when absent or not a number of seconds. */
  readonly retryAfterMs: number | null;
}

export interface DeliveryTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface DeliveryOptions {
  /** LRS endpoint (from resolveXapiConfig). */
  readonly endpoint: string;
  /** Whole Authorization header value, or null to send none (or to send the token service's). */
  readonly auth: string | null;
  /** The token service's keys, in place of `auth` (`xapi.tokenUrl`); absent: none is asked for. */
  readonly token?: LrsTokenSource;
  readonly storage: ItemStorage | null;
  /** Queue key in storage, per learner and course. */
  readonly storageKey: string;
  /** See `QueueOptions.route`. */
  readonly route?: string;
  readonly fetch: FetchLike;
  readonly timers: DeliveryTimers;
  /** Math.random in the player; fixed in tests. */
  readonly random: () => number;
  /** console.warn in the player. */
  readonly warn: (message: string) => void;
  readonly batchDelayMs?: number;
  readonly maxBatch?: number;
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  readonly refusedBaseMs?: number;
  readonly refusedMaxMs?: number;
  /** A request without an answer after this long counts as failed (its statements stay queued). */
  readonly requestTimeoutMs?: number;
  /** Bytes of keepalive bodies in flight at most (browsers: 64 KiB per page). */
  readonly keepaliveBudget?: number;
  readonly maxQueued?: number;
}

export interface StatementDelivery {
  /** Queues a statement (ignored when its id is already queued) and schedules a batch. */
  send(statement: XapiStatement): void;
  /** The same for several at once (one read of the queue: Submit answers sends one per question). */
  sendAll(statements: readonly XapiStatement[]): void;
  /** Sends what earlier sessions left in the queue, now. */
  flushOnLaunch(): void;
  /** The network is back (the `online` event): what waits on a back-off goes now. */
  retryNow(): void;
  /** The page is being hidden or closed: send what fits with keepalive. */
  flushOnHide(): void;
  /** Statements not yet confirmed (those `of` takes, when given). */
  queued(of?: (statement: XapiStatement) => boolean): number;
  /** Of those, the ones in this page's memory only (storage missing, blocked or full): lost if it closes. */
  unkept(of?: (statement: XapiStatement) => boolean): number;
}

/** Bytes a browser counts for a keepalive body: 65,536 less room for other keepalive requests of the page. */
export const KEEPALIVE_BUDGET = 61_440;

/**
 * `conflict`: a 409, the LRS already holds a statement of the batch (one of them, when it is a single).
 * `renew`: a token service's key held from before was refused; the batch goes again with a new one.
 */
type Outcome = 'ok' | 'rejected' | 'conflict' | 'refused' | 'retry' | 'renew';

/** Who did not take a batch: the LRS, or the token service before it was sent. */
type Failed = 'lrs' | 'token';

export function createStatementDelivery(options: DeliveryOptions): StatementDelivery {
  const queue: StatementQueue = createStatementQueue({
    storage: options.storage, key: options.storageKey, warn: options.warn,
    ...(options.route === undefined ? {} : { route: options.route }),
    ...(options.maxQueued === undefined ? {} : { maxStatements: options.maxQueued }),
  });
  const url = `${options.endpoint.replace(/\/+$/, '')}/statements`;
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'X-Experience-API-Version': XAPI_VERSION,
  };
  const batchDelayMs = options.batchDelayMs ?? 1000;
  const maxBatch = options.maxBatch ?? 50;
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const keepaliveBudget = options.keepaliveBudget ?? KEEPALIVE_BUDGET;

  let timer: unknown = null;
  let inFlight = false;
  let request = 0;
  let failures = 0;
  let warned = false;
  /**
   * While bisecting a refused batch: the sizes of the next batches, taken from the queue's front in order
   * (a refused batch's place is taken by its two halves). Empty: batches of `maxBatch`.
   */
  let segments: number[] = [];
  let toldStored = false;
  const keepalive = { ids: new Set<string>(), bytes: 0 };
  /** The ids of the ordinary batch in flight (none while `inFlight` is false). */
  let sending = new Set<string>();

  function safely(what: string, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      options.warn(`coursepack xAPI: ${what} failed (${String(error)})`);
    }
  }

  function schedule(ms: number): void {
    if (timer !== null || inFlight) return;
    timer = options.timers.setTimeout(() => {
      timer = null;
      safely('sending statements', pump);
    }, ms);
  }

  function sendNow(): void {
    if (timer !== null) options.timers.clearTimeout(timer);
    timer = null;
    pump();
  }

  function pump(): void {
    if (inFlight) return;
    const batch = queue.peek().filter((s) => !keepalive.ids.has(s.id)).slice(0, segments[0] ?? maxBatch);
    if (batch.length === 0) {
      segments = [];
      return;
    }
    const body = JSON.stringify(batch);
    inFlight = true;
    sending = new Set(batch.map((s) => s.id));
    const mine = ++request;
    /** Whom the request waits on: the time limit covers asking the token service for a key, then the LRS. */
    let waitingOn: Failed = options.token ? 'token' : 'lrs';
    const timeout = options.timers.setTimeout(() => finish(mine, batch, 'retry', 'no answer', null, waitingOn), requestTimeoutMs);
    const settle = (outcome: Outcome, detail: string, retryAfterMs: number | null = null, failed: Failed = 'lrs'): void => {
      options.timers.clearTimeout(timeout);
      finish(mine, batch, outcome, detail, retryAfterMs, failed);
    };
    authorize().then((key) => {
      if (!key.ok) {
        settle(key.outcome, key.detail, null, 'token');
        return undefined;
      }
      // A key that came after the request was given up on (a slow service): its batch is the retry's now, which the
      // key held goes with. Posted here as well, it went twice at once, one request beside another.
      if (mine !== request || !inFlight) return undefined;
      waitingOn = 'lrs';
      return post(body, false, key.auth).then((answer) => {
        let outcome = classify(answer.status);
        if (options.token && key.auth !== null && (answer.status === 401 || answer.status === 403)) {
          options.token.drop(key.auth);
          if (!key.fresh) outcome = 'renew';
        }
        settle(outcome, `HTTP ${answer.status}`, answer.retryAfterMs);
      });
    }).catch((error: unknown) => settle('retry', String(error)));
  }

  /** The key for the next request: the package's (or none), else the token service's. */
  function authorize(): Promise<{ ok: true; auth: string | null; fresh: boolean } | { ok: false; outcome: 'retry' | 'refused'; detail: string }> {
    if (!options.token) return Promise.resolve({ ok: true, auth: options.auth, fresh: true });
    try {
      return options.token.get();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  function finish(mine: number, batch: readonly XapiStatement[], outcome: Outcome, detail: string, retryAfterMs: number | null = null, failed: Failed = 'lrs'): void {
    if (mine !== request || !inFlight) return; // a late answer to a request given up on: it will be sent again
    inFlight = false;
    sending = new Set();
    safely('handling the LRS answer', () => {
      const id = batch[0]?.id ?? '';
      const stored = outcome === 'conflict' && batch.length === 1;
      if (outcome === 'ok' || stored) {
        queue.remove(batch.map((s) => s.id));
        segments.shift();
        failures = 0;
        warned = false;
        if (stored && !toldStored) {
          toldStored = true;
          options.warn(`coursepack xAPI: the LRS already had statement ${id} (HTTP 409: sent before, its answer lost); taken as delivered`);
        }
        sendNow();
      } else if (outcome === 'rejected' || outcome === 'conflict') {
        if (batch.length > 1) {
          segments.splice(0, 1, Math.ceil(batch.length / 2), Math.floor(batch.length / 2));
        } else {
          queue.remove([id]);
          // A 400 or 413 is most often one malformed or oversized statement: with it gone, the rest goes whole again.
          // A 409 bisects to the end, as stored statements come in runs (a whole batch whose answer was lost).
          segments = [];
          options.warn(`coursepack xAPI: the LRS refused statement ${id} (${detail}); dropped it`);
        }
        sendNow();
      } else if (outcome === 'renew') {
        sendNow();
      } else {
        failures++;
        if (!warned) {
          warned = true;
          options.warn(failed === 'token'
            ? `coursepack xAPI: the LRS token service gave no key (${detail}); ${batch.length} statement(s) stay queued and will be retried`
            : `coursepack xAPI: the LRS did not take ${batch.length} statement(s) (${detail}); they stay queued and will be retried`);
        }
        const refusedMax = options.refusedMaxMs ?? 1_800_000;
        schedule(Math.max(backoff(outcome === 'refused'), Math.min(retryAfterMs ?? 0, refusedMax)));
      }
    });
  }

  function backoff(refused: boolean): number {
    const base = refused ? options.refusedBaseMs ?? 60_000 : options.retryBaseMs ?? 2_000;
    const max = refused ? options.refusedMaxMs ?? 1_800_000 : options.retryMaxMs ?? 300_000;
    const delay = Math.min(max, base * 2 ** Math.min(failures - 1, 20));
    // "Equal jitter": between half and all of the delay, so retries never come faster than half of it.
    return Math.round(delay / 2 + (delay / 2) * Math.min(1, Math.max(0, options.random())));
  }

  function post(body: string, keepaliveFlag: boolean, auth: string | null): Promise<Answer> {
    try {
      const sent = auth === null ? headers : { ...headers, Authorization: auth };
      return options.fetch(url, { method: 'POST', headers: sent, body, credentials: 'omit', keepalive: keepaliveFlag })
        .then((response) => ({ status: response.status, retryAfterMs: retryAfter(response.headers?.get('Retry-After') ?? null) }));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  function flushOnHide(): void {
    const waiting = queue.peek().filter((s) => !keepalive.ids.has(s.id));
    // The batch in flight has often reached the LRS already, its answer not back: an LRS answering 409 to a batch that
    // holds one id it stores (ADL_LRS does, even for identical content) refused a keepalive request holding it whole,
    // the exit's statements with it, and with the page gone no bisection follows. So the others go first, on their
    // own; that batch, again, in a request of its own, with what room is left.
    sendKeepalive(waiting.filter((s) => !sending.has(s.id)));
    sendKeepalive(waiting.filter((s) => sending.has(s.id)));
  }

  function sendKeepalive(candidates: readonly XapiStatement[]): void {
    const auth = options.token ? options.token.current() : options.auth;
    if (options.token && auth === null) return;
    const chosen: XapiStatement[] = [];
    let bytes = 2; // [ ]
    for (const statement of candidates) {
      const size = utf8Length(JSON.stringify(statement)) + (chosen.length > 0 ? 1 : 0);
      if (keepalive.bytes + bytes + size > keepaliveBudget) continue; // a smaller one later may still fit
      chosen.push(statement);
      bytes += size;
    }
    if (chosen.length === 0) return;
    const ids = chosen.map((s) => s.id);
    for (const id of ids) keepalive.ids.add(id);
    keepalive.bytes += bytes;
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      for (const id of ids) keepalive.ids.delete(id);
    };
    // A keepalive request without an answer (a stalled LRS or proxy: fetch has no time limit) held its statements
    // out of every later batch for as long as the page lived, as `requestTimeoutMs` does for the others: after
    // it they go the ordinary way again. Its bytes stay counted until it ends: the browser still counts them.
    const timeout = options.timers.setTimeout(() => {
      release();
      safely('sending statements', () => schedule(batchDelayMs));
    }, requestTimeoutMs);
    const settle = (status: number | null): void => {
      options.timers.clearTimeout(timeout);
      release();
      keepalive.bytes -= bytes;
      safely('handling the LRS answer', () => {
        const outcome = status === null ? null : classify(status);
        // A single statement answered 409 is stored, as in `finish`; a batch goes the ordinary way to be bisected.
        if (outcome === 'ok' || (outcome === 'conflict' && ids.length === 1)) queue.remove(ids);
        // Still here (the page was only hidden): anything left goes the ordinary way.
        else schedule(batchDelayMs);
      });
    };
    post(JSON.stringify(chosen), true, auth).then((answer) => {
      if (options.token && auth !== null && (answer.status === 401 || answer.status === 403)) options.token.drop(auth);
      settle(answer.status);
    }, () => settle(null));
  }

  return {
    send(statement) {
      safely('queueing a statement', () => {
        queue.add(statement);
        schedule(batchDelayMs);
      });
    },
    sendAll(statements) {
      if (statements.length === 0) return;
      safely('queueing statements', () => {
        queue.addAll(statements);
        schedule(batchDelayMs);
      });
    },
    flushOnLaunch() {
      safely('sending queued statements', sendNow);
    },
    retryNow() {
      // Only a back-off is cut short: a batch still gathering (`batchDelayMs`) or a request under way is left be.
      if (failures > 0) safely('sending queued statements', sendNow);
    },
    flushOnHide() {
      safely('sending statements at pagehide', flushOnHide);
    },
    queued(of) {
      try {
        return queue.size(of);
      } catch {
        return 0;
      }
    },
    unkept(of) {
      return queue.inMemory(of);
    },
  };
}

function classify(status: number): Outcome {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 409) return 'conflict';
  if (status === 400 || status === 413) return 'rejected';
  if (status === 408 || status === 429 || status >= 500 || status === 0) return 'retry';
  return 'refused';
}

/**
 * `Retry-After` as delay-seconds (RFC 9110 §10.2.3), in ms; null for none. The HTTP-date form is not read
 * (it would need the clock, and LRSs and rate limiters send seconds): the back-off alone decides then.
 */
function retryAfter(value: string | null): number | null {
  return value !== null && /^\s*\d{1,9}\s*$/.test(value) ? Number(value) * 1000 : null;
}

/** UTF-8 length of a string (what the keepalive budget counts), without TextEncoder. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
