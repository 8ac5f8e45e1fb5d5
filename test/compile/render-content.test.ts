/**
 * Raw HTML is sanitized at render time even if it got past validation: no author script, handler or
 * javascript: URL reaches a package (defence in depth behind check-raw-html).
 */
import { raw } from 'hast-util-raw';
import { stringify } from '../../src/compile/render-content.js';
import { describe, expect, it } from 'vitest';
import { renderBlocks } from '../../src/compile/render-content.js';
import { parseMarkdown } from '../../src/compile/parse-module.js';
import { fromHtml } from 'hast-util-from-html';
import { checkHtml } from '../../src/compile/check-raw-html.js';
import { PLAYER_WORDS } from '../../src/compile/player-word-lists.js';
import { judgeUrl, type UrlContext } from '../../src/compile/judge-url.js';

const context = { language: 'en', words: PLAYER_WORDS['en']!, reflections: 'private', pageIds: new Set<string>(), raw } as const;
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

  it('draws a task list on a page as boxes with their state in words, never as unlabelled checkboxes (WCAG 4.1.2)', () => {
    expect(render('- [ ] Ask about goals\n- [x] Meet the mentee')).toBe([
      '<ul class="contains-task-list">',
      '<li class="task-list-item"><span class="cp-task-box" aria-hidden="true"></span><span class="cp-sr">Not done: </span>Ask about goals</li>',
      '<li class="task-list-item cp-task-done"><span class="cp-task-box" aria-hidden="true"></span><span class="cp-sr">Done: </span>Meet the mentee</li>',
      '</ul>',
    ].join('\n'));
    // A loose list puts the box inside the item's first paragraph.
    const loose = render('- [x] First\n\n  More about it.\n\n- [ ] Second');
    expect(loose).not.toContain('<input');
    expect(loose).toContain('<li class="task-list-item cp-task-done">\n<p><span class="cp-task-box" aria-hidden="true"></span><span class="cp-sr">Done: </span>First</p>');
  });

  it('joins lines of Chinese and Japanese without a space (CSS Text 3 segment breaks), and keeps Korean and Latin lines apart', () => {
    // One sentence a line (一文一行), as many Japanese authors write: Chromium showed each line break as a space,
    // "…築きます。 次に…" and "学校 司書" mid-word.
    expect(render('\u4fe1\u983c\u3092\u7bc9\u304d\u307e\u3059\u3002\n\u6b21\u306b\u5b66\u6821\n\u53f8\u66f8\u304c\u6765\u307e\u3059\u3002')).toBe('<p>\u4fe1\u983c\u3092\u7bc9\u304d\u307e\u3059\u3002\u6b21\u306b\u5b66\u6821\u53f8\u66f8\u304c\u6765\u307e\u3059\u3002</p>');
    expect(render('\u5efa\u7acb\u4fe1\u4efb\uff0c\n\u5b66\u4e60\u5c31\u5f00\u59cb\u3002')).toBe('<p>\u5efa\u7acb\u4fe1\u4efb\uff0c\u5b66\u4e60\u5c31\u5f00\u59cb\u3002</p>');
    // Korean puts spaces between words, so a line break there is one; so it is next to a Latin word.
    expect(render('\uc2e0\ub8b0\uac00\n\uba3c\uc800\uc785\ub2c8\ub2e4.')).toBe('<p>\uc2e0\ub8b0\uac00\n\uba3c\uc800\uc785\ub2c8\ub2e4.</p>');
    expect(render('\u5b66\u6821\nSTEM \u306e\u6388\u696d\nand more')).toBe('<p>\u5b66\u6821\nSTEM \u306e\u6388\u696d\nand more</p>');
  });

  it('aligns table columns with classes, not the obsolete align attribute', () => {
    const html = render('| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |');
    expect(html).not.toContain('align=');
    expect(html).toContain('<th class="cp-align-left">a</th>\n<th class="cp-align-center">b</th>\n<th class="cp-align-right">c</th>');
    expect(html).toContain('<td class="cp-align-left">1</td>\n<td class="cp-align-center">2</td>\n<td class="cp-align-right">3</td>');
  });

  it('leaves every video and audio waiting (preload none) with what it asked for kept for the player', () => {
    // Raw HTML media as an author writes them (the directive's are checked in the browser, learner-experience.test.ts).
    expect(render('<video src="assets/a.webm" preload="auto" controls></video>\n\n<audio src="assets/b.mp3" controls></audio>')).toBe([
      '<p><video src="assets/a.webm" preload="none" controls data-cp-preload="auto"></video></p>',
      '<p><audio src="assets/b.mp3" controls data-cp-preload="" preload="none"></audio></p>',
    ].join('\n'));
  });

  it('leaves a default track waiting too: Chromium fetches its file at launch; the player shows it with its page', () => {
    expect(render('<video src="assets/a.webm" controls><track kind="captions" src="assets/a.vtt" srclang="en" default></video>')).toBe(
      '<p><video src="assets/a.webm" controls data-cp-preload="" preload="none"><track kind="captions" src="assets/a.vtt" srclang="en" data-cp-default=""></video></p>',
    );
  });

  it('opens web links in a new tab and says so', () => {
    expect(render('[site](https://example.org)')).toBe(
      '<p><a href="https://example.org" target="_blank" rel="noopener noreferrer">site<span class="cp-sr"> (opens in a new tab)</span></a></p>',
    );
  });
});

