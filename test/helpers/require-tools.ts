/**
 * The one way a test may depend on something outside the repository (a system tool, a browser, a folder
 * beside the checkout): `it.skipIf(missing('xmllint'))(…)` or `describe.skipIf(missing('chromium'))(…)`.
 *
 * When the thing is there, `missing()` is false and the test runs. When it is not, the test is skipped and
 * the run's output says so, naming the tool and how to install it (a warning at collection), so a local run
 * without libxml2-utils never looks greener than it is. With COURSEPACK_STRICT_TESTS=1 (set by `.ci/run`, where
 * everything is installed) a missing tool is an error at collection instead: the file fails and the run fails.
 * Never `return` early inside a test instead: that passes having checked nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATH } from '../e2e/harness/chromium.mjs';

/** `COURSEPACK_STRICT_TESTS=1`: every skip is a failure (CI). */
export const STRICT_TESTS = process.env['COURSEPACK_STRICT_TESTS'] === '1';

/** The folder beside the repository that holds the shared source material and official schemas. */
export const SHARED_DIR = fileURLToPath(new URL('../../../shared/', import.meta.url));

const commandRuns = (command: string, ...args: string[]): boolean => spawnSync(command, args, { stdio: 'ignore' }).error === undefined;

/** What each test may need, how to tell whether it is there, and how to get it. */
const TOOLS = {
  chromium: {
    what: `Chromium at ${CHROMIUM_PATH}`,
    present: () => existsSync(CHROMIUM_PATH),
    install: 'apt-get install -y chromium-headless-shell (or chromium, or set CHROMIUM_PATH)',
  },
  xmllint: {
    what: 'the system xmllint (libxml2-utils)',
    present: () => commandRuns('xmllint', '--version'),
    install: 'apt-get install -y libxml2-utils',
  },
  zip: {
    what: 'Info-ZIP zip',
    present: () => commandRuns('zip', '-v'),
    install: 'apt-get install -y zip',
  },
  sh: {
    what: 'a POSIX sh (the shell commands coursepack prints are pasted into)',
    present: () => commandRuns('sh', '-c', 'true'),
    install: 'run the tests on Linux or macOS',
  },
  bash: {
    what: 'bash (the shell commands coursepack prints are pasted into)',
    present: () => commandRuns('bash', '-c', 'true'),
    install: 'apt-get install -y bash',
  },
  zsh: {
    what: 'zsh (the shell commands coursepack prints are pasted into on a Mac)',
    present: () => commandRuns('zsh', '-f', '-c', 'true'),
    install: 'apt-get install -y zsh',
  },
  devFull: {
    what: '/dev/full (a device that is always full: the kernel\'s own on Linux)',
    present: () => existsSync('/dev/full'),
    install: 'run the tests on Linux',
  },
  shared: {
    what: `the shared folder beside the repository (${SHARED_DIR})`,
    present: () => existsSync(SHARED_DIR),
    install: 'check the project\'s shared/ folder out next to the repository',
  },
} as const;

export type Tool = keyof typeof TOOLS;

const presence = new Map<Tool, boolean>();
const warned = new Set<Tool>();

/**
 * True when `tool` is missing, for `it.skipIf` / `describe.skipIf`: the test is skipped and the output says
 * why (once per test file). Under COURSEPACK_STRICT_TESTS=1 a missing tool throws instead (the file fails).
 */
export function missing(tool: Tool): boolean {
  let present = presence.get(tool);
  if (present === undefined) {
    present = TOOLS[tool].present();
    presence.set(tool, present);
  }
  return decideSkip(tool, present, STRICT_TESTS);
}

/** The decision behind missing(), apart from the probe and the environment so it can be tested. */
export function decideSkip(tool: Tool, present: boolean, strict: boolean): boolean {
  if (present) return false;
  const { what, install } = TOOLS[tool];
  const message = `${what} is missing, so the tests that need it cannot run. Install: ${install}.`;
  if (strict) throw new Error(`COURSEPACK_STRICT_TESTS=1 and ${message}`);
  if (!warned.has(tool)) console.warn(`SKIPPED: ${message} (CI runs with COURSEPACK_STRICT_TESTS=1, where this fails.)`);
  warned.add(tool);
  return true;
}
