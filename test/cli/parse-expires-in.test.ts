/**
 * `lrs keys add --expires-in`: what a person may type for a key's lifetime, and what is refused rather than guessed.
 */
import { describe, expect, it } from 'vitest';
import { MAX_EXPIRES_IN_MS, parseExpiresIn } from '../../src/cli/parse-expires-in.js';

const MINUTE = 60_000;

describe('parseExpiresIn', () => {
  it.each([
    ['1m', MINUTE],
    ['90m', 90 * MINUTE],
    ['1h', 60 * MINUTE],
    ['36h', 36 * 60 * MINUTE],
    ['2d', 2 * 24 * 60 * MINUTE],
    ['365d', 365 * 24 * 60 * MINUTE],
    ['525600m', 365 * 24 * 60 * MINUTE],
    ['8760h', 365 * 24 * 60 * MINUTE],
  ])('reads %s', (text, ms) => {
    expect(parseExpiresIn(text)).toBe(ms);
  });

  it.each([
    // zero, negative, fractional, spaced, upper case, unitless, unknown units, ISO 8601, compound, empty
    '0m', '0h', '0d', '00m', '-1h', '+1h', '1.5h', '1,5h', '1 h', ' 1h', '1h ', '1H', '1D', '90', 'h', '1s', '1w', '1y', '1mo', 'P1D', 'PT1H', '1h30m', '',
    // nonsense and absurdly long
    'soon', 'never', 'Infinity', 'NaNm', '0x10m', '1e3m', '366d', '8761h', '525601m', '999999d', '99999999999999999999999d',
  ])('refuses %j', (text) => {
    expect(parseExpiresIn(text)).toBeUndefined();
  });

  it('allows a year at most', () => {
    expect(MAX_EXPIRES_IN_MS).toBe(365 * 24 * 60 * MINUTE);
  });
});
