/**
 * What a browser test file calls (inside a `describe.skipIf(missing('chromium'))`): serves one of the
 * fixture packages the browser project's global setup built (global-setup.ts) on its own 127.0.0.1 port,
 * and connects to the run's one Chromium. Each test gets an origin of its own (`url`: its storage and its LMS
 * double, `lms`, are its own), its first context lent from one the file keeps (leaseOf), any other context
 * fresh; its pages and contexts close after it; the server and the connection close in afterAll.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import { readZip } from '../helpers/read-zip.mjs';
import { runBuild } from '../helpers/run-cli.mjs';
import { FIXTURE_COURSES, type FixtureCourse } from './global-setup.js';
import { servePackage, type PackageServer } from './harness/serve-package.mjs';
import type { LmsServer } from './harness/sync-xhr-lms.mjs';

export const BROWSER_TIMEOUT = 60_000;
/** expect.poll waits 1 s by default; a shared 2-core machine can be slower than that. */
export const POLL = { timeout: 20_000 } as const;

/**
 * expect.poll options for `onClock`: tries every 50 ms (real time), each moving the page's clock on by a step, so
 * a retry 16 s away comes after some 8 tries rather than 16 s of a worker doing nothing.
 */
export const CLOCK_POLL = { timeout: 20_000, interval: 50 } as const;

/**
 * `read`, after moving the clock of `context` (installed with `context.clock.install()` before its pages opened)
 * `stepMs` on: for expect.poll with CLOCK_POLL, to wait for what the player does on its own timers (a retry's
 * back-off, a request's time limit, a note's later update) without waiting for it in real time (issue 8: fake
 * clocks instead of sleeps). Time still flows between steps, so real requests and their answers go on as ever.
 * A step of 2 s suits what stays once it comes (a note, a count whose next change is seconds away); a test of a
 * count that moves on sooner gives a shorter step.
 */
export function onClock<T>(context: BrowserContext, read: () => Promise<T> | T, stepMs = 2_000): () => Promise<T> {
  return async () => {
    await context.clock.runFor(stepMs);
    return read();
  };
}

export interface ContextOptions {
  /**
   * How long the player looks for an LMS API (docs/architecture.md, "Player options"). 0 by default: every
   * page either has its LMS at once (the host pages set `window.API` before the SCO's frame loads) or has none,
   * so waiting out the search would test nothing. null leaves the option unset: the player's own 3 s.
   */
  apiSearchMs?: number | null;
  /**
   * How long the player's xAPI statements gather before they go to the LRS in one request (docs/architecture.md,
   * "Player options"). 0 by default: the statements a step makes in one task still go together, and a test
   * waiting for them at the LRS does not wait out a second of nothing each time (xapi.test.ts: 21.5 s → 17.5 s
   * alone). null leaves the option unset: the player's own 1 s. Delivery's batching, back-off and timeouts
   * are deliver-statements.test.ts's, on a fake clock.
   */
  statementBatchMs?: number | null;
  /**
   * prefers-reduced-motion. `reduce` by default: every test then spends no CPU on transitions and no time
   * waiting for smooth scrolling to stop (on 2 shared cores that is seconds a run). The tests about motion
   * itself set it per page (accessibility.test.ts).
   */
  reducedMotion?: 'reduce' | 'no-preference';
  /** The window's size from the start (Playwright's default: 1280 x 720). */
  viewport?: { width: number; height: number };
  /**
   * A context of the test's own, not the one lent (usePackage): for a test that acts on the whole context (its
   * clock, its network, routes, its events). A test's second context is always its own.
   */
  own?: boolean;
}

export interface PackageSession {
  url: string;
  files: Map<string, Buffer>;
  /** The synchronous-XHR LMS's server: what it received (see harness/sync-xhr-lms.mjs). */
  lms: LmsServer;
  newContext(options?: ContextOptions): Promise<BrowserContext>;
}

