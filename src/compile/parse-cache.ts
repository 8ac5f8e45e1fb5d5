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
  /** Modules taken from the cache / parsed, over the cache's life (for tests and benchmarks). */
  readonly stats: { readonly hits: number; readonly misses: number };
  /** Internal: used by the build. */
  readonly entries: Map<string, ParsedEntry>;
}

export interface ParsedEntry {
  readonly module: ParsedModule;
  readonly messages: readonly CompileMessage[];
}

export function createParseCache(): ParseCache {
  return { stats: { hits: 0, misses: 0 }, entries: new Map() };
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
    const cached = cache.entries.get(key);
    if (cached) stats.hits++;
    else stats.misses++;
    const entry = cached ?? parse(file);
    kept.set(key, entry);
    return entry;
  });
  cache.entries.clear();
  for (const [key, entry] of kept) cache.entries.set(key, entry);
  return entries;
}
