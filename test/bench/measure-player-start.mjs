// What a launch costs the browser: each package's index.html opened straight (no LMS, the API search set to
// 0 ms) in a fresh Chromium context, ROUNDS times, packages taken in turn so a burst of load on the shared
// machine hits them all; Chromium's own main-thread figures (DevTools `Performance.getMetrics`) one frame
// after the player shows its progress text, as medians. Standalone, not part of `npm test`:
//
//   node test/bench/measure-player-start.mjs before.zip after.zip    (ROUNDS=12 by default)
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/harness/chromium.mjs';
import { servePackage } from '../e2e/harness/serve-package.mjs';
import { readZip } from '../helpers/read-zip.mjs';

const zips = process.argv.slice(2);
if (zips.length === 0) {
  console.error('usage: node test/bench/measure-player-start.mjs PACKAGE.zip [PACKAGE.zip …]');
  process.exit(2);
}
const ROUNDS = Number(process.env.ROUNDS ?? 12);
const FIGURES = ['TaskDuration', 'LayoutDuration', 'RecalcStyleDuration', 'ScriptDuration'];

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const servers = await Promise.all(zips.map(async (zip) => servePackage(await readZip(zip))));
/** zip → figure → one value a round */
const runs = zips.map(() => Object.fromEntries(FIGURES.map((f) => [f, []])));
try {
  for (let round = 0; round < ROUNDS + 1; round++) {
    for (const [i, server] of servers.entries()) {
      const context = await browser.newContext({ reducedMotion: 'reduce' });
      await context.addInitScript('window.coursepackPlayerOptions = { apiSearchMs: 0 };');
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto(`${server.url}/sco/index.html`);
      await page.locator('.cp-progress-text').waitFor({ state: 'visible' });
      await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
      const { metrics } = await cdp.send('Performance.getMetrics');
      // Round 0 warms the browser and the server up; it is not counted.
      if (round > 0) for (const m of metrics) if (FIGURES.includes(m.name)) runs[i][m.name].push(m.value * 1000);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
console.log(`| package | ${FIGURES.map((f) => `${f.replace('Duration', '')} (ms)`).join(' | ')} |`);
console.log(`|---|${FIGURES.map(() => '---:').join('|')}|`);
for (const [i, zip] of zips.entries()) console.log(`| ${zip} | ${FIGURES.map((f) => median(runs[i][f]).toFixed(1)).join(' | ')} |`);
console.log(`\nMedians of ${ROUNDS} launches each (Chromium ${browser.version()}).`);
