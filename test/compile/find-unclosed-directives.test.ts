import { describe, expect, it } from 'vitest';
import { findStrayFences } from '../../src/compile/find-unclosed-directives.js';
import { parseMarkdown } from '../../src/compile/parse-module.js';

const strays = (text: string) => findStrayFences(parseMarkdown(text), text).map((f) => `${f.line}:${f.column} ${f.fence}${f.afterDirective ? ' after' : ''}`);

describe('findStrayFences', () => {
  it('finds a fence left anywhere, named as typed: after text, after a closed directive, four colons after a four-colon one', () => {
    expect(strays('Text.\n\n:::\n')).toEqual(['3:1 :::']);
    expect(strays(':::callout\nIn.\n:::\n:::\n')).toEqual(['4:1 ::: after']);
    expect(strays('::::callout[Outer]{kind=tip}\nOuter.\n::::\n::::\n')).toEqual(['4:1 :::: after']);
    expect(strays('Intro.\n\n::::\n\nText.\n\n:::\n')).toEqual(['3:1 ::::', '7:1 :::']);
  });

  it('finds one after a hard break, with a no-break space after it, and under a table (GFM reads it as a row)', () => {
    expect(strays('A line with a break  \n:::\n')).toEqual(['2:1 :::']);
    expect(strays('A line with a break\\\n:::\n')).toEqual(['2:1 :::']);
    expect(strays('Text.\n\n:::\u00a0\n')).toEqual(['3:1 :::']);
    expect(strays('| a | b |\n|---|---|\n| 1 | 2 |\n:::\n')).toEqual(['4:1 :::']);
  });

  it('leaves alone the fence of an opening line pasted text broke (its own message says it), whatever broke it', () => {
    expect(strays(':::callout {kind=tip}\nText.\n:::\n')).toEqual([]);
    expect(strays(':::\u00a0callout[N]{kind=tip}\nText.\n:::\n')).toEqual([]);
    expect(strays('Some words :::callout[Inline]{kind=note}\nOn the line.\n:::\n')).toEqual([]);
    expect(strays('`:::` in code, and\n\n```\n:::\n```\n')).toEqual([]);
  });
});
