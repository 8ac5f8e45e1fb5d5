// Two projects (README.md, "Tests"): `unit` needs no browser (servers on 127.0.0.1 are fine) and runs alone
// with `npm run test:unit`; `browser` drives Chromium. `npm test` runs both in one pool of workers, browser
// files first (vitest orders projects by name, then longest first): they are the long ones.
import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Every test file that drives Chromium: all of test/e2e/ but scorm12-rules.test.ts (the table test of
 * the e2e oracle, no browser), the shipped course in a browser, and the HTML report in a browser.
 */
const BROWSER_TESTS = ['test/e2e/**/!(scorm12-rules).test.ts', 'test/course/course-in-lms.test.ts', 'test/report/html-in-chromium.test.ts'];

/**
 * The file that drives the whole shipped course (32 pages) is small but among the longest. Without durations
 * from an earlier run (a clean clone: CI) vitest starts larger files first, so it started last and ran
 * alone at the end; it goes first. Otherwise vitest's order (with durations: longest first).
 */
const START_FIRST = ['test/course/course-in-lms.test.ts'];

/**
 * The run's Node processes start without NODE_EXTRA_CA_CERTS: the workers forked after this file is read, and the
 * ~300 processes they start (the CLI, LRS servers, lock racers, the fixture builds, the Playwright server). Node 20
 * reads and parses that bundle as each process starts, before any script runs (here it is set for the npm
 * registry's proxy: `node -e 0` takes 69 ms with it and 24 ms without, medians of 30). No test speaks TLS: every
 * server they start is plain HTTP on 127.0.0.1 and nothing reaches the internet. `npm run bench` keeps the
 * variable, since it measures what a user's machine pays (BENCHMARKS.md).
 */
delete process.env.NODE_EXTRA_CA_CERTS;

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const first = (file: TestSpecification): boolean => START_FIRST.some((path) => file.moduleId.endsWith(path));
    return [...sorted.filter(first), ...sorted.filter((file) => !first(file))];
  }
}

export default defineConfig({
  // The packages' own builds, as lib/ bundles them (esbuild, src/bundle.mjs: no `development` condition), not their
  // development builds: Vite resolves `development` for a server that is not production, and vitest hands its
  // SSR conditions to the workers as `--conditions` (micromark's dev build, assertions on every token, took ~0.5 of
  // ~12 CPU-s in the five parsing-heavy unit files). vitest takes the list from the resolved config, so this
  // drops the placeholder there; a `ssr.resolve.conditions` here would be merged with Vite's, not replace it.
  plugins: [{
    name: 'shipped-conditions',
    configResolved(config) {
      const conditions = config.ssr.resolve?.conditions;
      if (conditions) conditions.splice(0, conditions.length, ...conditions.filter((c) => c !== 'development|production'));
    },
  }],
  test: {
    sequence: { sequencer: LongestFirst },
    // vitest's default is one worker per core less one: 1 on a 2-core machine, where a long browser file
    // then holds up everything after it. One per core, at least 2. (Measured on 2 cores: 1, 2 and 3 workers
    // take the same time within the noise, since Chromium keeps both cores busy; 2 keeps the long files apart.)
    maxWorkers: Math.max(2, availableParallelism()),
    // Test files share a worker's module cache instead of a fresh one each (measured on 2 cores: the unit
    // project 52.9 s → 36.0 s wall, importing 14.0 s → 5.6 s; playwright-core alone costs ~1 s a file).
    // Nothing in the tests keeps state in a module: fake timers are undone in afterEach/finally, the one
    // vi.mock (hostile-courses) gives tool-dir its true value, and the harness holds no globals.
    isolate: false,
    // vitest's 5 s default (10 s for hooks) is for a quiet machine; CI runs the unit files beside Chromium on two
    // shared cores, where tests of ~1-1.5 s alone took 5-7 s and timed out (measured with the cores kept busy).
    // A timeout here only stops a hang; it asserts no speed (speed goes in `npm run bench`).
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Reports read dates in the machine's time zone by default (src/report/zoned-time.ts): the tests, and the
    // commands they run, in UTC whatever the zone of the machine they run on. Tests of other zones name them.
    env: { TZ: 'UTC' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...BROWSER_TESTS],
          globalSetup: ['test/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: BROWSER_TESTS,
          // One Chromium and the fixture packages for the whole run (test/e2e/global-setup.ts).
          globalSetup: ['test/global-setup.ts', 'test/e2e/global-setup.ts'],
        },
      },
    ],
  },
});
