/**
 * An SVG as it goes into a package, without what the drawing app keeps for itself. Inkscape writes the
 * author's file names and folders (`sodipodi:docname`, `inkscape:export-filename="/home/ann/…"`,
 * `sodipodi:absref`), its version and its window state; Illustrator, with "Preserve Illustrator Editing
 * Capabilities", writes the whole .ai file as base64 in `<i:pgf>` (often megabytes, with the author's name
 * and paths inside) and XMP in `<x:xmpmeta>`; both write `<metadata>` (RDF: creator, rights). Every learner
 * downloads the package, and an SVG opened on its own shows its source, so all of it left with the course.
 *
 * Dropped: elements in the editors' namespaces (below, matched by namespace URI, since a prefix is whatever
 * the file declares), with all they hold; attributes in those namespaces and the declarations that bind
 * them; SVG's `<metadata>` elements (SVG 1.1 §5.11: browsers neither draw nor read them). Kept: everything
 * else, byte for byte — the drawing, `<title>`, `<desc>`, `role`, `aria-*`, comments, white space (a line
 * that held only a dropped element goes with it, except inside `<text>` or `<foreignObject>`, where white
 * space can show).
 *
 * Read as check-svg.ts reads it (saxes, strict XML): the same bytes in give the same bytes out, and a file
 * with nothing to drop is returned as it is. A file saxes refuses (not well-formed, an entity declaration,
 * not UTF-8, nested past MAX_SVG_DEPTH) is returned as it is too: the build's checks of the author's file
 * report it, and no guess is made about what a broken file means. Pure.
 */
import { SaxesParser, type SaxesAttributeNS } from 'saxes';

const EDITOR_NAMESPACES: ReadonlySet<string> = new Set([
  'http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd',
  'http://www.inkscape.org/namespaces/inkscape',
  // Illustrator: its own data (i:pgf, i:pgfRef, i:extraneous), XMP, variables, Save for Web, image
  // replacement, the Extensibility wrapper, text flows and graphs.
  'http://ns.adobe.com/AdobeIllustrator/10.0/',
  'adobe:ns:meta/',
  'http://ns.adobe.com/Variables/1.0/',
  'http://ns.adobe.com/SaveForWeb/1.0/',
  'http://ns.adobe.com/ImageReplacement/1.0/',
  'http://ns.adobe.com/Extensibility/1.0/',
  'http://ns.adobe.com/Flows/1.0/',
  'http://ns.adobe.com/Graphs/1.0/',
]);

const SVG_NS = 'http://www.w3.org/2000/svg';

/** As check-svg.ts's MAX_SVG_DEPTH: saxes slows down on deeper files, which the build refuses anyway. */
const MAX_DEPTH = 1000;

/** Where white space is text a browser can show, so it stays even around a dropped element. */
const KEEPS_SPACE = new Set(['text', 'foreignObject']);

/** Thrown from a handler to stop saxes at once; caught below. */
const STOP = Symbol('stop');

export function stripSvgEditorData(bytes: Uint8Array): Uint8Array {
  let text: string;
  try {
    // The byte order mark, if any, stays (saxes skips it); bytes that are not UTF-8 are not guessed at.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return bytes;
  }
  // Nothing to look for: most SVGs, the mentoring course's included, are not parsed at all.
  if (!/metadata|sodipodi|inkscape|ns\.adobe\.com|adobe:ns:meta/i.test(text)) return bytes;
  const cuts = findCuts(text);
  if (!cuts?.length) return bytes;
  let out = '';
  let at = 0;
  for (const [from, to] of cuts) {
    out += text.slice(at, from);
    at = to;
  }
  return new TextEncoder().encode(out + text.slice(at));
}

