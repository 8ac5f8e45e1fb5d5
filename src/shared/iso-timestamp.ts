/**
 * An ISO 8601 date and time → milliseconds since the epoch, NaN when the text is not one.
 *
 * Why not `Date.parse`: it reads a time without a zone as the machine's local time (so one export gave
 * other reports in New York and in Tokyo), and it refuses forms ISO 8601 allows and LRSs accept: the
 * basic format (`20240901T080000Z`), reduced precision (`2024-09-01T08Z`), a comma before the fraction.
 * xAPI timestamps are ISO 8601 (Data §4.5) and SHOULD carry a zone; one without a zone is read as UTC,
 * as the embedded LRS and the report's own output ("UTC") do.
 *
 * Accepted: a calendar date `YYYY-MM-DD` or `YYYYMMDD`, `T`, then `hh`, `hh:mm`, `hh:mm:ss` (or `hhmm`,
 * `hhmmss`, the same format as the date), a fraction of the last unit given (`.` or `,`), and `Z`,
 * `±hh`, `±hh:mm` or `±hhmm`; `t` and `z` in lower case too (RFC 3339 §5.6). Hour 24 only as
 * `24:00:00` (the end of the day). Days are checked against their month, so `02-30` is no date (Date.parse
 * would roll it into March). A leap second (`:60`, ISO 8601 and RFC 3339 §5.7 allow it; Date.parse
 * refuses it) is read as the last millisecond of its minute: one such statement stopped a whole report.
 */
const EXTENDED = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2})(?::(\d{2})(?::(\d{2}))?)?(?:[.,](\d+))?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;
const BASIC = /^(\d{4})(\d{2})(\d{2})[Tt](\d{2})(?:(\d{2})(\d{2})?)?(?:[.,](\d+))?([Zz]|[+-]\d{2}(?:\d{2})?)?$/;

export function parseIsoTimestamp(text: string): number {
  const m = EXTENDED.exec(text) ?? BASIC.exec(text);
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s, fraction, zone] = m as unknown as [string, string, string, string, string, string | undefined, string | undefined, string | undefined, string | undefined];
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  // Any `:60`, not only at minute 59: in a zone with a half-hour offset the leap second is `05:29:60+05:30`.
  const leap = s === '60';
  const second = s === undefined ? 0 : leap ? 59 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return Number.NaN;
  if (hour > 23 && !(hour === 24 && !leap)) return Number.NaN;
  if (minute > 59 || second > 59) return Number.NaN;
  if (hour === 24 && (minute !== 0 || second !== 0 || (fraction !== undefined && /[1-9]/.test(fraction)))) return Number.NaN;
  // The fraction belongs to the last unit written: `08.5` is half past eight.
  const unitMs = s !== undefined ? 1000 : mi !== undefined ? 60_000 : 3_600_000;
  const extra = leap ? 999 : fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * unitMs);
  let offsetMinutes = 0;
  if (zone !== undefined && zone !== 'Z' && zone !== 'z') {
    const digits = zone.slice(1).replace(':', '');
    const zh = Number(digits.slice(0, 2));
    const zm = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (zh > 23 || zm > 59) return Number.NaN;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (zh * 60 + zm);
  }
  // Date.UTC reads years 0-99 as 1900-1999: set the full year apart.
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year);
  return date.getTime() + extra - offsetMinutes * 60_000;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
