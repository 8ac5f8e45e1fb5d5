/**
 * A size as people write it: `200 MB`, `1.5 GB`, `500 KB`, or a bare number of megabytes (`200`), in
 * bytes (decimal units, as disks and LMS upload limits are given); undefined for anything else or zero.
 * Read for course.yaml's `package.maxSize` and `coursepack lrs --max-db-size`.
 */
const SIZE = /^(\d+(?:\.\d+)?)\s*(KB|MB|GB|TB)?$/i;
const UNIT = { KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 } as const;

export function parseByteSize(text: string): number | undefined {
  const m = SIZE.exec(text.trim());
  if (!m || !(Number(m[1]) > 0)) return undefined;
  return Math.round(Number(m[1]) * UNIT[(m[2] ?? 'MB').toUpperCase() as keyof typeof UNIT]);
}
