/**
 * An embedded LRS without sockets for rule tests: an in-memory SQLite store (or a file), a fixed clock that
 * ticks a second per call, counted UUIDs, and three keys (`w`, `r`, `a` for write, read, admin)
 * checked from a table instead of scrypt.
 */
import { makeDeps, openSqliteStore, routeRequest, type LrsDeps, type Scope } from '../../src/lrs/index.js';

type Json = Record<string, any>;

export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  readonly json: any;
}

export interface CallOptions {
  readonly params?: Record<string, string>;
  readonly headers?: Record<string, string | undefined>;
  readonly body?: unknown;
  /** Key scope to send as, or 'none' for no Authorization header. */
  readonly as?: Scope | 'none';
}

/** `file`: a database on disk instead of in memory, for tests of what the file itself holds. */
export function makeLrs(config: Parameters<typeof makeDeps>[2] = {}, file = ':memory:'): { deps: LrsDeps; call: (method: string, resource: string, options?: CallOptions) => Answer; close(): void } {
  const store = openSqliteStore(file);
  let tick = Date.UTC(2026, 0, 1);
  let n = 0;
  const deps = makeDeps(
    store,
    { now: () => new Date((tick += 1000)), uuid: () => `00000000-0000-4000-8000-${String((n += 1)).padStart(12, '0')}` },
    config,
  );
  const keys: Record<string, Scope> = { w: 'write', r: 'read', a: 'admin' };
  const call = (method: string, resource: string, options: CallOptions = {}): Answer => {
    const as = options.as ?? 'admin';
    const key = as === 'none' ? undefined : as[0];
    const body =
      options.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(options.body) ? options.body : Buffer.from(typeof options.body === 'string' ? options.body : JSON.stringify(options.body));
    const headers: Record<string, string | undefined> = {
      'x-experience-api-version': '1.0.3',
      'content-type': 'application/json',
      ...(key ? { authorization: `Basic ${Buffer.from(`${key}:secret`).toString('base64')}` } : {}),
      ...options.headers,
    };
    const { response } = routeRequest(
      { method, resource, search: new URLSearchParams(options.params ?? {}), headers, body },
      deps,
      ({ key: k, secret }) => (secret === 'secret' && keys[k] ? { key: k, scope: keys[k] as Scope } : undefined),
    );
    const text = response.body === undefined ? '' : response.body.toString();
    let json: Json | undefined;
    try {
      json = text ? (JSON.parse(text) as Json) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers ?? {}, text, json };
  };
  return { deps, call, close: () => store.close() };
}

export function statement(overrides: Json = {}): Json {
  return {
    actor: { objectType: 'Agent', mbox: 'mailto:learner@example.org' },
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } },
    object: { objectType: 'Activity', id: 'https://coursepack.invalid/courses/c1' },
    ...overrides,
  };
}
