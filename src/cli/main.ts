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
import { workflowCommand } from '../messages/github-commands.js';
import { nodeTooOld, unknownSettings } from './check-environment.js';
import { describeError } from './describe-error.js';
import { loadCommand } from './load-command.js';
import { parseTopLevel } from './parse-args.js';
import { cutShort, quietOnClosedOutput } from './quiet-closed-output.js';
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
      // npm only warns about `engines`: on an older Node 20 every build stopped with an internal error.
      const old = nodeTooOld(process.versions.node);
      if (old) {
        process.stderr.write(`coursepack: ${old}\n`);
        return 2;
      }
      for (const line of unknownSettings(process.env)) process.stderr.write(`coursepack: note: ${line}\n`);
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
const format = machineFormat(argv);
const said = format ? recordOutput() : undefined;
quietOnClosedOutput(format === 'json');

main(argv.filter((a) => a !== '--debug')).then(
  (code) => {
    process.exitCode = cutShort() ? Math.max(code, 2) : code;
    if (code === 2) answerInFormat(said);
  },
  (error: unknown) => {
    // A broken installation, a course folder that is a file, no permission, a full disk: said plainly.
    // Anything else is a coursepack bug, with its stack and a request to report it.
    process.stderr.write(describeError(error, debug).text);
    process.exitCode = 2;
    answerInFormat(said);
  },
);

/** `--format json` or `--format github` (or `--format=…`) anywhere: an editor or CI reads stdout. */
function machineFormat(args: readonly string[]): 'json' | 'github' | undefined {
  for (const [i, a] of args.entries()) {
    const value = a.startsWith('--format=') ? a.slice('--format='.length) : a === '--format' ? args[i + 1] : undefined;
    if (value === 'json' || value === 'github') return value;
  }
  return undefined;
}

/** What the run writes: whether anything went to stdout, and the text that went to stderr. */
function recordOutput(): { stdout: boolean; stderr: string } {
  const seen = { stdout: false, stderr: '' };
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
    seen.stdout = true;
    return (out as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
    // The last few thousand characters: a long run's progress lines need not be kept.
    seen.stderr = (seen.stderr + (typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'))).slice(-8000);
    return (err as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write;
  return seen;
}

/**
 * A usage, configuration or environment error (exit 2) under `--format json` said its sentence on stderr
 * only, so an editor or CI parsing stdout got nothing: it gets one JSON document too, with that sentence.
 * Under `--format github` the sentence is also an annotation, so the check's summary says why the step failed.
 */
function answerInFormat(said: { stdout: boolean; stderr: string } | undefined): void {
  if (!said) return;
  // Notes said on the way (a misspelled COURSEPACK_ variable) are not the error a CI step should show as the cause.
  const lines = said.stderr.trim().split('\n');
  const isNote = (line: string): boolean => /^coursepack(?: [a-z]+)?: note: /.test(line);
  const notes = lines.filter(isNote);
  const error = lines.filter((line) => !isNote(line)).join('\n').trim();
  if (format === 'github') {
    if (error) process.stdout.write(`${workflowCommand('error', { title: 'coursepack' }, error)}\n`);
    return;
  }
  if (said.stdout) return;
  process.stdout.write(`${JSON.stringify({ ok: false, exitCode: 2, error, ...(notes.length > 0 ? { notes } : {}) }, null, 2)}\n`);
}
