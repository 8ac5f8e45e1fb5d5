/**
 * The assets the pages use, checked before they go into a package (issue 13 points 1 and 6):
 *
 * - SVG (check-svg.ts) and HTML (check-raw-html.ts, `asset` policy) are parsed and held to the raw-HTML
 *   rules, and CSS files they link to the same URL rules (check-css-urls.ts); the files they use in turn (an SVG's `<image href="photo.png">`, an HTML handout's stylesheet)
 *   are judged relative to them and go into every package that carries them, so nothing they load is
 *   missing and nothing reaches a package without passing through judge-url.ts;
 * - types a browser runs as documents that coursepack does not read (XHTML, XML, XSLT, `.svgz`, …) are
 *   refused, and so is an SVG, HTML or CSS file that declares an encoding other than UTF-8 (what was checked
 *   would not be what a browser reads, find-foreign-encodings.ts);
 * - an animated GIF, PNG or WebP that moves more than five seconds is a warning (find-animation.ts, WCAG 2.2.2);
 * - a JPEG, PNG, GIF or WebP a page shows is looked at by its first bytes, as browsers look at it: an empty file
 *   or bytes of no picture are `image-unreadable`, an iPhone's HEIC photo renamed `.jpg` is `format-unsupported`;
 * - any asset over 10 MB is a warning with its size (LMS upload limits are often 50-500 MB).
 *
 * Messages are about the asset file itself, at the line and column of the fault. Pure.
 */
import type { Element, Root } from 'hast';
import { backslashFault, findCssUrls, stylesheetFault } from './check-css-urls.js';
import { checkHtml, parseDeepHtml, type ParseHtml } from './check-raw-html.js';
import { checkSvg } from './check-svg.js';
import { decodeText } from './decode-text.js';
import { ANIMATION_LIMIT_SECONDS, findAnimation, playsTooLong } from './find-animation.js';
import { findCueFaults } from './find-cue-faults.js';
import { findImageSize } from './find-image-size.js';
import { findForeignEncodings } from './find-foreign-encodings.js';
import { pointAt } from './find-invalid-characters.js';
import { asWebvtt, judgeUrl, type UrlContext } from './judge-url.js';
import type { AssetFile } from './load-course.js';
import { encodingHint, type Report } from './rules.js';

export interface AssetInputs {
  readonly assets: ReadonlySet<string>;
  readonly assetLinks: ReadonlySet<string>;
  readonly files: ReadonlyMap<string, AssetFile>;
  readonly parseHtml: ParseHtml | null;
  /** Told each asset a URL in a checked asset names, used or refused (judge-url.ts). */
  readonly mention?: (asset: string) => void;
  /** Assets pages only link to (downloads), which no page shows: a full-size photo to download is no fault. */
  readonly linkedOnly?: ReadonlySet<string>;
  /** Assets a page shows as a picture (a Markdown image, `<img>`, a poster, the logo). */
  readonly shown?: ReadonlySet<string>;
  /** WebVTT files a video names as its audio description (`descriptions=`): their messages say descriptions, not captions. */
  readonly descriptions?: ReadonlySet<string>;
}

export const LARGE_ASSET = 10_000_000;

/**
 * How to make a large asset smaller, by its type (the rule's own hint is a video's): a 50 MB WAV or a
 * 12 MB photo was told about 720p video bit rates.
 */
const LARGE_HINTS: readonly (readonly [RegExp, string])[] = [
  [/\.(wav|aiff?|aifc|flac|mp3|m4a|aac|ogg|oga|opus|weba)$/i, 'Save the sound as MP3 or M4A at about 128 kbit/s, about 1 MB a minute (Audacity: File > Export > Export as MP3): uncompressed WAV is about 10 MB a minute. LMS upload limits are often 50-500 MB.'],
  [/\.(jpe?g|a?png|gif|webp|avif|bmp)$/i, 'Resize it to about 1,600 pixels on its long side and save photos as JPEG at about 80% quality (Windows Photos: Resize image; macOS Preview: Tools > Adjust Size; or squoosh.app in a browser): a few hundred kilobytes, as sharp on every screen.'],
  [/\.pdf$/i, 'Save the PDF again with its pictures made smaller (Word: File > Save As > PDF > Minimum size; Acrobat: File > Reduce File Size; macOS Preview: Export > Quartz Filter > Reduce File Size).'],
];

