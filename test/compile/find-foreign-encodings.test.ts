/**
 * findForeignEncodings: every declaration of an encoding other than UTF-8 (HTML prescan, XML declaration,
 * CSS @charset) and every ISO-2022 shift byte. Rows: kind, text → label (or the shift's code) of each find.
 */
import { describe, expect, it } from 'vitest';
import { findForeignEncodings } from '../../src/compile/find-foreign-encodings.js';

const cases: readonly [kind: 'html' | 'svg' | 'css', text: string, found: readonly (string | number)[]][] = [
  ['html', '<meta charset="utf-8">', []],
  ['html', '<meta charset=UTF8>', []],
  ['html', '<meta charset="unicode-1-1-utf-8">', []],
  ['html', '<meta charset="iso-2022-jp">', ['iso-2022-jp']],
  ['html', "<meta charset='Shift_JIS'>", ['Shift_JIS']],
  ['html', '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', ['windows-1252']],
  ['html', '<title><meta charset=iso-2022-jp></title>', ['iso-2022-jp']],
  ['html', '<meta charset="no-such-encoding">', ['no-such-encoding']],
  ['html', '<meta charset="">', []],
  ['html', '<p>\u001b$B</p>', [0x1b]],
  ['html', 'a\u000eb\u000fc', [0x0e, 0x0f]],
  ['svg', '<?xml version="1.0" encoding="UTF-8"?><svg/>', []],
  ['svg', "<?xml version='1.0' encoding='ISO-8859-1'?><svg/>", ['ISO-8859-1']],
  ['svg', '<svg><text>encoding="latin1"</text></svg>', []],
  ['css', '@charset "utf-8"; a{}', []],
  ['css', '@charset "ISO-2022-JP"; a{}', ['ISO-2022-JP']],
  ['css', 'a{content:"charset=latin1"}', []],
];

describe('findForeignEncodings', () => {
  it.each(cases)('%s %j', (kind, text, found) => {
    expect(findForeignEncodings(text, kind).map((f) => f.label ?? f.code)).toEqual(found);
  });

  it('places each find', () => {
    expect(findForeignEncodings('<p>\n<meta charset=latin1>\u001b', 'html').map((f) => f.offset)).toEqual([10, 25]);
  });
});
