/**
 * A CSS tokenizer that follows CSS Syntax Level 3 §4.3 ("Tokenizer Algorithms") for everything that decides
 * where a token ends: comments, strings (escapes, a newline ends one as a bad string), escapes in names,
 * url tokens (and bad urls, whose remnants a browser skips), functions, numbers and dimensions (a unit is a
 * name, so `1\"` holds no string), hashes, at-keywords, CDO/CDC. The URL check must see the tokens a
 * browser sees: a regular expression that removed `/*…*\/` first hid `url()` between two strings holding
 * `/*` and `*\/` (in CSS, `/*` inside a string is not a comment).
 *
 * Offsets are into the text as given: instead of preprocessing (§3.3), CR, CRLF and FF are read as newlines
 * where they appear, so a token's place is the place the author wrote. Values are decoded (escapes
 * resolved, §4.3.7). Pure.
 */

export type CssToken =
  | { readonly type: 'ident' | 'function' | 'at-keyword' | 'hash' | 'string' | 'url'; readonly value: string; readonly start: number; readonly end: number }
  | { readonly type: 'bad-string' | 'bad-url' | 'whitespace' | 'number' | 'delim' | 'cdo' | 'cdc'; readonly value: string; readonly start: number; readonly end: number }
  | { readonly type: '(' | ')' | '[' | ']' | '{' | '}' | ',' | ':' | ';'; readonly value: string; readonly start: number; readonly end: number };

const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ',', ':', ';']);

const isNewline = (c: string | undefined) => c === '\n' || c === '\r' || c === '\f';
const isWhitespace = (c: string | undefined) => c === ' ' || c === '\t' || isNewline(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isHex = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c);
/** §4.2 ident-start code point: a letter, a non-ASCII code point or `_`. */
const isNameStart = (c: string | undefined) => c !== undefined && (/^[A-Za-z_]$/.test(c) || c.charCodeAt(0) >= 0x80);
const isName = (c: string | undefined) => isNameStart(c) || isDigit(c) || c === '-';
/** §4.2 non-printable code point. */
const isNonPrintable = (c: string | undefined) => {
  const n = c?.charCodeAt(0) ?? -1;
  return (n >= 0 && n <= 8) || n === 0x0b || (n >= 0x0e && n <= 0x1f) || n === 0x7f;
};

