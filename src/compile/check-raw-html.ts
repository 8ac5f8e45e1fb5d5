/**
 * HTML an author wrote, parsed as a browser parses it (parse5, through hast-util-from-html) so that what is
 * checked is what will run: a regular expression over the text disagreed with the browser (`<!-- --!>`
 * ends a comment for parse5, not for a regex), which let a remote image through. Two policies:
 *
 * - `markdown`: raw HTML in a module. An allowlist of simple formatting tags, plus links, images and media
 *   whose URLs go through judge-url.ts like every Markdown URL and are rewritten to what the package holds.
 *   The sanitizer at render time is a second line of defence; this check exists so the author hears about it.
 * - `asset`: an HTML file in assets/ (a handout, a printable sheet). Any element but those that run code,
 *   frame or redirect; no event handlers; every URL judged (find-attribute-urls.ts): CSS, inline SVG's
 *   presentation attributes and `<set>`/`<animate>` included, as in an SVG file.
 *
 * Pure: the parser is passed in (it loads only when a course has HTML).
 */
import type { Element, ElementContent, Nodes, Root } from 'hast';
import type { Position } from 'unist';
import { backslashFault, findCssUrls, stylesheetFault, type CssUrl } from './check-css-urls.js';
import { emptyAltText } from './judge-alt-text.js';
import { describeAttributeUrl, findAttributeUrls } from './find-attribute-urls.js';
import { describeCharacter, findInvalidCharacters } from './find-invalid-characters.js';
import { findTooDeep, MAX_DEPTH } from './find-too-deep.js';
import { isLanguageTag } from '../shared/language-tag.js';
import type { UrlUse, UrlVerdict } from './judge-url.js';
import type { RuleId } from './rules.js';

/** hast-util-from-html with `{ fragment, verbose: true }` (attribute positions). */
export type ParseHtml = (html: string, options: { readonly fragment: boolean }) => Root;

export type Judge = (url: string, use: UrlUse, what: string) => UrlVerdict;

export interface HtmlProblem {
  /** Offset and length in the HTML text. */
  readonly offset: number;
  readonly length: number;
  readonly rule: RuleId;
  readonly message: string;
  readonly hint?: string;
}

export interface HtmlCheck {
  readonly problems: readonly HtmlProblem[];
  /** The text with every accepted URL rewritten to its package URL (markdown policy); null when unchanged. */
  readonly rewritten: string | null;
  /** Package assets the HTML uses. */
  readonly assets: readonly string[];
  /** Pages of the course the HTML links to, each where its URL is (a split build warns of other modules'). */
  readonly pages: readonly { readonly page: string; readonly url: string; readonly offset: number; readonly length: number }[];
}

const FORMATTING = [
  'abbr', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'cite', 'code', 'dd', 'del', 'details', 'dfn', 'div', 'dl',
  'dt', 'em', 'figcaption', 'figure', 'hr', 'i', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 'rp', 'rt', 'ruby',
  's', 'samp', 'small', 'span', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead',
  'time', 'tr', 'u', 'ul', 'var', 'wbr',
];
const MEDIA = ['a', 'img', 'picture', 'source', 'video', 'audio', 'track'];
/** What to write instead of elements authors bring from other tools (Notion's callouts, embeds, headings). */
const INSTEAD_OF: Readonly<Record<string, string>> = {
  aside: 'Write a callout instead: `:::callout[Title]{kind=tip}`, its text, then `:::` (Notion exports its callouts as `<aside>`).',
  iframe: 'Nothing may load from the web: put the video file in assets/ and show it with `::video{src="../assets/clip.mp4" captions="../assets/clip.vtt" title="The talk"}`, or link the page: [the talk on YouTube](https://…).',
  embed: 'Put the file in assets/ and link it, [the handout](../assets/handout.pdf), or show media with `::video` or `::audio`.',
  object: 'Put the file in assets/ and link it, [the handout](../assets/handout.pdf), or show media with `::video` or `::audio`.',
  h1: 'The module title comes from front matter: write a page title as `## Title`, a section as `### Title`.',
  h2: 'Write a page title as `## Title` in Markdown: the page starts there.',
  h3: 'Write a section title as `### Title` in Markdown.',
  h4: 'Write a section title as `#### Title` in Markdown.',
  font: 'Write emphasis in Markdown, **bold** or *italic*: the course\'s theme sets fonts and colours.',
  center: 'Leave text to the course\'s layout; for an image, describe it with its alt text.',
  form: 'Ask with a knowledge check (`:::check{#id}`) or a reflection (`:::reflect{#id}`): the course records those.',
  input: 'Ask with a knowledge check (`:::check{#id}`) or a reflection (`:::reflect{#id}`): the course records those.',
  textarea: 'Ask with a reflection (`:::reflect{#id}`): the course keeps its answer.',
  button: 'Link the page or file instead: [the handout](../assets/handout.pdf).',
};

