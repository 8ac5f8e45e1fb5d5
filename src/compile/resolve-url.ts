/**
 * What a URL written in a module means: a web address, a page of the course, an asset in the package.
 * Paths are relative to the module file (`modules/NN-x.md`), so `../assets/a.svg` is `assets/a.svg`.
 */
import path from 'node:path';

export type ResolvedUrl =
  | { readonly kind: 'web'; readonly url: string }
  | { readonly kind: 'unsafe'; readonly url: string }
  | { readonly kind: 'data'; readonly url: string }
  | { readonly kind: 'page'; readonly module: string | null; readonly anchor: string | null }
  | { readonly kind: 'asset'; readonly path: string }
  | { readonly kind: 'outside'; readonly path: string };

const WEB = /^(https?:|mailto:|tel:|\/\/)/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export function resolveUrl(url: string): ResolvedUrl {
  const trimmed = url.trim();
  if (WEB.test(trimmed)) return { kind: 'web', url: trimmed };
  if (/^data:image\//i.test(trimmed)) return { kind: 'data', url: trimmed };
  if (SCHEME.test(trimmed)) return { kind: 'unsafe', url: trimmed };
  const hashAt = trimmed.indexOf('#');
  const anchor = hashAt >= 0 ? trimmed.slice(hashAt + 1) : null;
  // `?` and `#` are not part of the file name (SCORM12.md §2.3: strip them before checking a file exists).
  const file = trimmed.slice(0, hashAt >= 0 ? hashAt : undefined).split('?')[0] ?? '';
  if (file === '') return { kind: 'page', module: null, anchor: anchor ? decode(anchor) : null };
  const resolved = path.posix.normalize(path.posix.join('modules', decode(file)));
  if (/^modules\/[^/]+\.md$/.test(resolved)) {
    return { kind: 'page', module: resolved.slice('modules/'.length, -3), anchor: anchor ? decode(anchor) : null };
  }
  if (resolved.startsWith('assets/')) return { kind: 'asset', path: resolved };
  return { kind: 'outside', path: resolved };
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Page anchors: lower-case words joined by `-` (`## Setting Goals Together` → `setting-goals-together`). */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, 48).replace(/-+$/, '') || 'page';
}
