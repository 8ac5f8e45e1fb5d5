/**
 * Ctrl-C (SIGINT) or SIGTERM during a build: the zip being written is a temporary file next to its target
 * (src/package/write-atomically.ts); remove this process's temporary files in the output folder, then die
 * of the same signal, so the shell sees an interrupted command and the folder is as it was.
 */
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writerOf } from '../shared/temporary-name.js';

export function stopOnSignal(outDir: string): () => void {
  const handler = (signal: NodeJS.Signals) => {
    try {
      // Files only: a folder with a matching name is not one this process wrote (rmSync would refuse it).
      for (const e of readdirSync(outDir, { withFileTypes: true })) if (e.isFile() && writerOf(e.name) === process.pid) rmSync(path.join(outDir, e.name), { force: true });
    } catch {
      // No output folder yet: nothing was written.
    }
    process.stderr.write(`coursepack: stopped (${signal}); nothing was written.\n`);
    stop();
    process.kill(process.pid, signal);
  };
  const stop = () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return stop;
}