/** Word's own classes and style properties (`MsoNormal`, `MsoListParagraph`, `mso-bidi-font-family`). */
const FROM_WORD = /^Mso|mso-/i;
const ALLOWED_TAGS = new Set([...FORMATTING, ...MEDIA]);
const ALLOWED_ATTRIBUTES = new Set(['title', 'lang', 'dir', 'colspan', 'rowspan', 'scope', 'datetime', 'open', 'cite', 'abbr']);
const MEDIA_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href'],
  img: ['src', 'srcset', 'alt', 'width', 'height', 'sizes', 'loading', 'decoding'],
  source: ['src', 'srcset', 'type', 'media', 'sizes'],
  video: ['src', 'poster', 'controls', 'width', 'height', 'preload', 'muted', 'loop', 'playsinline'],
  audio: ['src', 'controls', 'preload', 'muted', 'loop'],
  track: ['src', 'kind', 'srclang', 'label', 'default'],
};
/** Elements whose text is shown as written on purpose (a Markdown example), where Markdown syntax is no mistake. */
const LITERAL = new Set(['pre', 'code', 'kbd', 'samp']);
/**
 * Markdown an author expects to be read: a link or image with its URL, strong emphasis, a code span, and
 * a line that starts a heading (a page, for `##`) or a directive (a check, a callout). Not single `*` or
 * `_`, which plain text uses (5 * 3 * 2, file_names_like_this).
 */
const MARKDOWN_SYNTAX = /!?\[[^\]\n]+\]\([^)\s]+(?:\s+"[^"\n]*")?\)|\*\*[^*\s](?:[^*\n]*[^*\s])?\*\*|__[^_\s](?:[^_\n]*[^_\s])?__|`[^`\n]+`|^[ \t]{0,3}#{1,6}[ \t]+\S[^\n]*|^[ \t]*:{2,}[A-Za-z][^\n]*/gm;
/** Elements that run code, embed other documents, redirect or restyle the page: never, in any HTML. */
const NEVER = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'portal', 'noscript', 'template', 'math']);

