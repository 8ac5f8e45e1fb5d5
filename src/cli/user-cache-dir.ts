/**
 * The per-user cache folder in the temporary folder that the command line keeps between runs: V8's code
 * cache of the command bundles (load-command.ts) and parsed modules (store-parsed-modules.ts). Both only
 * save time: a missing, foreign or unwritable folder makes a run do the work again, never fail.
 */
import { mkdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function userCacheDir(): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  return path.join(os.tmpdir(), `coursepack-compile-cache-${uid}`);
}

/**
 * What is in the folder is read back as code (V8) or as course content: use it only when this user owns
 * it and nobody else can write to it, so another account on a shared machine cannot plant an entry.
 */
export function ownDirectory(dir: string): boolean {
  try {
    const stats = statSync(dir);
    return stats.isDirectory() && (typeof process.getuid !== 'function' || stats.uid === process.getuid()) && (stats.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** Makes the folder (mode 0700) when missing; false when it cannot be made or is not safely this user's. */
export function ensureOwnDirectory(dir: string): boolean {
  // Not `recursive`: the temporary folder exists, and Node 20's recursive mkdir loops forever where the
  // folder cannot be made (TMPDIR=/proc did).
  try {
    if (!ownDirectory(dir)) mkdirSync(dir, { mode: 0o700 });
  } catch {
    // Exists but is not ours, or cannot be made: the check below says no.
  }
  return ownDirectory(dir);
}
