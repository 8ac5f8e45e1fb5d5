import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeZip, type PackageFile } from '../../src/package/index.js';
import { dosDateTimeToIso, listZipEntries, readZip } from '../helpers/read-zip.mjs';
import { makePackage, TEMPLATES_DIR, textFile } from './helpers/make-package.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'coursepack-zip-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sha256 = async (file: string): Promise<string> => createHash('sha256').update(await readFile(file)).digest('hex');

describe('writeZip', () => {
  it('round-trips every file, byte for byte', async () => {
    const files = makePackage();
    await writeZip(join(dir, 'p.zip'), files);
    const read = await readZip(join(dir, 'p.zip'));
    expect([...read.keys()].sort()).toEqual(files.map((f) => f.path).sort());
    for (const f of files) expect(read.get(f.path)?.equals(Buffer.from(f.data))).toBe(true);
  });

  it('is byte-identical for the same files in any order (sha256 of two builds)', async () => {
    const files = makePackage();
    // Each zip written on another clock, 30 years apart (only Date is faked; streams keep real timers):
    // a date that leaked into the zip would show, with no waiting past the 2-second DOS time resolution.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.UTC(2001, 1, 3, 4, 5, 6));
      await writeZip(join(dir, 'a.zip'), files);
      vi.setSystemTime(Date.UTC(2031, 9, 11, 12, 13, 14));
      await writeZip(join(dir, 'b.zip'), [...files].reverse());
    } finally {
      vi.useRealTimers();
    }
    expect(await sha256(join(dir, 'b.zip'))).toBe(await sha256(join(dir, 'a.zip')));
  });

  it('writes sorted entries with fixed date and mode, no directories, no extra fields, forward slashes', async () => {
    const files = [...makePackage(), textFile('assets/deep/nested/file.txt', 'x')];
    await writeZip(join(dir, 'p.zip'), files);
    const entries = listZipEntries(await readFile(join(dir, 'p.zip')));
    const names = entries.map((e) => e.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const e of entries) {
      expect(e.name).not.toMatch(/\\|^\/|^\.\/|\/$/);
      expect(dosDateTimeToIso(e.dosDate, e.dosTime)).toBe('1980-01-01T00:00:00');
      expect(e.externalAttrs >>> 16).toBe(0o100644); // regular file, rw-r--r--
      expect(e.versionMadeBy >> 8).toBe(3); // Unix, so the mode above is what unzip applies
      expect(e.extraLength).toBe(0); // no extended timestamps or uid/gid
      expect(e.flags & 1).toBe(0); // not encrypted
      expect([0, 8]).toContain(e.method); // stored or deflate (SCORM12.md §1)
      expect(e.comment).toBe('');
    }
    expect(names).toContain('imsmanifest.xml');
  });

  it('ships the four XSDs from templates/scorm12 byte for byte', async () => {
    await writeZip(join(dir, 'p.zip'), makePackage());
    const read = await readZip(join(dir, 'p.zip'));
    for (const name of ['imscp_rootv1p1p2.xsd', 'adlcp_rootv1p2.xsd', 'imsmd_rootv1p2p1.xsd', 'ims_xml.xsd']) {
      expect(read.get(name)?.equals(await readFile(TEMPLATES_DIR + name))).toBe(true);
    }
  });

  it('ships files whose sha256 matches the official XSDs (shared/scorm12-schemas/README.md)', async () => {
    const official: Readonly<Record<string, string>> = {
      'imscp_rootv1p1p2.xsd': 'e45606348d7f517874d70ec102796526a63a85e54a4a1db5e6a5944449674d31',
      'adlcp_rootv1p2.xsd': '166397a1f52585caac857228cf2b10085a5d07c0612a3d55cb3ed108ce8b028a',
      'imsmd_rootv1p2p1.xsd': '83879be70d6bdff1d8788d4efcb12d51380de1b242f1a2a16e271a040dce8a5d',
      'ims_xml.xsd': '9fdd37742066d2c1324427eebb716f14aabe73d0168dd7632fc494bd7e1b388c',
    };
    for (const [name, sum] of Object.entries(official)) expect(await sha256(TEMPLATES_DIR + name), name).toBe(sum);
  });

  it('stores empty files and deflates the rest', async () => {
    await writeZip(join(dir, 'p.zip'), [textFile('empty.txt', ''), textFile('text.txt', 'abc '.repeat(100))]);
    const entries = listZipEntries(await readFile(join(dir, 'p.zip')));
    expect(entries.map((e) => [e.name, e.method])).toEqual([['empty.txt', 0], ['text.txt', 8]]);
    // A stored entry with the data-descriptor flag (bit 3) is refused by Java's ZipInputStream.
    expect(entries.filter((e) => e.method === 0).map((e) => e.flags & 8)).toEqual([0]);
    expect((await readZip(join(dir, 'p.zip'))).get('text.txt')?.toString()).toBe('abc '.repeat(100));
  });

  it('accepts Uint8Array views into a larger buffer', async () => {
    const big = new TextEncoder().encode('xxhelloxx');
    const file: PackageFile = { path: 'a.txt', data: big.subarray(2, 7) };
    await writeZip(join(dir, 'p.zip'), [file]);
    expect((await readZip(join(dir, 'p.zip'))).get('a.txt')?.toString()).toBe('hello');
  });

  it('creates the output folder and leaves no temporary file behind', async () => {
    await writeZip(join(dir, 'dist', 'p.zip'), makePackage());
    expect(await readdir(join(dir, 'dist'))).toEqual(['p.zip']);
  });

  it('leaves one complete zip when two builds write the same file at once', async () => {
    const out = join(dir, 'p.zip');
    await Promise.all([writeZip(out, [textFile('a.txt', 'first')]), writeZip(out, [textFile('a.txt', 'second')])]);
    expect(['first', 'second']).toContain((await readZip(out)).get('a.txt')?.toString());
    expect(await readdir(dir)).toEqual(['p.zip']);
  });

  describe('refuses unsafe entries and keeps the previous zip', () => {
    const unsafe: readonly (readonly [string, string])[] = [
      ['backslash', 'assets\\a.png'],
      ['directory entry', 'assets/'],
      ['zip-slip', '../a.png'],
      ['absolute path', '/a.png'],
      ['drive letter', 'C:/a.png'],
      ['./ prefix', './a.png'],
      ['empty name', ''],
    ];
    for (const [name, path] of unsafe) {
      it(name, async () => {
        const out = join(dir, 'p.zip');
        await writeFile(out, 'previous build');
        await expect(writeZip(out, [...makePackage(), textFile(path, 'x')])).rejects.toThrow(TypeError);
        expect(await readFile(out, 'utf8')).toBe('previous build');
        expect(await readdir(dir)).toEqual(['p.zip']);
      });
    }

    it('duplicate entry', async () => {
      await expect(writeZip(join(dir, 'p.zip'), [textFile('a.txt', '1'), textFile('a.txt', '2')])).rejects.toThrow(/twice/);
      expect(await readdir(dir)).toEqual([]);
    });
  });

  it('removes the temporary file when writing fails', async () => {
    // The target is an existing folder, so the final rename fails after the zip was written.
    const out = join(dir, 'taken');
    await writeFile(join(dir, 'keep.txt'), '');
    await import('node:fs/promises').then((fs) => fs.mkdir(join(out, 'inner'), { recursive: true }));
    await expect(writeZip(out, makePackage())).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['keep.txt', 'taken']);
  });
});
