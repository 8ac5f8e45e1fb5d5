/**
 * tokenizeCss against CSS Syntax Level 3 §4.3: the token each construct gives, with its decoded value.
 * Table-driven: `tokens` lists type:value for every token but whitespace.
 */
import { describe, expect, it } from 'vitest';
import { tokenizeCss } from '../../src/compile/tokenize-css.js';

const cases: readonly [name: string, css: string, tokens: readonly string[]][] = [
  ['a comment is no token (§4.3.2)', 'a/* x */b', ['ident:a', 'ident:b']],
  ['/* in a string is text (§4.3.5)', '"/*" x', ['string:/*', 'ident:x']],
  ['escapes in a string (§4.3.7)', '"\\41 \\"\\\nz"', ['string:A"z']],
  ['a newline gives a bad string', '"ab\ncd"', ['bad-string:ab', 'ident:cd', 'string:']],
  ['an unclosed string runs to the end', '"ab', ['string:ab']],
  ['url token, escapes decoded (§4.3.6)', 'url( a\\29 b )', ['url:a)b']],
  ['url with a quote is a function (§4.3.4)', 'url( "a")', ['function:url', 'string:a', '):)']],
  ['bad url skips to its )', 'url(a b) c', ['bad-url:a', 'ident:c']],
  ['escaped ident (§4.3.12)', '\\75 rl(x)', ['url:x']],
  ['zero, surrogates and too large become U+FFFD', '\\0 \\d800 \\110000', ['ident:\uFFFD\uFFFD\uFFFD']],
  ['function', 'image-set(', ['function:image-set']],
  ['dimension with an escaped unit', '1\\"', ['number:1\\"']],
  ['numbers', '+.5e-3% -2px', ['number:+.5e-3%', 'number:-2px']],
  ['hash with an escape', '#\\"a', ['hash:"a']],
  ['at-keyword', '@\\69mport', ['at-keyword:import']],
  ['CDO and CDC', '<!-- -->', ['cdo:<!--', 'cdc:-->']],
  ['a lone backslash before a newline is a delim', '\\\n', ['delim:\\']],
  ['CRLF after a hex escape is one whitespace', '\\41\r\nB', ['ident:AB']],
];

describe('tokenizeCss', () => {
  it.each(cases)('%s', (_name, css, tokens) => {
    expect(tokenizeCss(css).filter((t) => t.type !== 'whitespace').map((t) => `${t.type}:${t.value}`)).toEqual(tokens);
  });

  it('gives each token its place in the text', () => {
    expect(tokenizeCss('a url(b) "c"').map((t) => [t.type, t.start, t.end])).toEqual([
      ['ident', 0, 1], ['whitespace', 1, 2], ['url', 2, 8], ['whitespace', 8, 9], ['string', 9, 12],
    ]);
  });
});
