import { describe, expect, it } from 'vitest';
import { fullWidthNumber } from '../../src/compile/full-width-number.js';

describe('fullWidthNumber: a number typed in a keyboard\'s full-width mode, as ordinary digits', () => {
  it.each([
    ['\uff18\uff10', '80'],
    [' \uff11\uff15 ', '15'],
    ['\uff17\uff15\uff0e\uff15', '75.5'],
    ['80', null],
    [80, null],
    ['\uff18\uff10\u70b9', null],
    ['', null],
  ])('%j → %j', (value, expected) => {
    expect(fullWidthNumber(value)).toBe(expected);
  });
});