/** Cue faults said one by one in a captions file; past them, one message counts the rest. */
const CUE_FAULTS_SHOWN = 3;

/**
 * The player's content column is at most 46rem (templates/player.css `--cp-max`), 736 pixels: an image
 * over 2,000 pixels on its long side and 500 KB is past what even a 2x screen shows of it (a phone photo,
 * 4032 x 3024, is 3-6 MB).
 */
const PAGE_PIXELS = 736;
const OVERSIZED_PIXELS = 2_000;
const OVERSIZED_BYTES = 500_000;

/**
 * Types a browser opens as a document that can run scripts (by the media type servers give them: Apache's
 * and nginx's mime.types, Moodle's filetypes), which coursepack does not read: an XHTML or XML file is parsed
 * as XML, where `<title><script>…</script></title>` is a script (to the HTML parser coursepack uses, text);
 * an XSLT stylesheet makes any markup; `.shtml` is HTML; `.svgz` is gzipped SVG; `.mht` is a saved page.
 * Refused rather than half-checked. Each: the pattern, what it is, the hint.
 */
const ACTIVE_DOCUMENTS: readonly (readonly [RegExp, string, string])[] = [
  [/\.(xhtml?|xht)$/i, 'an XHTML page', 'Rename it to .html: browsers then read it with the HTML parser coursepack checks it with.'],
  [/\.shtml?$/i, 'an HTML page with server-side includes', 'Rename it to .html (an LMS serves no includes).'],
  [/\.svgz$/i, 'a compressed SVG', 'Unzip it (gunzip) and use the .svg.'],
  // Served as application/*+xml (Apache's, nginx's and Moodle's type tables), which browsers open as XML
  // documents, where an XHTML-namespaced <script> runs.
  [/\.(xml|xsl|xslt|rdf|xul|mml|mathml|atom|rss|kml|smil|smi|wsdl|xspf|gpx|xaml|xbl|xsd)$/i, 'an XML document', 'Export it as .html or .svg, which coursepack checks, or put it in a .zip for learners to download.'],
  [/\.(mht|mhtml|hta|htc)$/i, 'a saved or scripted web page', 'Save it as .html, or put it in a .zip for learners to download.'],
  // No extension: a server sends no type, and browsers sniff an HTML start as a page.
  [/(^|\/)[^/.]+$/, 'a file without an extension, sent by many web servers with no type', 'Give it the extension of what it is (.txt, .pdf, .csv, …).'],
];
/**
 * Extensions Apache's and nginx's type tables give a type, other than the pages and pictures checked as such:
 * a browser shows or downloads these as what they are. Any other is sent with no type (Apache httpd 2.4 has
 * no DefaultType), and the browser sniffs it.
 */
const TYPED_BY_SERVERS = /\.(txt|csv|pdf|css|js|json|vtt|jpe?g|a?png|gif|webp|avif|bmp|ico|tiff?|mp3|m4a|aac|oga|ogg|opus|wav|flac|mp4|m4v|webm|ogv|mov|avi|wmv|doc|docx|xls|xlsx|ppt|pptx|odt|ods|odp|rtf|epub|zip|gz|tgz|7z|woff2?|ttf|otf)$/i;

/**
 * What makes a browser take a file sent with no type for a page (MIME Sniffing §7.1, Chromium's
 * mime_sniffer.cc): after leading whitespace, one of these tags and then a space or `>`, or an XML declaration.
 */
