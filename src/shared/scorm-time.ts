/**
 * SCORM 1.2 time formats (SCORM12.md §3.3, §3.6), pure so both the runtime and tests use them.
 *
 * - CMITimespan (`cmi.core.session_time`, `cmi.interactions.n.latency`): Moodle accepts
 *   `^([0-9]{2,4}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,2})?$`; ISO 8601 `PT…` is a 405. We always
 *   write four hour digits and two decimals, capped at 9999:59:59.99.
 * - CMITime (`cmi.interactions.n.time`): a time of day, `^([0-2][0-9]):([0-5][0-9]):([0-5][0-9])(\.[0-9]{1,2})?$`.
 */

const MAX_CENTISECONDS = (9999 * 3600 + 59 * 60 + 59) * 100 + 99;

/** `HHHH:MM:SS.SS` for a duration in milliseconds (negative or non-finite counts as 0). */
export function formatTimespan(milliseconds: number): string {
  const total = Number.isFinite(milliseconds) && milliseconds > 0
    ? Math.min(Math.round(milliseconds / 10), MAX_CENTISECONDS)
    : 0;
  const cs = total % 100;
  const seconds = Math.floor(total / 100);
  const s = seconds % 60;
  const m = Math.floor(seconds / 60) % 60;
  const h = Math.floor(seconds / 3600);
  return `${pad(h, 4)}:${pad(m, 2)}:${pad(s, 2)}.${pad(cs, 2)}`;
}

/**
 * A CMITimespan the LMS gives (`cmi.core.total_time`: the attempt's earlier sessions) in milliseconds;
 * 0 for anything else (an empty value, an LMS's own format): the time so far is then this session's.
 */
export function parseTimespan(text: string): number {
  const m = /^\s*(\d{1,4}):([0-5]\d):([0-5]\d)(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return 0;
  const [, h, mi, s, fraction] = m as unknown as [string, string, string, string, string | undefined];
  return ((Number(h) * 60 + Number(mi)) * 60 + Number(s)) * 1000 + (fraction === undefined ? 0 : Number(fraction.padEnd(2, '0')) * 10);
}

/** `HH:MM:SS` local time of day, for `cmi.interactions.n.time`. */
export function formatTimeOfDay(date: Date): string {
  return `${pad(date.getHours(), 2)}:${pad(date.getMinutes(), 2)}:${pad(date.getSeconds(), 2)}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
