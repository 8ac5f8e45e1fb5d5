/**
 * A throwaway xAPI 1.0.3 LRS for tests: Learning Locker's xapi-statements@5.0.1 in memory on
 * 127.0.0.1 (XAPI.md §10: `AUTH_REPO=test` accepts any credentials, no Mongo, no Redis). Each call
 * starts a fresh one on a free port; `stop()` kills it and removes its storage folder, and it also
 * exits by itself when the test process dies (run-xapi-statements.cjs).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TestLrs {
  /** `http://127.0.0.1:PORT/xAPI` (no trailing slash, as the conformance suite wants). */
  readonly endpoint: string;
  /** A Basic header value the LRS accepts (any credentials do under AUTH_REPO=test). */
  readonly auth: string;
  stop(): Promise<void>;
}

const RUNNER = fileURLToPath(new URL('./run-xapi-statements.cjs', import.meta.url));

export async function startXapiStatements(): Promise<TestLrs> {
  const port = await freePort();
  const storage = await mkdtemp(join(tmpdir(), 'cp-xapi-statements-'));
  // Its working folder is the temporary one: xapi-statements writes access logs under ./storage.
  const child = spawn(process.execPath, [RUNNER], {
    cwd: storage,
    env: {
      ...process.env,
      AUTH_REPO: 'test', EVENTS_REPO: 'test', MODELS_REPO: 'memory', STORAGE_REPO: 'local',
      EXPRESS_PORT: String(port), EXPRESS_HOST: '127.0.0.1', FS_LOCAL_STORAGE_DIR: storage,
      CP_PARENT_PID: String(process.pid), NODE_NO_WARNINGS: '1',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const endpoint = `http://127.0.0.1:${port}/xAPI`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    await rm(storage, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(`${endpoint}/about`, () => child.exitCode !== null);
  } catch (error) {
    await stop();
    throw new Error(`xapi-statements did not start: ${(error as Error).message}\n${stderr}`);
  }
  return { endpoint, auth: `Basic ${Buffer.from('test:test').toString('base64')}`, stop };
}

async function waitUntilUp(url: string, died: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (died()) throw new Error('the process exited');
    try {
      const response = await fetch(url, { headers: { 'X-Experience-API-Version': '1.0.3' } });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no answer from ${url} within 20 s`);
}

/** A port free on 127.0.0.1 right now (bound, then released): nothing listens on it until someone starts to. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
