/**
 * The `coursepack` bin: finds the command and hands over. Only the CLI decides exit codes (0 ok, 1 content
 * errors, 2 usage/config/internal) and talks to the terminal; the build library never touches either.
 *
 * Kept tiny on purpose: this file and the command table load nothing of the pipeline, so `--help`,
 * `--version` and usage errors answer at Node's own start-up speed (BENCHMARKS.md, cold start).
 */
import { readFileSync } from 'node:fs';
import module from 'node:module';
import v8 from 'node:v8';
import { COMMANDS, usage, usageError } from './commands.js';
import { describeError } from './describe-error.js';
import { loadCommand } from './load-command.js';
import { parseTopLevel } from './parse-args.js';
import { toolDir } from './tool-dir.js';

// Node 22.1+ keeps V8's compiled code on disk between runs (a cold build then skips most parsing and
// compiling of the bundle). Feature-detected: Node 20 has no such call and simply runs without it.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

async function main(argv: readonly string[]): Promise<number> {
  const top = parseTopLevel(argv, Object.keys(COMMANDS), Object.keys(COMMANDS).filter((name) => COMMANDS[name]?.ownHelp));
  switch (top.kind) {
    case 'help':
      process.stdout.write(`${usage()}\n`);
      return 0;
    case 'version': {
      const pkg = JSON.parse(readFileSync(`${toolDir}/package.json`, 'utf8')) as { version: string };
      process.stdout.write(`${pkg.version}\n`);
      return 0;
    }
    case 'usage-error':
      process.stderr.write(usageError(top.message));
      return 2;
    case 'command': {
      const entry = COMMANDS[top.name];
      if (!entry) return 2;
      // A cold build allocates fast and briefly; V8 starts the young generation small and doubles it at each
      // scavenge, so the build spent 15 collections (14 scavenges) growing it. Growing 8× at a time makes it 9
      // (measured with --trace-gc, BENCHMARKS.md). V8 reads the flag whenever it grows the young generation, so
      // setting it here, before the command loads, takes effect.
      v8.setFlagsFromString('--semi-space-growth-factor=8');
      return (await loadCommand(entry.module, entry.run))(top.argv);
    }
  }
}

// `--debug`, anywhere: stack traces for every error, not only for coursepack's own bugs.
const argv = process.argv.slice(2);
const debug = argv.includes('--debug');

main(argv.filter((a) => a !== '--debug')).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A broken installation, a course folder that is a file, no permission, a full disk: said plainly.
    // Anything else is a coursepack bug, with its stack and a request to report it.
    process.stderr.write(describeError(error, debug).text);
    process.exitCode = 2;
  },
);
