/**
 * Directive fences nested too deeply are found on the text, before micromark spends minutes on them
 * (the bad/deep fixture shows the message; this is the counting).
 */
import { describe, expect, it } from 'vitest';
import { findTooDeepFences, findTooDeepLines, MAX_DEPTH } from '../../src/compile/find-too-deep.js';

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

describe('findTooDeepLines', () => {
  const quotes = (depth: number): string[] => Array.from({ length: depth }, (_, i) => `${'> '.repeat(i + 1)}text`);
  const list = (depth: number, indent: number): string[] => Array.from({ length: depth }, (_, i) => `${' '.repeat(indent * i)}- item`);

  it('finds the line whose `>` pass the limit, at that `>`, with its run from the heading to the blank line', () => {
    const lines = ['## Page', ...quotes(MAX_DEPTH + 3), '', 'After.'];
    expect(findTooDeepLines(lines)).toEqual({ line: MAX_DEPTH + 1, column: 2 * MAX_DEPTH + 1, from: 1, to: MAX_DEPTH + 4 });
    expect(findTooDeepLines(quotes(MAX_DEPTH))).toBeNull();
  });

  it('finds list items past 4 columns a level, and lets deep but plausible lists through to the tree check', () => {
    const deep = list(4 * MAX_DEPTH, 2);
    expect(findTooDeepLines(deep)).toMatchObject({ line: 2 * MAX_DEPTH + 1, column: 4 * MAX_DEPTH + 3, from: 0, to: deep.length });
    // 60 levels at 4 spaces each: 240 columns, nothing like 100 levels.
    expect(findTooDeepLines(list(60, 4))).toBeNull();
    // A deeply indented line that is no list item (pasted HTML, say) is not nesting.
    expect(findTooDeepLines([`${' '.repeat(500)}<path d="M0 0"/>`])).toBeNull();
  });

  it('leaves fenced code alone', () => {
    expect(findTooDeepLines(['```', ...quotes(MAX_DEPTH + 1), '```'])).toBeNull();
  });
});
