// Two projects (README.md, "Tests"): `unit` needs no browser (servers on 127.0.0.1 are fine) and runs alone
// with `npm run test:unit`; `browser` drives Chromium. `npm test` runs both, in one pool, browser files first
// (vitest orders projects by name): they are the long ones.
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Every test file that drives Chromium: all of test/e2e/ but scorm12-rules.test.ts (the table test of
 * the e2e oracle, no browser), and the shipped course in a browser.
 */
const BROWSER_TESTS = ['test/e2e/**/!(scorm12-rules).test.ts', 'test/course/course-in-lms.test.ts', 'test/course/course-accessibility.test.ts'];

export default defineConfig({
  test: {
    // Default is one worker per core less one: 1 on this 2-core machine. The browser files mostly wait on
    // Chromium (its own processes), so more workers than cores keeps both cores busy.
    maxWorkers: 3,
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
          isolate: false,
          globalSetup: ['test/global-setup.ts', 'test/e2e/global-setup.ts'],
        },
      },
    ],
  },
});
