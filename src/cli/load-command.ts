/**
 * Loads a command's bundle (`lib/commands/<name>.cjs`, one self-contained script per command, built by
 * src/bundle.mjs) with V8's code cache, because compiling a megabyte of JavaScript is a large share of a
 * cold build (BENCHMARKS.md, cold start).
 *
 * Node 22.1+: `module.enableCompileCache()` (called by main.ts) caches whatever `require` compiles, so the
 * bundle is simply required. Node 20 has no such call: the script is compiled with `vm.Script` and the
 * `cachedData` V8 produced on an earlier run, kept per user in the temporary folder as Node 22 keeps its
 * own, or shipped in lib/code-cache by the install. The cache is written after the command ran, so it holds
 * the functions the run compiled lazily too, and only when there was none to read or V8 rejected the one read
 * (another Node, other V8 flags). It changes no output: a missing, stale or unwritable
 * cache only costs time.
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import type { RunCommand } from './commands.js';
import { toolDir } from './tool-dir.js';
import { ensureOwnDirectory, ownDirectory, userCacheDir } from './user-cache-dir.js';

export async function loadCommand(name: string, exportName: string): Promise<RunCommand> {
  const file = path.join(toolDir, 'lib', 'commands', `${name}.cjs`);
  const exports = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function'
    ? (createRequire(import.meta.url)(file) as Record<string, unknown>)
    : runWithCodeCache(file);
  const run = exports[exportName];
  if (typeof run !== 'function') throw new Error(`${file} has no ${exportName}: run \`node src/bundle.mjs\``);
  return run as RunCommand;
}

function runWithCodeCache(file: string): Record<string, unknown> {
  const bytes = readFileSync(file);
  // The bundles are ASCII (test/cli/exit-codes.test.ts), read as a one-byte string without decoding
  // UTF-8; a single non-ASCII character made V8 hold the whole megabyte as two-byte text, and hashing the
  // string encoded it to UTF-8 again (together ~2 ms of a ~150 ms build).
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  // The bundle's path is in the key too: V8's cached code keeps the file name it was made with, so a cache
  // made by another install (a packed tarball's, another checkout's) named that install's files in stack traces.
  const key = cacheKey(file, bytes);
  const cacheDir = userCacheDir();
  const name = `${path.basename(file, '.cjs')}-${key}.bin`;
  const cacheFile = path.join(cacheDir, name);
  const own = ownDirectory(cacheDir) ? readOrUndefined(cacheFile) : undefined;
  // Else the cache the install made (src/bundle.mjs runs build and validate once, then keeps what V8
  // wrote), so the first build after `npm ci` compiles nothing either. It is found only for the same
  // bundle and the same Node, as the user's own.
  const cachedData = own ?? readOrUndefined(path.join(toolDir, 'lib', 'code-cache', name));
  // The CommonJS wrapper, so the bundle runs as `require` would run it.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const mod = { exports: {} as Record<string, unknown> };
  (script.runInThisContext() as (...args: unknown[]) => void)(mod.exports, createRequire(file), mod, file, path.dirname(file));
  // A user's own cache that V8 rejects is written again: one made by a run under other V8 flags (NODE_OPTIONS,
  // --inspect, --trace-gc) was rejected by every normal run after it, and never replaced, so each build compiled
  // the whole bundle from source.
  if (!cachedData || script.cachedDataRejected) {
    process.once('beforeExit', () => writeCache(cacheDir, cacheFile, script));
  }
  return mod.exports;
}

/**
 * 32 hex digits: the first 8 name this Node and this install's bundle file, the rest its content too. A new
 * cache replaces only the ones with the same first 8 (earlier bundles of this install), not another install's:
 * with two in use in turn (two course repositories, each with its own coursepack), each removed the other's and
 * every build compiled from source. src/bundle.mjs computes the same key.
 */
function cacheKey(file: string, bytes: Uint8Array): string {
  const where = createHash('sha256').update(process.version).update(file).digest('hex').slice(0, 8);
  return where + createHash('sha256').update(process.version).update(file).update('\0').update(bytes).digest('hex').slice(0, 24);
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function writeCache(dir: string, file: string, script: vm.Script): void {
  try {
    if (!ensureOwnDirectory(dir)) return;
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, file);
    // Caches of earlier bundles of this command, by this install and this Node, are never read again.
    const prefix = path.basename(file).replace(/(-[0-9a-f]{8})[0-9a-f]+\.bin$/, '$1');
    for (const old of readdirSync(dir)) {
      if (old.startsWith(prefix) && old.endsWith('.bin') && old !== path.basename(file)) rmSync(path.join(dir, old), { force: true });
    }
  } catch {
    // A read-only or full temporary folder: the next run compiles from source, as this one did.
  }
}
