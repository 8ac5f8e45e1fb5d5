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

/**
 * Ctrl-C (SIGINT) or SIGTERM while `coursepack report` reads an LRS: the statements read so far sit in a
 * temporary folder (or a sync file's `.part`), learners' names and answers among them. Removed, then the
 * process dies of the same signal. The sync file itself and its cursor are left as they were.
 */
export function removeOnSignal(paths: readonly string[], command: string): () => void {
  const handler = (signal: NodeJS.Signals) => {
    for (const p of paths) rmSync(p, { recursive: true, force: true });
    process.stderr.write(`coursepack ${command}: stopped (${signal}); the statements read so far were removed.\n`);
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
