/**
 * findAttributeUrls: the one table of which attribute holds which URL, for HTML and SVG alike.
 * Each row: element, attribute, value, the animated attribute (if any) → [url, use, via] of each URL.
 */
import { describe, expect, it } from 'vitest';
import { findAttributeUrls } from '../../src/compile/find-attribute-urls.js';

const cases: readonly [element: string, attribute: string, value: string, animated: string | undefined, urls: readonly string[]][] = [
  ['a', 'href', 'https://x.example/', undefined, ['https://x.example/ follow value']],
  ['area', 'href', 'b.html', undefined, ['b.html follow value']],
  ['image', 'xlink:href', 'p.png', undefined, ['p.png load value']],
  ['link', 'href', 'print.css', undefined, ['print.css load value']],
  ['blockquote', 'cite', 'https://x.example/', undefined, ['https://x.example/ follow value']],
  ['img', 'src', 'a.png', undefined, ['a.png load value']],
  ['video', 'poster', 'p.jpg', undefined, ['p.jpg load value']],
  ['form', 'action', 'javascript:alert(1)', undefined, ['javascript:alert(1) load value']],
  ['button', 'formaction', 'https://x.example/', undefined, ['https://x.example/ load value']],
  ['object', 'data', 'x.swf', undefined, ['x.swf load value']],
  ['a', 'ping', 'https://a.example/ https://b.example/', undefined, ['https://a.example/ load list', 'https://b.example/ load list']],
  ['img', 'srcset', 'a.png 1x, b.png 2x', undefined, ['a.png load srcset', 'b.png load srcset']],
  // A preload's srcset, and Chrome's attribution requests: loads too.
  ['link', 'imagesrcset', 'https://x.example/t.png 1x', undefined, ['https://x.example/t.png load srcset']],
  ['img', 'attributionsrc', 'https://x.example/a https://y.example/b', undefined, ['https://x.example/a load list', 'https://y.example/b load list']],
  ['img', 'attributionsrc', '', undefined, []],
  ['img', 'srcset', 'a.png,https://x.example/b.png 2x', undefined, ['a.png,https://x.example/b.png load srcset']],
  ['img', 'srcset', 'a.png, b.png,', undefined, ['a.png load srcset', 'b.png load srcset']],
  ['rect', 'style', 'fill: url(#g)', undefined, ['#g load css']],
  ['rect', 'fill', 'url(https://x.example/p.svg#g)', undefined, ['https://x.example/p.svg#g load css']],
  ['rect', 'filter', 'u\\72l(f.svg#b)', undefined, ['f.svg#b load css']],
  ['img', 'alt', 'see url(x.png)', undefined, []],
  ['div', 'aria-label', 'url(x.png)', undefined, []],
  ['set', 'to', 'javascript:alert(1)', 'href', ['javascript:alert(1) load animation']],
  ['animate', 'values', 'a.png; javascript:alert(2)', 'xlink:href', ['a.png load animation', 'javascript:alert(2) load animation']],
  ['set', 'to', 'x', 'width', []],
  ['set', 'to', 'url(https://x.example/p#g)', 'fill', ['https://x.example/p#g load css']],
  ['rect', 'width', '10', undefined, []],
];

describe('findAttributeUrls', () => {
  it.each(cases)('<%s %s="%s"> (animating %s)', (element, attribute, value, animated, urls) => {
    expect(findAttributeUrls(element, attribute, value, animated).map((u) => `${u.url} ${u.use} ${u.via}`)).toEqual(urls);
  });

  it('keeps srcset descriptors and places animation values', () => {
    expect(findAttributeUrls('img', 'srcset', 'a.png 480w, b.png 2x', undefined).map((u) => u.descriptors)).toEqual(['480w', '2x']);
    expect(findAttributeUrls('set', 'to', 'a;b', 'href').map((u) => [u.offset, u.length])).toEqual([[0, 1], [2, 1]]);
  });
});
