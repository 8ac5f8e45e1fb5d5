/**
 * The word a mistyped one was meant to be, for "did you mean" hints: command-line options
 * (src/cli/explain-args-error.ts) and the player's words in course.yaml (src/compile/parse-config.ts). Pure.
 */

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
