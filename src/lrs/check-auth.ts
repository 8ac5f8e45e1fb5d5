/**
 * HTTP Basic credentials and key scopes (Communication §4.0). Pure apart from the secret hashing,
 * which hash-secret.ts does. Scopes (issue 10): `write` may store statements and read nothing (the
 * only kind a package should carry: its secret is public, XAPI.md §6); `read` may GET every
 * resource (reports); `admin` may do anything, including voiding and writing documents.
 */
import type { Scope } from './lrs-types.js';

export interface BasicCredentials {
  readonly key: string;
  readonly secret: string;
}

/** `Basic base64(key:secret)` → credentials; undefined for any other or malformed header. */
export function parseBasicAuth(header: string | undefined): BasicCredentials | undefined {
  if (!header) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header.trim());
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** What a request needs, from its method and resource alone. */
export type Need = 'none' | 'store-statements' | 'read' | 'admin';

export function needOf(method: string, resource: string): Need {
  // Communication §2.8: the About resource describes the LRS and carries nothing private.
  if (resource === 'about') return 'none';
  if (method === 'GET' || method === 'HEAD') return 'read';
  if (resource === 'statements' && (method === 'POST' || method === 'PUT')) return 'store-statements';
  return 'admin';
}

export function scopeAllows(scope: Scope, need: Need): boolean {
  switch (need) {
    case 'none':
      return true;
    case 'store-statements':
      return scope === 'write' || scope === 'admin';
    case 'read':
      return scope === 'read' || scope === 'admin';
    case 'admin':
      return scope === 'admin';
  }
}
