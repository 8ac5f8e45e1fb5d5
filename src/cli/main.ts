/**
 * The `coursepack` command. Only this file decides exit codes (0 ok, 1 content errors, 2 usage/config/internal)
 * and talks to the terminal; the build library never touches either.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCourse, formatDiagnostic, hasErrors, summarize, ToolError, validateCourse, type Diagnostic } from '../compile/index.js';
import { parseCommand, USAGE } from './parse-args.js';

// The bundle lives in <tool>/lib/, so the tool folder is one level up.
const toolDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function print(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
  if (diagnostics.length) process.stderr.write(`\n${summarize(diagnostics)}\n`);
}

function sizeOf(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

async function run(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'lrs') return (await import('./run-lrs.js')).runLrs(argv.slice(1));
  // Reports load lazily (their own chunk), so `build` never pays for them at start-up.
  if (argv[0] === 'report') return (await import('./run-report.js')).runReport(argv.slice(1));
  const command = parseCommand(argv);
  const cwd = process.cwd();
  switch (command.kind) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case 'version': {
      const pkg = JSON.parse(readFileSync(path.join(toolDir, 'package.json'), 'utf8')) as { version: string };
      process.stdout.write(`${pkg.version}\n`);
      return 0;
    }
    case 'usage-error':
      process.stderr.write(`coursepack: ${command.message}\n\n${USAGE}\n`);
      return 2;
    case 'validate': {
      const diagnostics = await validateCourse({ courseDir: command.course, cwd, toolDir, split: command.split });
      print(diagnostics);
      if (!diagnostics.length) process.stdout.write(`${command.course}: no problems found\n`);
      return hasErrors(diagnostics) ? 1 : 0;
    }
    case 'build': {
      const course = path.resolve(cwd, command.course);
      const out = path.resolve(cwd, command.out);
      if (out === course || out.startsWith(course + path.sep)) {
        process.stderr.write(`coursepack: --out cannot be inside the course folder; build to dist/\n`);
        return 2;
      }
      const started = performance.now();
      const result = await buildCourse({ courseDir: command.course, outDir: command.out, cwd, toolDir, split: command.split });
      print(result.diagnostics);
      if (hasErrors(result.diagnostics)) {
        process.stderr.write('Nothing was written.\n');
        return 1;
      }
      const ms = Math.round(performance.now() - started);
      for (const o of result.outputs) {
        const shown = path.relative(cwd, o.file);
        process.stdout.write(`Built ${shown.startsWith('..') ? o.file : shown} (${sizeOf(o.bytes)}, ${o.entries} files)\n`);
      }
      process.stdout.write(`${result.outputs.length} package${result.outputs.length === 1 ? '' : 's'} in ${ms} ms\n`);
      return 0;
    }
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof ToolError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`coursepack: ${error instanceof ToolError ? '' : 'internal error: '}${message}\n`);
    process.exitCode = 2;
  },
);
