/**
 * The shapes the xAPI rules work on, apart from node:http: a request already decoded (alternate
 * request syntax undone, query parsed, header names lower-case) and a response still to be written.
 * Handlers take and return these, so every rule can be tested without a socket.
 */

/** Key scopes (issue 10): `write` stores statements and reads nothing; `read` reads everything; `admin` does all. */
export const SCOPES = ['write', 'read', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** Who sent a request, once its credentials are checked. */
export interface Principal {
  readonly key: string;
  readonly scope: Scope;
}

export interface LrsRequest {
  /** Upper-case; for the alternate request syntax, the method named by `?method=` (Communication §1.3). */
  readonly method: string;
  /** The path below the xAPI root, without slashes at either end: `statements`, `activities/state`, … */
  readonly resource: string;
  /** Query (or alternate-syntax form) parameters; a repeated name is an error found while decoding. */
  readonly params: ReadonlyMap<string, string>;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer;
}

export interface LrsResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

/** A request the LRS refuses: the HTTP layer turns it into `status` and a JSON `{ error, message }`. */
export class LrsError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 412 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = 'LrsError';
  }
}

export function badRequest(message: string): LrsError {
  return new LrsError(400, message);
}

/** Clock and id source passed in, so rules stay deterministic in tests (STYLE.md §2). */
export interface LrsContext {
  now(): Date;
  uuid(): string;
}

export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): LrsResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(value) };
}
