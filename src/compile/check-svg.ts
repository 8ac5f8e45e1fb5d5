/**
 * An SVG asset held to the raw-HTML rules (issue 13 point 1), read as the browser reads an SVG file: as XML
 * (saxes, strict), not as HTML, so nothing can hide from the check in markup the two parse differently. An
 * SVG opened on its own (a link, a new tab, an LMS file viewer) runs its scripts with the LMS's origin;
 * in `<img>` it loads nothing, but the file is the same. So, anywhere in the file:
 *
 * - no element that runs code or embeds another document (`<script>`, `<iframe>` or `<object>` inside a
 *   `<foreignObject>`, SVG Tiny's `<handler>`), no `on…` event handler;
 * - every URL judged like a Markdown URL relative to the SVG's folder, by the same table as HTML's
 *   (find-attribute-urls.ts): `href`/`xlink:href` loads (except on `<a>`, where it is followed), the HTML
 *   a `<foreignObject>` holds (`<img src srcset>`, `<video poster>`, `<form action>`, …), CSS `url()` and
 *   `@import` in `style` attributes, `<style>` elements and presentation attributes (`fill="url(…)"`),
 *   and `<set>`/`<animate>` that change an `href` (the classic way to smuggle a `javascript:` link past a
 *   filter);
 * - no `<?xml-stylesheet?>` (an XSLT stylesheet rewrites the document into anything, scripts included);
 * - no entity declarations (a DOCTYPE internal subset: entity expansion attacks), and well-formed XML.
 *
 * Pure; saxes is loaded by the caller's bundle only when a course has SVG assets.
 */
import { SaxesParser, type SaxesAttributeNS } from 'saxes';
import { backslashFault, findCssUrls, type CssUrl } from './check-css-urls.js';
import { describeAttributeUrl, findAttributeUrls } from './find-attribute-urls.js';
import type { Judge } from './check-raw-html.js';
import { ANIMATION_LIMIT_SECONDS } from './find-animation.js';
import type { RuleId } from './rules.js';

export interface SvgProblem {
  readonly line: number;
  readonly column: number;
  readonly rule: RuleId;
  readonly message: string;
  readonly hint?: string;
}

/**
 * Elements nested deeper than this end the check: saxes resolves each element's namespace by walking the
 * open elements, so 50,000 nested `<g>` took 28 s to check (drawing tools nest a few dozen at most).
 */
export const MAX_SVG_DEPTH = 1000;

/** Thrown from a handler to stop saxes at once; caught below. */
const STOP = Symbol('stop');

const NEVER = new Set(['script', 'handler', 'listener', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'portal', 'meta', 'link']);

/** SVG's animation elements (SMIL, SVG 1.1 §19): they run in `<img>` too. */
const SMIL = new Set(['animate', 'animatetransform', 'animatemotion', 'animatecolor', 'set']);

/** A CSS animation declared to repeat for ever (`animation: spin 1s infinite`, `animation-iteration-count: infinite`). */
const ENDLESS_CSS = /animation(-iteration-count)?\s*:[^;}]*\binfinite\b/i;

/**
 * How a SMIL animation plays past the limit (the end of a sentence), or undefined: it starts by itself
 * (no `begin` on an event such as a click) and repeats for ever or lasts more than 5 seconds in all.
 */
function smilPlaysTooLong(attributes: readonly SaxesAttributeNS[]): string | undefined {
  const value = (name: string): string | undefined => attributes.find((a) => a.local === name)?.value.trim();
  const begin = value('begin');
  // An event (`click`, `button.click`, `mouseover`, `accessKey(…)`) starts it: nothing moves by itself.
  if (begin !== undefined && /[a-z]/i.test(begin.replace(/(\d)(ms|s|min|h)\b/gi, '$1'))) return undefined;
  const repeatCount = value('repeatCount');
  const repeatDur = value('repeatDur');
  if (repeatCount === 'indefinite' || repeatDur === 'indefinite') return 'repeats for ever';
  const dur = clockSeconds(value('dur'));
  const total = repeatDur !== undefined ? clockSeconds(repeatDur) : dur * (repeatCount === undefined ? 1 : Number(repeatCount) || 1);
  return total > ANIMATION_LIMIT_SECONDS ? `plays for ${Number.isInteger(total) ? total : total.toFixed(1)} s` : undefined;
}

