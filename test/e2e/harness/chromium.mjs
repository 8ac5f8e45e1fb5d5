// How the tests and the benchmark run Debian's Chromium through playwright-core (never a downloaded
// browser). No playwright import here, so test/helpers/require-tools.ts can check for the binary
// without loading playwright into every unit test.
import { existsSync } from 'node:fs';

/**
 * Debian's chromium-headless-shell when it is installed: the same Chromium (same version, same Blink) in
 * its headless-only build, which is what Playwright itself runs for headless Chromium. It costs about half
 * the CPU of the full browser: a context and a page opened, loaded and closed took 180 ms against 315 ms,
 * and the browser project 37.6 against 55.6 CPU-seconds (48.8 s against 63.9 s wall), all 49 tests passing
 * with either. Else Debian's full chromium; CHROMIUM_PATH chooses another.
 */
const HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium');

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run'];
