/**
 * A `coursepack` command's function (src/cli/run-<name>.ts, what the bundled bin calls) run in this process,
 * for tests that check what a command computes: a spawned command costs a Node start-up and the loading of its
 * bundle (~0.3 CPU-s), this a few milliseconds. What the process itself does (its exit code as the shell
 * sees it, its death of a signal, its start-up, its one-line failures) stays with tests that run the real
 * command (run-cli.mjs).
 *
 * Like the spawned command: `env` over process.env, stdout and stderr captured, the exit code the function
 * returns. The umask the commands set (0o077) and the variables are put back afterwards: the test worker
 * goes on to other files (vitest.config.ts, isolate: false).
 */
import { vi } from 'vitest';

export interface CommandRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export async function commandInProcess(run: (argv: readonly string[]) => Promise<number>, args: readonly string[], env: Record<string, string> = {}): Promise<CommandRun> {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  const umask = process.umask();
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await run(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.umask(umask);
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