/** The parse, or null when the HTML nests so deeply that parsing it overflowed the stack (hast-util-from-parse5 recurses). */
export function parseDeepHtml(parseHtml: ParseHtml, html: string, fragment: boolean): Root | null {
  try {
    return parseHtml(html, { fragment });
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

export function checkHtml(html: string, tree: Root, policy: 'markdown' | 'asset', judge: Judge): HtmlCheck {
  const problems: HtmlProblem[] = [];
  const assets: string[] = [];
  const pages: { page: string; url: string; offset: number; length: number }[] = [];
  const edits: { start: number; end: number; text: string }[] = [];
  const problem = (place: Position | undefined, rule: RuleId, message: string, hint?: string) => {
    const offset = place?.start.offset ?? 0;
    problems.push({ offset, length: Math.max(1, (place?.end.offset ?? offset + 1) - offset), rule, message, ...(hint === undefined ? {} : { hint }) });
  };
  const useUrl = (url: string, use: UrlUse, what: string, place: Position | undefined, stylesheet = false, inCss?: CssUrl): string | null => {
    const verdict = judge(url, use, what);
    if (!verdict.ok) {
      const backslash = inCss ? backslashFault(inCss, verdict, what) : null;
      problem(place, verdict.rule, backslash?.reason ?? verdict.reason, backslash?.hint ?? verdict.hint);
      return null;
    }
    const notCss = stylesheet ? stylesheetFault(what, verdict) : null;
    if (notCss) {
      problem(place, notCss.rule, notCss.reason, notCss.hint);
      return null;
    }
    if (verdict.kind === 'asset') assets.push(verdict.asset);
    if (verdict.kind === 'page') {
      const offset = place?.start.offset ?? 0;
      pages.push({ page: verdict.page, url, offset, length: Math.max(1, (place?.end.offset ?? offset + 1) - offset) });
    }
    return verdict.url;
  };

  const visit = (node: Nodes, literal = false): void => {
    if (node.type === 'element') checkElement(node);
    // A character reference such as `&#11;` gives the control character itself in HTML (§13.2.5.80 only
    // replaces NUL, surrogates and C1 controls), which the text scan of the file cannot see.
    if (node.type === 'text') badCharacters(node.value, node.position);
    if (node.type === 'text' && policy === 'markdown' && !literal) markdownShownAsTyped(node.value, node.position);
    const inLiteral = literal || (node.type === 'element' && LITERAL.has(node.tagName));
    if ('children' in node) for (const child of node.children) visit(child, inLiteral);
    // <template> content is a fragment of its own in hast.
    if (node.type === 'element' && node.content) visit(node.content);
  };

  const checkElement = (element: Element): void => {
    const name = element.tagName.toLowerCase();
    const opening = (element.data as { position?: { opening?: Position } } | undefined)?.position?.opening ?? element.position;
    if (NEVER.has(name) || (policy === 'markdown' && !ALLOWED_TAGS.has(name))) {
      problem(opening, 'unsafe-html', policy === 'markdown' ? `Raw HTML \`<${name}>\` is not allowed` : `\`<${name}>\` is not allowed in an HTML asset`, policy === 'markdown' ? INSTEAD_OF[name] : undefined);
      return;
    }
    // As for Markdown images (WCAG 1.1.1): alt="" marks decoration; no alt, or one of spaces (which screen
    // readers do not take as empty), leaves them reading the file name.
    if (name === 'img') {
      const alt = element.properties['alt'];
      if (alt === undefined || alt === null || (String(alt) !== '' && String(alt).trim() === '')) {
        problem(opening, 'image-alt-missing', `\`<img>\` has ${alt === undefined || alt === null ? 'no alt text' : 'an alt text of spaces only'}`, 'Add alt="what it shows", or alt="" when the image is decoration.');
      } else {
        const src = element.properties['src'];
        const empty = emptyAltText(String(alt), typeof src === 'string' ? src : '');
        if (empty !== undefined) problem(opening, 'image-alt-meaningless', `The alt text of \`<img>\`, \`${String(alt).trim()}\`, ${empty}: a screen reader reads it out as the image's description`);
      }
    }
    // In an HTML asset (a whole document): a link with no words (WCAG 2.4.4). Not in a module, where
    // `<a href="…">` and `</a>` around Markdown text are separate pieces of HTML with the words between them.
    if (policy === 'asset' && name === 'a' && element.properties['href'] !== undefined && wordsOf(element).trim() === '') {
      problem(opening, 'link-text-missing', 'The link has no words', 'Put words inside `<a>…</a>`, or give the image inside it its alt text.');
    }
    // As for ::video and ::audio (WCAG 1.2.1, 1.2.2): raw HTML media skipped the warning the directives give.
    // In a module, a `<video>` whose end tag is not in this piece of HTML goes on in the next ones (a
    // paragraph's inline HTML is a piece per tag): its tracks are there, and build-model.ts checks the
    // page's HTML as one.
    if (name === 'video' && (policy === 'asset' || endsHere(element)) && !hasCaptions(element)) {
      problem(opening, 'media-no-captions', VIDEO_NO_CAPTIONS.message, VIDEO_NO_CAPTIONS.hint);
    }
    if (name === 'audio') {
      problem(opening, 'media-no-captions', '`<audio>` has no transcript coursepack can see', 'Write ::audio{src="…" transcript="…"}, which puts the transcript link beside the player (WCAG 1.2.1).');
    }
    if (name === 'meta' && /refresh/i.test(String(element.properties['httpEquiv'] ?? ''))) {
      problem(opening, 'unsafe-html', '`<meta http-equiv="refresh">` would take the learner away from the course');
    }
    if (name === 'style') {
      const css = element.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
      const start = element.children[0]?.position?.start.offset ?? 0;
      for (const found of findCssUrls(css)) useUrl(found.url, 'load', `CSS ${found.kind}`, at(start + found.offset, found.length), found.imported, found);
    }
    const positions = (element.data as { position?: { properties?: Record<string, Position | undefined> } } | undefined)?.position?.properties ?? {};
    for (const property of Object.keys(element.properties)) {
      const place = positions[property];
      const source = place?.start.offset !== undefined && place.end.offset !== undefined ? html.slice(place.start.offset, place.end.offset) : property;
      const attribute = (/^[^\s=]+/.exec(source)?.[0] ?? property).toLowerCase();
      const raw = element.properties[property];
      const value = Array.isArray(raw) ? raw.join(attribute === 'srcset' ? ', ' : ' ') : String(raw ?? '');
      badCharacters(value, place);
      if (attribute.startsWith('on')) {
        problem(place, 'unsafe-html', `Attribute \`${attribute}\` on \`<${name}>\` is not allowed (event handlers run scripts)`);
        continue;
      }
      if (policy === 'markdown' && !ALLOWED_ATTRIBUTES.has(attribute) && !(MEDIA_ATTRIBUTES[name] ?? []).includes(attribute)) {
        // `class="MsoNormal"`, `style="mso-…"`: a Word document's HTML, pasted or saved into the module.
        if ((attribute === 'class' || attribute === 'style') && FROM_WORD.test(value)) {
          // No value in the message: Word's differ from paragraph to paragraph, and the same message is counted once past three (build-model.ts).
          problem(place, 'unsafe-html', `Attribute \`${attribute}\` on \`<${name}>\` is not allowed: this is HTML from Word (its \`Mso\` classes and \`mso-\` styles)`,
            'Paste from Word as plain text (Ctrl+Shift+V; macOS: Cmd+Option+Shift+V) and format it with Markdown, or convert the document with `pandoc -t gfm`.');
          continue;
        }
        const why = attribute === 'style' ? ' (styles can load from the web)' : '';
        problem(place, 'unsafe-html', `Attribute \`${attribute}\` on \`<${name}>\` is not allowed${why}`);
        continue;
      }
      // An empty lang says "unknown language", which is valid; anything else must be a tag.
      if ((attribute === 'lang' || attribute === 'srclang' || attribute === 'xml:lang') && value !== '' && !isLanguageTag(value)) {
        problem(place, 'language-tag', `\`${attribute}="${value.length > 40 ? `${value.slice(0, 37)}...` : value}"\` on \`<${name}>\` is not a language tag`);
        continue;
      }
      const animated = typeof element.properties['attributeName'] === 'string' ? element.properties['attributeName'] : undefined;
      const found = findAttributeUrls(name, attribute, value, animated);
      if (found.length === 0) continue;
      const what = `Attribute \`${attribute}\` of \`<${name}>\``;
      // A URL inside CSS or an animation's list is placed where it is in the value; others at the attribute.
      const valueStart = place?.start.offset === undefined ? 0 : place.start.offset + Math.max(0, source.indexOf(value.slice(0, 1), attribute.length));
      const stylesheet = name === 'link' && attribute === 'href' && /(^|\s)stylesheet(\s|$)/i.test(String(element.properties['rel'] instanceof Array ? element.properties['rel'].join(' ') : element.properties['rel'] ?? ''));
      const resolved = found.map((u) => useUrl(u.url, u.use, describeAttributeUrl(what, u, animated), u.via === 'css' || u.via === 'animation' ? at(valueStart + u.offset, u.length) : place, stylesheet, u.css));
      if (resolved.some((r) => r === null)) continue;
      const [first] = found;
      const url = resolved[0] ?? '';
      if (first?.via === 'srcset') rewrite(place, attribute, found.map((u, i) => [resolved[i], u.descriptors].filter(Boolean).join(' ')).join(', '), value);
      if (first?.via !== 'value') continue;
      rewrite(place, attribute, url, value);
      if (policy === 'markdown' && name === 'a' && url.startsWith('#page-')) {
        edits.push({ start: place?.end.offset ?? 0, end: place?.end.offset ?? 0, text: ` data-page="${escapeAttribute(url.slice('#page-'.length))}"` });
      } else if (policy === 'markdown' && name === 'a' && !url.startsWith('#')) {
        // Leaving index.html inside the LMS frame would end the SCO session: open files and web pages in a new tab.
        edits.push({ start: place?.end.offset ?? 0, end: place?.end.offset ?? 0, text: ' target="_blank" rel="noopener noreferrer"' });
      }
    }
  };

  // Text inside a piece of raw HTML is part of an HTML block (inline HTML is a piece per tag, the text between
  // them is Markdown): Markdown written there is not read and shows as typed, `**` and brackets included.
  const markdownShownAsTyped = (text: string, place: Position | undefined) => {
    const start = place?.start.offset;
    for (const found of text.matchAll(MARKDOWN_SYNTAX)) {
      const shown = found[0].length > 60 ? `${found[0].slice(0, 57)}...` : found[0];
      problem(start === undefined ? place : at(start + found.index, found[0].length), 'markdown-in-html', `Markdown inside an HTML block is not read: \`${shown}\` shows as typed`);
    }
  };

  const badCharacters = (text: string, place: Position | undefined) => {
    const [bad] = findInvalidCharacters(text);
    if (bad) problem(place, 'invalid-character', `The HTML holds ${describeCharacter(bad.codePoint)}, which a SCORM package cannot carry`);
  };

  const rewrite = (place: Position | undefined, attribute: string, url: string, original: string) => {
    if (policy !== 'markdown' || url === original || place?.start.offset === undefined || place.end.offset === undefined) return;
    edits.push({ start: place.start.offset, end: place.end.offset, text: `${attribute}="${escapeAttribute(url)}"` });
  };

  const deep = findTooDeep(tree);
  if (deep) {
    problem(deep.position, 'content-too-deep', `The HTML nests more than ${MAX_DEPTH} elements deep here`);
    return { problems, rewritten: null, assets, pages };
  }
  visit(tree);
  edits.sort((a, b) => b.start - a.start);
  let rewritten = html;
  for (const e of edits) rewritten = rewritten.slice(0, e.start) + e.text + rewritten.slice(e.end);
  return { problems, rewritten: edits.length ? rewritten : null, assets, pages };
}

export const VIDEO_NO_CAPTIONS = {
  message: '`<video>` has no captions track',
  hint: 'Add `<track kind="captions" src="../assets/….vtt" srclang="en">` inside it, or write ::video{src="…" captions="…"}.',
} as const;

/** A captions or subtitles `<track>` among the element's children (WCAG 1.2.2). */
export function hasCaptions(video: Element): boolean {
  return video.children.some((c) => c.type === 'element' && c.tagName === 'track' && /^(captions|subtitles)$/i.test(String(c.properties['kind'] ?? '')));
}

/** Whether the element's end tag is written in the HTML parsed (hast-util-from-html, verbose); false when the parser closed it at the end of the text. */
export function endsHere(element: Element): boolean {
  return (element.data as { position?: { closing?: Position } } | undefined)?.position?.closing !== undefined;
}

function at(offset: number, length: number): Position {
  return { start: { line: 0, column: 0, offset }, end: { line: 0, column: 0, offset: offset + length } };
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

/** What a screen reader reads of an element: its text, and the alt text of its images. */
function wordsOf(element: Element): string {
  let words = '';
  const stack: ElementContent[] = [...element.children];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type === 'text') words += node.value;
    else if (node.type === 'element') {
      if (node.tagName === 'img') words += String(node.properties['alt'] ?? '');
      else if (node.properties['ariaHidden'] !== 'true') stack.push(...node.children);
    }
  }
  return words;
}
