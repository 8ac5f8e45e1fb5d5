/**
 * Keys: created with a random id and secret, the secret shown once and stored only as an scrypt
 * hash; listed without secrets; revoked (kept, marked, never reused) so the authority of statements
 * already stored still names a known key. A key may be made to expire (a token service's key for one
 * learner): past that instant it is refused as a revoked one is, and kept and listed the same way.
 */
import { hashSecret, newCredentials, quickDigest, verifySecret, verifySecretAsync } from './hash-secret.js';
import type { BasicCredentials } from './check-auth.js';
import type { KeyRecord, LrsStore } from './store.js';
import type { Principal, Scope } from './lrs-types.js';
import type { Authenticate } from './route-request.js';

export interface NewKey {
  readonly key: string;
  readonly secret: string;
  readonly scope: Scope;
  /** When it stops working, or null for never. */
  readonly expires: string | null;
}

/** A new key; with `lifetimeMs`, one that stops working that long after `now`. */
export function addKey(store: LrsStore, scope: Scope, now: Date, lifetimeMs?: number): NewKey {
  const { key, secret } = newCredentials();
  const expires = lifetimeMs === undefined ? null : new Date(now.getTime() + lifetimeMs).toISOString();
  store.addKey({ key, secretHash: hashSecret(secret), scope, created: now.toISOString(), revoked: null, expires });
  return { key, secret, scope, expires };
}

export interface KeyListing {
  readonly key: string;
  readonly scope: Scope;
  readonly created: string;
  readonly revoked: string | null;
  readonly expires: string | null;
}

export function listKeys(store: LrsStore): KeyListing[] {
  return store.listKeys().map(({ key, scope, created, revoked, expires }) => ({ key, scope, created, revoked, expires }));
}

/** Whether the key has expired by `now`: at its `expires` instant it no longer works. */
export function isExpired(key: Pick<KeyRecord, 'expires'>, now: Date): boolean {
  return key.expires !== null && now.getTime() >= Date.parse(key.expires);
}

/** A key that works at `now`: known, not revoked, not expired. */
function usable(record: KeyRecord | undefined, now: Date): record is KeyRecord {
  return record !== undefined && !record.revoked && !isExpired(record, now);
}

export function revokeKey(store: LrsStore, key: string, now: Date): boolean {
  return store.revokeKey(key, now.toISOString());
}

/** What checking credentials ahead of a request found: `busy` when too many unknown secrets wait for scrypt. */
export type Verdict = 'ok' | 'refused' | 'busy';

export interface KeyChecker {
  /** For routeRequest: the principal, from the cache of verified secrets (scrypt only on a miss). */
  readonly authenticate: Authenticate;
  /** Before a request's body is read: scrypt off the event loop, a few at a time, wrong secrets remembered. */
  check(credentials: BasicCredentials): Promise<Verdict>;
}

/** scrypt runs at once at most (each ~50 ms of a core and 16 MiB); more wait, up to MAX_WAITING. */
const MAX_RUNNING = 2;
const MAX_WAITING = 32;
/** Wrong secrets remembered (key and secret digests), so the same wrong secret costs no scrypt again. */
const MAX_REFUSED = 1000;

/**
 * Checks credentials against the store on every request (so a revocation made by the CLI while the
 * server runs takes effect at once, and an expiry at its instant by `now`, the LRS's clock) but pays
 * for scrypt only the first time a secret is seen. A revoked, expired or unknown key and a wrong
 * secret are refused alike: the 401 tells an attacker nothing of which.
 * A package's write key id is public (XAPI.md §6), so wrong secrets are expected traffic: they are
 * checked off the event loop, at most MAX_RUNNING at once, and a flood past MAX_WAITING is answered
 * 503 at once; the secrets already verified (every working client's) never wait behind it.
 */
export function makeAuthenticator(store: LrsStore, now: () => Date = () => new Date()): KeyChecker {
  const verified = new Map<string, string>();
  const refused = new Set<string>();
  let running = 0;
  const waiting: Array<() => void> = [];
  const remember = (digest: string): void => {
    refused.add(digest);
    // A Set iterates in insertion order: the oldest goes first.
    if (refused.size > MAX_REFUSED) refused.delete(refused.values().next().value as string);
  };
  return {
    authenticate({ key, secret }) {
      const record = store.findKey(key);
      if (!usable(record, now())) return undefined;
      const digest = quickDigest(key, secret);
      if (verified.get(key) !== digest) {
        if (refused.has(digest) || !verifySecret(secret, record.secretHash)) return undefined;
        verified.set(key, digest);
      }
      const principal: Principal = { key, scope: record.scope };
      return principal;
    },
    async check({ key, secret }) {
      const record = store.findKey(key);
      if (!usable(record, now())) return 'refused';
      const digest = quickDigest(key, secret);
      if (verified.get(key) === digest) return 'ok';
      if (refused.has(digest)) return 'refused';
      if (running >= MAX_RUNNING) {
        if (waiting.length >= MAX_WAITING) return 'busy';
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
      running++;
      try {
        if (!(await verifySecretAsync(secret, record.secretHash))) {
          remember(digest);
          return 'refused';
        }
        verified.set(key, digest);
        return 'ok';
      } finally {
        running--;
        waiting.shift()?.();
      }
    },
  };
}
