// The run's one Chromium behind a Playwright server, in a Node process of its own (test/e2e/global-setup.ts
// says why): prints `{"wsEndpoint": …}` on one line once it listens, and closes Chromium and exits when its
// stdin ends (the setup's teardown, or the death of the process that started it) or on SIGTERM.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

// One renderer process for as many pages as can share one: those of a browser context on one site, such as a test
// file's lent pages (use-package.ts). Pages of different contexts, or different sites, still get their own.
const server = await chromium.launchServer({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--renderer-process-limit=1'] });
process.stdout.write(`${JSON.stringify({ wsEndpoint: server.wsEndpoint() })}\n`);
let closing = false;
async function close() {
  if (closing) return;
  closing = true;
  await server.close();
  process.exit(0);
}
process.stdin.on('end', close);
process.stdin.resume();
process.on('SIGTERM', close);
