/**
 * Parsed modules on disk between runs of `coursepack build` and `validate` (the parse cache's store,
 * src/compile/parse-cache.ts): parsing is the largest part of a build after Node's own start-up
 * (BENCHMARKS.md, cold start), and an author rebuilds after changing one module, or none. Kept in the
 * per-user cache folder beside V8's code cache, in V8's serialization format (what structured clone
 * uses: faster to read back than JSON for trees this size).
 *
 * Keyed by the parse cache's own key (parser version, docs URL, path, content hash) and by the running
 * command bundle (its size and time: a new coursepack, or a rebundle, parses afresh) and Node's version
 * (the serialization format). Writes go to a temporary file renamed into place, so a reader never sees half an
 * entry. At most MAX_ENTRIES are kept (about 10-45 KB each): past that, the least recently used are removed
 * down to four fifths of it, so a designer who builds several large courses in turn keeps all of them (a
 * 200-module course is 200 entries), and an entry read back counts as used (its time is set when read).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { PARSE_VERSION, type ParsedModule, type ParseStore } from '../compile/index.js';
import { ensureOwnDirectory, ownDirectory, userCacheDir } from './user-cache-dir.js';

const PREFIX = 'parsed-';
const MAX_ENTRIES = 2000;

/** A store for the bundle `bundleFile` runs from; undefined when there is none (running from the sources). */
export function openParseStore(bundleFile: string, dir = userCacheDir(), maxEntries = MAX_ENTRIES): ParseStore | undefined {
  let identity: string;
  try {
    const stats = statSync(bundleFile);
    identity = `${PARSE_VERSION}\n${process.version}\n${stats.size}\n${stats.mtimeMs}`;
  } catch {
    return undefined;
  }
  const usable = ownDirectory(dir);
  const fileOf = (key: string) => path.join(dir, `${PREFIX}${createHash('sha256').update(identity).update('\n').update(key).digest('hex').slice(0, 40)}.bin`);
  let prunedThisRun = false;
  return {
    read(key) {
      if (!usable) return undefined;
      try {
        const file = fileOf(key);
        const value = deserialize(readFileSync(file)) as ParsedModule;
        if (!value || typeof value !== 'object' || value.tree?.type !== 'root') return undefined;
        // Used now: pruning removes the least recently used first.
        const now = new Date();
        utimesSync(file, now, now);
        return value;
      } catch {
        return undefined;
      }
    },
    write(key, module) {
      try {
        if (!ensureOwnDirectory(dir)) return;
        const file = fileOf(key);
        const temporary = `${file}.${process.pid}.tmp`;
        writeFileSync(temporary, serialize(module));
        renameSync(temporary, file);
        if (!prunedThisRun) {
          prunedThisRun = true;
          prune(dir, maxEntries);
        }
      } catch {
        // A full or read-only temporary folder: the next run parses, as this one did.
      }
    },
  };
}

function prune(dir: string, maxEntries: number): void {
  const entries = readdirSync(dir).filter((name) => name.startsWith(PREFIX) && name.endsWith('.bin'));
  if (entries.length <= maxEntries) return;
  // Down to four fifths, so a full folder is not listed and pruned again on every run.
  const keep = Math.floor((maxEntries * 4) / 5);
  const byUse = entries.map((name) => ({ name, at: statSync(path.join(dir, name)).mtimeMs })).sort((a, b) => a.at - b.at);
  for (const { name } of byUse.slice(0, entries.length - keep)) rmSync(path.join(dir, name), { force: true });
}
