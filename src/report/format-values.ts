/**
 * How report values read to a person, shared by the terminal table, CSV and HTML so the three agree.
 * Times are in the district's time zone (the report's `--time-zone`, zoned-time.ts), named in each.
 */
import type { Counts } from './aggregate-types.js';
import { formatInZone, isoInZone } from './zoned-time.js';

/** `2026-09-01 01:06 PDT` (`2026-09-01 08:06 UTC` in UTC), or '' for null. */
export function formatDate(ms: number | null | undefined, zone = 'UTC'): string {
  if (ms === null || ms === undefined) return '';
  return formatInZone(ms, zone);
}

/** ISO 8601 in UTC with ms, for JSON (machines read it). */
export function isoDate(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}

/** ISO 8601 with the zone's offset, for CSV: exact, and the date a spreadsheet shows is the district's. */
export function zonedIsoDate(ms: number | null | undefined, zone = 'UTC'): string | null {
  return ms === null || ms === undefined ? null : isoInZone(ms, zone);
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
  if (seconds === null || !Number.isFinite(seconds)) return '';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

export function formatSuccess(success: boolean | null): string {
  return success === null ? '' : success ? 'yes' : 'no';
}

/**
 * A count in the report's English, its thousands grouped: `79,843`. The statement counts of a district's export run
 * to hundreds of thousands, and `79843 counted of 80003 read` had to be read digit by digit. Grouped by hand, not
 * with toLocaleString, so it never depends on the ICU data of the Node that runs the report.
 */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** What became of the statements read, for the terminal's and the HTML's details (one wording for both). */
export function describeCounts(c: Readonly<Counts>): string {
  const n = formatCount;
  return `${n(c.counted)} counted of ${n(c.read)} read; left out: ${n(c.duplicates)} duplicates, ${n(c.voided)} voided (${n(c.voiding)} voiding statements), ${n(c.outOfScope)} other courses, ${n(c.outOfWindow)} outside the dates, ${n(c.otherVersion)} other versions, ${n(c.untrusted)} untrusted, ${n(c.anonymous)} by anonymous groups`;
}
