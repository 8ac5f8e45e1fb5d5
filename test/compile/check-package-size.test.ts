/** Package size against LMS upload limits: the message's sizes and where it points. */
import { describe, expect, it } from 'vitest';
import { checkPackageSize } from '../../src/compile/check-package-size.js';
import type { RuleId } from '../../src/compile/rules.js';

describe('checkPackageSize', () => {
  const run = (bytes: number, maxSize: number | null) => {
    const said: string[] = [];
    const files = new Map([['assets/film.mp4', { size: bytes }]]) as unknown as Parameters<typeof checkPackageSize>[2];
    const at = { start: { line: 4, column: 12 }, end: { line: 4, column: 17 } };
    checkPackageSize('c-scorm12.zip', ['assets/film.mp4'], files, 45_000, maxSize, (rule: RuleId, file, place, reason) => {
      said.push(`${file}:${place && 'start' in place ? `${place.start.line}:${place.start.column}` : '-'} ${rule} ${reason}`);
    }, at);
    return said;
  };

  it('says a limit under a megabyte in kilobytes, at package.maxSize in course.yaml', () => {
    // A maxSize of 20 KB read "over package.maxSize (0.0 MB)", at course.yaml:1:1.
    expect(run(80_000, 20_000)).toEqual(['course.yaml:4:12 package-too-large c-scorm12.zip holds 125 KB of files, over package.maxSize (20 KB)']);
  });

  it('says megabytes from one up, the largest files named, and nothing within the limit', () => {
    expect(run(12_300_000, 5_000_000)).toEqual(['course.yaml:4:12 package-too-large c-scorm12.zip holds 12.3 MB of files, over package.maxSize (5.0 MB); the largest: assets/film.mp4 (12.3 MB)']);
    expect(run(1_000_000, 5_000_000)).toEqual([]);
  });
});
