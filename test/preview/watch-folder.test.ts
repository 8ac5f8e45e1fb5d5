/**
 * The preview's folder watch on the real file system: every save seen however an editor writes it, new
 * folders watched, editors' own files and hidden folders left alone, and the course folder found again
 * after it was deleted and made anew (a branch switched, a folder restored).
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { watchFolder } from '../../src/preview/watch-folder.js';

const work = mkdtempSync(path.join(tmpdir(), 'coursepack-watch-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const POLL = { timeout: 5000, interval: 20 };
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
/** The course folder looked for again every 50 ms while it is gone, not every second: the same code, less waiting. */
const OPTIONS = { retryMs: 50 };
const noProblem = (): void => undefined;

describe('watchFolder', () => {
  it('sees in-place saves after an atomic one, files in folders made later, and nothing of editors\' files or .git', async () => {
    const root = path.join(work, 'saves');
    mkdirSync(path.join(root, 'modules'), { recursive: true });
    mkdirSync(path.join(root, '.git'));
    const file = path.join(root, 'modules/01-a.md');
    writeFileSync(file, 'one');
    let changes = 0;
    const watch = watchFolder(root, () => changes++, noProblem, OPTIONS);
    try {
      const seen = async (act: () => void): Promise<void> => {
        await settle();
        const before = changes;
        act();
        await expect.poll(() => changes, POLL).toBeGreaterThan(before);
      };
      await seen(() => {
        writeFileSync(`${file}.tmp`, 'two');
        renameSync(`${file}.tmp`, file);
      });
      await seen(() => writeFileSync(file, 'three'));
      await seen(() => writeFileSync(file, 'four'));
      await seen(() => mkdirSync(path.join(root, 'assets/img'), { recursive: true }));
      await seen(() => writeFileSync(path.join(root, 'assets/img/photo.svg'), '<svg/>'));

      await settle();
      const quiet = changes;
      writeFileSync(path.join(root, 'modules/.01-a.md.swp'), 'swap');
      writeFileSync(path.join(root, 'modules/01-a.md~'), 'backup');
      writeFileSync(path.join(root, '.git/index'), 'status');
      await settle();
      expect(changes).toBe(quiet);
    } finally {
      watch.close();
    }
  });

  it('finds the course folder again after it was deleted and made anew', async () => {
    const root = path.join(work, 'replaced');
    mkdirSync(path.join(root, 'modules'), { recursive: true });
    let changes = 0;
    const watch = watchFolder(root, () => changes++, noProblem, OPTIONS);
    try {
      rmSync(root, { recursive: true });
      await settle();
      const gone = changes;
      mkdirSync(path.join(root, 'modules'), { recursive: true });
      await expect.poll(() => changes, POLL).toBeGreaterThan(gone);
      await settle();
      const back = changes;
      writeFileSync(path.join(root, 'modules/01-a.md'), 'new');
      await expect.poll(() => changes, POLL).toBeGreaterThan(back);
    } finally {
      watch.close();
    }
  });

  it('sees saves in a folder that took another\'s place at once (folders swapped by renames, the course folder deleted and made anew in one go)', async () => {
    const root = path.join(work, 'swapped');
    mkdirSync(path.join(root, 'modules'), { recursive: true });
    mkdirSync(path.join(root, 'modules-next'));
    let changes = 0;
    const watch = watchFolder(root, () => changes++, noProblem, OPTIONS);
    try {
      // Both renames before the watch hears of either: the folder now named modules was never watched.
      renameSync(path.join(root, 'modules'), path.join(root, 'modules-old'));
      renameSync(path.join(root, 'modules-next'), path.join(root, 'modules'));
      await settle();
      const swapped = changes;
      writeFileSync(path.join(root, 'modules/01-a.md'), 'in the new folder');
      await expect.poll(() => changes, POLL).toBeGreaterThan(swapped);

      // The same for the course folder itself (ext4 even gives the new folder the old one's inode number).
      rmSync(root, { recursive: true });
      mkdirSync(path.join(root, 'modules'), { recursive: true });
      await settle();
      const remade = changes;
      writeFileSync(path.join(root, 'modules/01-a.md'), 'in the new course folder');
      await expect.poll(() => changes, POLL).toBeGreaterThan(remade);
    } finally {
      watch.close();
    }
  });
});
