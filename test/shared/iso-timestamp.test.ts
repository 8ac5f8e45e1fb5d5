import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoTimestamp } from '../../src/shared/iso-timestamp.js';

const at = (iso: string) => Date.parse(iso);

describe('parseIsoTimestamp', () => {
  it.each([
    ['2024-09-01T08:06:00.000Z', '2024-09-01T08:06:00.000Z'],
    ['2024-09-01T08:06:00+00:00', '2024-09-01T08:06:00.000Z'],
    ['2024-09-01T10:06:00+02:00', '2024-09-01T08:06:00.000Z'],
    ['2024-09-01T03:06:00-0500', '2024-09-01T08:06:00.000Z'],
    ['2024-09-01T13:36:00+05:30', '2024-09-01T08:06:00.000Z'],
    ['2024-09-01T10:06+02', '2024-09-01T08:06:00.000Z'],
    // Without a zone: UTC, whatever the machine's time zone (Date.parse would read local time).
    ['2024-09-01T23:30:00', '2024-09-01T23:30:00.000Z'],
    ['2024-09-01T23:30', '2024-09-01T23:30:00.000Z'],
    // Basic format and reduced precision, which LRSs accept and Date.parse does not.
    ['20240901T080000Z', '2024-09-01T08:00:00.000Z'],
    ['20240901T0806Z', '2024-09-01T08:06:00.000Z'],
    ['20240901T080600.25+0100', '2024-09-01T07:06:00.250Z'],
    ['2024-09-01T08Z', '2024-09-01T08:00:00.000Z'],
    // A fraction of the last unit written, with a point or a comma; more digits than milliseconds are cut.
    ['2024-09-01T08:06:00,5Z', '2024-09-01T08:06:00.500Z'],
    ['2024-09-01T08:06:00.123456789Z', '2024-09-01T08:06:00.123Z'],
    ['2024-09-01T08.5Z', '2024-09-01T08:30:00.000Z'],
    ['2024-09-01T08:06.5Z', '2024-09-01T08:06:30.000Z'],
    // The end of a day, a leap day, lower-case t and z (RFC 3339 §5.6).
    ['2024-09-01T24:00:00Z', '2024-09-02T00:00:00.000Z'],
    ['2024-09-01t08:06:00.000z', '2024-09-01T08:06:00.000Z'],
    ['2024-02-29T12:00:00Z', '2024-02-29T12:00:00.000Z'],
    // A leap second (RFC 3339 §5.7), at the end of a UTC day or of the same minute in another zone: the
    // minute's last millisecond, so it sorts before the next minute.
    ['2016-12-31T23:59:60Z', '2016-12-31T23:59:59.999Z'],
    ['2016-12-31T18:59:60.5-05:00', '2016-12-31T23:59:59.999Z'],
    ['2017-01-01T05:29:60+05:30', '2016-12-31T23:59:59.999Z'],
  ])('%s is %s', (text, iso) => {
    expect(parseIsoTimestamp(text)).toBe(at(iso));
  });

  it('reads years 0-99 as themselves, not as 1900-1999', () => {
    expect(new Date(parseIsoTimestamp('0050-01-01T00:00:00Z')).getUTCFullYear()).toBe(50);
  });

  it.each([
    '', '2024-09-01', '2024-09-01 08:06:00Z', '2024-9-1T08:06Z', '2024-13-01T00:00Z', '2023-02-29T00:00Z',
    '2024-04-31T00:00Z', '2024-09-01T25:00Z', '2024-09-01T24:00:01Z', '2024-09-01T08:60Z', '2024-09-01T08:06:61Z', '2016-12-31T24:59:60Z', '2026-02-30T00:00:00.000Z',
    '2024-09-01T08:06:00+24:00', '2024-09-01T08:06:00+02:60', '2024-09-01T08:06:00ZZ', '2024-09-0108:06Z',
    '2024-09-01T0806Z', '20240901T08:06Z', 'yesterday', '1725177960000',
  ])('refuses %j', (text) => {
    expect(parseIsoTimestamp(text)).toBeNaN();
  });

  it('agrees with Date.parse on every real date and time written with a zone (fast-check)', () => {
    const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
    const written = fc.tuple(fc.integer({ min: 100, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 23 }),
      fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 999 }), fc.constantFrom('Z', '+02:00', '-05:30'))
      .map(([y, mo, d, h, mi, s, ms, zone]) => `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}.${pad(ms, 3)}${zone}`);
    fc.assert(fc.property(written, (text) => parseIsoTimestamp(text) === Date.parse(text)), { numRuns: 500, seed: 11 });
  });
});