const SNIFFED_AS_PAGE = /^[\t\n\f\r ]*(?:(<(?:!doctype html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|!--))[ >]|(<\?xml))/i;

const DECLARE_UTF8 = { html: '`<meta charset="utf-8">`', svg: '`<?xml version="1.0" encoding="UTF-8"?>`', css: '`@charset "utf-8";`' } as const;

/** The picture types whose bytes the build reads (load-course.ts): shown on a page, they are looked at. */
const IMAGE_NAME = /\.(gif|a?png|webp|jpe?g)$/i;

/**
 * Pictures browsers show, by their first bytes. Browsers go by these, not by the name: a PNG saved as
 * `.jpg` shows, an iPhone's HEIC photo renamed `.jpg` (or converted by changing the extension) does not.
 */
const SHOWN_SIGNATURE = /^(\xff\xd8\xff|\x89PNG|GIF8|RIFF|BM|\0\0\x01\0|[^]{4}ftypavi[fs])/;

/** Formats Chrome, Edge and Firefox do not show, by their first bytes: what it is, and how to make a JPEG or PNG of it. */
const UNSHOWN_SIGNATURES: readonly (readonly [RegExp, string, string])[] = [
  [/^[^]{4}ftyp(heic|heix|hevc|hevx|heim|heis|mif1|msf1)/, 'an iPhone photo in HEIC', 'Save it as JPEG (macOS Preview: File > Export > JPEG; on the iPhone, Settings > Camera > Formats > Most Compatible takes JPEGs from then on). Changing the extension does not change the format.'],
  [/^(II\*\0|MM\0\*)/, 'a TIFF image', 'Save it as JPEG (photos) or PNG (screenshots, drawings): Windows Photos or macOS Preview, Save as / Export. Changing the extension does not change the format.'],
  // A "GIF" saved from Giphy or Tenor is often their MP4.
  [/^[^]{4}ftyp(isom|iso[2-6]|mp4[12]|avc1|M4V |dash|qt {2})/, 'a video (MP4 or QuickTime)', 'Rename it to .mp4 and show it as a video, `::video{src="../assets/its-name.mp4" title="What it shows"}`, which learners can pause (an MP4 from Giphy or Tenor is H.264); or save the picture itself.'],
  [/^8BPS/, 'a Photoshop file (PSD)', 'Export it from the design tool as PNG or JPEG. Changing the extension does not change the format.'],
  [/^(\xff\x0a|\0\0\0\x0cJXL )/, 'a JPEG XL image', 'Save it as JPEG or PNG. Changing the extension does not change the format.'],
];

/**
 * Why an image a page shows would be a broken picture, or undefined: an empty file (a copy that failed, a
 * placeholder), bytes of a format browsers do not show under a name they do (`IMG_2034.HEIC` renamed
 * `.jpg`), or bytes of no picture at all (a web page saved under the image's name).
 */
/**
 * How many bytes a PNG or WebP says it has past the end of the file (0: none, or not told): a PNG chunk or
 * a WebP's RIFF size that runs past the end. Only whole files are asked (a JPEG's head is not its end).
 */
