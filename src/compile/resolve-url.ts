/**
 * What a URL an author wrote means, wherever it was written (issue 13 point 1): a web address, a page of
 * the course, an asset in the package, somewhere outside the course, or a scheme that is not allowed.
 * Markdown links, images and reference definitions, raw HTML, media directives and the URLs inside SVG and
 * HTML assets all come through here, and judge-url.ts applies one policy to the result.
 *
 * Paths are relative to the folder of the file that holds them (`modules` for a module, so
 * `../assets/a.svg` is `assets/a.svg`; `assets/img` for `assets/img/diagram.svg`).
 */
import path from 'node:path';

export type ResolvedUrl =
  | { readonly kind: 'web'; readonly url: string }
  | { readonly kind: 'unsafe'; readonly url: string }
  | { readonly kind: 'data'; readonly url: string }
  | { readonly kind: 'page'; readonly module: string | null; readonly anchor: string | null }
  | { readonly kind: 'fragment'; readonly anchor: string }
  | { readonly kind: 'asset'; readonly path: string }
  | { readonly kind: 'outside'; readonly path: string };

const WEB = /^(https?:|mailto:|tel:|\/\/)/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
// Images the browser decodes without running anything (an SVG in <img> runs no script: SVG 2 §16.7.2).
const DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp|avif|bmp|svg\+xml)[;,]/i;

/**
 * As a browser reads an attribute URL (WHATWG URL §4.4): leading and trailing C0 controls and spaces go,
 * tabs and newlines anywhere are removed (`java\tscript:` is `javascript:`), and in http(s) pages a
 * backslash is a slash (`\\evil.example/x.png` is a protocol-relative web address).
 */
export function normalizeUrl(url: string): string {
  return url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '').replace(/\\/g, '/');
}

export function resolveUrl(url: string, base = 'modules'): ResolvedUrl {
  const trimmed = normalizeUrl(url);
  // As a browser goes there: `HTTPS:` is `https:` (the sanitizer compares schemes as written, and dropped the
  // link), and `//host` (or `/\host`) is the page's own scheme, https in any LMS.
  if (WEB.test(trimmed)) return { kind: 'web', url: trimmed.startsWith('//') ? `https:${trimmed}` : trimmed.replace(SCHEME, (s) => s.toLowerCase()) };
  if (DATA_IMAGE.test(trimmed)) return { kind: 'data', url: trimmed };
  if (SCHEME.test(trimmed)) return { kind: 'unsafe', url: trimmed };
  const hashAt = trimmed.indexOf('#');
  const anchor = hashAt >= 0 ? decode(trimmed.slice(hashAt + 1)) : null;
  // `?` and `#` are not part of the file name (SCORM12.md §2.3: strip them before checking a file exists).
  const file = trimmed.slice(0, hashAt >= 0 ? hashAt : undefined).split('?')[0] ?? '';
  if (file === '') return base === 'modules' ? { kind: 'page', module: null, anchor: anchor || null } : { kind: 'fragment', anchor: anchor ?? '' };
  const resolved = path.posix.normalize(path.posix.join(base, decode(file)));
  if (/^modules\/[^/]+\.md$/.test(resolved)) {
    return { kind: 'page', module: resolved.slice('modules/'.length, -3), anchor: anchor || null };
  }
  if (resolved.startsWith('assets/')) return { kind: 'asset', path: resolved };
  return { kind: 'outside', path: resolved };
}

/** A URL's percent escapes decoded, or the text as it is where one is malformed (`100%.png`). */
export function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Page ids (`<module>--<this>`), which learners' saved progress and xAPI IRIs are keyed by: lower-case a-z and
 * digits joined by `-`, every other character a separator, `page` when nothing is left (so a page titled in
 * Arabic or Japanese is `page`, `page-2`, …). Never changed: a new id cut published courses off from their
 * learners' records (suspend_data's fingerprint, the LRS's activities). Links name a page by `slugify` instead.
 */
export function pageIdSlug(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, 48).replace(/-+$/, '') || 'page';
}

/**
 * Page anchors: lower-case words joined by `-` (`## Setting Goals Together` → `setting-goals-together`,
 * `## Café` → `cafe`). Words in other scripts are kept as they are written (`## بناء الثقة` →
 * `بناء-الثقة`, as GitHub makes anchors): only [a-z0-9] were, so every Arabic, Japanese, Cyrillic or
 * Greek title made `#page`, each later one `#page-2`, `#page-3`, and no link could name a page by its title.
 * Latin letters other than a-z still separate words, so Latin titles make the anchors they always made.
 */
/** Made once: the bundle makes a Unicode-property expression with `new RegExp` where it stands (compiled per call). */
const NOT_IN_SLUG = /[^a-z0-9\p{L}\p{M}\p{N}]+|(?![a-z])\p{Script=Latin}/gu;

export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    // Composed again: kana with their voicing marks, Hangul syllables (NFKD took them apart).
    .normalize('NFC')
    .toLowerCase()
    .replace(NOT_IN_SLUG, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
  return Array.from(slug).slice(0, 48).join('').replace(/-+$/, '') || 'page';
}
