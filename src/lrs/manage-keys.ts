/**
 * Keys: created with a random id and secret, the secret shown once and stored only as an scrypt
 * hash; listed without secrets; revoked (kept, marked, never reused) so the authority of statements
 * already stored still names a known key.
 */
import { hashSecret, newCredentials, quickDigest, verifySecret } from './hash-secret.js';
import type { LrsStore } from './store.js';
import type { Principal, Scope } from './lrs-types.js';
import type { Authenticate } from './route-request.js';

export interface NewKey {
  readonly key: string;
  readonly secret: string;
  readonly scope: Scope;
}

export function addKey(store: LrsStore, scope: Scope, now: Date): NewKey {
  const { key, secret } = newCredentials();
  store.addKey({ key, secretHash: hashSecret(secret), scope, created: now.toISOString(), revoked: null });
  return { key, secret, scope };
}

export interface KeyListing {
  readonly key: string;
  readonly scope: Scope;
  readonly created: string;
  readonly revoked: string | null;
}

export function listKeys(store: LrsStore): KeyListing[] {
  return store.listKeys().map(({ key, scope, created, revoked }) => ({ key, scope, created, revoked }));
}

export function revokeKey(store: LrsStore, key: string, now: Date): boolean {
  return store.revokeKey(key, now.toISOString());
}

/**
 * Checks credentials against the store on every request (so a revocation made by the CLI while the
 * server runs takes effect at once) but pays for scrypt only the first time a secret is seen.
 */
export function makeAuthenticator(store: LrsStore): Authenticate {
  const verified = new Map<string, string>();
  return ({ key, secret }) => {
    const record = store.findKey(key);
    if (!record || record.revoked) return undefined;
    const digest = quickDigest(key, secret);
    if (verified.get(key) !== digest) {
      if (!verifySecret(secret, record.secretHash)) return undefined;
      verified.set(key, digest);
    }
    const principal: Principal = { key, scope: record.scope };
    return principal;
  };
}
