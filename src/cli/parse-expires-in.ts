/**
 * `lrs keys add --expires-in DURATION`: a whole number and one unit, `m` minutes, `h` hours or `d` days (`90m`, `1h`,
 * `2d`). Strict on purpose: a key's lifetime is a security setting, so `1.5h`, `1 h`, `1H`, `P1D`, `0m` or `-1h` are
 * refused rather than guessed at. The report's ISO 8601 parser (src/report/parse-duration.ts) reads what xAPI
 * clients send, years and fractions included, and is not what a person types here.
 */

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * The longest lifetime: a year. A token service's keys last an hour or so; a key meant to last longer than a year is
 * one meant never to expire (make it without --expires-in), and a typo (`90d` for `90m`) should not pass unnoticed
 * for years.
 */
export const MAX_EXPIRES_IN_MS = 365 * UNIT_MS.d;

export const EXPIRES_IN_HINT = 'a whole number of minutes, hours or days, like 90m, 1h or 2d, at most 365d';

/** Milliseconds, or undefined when the text is not such a duration, is 0, or is longer than MAX_EXPIRES_IN_MS. */
export function parseExpiresIn(text: string): number | undefined {
  // Six digits at most: past that no value is under the maximum, and Number() never sees a huge figure.
  const match = /^([1-9]\d{0,5})([mhd])$/.exec(text);
  if (!match) return undefined;
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return ms <= MAX_EXPIRES_IN_MS ? ms : undefined;
}
