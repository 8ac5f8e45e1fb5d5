import { describe, expect, it } from 'vitest';
import { formatTimeOfDay, formatTimespan, parseTimespan } from '../../src/shared/scorm-time.js';

// Moodle's regexes (SCORM12.md §3.3).
const TIMESPAN = /^([0-9]{2,4}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,2})?$/;
const TIME = /^([0-2][0-9]):([0-5][0-9]):([0-5][0-9])(\.[0-9]{1,2})?$/;

describe('SCORM 1.2 time formats', () => {
  it.each([
    [0, '0000:00:00.00'],
    [1234, '0000:00:01.23'],
    [90_500, '0000:01:30.50'],
    [3_600_000 * 25 + 61_000, '0025:01:01.00'],
    [-5, '0000:00:00.00'],
    [Number.NaN, '0000:00:00.00'],
    [3_600_000 * 20_000, '9999:59:59.99'],
  ])('formatTimespan(%d) is %s', (ms, expected) => {
    expect(formatTimespan(ms)).toBe(expected);
    expect(formatTimespan(ms)).toMatch(TIMESPAN);
  });

  it('formats a time of day as HH:MM:SS', () => {
    expect(formatTimeOfDay(new Date(2026, 0, 2, 9, 5, 7))).toBe('09:05:07');
    expect(formatTimeOfDay(new Date(2026, 0, 2, 23, 59, 59))).toMatch(TIME);
  });

  it.each([
    ['0000:00:04.70', 4_700],
    ['12:30:05', (12 * 3600 + 30 * 60 + 5) * 1000],
    ['0001:00:00.5', 3_600_500],
    ['', 0],
    ['PT5M', 0],
    ['00:61:00', 0],
  ])('parseTimespan(%s) is %d ms (0 for what is not a CMITimespan)', (text, ms) => {
    expect(parseTimespan(text)).toBe(ms);
  });

  it('reads what formatTimespan writes', () => {
    for (const ms of [0, 10, 4_700, 3_599_990, 36_000_000]) expect(parseTimespan(formatTimespan(ms))).toBe(ms);
  });
});
