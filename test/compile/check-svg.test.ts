/**
 * The SVG check's own limit: saxes resolves each element's namespace by walking the open elements, so
 * nesting was quadratic (50,000 nested `<g>`: 28 s). Past MAX_SVG_DEPTH the check stops with a message.
 */
import { describe, expect, it } from 'vitest';
import { checkSvg, MAX_SVG_DEPTH } from '../../src/compile/check-svg.js';
import type { Judge } from '../../src/compile/check-raw-html.js';

const judge: Judge = () => { throw new Error('no URL in these drawings'); };
const nested = (depth: number, close = true): string =>
  `<svg xmlns="http://www.w3.org/2000/svg">${'<g>'.repeat(depth - 1)}${close ? '</g>'.repeat(depth - 1) : ''}</svg>`;

describe('checkSvg and deep nesting', () => {
  it('checks a drawing nested up to the limit', () => {
    expect(checkSvg(nested(MAX_SVG_DEPTH), judge).problems).toEqual([]);
  });

  it('stops at the first element past the limit, where it is, whether or not the rest is closed', () => {
    for (const close of [true, false]) {
      const { problems } = checkSvg(nested(50_000, close), judge);
      expect(problems).toEqual([{
        line: 1, column: 41 + 3 * (MAX_SVG_DEPTH - 1), rule: 'content-too-deep',
        message: 'The SVG nests more than 1,000 elements deep here; the rest of it was not checked',
        hint: 'Export the drawing again with fewer nested groups (ungroup, or flatten the layers).',
      }]);
    }
  });
});

describe('checkSvg and moving drawings (WCAG 2.2.2: a way to pause what moves past 5 s)', () => {
  const svg = (inner: string) => `<svg xmlns="http://www.w3.org/2000/svg">\n<circle r="4">${inner}</circle>\n</svg>`;
  const said = (inner: string) => checkSvg(svg(inner), judge).problems.filter((p) => p.rule === 'image-animated').map((p) => p.message.replace(/^The SVG moves as soon as its page shows and learners cannot pause it: | \(WCAG.*$/g, ''));

  it.each([
    ['a spinner that repeats for ever', '<animateTransform attributeName="transform" type="rotate" dur="1s" repeatCount="indefinite"/>', ['`<animateTransform>` repeats for ever']],
    ['repeatDur indefinite', '<animate attributeName="r" dur="1s" repeatDur="indefinite"/>', ['`<animate>` repeats for ever']],
    ['one slow play of 8 s', '<animate attributeName="r" dur="8s"/>', ['`<animate>` plays for 8 s']],
    ['three plays of 2 s', '<animate attributeName="r" dur="2000ms" repeatCount="3"/>', ['`<animate>` plays for 6 s']],
    ['a clock value of a minute and a half', '<animateMotion path="M0 0h10" dur="0:01:30"/>', ['`<animateMotion>` plays for 90 s']],
    ['starting after a delay, still by itself', '<animate attributeName="r" dur="1s" begin="2s" repeatCount="indefinite"/>', ['`<animate>` repeats for ever']],
    ['a CSS animation for ever in a style attribute', '<set attributeName="r" to="5" begin="click"/></circle><rect style="animation: spin 1s linear infinite"/><circle>', ['the `style` of `<rect>` runs a CSS animation for ever']],
    ['two animations: said once', '<animate attributeName="r" dur="1s" repeatCount="indefinite"/><animate attributeName="cx" dur="9s"/>', ['`<animate>` repeats for ever']],
  ])('%s is said', (_name, inner, messages) => {
    expect(said(inner)).toEqual(messages);
  });

  it.each([
    ['a short animation that ends', '<animate attributeName="r" dur="2s" repeatCount="2"/>'],
    ['one started by a click', '<animate attributeName="r" dur="1s" begin="click" repeatCount="indefinite"/>'],
    ['one started by another element\'s event', '<animate attributeName="r" dur="1s" begin="button.click" repeatCount="indefinite"/>'],
    ['a still drawing', ''],
  ])('%s is not', (_name, inner) => {
    expect(said(inner)).toEqual([]);
  });

  it('a <style> animation for ever is said, unless the drawing stops it for learners who ask for less motion', () => {
    const styled = (css: string) => checkSvg(`<svg xmlns="http://www.w3.org/2000/svg"><style>${css}</style><circle r="4"/></svg>`, judge).problems.map((p) => p.rule);
    expect(styled('circle { animation: pulse 2s ease-in-out infinite; }')).toEqual(['image-animated']);
    expect(styled('circle { animation-name: pulse; animation-iteration-count: infinite; }')).toEqual(['image-animated']);
    expect(styled('circle { animation: pulse 2s infinite; } @media (prefers-reduced-motion: reduce) { circle { animation: none; } }')).toEqual([]);
    expect(styled('circle { animation: pulse 2s 3; }')).toEqual([]);
  });
});

describe('checkSvg and what a browser would load or follow', () => {
  const judged = (svg: string): string[] => {
    const seen: string[] = [];
    const recording: Judge = (url, use) => {
      seen.push(`${use} ${url}`);
      return { ok: false, rule: 'remote-resource', reason: `refused ${url}` };
    };
    checkSvg(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:foo="urn:x" viewBox="0 0 100 100">${svg}</svg>`, recording);
    return seen;
  };

  it('judges the value an animation sets by the attribute a browser animates: a prefixed attributeName before it is no decoy', () => {
    expect(judged('<a href="#"><set foo:attributeName="x" attributeName="href" to="javascript:alert(1)"/></a>')).toContain('load javascript:alert(1)');
    expect(judged('<image href="ok.png"><set foo:attributeName="x" attributeName="href" to="https://evil.example/t.png"/></image>')).toContain('load https://evil.example/t.png');
  });

  it('reads a <style> inside a <style> as part of the outer one, whose text the browser reads whole', () => {
    expect(judged('<style><style/>@import url(https://evil.example/s.css);</style>')).toContain('load https://evil.example/s.css');
    expect(judged('<style>@import url(https://evil.example/a.css);<style>x{}</style>b{background:url(https://evil.example/b.png)}</style>')).toEqual(
      expect.arrayContaining(['load https://evil.example/a.css', 'load https://evil.example/b.png']));
  });
});

describe('checkSvg places', () => {
  it('counts columns in UTF-16 units, as every other message and editors do (an emoji is two)', () => {
    const line = '<title>\u{1f600}\u{1f600}é</title>\t<script>alert(1)</script>';
    const { problems } = checkSvg(`<svg xmlns="http://www.w3.org/2000/svg">\n${line}</svg>`, judge);
    expect(problems.filter((p) => p.rule === 'unsafe-html').map((p) => [p.line, p.column])).toEqual([[2, line.indexOf('<script') + 1]]);
  });
});

describe('checkSvg and entity declarations', () => {
  const illustrator = `<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
	<!ENTITY ns_extend "http://ns.adobe.com/Extensibility/1.0/">
	<!ENTITY ns_ai "http://ns.adobe.com/AdobeIllustrator/10.0/">
]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:i="&ns_ai;"><rect width="1" height="1"/></svg>`;

  it('are refused; an Illustrator Save As file is told the export that gives a plain SVG', () => {
    const [problem] = checkSvg(illustrator, judge).problems;
    expect(problem?.rule).toBe('asset-not-well-formed');
    expect(problem?.hint).toMatch(/Illustrator's Save As: export it with File > Export > Export As… and the SVG format/);
    const other = checkSvg('<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg"/>', judge).problems[0];
    expect(other?.hint).toBe('Export the SVG again without a DOCTYPE, or remove the part in [ … ].');
  });
});
