/**
 * The report's dates in one time zone: the district's. A deadline is a day on the district's calendar:
 * a teacher in California who completes at 7 pm on December 20 has met a December 20 deadline, though it
 * is December 21 in UTC. So `--until 2026-12-20` ends at midnight there, and completion dates read there,
 * in the zone of the machine the report runs on unless `--time-zone` names another (an IANA name such as
 * America/Chicago, or UTC). Machines' copies (JSON) stay in UTC, with the zone named beside them.
 *
 * Plain `Intl`, no time zone library: Node ships ICU's zone data (full-icu since Node 13).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    // hourCycle h23: midnight is 00, never 24 (some ICU versions wrote 24 with hour12: false).
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
    formatters.set(zone, f);
  }
  return f;
}

/** The zone of the machine (the `TZ` variable, else the system's), the report's default. */
export function machineTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The zone's canonical name (`utc` → `UTC`), or undefined when it is not a time zone `Intl` knows. */
export function checkTimeZone(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** `CST`, `CDT`, `UTC`, or `GMT+2` where the zone has no common abbreviation in English. */
  readonly abbreviation: string;
}

function wallClock(ms: number, zone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(ms)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    abbreviation: parts.timeZoneName ?? zone,
  };
}

/** How far the zone's clocks are ahead of UTC at the instant, in ms (negative west of Greenwich). */
export function offsetAt(ms: number, zone: string): number {
  const w = wallClock(ms, zone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant a wall-clock time in the zone names, as Temporal's `disambiguation: 'compatible'` and every
 * calendar app reads one: a time the clocks show twice (the hour repeated in autumn) is the first of the
 * two; a time they skip (the hour lost in spring) is read with the offset from before the change, so it
 * lands as far past the change as it was past the last time before it. Most zones change at 2 am, but
 * Chile, Cuba, Paraguay and Lebanon change at midnight: there the day itself starts at 01:00, and its start
 * taken with the wrong offset was the evening before (`--until` a day ended at 22:59).
 */
export function zonedInstant(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, zone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // The offsets a day either side: no zone changes its clocks twice within two days.
  const before = offsetAt(wall - DAY, zone);
  const after = offsetAt(wall + DAY, zone);
  const named = [before, after].map((offset) => wall - offset).filter((instant) => offsetAt(instant, zone) === wall - instant);
  return named.length > 0 ? Math.min(...named) : wall - before;
}

const DAY = 86_400_000;

/** `2026-12-20 19:00 PST`: for people (the terminal table, the HTML report). */
export function formatInZone(ms: number, zone: string): string {
  const w = wallClock(ms, zone);
  return `${w.year}-${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)} ${w.abbreviation}`;
}

/**
 * ISO 8601 with the zone's offset, `2026-12-20T19:00:00.000-08:00` (`Z` in UTC): exact, and the date a
 * spreadsheet shows is the district's (CSV).
 */
export function isoInZone(ms: number, zone: string): string {
  const offset = offsetAt(ms, zone);
  if (offset === 0) return new Date(ms).toISOString();
  const local = new Date(ms + offset).toISOString().slice(0, 23);
  const minutes = Math.abs(offset) / 60_000;
  return `${local}${offset < 0 ? '-' : '+'}${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}