function bytesMissing(bytes: Uint8Array): number {
  const u32 = (at: number, little: boolean) => {
    const b = bytes.subarray(at, at + 4);
    return little ? (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0 : ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  };
  if (bytes[0] === 0x89 && bytes.length >= 8) {
    for (let i = 8; i + 8 <= bytes.length;) {
      const end = i + 12 + u32(i, false);
      if (end > bytes.length) return end - bytes.length;
      if (String.fromCharCode(...bytes.subarray(i + 4, i + 8)) === 'IEND') return 0;
      i = end;
    }
    return 0;
  }
  if (bytes[0] === 0x52 && bytes.length >= 12 && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP') return Math.max(0, 8 + u32(4, true) - bytes.length);
  return 0;
}

function judgePictureBytes(asset: string, bytes: Uint8Array, whole: boolean): { rule: 'format-unsupported' | 'image-unreadable'; reason: string; hint?: string } | undefined {
  if (bytes.length === 0) return { rule: 'image-unreadable', reason: `\`${asset}\` is empty (0 bytes): learners would see a broken image` };
  const text = String.fromCharCode(...bytes.subarray(0, 16));
  // JPEG, PNG, GIF, WebP (RIFF), BMP, ICO, AVIF.
  if (SHOWN_SIGNATURE.test(text)) {
    const missing = whole ? bytesMissing(bytes) : 0;
    return missing > 0 ? { rule: 'image-unreadable', reason: `\`${asset}\` is cut short: at least ${missing.toLocaleString('en-US')} bytes are missing from its end (a copy or download that did not finish), so browsers show part of it or nothing` } : undefined;
  }
  const unshown = UNSHOWN_SIGNATURES.find(([signature]) => signature.test(text));
  if (unshown) {
    return { rule: 'format-unsupported', reason: `\`${asset}\` is ${unshown[1]} under a name that says otherwise, which Chrome, Edge and Firefox do not show: most learners would see a broken image`, hint: unshown[2] };
  }
  const page = /^\s*</.test(text) ? ' (it starts like a web page or other text: a page saved in place of the image?)' : '';
  return { rule: 'image-unreadable', reason: `\`${asset}\` is no picture a browser shows, by its first bytes${page}: learners would see a broken image` };
}

/**
 * Adds what used SVG and HTML assets use to `used` and to the pages that use them; reports every fault.
 * `unread`: some asset was refused before what it names could be read.
 */
export function checkAssets(inputs: AssetInputs, used: Set<string>, pageAssets: Map<string, Set<string>>, report: Report): { readonly unread: boolean } {
  const uses = new Map<string, readonly string[]>();
  const queue = [...used];
  // Some used asset was refused before what it names was read (its encoding): those files are not unused.
  let unread = false;
  for (let asset = queue.shift(); asset !== undefined; asset = queue.shift()) {
    if (uses.has(asset)) continue;
    const read = checkAsset(asset, inputs, report);
    if (read === null) unread = true;
    const found = read ?? [];
    uses.set(asset, found);
    for (const next of found) {
      used.add(next);
      queue.push(next);
    }
  }
  // Every page that carries an asset carries what it uses, transitively (split packages hold their own).
  for (const set of pageAssets.values()) {
    const pending = [...set];
    for (let a = pending.pop(); a !== undefined; a = pending.pop()) {
      for (const next of uses.get(a) ?? []) if (!set.has(next)) pending.push((set.add(next), next));
    }
  }
  for (const asset of [...used].sort()) {
    const size = inputs.files.get(asset)?.size ?? 0;
    // An empty handout, recording or transcript (a copy that failed, a cloud file never downloaded) gave
    // learners a file with nothing in it. Pictures a page shows, captions and the files coursepack parses
    // say so by their own rules.
    if (inputs.files.get(asset)?.size === 0 && !/\.(svg|html?|css|vtt)$/i.test(asset) && !(IMAGE_NAME.test(asset) && !inputs.linkedOnly?.has(asset))) {
      report('asset-empty', asset, undefined, `\`${asset}\` is empty (0 bytes): learners would get a file with nothing in it`);
    }
    if (size > LARGE_ASSET) report('asset-large', asset, undefined, `\`${asset}\` is ${formatMegabytes(size)}, over the 10 MB a single asset should stay under`, LARGE_HINTS.find(([type]) => type.test(asset))?.[1]);
  }
  return { unread };
}

/** What the asset uses, or null when it was refused before that could be read. */
function checkAsset(asset: string, inputs: AssetInputs, report: Report): readonly string[] | null {
  const active = ACTIVE_DOCUMENTS.find(([type]) => type.test(asset));
  if (active) {
    report('active-asset-type', asset, undefined, `\`${asset}\` is ${active[1]}, which a browser opens as a page that can run scripts, and coursepack does not check`, active[2]);
    return [];
  }
  const file = inputs.files.get(asset);
  const data = file?.data;
  const start = !TYPED_BY_SERVERS.test(asset) && !/\.(svg|html?)$/i.test(asset) && file?.head
    ? SNIFFED_AS_PAGE.exec(new TextDecoder('latin1').decode(file.head)) : null;
  if (start) {
    const extension = /\.[^./]*$/.exec(asset)?.[0] ?? '';
    report('active-asset-type', asset, undefined, `\`${asset}\` starts as a web page (\`${start[1] ?? start[2] ?? ''}\`), and web servers do not know the type \`${extension}\`: sent with no type, a browser opens it as a page that can run scripts, and coursepack does not check it`,
      'Rename it to .html if it is a page (coursepack then checks it as one), or to .txt if it is text to read.');
    return [];
  }
  const shown = file && IMAGE_NAME.test(asset) && !inputs.linkedOnly?.has(asset);
  if (shown) {
    const problem = judgePictureBytes(asset, data ?? file.head ?? new Uint8Array(), data !== undefined);
    if (problem) {
      report(problem.rule, asset, undefined, problem.reason, problem.hint);
      return [];
    }
  }
  const pixels = file && /\.(gif|a?png|webp|jpe?g)$/i.test(asset) && !inputs.linkedOnly?.has(asset) ? findImageSize(data ?? file.head ?? new Uint8Array()) : undefined;
  if (file && pixels && Math.max(pixels.width, pixels.height) > OVERSIZED_PIXELS && file.size > OVERSIZED_BYTES) {
    report('image-oversized', asset, undefined, `\`${asset}\` is ${pixels.width.toLocaleString('en-US')} × ${pixels.height.toLocaleString('en-US')} pixels (${formatMegabytes(file.size)}): a page shows an image at most ${PAGE_PIXELS.toLocaleString('en-US')} pixels wide (twice that on a sharp screen), so learners download many times what they see`);
  }
  if (data && /\.(gif|a?png|webp)$/i.test(asset)) {
    const animation = findAnimation(data);
    if (animation && playsTooLong(animation)) {
      const length = animation.plays === 'forever' ? `loops for ever (${formatSeconds(animation.seconds)} a loop)` : `plays for ${formatSeconds(animation.seconds * animation.plays)}`;
      report('image-animated', asset, undefined, `\`${asset}\` is an animation of ${animation.frames} frames that ${length} as soon as its page shows, and learners cannot pause it (WCAG 2.2.2 asks a way to, past ${ANIMATION_LIMIT_SECONDS} seconds)`);
    }
    return [];
  }
  if (data && /\.vtt$/i.test(asset)) {
    // Browsers read WebVTT as UTF-8 whatever it is (WebVTT §6.1): captions saved as Windows-1252 showed "caf�".
    const { text, problem } = decodeText(data);
    const cues = inputs.descriptions?.has(asset) ? 'descriptions' : 'captions';
    if (problem) report('file-encoding', asset, { line: problem.line, column: problem.column }, `The WebVTT ${cues} file is not UTF-8 (it looks like ${problem.mixed ? 'UTF-8 with some Windows-1252 bytes' : problem.guess}): browsers read ${cues} as UTF-8 only, so its accented letters would show as �`, encodingHint(problem));
    // WebVTT §6.1: a file that does not open with "WEBVTT" (then a space, a tab or a line end) is not read at
    // all: an SRT file renamed .vtt showed no captions.
    if (!/^\uFEFF?WEBVTT(?:[ \t\r\n]|$)/.test(text)) {
      report('format-unsupported', asset, { line: 1, column: 1 }, `The ${cues} file does not start with \`WEBVTT\`, so browsers read none of it: learners would get no ${cues}${/^\uFEFF?\s*1\s*\r?\n\d\d:\d\d/.test(text) ? ' (it is SubRip, SRT, by its first lines)' : ''}`, asWebvtt(cues));
      return [];
    }
    // Cues whose times browsers cannot read are dropped one by one: an SRT file given a WEBVTT line but not
    // full stops for its commas showed no captions, without a word. The first few, then how many more.
    const faults = findCueFaults(text, cues);
    for (const f of faults.slice(0, CUE_FAULTS_SHOWN)) report('captions-timing', asset, { line: f.line, column: f.column }, f.message, f.hint);
    const more = faults.slice(CUE_FAULTS_SHOWN);
    if (more[0]) report('captions-timing', asset, { line: more[0].line, column: more[0].column }, `${more.length} more ${more.length === 1 ? 'cue' : 'cues'} of this file ${more.length === 1 ? 'has' : 'have'} times browsers drop or never show (the first here)`, more[0].hint);
    return [];
  }
  const kind = /\.svg$/i.test(asset) ? 'svg' : /\.html?$/i.test(asset) ? 'html' : /\.css$/i.test(asset) ? 'css' : null;
  if (!data || !kind) return [];
  const { text, problem } = decodeText(data);
  if (problem) {
    report('file-encoding', asset, { line: problem.line, column: problem.column }, `The ${kind.toUpperCase()} file is not UTF-8 (it looks like ${problem.mixed ? 'UTF-8 with some Windows-1252 bytes' : problem.guess})`, encodingHint(problem));
  }
  // Checked on as decoded (the best guess, or UTF-8 under a foreign declaration), so its other faults are
  // reported in the same run and the files it names are not called unused: markup and URLs are ASCII.
  if (problem) return checkDecoded(asset, kind, text, inputs, report);
  const foreign = findForeignEncodings(text, kind);
  for (const f of foreign) {
    const reason = f.label === null
      ? `The ${kind.toUpperCase()} file holds the control character U+${(f.code ?? 0).toString(16).toUpperCase().padStart(4, '0')}, an ISO-2022 shift: a browser that guesses the encoding reads the file as something other than the UTF-8 coursepack checked`
      : `The ${kind.toUpperCase()} file declares the encoding \`${f.label}\`: a browser would read it that way, not as the UTF-8 coursepack checked`;
    report('file-encoding', asset, pointAt(text, f.offset), reason, f.label === null ? 'Save the file as UTF-8 and delete the control character.' : `Save the file as UTF-8 and declare it so (${DECLARE_UTF8[kind]}), or remove the declaration.`);
  }
  return checkDecoded(asset, kind, text, inputs, report);
}

function checkDecoded(asset: string, kind: 'svg' | 'html' | 'css', text: string, inputs: AssetInputs, report: Report): readonly string[] | null {
  const context: UrlContext = { base: asset.slice(0, asset.lastIndexOf('/')), assets: inputs.assets, assetLinks: inputs.assetLinks, ...(inputs.mention ? { mention: inputs.mention } : {}) };
  // What the file loads (not what it links to), in order.
  const loaded: string[] = [];
  const judge = (url: string, use: 'load' | 'follow', what: string) => {
    const verdict = judgeUrl(url, use, what, context);
    if (verdict.ok && verdict.kind === 'asset' && use === 'load') loaded.push(verdict.asset);
    return verdict;
  };
  if (kind === 'css') {
    // A stylesheet an HTML or SVG asset links loads what it names, like CSS written inside them.
    const found: string[] = [];
    for (const css of findCssUrls(text)) {
      const verdict = judge(css.url, 'load', `CSS ${css.kind}`);
      const notCss = verdict.ok && css.imported ? stylesheetFault(`CSS ${css.kind}`, verdict) : null;
      const backslash = backslashFault(css, verdict, `CSS ${css.kind}`);
      if (!verdict.ok) report(verdict.rule, asset, pointAt(text, css.offset), backslash?.reason ?? verdict.reason, backslash?.hint ?? verdict.hint);
      else if (notCss) report(notCss.rule, asset, pointAt(text, css.offset), notCss.reason, notCss.hint);
      else if (verdict.kind === 'asset') found.push(verdict.asset);
    }
    return found;
  }
  if (kind === 'svg') {
    const result = checkSvg(text, judge);
    for (const p of result.problems) report(p.rule, asset, { line: p.line, column: p.column }, p.message, p.hint);
    // Shown as a picture, an SVG loads nothing it names (browsers draw it without fetching anything, so no
    // image can track who sees it): a drawing that links its photo (Inkscape's and Illustrator's "Link")
    // showed learners an empty frame where the photo was, and the photo went into the package unseen.
    const first = loaded[0];
    if (inputs.shown?.has(asset) && first !== undefined) {
      const others = [...new Set(loaded)].length - 1;
      const name = first.slice(first.lastIndexOf('/') + 1);
      const at = text.indexOf(name);
      report('svg-external-file', asset, at >= 0 ? pointAt(text, at) : undefined,
        `\`${asset}\` is shown as a picture and loads ${first}${others ? ` and ${others} more ${others === 1 ? 'file' : 'files'}` : ''} from outside itself: browsers load nothing an SVG shown as a picture names, so learners would see that part of it empty`);
    }
    return result.assets;
  }
  if (!inputs.parseHtml) throw new Error('internal: an HTML asset without the HTML parser (build-course.ts loads it when a course has HTML)');
  const tree = parseDeepHtml(inputs.parseHtml, text, false);
  if (!tree) {
    report('content-too-deep', asset, undefined, 'The HTML nests too deeply to be read');
    return null;
  }
  const result = checkHtml(text, tree, 'asset', judge);
  for (const p of result.problems) report(p.rule, asset, pointAt(text, p.offset), p.message, p.hint);
  checkHtmlDocument(asset, tree, report);
  return result.assets;
}

/**
 * An HTML asset opens as a page of its own (in a new tab), so it needs what every page needs at level A:
 * a title, which names the tab and the window (WCAG 2.4.2), and its language, which picks a screen
 * reader's voice (WCAG 3.1.1). Word and most editors write both; a hand-made handout often has neither.
 */
function checkHtmlDocument(asset: string, tree: Root, report: Report): void {
  const html = tree.children.find((c): c is Element => c.type === 'element' && c.tagName === 'html');
  const where = html?.position ? { line: html.position.start.line, column: html.position.start.column } : undefined;
  const lang = html?.properties['lang'];
  if (typeof lang !== 'string' || lang.trim() === '') {
    report('html-asset-document', asset, where, 'The HTML page does not say its language (`<html lang="…">`)', 'Start it with `<html lang="en">` (or the language it is written in).');
  }
  const title = findElement(tree, 'title');
  if (!title || toText(title).trim() === '') {
    report('html-asset-document', asset, where, 'The HTML page has no title (`<title>…</title>` in its head)', 'Add `<title>What the page is</title>` inside `<head>`: it names the tab the page opens in.');
  }
}

function findElement(node: Root | Element, name: string): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === name) return child;
    const found = findElement(child, name);
    if (found) return found;
  }
  return undefined;
}

function toText(node: Element): string {
  return node.children.map((c) => (c.type === 'text' ? c.value : c.type === 'element' ? toText(c) : '')).join('');
}

function formatSeconds(seconds: number): string {
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

/** `312.4 MB` (decimal megabytes, as LMSs and operating systems state upload limits). */
export function formatMegabytes(bytes: number): string {
  // Under a megabyte in kilobytes: a package.maxSize of 20 KB read "0.0 MB".
  return bytes < 1e6 ? `${Math.round(bytes / 1e3)} KB` : `${(bytes / 1e6).toFixed(1)} MB`;
}
