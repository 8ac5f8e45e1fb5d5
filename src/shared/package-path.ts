/**
 * The one definition of a safe path inside a package (SCORM12.md §1), used by every stage that names a
 * file: the model stage (asset names), the manifest builder, the zip writer and the package checks.
 * Pure (neither Node nor DOM), so the build can ask without loading the packaging stack.
 *
 * A safe path is package-relative with forward slashes: no empty, `.` or `..` segment (so no leading `/`,
 * no zip-slip), no drive letter, no directory entry, and only ASCII letters, digits, `-`, `_`, `.` and `/`
 * (several LMSs break on spaces and other characters, lmihaidaniel/simple-scorm-packager#2; `?` and `#`
 * would be read as launch parameters, which ILIAS and Canvas drop, SCORM12.md §2.3).
 */

/** Ways a path falls short, each its own package-check rule (`entry-*`, `junk-entry`). */
export type PathFault = 'empty' | 'backslash' | 'directory' | 'unsafe' | 'characters' | 'junk';

const SAFE_CHARACTERS = /^[A-Za-z0-9._/-]+$/;
/**
 * Names Windows cannot create, whatever the extension (`aux.svg`, `con/`), and names ending in a dot, which
 * it strips: a package holding one cannot be extracted whole on the Windows machines many LMS admins use.
 */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;
const JUNK_NAMES = new Set(['.ds_store', 'thumbs.db', 'desktop.ini']);
/** Structural faults: a zip holding these cannot be extracted safely. */
const STRUCTURAL: ReadonlySet<PathFault> = new Set(['empty', 'backslash', 'directory', 'unsafe']);

export function packagePathFaults(path: string): PathFault[] {
  if (path.length === 0) return ['empty'];
  const faults: PathFault[] = [];
  if (path.includes('\\')) faults.push('backslash');
  if (path.endsWith('/')) faults.push('directory');
  const segments = path.split(/[\\/]/);
  const last = segments[segments.length - 1] ?? '';
  const inner = path.endsWith('/') ? segments.slice(0, -1) : segments;
  if (/^[A-Za-z]:/.test(path) || inner.some((s) => s === '' || s === '.' || s === '..')) faults.push('unsafe');
  if (!SAFE_CHARACTERS.test(path.replaceAll('\\', '/')) || inner.some((s) => WINDOWS_RESERVED.test(s) || (s.endsWith('.') && s !== '.' && s !== '..'))) {
    faults.push('characters');
  }
  if (segments.includes('__MACOSX') || JUNK_NAMES.has(last.toLowerCase()) || last.startsWith('._')) faults.push('junk');
  return faults;
}

/**
 * The part of a path Windows cannot create, for a message that names it: a reserved device name (`aux`
 * from `aux.svg`), or a name ending in a dot. Null when Windows takes every part.
 */
export function windowsRefusedPart(path: string): { readonly reserved: string } | { readonly endsInDot: string } | null {
  for (const segment of path.split('/')) {
    const reserved = WINDOWS_RESERVED.exec(segment);
    if (reserved) return { reserved: (reserved[1] ?? segment).toLowerCase() };
    if (segment.endsWith('.') && segment !== '.' && segment !== '..') return { endsInDot: segment };
  }
  return null;
}

/** A path a package may hold: no fault at all. */
export function isSafePackagePath(path: string): boolean {
  return packagePathFaults(path).length === 0;
}

/** A path a zip can hold without harm to whoever extracts it (names and junk are the checks' business). */
export function isStructurallySafePath(path: string): boolean {
  return !packagePathFaults(path).some((f) => STRUCTURAL.has(f));
}

/** Posix-style normalization of `a/./b/../c`; null when the path climbs out of the package. */
export function normalizePackagePath(path: string): string | null {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.pop() === undefined) return null;
    } else out.push(segment);
  }
  return out.join('/');
}
