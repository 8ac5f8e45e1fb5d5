/**
 * Per-file setup of the end-to-end suites: build the fixture course with the real CLI, serve
 * the zip's entries on 127.0.0.1 (random port) and launch Debian's Chromium; all closed in
 * afterAll. Each test gets a fresh browser context (fresh localStorage).
 */
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { readZip } from '../helpers/read-zip.mjs';
import { buildPackage, ensureBundle, ROOT } from '../helpers/run-cli.mjs';
import { launchChromium } from './harness/run-course.mjs';
import { servePackage } from './harness/serve-package.mjs';
import type { LmsServer } from './harness/sync-xhr-lms.mjs';

export const BROWSER_TIMEOUT = 60_000;
/** expect.poll waits 1 s by default; a shared 2-core machine can be slower than that. */
export const POLL = { timeout: 20_000 } as const;

export interface PackageSession {
  url: string;
  files: Map<string, Buffer>;
  /** The synchronous-XHR LMS's server: what it received (see harness/sync-xhr-lms.mjs). */
  lms: LmsServer;
  newContext(): Promise<BrowserContext>;
}

export function usePackage(courseDir = join(ROOT, 'test', 'e2e', 'fixtures', 'course')): PackageSession {
  let browser: Browser | null = null;
  let server: { url: string; lms: LmsServer; close: () => Promise<void> } | null = null;
  let buildDir: string | null = null;
  const contexts: BrowserContext[] = [];
  const session: PackageSession = {
    url: '',
    files: new Map(),
    get lms(): LmsServer {
      if (!server) throw new Error('server not started');
      return server.lms;
    },
    async newContext() {
      if (!browser) throw new Error('browser not started');
      const context = await browser.newContext();
      context.setDefaultTimeout(30_000);
      contexts.push(context);
      return context;
    },
  };
  beforeAll(async () => {
    ensureBundle();
    const built = await buildPackage(courseDir);
    buildDir = dirname(built.zip);
    session.files = await readZip(built.zip);
    server = await servePackage(session.files);
    session.url = server.url;
    browser = await launchChromium();
  }, 120_000);
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (buildDir) await rm(buildDir, { recursive: true, force: true });
  }, 60_000);
  return session;
}
