/**
 * Runs `coursepack lrs` (src/cli/run-lrs.ts, bundled by embedded-lrs.ts) as a child of a test, and
 * exits by itself when the process that started it is gone, so a killed test run never leaves an
 * LRS behind (as run-xapi-statements.cjs does for the peer).
 */
import { runLrs } from '../../src/cli/run-lrs.js';
import './exit-with-parent.cjs';

runLrs(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
