/**
 * tokenizeCss against CSS Syntax Level 3 §4.3: the token each construct gives, with its decoded value.
 * Table-driven: `tokens` lists type:value for every token but whitespace.
 */
import { describe, expect, it } from 'vitest';
import { tokenizeCss } from '../../src/compile/tokenize-css.js';

const cases: readonly { name: string; css: string; tokens: readonly string[] }[] = [
  { name: 'a comment is no token (§4.3.2)', css: 'a/* x */b', tokens: ['ident:a', 'ident:b'] },
  { name: '/* in a string is text (§4.3.5)', css: '"/*" x', tokens: ['string:/*', 'ident:x'] },
  { name: 'escapes in a string (§4.3.7)', css: '"\\41 \\"\\\nz"', tokens: ['string:A"z'] },
  { name: 'a newline gives a bad string', css: '"ab\ncd"', tokens: ['bad-string:ab', 'ident:cd', 'string:'] },
  { name: 'an unclosed string runs to the end', css: '"ab', tokens: ['string:ab'] },
  { name: 'url token, escapes decoded (§4.3.6)', css: 'url( a\\29 b )', tokens: ['url:a)b'] },
  { name: 'url with a quote is a function (§4.3.4)', css: 'url( "a")', tokens: ['function:url', 'string:a', '):)'] },
  { name: 'bad url skips to its )', css: 'url(a b) c', tokens: ['bad-url:a', 'ident:c'] },
  { name: 'escaped ident (§4.3.12)', css: '\\75 rl(x)', tokens: ['url:x'] },
  { name: 'zero, surrogates and too large become U+FFFD', css: '\\0 \\d800 \\110000', tokens: ['ident:\uFFFD\uFFFD\uFFFD'] },
  { name: 'function', css: 'image-set(', tokens: ['function:image-set'] },
  { name: 'dimension with an escaped unit', css: '1\\"', tokens: ['number:1\\"'] },
  { name: 'numbers', css: '+.5e-3% -2px', tokens: ['number:+.5e-3%', 'number:-2px'] },
  { name: 'hash with an escape', css: '#\\"a', tokens: ['hash:"a'] },
  { name: 'at-keyword', css: '@\\69mport', tokens: ['at-keyword:import'] },
  { name: 'CDO and CDC', css: '<!-- -->', tokens: ['cdo:<!--', 'cdc:-->'] },
  { name: 'a lone backslash before a newline is a delim', css: '\\\n', tokens: ['delim:\\'] },
  { name: 'CRLF after a hex escape is one whitespace', css: '\\41\r\nB', tokens: ['ident:AB'] },
];

describe('tokenizeCss', () => {
  it.each(cases)('$name', ({ css, tokens }) => {
    expect(tokenizeCss(css).filter((t) => t.type !== 'whitespace').map((t) => `${t.type}:${t.value}`)).toEqual(tokens);
  });

  it('gives each token its place in the text', () => {
    expect(tokenizeCss('a url(b) "c"').map((t) => [t.type, t.start, t.end])).toEqual([
      ['ident', 0, 1], ['whitespace', 1, 2], ['url', 2, 8], ['whitespace', 8, 9], ['string', 9, 12],
    ]);
  });
});