export function tokenizeCss(css: string): CssToken[] {
  const tokens: CssToken[] = [];
  let i = 0;
  const at = (k = 0) => css[i + k];
  /** §4.3.8: a backslash not followed by a newline. */
  const validEscape = (k = 0) => at(k) === '\\' && !isNewline(at(k + 1));
  /** §4.3.9 would start an ident sequence, looking at position i+k. */
  const startsIdent = (k = 0) => {
    const c = at(k);
    if (c === '-') return isNameStart(at(k + 1)) || at(k + 1) === '-' || validEscape(k + 1);
    if (isNameStart(c)) return true;
    return validEscape(k);
  };
  /** §4.3.10 would start a number. */
  const startsNumber = (k = 0) => {
    const c = at(k);
    if (c === '+' || c === '-') return isDigit(at(k + 1)) || (at(k + 1) === '.' && isDigit(at(k + 2)));
    if (c === '.') return isDigit(at(k + 1));
    return isDigit(c);
  };
  /** One newline, CRLF counting as one (§3.3 turns CRLF into a single LF). */
  const skipNewline = () => {
    i += css[i] === '\r' && css[i + 1] === '\n' ? 2 : 1;
  };
  /** §4.3.7, with `i` just after the backslash. */
  const escaped = (): string => {
    if (i >= css.length) return '\uFFFD';
    if (!isHex(at())) {
      const c = String.fromCodePoint(css.codePointAt(i) ?? 0xfffd);
      i += c.length;
      return c;
    }
    let hex = '';
    while (hex.length < 6 && isHex(at())) hex += css[i++];
    if (isWhitespace(at())) (isNewline(at()) ? skipNewline() : i++);
    const n = parseInt(hex, 16);
    return n === 0 || (n >= 0xd800 && n <= 0xdfff) || n > 0x10ffff ? '\uFFFD' : String.fromCodePoint(n);
  };
  /** §4.3.12 consume an ident sequence. */
  const name = (): string => {
    let out = '';
    for (;;) {
      if (isName(at())) out += css[i++];
      else if (validEscape()) {
        i++;
        out += escaped();
      } else return out;
    }
  };
  const whitespace = () => {
    while (isWhitespace(at())) i++;
  };
  const push = (type: CssToken['type'], value: string, start: number) => tokens.push({ type, value, start, end: i } as CssToken);

  /** §4.3.5, with `i` just after the opening quote. */
  const string = (quote: string, start: number) => {
    let value = '';
    for (;;) {
      const c = at();
      if (c === undefined) return push('string', value, start);
      if (c === quote) {
        i++;
        return push('string', value, start);
      }
      if (isNewline(c)) return push('bad-string', value, start);
      if (c === '\\') {
        if (i + 1 >= css.length) i++;
        else if (isNewline(at(1))) {
          i++;
          skipNewline();
        } else {
          i++;
          value += escaped();
        }
        continue;
      }
      value += c;
      i++;
    }
  };
  /** §4.3.14: skip to the `)` that ends a bad url, escapes included. */
  const badUrlRemnants = () => {
    for (;;) {
      if (i >= css.length) return;
      if (at() === ')') {
        i++;
        return;
      }
      if (validEscape()) {
        i++;
        escaped();
      } else i++;
    }
  };
  /** §4.3.6, with `i` just after `url(`. */
  const url = (start: number) => {
    let value = '';
    whitespace();
    for (;;) {
      const c = at();
      if (c === undefined) return push('url', value, start);
      if (c === ')') {
        i++;
        return push('url', value, start);
      }
      if (isWhitespace(c)) {
        whitespace();
        if (at() === ')' || i >= css.length) {
          if (at() === ')') i++;
          return push('url', value, start);
        }
        badUrlRemnants();
        return push('bad-url', value, start);
      }
      if (c === '"' || c === "'" || c === '(' || isNonPrintable(c)) {
        badUrlRemnants();
        return push('bad-url', value, start);
      }
      if (c === '\\') {
        if (validEscape()) {
          i++;
          value += escaped();
          continue;
        }
        badUrlRemnants();
        return push('bad-url', value, start);
      }
      value += c;
      i++;
    }
  };
  /** §4.3.4 consume an ident-like token. */
  const identLike = (start: number) => {
    const value = name();
    if (value.toLowerCase() === 'url' && at() === '(') {
      i++;
      // Whitespace then a quote: a `url(` function whose argument is a string token; otherwise a url token.
      let k = 0;
      while (isWhitespace(at(k))) k++;
      if (at(k) === '"' || at(k) === "'") return push('function', value, start);
      return url(start);
    }
    if (at() === '(') {
      i++;
      return push('function', value, start);
    }
    return push('ident', value, start);
  };
  /** §4.3.3 consume a numeric token (number, percentage or dimension: one token here). */
  const numeric = (start: number) => {
    if (at() === '+' || at() === '-') i++;
    while (isDigit(at())) i++;
    if (at() === '.' && isDigit(at(1))) for (i++; isDigit(at()); ) i++;
    if ((at() === 'e' || at() === 'E') && (isDigit(at(1)) || ((at(1) === '+' || at(1) === '-') && isDigit(at(2))))) for (i += 2; isDigit(at()); ) i++;
    if (startsIdent()) name();
    else if (at() === '%') i++;
    push('number', css.slice(start, i), start);
  };

  while (i < css.length) {
    const start = i;
    const c = css[i] ?? '';
    if (c === '/' && at(1) === '*') {
      // §4.3.2: a comment runs to the first `*/` or the end of the text; it is not a token.
      const end = css.indexOf('*/', i + 2);
      i = end < 0 ? css.length : end + 2;
    } else if (isWhitespace(c)) {
      whitespace();
      push('whitespace', ' ', start);
    } else if (c === '"' || c === "'") {
      i++;
      string(c, start);
    } else if (c === '#' && (isName(at(1)) || validEscape(1))) {
      i++;
      push('hash', name(), start);
    } else if (PUNCTUATION.has(c)) {
      i++;
      push(c as '(', c, start);
    } else if ((c === '+' || c === '.' || c === '-') && startsNumber()) {
      numeric(start);
    } else if (c === '-' && at(1) === '-' && at(2) === '>') {
      i += 3;
      push('cdc', '-->', start);
    } else if (c === '-' && startsIdent()) {
      identLike(start);
    } else if (c === '<' && css.startsWith('<!--', i)) {
      i += 4;
      push('cdo', '<!--', start);
    } else if (c === '@' && startsIdent(1)) {
      i++;
      push('at-keyword', name(), start);
    } else if (c === '\\' && validEscape()) {
      identLike(start);
    } else if (isDigit(c)) {
      numeric(start);
    } else if (isNameStart(c)) {
      identLike(start);
    } else {
      i += String.fromCodePoint(css.codePointAt(i) ?? 0).length;
      push('delim', c, start);
    }
  }
  return tokens;
}
