/**
 * The player runs in the browsers src/bundle.mjs targets (Chrome 80, Firefox 78, Safari 14.1): esbuild
 * lowers newer syntax to them, but not newer APIs, which then throw on an old school Chromebook (Chrome
 * stops updating a Chromebook at its end-of-support date). So the bundle may call none of the DOM and
 * JavaScript APIs that came later, and its selectors may use no pseudo-class querySelector rejects there.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const player = readFileSync(fileURLToPath(new URL('../../lib/player.js', import.meta.url)), 'utf8');
const css = readFileSync(fileURLToPath(new URL('../../templates/player.css', import.meta.url)), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

/** Each: what to look for in the bundle, and the first Chrome that has it (MDN browser compatibility data). */
const TOO_NEW: readonly (readonly [RegExp, string])[] = [
  [/\.replaceChildren\(/, 'Element.replaceChildren (Chrome 86)'],
  [/\.replaceAll\(/, 'String.replaceAll (Chrome 85)'],
  [/\.at\(-?\d/, 'Array/String .at() (Chrome 92)'],
  [/\bstructuredClone\(/, 'structuredClone (Chrome 98)'],
  [/\bObject\.hasOwn\(/, 'Object.hasOwn (Chrome 93)'],
  [/\.findLast(Index)?\(/, 'Array.findLast (Chrome 97)'],
  [/\bPromise\.any\(/, 'Promise.any (Chrome 85)'],
  [/\bWeakRef\b/, 'WeakRef (Chrome 84)'],
  [/\bAbortSignal\.timeout\(/, 'AbortSignal.timeout (Chrome 103)'],
  [/\.randomUUID\(/, 'crypto.randomUUID (Chrome 92)'],
  [/\.to(Sorted|Reversed|Spliced)\(/, 'Array change-by-copy (Chrome 110)'],
  [/["'`][^"'`]*:(is|where|has)\(/, ':is(), :where() or :has() in a selector (Chrome 88, 88, 105)'],
];

describe('lib/player.js runs in the browsers it targets', () => {
  it('calls no API newer than Chrome 80 (src/bundle.mjs target)', () => {
    expect(player.length).toBeGreaterThan(10_000);
    expect(TOO_NEW.filter(([pattern]) => pattern.test(player)).map(([, what]) => what)).toEqual([]);
  });

  it('would see one if it were there', () => {
    const later = `${player};document.body.replaceChildren();document.querySelectorAll("main :is(pre, table)")`;
    expect(TOO_NEW.filter(([pattern]) => pattern.test(later)).map(([, what]) => what)).toEqual([
      'Element.replaceChildren (Chrome 86)', ':is(), :where() or :has() in a selector (Chrome 88, 88, 105)',
    ]);
  });

  it('compiles no regular expression Safari 14.1 rejects (lookbehind: Safari 16.4)', () => {
    // esbuild turns such a literal into `new RegExp(...)`, which throws a SyntaxError when it runs: the learner's
    // name (cmi.core.student_name, cleaned by withoutControls) broke "Welcome back" and the certificate on an iPad
    // that stopped at iOS 14 to 16.3.
    expect(player.match(/\(\?<[!=][^"'`]{0,40}/g) ?? []).toEqual([]);
  });

  it('lays out with no CSS property Chrome 80 lacks (it drops a declaration it cannot read: the phone contents panel lost its place)', () => {
    const TOO_NEW_CSS: readonly (readonly [RegExp, string])[] = [
      [/(^|[;{\s])inset\s*:/m, 'inset (Chrome 87)'],
      [/(^|[;{\s])aspect-ratio\s*:/m, 'aspect-ratio (Chrome 88)'],
      [/(^|[;{\s])translate\s*:/m, 'translate as a property (Chrome 104)'],
      [/(^|[;{\s])(margin|padding)-(block|inline)\s*:/m, 'margin-block, margin-inline, padding-block or padding-inline as a shorthand (Chrome 87; the -start and -end longhands are from 69)'],
      [/(^|[;{\s])inset-(block|inline)(-start|-end)?\s*:/m, 'inset-block or inset-inline (Chrome 87)'],
      [/(^|[;{\s])border-(start|end)-(start|end)-radius\s*:/m, 'logical corner radii (Chrome 89)'],
      // A selector list with one it cannot read is dropped whole: every secondary button looked primary.
      // (`:has()` is used alone, as an extra: the chosen option's tint, the radio itself marking the choice.)
      [/:(is|where)\(/, ':is() or :where() in a selector (Chrome 88)'],
      // `:not(.a, .b)` (a list in :not) is Chrome 88 too; `:not(.a):not(.b)` works from the start.
      [/:not\([^)]*,/, 'a selector list inside :not() (Chrome 88)'],
    ];
    expect(css.length).toBeGreaterThan(5_000);
    expect(TOO_NEW_CSS.filter(([pattern]) => pattern.test(css)).map(([, what]) => what)).toEqual([]);
  });

  it('gives values Safari 14.1 and Firefox 78 lack a fallback they read, in the same rule', () => {
    const rules = [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({ selector: (m[1] ?? '').trim(), body: m[2] ?? '' }));
    const faults: string[] = [];
    for (const { selector, body } of rules) {
      // `content: "!" / ""` (alt text: Safari 17.4, Firefox 128): a plain `content` before it, or no icon at all.
      if (/content:[^;]*\/\s*""/.test(body) && !/content:\s*"[^"]*"\s*;[^}]*content:[^;]*\//.test(body)) faults.push(`${selector}: content with alt text and no plain content before it`);
      // `overflow-wrap: anywhere` (Safari 15.4): `word-break: break-word` beside it breaks long words there too.
      if (/overflow-wrap:\s*anywhere/.test(body) && !/word-break:\s*break-word/.test(body)) faults.push(`${selector}: overflow-wrap: anywhere without word-break: break-word`);
      // A ring taken off on :focus and given back on :focus-visible alone (Safari 15.4, Firefox 85): none at all there.
      if (/:focus\b(?!-)/.test(selector) && !/:not\(/.test(selector) && /outline:\s*none/.test(body) && /\bh1\b/.test(selector)) faults.push(`${selector}: outline: none on :focus, given back only by :focus-visible`);
    }
    expect(rules.length).toBeGreaterThan(100);
    expect(faults).toEqual([]);
    // Flex gap (Chrome 84): every flex box spaced by gap has a margin fallback under .cp-no-flex-gap (main.ts hasFlexGap).
    for (const name of ['cp-option', 'cp-nav', 'cp-header', 'cp-cover-actions', 'cp-welcome', 'cp-verdict-lead']) expect(css).toContain(`.cp-no-flex-gap .${name} >`);
    expect(player).toContain('cp-no-flex-gap');
  });
});
