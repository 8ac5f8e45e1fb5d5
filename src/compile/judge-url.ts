/**
 * One policy for every URL an author can write (issue 13 point 1): what resolve-url.ts says a URL is,
 * judged by how it is used. A URL that is *loaded* (an image, media, a poster, a srcset candidate, an SVG
 * `<image>`, CSS `url()`) must be inside the package; a URL that is *followed* (a link) may also be a web
 * address or, from a module, a page of the course. The same faults give the same rule ids wherever the
 * URL was written. Pure.
 */
import path from 'node:path';
import { isSafePackagePath, windowsRefusedPart } from '../shared/package-path.js';
import { decode, normalizeUrl, resolveUrl } from './resolve-url.js';
import type { RuleId } from './rules.js';

export type UrlUse = 'load' | 'follow';

/** A page of the course that a link reaches. */
export interface PageTarget {
  readonly id: string;
}

export interface UrlContext {
  /** Folder of the file the URL is written in: `modules`, or an asset's folder. */
  readonly base: string;
  /** Every asset of the course (course-relative). */
  readonly assets: ReadonlySet<string>;
  /** Assets that are symbolic links (never followed), files or folders: `assets/dir` covers `assets/dir/x.png`. */
  readonly assetLinks: ReadonlySet<string>;
  /** From a module: the page a link names, or why there is none. Absent in assets, which cannot reach a page. */
  readonly findPage?: (module: string | null, anchor: string | null) => PageTarget | { readonly reason: string; readonly hint?: string };
  /**
   * Told each file in assets/ a URL names, used or refused (a bad file name, another case, a case twin):
   * the author meant to use it, so it is not reported as unused besides (build-model.ts, `asset-unused`).
   */
  readonly mention?: (asset: string) => void;
}

export type UrlVerdict =
  | { readonly ok: true; readonly kind: 'web' | 'data' | 'fragment'; readonly url: string }
  | { readonly ok: true; readonly kind: 'asset'; readonly url: string; readonly asset: string }
  | { readonly ok: true; readonly kind: 'page'; readonly url: string; readonly page: string }
  | { readonly ok: false; readonly rule: RuleId; readonly reason: string; readonly hint?: string };

const fault = (rule: RuleId, reason: string, hint?: string): UrlVerdict => (hint === undefined ? { ok: false, rule, reason } : { ok: false, rule, reason, hint });

/** `what` names the URL's place in messages: "Image `…/x.png`", "Attribute `src` of `<img>`". */
/** A Windows drive path (`C:/…` once backslashes are slashes) or a `file:` URL: a place on the author's machine. */
const ON_THIS_COMPUTER = /^([a-z]:\/|file:)/i;

/** A curly quote or guillemet at either end of an address. */
const CURLY_AROUND = /^[\u201c\u201d\u201e\u2018\u2019\u00ab\u00bb]|[\u201c\u201d\u2018\u2019\u00ab\u00bb]$/;
const CURLY_ENDS = /^[\u201c\u201d\u201e\u2018\u2019\u00ab\u00bb]+|[\u201c\u201d\u2018\u2019\u00ab\u00bb]+$/g;

/**
 * A URL as messages show it: a long one cut, a data: URL by its type and length. An image pasted into
 * Google Docs and exported as Markdown is a data: URL of hundreds of kilobytes on one line, which a
 * message printed whole.
 */
export function shownUrl(url: string): string {
  if (url.length <= 80) return url;
  const data = /^data:[^,]{0,60},/i.exec(url);
  if (data) {
    const length = url.length - data[0].length;
    return `${data[0]}… (${length < 2048 ? `${length} characters` : `${Math.round(length / 1024)} KB`})`;
  }
  return `${url.slice(0, 77)}...`;
}

/** Characters every LMS takes in a file name (package-path.ts). */
const SAFE_NAME = /^[A-Za-z0-9._/-]+$/;

/** The longest path of an asset in a package (see its use). */
const MAX_ASSET_PATH = 160;

