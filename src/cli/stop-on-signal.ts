/**
 * Ctrl-C (SIGINT), SIGTERM or SIGHUP (the terminal closed: an SSH session dropped) while a command has something
 * half-written: clean it up, say so, then die of the same signal, so the shell sees an interrupted command and
 * nothing is left behind (a dropped session left a report's statements read so far, names and all, in TMPDIR).
 */
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writerOf } from '../shared/temporary-name.js';

const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * During a build: the zip being written is a temporary file next to its target
 * (src/package/write-atomically.ts); this process's temporary files in the output folder are removed.
 */
export function stopOnSignal(outDir: string): () => void {
  return onStopSignal(() => {
    try {
      // Files only: a folder with a matching name is not one this process wrote (rmSync would refuse it).
      for (const e of readdirSync(outDir, { withFileTypes: true })) if (e.isFile() && writerOf(e.name) === process.pid) rmSync(path.join(outDir, e.name), { force: true });
    } catch {
      // No output folder yet: nothing was written.
    }
  }, 'coursepack: stopped (SIGNAL); nothing was written.');
}

/**
 * While `coursepack report` reads an LRS: the statements read so far sit in a temporary folder (or a sync
 * file's `.part`), learners' names and answers among them. The sync file and its cursor stay as they were.
 */
export function removeOnSignal(paths: readonly string[], command: string): () => void {
  return onStopSignal(() => {
    for (const p of paths) rmSync(p, { recursive: true, force: true });
  }, `coursepack ${command}: stopped (SIGNAL); the statements read so far were removed.`);
}

/**
 * While `coursepack report --sync FILE` reads an LRS, where what was read is meant to be kept: the first
 * Ctrl-C (or SIGTERM) aborts `stop`, so the read ends after the pages it has and they go into FILE with
 * their cursor (sync-lrs.ts); a second one stops at once as `removeOnSignal` does, FILE as it was.
 * `received` is the signal that asked, so the caller can die of it once FILE is written.
 */
export function stopGentlyOnSignal(stop: AbortController, paths: readonly string[], command: string): { readonly received: () => NodeJS.Signals | undefined; readonly release: () => void } {
  let received: NodeJS.Signals | undefined;
  let hard: (() => void) | undefined;
  const handler = (signal: NodeJS.Signals) => {
    received = signal;
    off();
    hard = removeOnSignal(paths, command);
    process.stderr.write(`coursepack ${command}: stopping (${signal}); keeping the statements read so far (${signal === 'SIGINT' ? 'Ctrl-C' : signal} again stops at once and keeps none of them)\n`);
    stop.abort(signal);
  };
  const off = () => {
    for (const signal of STOP_SIGNALS) process.off(signal, handler);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, handler);
  return {
    received: () => received,
    release: () => {
      off();
      hard?.();
    },
  };
}

/** Dies of the signal, as a command stopped by it should (the shell then sees an interrupted command). */
export function dieOf(signal: NodeJS.Signals): void {
  process.kill(process.pid, signal);
}

/** `message` with SIGNAL standing for the signal's name. Returns the function that stops listening. */
function onStopSignal(cleanUp: () => void, message: string): () => void {
  const handler = (signal: NodeJS.Signals) => {
    cleanUp();
    process.stderr.write(`${message.replace('SIGNAL', signal)}\n`);
    stop();
    process.kill(process.pid, signal);
  };
  const stop = () => {
    for (const signal of STOP_SIGNALS) process.off(signal, handler);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, handler);
  return stop;
}
