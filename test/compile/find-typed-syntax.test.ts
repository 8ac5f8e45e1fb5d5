/**
 * findTypedSyntax: what other tools write (and marks pasted with text) that shows on the page as typed,
 * found where it is in a text value; ordinary prose finds nothing.
 */
import { describe, expect, it } from 'vitest';
import { findTypedSyntax } from '../../src/compile/find-typed-syntax.js';

const found = (value: string, inLink = false) => findTypedSyntax(value, inLink).map((f) => [f.rule, value.slice(f.index, f.index + f.length)]);

describe('findTypedSyntax', () => {
  it('finds each kind where it is', () => {
    expect(found('A claim[^1], ==key==, **Tip: **x, :tada:, [[Trust]], x^2^, {.underline}, 【4†source】 and https://example.org/x.')).toEqual([
      ['footnote-unsupported', '[^1]'],
      ['emphasis-unparsed', '**Tip: **'],
      ['highlight-unsupported', '==key=='],
      ['attributes-unsupported', '{.underline}'],
      ['wikilink-unsupported', '[[Trust]]'],
      ['subscript-unsupported', '^2^'],
      ['pasted-citation', '【4†source】'],
      ['emoji-shortcode', ':tada:'],
      ['url-not-linked', 'https://example.org/x'],
    ]);
  });

  it('a link Markdown did not read is said once, not its address too; an address in a link\'s words is the link\'s', () => {
    expect(found('See [the guide] (https://example.org/guide).')).toEqual([['link-unparsed', '[the guide] (https://example.org/guide)']]);
    expect(found('https://example.org', true)).toEqual([]);
  });

  it('a space in a link to a module, a page or a file is said, as in a web address; prose in brackets is not', () => {
    expect(found('A [second](02-quiz.md#true or false) one.')).toEqual([['link-unparsed', '[second](02-quiz.md#true or false)']]);
    expect(found('[x](02 quiz.md) and [plan](../assets/goal sheet.pdf)')).toEqual([['link-unparsed', '[x](02 quiz.md)'], ['link-unparsed', '[plan](../assets/goal sheet.pdf)']]);
    expect(found('[1](see page 4), [a](as she said), [note](e.g. a.txt file)')).toEqual([]);
    expect(found('An aside [1](see also notes.txt) here, and [sic](as in report.pdf) too.')).toEqual([]);
  });

  it('a full or collapsed reference left as text is a label nobody defined; the hint names a defined one close to it', () => {
    const withLabels = (value: string) => findTypedSyntax(value, false, ['glossary']).map((f) => [f.rule, value.slice(f.index, f.index + f.length)]);
    expect(withLabels('![A chart][chart] and [the guide][] and [[wiki]] and [sic].')).toEqual([
      ['reference-undefined', '![A chart][chart]'], ['reference-undefined', '[the guide][]'], ['wikilink-unsupported', '[[wiki]]'],
    ]);
    // Brackets as prose: keys, indexes, a citation, a footnote mark; and a link reference in a module that writes none.
    expect(withLabels('Press [Ctrl][Alt][Delete], m[0][1], a[i][j], "teh" [sic][1], [^1][2].')).toEqual([['footnote-unsupported', '[^1]']]);
    expect(found('Read [the mentoring guide][guide] first.')).toEqual([]);
    expect(found('![An image][img]')).toEqual([['reference-undefined', '![An image][img]']]);
    expect(findTypedSyntax('![A chart][chart]', false, ['Chrt', 'guide'])[0]?.hint).toMatch(/^Did you mean `\[Chrt\]`/);
    expect(findTypedSyntax('![A chart][chart]', false, ['glossary'])[0]?.hint).toBeUndefined();
  });

  it('a tag Markdown could not read as HTML is said with its fault: curly quotes, a quote never closed', () => {
    expect(found('Every <abbr title=\u201cIndividualized Education Program\u201d>IEP counts.')).toEqual([['html-unparsed', '<abbr title=\u201cIndividualized Education Program\u201d>']]);
    expect(found('<img src=\u2018a.png\u2019 alt=\u2018A\u2019>')).toEqual([['html-unparsed', '<img src=\u2018a.png\u2019 alt=\u2018A\u2019>']]);
    expect(found('<abbr title="x y>IEP')).toEqual([['html-unparsed', '<abbr title="x y>']]);
    // A tag shown on purpose (escaped), comparisons, and prose in angle brackets with Word's apostrophes are not faults.
    expect(found('Write <abbr title="x">, and a < b > c, or <b class=it\'s>.')).toEqual([]);
    expect(found('Type <your mentee\u2019s name> here. If a <b then it\u2019s smaller, and b> a. <so \u201cbrave\u201d of him>')).toEqual([]);
    expect(found('<a href=\u201chttps://example.org\u201d>')).toEqual([['html-unparsed', '<a href=\u201chttps://example.org\u201d>']]);
  });

  it('finds nothing in prose: braces, carets, colons, brackets and "turn" as people write them', () => {
    expect(found('The set {a, b} at 10:30, 2 ^ 3, [sic] (1999), a turnip in return, x==y, and **bold** text.')).toEqual([]);
  });

  it('quotes a long find to 57 UTF-16 units without cutting a character in two', () => {
    // A Japanese highlight: 53 kanji then a flag across the cut, which printed a boxed J (half the flag).
    const [highlight] = findTypedSyntax(`==${'学'.repeat(53)}🇯🇵です==`, false);
    expect(highlight?.reason).toBe(`\`==${'学'.repeat(53)}...\` is a highlight, which coursepack does not read: the \`==\` show as typed`);
  });
});