/** `attribute`: the directive attribute the URL is the value of (`captions`, `review`), if it is one. */
export function judgeUrl(url: string, use: UrlUse, what: string, context: UrlContext, attribute?: string): UrlVerdict {
  const shown = `${what} \`${shownUrl(url)}\``;
  // `[the guide](“https://…”)`: quotes that Word or a web page put around the address are read as part
  // of it, which then named a file outside assets/ instead of the quotes.
  if (CURLY_AROUND.test(url)) {
    // A directive's value needs its quotes, straight ones: "without quotes" and a Markdown link misled there.
    const hint = attribute === undefined
      ? 'Write the address without quotes: [the guide](https://example.org/guide). Text pasted from Word or the web brings them.'
      : `Type straight quotes around the value: ${attribute}="${shownUrl(url.replace(CURLY_ENDS, ''))}". Text pasted from Word or the web brings curly ones.`;
    return fault(use === 'load' ? 'missing-asset' : 'broken-link', `${shown} is in curly quotes, which are read as part of the address`, hint);
  }
  const r = resolveUrl(url, context.base);
  switch (r.kind) {
    case 'web':
      if (use === 'follow') return { ok: true, kind: 'web', url: r.url };
      return fault('remote-resource', `${shown} is on the web; nothing may load from outside the package`);
    case 'data':
      if (use === 'load') return { ok: true, kind: 'data', url: r.url };
      return fault('unsafe-url', `${shown} is a data: URL, which a link may not open`);
    case 'unsafe':
      // `C:\Users\ann\Desktop\photo.png` or `file:///…` (an image dragged into an editor, or a path copied
      // from Explorer): read as the scheme `c:`, which said nothing a Windows author could act on.
      if (ON_THIS_COMPUTER.test(r.url)) {
        const name = /([^/]+?)\/?$/.exec(r.url)?.[1] ?? 'the-file';
        const inAssets = path.posix.relative(context.base, `assets/${/^[A-Za-z0-9._-]+$/.test(name) ? name : 'its-name.png'}`);
        return fault('unsafe-url', `${shown} is a file on this computer, which learners do not have`,
          `Copy the file into the course's assets/ folder and write the path from ${context.base === 'modules' ? 'the module' : 'this file'}: ${inAssets}`);
      }
      return fault('unsafe-url', `${shown} uses the scheme \`${(/^[^:]*:/.exec(r.url)?.[0] ?? '').toLowerCase()}\`, which is not allowed`);
    case 'fragment':
      return { ok: true, kind: 'fragment', url: `#${r.anchor}` };
    case 'page': {
      if (use === 'load') return fault('asset-outside-folder', `${shown} is not in the course assets/ folder`);
      if (!context.findPage) return fault('broken-link', `${shown} points at a page of the course, which a file in assets/ cannot open`, 'Link to the page from the module instead.');
      const target = context.findPage(r.module, r.anchor);
      if ('reason' in target) return fault('broken-link', `${shown}: ${target.reason}`, target.hint);
      return { ok: true, kind: 'page', url: `#page-${target.id}`, page: target.id };
    }
    case 'outside': {
      if (r.path.endsWith('.md')) return fault('broken-link', `${shown} points outside the modules folder`);
      // `Assets/Diagram.PNG` for assets/diagram.png: in the folder but for the case, which is the fault to name.
      const other = sameButCase(r.path, context.assets).find((a) => !a.endsWith('/'));
      if (other) {
        context.mention?.(other);
        return fault('missing-asset', `${shown} does not exist`, nearMissHint(r.path, other));
      }
      // `assets/x.svg` from a module (as course.yaml writes brand.logo) is read from the module's folder.
      const fromCourse = r.path.startsWith(`${context.base}/`) ? r.path.slice(context.base.length + 1) : '';
      if (context.assets.has(fromCourse)) {
        context.mention?.(fromCourse);
        return fault('asset-outside-folder', `${shown} is read from the folder of the file it is in, so it names ${r.path}, which does not exist`, `Write the path from ${context.base}/: ${path.posix.relative(context.base, fromCourse)}`);
      }
      // `[the basics](01-basics)`: a module named without its `.md`.
      if (use === 'follow' && context.findPage && r.path.startsWith('modules/') && !r.path.slice('modules/'.length).includes('/')) {
        const name = r.path.slice('modules/'.length);
        const target = context.findPage(name, null);
        if (!('reason' in target)) return fault('broken-link', `${shown} names no file`, `A module is named with its .md: ${name}.md (or ${name}.md#anchor for one of its pages).`);
      }
      return fault('asset-outside-folder', `${shown} is not in the course assets/ folder`);
    }
    case 'asset': {
      if (context.mention) for (const a of sameButCase(r.path, context.assets)) if (!a.endsWith('/')) context.mention(a);
      const link = linkOn(r.path, context.assetLinks);
      if (link) return fault('symlink-not-followed', `${shown}: ${link === r.path ? r.path : `${link}, a folder on its path,`} is a symbolic link, which coursepack does not follow`);
      if (!context.assets.has(r.path)) {
        // `photo#1.png`, `what?.png`: the file is there, but a URL reads `#` as the start of an anchor and `?`
        // as a query, so the address named `photo` and "does not exist" pointed at a file the author can see.
        const whole = r.path.slice(0, r.path.lastIndexOf('/') + 1) + (/[^/]*$/.exec(decode(normalizeUrl(url)))?.[0] ?? '');
        if (whole !== r.path && context.assets.has(whole)) {
          context.mention?.(whole);
          const mark = /[#?]/.exec(whole.slice(r.path.lastIndexOf('/') + 1))?.[0] ?? '#';
          return fault('asset-file-name', `${shown} names ${r.path}: the file is ${whole}, and in an address \`${mark}\` starts ${mark === '#' ? 'an anchor' : 'a query'}, not part of a file name`);
        }
        const other = sameButCase(r.path, context.assets).find((a) => !a.endsWith('/'));
        return fault('missing-asset', `${shown} does not exist`, other ? nearMissHint(r.path, other) : undefined);
      }
      const twin = caseTwinOf(r.path, context.assets);
      if (twin) return fault('asset-name-case', `${shown}: ${sameCaseAs(r.path, twin)} and ${twin} ${differOnlyIn(sameCaseAs(r.path, twin), twin)}`);
      // Names LMSs break on are refused.
      if (!isSafePackagePath(r.path)) {
        // `aux.svg` and `notes.` hold no space and no odd character: saying so sent the author looking for one.
        const windows = windowsRefusedPart(r.path);
        if (windows && SAFE_NAME.test(r.path)) {
          const what = 'reserved' in windows ? `a name Windows reserves for a device (${windows.reserved})` : 'a name ending in a dot, which Windows drops';
          return fault('asset-file-name', `Asset \`${r.path}\` has ${what}, so the package cannot be unpacked on Windows`);
        }
        return fault('asset-file-name', `Asset \`${r.path}\` has a space or a character LMSs do not accept in file names`);
      }
      // <file href> may hold 2000 characters (SCORM12.md §2.2), but the package is unpacked into folders: Moodle
      // keeps a file's folder path in 255 characters, and Windows extracts no path past 260, of which the user's
      // Downloads folder and the zip's name take about 80.
      if (r.path.length > MAX_ASSET_PATH) {
        return fault('asset-file-name', `Asset \`${shownUrl(r.path)}\` has a path of ${r.path.length} characters: unpacked into an LMS's or a Windows computer's folders it passes their limits (Moodle 255, Windows 260 with the folder it is unpacked into)`,
          `Keep each path in assets/ under ${MAX_ASSET_PATH} characters, with shorter folder and file names.`);
      }
      // A `<track>` reads WebVTT alone (HTML §4.8.11.11.1): SRT, the format transcription services hand out, or
      // any other showed no captions at all, and `media-no-captions` was quiet since captions were named.
      if (use === 'load' && CAPTIONS.includes(what) && !/\.vtt$/i.test(r.path)) {
        return fault('format-unsupported', `${shown} is not WebVTT (.vtt), the one captions format browsers read: learners would get no captions`, asWebvtt('captions'));
      }
      // Description cues are a `<track>` too (read-directive.ts), read by the same WebVTT parser.
      if (use === 'load' && what === 'Descriptions' && !/\.vtt$/i.test(r.path)) {
        return fault('format-unsupported', `${shown} is not WebVTT (.vtt), the one format a \`<track>\` reads: blind learners would hear no descriptions`, asWebvtt('descriptions'));
      }
      const format = use === 'load' ? UNSHOWN_FORMATS.find(([type]) => type.test(r.path)) : undefined;
      if (format) {
        const [, kind, picture, hint, which] = format;
        return fault('format-unsupported', `${shown} is ${kind}, ${which ?? `which Chrome, Edge and Firefox do not ${picture ? 'show' : 'play'}`}: ${picture ? 'most learners would see a broken image' : 'most learners could not play it'}`, hint);
      }
      // A link's `#page=2` (a PDF's page) or `?…` stays: the file is checked without it (SCORM12.md §2.3), the
      // learner still lands where the author pointed.
      const suffix = use === 'follow' ? (/[?#][^]*$/.exec(normalizeUrl(url))?.[0] ?? '') : '';
      return { ok: true, kind: 'asset', url: `${r.path}${suffix}`, asset: r.path };
    }
  }
}

/** What a captions file is named as (read-directive.ts, check-raw-html.ts): it must be WebVTT. */
const CAPTIONS = ['Captions', 'Attribute `src` of `<track>`'];

/**
 * How to turn captions or descriptions into WebVTT; check-assets.ts says it too, for a .vtt file that is not one.
 * Named for what the file is: a descriptions file's hint said "Save the captions".
 */
export function asWebvtt(cues: 'captions' | 'descriptions'): string {
  return `Save the ${cues} as WebVTT: Subtitle Edit or the transcription service exports it (File > Save as > WebVTT); an SRT file becomes one with \`WEBVTT\` and a blank line at its top and a full stop for the comma in each time (00:00:02.000), saved as .vtt.`;
}

const AS_JPEG_OR_PNG = 'Save it as JPEG (photos) or PNG (screenshots, drawings): Windows Photos or macOS Preview, Save as / Export.';
const AS_MP4 = 'Convert it to MP4 (H.264 video, AAC sound): HandBrake, or VLC: Media > Convert / Save; or export it again from the editing app as MP4.';
const AS_MP3 = 'Convert it to MP3 or M4A (AAC): Audacity, or VLC: Media > Convert / Save.';

/**
 * Formats browsers do not agree on: each shows or plays in Safari alone, or nowhere. Loaded (a Markdown
 * image, `<img>`, a poster, CSS, an SVG's `<image>`, a video or audio source) one is a broken picture or a
 * player that never starts for most learners; linked as a download it is a file like any other. Whether a
 * picture, and what to do instead.
 */
const UNSHOWN_FORMATS: ReadonlyArray<readonly [RegExp, string, boolean, string, string?]> = [
  [/\.(heic|heif)$/i, 'an iPhone photo in HEIC', true, 'Save it as JPEG (macOS Preview: File > Export > JPEG; on the iPhone, Settings > Camera > Formats > Most Compatible takes JPEGs from then on).'],
  [/\.tiff?$/i, 'a TIFF image', true, AS_JPEG_OR_PNG],
  [/\.(psd|ai|eps)$/i, 'a design tool\'s file', true, 'Export it from the design tool as PNG or SVG.'],
  [/\.(jxl|jp2|jpx)$/i, 'a JPEG XL or JPEG 2000 image', true, AS_JPEG_OR_PNG],
  [/\.(cr2|cr3|nef|arw|dng|raf|orf|rw2)$/i, 'a camera\'s raw photo', true, 'Export it from the photo app as JPEG.'],
  [/\.(wmv|asf)$/i, 'a Windows Media video', false, AS_MP4],
  [/\.avi$/i, 'an AVI video', false, AS_MP4],
  // An iPhone records HEVC in .mov by default; Chromium's canPlayType says "" to video/quicktime, the type
  // LMSs serve .mov as, and to HEVC, and Firefox plays no QuickTime file.
  [/\.(mov|qt)$/i, 'a QuickTime movie (a phone\'s or a Mac\'s .mov)', false, AS_MP4, 'which Firefox does not play, nor Chrome and Edge the HEVC video iPhones record'],
  [/\.(flv|f4v|swf)$/i, 'a Flash video', false, AS_MP4],
  [/\.wma$/i, 'Windows Media audio', false, AS_MP3],
  [/\.(aiff?|aifc)$/i, 'an AIFF recording', false, AS_MP3],
];

/** The link among `links` that `file` is or is under (a link to a folder is not opened, so nothing under it is listed). */
export function linkOn(file: string, links: ReadonlySet<string> | readonly string[]): string | undefined {
  for (const link of links) if (file === link || file.startsWith(`${link}/`)) return link;
  return undefined;
}

/** The part of `file` that `twin` (a path, or a folder ending in `/`) differs from only in case. */
export function sameCaseAs(file: string, twin: string): string {
  return twin.endsWith('/') ? file.slice(0, twin.length) : file;
}

/**
 * The hint for a URL that names an asset but for case or Unicode form. The form: macOS names files in
 * NFD (`é` as `e` and a combining accent) where a keyboard types NFC, and Git on Linux, a zip and the web
 * server of an LMS take the two as different names; on the author's Mac, which does not, the course works.
 */
function nearMissHint(path: string, other: string): string {
  if (other.normalize('NFC') === path.normalize('NFC')) {
    return `The file is ${other}, the same letters written another way in Unicode (macOS names files with \`é\` as \`e\` and an accent mark; a keyboard types one character): rename it with letters, digits, -, _ and . only, which LMSs accept, and update the link.`;
  }
  return `The file is ${other}: paths are case-sensitive in packages.`;
}

/** How two names one folder cannot hold both of differ, as the end of a sentence. */
export function differOnlyIn(a: string, b: string): string {
  const sameForm = a.normalize('NFC') === b.normalize('NFC');
  if (sameForm) return 'are one name written two ways in Unicode (é as one character, or as e and an accent mark), and macOS keeps them as one';
  return a.normalize('NFC').toLowerCase() === b.normalize('NFC').toLowerCase() && a.toLowerCase() !== b.toLowerCase()
    ? 'differ only in case and in how Unicode writes their letters, and Windows and macOS keep them as one'
    : 'differ only in case, and Windows and macOS keep them as one';
}

/**
 * An asset path as macOS and Windows compare names: Unicode NFC (macOS's file systems take `é` and `e`
 * plus an accent as one name) and lower case.
 */
const foldName = (name: string): string => name.normalize('NFC').toLowerCase();

/** Asset paths by their folded form (foldName), once per asset list: a course with many references asks often. */
const byLowerCase = new WeakMap<object, ReadonlyMap<string, readonly string[]>>();

/**
 * Another asset whose path differs from `file` only in case (`assets/A.svg` for `assets/a.svg`), or a folder
 * on its path that does (`assets/Img/` for `assets/img/b.svg`). Windows and macOS, where LMSs unpack
 * packages and colleagues check courses out, treat the two as one: one file would overwrite the other, or
 * two folders merge under one name and a `<file href>` no longer matches what is on disk.
 */
export function caseTwinOf(file: string, assets: ReadonlySet<string> | readonly string[]): string | undefined {
  const index = indexByLowerCase(assets);
  const twin = index.get(foldName(file))?.find((a) => a !== file);
  if (twin) return twin;
  // A folder named as the file but for case (`assets/notes/` beside `assets/Notes`): one of them cannot be
  // made where the other is, on Windows and macOS.
  const folderTwin = index.get(foldName(`${file}/`))?.[0];
  if (folderTwin) return folderTwin;
  for (let slash = file.indexOf('/'); slash >= 0; slash = file.indexOf('/', slash + 1)) {
    const folder = file.slice(0, slash + 1);
    const other = index.get(foldName(folder))?.find((a) => a !== folder) ?? index.get(foldName(folder.slice(0, -1)))?.[0];
    if (other) return other;
  }
  return undefined;
}

/** Every asset whose path is `file` but for case (`file` itself when it exists); folders end in `/`. */
function sameButCase(file: string, assets: ReadonlySet<string> | readonly string[]): readonly string[] {
  return indexByLowerCase(assets).get(foldName(file)) ?? [];
}

function indexByLowerCase(assets: ReadonlySet<string> | readonly string[]): ReadonlyMap<string, readonly string[]> {
  let index = byLowerCase.get(assets);
  if (!index) {
    const map = new Map<string, string[]>();
    const note = (name: string): void => {
      const key = foldName(name);
      const known = map.get(key) ?? [];
      if (!known.includes(name)) map.set(key, [...known, name]);
    };
    for (const a of assets) {
      note(a);
      for (let slash = a.indexOf('/'); slash >= 0; slash = a.indexOf('/', slash + 1)) note(a.slice(0, slash + 1));
    }
    index = map;
    byLowerCase.set(assets, index);
  }
  return index;
}
