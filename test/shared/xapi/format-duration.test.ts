import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../src/shared/xapi/format-duration.js';
import { statementWarnings } from './validate-statement.js';

describe('formatDuration (ISO 8601, 0.01 s)', () => {
  it.each([
    [0, 'PT0S'],
    [-5, 'PT0S'],
    [Number.NaN, 'PT0S'],
    [4, 'PT0S'],
    [5, 'PT0.01S'],
    [1000, 'PT1S'],
    [12_500, 'PT12.5S'],
    [65_000, 'PT1M5S'],
    [60_000, 'PT1M'],
    [3_600_000, 'PT1H'],
    [3_723_450, 'PT1H2M3.45S'],
    [90_061_999, 'PT25H1M2S'],
  ])('%s ms → %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });

  it('every form passes the validator\'s duration rule', () => {
    for (const ms of [0, 5, 12_500, 65_000, 3_723_450]) {
      const statement = {
        actor: { mbox: 'mailto:a@example.org' }, verb: { id: 'http://adlnet.gov/expapi/verbs/terminated' },
        object: { id: 'https://example.org/a' }, result: { duration: formatDuration(ms) },
      };
      expect(statementWarnings(statement)).toEqual([]);
    }
  });
});
