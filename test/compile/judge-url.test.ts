import { describe, expect, it } from 'vitest';
import { judgeUrl, shownUrl, type UrlContext } from '../../src/compile/judge-url.js';

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
    // café.png typed (é one character, NFC) and café.png saved on a Mac (e and U+0301, NFD): one name to macOS.
    ['two files whose names are one name in two Unicode forms', ['assets/caf\u00e9.png', 'assets/cafe\u0301.png'], [], '../assets/caf\u00e9.png', 'asset-name-case',
      'Image `../assets/caf\u00e9.png`: assets/caf\u00e9.png and assets/cafe\u0301.png are one name written two ways in Unicode (é as one character, or as e and an accent mark), and macOS keeps them as one'],
    ['two files whose names differ in case and Unicode form', ['assets/Caf\u00e9.png', 'assets/cafe\u0301.png'], [], '../assets/Caf\u00e9.png', 'asset-name-case',
      'Image `../assets/Caf\u00e9.png`: assets/Caf\u00e9.png and assets/cafe\u0301.png differ only in case and in how Unicode writes their letters, and Windows and macOS keep them as one'],
  ])('%s', (_name, assets, links, url, rule, reason) => {
    expect(judgeUrl(url, 'load', 'Image', context(assets, links))).toEqual({ ok: false, rule, reason });
  });

  it.each([
    // Before: each was said to have "a space or a character LMSs do not accept", beside a name with neither.
    ['a name Windows reserves', 'assets/aux.svg', 'Asset `assets/aux.svg` has a name Windows reserves for a device (aux), so the package cannot be unpacked on Windows'],
    ['a folder name Windows reserves', 'assets/con/a.svg', 'Asset `assets/con/a.svg` has a name Windows reserves for a device (con), so the package cannot be unpacked on Windows'],
    ['a name ending in a dot', 'assets/dot.svg.', 'Asset `assets/dot.svg.` has a name ending in a dot, which Windows drops, so the package cannot be unpacked on Windows'],
    ['a space', 'assets/My Square.svg', 'Asset `assets/My Square.svg` has a space or a character LMSs do not accept in file names'],
  ])('a file name LMSs or Windows refuse, said as what is wrong with it: %s', (_name, asset, reason) => {
    expect(judgeUrl(`../${asset}`, 'load', 'Image', context([asset]))).toMatchObject({ ok: false, rule: 'asset-file-name', reason });
  });

  it('a file beside a folder of its name in another case (assets/Notes, assets/notes/a.txt): one cannot be made where the other is', () => {
    const assets = ['assets/Notes', 'assets/notes/a.txt'];
    expect(judgeUrl('../assets/Notes', 'follow', 'Link', context(assets))).toMatchObject({ ok: false, rule: 'asset-name-case' });
    expect(judgeUrl('../assets/notes/a.txt', 'follow', 'Link', context(assets))).toMatchObject({ ok: false, rule: 'asset-name-case' });
    expect(judgeUrl('../assets/notes/a.txt', 'follow', 'Link', context(['assets/notes/a.txt', 'assets/notes.txt']))).toMatchObject({ ok: true });
  });

  it('a path too long to unpack (Moodle keeps 255 characters of folders, Windows 260 with the folder it unpacks into) is refused, at 160', () => {
    const deep = `assets/${Array.from({ length: 9 }, (_, i) => `folder-${i}-with-a-long-descriptive-name`).join('/')}/diagram.svg`;
    expect(judgeUrl(`../${deep}`, 'load', 'Image', context([deep]))).toMatchObject({
      ok: false, rule: 'asset-file-name', reason: expect.stringMatching(/has a path of 3\d\d characters: unpacked into an LMS's or a Windows computer's folders/),
      hint: 'Keep each path in assets/ under 160 characters, with shorter folder and file names.',
    });
    const edge = `assets/${'x'.repeat(149)}.svg`;
    expect(edge).toHaveLength(160);
    expect(judgeUrl(`../${edge}`, 'load', 'Image', context([edge]))).toMatchObject({ ok: true });
    expect(judgeUrl(`../assets/${'x'.repeat(150)}.svg`, 'load', 'Image', context([`assets/${'x'.repeat(150)}.svg`]))).toMatchObject({ ok: false, rule: 'asset-file-name' });
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

  it('`assets/x.svg` written from a module (as course.yaml writes brand.logo) says the path to write from there', () => {
    const mentioned: string[] = [];
    expect(judgeUrl('assets/diagram.svg', 'load', 'Image', { ...context(['assets/diagram.svg']), mention: (a) => mentioned.push(a) })).toEqual({
      ok: false, rule: 'asset-outside-folder', reason: 'Image `assets/diagram.svg` is read from the folder of the file it is in, so it names modules/assets/diagram.svg, which does not exist',
      hint: 'Write the path from modules/: ../assets/diagram.svg',
    });
    expect(mentioned).toEqual(['assets/diagram.svg']);
  });

  it('a module named without its .md says the name to write', () => {
    const findPage = (name: string | null) => (name === '01-basics' ? { id: 'basics--welcome' } : { reason: `there is no module file ${name ?? ''}.md` });
    expect(judgeUrl('01-basics', 'follow', 'Link', { ...context([]), findPage })).toEqual({
      ok: false, rule: 'broken-link', reason: 'Link `01-basics` names no file', hint: 'A module is named with its .md: 01-basics.md (or 01-basics.md#anchor for one of its pages).',
    });
    expect(judgeUrl('02-other', 'follow', 'Link', { ...context([]), findPage })).toMatchObject({ rule: 'asset-outside-folder' });
  });

  it('a file named on a Mac (é as e and an accent, NFD) and typed in a link (é, NFC): says so, where "does not exist" was all it said', () => {
    const saved = 'assets/cafe\u0301.svg';
    const mentioned: string[] = [];
    const verdict = judgeUrl('../assets/caf\u00e9.svg', 'load', 'Image', { ...context([saved]), mention: (a) => mentioned.push(a) });
    expect(verdict).toMatchObject({ ok: false, rule: 'missing-asset', reason: 'Image `../assets/caf\u00e9.svg` does not exist' });
    expect(verdict.ok ? '' : verdict.hint).toMatch(/^The file is assets\/cafe\u0301\.svg, the same letters written another way in Unicode .*rename it with letters, digits, -, _ and \. only/);
    // It is the file the author meant: not reported as unused besides.
    expect(mentioned).toEqual([saved]);
    // The other way round, and into another case of assets/ (outside the folder as written).
    expect(judgeUrl('../assets/cafe\u0301.svg', 'load', 'Image', context(['assets/caf\u00e9.svg']))).toMatchObject({ rule: 'missing-asset', hint: expect.stringMatching(/^The file is assets\/caf\u00e9\.svg, the same letters/) });
    expect(judgeUrl('../Assets/caf\u00e9.svg', 'load', 'Image', context([saved]))).toMatchObject({ rule: 'missing-asset', hint: expect.stringMatching(/^The file is assets\/cafe\u0301\.svg: paths are case-sensitive/) });
  });

  it('a path on the author\'s computer (Windows, or a file: URL) says to copy the file into assets/, where it said "the scheme `c:`"', () => {
    expect(judgeUrl('C:\\Users\\ann\\Desktop\\diagram.svg', 'load', 'Image', context([]))).toEqual({
      ok: false, rule: 'unsafe-url', reason: 'Image `C:\\Users\\ann\\Desktop\\diagram.svg` is a file on this computer, which learners do not have',
      hint: 'Copy the file into the course\'s assets/ folder and write the path from the module: ../assets/diagram.svg',
    });
    expect(judgeUrl('file:///C:/Users/ann/My%20Documents/handout.pdf', 'follow', 'Link', context([]))).toMatchObject({ rule: 'unsafe-url', hint: expect.stringMatching(/: \.\.\/assets\/handout\.pdf$/) });
    // Inside an SVG in assets/img/, the path from that file; a name LMSs refuse is not suggested.
    expect(judgeUrl('file:///Users/ann/My Photo.png', 'load', 'Image', { ...context([]), base: 'assets/img' })).toMatchObject({ hint: 'Copy the file into the course\'s assets/ folder and write the path from this file: ../its-name.png' });
    expect(judgeUrl('javascript:alert(1)', 'follow', 'Link', context([]))).toMatchObject({ reason: 'Link `javascript:alert(1)` uses the scheme `javascript:`, which is not allowed' });
  });

  it('names that differ in more than case are two files', () => {
    expect(judgeUrl('../assets/a.png', 'load', 'Image', context(['assets/a.png', 'assets/a.PNG.txt']))).toMatchObject({ ok: true });
  });
});

