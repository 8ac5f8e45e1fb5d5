// Self-containment scan (issue point 6): does any packaged HTML, CSS or JS file *load* something
// from outside the package? A package must work offline and inside LMS sandboxes; a CDN script,
// web font or remote image breaks that, and leaks learner traffic. Plain <a href="https://…">
// links in text are navigation, not loads, and are allowed (docs/authoring.md, Markdown).

export interface RemoteLoad {
  readonly file: string;
  readonly what: string;
}

// Absolute or protocol-relative URLs of a network scheme; data: and blob: are local.
const REMOTE = String.raw`(?:(?:https?|wss?|ftp):)?\/\/`;
const REMOTE_URL = new RegExp(`^\\s*${REMOTE}`, 'i');

const ATTRIBUTE = /\s([a-z][a-z0-9:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;
// Attributes that make the browser fetch, on any element (img, script, source, track, video
// poster, object data, iframe, input type=image, svg image, srcset candidates).
const LOADING_ATTRIBUTES = new Set(['src', 'srcset', 'poster', 'data', 'xlink:href', 'background', 'manifest', 'ping', 'formaction']);
// href loads on these elements; on <a> and <area> it is navigation.
const HREF_LOADS = new Set(['link', 'base', 'image', 'use', 'feimage', 'script']);

export function findRemoteLoadsInCss(file: string, css: string): RemoteLoad[] {
  const found: RemoteLoad[] = [];
  for (const m of css.matchAll(/url\(\s*(['"]?)([^'")]*)\1\s*\)/gi)) {
    if (REMOTE_URL.test(m[2] ?? '')) found.push({ file, what: m[0] });
  }
  for (const m of css.matchAll(/@import\s+(['"])([^'"]*)\1/gi)) {
    if (REMOTE_URL.test(m[2] ?? '')) found.push({ file, what: m[0] });
  }
  return found;
}

export function findRemoteLoadsInJs(file: string, js: string): RemoteLoad[] {
  const found: RemoteLoad[] = [];
  const patterns = [
    // fetch("https://…"), import("//…"), importScripts(…), navigator.sendBeacon(…),
    // new WebSocket/EventSource/Worker(…), xhr.open("GET", "https://…")
    new RegExp(String.raw`\b(?:fetch|import|importScripts|sendBeacon|WebSocket|EventSource|Worker|SharedWorker|open)\s*\(\s*(?:["'\`][A-Z]+["'\`]\s*,\s*)?["'\`]${REMOTE}[^"'\`]*`, 'gi'),
    // import x from "https://…", export … from "https://…"
    new RegExp(String.raw`\b(?:import|from)\s*["'\`]${REMOTE}[^"'\`]*`, 'gi'),
    // el.src = "https://…", el.href = … on a created <link>/<script>, setAttribute("src", …)
    new RegExp(String.raw`\.(?:src|srcset)\s*=\s*["'\`]${REMOTE}[^"'\`]*`, 'gi'),
    new RegExp(String.raw`setAttribute\(\s*["'\`](?:src|srcset|href)["'\`]\s*,\s*["'\`]${REMOTE}[^"'\`]*`, 'gi'),
  ];
  for (const pattern of patterns) {
    for (const m of js.matchAll(pattern)) found.push({ file, what: m[0] });
  }
  return found;
}

export function findRemoteLoadsInHtml(file: string, html: string): RemoteLoad[] {
  const found: RemoteLoad[] = [];
  // Inline scripts and styles are scanned as JS and CSS (JSON data blocks are not code).
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (!/type\s*=\s*["']?application\/(?:ld\+)?json/i.test(m[1] ?? '')) found.push(...findRemoteLoadsInJs(file, m[2] ?? ''));
  }
  for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)) found.push(...findRemoteLoadsInCss(file, m[1] ?? ''));
  const withoutBlocks = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/(<script\b[^>]*>)[\s\S]*?(<\/script\s*>)/gi, '$1$2')
    .replace(/(<style\b[^>]*>)[\s\S]*?(<\/style\s*>)/gi, '$1$2');
  for (const tag of withoutBlocks.matchAll(/<([a-z][a-z0-9-]*)\b([^>]*)>/gi)) {
    const element = (tag[1] ?? '').toLowerCase();
    for (const a of (tag[2] ?? '').matchAll(ATTRIBUTE)) {
      const name = (a[1] ?? '').toLowerCase();
      const value = a[2] ?? a[3] ?? a[4] ?? '';
      if (name === 'style') found.push(...findRemoteLoadsInCss(file, value));
      const loads = LOADING_ATTRIBUTES.has(name) || (name === 'href' && HREF_LOADS.has(element));
      const urls = name === 'srcset' ? value.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '') : [value];
      if (loads && urls.some((u) => REMOTE_URL.test(u))) found.push({ file, what: `<${element} ${name}="${value}">` });
    }
    // <meta http-equiv="refresh" content="0; url=https://…"> would leave the package at load.
    if (element === 'meta' && /http-equiv\s*=\s*["']?refresh/i.test(tag[2] ?? '') && new RegExp(`url=${REMOTE}`, 'i').test(tag[2] ?? '')) {
      found.push({ file, what: tag[0] });
    }
  }
  return found;
}

/** Every remote load in the HTML, CSS, JS and SVG files of a package (path → bytes). */
export function findRemoteLoads(files: ReadonlyMap<string, Uint8Array>): RemoteLoad[] {
  const found: RemoteLoad[] = [];
  const decoder = new TextDecoder();
  for (const [path, data] of files) {
    const text = (): string => decoder.decode(data);
    if (/\.(?:html?|xhtml|svg)$/i.test(path)) found.push(...findRemoteLoadsInHtml(path, text()));
    else if (/\.css$/i.test(path)) found.push(...findRemoteLoadsInCss(path, text()));
    else if (/\.m?js$/i.test(path)) found.push(...findRemoteLoadsInJs(path, text()));
  }
  return found;
}
