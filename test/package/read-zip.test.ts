// The test helper test/helpers/read-zip.mjs, against zips made by the system `zip` (require-tools.ts)
// (an independent writer) and against hand-broken bytes.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeZip } from '../../src/package/index.js';
import { listZipEntries, readZip, readZipBuffer } from '../helpers/read-zip.mjs';
import { missing } from '../helpers/require-tools.js';
import { textFile } from './helpers/make-package.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'coursepack-readzip-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readZip', () => {
  it.skipIf(missing('zip'))('reads a zip made by Info-ZIP, directory entries included', async () => {
    await mkdir(join(dir, 'src', 'sub'), { recursive: true });
    await writeFile(join(dir, 'src', 'a.txt'), 'hello '.repeat(50));
    await writeFile(join(dir, 'src', 'sub', 'b.bin'), Buffer.from([0, 1, 2, 255]));
    expect(spawnSync('zip', ['-q', '-r', join(dir, 'z.zip'), '.'], { cwd: join(dir, 'src') }).status).toBe(0);
    const files = await readZip(join(dir, 'z.zip'));
    expect(files.get('a.txt')?.toString()).toBe('hello '.repeat(50));
    expect([...(files.get('sub/b.bin') ?? [])]).toEqual([0, 1, 2, 255]);
    expect(listZipEntries(await readFile(join(dir, 'z.zip'))).some((e) => e.name === 'sub/')).toBe(true);
  });

  it('detects a corrupted entry by its CRC', async () => {
    await writeZip(join(dir, 'p.zip'), [textFile('a.txt', 'aaaaaaaa')]);
    const buf = await readFile(join(dir, 'p.zip'));
    const entry = listZipEntries(buf)[0];
    if (entry === undefined) throw new Error('no entry');
    const copy = Buffer.from(buf);
    const at = entry.localHeaderOffset + 30 + entry.name.length; // first stored/deflated byte
    copy.writeUInt8((copy.readUInt8(at) ^ 0xff) & 0xff, at);
    expect(() => readZipBuffer(copy)).toThrow();
  });

  it('rejects bytes that are not a zip', () => {
    expect(() => listZipEntries(Buffer.from('not a zip at all, just some text'))).toThrow(/not a zip/);
  });
});