describe('shownUrl: a URL in a message', () => {
  it('is whole up to 80 characters, cut after; a data: URL (an image pasted in Google Docs, exported as Markdown) by its type and length', () => {
    const web = `https://example.org/${'a'.repeat(60)}`;
    expect(shownUrl(web)).toBe(web);
    expect(shownUrl(`${web}/more/and/more`)).toBe(`${`${web}/more/and/more`.slice(0, 77)}...`);
    expect(shownUrl(`data:image/png;base64,${'A'.repeat(300_000)}`)).toBe('data:image/png;base64,… (293 KB)');
    expect(shownUrl(`data:image/svg+xml,${'%3Csvg%3E'.repeat(10)}`)).toBe('data:image/svg+xml,… (90 characters)');
    // In every message that names one.
    const huge = `data:text/html;base64,${'A'.repeat(100_000)}`;
    expect(judgeUrl(huge, 'follow', 'Link', context([]))).toMatchObject({ reason: 'Link `data:text/html;base64,… (98 KB)` uses the scheme `data:`, which is not allowed' });
  });
});

describe('judgeUrl: image and media formats browsers do not agree on', () => {
  it('refuses an iPhone HEIC photo, a TIFF or a raw photo as an image, in any case of extension; a link to one is a download', () => {
    const assets = context(['assets/IMG_1234.HEIC', 'assets/scan.tiff', 'assets/DSC_0042.NEF', 'assets/photo.avif']);
    expect(judgeUrl('../assets/IMG_1234.HEIC', 'load', 'Image', assets)).toMatchObject({ ok: false, rule: 'format-unsupported', reason: 'Image `../assets/IMG_1234.HEIC` is an iPhone photo in HEIC, which Chrome, Edge and Firefox do not show: most learners would see a broken image' });
    expect(judgeUrl('../assets/scan.tiff', 'load', 'Attribute `src` of `<img>`', assets)).toMatchObject({ rule: 'format-unsupported' });
    expect(judgeUrl('../assets/DSC_0042.NEF', 'load', 'Image', assets)).toMatchObject({ rule: 'format-unsupported', hint: 'Export it from the photo app as JPEG.' });
    expect(judgeUrl('../assets/scan.tiff', 'follow', 'Link', assets)).toMatchObject({ ok: true, kind: 'asset' });
    expect(judgeUrl('../assets/talk.wmv', 'load', 'Video', context(['assets/talk.wmv']))).toMatchObject({ reason: 'Video `../assets/talk.wmv` is a Windows Media video, which Chrome, Edge and Firefox do not play: most learners could not play it' });
    // An iPhone's .mov (HEVC in QuickTime): Firefox plays no QuickTime file, Chromium no HEVC.
    expect(judgeUrl('../assets/IMG_0042.MOV', 'load', 'Video', context(['assets/IMG_0042.MOV']))).toMatchObject({ rule: 'format-unsupported', reason: 'Video `../assets/IMG_0042.MOV` is a QuickTime movie (a phone\'s or a Mac\'s .mov), which Firefox does not play, nor Chrome and Edge the HEVC video iPhones record: most learners could not play it' });
    expect(judgeUrl('../assets/IMG_0042.MOV', 'follow', 'Link', context(['assets/IMG_0042.MOV']))).toMatchObject({ ok: true });
    // AVIF shows in every current browser.
    expect(judgeUrl('../assets/photo.avif', 'load', 'Image', assets)).toMatchObject({ ok: true });
  });
});

