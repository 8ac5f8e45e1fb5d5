/** ISO 8601 durations from any tool's statements, and times as the report shows them. */
import { describe, expect, it } from 'vitest';
import { formatSeconds } from '../../src/report/format-values.js';
import { parseDuration } from '../../src/report/parse-duration.js';

describe('parseDuration', () => {
  it.each([
    ['PT12M30.5S', 750.5], ['P1DT2H', 93_600], ['PT1.5H', 5_400], ['PT1,5M', 90], ['P1W', 604_800], ['PT0S', 0],
  ])('reads %s as %d s', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it('refuses what is no duration, and one no session lasts (a column of "Infinity h NaN min" before)', () => {
    for (const text of ['', 'P', 'PT', 'P1DT', '-PT1H', '12 minutes', `PT${'9'.repeat(400)}S`, 'P1000Y', 'P2Y']) expect(parseDuration(text), text).toBeNull();
    expect(parseDuration('P1Y')).toBe(365 * 86_400);
  });
});

describe('formatSeconds', () => {
  it('says seconds, minutes, then hours and minutes; nothing for no time or a time that is no number', () => {
    expect([formatSeconds(42), formatSeconds(600), formatSeconds(3_600 * 100 + 60), formatSeconds(null), formatSeconds(Number.NaN), formatSeconds(Infinity)])
      .toEqual(['42 s', '10 min', '100 h 01 min', '', '', '']);
  });
});
