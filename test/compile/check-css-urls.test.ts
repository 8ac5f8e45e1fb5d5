/**
 * findCssUrls: every URL a browser would load from a stylesheet, and nothing a browser would not, read from
 * CSS Syntax Level 3 tokens (tokenize-css.ts). One row per case; `urls` lists the URLs in the order written.
 */
import { describe, expect, it } from 'vitest';
import { findCssUrls } from '../../src/compile/check-css-urls.js';

const cases: readonly { name: string; css: string; urls: readonly string[] }[] = [
  { name: 'an unquoted url()', css: 'a{background:url(x.png)}', urls: ['x.png'] },
  { name: 'a quoted url()', css: `a{background:url( "x.png" )} b{background:url('y.png')}`, urls: ['x.png', 'y.png'] },
  { name: 'URL in upper case', css: 'a{background:URL(x.png)}', urls: ['x.png'] },
  { name: 'an escaped url( name', css: 'a{background:u\\72l(x.png)} b{background:\\75 rl(y.png)}', urls: ['x.png', 'y.png'] },
  { name: 'escapes inside the url', css: 'a{background:url(https\\:\\2f\\2f evil.example/x.png)}', urls: ['https://evil.example/x.png'] },
  { name: '/* inside a string is not a comment (§4.3.5)', css: 'a{content:"/*"} body{background:url(https://evil.example/t.png)} b{content:"*/"}', urls: ['https://evil.example/t.png'] },
  { name: "/* inside a single-quoted string", css: "a{content:'/*'} body{background:url(e.png)} b{content:'*/'}", urls: ['e.png'] },
  { name: 'a real comment hides what it holds', css: 'a{/* background:url(no.png) */color:red}', urls: [] },
  { name: 'an unclosed comment runs to the end', css: 'a{color:red} /* b{background:url(no.png)}', urls: [] },
  { name: 'a comment splits nothing inside url()', css: 'a{background:url(x.png/*y*/)}', urls: ['x.png/*y*/'] },
  { name: 'an escaped quote does not end a string', css: 'a{content:"\\"/*"} b{background:url(e.png)} c{content:"*/"}', urls: ['e.png'] },
  { name: 'a newline ends a string (bad string)', css: 'a{content:"/*\n} b{background:url(e.png)} c{content:"*/"}', urls: ['e.png'] },
  { name: 'an escaped newline continues a string', css: 'a{content:"a\\\nb url(no.png)"}', urls: [] },
  { name: 'a bad url loads nothing', css: 'a{background:url(a b.png)} b{background:url(c"d)}', urls: [] },
  { name: 'an escaped ) inside a bad url does not end it', css: 'a{background:url(a b\\)url(x.png))}', urls: [] },
  { name: 'a unit is a name: 1\\" holds no string', css: 'a{width:1\\"} b{background:url(e.png)} c{content:"x"}', urls: ['e.png'] },
  { name: 'a hash is a name: #\\" holds no string', css: 'a{color:#\\"} b{background:url(e.png)}', urls: ['e.png'] },
  { name: 'image-set() strings', css: 'a{background-image:image-set("a.png" 1x, "b.png" 2x)}', urls: ['a.png', 'b.png'] },
  { name: 'image-set() with a nested type()', css: "a{background-image:image-set('a.png' type('image/png') 1x, 'https://evil.example/x.png' 2x)}", urls: ['a.png', 'https://evil.example/x.png'] },
  { name: '-webkit-image-set() and url() inside it', css: 'a{background:-webkit-image-set(url(a.png) 1x, "b.png" 2x)}', urls: ['a.png', 'b.png'] },
  { name: 'image() and src()', css: 'a{background:image("a.png")} b{background:src("b.png")}', urls: ['a.png', 'b.png'] },
  { name: 'strings in other functions are not URLs', css: 'a{font-family:local("Arial")} b{content:attr(title) "x"} c{grid-area:"a"}', urls: [] },
  { name: '@import with a string and with url()', css: '@import "a.css"; @import url(b.css) screen; @IMPORT \'c.css\';', urls: ['a.css', 'b.css', 'c.css'] },
  { name: 'an escaped @import', css: '@\\69mport "a.css";', urls: ['a.css'] },
  { name: 'strings after the @import prelude are not URLs', css: '@import "a.css"; a{content:"b.css"}', urls: ['a.css'] },
  { name: '@namespace names a namespace, loads nothing', css: '@namespace svg url(http://www.w3.org/2000/svg); @namespace "http://www.w3.org/1999/xhtml"; a{background:url(x.png)}', urls: ['x.png'] },
  { name: 'a } does not close a function (§5.4.9 consumes to its own ")")', css: 'a{background:image-set("a.png" 1x} "b.png")}', urls: ['a.png', 'b.png'] },
  { name: 'CDO and CDC are not comments', css: '<!-- a{background:url(x.png)} -->', urls: ['x.png'] },
  { name: 'CR, CRLF and FF are newlines', css: 'a{content:"x\r\n} b{background:url(e.png)}\f', urls: ['e.png'] },
];

describe('findCssUrls', () => {
  it.each(cases)('$name', ({ css, urls }) => {
    expect(findCssUrls(css).map((u) => u.url)).toEqual(urls);
  });

  it('places each URL at its own token', () => {
    const css = 'a{background:image-set("a.png" 1x)} @import "b.css";';
    expect(findCssUrls(css).map((u) => [u.kind, css.slice(u.offset, u.offset + u.length)])).toEqual([
      ['url()', '"a.png"'],
      ['@import', '@import "b.css"'],
    ]);
    expect(findCssUrls('x{y:url( z )}').map((u) => [u.offset, u.length])).toEqual([[4, 8]]);
  });
});
