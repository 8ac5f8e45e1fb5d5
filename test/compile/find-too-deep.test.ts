/**
 * Directive fences nested too deeply are found on the text, before micromark spends minutes on them
 * (the bad/deep fixture shows the message; this is the counting).
 */
import { describe, expect, it } from 'vitest';
import { findTooDeepFences, MAX_DEPTH } from '../../src/compile/find-too-deep.js';

/** `depth` nested callouts, each fence one colon longer than the one inside it, as micromark needs. */
function nested(depth: number): string[] {
  const open = Array.from({ length: depth }, (_, i) => `${':'.repeat(3 + depth - i)}callout{kind=tip}`);
  const close = Array.from({ length: depth }, (_, i) => ':'.repeat(4 + i));
  return [...open, 'Deep.', ...close];
}

describe('findTooDeepFences', () => {
  it('finds the first fence past the limit and the lines of its top-level run', () => {
    const lines = ['## Page', '', ...nested(MAX_DEPTH + 5), '', 'After.'];
    expect(findTooDeepFences(lines)).toEqual({ line: 2 + MAX_DEPTH, column: 1, from: 2, to: 2 + 2 * (MAX_DEPTH + 5) + 1 });
  });

  it('lets nesting up to the limit through, and counts each top-level run on its own', () => {
    expect(findTooDeepFences(nested(MAX_DEPTH))).toBeNull();
    expect(findTooDeepFences([...nested(60), ...nested(60)])).toBeNull();
  });

  it('does not count fences inside fenced code, which are text', () => {
    const inCode = ['```markdown', ...nested(MAX_DEPTH + 1), '```'];
    expect(findTooDeepFences(inCode)).toBeNull();
    expect(findTooDeepFences(['~~~~', '~~~', ...nested(MAX_DEPTH + 1), '~~~~'])).toBeNull();
  });

  it('runs to the end of the text when the run is never closed', () => {
    const open = nested(MAX_DEPTH + 1).slice(0, MAX_DEPTH + 1);
    expect(findTooDeepFences(open)).toMatchObject({ line: MAX_DEPTH, from: 0, to: MAX_DEPTH + 1 });
  });

  it('takes a start line, to find the next run', () => {
    const lines = [...nested(MAX_DEPTH + 1), ...nested(MAX_DEPTH + 1)];
    const first = findTooDeepFences(lines);
    expect(first?.to).toBe(2 * (MAX_DEPTH + 1) + 1);
    expect(findTooDeepFences(lines, first?.to)).toMatchObject({ from: first?.to });
  });
});
