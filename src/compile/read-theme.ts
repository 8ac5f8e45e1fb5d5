/**
 * The colours of the player's light theme that a course's brand colour must stand out from, read from the
 * theme itself (templates/player.css), so the build's contrast check and the theme cannot drift apart: a
 * new surface is a new name here, a changed colour needs nothing.
 */
import { ToolError } from './load-tool.js';

/**
 * Every light-theme colour the brand colour (`--cp-accent`) is text on, or carries text in: links sit on the
 * page, the panels and every tinted box (tip and passed: good; warning and failed: bad; the no-LMS notice:
 * warn; welcome back and the chosen option: accent), and buttons are the brand colour under `--cp-accent-text`.
 */
export const BRAND_SURFACES = {
  '--cp-bg': 'white',
  '--cp-panel': 'the panel grey',
  '--cp-raised': 'the box background',
  '--cp-accent-soft': 'the light blue of the welcome box',
  '--cp-good-soft': 'the light green of tips and results',
  '--cp-bad-soft': 'the light red of warnings',
  '--cp-warn-soft': 'the light yellow of notices',
  '--cp-accent-text': 'the button text',
} as const;

export type BrandSurfaceName = keyof typeof BRAND_SURFACES;

export interface BrandSurface {
  readonly name: BrandSurfaceName;
  /** `#rrggbb`, lower case. */
  readonly color: string;
  /** Where it is, in words, for the author. */
  readonly label: string;
}

/**
 * The brand surfaces as the theme's first `:root` rule (the light theme; the dark one is in a media query)
 * sets them. A surface missing or not `#rrggbb` is a broken install, not an author mistake.
 */
export function readBrandSurfaces(css: string): BrandSurface[] {
  const plain = css.replace(/\/\*[\s\S]*?\*\//g, '');
  // The first `:root` rule outside any at-rule (nothing open before it).
  const root = [...plain.matchAll(/:root\s*\{([^}]*)\}/g)]
    .find((m) => plain.slice(0, m.index).split('{').length === plain.slice(0, m.index).split('}').length)?.[1] ?? '';
  return (Object.keys(BRAND_SURFACES) as BrandSurfaceName[]).map((name) => {
    const value = new RegExp(`(?:^|;)\\s*${name}\\s*:\\s*([^;]*)`).exec(root)?.[1]?.trim().toLowerCase() ?? '';
    if (!/^#[0-9a-f]{6}$/.test(value)) {
      throw new ToolError(`templates/player.css sets no #rrggbb colour for ${name} in its light theme (:root). Reinstall coursepack.`);
    }
    return { name, color: value, label: BRAND_SURFACES[name] };
  });
}
