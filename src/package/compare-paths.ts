// Package paths sorted by UTF-16 code unit, never by locale (localeCompare and Intl.Collator
// depend on the machine's ICU data and settings), so manifests and zips sort the same everywhere.
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
