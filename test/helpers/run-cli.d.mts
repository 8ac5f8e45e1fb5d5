export const ROOT: string;
export const CLI: string;
export interface CliOptions {
  /** Working folder of the command (default: the repository root, so relative course paths read as in the docs). */
  cwd?: string;
  /** Options for node itself, before the script (e.g. `--import` of test/helpers/fake-clock.mjs). */
  nodeArgs?: readonly string[];
  /** Added to this process's environment. */
  env?: Readonly<Record<string, string>>;
  /** The bin to run (default: this checkout's lib/coursepack.mjs); another install's, to test what it reads. */
  bin?: string;
}
export interface CliRun {
  /** Exit code; null when a signal ended the process. */
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}
export function ensureBundle(): void;
export function runCli(args: readonly string[], options?: CliOptions): Promise<CliRun>;
export function fakeClock(ms: number): CliOptions;
export function runBuild(courseDir: string, outDir: string, extra?: readonly string[], options?: CliOptions): Promise<CliRun>;
export function buildPackage(courseDir: string): Promise<{ zip: string; dir: string }>;