describe('checkHtml (raw HTML in a module, on a real parse)', () => {
  const urls: UrlContext = {
    base: 'modules', assets: new Set(['assets/a.png', 'assets/b.png']), assetLinks: new Set(),
    findPage: (module, anchor) => (module === '02-next' && !anchor ? { id: 'next--first' } : { reason: `there is no module file ${module ?? ''}.md` }),
  };
  const check = (html: string) => checkHtml(html, fromHtml(html, { fragment: true, verbose: true } as never), 'markdown', (url, use, what) => judgeUrl(url, use, what, urls));

  it.each([
    ['<kbd>x</kbd>', []],
    ['<!-- <script> in a comment is dropped -->', []],
    ['<abbr title="Science, Technology">STEM</abbr>', []],
    ['<script>x</script>', ['unsafe-html Raw HTML `<script>` is not allowed']],
    ['<img src="a.png" alt="x">', ['asset-outside-folder Attribute `src` of `<img>` `a.png` is not in the course assets/ folder']],
    ['<img src="https://tracker.example.com/p.png" alt="">', ['remote-resource Attribute `src` of `<img>` `https://tracker.example.com/p.png` is on the web; nothing may load from outside the package']],
    // parse5 ends a comment at `--!>` (HTML §13.2.5.50); a regular expression did not, and let this image through.
    ['<!-- --!><img src=//evil.example/x.png alt=""> -->', ['remote-resource Attribute `src` of `<img>` `//evil.example/x.png` is on the web; nothing may load from outside the package']],
    ['<img srcset="../assets/a.png 1x, https://cdn.example/a@2x.png 2x" alt="">', ['remote-resource Attribute `srcset` of `<img>` `https://cdn.example/a@2x.png` is on the web; nothing may load from outside the package']],
    ['<video src="../assets/a.png" poster="http://x.example/p.png"></video>', ['media-no-captions `<video>` has no captions track', 'remote-resource Attribute `poster` of `<video>` `http://x.example/p.png` is on the web; nothing may load from outside the package']],
    // The text of an HTML block is not Markdown (CommonMark §4.6): what looks like it shows as typed.
    ['<details><summary>Why?</summary>See [the guide](../assets/a.png) and `npx coursepack`.</details>', ['markdown-in-html Markdown inside an HTML block is not read: `[the guide](../assets/a.png)` shows as typed', 'markdown-in-html Markdown inside an HTML block is not read: ``npx coursepack`` shows as typed']],
    ['<div>\nA __bold__ claim, 5 * 3 * 2 = 30, file_names_like_this\n</div>', ['markdown-in-html Markdown inside an HTML block is not read: `__bold__` shows as typed']],
    ['<div>\n:::callout{kind=tip}\nA **tip**.\n:::\n</div>', ['markdown-in-html Markdown inside an HTML block is not read: `:::callout{kind=tip}` shows as typed', 'markdown-in-html Markdown inside an HTML block is not read: `**tip**` shows as typed']],
    ['<div>\nIntro.\n## Next page\n</div>', ['markdown-in-html Markdown inside an HTML block is not read: `## Next page` shows as typed']],
    ['<div>5 * 3 * 2 = 30, file_names_like_this, a_b_c, [1], [a] (b), #hashtag, a :: b, 10:30</div>', []],
    ['<pre>**literal** [x](y)</pre> <p><code>`x`</code> <kbd>**</kbd></p>', []],
    // Its end tag is in a later piece of HTML (inline HTML is a piece per tag): the page's HTML as one says (build-course.test.ts).
    ['<video src="../assets/a.png" controls>', []],
    ['<a href="java&#x09;script:alert(1)">x</a>', ['unsafe-url Attribute `href` of `<a>` `java\tscript:alert(1)` uses the scheme `javascript:`, which is not allowed']],
    ['<abbr title="a&#11;b">x</abbr> y&#xFFFE;', ['invalid-character The HTML holds U+000B (a vertical tab, which Word inserts for Shift+Enter), which a SCORM package cannot carry', 'invalid-character The HTML holds U+FFFE (a noncharacter), which a SCORM package cannot carry']],
    ['<b onmouseover="x">', ['unsafe-html Attribute `onmouseover` on `<b>` is not allowed (event handlers run scripts)']],
    ['<span style="color:red" id="x">', ['unsafe-html Attribute `style` on `<span>` is not allowed (styles can load from the web)', 'unsafe-html Attribute `id` on `<span>` is not allowed']],
  ])('%s', (html, messages) => {
    expect(check(html).problems.map((p) => `${p.rule} ${p.message}`)).toEqual(messages);
  });

  it('rewrites what it accepts to the package: assets, pages and links that leave the course', () => {
    const result = check('<img src="../assets/a.png" srcset="../assets/a.png 1x, ../assets/b.png 2x" alt="x"> <a href="02-next.md">next</a> <a href="https://example.org">web</a>');
    expect(result.problems).toEqual([]);
    expect(result.rewritten).toBe('<img src="assets/a.png" srcset="assets/a.png 1x, assets/b.png 2x" alt="x"> <a href="#page-next--first" data-page="next--first">next</a> <a href="https://example.org" target="_blank" rel="noopener noreferrer">web</a>');
    expect(result.assets).toEqual(['assets/a.png', 'assets/a.png', 'assets/b.png']);
  });
});
