/**
 * Which URLs an attribute holds and how a browser uses each, one table for HTML (check-raw-html.ts) and
 * XML documents (check-svg.ts), since both hold both: HTML has inline `<svg>`, and an SVG can hold XHTML in
 * `<foreignObject>`. What one checker judged and the other did not shipped: `<img src>` in a
 * `<foreignObject>`, `<set to="javascript:…">` and `fill="url(https://…)"` in an HTML file's `<svg>`.
 *
 * - `href` is followed on `<a>` and `<area>` and loaded everywhere else (`<image>`, `<use>`, `<link>`, …);
 * - the attributes of LOADS are loaded (`srcset` candidates one by one, HTML §4.8.4.3.1; `ping` a list);
 * - `style` is CSS, and so is any other attribute that holds a CSS URL (SVG presentation attributes:
 *   `fill="url(#g)"`, `filter`, `mask`, `cursor`, …; SVG 2 §6.6), except those that are only text;
 * - `<set>` and `<animate>` give their `to`, `from`, `by` and `values` to the attribute they animate
 *   (SMIL, SVG Animations §2.2), the classic way to put a `javascript:` URL in an `href` past a filter.
 *
 * Event handlers (`on…`) are the callers' business: they are refused, not judged. Pure.
 */
import { findCssUrls, type CssUrl } from './check-css-urls.js';
import type { UrlUse } from './judge-url.js';

export interface AttributeUrl {
  readonly url: string;
  readonly use: UrlUse;
  /** How the value holds it: as a whole, as a `srcset` candidate or list item, in CSS, as an animation value. */
  readonly via: 'value' | 'srcset' | 'list' | 'css' | 'animation';
  /** Where in the value (CSS and animation values), for a precise place. */
  readonly offset: number;
  readonly length: number;
  /** A `srcset` candidate's descriptors (`2x`, `480w`), kept when the URL is rewritten. */
  readonly descriptors?: string;
  readonly cssKind?: CssUrl['kind'];
  /** The CSS URL as found, for a `style` attribute's (its URL as typed, for messages). */
  readonly css?: CssUrl;
}

/** Attributes whose value a browser loads (on any element), besides `href`. */
const LOADS = new Set(['src', 'srcset', 'poster', 'data', 'background', 'manifest', 'ping', 'action', 'formaction', 'codebase', 'longdesc', 'lowsrc', 'dynsrc', 'archive']);
const HREF_FOLLOWS = new Set(['a', 'area']);
const ANIMATIONS = new Set(['set', 'animate']);
const ANIMATION_VALUES = new Set(['to', 'from', 'by', 'values']);
/** Attributes that are text for people, never CSS: `alt="see url(…)"` loads nothing. */
const TEXT = /^(?:alt|title|abbr|label|placeholder|summary|class|id|name|aria-.*|data-.*)$/;

/** `attribute` as written, lower-cased (`xlink:href`); `animated` is the element's `attributeName`, if any. */
export function findAttributeUrls(element: string, attribute: string, value: string, animated: string | undefined): AttributeUrl[] {
  const local = attribute.slice(attribute.indexOf(':') + 1);
  if (local === 'href') return [{ url: value, use: HREF_FOLLOWS.has(element) ? 'follow' : 'load', via: 'value', offset: 0, length: value.length }];
  if (attribute === 'cite') return [{ url: value, use: 'follow', via: 'value', offset: 0, length: value.length }];
  // `imagesrcset` (a `<link rel=preload>`'s srcset) loads as srcset does; `attributionsrc` (Chrome's
  // Attribution Reporting) requests each URL it lists in the background, as `ping` does.
  if (local === 'srcset' || local === 'imagesrcset') return srcsetCandidates(value);
  if (local === 'ping' || local === 'archive' || local === 'attributionsrc') return listItems(value, /\S+/g, 'load');
  if (LOADS.has(local)) return [{ url: value, use: 'load', via: 'value', offset: 0, length: value.length }];
  const target = animated?.toLowerCase().slice(animated.indexOf(':') + 1);
  if (ANIMATIONS.has(element) && ANIMATION_VALUES.has(local) && target !== undefined && (target === 'href' || LOADS.has(target))) {
    return listItems(value, /[^;]+/g, 'load').map((u) => ({ ...u, via: 'animation' }));
  }
  if (TEXT.test(attribute)) return [];
  return findCssUrls(value).map((u) => ({ url: u.url, use: 'load', via: 'css', offset: u.offset, length: u.length, cssKind: u.kind, css: u }));
}

/** How a URL is named in messages: "Attribute `to` of `<set>` (animating href)", "…: CSS url()". */
export function describeAttributeUrl(what: string, found: AttributeUrl, animated: string | undefined): string {
  if (found.via === 'css') return `${what}: CSS ${found.cssKind ?? 'url()'}`;
  if (found.via === 'animation') return `${what} (animating ${animated ?? ''})`;
  return what;
}

function listItems(value: string, item: RegExp, use: UrlUse): AttributeUrl[] {
  return [...value.matchAll(item)].map((m) => ({ url: m[0].trim(), use, via: 'list' as const, offset: m.index, length: m[0].length })).filter((u) => u.url !== '');
}

/** HTML §4.8.4.3.1 (parse a srcset attribute): a URL runs to whitespace; trailing commas end a candidate. */
function srcsetCandidates(value: string): AttributeUrl[] {
  const found: AttributeUrl[] = [];
  let i = 0;
  while (i < value.length) {
    while (i < value.length && /[\s,]/.test(value[i] ?? '')) i++;
    if (i >= value.length) break;
    const start = i;
    while (i < value.length && !/\s/.test(value[i] ?? '')) i++;
    let url = value.slice(start, i);
    let descriptors = '';
    if (url.endsWith(',')) url = url.replace(/,+$/, '');
    else {
      // Descriptors run to the next comma outside parentheses.
      const from = i;
      let depth = 0;
      while (i < value.length && !(value[i] === ',' && depth === 0)) {
        if (value[i] === '(') depth++;
        else if (value[i] === ')') depth = Math.max(0, depth - 1);
        i++;
      }
      descriptors = value.slice(from, i).trim();
    }
    found.push({ url, use: 'load', via: 'srcset', offset: start, length: url.length, ...(descriptors ? { descriptors } : {}) });
  }
  return found;
}
