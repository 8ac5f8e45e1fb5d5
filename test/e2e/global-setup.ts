/**
 * Global setup of the browser project (vitest.config.ts), once per run before any browser test file:
 * builds the fixture packages with the real CLI into temporary folders, and starts the run's one Chromium
 * as a Playwright browser server. Test files get both through `inject()` (see use-package.ts, which is what
 * a browser test file calls); the teardown closes Chromium and removes the packages.
 */
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { chromium, type BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { missing } from '../helpers/require-tools.js';
import { buildPackage, ROOT } from '../helpers/run-cli.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './harness/chromium.mjs';

/** The courses the browser tests run, built once per run. */
export const FIXTURE_COURSES = {
  /** test/e2e/fixtures/course: every page type, media, a quiz (what the e2e suites drive). */
  fixture: join(ROOT, 'test', 'e2e', 'fixtures', 'course'),
  /** course/: the shipped mentoring course (test/course/course-in-lms.test.ts, course-accessibility.test.ts). */
  mentoring: join(ROOT, 'course'),
} as const;

export type FixtureCourse = keyof typeof FIXTURE_COURSES;

declare module 'vitest' {
  export interface ProvidedContext {
    /** Playwright's WebSocket endpoint of the run's Chromium; null when Chromium is missing (the files skip). */
    chromiumWsEndpoint: string | null;
    /** Path of each fixture course's zip, built once per run. */
    packageZips: Record<FixtureCourse, string>;
  }
}

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const names = Object.keys(FIXTURE_COURSES) as FixtureCourse[];
  const [launched, ...builds] = await Promise.allSettled([
    missing('chromium') ? null : chromium.launchServer({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }),
    ...names.map((name) => buildPackage(FIXTURE_COURSES[name])),
  ]);
  const server = launched?.status === 'fulfilled' ? (launched.value as BrowserServer | null) : null;
  const zips = builds.map((b) => (b.status === 'fulfilled' ? (b.value as { zip: string }).zip : null));
  const teardown = async (): Promise<void> => {
    await server?.close();
    await Promise.all(zips.map((zip) => zip && rm(dirname(zip), { recursive: true, force: true })));
  };
  const failed = [launched, ...builds].find((r) => r?.status === 'rejected');
  if (failed?.status === 'rejected') {
    await teardown();
    throw failed.reason;
  }
  project.provide('chromiumWsEndpoint', server?.wsEndpoint() ?? null);
  project.provide('packageZips', Object.fromEntries(names.map((name, i) => [name, zips[i] ?? ''])) as Record<FixtureCourse, string>);
  return teardown;
}
