// A small, strict, namespace-aware XML reader for checking manifests. The checks need what a
// DOM hides or a lenient parser repairs: a bare `&` (Moodle repairs it, other LMSs reject the
// package, SCORM12.md §2.2), the raw text of xsi:schemaLocation (`&#xD;`, §2.1) and the literal
// prefix of every element and attribute (Moodle matches tag names, not namespaces, §2.1).
// xmlbuilder2's own reader accepts unclosed tags and bare `&`, so it cannot serve as the judge.
// Covers what a manifest uses: elements, attributes, text, CDATA, comments, processing
// instructions; a DOCTYPE is refused (a manifest has no business declaring entities).

export interface XmlAttribute {
  readonly name: string;
  readonly prefix: string | null;
  readonly localName: string;
  readonly namespace: string | null;
  readonly value: string;
  /** The value as written between the quotes, references unexpanded. */
  readonly raw: string;
}

export interface XmlElement {
  readonly name: string;
  readonly prefix: string | null;
  readonly localName: string;
  readonly namespace: string | null;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlElement[];
  /** Concatenated character data directly inside this element. */
  readonly text: string;
}

export type XmlErrorKind = 'ampersand' | 'syntax';

export class XmlSyntaxError extends Error {
  constructor(message: string, readonly kind: XmlErrorKind, readonly offset: number) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const NAME = /[A-Za-z_:\u00C0-\uFFFF][A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]*/y;
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

interface MutableElement {
  name: string;
  attributes: { name: string; value: string; raw: string }[];
  children: XmlElement[];
  text: string;
  scope: ReadonlyMap<string, string>;
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - before.lastIndexOf('\n')}`;
}

/** Parses a whole document and returns its root element; throws XmlSyntaxError. */
export function parseXml(input: string): XmlElement {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  let pos = 0;
  const fail = (message: string, kind: XmlErrorKind = 'syntax', at = pos): never => {
    throw new XmlSyntaxError(`${message} at ${lineColumn(text, at)}`, kind, at);
  };

  const decode = (raw: string, start: number): string =>
    raw.replace(/&([^;&<\s]*);?/g, (match, body: string, index: number) => {
      if (!match.endsWith(';')) return fail('unescaped "&" (write &amp;)', 'ampersand', start + index);
      if (body in PREDEFINED) return PREDEFINED[body] ?? '';
      const numeric = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(body);
      if (numeric === null) return fail(`unknown entity &${body};`, body === '' ? 'ampersand' : 'syntax', start + index);
      const code = parseInt(numeric[1] ?? numeric[2] ?? '', numeric[1] === undefined ? 10 : 16);
      if (!(code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff))) {
        return fail(`character reference &${body}; is not allowed in XML`, 'syntax', start + index);
      }
      return String.fromCodePoint(code);
    });

  const readName = (): string => {
    NAME.lastIndex = pos;
    const match = NAME.exec(text);
    if (match === null) return fail('expected a name');
    pos += match[0].length;
    return match[0];
  };
  const skipSpace = (): void => {
    while (pos < text.length && /\s/.test(text[pos] ?? '')) pos++;
  };
  const skipPast = (terminator: string, what: string): string => {
    const end = text.indexOf(terminator, pos);
    if (end < 0) fail(`unterminated ${what}`);
    const body = text.slice(pos, end);
    pos = end + terminator.length;
    return body;
  };

  const resolve = (qname: string, scope: ReadonlyMap<string, string>, isAttribute: boolean, at: number) => {
    const colon = qname.indexOf(':');
    const prefix = colon < 0 ? null : qname.slice(0, colon);
    const localName = colon < 0 ? qname : qname.slice(colon + 1);
    if (localName.length === 0 || localName.includes(':') || prefix === '') fail(`bad qualified name ${qname}`, 'syntax', at);
    let namespace: string | null;
    if (prefix === null) namespace = isAttribute ? null : (scope.get('') ?? null);
    else if (prefix === 'xml') namespace = XML_NS;
    else if (prefix === 'xmlns') namespace = XMLNS_NS;
    else namespace = scope.get(prefix) ?? fail(`prefix "${prefix}" is not declared`, 'syntax', at);
    return { prefix, localName, namespace: namespace === '' ? null : namespace };
  };

  const stack: MutableElement[] = [];
  const result: { root: XmlElement | null } = { root: null };

  const finish = (element: MutableElement, at: number): void => {
    const { prefix, localName, namespace } = resolve(element.name, element.scope, false, at);
    const seen = new Set<string>();
    const attributes: XmlAttribute[] = element.attributes.map((a) => {
      const resolved = a.name === 'xmlns' ? { prefix: null, localName: 'xmlns', namespace: XMLNS_NS } : resolve(a.name, element.scope, true, at);
      const key = `${resolved.namespace ?? ''}|${resolved.localName}`;
      if (seen.has(key)) fail(`attribute ${a.name} appears twice on <${element.name}>`, 'syntax', at);
      seen.add(key);
      return { name: a.name, value: a.value, raw: a.raw, ...resolved };
    });
    const done: XmlElement = { name: element.name, prefix, localName, namespace, attributes, children: element.children, text: element.text };
    const parent = stack[stack.length - 1];
    if (parent === undefined) result.root = done;
    else parent.children.push(done);
  };

  while (pos < text.length) {
    const lt = text.indexOf('<', pos);
    const chunkEnd = lt < 0 ? text.length : lt;
    if (chunkEnd > pos) {
      const chunk = text.slice(pos, chunkEnd);
      const current = stack[stack.length - 1];
      if (current === undefined) {
        if (chunk.trim().length > 0) fail('text outside the root element');
      } else {
        current.text += decode(chunk, pos);
      }
      pos = chunkEnd;
      continue;
    }
    const start = pos;
    if (text.startsWith('<!--', pos)) {
      pos += 4;
      skipPast('-->', 'comment');
    } else if (text.startsWith('<![CDATA[', pos)) {
      pos += 9;
      const body = skipPast(']]>', 'CDATA section');
      const current = stack[stack.length - 1] ?? fail('CDATA outside the root element', 'syntax', start);
      current.text += body;
    } else if (text.startsWith('<!', pos)) {
      fail('DOCTYPE and declarations are not allowed in a manifest');
    } else if (text.startsWith('<?', pos)) {
      pos += 2;
      skipPast('?>', 'processing instruction');
    } else if (text.startsWith('</', pos)) {
      pos += 2;
      const name = readName();
      skipSpace();
      if (text[pos] !== '>') fail('expected ">"');
      pos++;
      const open = stack.pop();
      if (open === undefined || open.name !== name) fail(`</${name}> does not close <${open?.name ?? ''}>`, 'syntax', start);
      finish(open as MutableElement, start);
    } else {
      if (stack.length === 0 && result.root !== null) fail('a second root element', 'syntax', start);
      pos++;
      const name = readName();
      const attributes: { name: string; value: string; raw: string }[] = [];
      for (;;) {
        const hadSpace = /\s/.test(text[pos] ?? '');
        skipSpace();
        const c = text[pos];
        if (c === '>' || c === '/') break;
        if (c === undefined) fail('unterminated start tag', 'syntax', start);
        if (!hadSpace) fail('expected white space between attributes');
        const attrName = readName();
        skipSpace();
        if (text[pos] !== '=') fail(`expected "=" after ${attrName}`);
        pos++;
        skipSpace();
        const quote = text[pos];
        if (quote !== '"' && quote !== "'") return fail(`expected a quoted value for ${attrName}`);
        pos++;
        const valueStart = pos;
        const raw = skipPast(quote, 'attribute value');
        if (raw.includes('<')) fail(`"<" in the value of ${attrName}`, 'syntax', valueStart);
        // Attribute-value normalization (XML 1.0 §3.3.3): literal white space becomes a space;
        // character references such as &#xD; survive, which is exactly what §2.1 warns about.
        const value = decode(raw.replace(/[\t\n\r]/g, ' '), valueStart);
        attributes.push({ name: attrName, value, raw });
      }
      const selfClosing = text[pos] === '/';
      pos += selfClosing ? 1 : 0;
      if (text[pos] !== '>') fail('expected ">"');
      pos++;
      const parentScope = stack[stack.length - 1]?.scope ?? new Map<string, string>();
      const scope = new Map(parentScope);
      for (const a of attributes) {
        if (a.name === 'xmlns') scope.set('', a.value);
        else if (a.name.startsWith('xmlns:')) scope.set(a.name.slice(6), a.value);
      }
      const element: MutableElement = { name, attributes, children: [], text: '', scope };
      if (selfClosing) finish(element, start);
      else stack.push(element);
    }
  }
  const unclosed = stack[stack.length - 1];
  if (unclosed !== undefined) fail(`<${unclosed.name}> is never closed`);
  return result.root ?? fail('no root element');
}
