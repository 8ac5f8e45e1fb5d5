/**
 * Raw HTML is sanitized at render time even if it got past validation: no author script, handler or
 * javascript: URL reaches a package (defence in depth behind check-raw-html).
 */
import { raw } from 'hast-util-raw';
import { stringify } from '../../src/compile/render-content.js';
import { describe, expect, it } from 'vitest';
import { renderBlocks } from '../../src/compile/render-content.js';
import { parseMarkdown } from '../../src/compile/parse-module.js';
import { checkRawHtml } from '../../src/compile/check-raw-html.js';

const context = { language: 'en', reflections: 'private', pageIds: new Set<string>(), raw } as const;
const render = (markdown: string) => stringify(renderBlocks(parseMarkdown(markdown).children, context));

describe('renderBlocks sanitizes raw HTML', () => {
  it.each([
    ['script element', '<script>alert(1)</script>\n\ntext', 'script'],
    ['event handler', 'a <span onclick="x()">b</span>', 'onclick'],
    ['javascript: link', '<a href="javascript:alert(1)">x</a>', 'javascript:'],
    ['iframe', '<iframe src="https://example.org"></iframe>', 'iframe'],
    ['style element', '<style>body{background:url(https://x.org/a.png)}</style>', 'style'],
  ])('drops a %s', (_name, markdown, banned) => {
    expect(render(markdown)).not.toContain(banned);
  });

  it('keeps simple formatting tags', () => {
    expect(render('Press <kbd>Tab</kbd>, see H<sub>2</sub>O.')).toBe('<p>Press <kbd>Tab</kbd>, see H<sub>2</sub>O.</p>');
  });

  it('shifts author headings one level down under the page h1', () => {
    expect(render('### Sub\n\n#### Subsub')).toBe('<h2>Sub</h2>\n<h3>Subsub</h3>');
  });

  it('opens web links in a new tab and says so', () => {
    expect(render('[site](https://example.org)')).toBe(
      '<p><a href="https://example.org" target="_blank" rel="noopener noreferrer">site<span class="cp-sr"> (opens in a new tab)</span></a></p>',
    );
  });
});

describe('checkRawHtml', () => {
  it.each([
    ['<kbd>x</kbd>', []],
    ['<!-- <script> in a comment is dropped -->', []],
    ['<abbr title="Science, Technology">STEM</abbr>', []],
    ['<script>x</script>', ['Raw HTML `<script>` is not allowed']],
    ['<img src="a.png">', ['Raw HTML `<img>` is not allowed']],
    ['<b onmouseover="x">', ['Attribute `onmouseover` on `<b>` is not allowed (event handlers run scripts)']],
    ['<span style="color:red" id="x">', ['Attribute `style` on `<span>` is not allowed (styles can load from the web)', 'Attribute `id` on `<span>` is not allowed']],
  ])('%s', (html, messages) => {
    expect(checkRawHtml(html).map((p) => p.message)).toEqual(messages);
  });
});
