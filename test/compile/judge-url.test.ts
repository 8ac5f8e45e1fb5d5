import { describe, expect, it } from 'vitest';
import { judgeUrl, type UrlContext } from '../../src/compile/judge-url.js';

const context = (assets: string[], links: string[] = []): UrlContext => ({ base: 'modules', assets: new Set(assets), assetLinks: new Set(links) });

describe('judgeUrl: files in assets/', () => {
  it.each([
    ['a file that is a link', ['assets/a.png'], ['assets/a.png'], '../assets/a.png', 'symlink-not-followed', 'Image `../assets/a.png`: assets/a.png is a symbolic link, which coursepack does not follow'],
    ['a file under a linked folder', [], ['assets/shared'], '../assets/shared/a.png', 'symlink-not-followed',
      'Image `../assets/shared/a.png`: assets/shared, a folder on its path, is a symbolic link, which coursepack does not follow'],
    ['a file under a linked assets/', [], ['assets'], '../assets/a.png', 'symlink-not-followed',
      'Image `../assets/a.png`: assets, a folder on its path, is a symbolic link, which coursepack does not follow'],
    ['a file whose name differs from another only in case', ['assets/a.png', 'assets/A.png'], [], '../assets/A.png', 'asset-name-case',
      'Image `../assets/A.png`: assets/A.png and assets/a.png differ only in case, and Windows and macOS keep them as one'],
    // Two folders that merge on Windows and macOS: b.png's <file href> no longer names what is on disk.
    ['a file in a folder whose name differs from another only in case', ['assets/Img/a.png', 'assets/img/b.png'], [], '../assets/img/b.png', 'asset-name-case',
      'Image `../assets/img/b.png`: assets/img/ and assets/Img/ differ only in case, and Windows and macOS keep them as one'],
  ])('%s', (_name, assets, links, url, rule, reason) => {
    expect(judgeUrl(url, 'load', 'Image', context(assets, links))).toEqual({ ok: false, rule, reason });
  });

  it('a link whose name only starts like a linked folder is not under it', () => {
    expect(judgeUrl('../assets/shared-2/a.png', 'load', 'Image', context(['assets/shared-2/a.png'], ['assets/shared']))).toMatchObject({ ok: true, asset: 'assets/shared-2/a.png' });
  });

  it('a path into `Assets/` (another case) names the file it means, not "outside the assets folder"', () => {
    expect(judgeUrl('../Assets/Diagram.PNG', 'load', 'Image', context(['assets/diagram.png']))).toEqual({
      ok: false, rule: 'missing-asset', reason: 'Image `../Assets/Diagram.PNG` does not exist', hint: 'The file is assets/diagram.png: paths are case-sensitive in packages.',
    });
    expect(judgeUrl('../Other/diagram.png', 'load', 'Image', context(['assets/diagram.png']))).toMatchObject({ rule: 'asset-outside-folder' });
  });

  it('names that differ in more than case are two files', () => {
    expect(judgeUrl('../assets/a.png', 'load', 'Image', context(['assets/a.png', 'assets/a.PNG.txt']))).toMatchObject({ ok: true });
  });
});
