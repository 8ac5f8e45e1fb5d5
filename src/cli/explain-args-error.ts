/**
 * node:util parseArgs errors as a person reads them: an unknown flag gets the closest known one ("did
 * you mean --course?") instead of advice about positional arguments. Pure.
 */

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

/**
 * The known word nearest to `given` (edit distance at most 2, or a prefix of at least 3 letters). One
 * letter (`-p`, a short option coursepack does not have) is within 2 edits of every two-letter word, so it
 * only names the one option that starts with it, if exactly one does.
 */
export function closest(given: string, known: readonly string[]): string | null {
  if (given.length === 1) {
    const starting = known.filter((word) => word.startsWith(given.toLowerCase()));
    return starting.length === 1 ? (starting[0] ?? null) : null;
  }
  let best: { word: string; distance: number } | null = null;
  for (const word of known) {
    const distance = word.startsWith(given) && given.length >= 3 ? 0.5 : editDistance(given.toLowerCase(), word);
    if (distance <= 2 && (!best || distance < best.distance)) best = { word, distance };
  }
  return best?.word ?? null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
