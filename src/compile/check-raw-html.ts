/**
 * Raw HTML in Markdown: an allowlist of simple formatting tags, so no author script, style, frame,
 * form or event handler reaches the package. The sanitizer at render time is a second line of defence;
 * this check exists so the author hears about it instead of losing content silently.
 */

const ALLOWED_TAGS = new Set([
  'abbr', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'cite', 'code', 'dd', 'del', 'details', 'dfn', 'div', 'dl',
  'dt', 'em', 'figcaption', 'figure', 'hr', 'i', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 'rp', 'rt', 'ruby',
  's', 'samp', 'small', 'span', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead',
  'time', 'tr', 'u', 'ul', 'var', 'wbr',
]);
const ALLOWED_ATTRIBUTES = new Set(['title', 'lang', 'dir', 'colspan', 'rowspan', 'scope', 'datetime', 'open', 'cite', 'abbr']);

export interface RawHtmlProblem {
  /** Offset of the problem in the HTML text. */
  readonly offset: number;
  /** How many characters it spans (the tag, or the attribute). */
  readonly length: number;
  readonly message: string;
}

const TAG = /<\/?([A-Za-z][A-Za-z0-9-]*)([^>]*)>?/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;

export function checkRawHtml(html: string): RawHtmlProblem[] {
  const problems: RawHtmlProblem[] = [];
  // Comments are dropped at render time; blank them (keeping offsets) so tags inside them are not checked.
  const text = html.replace(/<!--[\s\S]*?-->/g, (c) => ' '.repeat(c.length));
  for (const tag of text.matchAll(TAG)) {
    const name = (tag[1] ?? '').toLowerCase();
    const at = tag.index;
    // A disallowed element is reported at its start tag only.
    if (tag[0].startsWith('</')) continue;
    if (!ALLOWED_TAGS.has(name)) {
      problems.push({ offset: at, length: tag[0].length, message: `Raw HTML \`<${name}>\` is not allowed` });
      continue;
    }
    const attributes = tag[2] ?? '';
    for (const attribute of attributes.matchAll(ATTRIBUTE)) {
      const attr = (attribute[1] ?? '').toLowerCase();
      if (!ALLOWED_ATTRIBUTES.has(attr)) {
        const why = attr.startsWith('on') ? ' (event handlers run scripts)' : attr === 'style' ? ' (styles can load from the web)' : '';
        problems.push({ offset: at + 1 + name.length + attribute.index, length: attribute[0].length, message: `Attribute \`${attr}\` on \`<${name}>\` is not allowed${why}` });
      }
    }
  }
  return problems;
}
