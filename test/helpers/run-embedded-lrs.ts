/**
 * Runs `coursepack lrs` (src/cli/run-lrs.ts, bundled by embedded-lrs.ts) as a child of a test, and
 * exits by itself when the process that started it is gone, so a killed test run never leaves an
 * LRS behind (as run-xapi-statements.cjs does for the peer).
 */
import { runLrs } from '../../src/cli/run-lrs.js';

const parent = Number(process.env['CP_PARENT_PID']);
if (parent) {
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      process.exit(0);
    }
  }, 500).unref();
}

runLrs(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