describe('judgeUrl: a file whose name holds # or ?', () => {
  it('is named as the file it is, not as missing: the address reads # as an anchor and ? as a query', () => {
    const assets = context(['assets/photo#1.png', 'assets/what?.pdf', 'assets/guide.pdf']);
    const mentioned: string[] = [];
    expect(judgeUrl('../assets/photo#1.png', 'load', 'Image', { ...assets, mention: (a) => mentioned.push(a) })).toMatchObject({ rule: 'asset-file-name', reason: 'Image `../assets/photo#1.png` names assets/photo: the file is assets/photo#1.png, and in an address `#` starts an anchor, not part of a file name' });
    expect(judgeUrl('../assets/what?.pdf', 'follow', 'Link', { ...assets, mention: (a) => mentioned.push(a) })).toMatchObject({ rule: 'asset-file-name', reason: 'Link `../assets/what?.pdf` names assets/what: the file is assets/what?.pdf, and in an address `?` starts a query, not part of a file name' });
    expect(mentioned).toEqual(['assets/photo#1.png', 'assets/what?.pdf']);
    // A page of a PDF, and a file that is not there, are as before.
    expect(judgeUrl('../assets/guide.pdf#page=2', 'follow', 'Link', assets)).toMatchObject({ ok: true, url: 'assets/guide.pdf#page=2' });
    expect(judgeUrl('../assets/gone.pdf#page=2', 'follow', 'Link', assets)).toMatchObject({ rule: 'missing-asset' });
  });
});