/** A SMIL clock value in seconds (`2s`, `500ms`, `0:01:30`, `1.5`, `2min`); 0 when absent or not one. */
function clockSeconds(text: string | undefined): number {
  if (text === undefined) return 0;
  const unit = /^(\d+(?:\.\d+)?)(h|min|s|ms)?$/.exec(text);
  if (unit) return Number(unit[1]) * ({ h: 3600, min: 60, s: 1, ms: 0.001 }[unit[2] as 'h' | 'min' | 's' | 'ms'] ?? 1);
  const clock = /^(?:(\d+):)?(\d{1,2}):(\d{2}(?:\.\d+)?)$/.exec(text);
  return clock ? Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]) : 0;
}

export function checkSvg(text: string, judge: Judge): { problems: SvgProblem[]; assets: string[] } {
  const problems: SvgProblem[] = [];
  const assets: string[] = [];
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: string[] = [];
  let styleText: { text: string; line: number; column: number } | null = null;
  /** `<style>` elements open around the text now read (nested ones are the outer one's text). */
  let styleDepth = 0;
  let tagStart = { line: 1, column: 1 };

  const problem = (where: { line: number; column: number }, rule: RuleId, message: string, hint?: string) => {
    problems.push({ ...where, rule, message, ...(hint === undefined ? {} : { hint }) });
  };
  // Moving content that starts by itself and lasts past 5 s (WCAG 2.2.2): said once a file, where it is first found.
  let animationSaid = false;
  const animated = (where: { line: number; column: number }, how: string) => {
    if (animationSaid) return;
    animationSaid = true;
    problem(where, 'image-animated', `The SVG moves as soon as its page shows and learners cannot pause it: ${how} (WCAG 2.2.2 asks a way to, past ${ANIMATION_LIMIT_SECONDS} seconds)`,
      'Make the animation stop within 5 seconds (a repeatCount and dur that end), start it on a click (begin="click"), or stop it for learners who ask for less motion (@media (prefers-reduced-motion: reduce) in its <style>).');
  };
  const use = (url: string, how: 'load' | 'follow', what: string, where: { line: number; column: number }, inCss?: CssUrl) => {
    const verdict = judge(url, how, what);
    const backslash = inCss ? backslashFault(inCss, verdict, what) : null;
    if (!verdict.ok) problem(where, verdict.rule, backslash?.reason ?? verdict.reason, backslash?.hint ?? verdict.hint);
    else if (verdict.kind === 'asset') assets.push(verdict.asset);
  };
  const css = (value: string, what: string, where: { line: number; column: number }) => {
    for (const found of findCssUrls(value)) use(found.url, 'load', `${what}: CSS ${found.kind}`, where, found);
  };

  let broken = false;
  parser.on('error', (error) => {
    // The first syntax error is the one to fix; what saxes says after it follows from it.
    if (broken) return;
    broken = true;
    const m = /^(\d+):(\d+): (.*)$/s.exec(error.message);
    // The place in UTF-16 units (columnIndex), as every other message counts columns and editors do: saxes's
    // own column counts characters, and an emoji before the problem put the mark one unit early per emoji.
    problem({ line: parser.line, column: parser.columnIndex }, 'asset-not-well-formed', `The SVG is not well-formed XML: ${(m?.[3] ?? error.message).replace(/\.$/, '')}`);
  });
  parser.on('doctype', (doctype) => {
    if (!doctype.includes('[')) return;
    // Illustrator's Save As SVG declares its namespaces as entities (`<!ENTITY ns_ai "http://ns.adobe.com/…">`),
    // and then, with "Preserve Illustrator Editing Capabilities", carries the whole .ai file: its Export As
    // writes a plain SVG, the one to ship.
    const illustrator = /ns_ai|AdobeIllustrator/.test(doctype);
    problem({ line: parser.line, column: 1 }, 'asset-not-well-formed', 'The SVG declares entities (a DOCTYPE with [ … ]), which coursepack does not expand',
      illustrator
        ? 'This SVG was saved by Illustrator\'s Save As: export it with File > Export > Export As… and the SVG format instead (a plain SVG, without the Illustrator file inside it).'
        : 'Export the SVG again without a DOCTYPE, or remove the part in [ … ].');
  });
  parser.on('processinginstruction', (pi) => {
    // An XSLT stylesheet (type="text/xsl") replaces the whole document with what it outputs, scripts
    // included, and a CSS one belongs in <style>: refused whatever it names (XML Stylesheet PI 1.0 §2).
    if (pi.target.toLowerCase() === 'xml-stylesheet') {
      problem({ line: parser.line, column: 1 }, 'unsafe-html', '`<?xml-stylesheet?>` is not allowed in an SVG asset: an XSLT stylesheet can turn the file into a page that runs scripts', 'Put the CSS in a `<style>` element inside the SVG.');
    }
  });
  parser.on('opentagstart', (tag) => {
    tagStart = { line: parser.line, column: Math.max(1, parser.columnIndex - tag.name.length - 1) };
    if (stack.length >= MAX_SVG_DEPTH) {
      problem(tagStart, 'content-too-deep', `The SVG nests more than ${MAX_SVG_DEPTH.toLocaleString('en-US')} elements deep here; the rest of it was not checked`, 'Export the drawing again with fewer nested groups (ungroup, or flatten the layers).');
      throw STOP;
    }
  });
  parser.on('opentag', (tag) => {
    const name = tag.local.toLowerCase();
    stack.push(name);
    if (NEVER.has(name)) {
      // Refused whole, like check-raw-html.ts: what its attributes would load adds nothing to fix.
      problem(tagStart, 'unsafe-html', `\`<${tag.name}>\` is not allowed in an SVG asset`, 'Remove it: an SVG opened on its own runs it with the LMS\'s rights.');
      return;
    }
    // A `<style>` inside a `<style>` (`<style><style/>@import …</style>`) is part of the outer one's text, which
    // the browser reads whole: the text is gathered until the outermost closes, never restarted by an inner one.
    if (name === 'style') {
      styleDepth++;
      styleText ??= { text: '', line: parser.line, column: parser.columnIndex };
    }
    const attributes = Object.values(tag.attributes) as SaxesAttributeNS[];
    if (SMIL.has(name)) {
      const endless = smilPlaysTooLong(attributes);
      if (endless) animated(tagStart, `\`<${tag.name}>\` ${endless}`);
    }
    const inlineStyle = attributes.find((a) => a.local.toLowerCase() === 'style')?.value;
    if (inlineStyle !== undefined && ENDLESS_CSS.test(inlineStyle)) animated(tagStart, `the \`style\` of \`<${tag.name}>\` runs a CSS animation for ever`);
    // The animated attribute is the one a browser reads: `attributeName` in no namespace. A prefixed twin
    // (`foo:attributeName="x"` before it) named another attribute, and `to="javascript:…"` went unjudged.
    const attributeName = attributes.find((a) => a.local === 'attributeName' && a.prefix === '')?.value;
    for (const a of attributes) {
      const what = `Attribute \`${a.name}\` of \`<${tag.name}>\``;
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      if (a.local.toLowerCase().startsWith('on')) {
        problem(tagStart, 'unsafe-html', `${what} is not allowed (event handlers run scripts)`);
        continue;
      }
      for (const found of findAttributeUrls(name, a.name.toLowerCase(), a.value, attributeName)) use(found.url, found.use, describeAttributeUrl(what, found, attributeName), tagStart, found.css);
    }
  });
  const addText = (text: string) => {
    if (styleText) styleText.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    if (stack.pop() === 'style' && --styleDepth === 0 && styleText) {
      const { text: cssText, line, column } = styleText;
      css(cssText, '`<style>`', { line, column });
      // Animations that stop for learners who ask for less motion are taken as meant (WCAG 2.3.3's technique C39).
      if (ENDLESS_CSS.test(cssText) && !/prefers-reduced-motion/i.test(cssText)) animated({ line, column }, 'its `<style>` runs a CSS animation for ever');
      styleText = null;
    }
  });
  try {
    parser.write(text).close();
  } catch (error) {
    if (error !== STOP) throw error;
  }
  return { problems, assets };
}
