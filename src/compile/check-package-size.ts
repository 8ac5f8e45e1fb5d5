/**
 * LMS upload limits (issue 13 point 6): Moodle's default is the server's PHP limit, often 50-500 MB; hosted
 * LMSs state their own. A package over 100 MB is a warning, or an error over `package.maxSize` when the
 * course sets its LMS's limit. Counted before compression (media, most of a large package, barely
 * compresses), from the assets and the player, the same in `validate` and `build`. Pure.
 */
import { formatMegabytes } from './check-assets.js';
import type { AssetFile } from './load-course.js';
import { COURSE_CONFIG_FILE } from './parse-config.js';
import type { Position } from 'unist';
import type { Report } from './rules.js';

export const LARGE_PACKAGE = 100_000_000;

export function checkPackageSize(
  packageFile: string,
  assets: readonly string[],
  files: ReadonlyMap<string, AssetFile>,
  toolBytes: number,
  maxSize: number | null,
  report: Report,
  /** Where `package.maxSize` is written in course.yaml. */
  maxSizeAt?: Position,
): void {
  const sizes = assets.map((a) => [a, files.get(a)?.size ?? 0] as const).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const bytes = sizes.reduce((sum, [, size]) => sum + size, toolBytes);
  const largest = sizes.filter(([, size]) => size >= 1e6).slice(0, 3).map(([a, size]) => `${a} (${formatMegabytes(size)})`).join(', ');
  const what = (limit: string) => `${packageFile} holds ${formatMegabytes(bytes)} of files, over ${limit}${largest ? `; the largest: ${largest}` : ''}`;
  if (maxSize !== null && bytes > maxSize) report('package-too-large', COURSE_CONFIG_FILE, maxSizeAt, what(`package.maxSize (${formatMegabytes(maxSize)})`));
  else if (maxSize === null && bytes > LARGE_PACKAGE) report('package-large', COURSE_CONFIG_FILE, undefined, what('100 MB'));
}
