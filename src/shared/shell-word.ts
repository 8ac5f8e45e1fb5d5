/**
 * The words of a command coursepack prints for people to paste (a hint in an error, a note of the report, a line
 * of the LRS): each must read back as itself in sh, bash and zsh, whatever the value holds (a space, a quote,
 * `$`, `!`, `*`, `#`, `&`, letters outside ASCII, nothing at all), and stay as typed when it is plain, so
 * `npx coursepack build --out dist` reads as people write it. Pure.
 */

/** Characters no shell reads as anything but themselves, anywhere in a word. */
const PLAIN = /^[\w@%+=:,./-]+$/;

/** Characters a shell still reads inside double quotes: expansions, escapes and (bash, zsh) history's `!`. */
const LIVE_IN_DOUBLE_QUOTES = /["$`\\!]/;

/**
 * A word as a shell reads it back: as it is when plain, else in double quotes, which sh, cmd.exe and
 * PowerShell all take for a path with spaces; in single quotes when it holds a character that double quotes
 * would still expand. A plain word that begins with `=` is quoted too: zsh reads `=name` as the path of the
 * command `name` (its EQUALS option, on by default), and fails when there is none.
 */
export function shellWord(word: string): string {
  if (PLAIN.test(word) && !word.startsWith('=')) return word;
  if (!LIVE_IN_DOUBLE_QUOTES.test(word)) return `"${word}"`;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * `--name value` for a command line of coursepack's, as `--name=value` when the value begins with a dash:
 * node:util parseArgs (strict) refuses `--out -x/` as "ambiguous", taking `-x/` for an option.
 */
export function optionWords(name: string, value: string): string {
  return value.startsWith('-') ? shellWord(`--${name}=${value}`) : `--${name} ${shellWord(value)}`;
}
