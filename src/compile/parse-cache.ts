/**
 * Parsed modules kept between builds in one process (a preview server, a watch mode, the benchmark's warm
 * rebuild): a module whose content has not changed is not parsed again, and the messages its parse gave
 * are handed back as they were. Safe because no later stage changes a parse tree (build-model.ts makes new
 * trees, sharing the untouched parts).
 *
 * Keyed by the file's course-relative path (the file name has rules of its own), a hash of its content,
 * the parser version and the docs URL the messages link to. Only the modules of the latest build are kept,
 * so the cache never holds more than one course.
 */
import { createHash } from 'node:crypto';
import type { SourceFile } from './load-course.js';
import { PARSE_VERSION, parseModule, type ParsedModule } from './parse-module.js';
import { collectMessages, type CompileMessage } from './rules.js';

export interface ParseCache {
  /** Modules taken from the cache (memory or store) / parsed, over the cache's life (for tests and benchmarks). */
  readonly stats: { readonly hits: number; readonly misses: number };
  /** Internal: used by the build. */
  readonly entries: Map<string, ParsedEntry>;
  /** Where parsed modules outlive the process (the command line keeps them on disk), if anywhere. */
  readonly store?: ParseStore;
}

/**
 * Parsed modules kept between processes, under the same key as in memory. Only modules whose parse gave no
 * message are stored: one with a problem is parsed again, so its messages are made again, by today's rules.
 * A store only saves time: `read` answers undefined for anything missing or unreadable.
 */
export interface ParseStore {
  read(key: string): ParsedModule | undefined;
  write(key: string, module: ParsedModule): void;
}

export interface ParsedEntry {
  readonly module: ParsedModule;
  readonly messages: readonly CompileMessage[];
}

export function createParseCache(store?: ParseStore): ParseCache {
  return { stats: { hits: 0, misses: 0 }, entries: new Map(), ...(store ? { store } : {}) };
}

/** Every module parsed (or taken from `cache`), in order, with the messages of its parse. */
export function parseModules(files: readonly SourceFile[], docsUrl: string, cache: ParseCache | undefined): ParsedEntry[] {
  const parse = (file: SourceFile): ParsedEntry => {
    const { report, messages } = collectMessages(docsUrl);
    return { module: parseModule(file, report), messages };
  };
  if (!cache) return files.map(parse);
  const stats = cache.stats as { hits: number; misses: number };
  const kept = new Map<string, ParsedEntry>();
  const entries = files.map((file) => {
    const key = `${PARSE_VERSION}\n${docsUrl}\n${file.path}\n${createHash('sha256').update(file.text).digest('base64')}`;
    const stored = cache.entries.has(key) ? undefined : cache.store?.read(key);
    const cached = cache.entries.get(key) ?? (stored?.path === file.path ? { module: stored, messages: [] } : undefined);
    if (cached) stats.hits++;
    else stats.misses++;
    const entry = cached ?? parse(file);
    if (!cached && entry.messages.length === 0) cache.store?.write(key, entry.module);
    kept.set(key, entry);
    return entry;
  });
  cache.entries.clear();
  for (const [key, entry] of kept) cache.entries.set(key, entry);
  return entries;
}
