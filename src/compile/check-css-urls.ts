/**
 * The URLs a stylesheet loads: `url(…)` (backgrounds, fonts, filters, masks, SVG paint servers), the strings
 * of `image-set()` (CSS Images 4 §2.2, also `-webkit-image-set()`), `image()` and `src()` (CSS Values 4 §4.5),
 * and `@import "…"`. Every one must stay inside the package (a web font or a tracking pixel in CSS is a
 * remote load like any other). Read from the tokens a browser sees (tokenize-css.ts), so escapes
 * (`\75 rl(`), comments and strings are what CSS says they are, and a function's arguments end at its own
 * `)` (`type('image/png')` inside `image-set()` is not a file, and does not end the `image-set()`). Pure.
 */
import { tokenizeCss, type CssToken } from './tokenize-css.js';

export interface CssUrl {
  readonly url: string;
  readonly kind: 'url()' | '@import';
  /** Named by an `@import` (`@import "x.css"` or `@import url(x.css)`): the file is read as a stylesheet. */
  readonly imported: boolean;
  /** Offset and length of the `url(…)`, the string, or `@import` up to its string, in the CSS text. */
  readonly offset: number;
  readonly length: number;
  /** The URL as typed, escapes and all (`..\\assets\\photo.png`), where `url` is what a browser reads. */
  readonly written: string;
}

/** Functions whose string arguments are URLs a browser loads. */
const URL_FUNCTIONS = new Set(['url', 'src', 'image', 'image-set', '-webkit-image-set']);
const CLOSES: Readonly<Record<string, string>> = { ']': '[', '}': '{' };

export function findCssUrls(css: string): CssUrl[] {
  const found: CssUrl[] = [];
  const add = (token: CssToken, kind: CssUrl['kind'], from = token.start, imported = false) =>
    found.push({ url: token.value, kind, imported, offset: from, length: token.end - from, written: writtenOf(css.slice(token.start, token.end), token.type) });
  /** Whether a token `depth` functions deep is in an `@import`'s prelude, outside its `supports()` or `layer()`. */
  const importing = (depth: number) => atRule?.name === 'import' && atRule.depth === depth;
  // What each open function or block is: a function's name, or the bracket that opened a block.
  const open: string[] = [];
  const starts: number[] = [];
  // The at-rule whose prelude the tokens are in, and how deep it was written.
  let atRule: { readonly name: string; readonly depth: number; readonly start: number } | null = null;
  for (const token of tokenizeCss(css)) {
    const inside = open.at(-1);
    switch (token.type) {
      case 'function':
        open.push(`${token.value.toLowerCase()}(`);
        starts.push(token.start);
        break;
      case '(':
      case '[':
      case '{':
        open.push(token.type);
        starts.push(token.start);
        if (token.type === '{') atRule = null;
        break;
      case ')':
      case ']':
      case '}':
        // A closer that matches nothing open is a token like any other (§5.4.8 consumes until the match).
        if (token.type === ')' ? inside?.endsWith('(') : inside === CLOSES[token.type]) {
          open.pop();
          starts.pop();
        }
        if (token.type === '}') atRule = null;
        break;
      case ';':
        atRule = null;
        break;
      case 'at-keyword':
        atRule = { name: token.value.toLowerCase(), depth: open.length, start: token.start };
        break;
      case 'url':
        // `@namespace svg url(http://www.w3.org/2000/svg)` names a namespace; nothing is fetched.
        if (atRule?.name !== 'namespace') add(token, 'url()', token.start, importing(open.length));
        break;
      case 'string':
        // `url("x")` is placed at its `url(`, an image-set() candidate at its own string.
        if (inside !== undefined && URL_FUNCTIONS.has(inside.slice(0, -1)) && atRule?.name !== 'namespace') add(token, 'url()', inside === 'url(' ? starts.at(-1) : token.start, inside === 'url(' && importing(open.length - 1));
        else if (atRule !== null && importing(open.length)) add(token, '@import', atRule.start, true);
        break;
      default:
        break;
    }
  }
  return found;
}

/** A url token's `url(…)` or a string's quotes taken off its source. */
function writtenOf(source: string, type: CssToken['type']): string {
  if (type === 'url') return source.replace(/^[^(]*\(\s*/, '').replace(/\s*\)$/, '');
  return source.slice(1, source.endsWith(source[0] ?? '') && source.length > 1 ? -1 : undefined);
}

/**
 * Control characters an escape made (`\a` is a line feed) written as escapes: a message is one line in every
 * format (text, `--format github`, the VS Code problem matcher), and a line feed in it split it in two.
 */
function visible(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => ({ '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A better account of a URL coursepack refused, when the author typed it with Windows backslashes: CSS reads
 * `\` as the start of an escape (CSS Syntax 3 §4.3.7), so `url(..\assets\photo.png)` is `..` + a line feed
 * (`\a`) + `ssetsphoto.png` to a browser, and "`..\nssetsphoto.png` does not exist" left the author
 * wondering. Null when the URL has no backslash, or when the verdict stands as it is (it was let through).
 */
export function backslashFault(found: CssUrl, verdict: { readonly ok: boolean }, what: string): { readonly reason: string; readonly hint: string } | null {
  // A backslash before a space, a quote or a bracket is CSS's way to write one unquoted: meant, not a separator.
  if (verdict.ok || !/\\[\w.-]/.test(found.written)) return null;
  const slashes = found.written.replace(/\\/g, '/');
  return {
    reason: `${what} \`${found.written}\` is read as \`${visible(found.url)}\` by browsers: in CSS a backslash starts an escape, so it is not a folder separator`,
    hint: `Write the path with forward slashes: url(${/[\s"'()]/.test(slashes) ? `"${slashes}"` : slashes}).`,
  };
}

/**
 * What is wrong with a URL a page or a stylesheet reads as a stylesheet (`<link rel="stylesheet">`, `@import`),
 * once judge-url.ts has let it through; null for a .css file in the package. A page in quirks mode (no
 * `<!DOCTYPE html>`, as Word's "Save as Web Page" writes) reads any file of its own as CSS, whatever its type
 * (HTML's quirks-mode exception for stylesheets): `notes.txt`, a PDF, a page, a `data:image/…` URL, and
 * coursepack reads only .css files as CSS, so what such a stylesheet loaded from the web went unchecked.
 */
export function stylesheetFault(what: string, verdict: { readonly kind: string; readonly url: string; readonly asset?: string }): { readonly rule: 'active-asset-type'; readonly reason: string; readonly hint: string } | null {
  if (verdict.kind === 'asset' && verdict.asset !== undefined && /\.css$/i.test(verdict.asset)) return null;
  const shown = verdict.asset ?? (verdict.url.length > 40 ? `${verdict.url.slice(0, 37)}...` : verdict.url);
  return {
    rule: 'active-asset-type',
    reason: `${what} loads ${shown} as a stylesheet, and it is not a .css file: a page without \`<!DOCTYPE html>\` reads any file as CSS, and coursepack checks only .css files as CSS`,
    hint: 'Put the CSS in a .css file in assets/ and name that, or in a `<style>` element.',
  };
}
