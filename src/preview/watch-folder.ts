/**
 * Calls `onChange` whenever something in `root` changes, for the preview. One non-recursive watch per
 * folder, not `fs.watch(root, { recursive: true })`: on Linux, Node 20's recursive watch lost a file once
 * an editor saved it the atomic way (a temporary file renamed over it, as Vim and many editors do), and
 * every later save of it went unseen; a folder's own watch sees every file in it, whatever replaced it.
 * New folders are watched as they appear, removed ones let go. Changes that cannot change the course are
 * left alone: in hidden folders (`.git`, whose every status refresh would rebuild) and node_modules, and to
 * the files editors keep beside an open one (Vim writes its swap file every few seconds of typing), which
 * the build passes over too (load-course.ts).
 */
import { readdirSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { SYSTEM_FILE } from '../compile/load-course.js';

export interface FolderWatch {
  close(): void;
}

/** Folders watched at most: a course folder holding far more is likely a mistake (a home folder). */
const MAX_FOLDERS = 2000;

export interface WatchOptions {
  /** How often the course folder is looked for while it is gone (ms). */
  retryMs?: number;
}

/**
 * `onProblem` hears, once per folder, one that cannot be watched (no permission, or the system's limit of
 * watches reached: ENOSPC); the preview goes on with the others.
 */
export function watchFolder(root: string, onChange: () => void, onProblem: (reason: string) => void = () => undefined, { retryMs = 1000 }: WatchOptions = {}): FolderWatch {
  const watchers = new Map<string, FSWatcher>();
  let closed = false;
  /** While the course folder itself is gone (deleted, or replaced by a checkout): looked for once a second (retryMs). */
  let retry: NodeJS.Timeout | undefined;
  const told = new Set<string>();
  const problem = (dir: string, error: unknown): void => {
    if (told.has(dir)) return;
    told.add(dir);
    const code = (error as NodeJS.ErrnoException).code;
    onProblem(`cannot watch ${path.relative(root, dir) || '.'} (${code === 'ENOSPC' ? 'the system\'s limit of watched folders is reached' : code ?? (error as Error).message})`);
  };

  const ignored = (name: string): boolean => name.startsWith('.') || name === 'node_modules';

  /** Watches `dir` and the folders under it that are not watched yet; drops watches of folders gone. */
  const sync = (): void => {
    if (closed) return;
    const seen = new Set<string>();
    const visit = (dir: string): void => {
      if (seen.size >= MAX_FOLDERS) return;
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch (error) {
        // Gone, or unreadable (said): its watch, if any, is let go below.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') problem(dir, error);
        return;
      }
      seen.add(dir);
      if (!watchers.has(dir)) {
        try {
          const watcher = watch(dir, (_event, name) => {
            // The folder itself removed or moved away: Linux then names the folder itself. Its watch is let go,
            // so the sync below watches what is at its path now. Left to the sync alone, a folder that took the
            // old one's place before the sync ran (folders swapped by two renames, a checkout, the course
            // folder deleted and made anew in one go) kept the dead watch, and no save in it was ever seen.
            const gone = name === path.basename(dir) && watchers.get(dir) === watcher;
            if (gone) {
              watcher.close();
              watchers.delete(dir);
            }
            if (!gone && name && (SYSTEM_FILE.test(name) || name.startsWith('.'))) return;
            onChange();
            // A folder made or removed: watch it, or let it go.
            sync();
          });
          // A folder removed under the watch: the next sync drops it. Never a crash of the preview.
          watcher.on('error', (error) => {
            if ((error as NodeJS.ErrnoException).code !== 'ENOENT') problem(dir, error);
          });
          watchers.set(dir, watcher);
        } catch (error) {
          problem(dir, error);
          seen.delete(dir);
          return;
        }
      }
      // Folders only, not links to them (the build never follows links either).
      for (const e of entries) if (e.isDirectory() && !ignored(e.name)) visit(path.join(dir, e.name));
    };
    visit(root);
    for (const [dir, watcher] of watchers) {
      if (!seen.has(dir)) {
        watcher.close();
        watchers.delete(dir);
      }
    }
    if (!watchers.has(root) && !retry) {
      retry = setInterval(() => {
        sync();
        if (watchers.has(root)) {
          clearInterval(retry);
          retry = undefined;
          onChange();
        }
      }, retryMs);
      retry.unref();
    }
  };
  sync();
  if (watchers.size === 0) throw new Error(`cannot watch ${root}`);
  return {
    close() {
      closed = true;
      clearInterval(retry);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
