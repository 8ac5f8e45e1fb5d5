// What a launch costs the browser: each package's index.html opened straight (no LMS, the API search set to
// 0 ms) in a fresh Chromium context, ROUNDS times, packages taken in turn so a burst of load on the shared
// machine hits them all; Chromium's own main-thread figures (DevTools `Performance.getMetrics`) one frame
// after the player shows its progress text, as medians; and what the launch cost each kind of Chromium
// process in CPU time, as means (Linux: from /proc, the context's new renderer included, from before the
// context opens to before it closes), so work off the main thread (media players, the audio service, the
// network service) counts too. Standalone,
// not part of `npm test`:
//
//   node test/bench/measure-player-start.mjs before.zip after.zip    (ROUNDS=12 by default)
import { readdirSync, readFileSync } from 'node:fs';
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
const PROCESSES = ['renderer', 'browser', 'other'];

/**
 * CPU milliseconds used so far by Chromium's processes, by kind: `renderer`, `browser` (no --type), `other`
 * (GPU, network and audio services, zygote). Empty where there is no /proc.
 */
function chromiumCpu() {
  const used = { renderer: 0, browser: 0, other: 0 };
  let pids = [];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return used;
  }
  for (const pid of pids) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!command.startsWith(CHROMIUM_PATH)) continue;
      const type = /--type=([a-z-]+)/.exec(command)?.[1];
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // utime and stime, fields 14 and 15, counted after the command name's closing parenthesis.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ms = (Number(fields[11]) + Number(fields[12])) * 10;
      used[type === undefined ? 'browser' : type === 'renderer' ? 'renderer' : 'other'] += ms;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return used;
}

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const servers = await Promise.all(zips.map(async (zip) => servePackage(await readZip(zip))));
/** zip → figure → one value a round */
const runs = zips.map(() => Object.fromEntries([...FIGURES, ...PROCESSES].map((f) => [f, []])));
try {
  for (let round = 0; round < ROUNDS + 1; round++) {
    for (const [i, server] of servers.entries()) {
      const cpuBefore = chromiumCpu();
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
      const cpuAfter = chromiumCpu();
      if (round > 0) {
        for (const m of metrics) if (FIGURES.includes(m.name)) runs[i][m.name].push(m.value * 1000);
        for (const p of PROCESSES) runs[i][p].push(cpuAfter[p] - cpuBefore[p]);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
// Process CPU comes in 10 ms ticks: a median of ticks is a multiple of 10, a mean is not.
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const COLUMNS = [...FIGURES.map((f) => `main thread: ${f.replace('Duration', '')} (ms)`), ...PROCESSES.map((p) => `CPU: ${p} (ms)`)];
console.log(`| package | ${COLUMNS.join(' | ')} |`);
console.log(`|---|${COLUMNS.map(() => '---:').join('|')}|`);
for (const [i, zip] of zips.entries()) {
  console.log(`| ${zip} | ${[...FIGURES.map((f) => median(runs[i][f]).toFixed(1)), ...PROCESSES.map((p) => mean(runs[i][p]).toFixed(0))].join(' | ')} |`);
}
console.log(`\n${ROUNDS} launches each (Chromium ${browser.version()}): main-thread figures are medians, process CPU means (10 ms ticks).`);
