import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { stripSvgEditorData } from '../../src/package/index.js';

const strip = (text: string): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(stripSvgEditorData(new TextEncoder().encode(text)));

const NS = 'xmlns="http://www.w3.org/2000/svg"';
const INKSCAPE = 'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"';
const SODIPODI = 'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"';
const RDF = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cc="http://creativecommons.org/ns#" xmlns:dc="http://purl.org/dc/elements/1.1/"';

describe('stripSvgEditorData', () => {
  it('drops what Inkscape writes of the author (file names, folders, RDF creator) and keeps the drawing, its title and what a screen reader reads', () => {
    const inkscape = [
      '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
      '<!-- Created with Inkscape (http://www.inkscape.org/) -->',
      '<svg',
      '   width="210mm" viewBox="0 0 210 100" role="img" aria-labelledby="t"',
      '   inkscape:version="1.3.2 (091e20e, 2023-11-25)"',
      '   sodipodi:docname="diagram.svg"',
      '   inkscape:export-filename="/home/ann/Documents/district/diagram.png"',
      `   ${INKSCAPE}`,
      `   ${SODIPODI}`,
      `   ${NS} ${RDF}>`,
      '  <title id="t">Two boxes</title>',
      '  <desc>A blue box beside a label.</desc>',
      '  <sodipodi:namedview id="nv" inkscape:zoom="0.7" sodipodi:absref="/Users/ann.smith/Desktop/diagram.svg" />',
      '  <metadata id="m">',
      '    <rdf:RDF><cc:Work rdf:about=""><dc:creator><cc:Agent><dc:title>Ann Smith</dc:title></cc:Agent></dc:creator></cc:Work></rdf:RDF>',
      '  </metadata>',
      '  <g inkscape:label="Layer 1" inkscape:groupmode="layer" id="layer1" aria-hidden="false">',
      '    <rect style="fill:#1f5fa8" width="80" height="60" /><text x="120" y="50"><tspan sodipodi:role="line">Ann\'s box</tspan></text>',
      '  </g>',
      '</svg>',
      '',
    ].join('\n');
    expect(strip(inkscape)).toBe([
      '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
      '<!-- Created with Inkscape (http://www.inkscape.org/) -->',
      '<svg',
      '   width="210mm" viewBox="0 0 210 100" role="img" aria-labelledby="t"',
      `   ${NS} ${RDF}>`,
      '  <title id="t">Two boxes</title>',
      '  <desc>A blue box beside a label.</desc>',
      '  <g id="layer1" aria-hidden="false">',
      '    <rect style="fill:#1f5fa8" width="80" height="60" /><text x="120" y="50"><tspan>Ann\'s box</tspan></text>',
      '  </g>',
      '</svg>',
      '',
    ].join('\n'));
  });

  it('drops Illustrator\'s private data (the .ai file as base64 in i:pgf, XMP, Save for Web) and the declarations of its namespaces', () => {
    const illustrator = [
      '<svg version="1.1" xmlns:x="http://ns.adobe.com/Extensibility/1.0/" xmlns:i="http://ns.adobe.com/AdobeIllustrator/10.0/" xmlns:graph="http://ns.adobe.com/Graphs/1.0/" ' +
        `${NS} xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 100" i:viewOrigin="0 100" role="img" aria-label="A circle">`,
      '<switch>',
      '\t<foreignObject requiredExtensions="http://ns.adobe.com/AdobeIllustrator/10.0/" width="1" height="1"><i:pgfRef xlink:href="#adobe_illustrator_pgf"/></foreignObject>',
      '\t<g i:extraneous="self"><circle fill="#C00" cx="50" cy="50" r="40"/></g>',
      '</switch>',
      '<i:pgf id="adobe_illustrator_pgf"><![CDATA[ eJzs/Wd3ssDQJQp/8x74vHIN9dZt7/5icn1qaj7r83f6L8a0wpF4lf3W42amDKNPtl9hn ]]></i:pgf>',
      '<metadata>',
      '\t<sfw xmlns="http://ns.adobe.com/SaveForWeb/1.0/"><slices></slices></sfw>',
      '\t<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">' +
        '<dc:creator><rdf:Seq><rdf:li>Ann Smith</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>',
      '</metadata>',
      '</svg>',
    ].join('\n');
    expect(strip(illustrator)).toBe([
      `<svg version="1.1" ${NS} xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 100" role="img" aria-label="A circle">`,
      '<switch>',
      '\t<foreignObject requiredExtensions="http://ns.adobe.com/AdobeIllustrator/10.0/" width="1" height="1"></foreignObject>',
      '\t<g><circle fill="#C00" cx="50" cy="50" r="40"/></g>',
      '</switch>',
      '</svg>',
    ].join('\n'));
  });

  it('goes by namespace, not prefix: any prefix bound to an editor\'s namespace is dropped, an editor\'s prefix bound to another is kept', () => {
    const svg = `<svg ${NS} xmlns:ink="http://www.inkscape.org/namespaces/inkscape" xmlns:inkscape="https://example.org/mine" ink:label="a" inkscape:label="b"><svg:metadata xmlns:svg="http://www.w3.org/2000/svg">Ann</svg:metadata><metadata xmlns="https://example.org/mine"/></svg>`;
    expect(strip(svg)).toBe(`<svg ${NS} xmlns:inkscape="https://example.org/mine" inkscape:label="b"><metadata xmlns="https://example.org/mine"/></svg>`);
  });

  it('keeps the white space around a dropped element where it shows (in <text>), and drops a line that held only the element elsewhere', () => {
    const svg = `<svg ${NS} ${INKSCAPE}>\r\n  <metadata/>\r\n  <text>one\n  <inkscape:x/>two</text>\n</svg>`;
    expect(strip(svg)).toBe(`<svg ${NS}>\r\n  <text>one\n  two</text>\n</svg>`);
  });

  it('leaves a file with nothing to drop, or one it cannot read safely, as it is, the same bytes', () => {
    const files = [
      `<svg ${NS} viewBox="0 0 10 10"><title>A square</title><rect width="10" height="10"/></svg>`,
      // Not well-formed, an entity declaration (Illustrator's &ns_ai;), an unbound prefix, not UTF-8.
      `<svg ${NS} ${INKSCAPE} inkscape:version="1"><metadata></svg>`,
      `<!DOCTYPE svg [<!ENTITY ns_ai "http://ns.adobe.com/AdobeIllustrator/10.0/">]><svg ${NS} xmlns:i="&ns_ai;"><i:pgf>…</i:pgf></svg>`,
      `<svg ${NS} inkscape:version="1"/>`,
    ].map((text) => new TextEncoder().encode(text));
    files.push(Uint8Array.from([...new TextEncoder().encode(`<svg ${NS}><metadata>Ann `), 0xe9, ...new TextEncoder().encode('</metadata></svg>')]));
    for (const bytes of files) expect(stripSvgEditorData(bytes)).toBe(bytes);
  });

  it('keeps a byte order mark, and what it leaves is well-formed and has nothing more to drop', () => {
    const svg = `\uFEFF<svg ${NS} ${SODIPODI} sodipodi:docname="ann.svg"><sodipodi:namedview/><g/></svg>`;
    const once = strip(svg);
    expect(once).toBe(`\uFEFF<svg ${NS}><g/></svg>`);
    expect(strip(once)).toBe(once);
    const parser = new SaxesParser({ xmlns: true });
    parser.on('error', (error) => {
      throw error;
    });
    expect(() => parser.write(once).close()).not.toThrow();
  });
});
