/**
 * node:util parseArgs errors as a person reads them: an unknown flag gets the closest known one ("did
 * you mean --course?") instead of advice about positional arguments. Pure.
 */
import { closest } from '../shared/closest-word.js';

/**
 * `error` from parseArgs; `known`: the command's long option names, without dashes. `secret`: the command
 * takes credentials, so a stray word is not quoted back: it can be the second half of a password typed
 * with a space in it (`--password two words`), and messages never carry credentials.
 */
export function explainArgsError(error: unknown, known: readonly string[], secret = false): string {
  const message = error instanceof Error ? error.message : String(error);
  if (secret && /^Unexpected argument '/.test(message)) {
    return 'Unexpected argument: a word without an option before it (put quotes around a value with spaces in it, like --password "two words")';
  }
  const unknown = /^Unknown option '(-{1,2})([^']*)'/.exec(message);
  if (!unknown) return message;
  const given = unknown[2] ?? '';
  const guess = closest(given, known);
  return `Unknown option '${unknown[1] ?? ''}${given}'. ${guess ? `Did you mean --${guess}?` : `Options: ${known.map((k) => `--${k}`).join(', ')}.`}`;
}
