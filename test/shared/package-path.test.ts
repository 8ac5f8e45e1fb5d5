import { describe, expect, it } from 'vitest';
import { isSafePackagePath, isStructurallySafePath, normalizePackagePath, packagePathFaults, type PathFault } from '../../src/shared/package-path.js';

const cases: [string, PathFault[]][] = [
  ['index.html', []],
  ['assets/diagram-1_v2.svg', []],
  ['', ['empty']],
  ['assets\\a.png', ['backslash']],
  ['assets/', ['directory']],
  ['../evil.js', ['unsafe']],
  ['/etc/passwd', ['unsafe']],
  ['C:/a.png', ['unsafe', 'characters']],
  ['./a.png', ['unsafe']],
  ['a//b.png', ['unsafe']],
  ['assets/my image.png', ['characters']],
  ['a.html?x=1', ['characters']],
  ['café.png', ['characters']],
  ['__MACOSX/._index.html', ['junk']],
  ['assets/.DS_Store', ['junk']],
  ['Thumbs.db', ['junk']],
  // Windows cannot create these, so a package holding one does not extract whole there.
  ['assets/aux.svg', ['characters']],
  ['assets/con/a.svg', ['characters']],
  ['assets/LPT1', ['characters']],
  ['assets/notes.', ['characters']],
  ['assets/auxiliary.svg', []],
  ['assets/console/a.svg', []],
];

describe('packagePathFaults', () => {
  it.each(cases)('%j', (path, faults) => {
    expect(packagePathFaults(path)).toEqual(faults);
    expect(isSafePackagePath(path)).toBe(faults.length === 0);
  });

  it('tells structural faults (unsafe to extract) from naming ones', () => {
    expect(isStructurallySafePath('assets/my image.png')).toBe(true);
    expect(isStructurallySafePath('assets/.DS_Store')).toBe(true);
    expect(isStructurallySafePath('../a.png')).toBe(false);
    expect(isStructurallySafePath('a\\b')).toBe(false);
  });
});

describe('normalizePackagePath', () => {
  it.each([
    ['assets/./a.svg', 'assets/a.svg'],
    ['assets/x/../a.svg', 'assets/a.svg'],
    ['../a.svg', null],
  ])('%s', (path, expected) => {
    expect(normalizePackagePath(path)).toBe(expected);
  });
});