/**
 * The fixture built with `--split modules` (one package per module), built by the file that asks for it rather
 * than by the global setup, so no other run pays for it: every package's files under `<module id>/`, one origin
 * for all of them, as an LMS serves its packages (the host page's `sco` option picks one). `env`: the build's
 * environment (COURSEPACK_LRS_ENDPOINT for the package route to an LRS, xapi.test.ts). Read only: the files are shared.
 */
export function readSplitPackages(env: Record<string, string> = {}): Promise<Map<string, Buffer>> {
  // Once per worker for each environment (the files of a worker share this module: vitest.config.ts, isolate).
  const key = JSON.stringify(Object.entries(env).sort());
  let built = splitBuilds.get(key);
  if (!built) {
    built = buildSplitPackages(env);
    splitBuilds.set(key, built);
    // A failed build is not kept: the next file asking builds again and says why.
    built.catch(() => splitBuilds.delete(key));
  }
  return built;
}

const splitBuilds = new Map<string, Promise<Map<string, Buffer>>>();

async function buildSplitPackages(env: Record<string, string>): Promise<Map<string, Buffer>> {
  const dir = await mkdtemp(join(tmpdir(), 'cp-split-'));
  try {
    const run = await runBuild(await FIXTURE_COURSES.fixture(), dir, ['--split', 'modules'], { env });
    const zips = (await readdir(dir)).filter((f) => f.endsWith('-scorm12.zip'));
    if (run.status !== 0 || zips.length < 2) throw new Error(`the split build exited ${run.status} with ${zips.length} zips\n${run.stdout}${run.stderr}`);
    const files = new Map<string, Buffer>();
    for (const zip of zips) {
      const module = zip.replace(/^runtime-fixture-/, '').replace(/-scorm12\.zip$/, '');
      for (const [path, data] of await readZip(join(dir, zip))) files.set(`${module}/${path}`, data);
    }
    return files;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Each test's origin: `http://t<n>.cp.localhost:<port>`. Every name under `localhost` is the loopback (Chromium
 * resolves it itself) and a secure context like 127.0.0.1, and all of them are one site (`cp.localhost`), so one
 * renderer can hold every test's pages while each test keeps storage of its own (localStorage is per origin).
 */
const SITE = 'cp.localhost';

/** What a leased context offers: the rest of BrowserContext acts on every test's pages, so it throws. */
const LEASED = new Set<PropertyKey>(['newPage', 'pages', 'close', 'addInitScript']);

/**
 * A test's first default context (options a page can take alone), lent from a context this file keeps open
 * with one page in it: its pages share that page's renderer, which Chromium then starts once a file rather
 * than once a test, and which compiles Playwright's injected script once rather than in every page (measured
 * on a host page with a frame: 141 → 108 ms of machine CPU from new context to closed). What a test sees
 * stays its own: its origin (so its storage, and its LMS's records in serve-package.mjs) is the test's, and
 * its pages close after it; what acts on the whole context (a clock, the network, routes, events) throws and
 * asks for `{ own: true }`.
 */
function leaseOf(shared: BrowserContext, { reducedMotion, viewport }: Pick<ContextOptions, 'reducedMotion' | 'viewport'>): BrowserContext {
  const pages: Page[] = [];
  const scripts: Array<Parameters<BrowserContext['addInitScript']>> = [];
  /** Documents a lent page opened on another origin, whose storage the next test's pages would share. */
  const strays = new Set<string>();
  const track = (page: Page): void => {
    pages.push(page);
    page.on('popup', track);
    page.on('framenavigated', (frame) => {
      // An event handler: a URL that does not parse must not throw here, outside any test.
      if (!URL.canParse(frame.url())) return;
      const { protocol, host, hostname } = new URL(frame.url());
      if (/^https?:$/.test(protocol) && !hostname.endsWith(`.${SITE}`)) strays.add(host);
    });
  };
  const offered = {
    async newPage(): Promise<Page> {
      const page = await shared.newPage();
      track(page);
      if (viewport) await page.setViewportSize(viewport);
      if (reducedMotion && reducedMotion !== 'reduce') await page.emulateMedia({ reducedMotion });
      for (const args of scripts) await page.addInitScript(...args);
      return page;
    },
    pages: (): Page[] => pages.filter((page) => !page.isClosed()),
    async addInitScript(...args: Parameters<BrowserContext['addInitScript']>): Promise<void> {
      scripts.push(args);
      for (const page of offered.pages()) await page.addInitScript(...args);
    },
    async close(): Promise<void> {
      await Promise.all(pages.splice(0).map((page) => page.close()));
      const found = [...strays];
      strays.clear();
      if (found.length > 0) throw new Error(`a lent context opened ${found.join(', ')}, outside the test's own origin (pkg.url), where storage outlives the test: ask for pkg.newContext({ own: true })`);
    },
  };
  // page.context() of a lent page is the shared context (Playwright's own code calls it): a test asks its context.
  return new Proxy(offered, {
    get(target, name) {
      if (LEASED.has(name)) return target[name as keyof typeof target];
      // Not a thenable (it is returned from an async function), nothing for a printer to read.
      if (name === 'then' || typeof name === 'symbol') return undefined;
      throw new Error(`context.${name} acts on the whole browser context, and a test's first context is lent from one kept for the file: ask for pkg.newContext({ own: true })`);
    },
  }) as unknown as BrowserContext;
}

export function usePackage(course: FixtureCourse | 'split' = 'fixture'): PackageSession {
  let browser: Browser | null = null;
  let server: PackageServer | null = null;
  let shared: BrowserContext | null = null;
  /** This test's number (its origin), and whether its first default context has been lent yet. */
  let test = 0;
  let lent = false;
  const contexts: BrowserContext[] = [];
  const session: PackageSession = {
    get url(): string {
      if (!server) throw new Error('server not started');
      return `http://t${test}.${SITE}:${server.port}`;
    },
    files: new Map(),
    get lms(): LmsServer {
      if (!server) throw new Error('server not started');
      return server.lmsFor(new URL(session.url).host);
    },
    async newContext({ apiSearchMs = 0, statementBatchMs = 0, reducedMotion = 'reduce', viewport, own = false }: ContextOptions = {}) {
      if (!browser || !shared) throw new Error('browser not connected');
      if (!own && !lent && apiSearchMs === 0 && statementBatchMs === 0) {
        lent = true;
        const lease = leaseOf(shared, { reducedMotion, ...(viewport ? { viewport } : {}) });
        contexts.push(lease);
        return lease;
      }
      const context = await browser.newContext({ reducedMotion, ...(viewport ? { viewport } : {}) });
      context.setDefaultTimeout(30_000);
      contexts.push(context);
      const options = { ...(apiSearchMs === null ? {} : { apiSearchMs }), ...(statementBatchMs === null ? {} : { statementBatchMs }) };
      if (Object.keys(options).length > 0) await context.addInitScript(`window.coursepackPlayerOptions = ${JSON.stringify(options)};`);
      return context;
    },
  };
  beforeAll(async () => {
    const endpoint = inject('chromiumWsEndpoint');
    if (endpoint === null) throw new Error('no Chromium in this run: wrap the file in describe.skipIf(missing(\'chromium\'))');
    session.files = course === 'split' ? await readSplitPackages() : await readZip(inject('packageZips')[course]);
    server = await servePackage(session.files);
    browser = await chromium.connect(endpoint);
    shared = await browser.newContext({ reducedMotion: 'reduce' });
    shared.setDefaultTimeout(30_000);
    await shared.addInitScript(`window.coursepackPlayerOptions = ${JSON.stringify({ apiSearchMs: 0, statementBatchMs: 0 })};`);
    // The page that keeps the file's renderer alive between tests, on the tests' site and an origin of its own.
    await (await shared.newPage()).goto(`http://keep.${SITE}:${server.port}/blank.html`);
  }, 60_000);
  beforeEach(() => {
    test += 1;
    lent = false;
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    // Disconnects this file only; the global teardown closes Chromium itself.
    await shared?.close();
    await browser?.close();
    await server?.close();
  }, 60_000);
  return session;
}
