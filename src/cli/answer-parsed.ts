/** A command's parsed arguments: help and usage errors answered here, once for every command. */
import { usage, usageError } from './commands.js';
import type { Parsed } from './parse-args.js';

/** The options to run with, or the exit code when help or a usage error was answered. */
export function optionsOr<T>(parsed: Parsed<T>): T | number {
  if (parsed.kind === 'help') {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  if (parsed.kind === 'usage-error') {
    process.stderr.write(usageError(parsed.message));
    return 2;
  }
  return parsed.options;
}
