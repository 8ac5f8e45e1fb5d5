/**
 * How report values read to a person, shared by the terminal table, CSV and HTML so the three agree.
 * Times are UTC: a district spans one time zone, but the report cannot know which, and says "UTC".
 */

/** `2026-09-01 08:06 UTC`, or '' for null. */
export function formatDate(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '';
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** ISO 8601 with ms, for JSON and CSV (machines read them). */
export function isoDate(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}

/** A scaled score (-1..1) as a whole percent: `85%`. */
export function formatScaled(scaled: number | null): string {
  return scaled === null ? '' : `${Math.round(scaled * 100)}%`;
}

/** `part` of `whole` as a percent with no decimals, '' when whole is 0. */
export function percent(part: number, whole: number): string {
  return whole === 0 ? '' : `${Math.round((100 * part) / whole)}%`;
}

/** `1 h 05 min`, `12 min`, `40 s`. */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return '';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

export function formatSuccess(success: boolean | null): string {
  return success === null ? '' : success ? 'yes' : 'no';
}
