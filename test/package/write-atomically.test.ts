import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stageFile, writeAllAtomically } from '../../src/package/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'coursepack-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeAllAtomically', () => {
  it('writes every file of the set', async () => {
    await writeAllAtomically([stageFile(join(dir, 'a.txt'), 'a'), stageFile(join(dir, 'sub', 'b.txt'), 'b')]);
    expect(await readFile(join(dir, 'a.txt'), 'utf8')).toBe('a');
    expect(await readFile(join(dir, 'sub', 'b.txt'), 'utf8')).toBe('b');
    expect((await readdir(dir)).sort()).toEqual(['a.txt', 'sub']);
  });

  it('a folder where a later file should go: nothing written, the folder named', async () => {
    await writeFile(join(dir, 'a.txt'), 'previous');
    await mkdir(join(dir, 'b.txt'));
    const failed = writeAllAtomically([stageFile(join(dir, 'a.txt'), 'new'), stageFile(join(dir, 'b.txt'), 'b')]);
    await expect(failed).rejects.toMatchObject({ code: 'EISDIR', path: join(dir, 'b.txt') });
    expect(await readFile(join(dir, 'a.txt'), 'utf8')).toBe('previous');
    expect((await readdir(dir)).sort()).toEqual(['a.txt', 'b.txt']);
  });

  it('a write that fails partway: the earlier files stay as they were, no temporary is left, the write is stopped', async () => {
    await writeFile(join(dir, 'a.txt'), 'previous');
    const abort = vi.fn();
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
    const failing = {
      file: join(dir, 'b.zip'),
      write: async (temporary: string) => {
        await writeFile(temporary, 'half');
        throw full;
      },
      abort,
    };
    await expect(writeAllAtomically([stageFile(join(dir, 'a.txt'), 'new'), failing])).rejects.toMatchObject({ code: 'ENOSPC', path: join(dir, 'b.zip') });
    expect(abort).toHaveBeenCalledOnce();
    expect(await readFile(join(dir, 'a.txt'), 'utf8')).toBe('previous');
    expect(await readdir(dir)).toEqual(['a.txt']);
  });
});
