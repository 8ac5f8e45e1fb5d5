/**
 * A throwaway embedded LRS for tests, the same shape as startXapiStatements(): a fresh SQLite file
 * in a temp folder, an admin key, `coursepack lrs` in a child process on a free 127.0.0.1 port.
 * `stop()` ends it and removes the folder; it also exits by itself when the test process dies.
 *
 * The child runs src/cli/run-lrs.ts bundled here with esbuild (once per test process), so tests
 * never depend on whether lib/ was rebuilt.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { addKey, openSqliteStore, type Scope } from '../../src/lrs/index.js';
import type { TestLrs } from './xapi-statements-lrs.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Inside node_modules so the bundle finds better-sqlite3 and xapi-validation, which stay external.
const OUT_DIR = join(ROOT, 'node_modules', '.cache', 'coursepack-test');

let bundled: Promise<string> | undefined;

/** The runner bundled once per test process (each process gets its own file, so runs never race). */
export function bundleLrsRunner(): Promise<string> {
  bundled ??= (async () => {
    mkdirSync(OUT_DIR, { recursive: true });
    const outfile = join(OUT_DIR, `run-embedded-lrs-${process.pid}.mjs`);
    await build({
      absWorkingDir: ROOT,
      entryPoints: ['test/helpers/run-embedded-lrs.ts'],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: ['better-sqlite3', '@learninglocker/xapi-validation'],
      banner: { js: "import { createRequire as __cpRequire } from 'node:module';\nconst require = __cpRequire(import.meta.url);" },
      logLevel: 'warning',
    });
    process.once('exit', () => rmSync(outfile, { force: true }));
    return outfile;
  })();
  return bundled;
}

export interface EmbeddedLrs extends TestLrs {
  readonly child: ChildProcess;
  /** Everything the child printed so far (listening line, request log). */
  output(): string;
}

/** Starts `coursepack lrs` on `db` with extra CLI options; resolves once it listens. */
export async function spawnLrs(db: string, extraArgs: readonly string[] = [], auth = ''): Promise<EmbeddedLrs> {
  const runner = await bundleLrsRunner();
  const child = spawn(process.execPath, [runner, '--port', '0', '--host', '127.0.0.1', '--db', db, ...extraArgs], {
    cwd: ROOT,
    env: { ...process.env, CP_PARENT_PID: String(process.pid) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-200_000);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-200_000);
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the LRS did not start within 20 s:\n${out}`)), 20_000);
    const check = (): void => {
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)\/xAPI\//.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the LRS exited with ${String(code)} before listening:\n${out}`));
    });
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  return { endpoint: `http://127.0.0.1:${port}/xAPI`, auth, stop, child, output: () => out };
}

/** Adds a key straight to the database file (as `coursepack lrs keys add` does). */
export function addTestKey(db: string, scope: Scope): { key: string; secret: string; auth: string } {
  const store = openSqliteStore(db);
  try {
    const { key, secret } = addKey(store, scope, new Date());
    return { key, secret, auth: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}` };
  } finally {
    store.close();
  }
}

/**
 * @param options.origins LMS origins CORS allows (`*`: any), for tests where a browser sends statements.
 * `auth` is an admin key (read everything, as reports and the interop checks need); `writeAuth` is the
 * kind of key a package carries (store statements, read nothing).
 */
export async function startEmbeddedLrs(options: { readonly origins?: readonly string[] } = {}): Promise<TestLrs & { readonly writeAuth: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'cp-embedded-lrs-'));
  const db = join(dir, 'lrs.sqlite');
  try {
    const { auth } = addTestKey(db, 'admin');
    const writeAuth = addTestKey(db, 'write').auth;
    const lrs = await spawnLrs(db, ['--quiet', ...(options.origins ?? []).flatMap((o) => ['--origin', o])], auth);
    return {
      endpoint: lrs.endpoint,
      auth,
      writeAuth,
      stop: async () => {
        await lrs.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