/** The [from, to) ranges of `text` to leave out, in order and apart; null when the file cannot be read safely. */
function findCuts(text: string): Array<[number, number]> | null {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const cuts: Array<[number, number]> = [];
  /** Each open element: its local name, and whether it is dropped (itself or an ancestor). */
  const open: Array<{ local: string; dropped: boolean }> = [];
  let tagStart = 0;
  /** Where the element being dropped starts (its line's white space included), while inside it. */
  let dropFrom = -1;
  let failed = false;
  parser.on('error', () => {
    failed = true;
    throw STOP;
  });
  parser.on('doctype', (doctype) => {
    // Entities are not expanded by saxes (check-svg.ts refuses them): what they stand for is unknown here.
    if (doctype.includes('[')) {
      failed = true;
      throw STOP;
    }
  });
  parser.on('opentagstart', (tag) => {
    if (open.length >= MAX_DEPTH) {
      failed = true;
      throw STOP;
    }
    // saxes is one character past the name (two after a CR LF): the tag starts at the `<` before it.
    tagStart = text.lastIndexOf(`<${tag.name}`, parser.position);
  });
  parser.on('opentag', (tag) => {
    const parent = open.at(-1);
    if (parent?.dropped) {
      open.push({ local: tag.local, dropped: true });
      return;
    }
    const dropped = EDITOR_NAMESPACES.has(tag.uri) || (tag.uri === SVG_NS && tag.local === 'metadata');
    // A root in an editor's namespace is no SVG a browser draws; what to keep of it is not guessed at.
    if (dropped && !parent) {
      failed = true;
      throw STOP;
    }
    if (dropped) {
      open.push({ local: tag.local, dropped: true });
      dropFrom = open.some((o) => KEEPS_SPACE.has(o.local)) ? tagStart : lineStart(text, tagStart);
      return;
    }
    open.push({ local: tag.local, dropped: false });
    const names = new Set((Object.values(tag.attributes) as SaxesAttributeNS[]).filter(isEditorAttribute).map((a) => a.name));
    if (!names.size) return;
    const attributeCuts = findAttributeCuts(text, tagStart + 1 + tag.name.length, parser.position, names);
    if (!attributeCuts) {
      failed = true;
      throw STOP;
    }
    cuts.push(...attributeCuts);
  });
  parser.on('closetag', () => {
    const closed = open.pop();
    if (closed?.dropped && !open.at(-1)?.dropped) {
      cuts.push([dropFrom, parser.position]);
      dropFrom = -1;
    }
  });
  try {
    parser.write(text).close();
  } catch (error) {
    if (error !== STOP) throw error;
  }
  return failed ? null : cuts;
}

/** An attribute in an editor's namespace, or a declaration binding one (`xmlns:inkscape="…"`). */
function isEditorAttribute(a: SaxesAttributeNS): boolean {
  if (a.prefix === 'xmlns' || (a.prefix === '' && a.local === 'xmlns')) return EDITOR_NAMESPACES.has(a.value);
  return EDITOR_NAMESPACES.has(a.uri);
}

/**
 * The ranges of the named attributes in the start tag between `from` (just after its name) and `end` (just
 * after its `>`), each with the white space before it (XML requires some between attributes, so what is
 * left is still well-formed). saxes has read the tag as well-formed XML, so every attribute is
 * `S name S? = S? "…"` or `'…'`; anything else, which cannot happen, gives null.
 */
function findAttributeCuts(text: string, from: number, end: number, names: ReadonlySet<string>): Array<[number, number]> | null {
  const attribute = /(\s+)([^\s=/>]+)\s*=\s*("[^"]*"|'[^']*')/y;
  const cuts: Array<[number, number]> = [];
  let at = from;
  for (;;) {
    attribute.lastIndex = at;
    const m = attribute.exec(text);
    if (!m || attribute.lastIndex > end) break;
    if (names.has(m[2]!)) cuts.push([at, attribute.lastIndex]);
    at = attribute.lastIndex;
  }
  if (!/^\s*\/?>$/.test(text.slice(at, end))) return null;
  return cuts.length === names.size ? cuts : null;
}

/**
 * Where the line holding `at` starts, if only spaces and tabs come before `at` on it (its line break is
 * dropped with it, so no blank line is left); `at` itself otherwise.
 */
function lineStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  if (i === 0 || text[i - 1] !== '\n') return at;
  i--;
  return i > 0 && text[i - 1] === '\r' ? i - 1 : i;
}
