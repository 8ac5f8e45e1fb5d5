/**
 * ISO 8601 durations as xAPI sends them in `result.duration` (Data §2.4.5: `PT12M30.5S`, 0.01 s
 * precision; `P1DT2H` and weeks are legal too). Years and months have no fixed length: an LRS
 * should never see them for a session, so they count as 365 and 30 days rather than failing.
 */
const DURATION = /^P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

const FACTORS = [365 * 86400, 30 * 86400, 7 * 86400, 86400, 3600, 60, 1] as const;

/** Seconds, or null when the text is not an ISO 8601 duration or one longer than a year. */
export function parseDuration(text: string): number | null {
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return null;
  let seconds = 0;
  for (let i = 0; i < FACTORS.length; i++) {
    const part = m[i + 1];
    if (part !== undefined) seconds += Number(part.replace(',', '.')) * (FACTORS[i] ?? 0);
  }
  // Four hundred nines, or `P1000Y`, from another tool: no session lasts longer than a year, and past that
  // the figure would be the whole column's (the sum, the median). Such a close is estimated from its timestamps.
  return Number.isFinite(seconds) && seconds <= MAX_SESSION_SECONDS ? seconds : null;
}

/** Longer than any session: a year. */
const MAX_SESSION_SECONDS = 365 * 86400;
