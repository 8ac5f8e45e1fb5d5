/**
 * `coursepack preview` as a test's child (the real bin, exiting by itself if the test process dies): its
 * address, its output, and the page's own event stream, to wait for the next rebuild.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { CLI, ROOT } from './run-cli.mjs';

const children: ChildProcess[] = [];

/** Kills every preview a test file started (afterAll). */
export function stopPreviews(): void {
  for (const child of children.splice(0)) child.kill('SIGKILL');
}

export interface Preview {
  readonly url: string;
  readonly child: ChildProcess;
  output(): string;
  /** Resolves at the next `rebuilt` event of the page's event stream (opened when this preview started). */
  nextRebuild(): Promise<void>;
}

export async function startPreview(course: string, port = '0'): Promise<Preview> {
  const child = spawn(process.execPath, ['--import', new URL('../helpers/exit-with-parent.cjs', import.meta.url).href, CLI, 'preview', '--course', course, '--port', port], {
    cwd: ROOT, env: { ...process.env, CP_PARENT_PID: String(process.pid) }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no preview address within 20 s:\n${out}`)), 20_000);
    child.stdout?.on('data', () => {
      const match = /Preview at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`the preview exited with ${String(code)}:\n${out}`)));
  });
  // The page's own event stream, as the reload script opens it.
  const events = await fetch(new URL('__coursepack/events', url));
  const reader = events.body!.getReader();
  // The build the preview shows, as the stream says it (`event: build`, its number, first as the stream
  // opens); each waiter wants a later one than there was when it began to wait.
  let current = 0;
  let text = '';
  const waiters: Array<{ after: number; resolve: () => void }> = [];
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      text += new TextDecoder().decode(value);
      for (let m = /event: build\ndata: (\d+)\n\n/.exec(text); m; m = /event: build\ndata: (\d+)\n\n/.exec(text)) {
        current = Number(m[1]);
        text = text.slice(m.index + m[0].length);
      }
      for (const w of waiters.filter((w) => current > w.after)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  })();
  await new Promise<void>((resolve) => waiters.push({ after: 0, resolve }));
  const nextRebuild = () => {
    const after = current;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no rebuild within 20 s:\n${out}`)), 20_000);
      waiters.push({ after, resolve: () => {
        clearTimeout(timer);
        resolve();
      } });
    });
  };
  return { url, child, output: () => out, nextRebuild };
}

