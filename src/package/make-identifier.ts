// Manifest identifiers (SCORM12.md §2.3): valid xs:IDs in the stricter form
// ^[A-Za-z][A-Za-z0-9_-]{0,63}$, unique in the document, and the same for the same input on
// every build, so they are derived from the course id and version only (no clock, no randomness).

const MAX_LENGTH = 64;

/** FNV-1a, 32 bits: a tiny stable hash that needs neither Node nor DOM (this module stays pure). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * `PREFIX-part1-part2`, with every character outside [A-Za-z0-9_-] turned into `-`
 * (`1.0.0` → `1-0-0`). The prefix starts with a letter, so the id never starts with a digit
 * (`1RES` is not an NCName). Ids longer than 64 characters (split packages can have a
 * 129-character `<course>-<module>`) are cut and end in a hash of the full text, which keeps
 * them distinct and stable.
 */
export function makeIdentifier(prefix: string, ...parts: readonly string[]): string {
  const full = [prefix, ...parts].join('-').replace(/[^A-Za-z0-9_-]/g, '-');
  if (full.length <= MAX_LENGTH) return full;
  const suffix = `-${fnv1a(full)}`;
  return full.slice(0, MAX_LENGTH - suffix.length) + suffix;
}
