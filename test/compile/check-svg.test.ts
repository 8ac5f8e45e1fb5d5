/**
 * The SVG check's own limit: saxes resolves each element's namespace by walking the open elements, so
 * nesting was quadratic (50,000 nested `<g>`: 28 s). Past MAX_SVG_DEPTH the check stops with a message.
 */
import { describe, expect, it } from 'vitest';
import { checkSvg, MAX_SVG_DEPTH } from '../../src/compile/check-svg.js';
import type { Judge } from '../../src/compile/check-raw-html.js';

const judge: Judge = () => { throw new Error('no URL in these drawings'); };
const nested = (depth: number, close = true): string =>
  `<svg xmlns="http://www.w3.org/2000/svg">${'<g>'.repeat(depth - 1)}${close ? '</g>'.repeat(depth - 1) : ''}</svg>`;

describe('checkSvg and deep nesting', () => {
  it('checks a drawing nested up to the limit', () => {
    expect(checkSvg(nested(MAX_SVG_DEPTH), judge).problems).toEqual([]);
  });

  it('stops at the first element past the limit, where it is, whether or not the rest is closed', () => {
    for (const close of [true, false]) {
      const { problems } = checkSvg(nested(50_000, close), judge);
      expect(problems).toEqual([{
        line: 1, column: 41 + 3 * (MAX_SVG_DEPTH - 1), rule: 'content-too-deep',
        message: 'The SVG nests more than 1,000 elements deep here; the rest of it was not checked',
        hint: 'Export the drawing again with fewer nested groups (ungroup, or flatten the layers).',
      }]);
    }
  });
});
