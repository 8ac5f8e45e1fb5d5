import { describe, expect, it } from 'vitest';
import { findUnclosedHtml } from '../../src/compile/find-unclosed-html.js';
import { parseMarkdown } from '../../src/compile/parse-module.js';

const find = (text: string) => findUnclosedHtml(parseMarkdown(text)).map((u) => ({ line: u.node.position?.start.line, opening: u.opening, until: u.until, swallowed: u.swallowed }));

describe('findUnclosedHtml', () => {
  it('leaves closed blocks alone: a comment over lines, a draft page commented out, a pre, end tags in any case', () => {
    expect(find('<!--\nA note.\n-->\n\nText.\n')).toEqual([]);
    expect(find('<!-- Draft:\n\n## A page not ready\n\nIts text.\n-->\n\n## Ready\n')).toEqual([]);
    expect(find('<pre>\nA poem.\n</PRE>\n\nText.\n')).toEqual([]);
    // CommonMark §4.6: any of the four end tags ends a block of start condition 1.
    expect(find('<pre>\nx\n</textarea>\n\nText.\n')).toEqual([]);
    // Inline raw HTML is no block: an unfinished `<!--` in a paragraph is text (and shows).
    expect(find('Some <!-- words.\n\nMore.\n')).toEqual([]);
    // A comment that mentions `<!--` ends where the author meant (HTML ends it at the first `-->`); `<!-->` ends itself.
    expect(find('<!-- TODO: remove the old <!-- markers\nfrom the draft -->\n\nText.\n')).toEqual([]);
    expect(find('<!-->\n\nText.\n')).toEqual([]);
    expect(find('<!--->\n\nText.\n')).toEqual([]);
    // <script> and <style> are refused as such (unsafe-html), not said twice.
    expect(find('<script>\nx\n')).toEqual([]);
  });

  it('finds a comment never closed, and names the first page it took in', () => {
    expect(find('## One\n\n<!-- note ->\n\nText.\n\n## Two\n\n:::check{#q}\n')).toEqual([
      { line: 3, opening: '<!--', until: null, swallowed: { what: 'the page “Two”', line: 7 } },
    ]);
  });

  it('finds a comment closed only by a later one (comments do not nest), with the line that ended it', () => {
    expect(find('<!-- a \u2014>\n\nText.\n\n<!-- b -->\n').map((u) => u.until)).toEqual([5]);
    expect(find('<!-- a ->\n\n::video{src="a.mp4"}\n\n<!-- b -->\n\nText.\n')).toEqual([
      { line: 1, opening: '<!--', until: 5, swallowed: { what: 'the `::video`', line: 3 } },
    ]);
  });

  it('finds a pre never closed, or closed only after a second pre, inside a directive too', () => {
    expect(find('<pre>\nA poem.\n')).toEqual([{ line: 1, opening: '<pre', until: null, swallowed: null }]);
    expect(find('<pre>\nOne.\n\n<pre>\nTwo.\n</pre>\n')).toEqual([{ line: 1, opening: '<pre', until: 6, swallowed: null }]);
    expect(find(':::callout\n<textarea>\nx\n:::\n\nText.\n').map((u) => u.opening)).toEqual(['<textarea']);
  });
});
