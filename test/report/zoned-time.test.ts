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
