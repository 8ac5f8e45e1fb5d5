/**
 * Short-lived LRS credentials from a district token service (`xapi.tokenUrl`; XAPI.md §6, docs/authoring.md
 * xAPI): a key baked into a package is public, so a district that wants none there runs a service, usually on
 * the LMS's own site, that checks the learner's LMS session and answers with a key for this learner.
 *
 * Request: `POST <tokenUrl>` with JSON `{"actor": …, "registration": "…", "activityId": "<course IRI>"}` and
 * `credentials: 'include'`, so the service sees its site's session cookie. Answer: 200 with JSON
 * `{"auth": "Basic …" | "Bearer …", "expiresAt"?: "<ISO 8601>"}`.
 *
 * The key lives in this page's memory only, never in localStorage: school computers are shared, and the
 * next learner would send as this one. Pure: fetch and the clock are passed in.
 */

/** What is passed to `fetch` for the token (a subset of RequestInit, so tests need no DOM). */
export interface TokenInit {
  readonly method: 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly credentials: 'include';
}

/** `window.fetch` fits; tests pass a fake. The status and the body as text are read. */
export type TokenFetchLike = (url: string, init: TokenInit) => Promise<{ readonly status: number; text(): Promise<string> }>;

export interface TokenSourceOptions {
  readonly url: string;
  /** What the service is told: the statements' actor, the registration and the course IRI. */
  readonly request: { readonly actor: unknown; readonly registration: string; readonly activityId: string };
  readonly fetch: TokenFetchLike;
  /** Date.now in the player. */
  readonly now: () => number;
  /** A key is taken as expired this long before its `expiresAt`: a batch sent just before it would be refused. */
  readonly marginMs?: number;
}

/**
 * `retry`: the service is down or busy (network error, 408, 429, 5xx); `refused`: it said no (no LMS session,
 * 401/403) or answered with what is not a key, which someone must fix: the refusal back-off.
 */
export type TokenResult =
  | { readonly ok: true; readonly auth: string; readonly fresh: boolean }
  | { readonly ok: false; readonly outcome: 'retry' | 'refused'; readonly detail: string };

export interface LrsTokenSource {
  /** The key to send: the one held when still good (`fresh` false), else a new one asked for now. */
  get(): Promise<TokenResult>;
  /** The key held, if it has not expired, without asking (at pagehide there is no time to). */
  current(): string | null;
  /** The LRS refused `auth` (401/403): it is not asked for again. */
  drop(auth: string): void;
}

/**
 * The token source for a resolved configuration: one only when its route is the package's token service (launch
 * parameters come first, and a package without `tokenUrl` never asks anyone for a key).
 */
export function tokenSourceFor(
  config: { readonly tokenUrl: string | null; readonly actor: unknown },
  registration: string,
  activityId: string,
  io: Pick<TokenSourceOptions, 'fetch' | 'now'>,
): LrsTokenSource | undefined {
  if (config.tokenUrl === null) return undefined;
  return createLrsTokenSource({ url: config.tokenUrl, request: { actor: config.actor, registration, activityId }, ...io });
}

/** `Basic` or `Bearer` and a token68 (RFC 7235 §2.1): nothing a header cannot carry. */
const AUTH = /^(Basic|Bearer) [A-Za-z0-9\-._~+/]+=*$/;

export function createLrsTokenSource(options: TokenSourceOptions): LrsTokenSource {
  const marginMs = options.marginMs ?? 30_000;
  let held: { auth: string; expiresAt: number | null } | null = null;

  function current(): string | null {
    if (held === null) return null;
    if (held.expiresAt !== null && options.now() >= held.expiresAt - marginMs) held = null;
    return held?.auth ?? null;
  }

  async function ask(): Promise<TokenResult> {
    let status: number;
    let text: string;
    try {
      const response = await options.fetch(options.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(options.request),
        credentials: 'include',
      });
      status = response.status;
      text = status === 200 ? await response.text() : '';
    } catch (error) {
      return { ok: false, outcome: 'retry', detail: String(error) };
    }
    if (status !== 200) {
      const retry = status === 0 || status === 408 || status === 429 || status >= 500;
      return { ok: false, outcome: retry ? 'retry' : 'refused', detail: `HTTP ${status}` };
    }
    const answer = parse(text);
    if (answer === null) return { ok: false, outcome: 'refused', detail: 'its answer is not JSON with an `auth` of `Basic …` or `Bearer …`' };
    // A key already expired (or within the margin) by this computer's clock as it comes is news about the clock, not
    // the key: a school computer set to the wrong time zone runs hours ahead. Taken at its word, every batch asked for
    // a key of its own and pagehide had none to send with; held instead until the LRS refuses it (a 401 then says).
    const clockAhead = answer.expiresAt !== null && answer.expiresAt - marginMs <= options.now();
    held = clockAhead ? { auth: answer.auth, expiresAt: null } : answer;
    return { ok: true, auth: answer.auth, fresh: true };
  }

  return {
    get() {
      const auth = current();
      return auth === null ? ask() : Promise.resolve({ ok: true, auth, fresh: false });
    },
    current,
    drop(auth) {
      if (held?.auth === auth) held = null;
    },
  };
}

/** The service's answer, or null when it is not one. An `expiresAt` that is no date is taken as none: a 401 then says. */
function parse(text: string): { auth: string; expiresAt: number | null } | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { auth, expiresAt } = value as { auth?: unknown; expiresAt?: unknown };
  if (typeof auth !== 'string' || !AUTH.test(auth.trim())) return null;
  const at = typeof expiresAt === 'string' ? Date.parse(expiresAt) : NaN;
  return { auth: auth.trim(), expiresAt: Number.isNaN(at) ? null : at };
}
