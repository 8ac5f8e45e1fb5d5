/**
 * Secrets are stored as scrypt hashes (RFC 7914), never in clear: a copied database file gives no
 * working key. Checking a hash costs tens of milliseconds by design, so a server remembers a
 * SHA-256 of each secret it has verified (remember-secrets in serve-http.ts) instead of paying it
 * on every request.
 */
import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

const N = 16384;
const R = 8;
const P = 1;
const LENGTH = 32;

export function hashSecret(secret: string, salt: Buffer = randomBytes(16)): string {
  const hash = scryptSync(secret, salt, LENGTH, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifySecret(secret: string, stored: string): boolean {
  const [name, n, r, p, salt, hash] = stored.split('$');
  if (name !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(secret, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}

/**
 * verifySecret off the event loop (libuv's thread pool): a server checking a wrong secret with
 * scryptSync stood still for its ~50 ms, so anyone knowing a package's public key id could stall it.
 */
export function verifySecretAsync(secret: string, stored: string): Promise<boolean> {
  const [name, n, r, p, salt, hash] = stored.split('$');
  if (name !== 'scrypt' || !n || !r || !p || !salt || !hash) return Promise.resolve(false);
  const expected = Buffer.from(hash, 'base64');
  return new Promise((resolve, reject) => {
    scrypt(secret, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) }, (error, actual) => {
      if (error) reject(error);
      else resolve(timingSafeEqual(actual, expected));
    });
  });
}

/** A fast fingerprint of a secret already verified against its scrypt hash, for the in-memory cache. */
export function quickDigest(key: string, secret: string): string {
  return createHash('sha256').update(`${key}\u0000${secret}`).digest('hex');
}

/**
 * Random URL-safe text of `bytes` bytes that begins with a letter or digit: one beginning with `-` reads
 * as an option on a command line (`npx coursepack lrs keys revoke -Xy…` exited 2 about once in 64 keys;
 * Node's parseArgs also refuses `--password -Xy…` as ambiguous). Drawing again keeps it uniform.
 */
function randomToken(bytes: number): string {
  for (;;) {
    const token = randomBytes(bytes).toString('base64url');
    if (/^[A-Za-z0-9]/.test(token)) return token;
  }
}

/** A new key id and secret: random, URL-safe, 128 and 256 bits, never beginning with `-` or `_`. */
export function newCredentials(): { key: string; secret: string } {
  return { key: randomToken(16), secret: randomToken(32) };
}
