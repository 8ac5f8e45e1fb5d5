/**
 * Global setup of both vitest projects (vitest.config.ts): bundle lib/ when it is missing (a bare
 * `npx vitest` on a fresh clone; `npm test` has bundled already). Here, before any test file runs, so
 * parallel files never rebundle under each other.
 */
import { ensureBundle } from './helpers/run-cli.mjs';

export function setup(): void {
  ensureBundle();
}
