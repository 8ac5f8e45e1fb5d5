// How the tests and the benchmark run Debian's Chromium through playwright-core (never a downloaded
// browser). No playwright import here, so test/helpers/require-tools.ts can check for the binary
// without loading playwright into every unit test.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run'];
