/**
 * node:util parseArgs errors as a person reads them: an unknown flag gets the closest known one ("did
 * you mean --course?") instead of advice about positional arguments. Pure.
 */
import { closest } from '../shared/closest-word.js';
import { COMMAND_OPTIONS, commandsWith, type CommandName } from './option-names.js';

/** A word with no option before it, in a command that takes credentials: not quoted back. */
export const STRAY_WORD = 'Unexpected argument: a word without an option before it (put quotes around a value with spaces in it, like --password "two words")';

/**
 * `error` from parseArgs; `command`: whose options were given (src/cli/option-names.ts). `secret`: the command
 * takes credentials, so a stray word is not quoted back: it can be the second half of a password typed
 * with a space in it (`--password two words`), and messages never carry credentials.
 */
export function explainArgsError(error: unknown, command: CommandName, secret = false): string {
  const message = error instanceof Error ? error.message : String(error);
  if (secret && /^Unexpected argument '/.test(message)) return STRAY_WORD;
  const unknown = /^Unknown option '(-{1,2})([^']*)'/.exec(message);
  if (!unknown) return message;
  const known: readonly string[] = COMMAND_OPTIONS[command];
  const given = unknown[2] ?? '';
  const owners = unknown[1] === '--' ? commandsWith(given, command) : [];
  if (owners.length > 0) {
    const list = `${owners.slice(0, -1).join(', ')}${owners.length > 1 ? ' and ' : ''}${owners.at(-1) ?? ''}`;
    return `Unknown option '--${given}': ${command} has no --${given} (${list} ${owners.length > 1 ? 'have' : 'has'} it). Options: ${known.map((k) => `--${k}`).join(', ')}.`;
  }
  // A one-letter option is no typo of a long one (`report -v` is not `--version`, there the course version
  // filter, whose hint led to "argument missing").
  const guess = unknown[1] === '-' && given.length === 1 ? undefined : closest(given, known);
  return `Unknown option '${unknown[1] ?? ''}${given}'. ${guess ? `Did you mean --${guess}?` : `Options: ${known.map((k) => `--${k}`).join(', ')}.`}`;
}

interface OptionToken {
  readonly kind: string;
  readonly name?: string;
  readonly value?: string | undefined;
}

/**
 * The first option that takes a value, may be given once, and is given more than once (`--since 2026-09-01
 * … --since 2026-10-01`), as a usage error; undefined when there is none. parseArgs keeps the last value
 * and drops the others without a word, so `--from august.ndjson --from september.ndjson` reported
 * September alone. `tokens` is parseArgs' `tokens: true` answer. Values are not quoted back (one can be a
 * password).
 */
export function repeatedOption(tokens: readonly OptionToken[] | undefined, options: Readonly<Record<string, { readonly type: string; readonly multiple?: boolean }>>): string | undefined {
  const seen = new Set<string>();
  for (const token of tokens ?? []) {
    if (token.kind !== 'option' || token.name === undefined) continue;
    const option = options[token.name];
    if (!option || option.type !== 'string' || option.multiple) continue;
    if (seen.has(token.name)) return `--${token.name} is given twice: give it once (only one value can count)`;
    seen.add(token.name);
  }
  return undefined;
}
