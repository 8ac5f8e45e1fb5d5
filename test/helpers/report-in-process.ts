/** `coursepack report …args` run in this process (command-in-process.ts): for tests of what a report says. */
import { runReport } from '../../src/cli/run-report.js';
import { commandInProcess, type CommandRun } from './command-in-process.js';

export function reportInProcess(args: readonly string[], env: Record<string, string> = {}): Promise<CommandRun> {
  return commandInProcess(runReport, args, env);
}
