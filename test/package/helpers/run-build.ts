// Runs the real CLI (`node lib/coursepack.mjs build`) the way a user does, into a temp folder.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI = `${ROOT}lib/coursepack.mjs`;

/**
 * `npm test` bundles first; a bare `npx vitest run test/package` on a fresh clone has no lib/ yet,
 * so bundle then. (Not always: parallel test files rewriting lib/ under each other would race.)
 */
export function ensureBundle(): void {
  if (existsSync(CLI)) return;
  const run = spawnSync(process.execPath, ['src/bundle.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`bundling failed: ${run.stderr}`);
}

export interface BuildRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runBuild(courseDir: string, outDir: string, ...extra: string[]): BuildRun {
  const run = spawnSync(process.execPath, [CLI, 'build', '--course', courseDir, '--out', outDir, ...extra], { cwd: ROOT, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
