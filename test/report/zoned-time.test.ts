/**
 * Dates in the district's time zone (src/report/zoned-time.ts), by plain Intl: offsets on both sides of
 * a clock change, zones with half hours, the forms people and spreadsheets read.
 */
import { describe, expect, it } from 'vitest';
import { checkTimeZone, formatInZone, isoInZone, offsetAt, zonedInstant } from '../../src/report/zoned-time.js';

const HOUR = 3_600_000;

describe('zoned time', () => {
  it.each([
    ['UTC', Date.UTC(2026, 6, 1), 0],
    ['America/Los_Angeles', Date.UTC(2026, 6, 1), -7 * HOUR],
    ['America/Los_Angeles', Date.UTC(2026, 11, 1), -8 * HOUR],
    ['America/Phoenix', Date.UTC(2026, 6, 1), -7 * HOUR],
    ['Asia/Kolkata', Date.UTC(2026, 6, 1), 5.5 * HOUR],
    ['Pacific/Honolulu', Date.UTC(2026, 11, 1), -10 * HOUR],
  ])('offsetAt(%s)', (zone, ms, offset) => {
    expect(offsetAt(ms, zone)).toBe(offset);
  });

  it('a wall-clock time names its instant on both sides of a clock change', () => {
    // 2026-03-08: clocks in Chicago go from 02:00 CST to 03:00 CDT; 2026-11-01: from 02:00 CDT back to 01:00 CST.
    expect(zonedInstant(2026, 3, 8, 0, 0, 0, 0, 'America/Chicago')).toBe(Date.UTC(2026, 2, 8, 6));
    expect(zonedInstant(2026, 3, 8, 12, 0, 0, 0, 'America/Chicago')).toBe(Date.UTC(2026, 2, 8, 17));
    expect(zonedInstant(2026, 11, 1, 0, 0, 0, 0, 'America/Chicago')).toBe(Date.UTC(2026, 10, 1, 5));
    expect(zonedInstant(2026, 11, 2, 0, 0, 0, 0, 'America/Chicago')).toBe(Date.UTC(2026, 10, 2, 6));
    expect(zonedInstant(2026, 9, 1, 8, 30, 15, 250, 'Asia/Kolkata')).toBe(Date.UTC(2026, 8, 1, 3, 0, 15, 250));
  });

  it('a day starts at its first instant where the clocks change at midnight (Chile, Cuba, Lebanon), and a repeated time is the first of the two', () => {
    // 2026-09-06 in Santiago: 00:00 -04 never comes, the clocks go to 01:00 -03 (04:00 UTC). Read with the
    // offset after the change, the day started at 23:00 on the 5th, and `--until 2026-09-05` ended at 22:59.
    expect(zonedInstant(2026, 9, 6, 0, 0, 0, 0, 'America/Santiago')).toBe(Date.UTC(2026, 8, 6, 4));
    expect(zonedInstant(2026, 9, 6, 0, 30, 0, 0, 'America/Santiago')).toBe(Date.UTC(2026, 8, 6, 4, 30));
    expect(zonedInstant(2026, 3, 8, 0, 0, 0, 0, 'America/Havana')).toBe(Date.UTC(2026, 2, 8, 5));
    // Skipped at 2 am in Chicago: 02:30 is read as 03:30 CDT, as calendar apps do.
    expect(zonedInstant(2026, 3, 8, 2, 30, 0, 0, 'America/Chicago')).toBe(Date.UTC(2026, 2, 8, 8, 30));
    // Shown twice: 2026-11-01 00:00-01:00 in Havana (back from -04 to -05 at 01:00), 01:30 in Chicago, the
    // evening of 2026-10-24 in Beirut (back from +03 to +02 at midnight): the first, so a day holds its repeated hour.
    expect(zonedInstant(2026, 11, 1, 0, 0, 0, 0, 'America/Havana')).toBe(Date.UTC(2026, 10, 1, 4));
    expect(zonedInstant(2026, 11, 1, 1, 30, 0, 0, 'America/Chicago')).toBe(Date.UTC(2026, 10, 1, 6, 30));
    expect(zonedInstant(2026, 10, 24, 23, 30, 0, 0, 'Asia/Beirut')).toBe(Date.UTC(2026, 9, 24, 20, 30));
    expect(zonedInstant(2026, 10, 25, 0, 0, 0, 0, 'Asia/Beirut')).toBe(Date.UTC(2026, 9, 24, 22));
  });

  it('names back each instant from its wall-clock time, the first where the time is shown twice, in zones that change at 2 am, at midnight and by half an hour', () => {
    const wallOf = (t: number, zone: string) => formatInZone(t, zone).slice(0, 16);
    for (const zone of ['America/Chicago', 'America/Santiago', 'America/Havana', 'Asia/Beirut', 'Australia/Lord_Howe', 'Europe/London']) {
      // Every half hour of the two days around each clock change, and instants spread over the year.
      const instants: number[] = [];
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 24 * HOUR) {
        if (offsetAt(t, zone) !== offsetAt(t + 24 * HOUR, zone)) for (let u = t - 12 * HOUR; u < t + 36 * HOUR; u += HOUR / 2) instants.push(u);
        instants.push(t + (t / (24 * HOUR)) % 24 * HOUR);
      }
      expect(instants.length, zone).toBeGreaterThan(365);
      for (const t of instants) {
        const local = new Date(t + offsetAt(t, zone));
        const back = zonedInstant(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate(), local.getUTCHours(), local.getUTCMinutes(), 0, 0, zone);
        const at = `${zone} ${new Date(t).toISOString()}`;
        expect(wallOf(back, zone), at).toBe(wallOf(t, zone));
        // Either the instant itself, or the first showing of a time shown twice (an earlier instant, less than a day before).
        if (back !== t) expect(t - back, at).toBeGreaterThan(0);
        if (back !== t) expect(t - back, at).toBeLessThanOrEqual(HOUR);
      }
    }
  });

  it('reads for people with the zone\'s abbreviation, and for spreadsheets as ISO 8601 with its offset', () => {
    const evening = Date.UTC(2026, 11, 21, 3, 0, 30, 120);
    expect(formatInZone(evening, 'America/Los_Angeles')).toBe('2026-12-20 19:00 PST');
    expect(formatInZone(evening, 'UTC')).toBe('2026-12-21 03:00 UTC');
    expect(formatInZone(Date.UTC(2026, 6, 1, 12), 'America/New_York')).toBe('2026-07-01 08:00 EDT');
    expect(isoInZone(evening, 'America/Los_Angeles')).toBe('2026-12-20T19:00:30.120-08:00');
    expect(isoInZone(evening, 'Asia/Kolkata')).toBe('2026-12-21T08:30:30.120+05:30');
    expect(isoInZone(evening, 'UTC')).toBe('2026-12-21T03:00:30.120Z');
    // Midnight is 00:00, never 24:00.
    expect(formatInZone(Date.UTC(2026, 0, 1), 'UTC')).toBe('2026-01-01 00:00 UTC');
  });

  it('knows zone names the way Intl does, and nothing else', () => {
    expect(checkTimeZone('America/Chicago')).toBe('America/Chicago');
    expect(checkTimeZone('utc')).toBe('UTC');
    expect(checkTimeZone('Central Time')).toBeUndefined();
    expect(checkTimeZone('')).toBeUndefined();
  });
});
