/**
 * Parsed modules kept on disk between runs (src/cli/store-parsed-modules.ts, the parse cache's store):
 * what is read back is what was parsed, only clean modules are kept, anything foreign, stale or broken is
 * parsed again, and a build from the store gives the same bytes as one without it, also through the CLI.
 */
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCourse, createParseCache, type ParsedModule } from '../../src/compile/index.js';
import { openParseStore } from '../../src/cli/store-parsed-modules.js';
import { runCli } from '../helpers/run-cli.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'coursepack-store-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A private cache folder (0700) and a stand-in for the command bundle whose identity keys the entries. */
function fresh(): { dir: string; bundle: string } {
  const base = mkdtempSync(path.join(work, 'case-'));
  const dir = path.join(base, 'cache');
  mkdirSync(dir, { mode: 0o700 });
  const bundle = path.join(base, 'run-build.cjs');
  writeFileSync(bundle, '// bundle');
  return { dir, bundle };
}

const sample: ParsedModule = {
  path: 'modules/01-a.md', name: '01-a', meta: { id: 'a', title: 'A', objectives: ['One'], minutes: 5, assessment: false },
  tree: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'Hi' }], position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 3, offset: 2 } } }] },
};

describe('the store on disk', () => {
  it('reads back what was written, and nothing for another key', () => {
    const { dir, bundle } = fresh();
    const store = openParseStore(bundle, dir);
    store?.write('k1', sample);
    expect(openParseStore(bundle, dir)?.read('k1')).toEqual(sample);
    expect(openParseStore(bundle, dir)?.read('k2')).toBeUndefined();
  });

  it('parses afresh after a new bundle (another coursepack, a rebundle): entries are keyed by it', () => {
    const { dir, bundle } = fresh();
    openParseStore(bundle, dir)?.write('k1', sample);
    utimesSync(bundle, new Date(2030, 0, 1), new Date(2030, 0, 1));
    expect(openParseStore(bundle, dir)?.read('k1')).toBeUndefined();
  });

  it('gives nothing for a broken entry, and nothing at all without a bundle (running from the sources)', () => {
    const { dir, bundle } = fresh();
    openParseStore(bundle, dir)?.write('k1', sample);
    for (const name of readdirSync(dir)) writeFileSync(path.join(dir, name), 'not a serialized tree');
    expect(openParseStore(bundle, dir)?.read('k1')).toBeUndefined();
    expect(openParseStore(path.join(work, 'no-such-bundle.cjs'), dir)).toBeUndefined();
  });

  it('neither reads nor writes in a folder others can write to (a planted entry would become course content)', () => {
    const { dir, bundle } = fresh();
    openParseStore(bundle, dir)?.write('k1', sample);
    chmodSync(dir, 0o777);
    const store = openParseStore(bundle, dir);
    expect(store?.read('k1')).toBeUndefined();
    store?.write('k2', sample);
    chmodSync(dir, 0o700);
    expect(openParseStore(bundle, dir)?.read('k2')).toBeUndefined();
  });

  it('keeps at most its limit of entries: past it, the least recently used go, down to four fifths', () => {
    const { dir, bundle } = fresh();
    const stamp = (key: string, at: Date) => {
      // The entry's file: the one that appeared with the write of `key`.
      const before = new Set(readdirSync(dir));
      openParseStore(bundle, dir, 20)?.write(key, sample);
      const [file = ''] = readdirSync(dir).filter((n) => !before.has(n) && !n.includes('.tmp'));
      utimesSync(path.join(dir, file), at, at);
    };
    // Twenty entries written a minute apart, k0 the oldest.
    for (let i = 0; i < 20; i++) stamp(`k${i}`, new Date(2026, 0, 1, 9, i));
    expect(readdirSync(dir)).toHaveLength(20);
    // k0 is read back (a build that used it): it becomes the most recently used.
    expect(openParseStore(bundle, dir, 20)?.read('k0')).toEqual(sample);
    // The 21st entry: the five least recently used go (k1 to k5), not k0, which was written first.
    openParseStore(bundle, dir, 20)?.write('k20', sample);
    expect(readdirSync(dir)).toHaveLength(16);
    const store = openParseStore(bundle, dir, 20);
    expect(['k0', 'k1', 'k5', 'k6', 'k20'].map((k) => store?.read(k) !== undefined)).toEqual([true, false, false, true, true]);
  });
});

describe('builds through the store', () => {
  it('a second process builds from the stored trees: same bytes, every module a hit; a module with a problem is never stored', async () => {
    const { dir, bundle } = fresh();
    const course = path.join(work, 'course');
    cpSync(path.join(root, 'test/fixtures/courses/minimal'), course, { recursive: true });
    const build = async (out: string) => {
      const cache = createParseCache(openParseStore(bundle, dir));
      const result = await buildCourse({ courseDir: course, outDir: path.join(work, out), cwd: root, toolDir: root, cache });
      return { cache, bytes: result.outputs.map((o) => readFileSync(o.file)), messages: result.messages };
    };
    const first = await build('a');
    expect(first.cache.stats).toEqual({ hits: 0, misses: 2 });
    const second = await build('b');
    expect(second.cache.stats).toEqual({ hits: 2, misses: 0 });
    expect(second.bytes).toEqual(first.bytes);

    // A module whose parse reports a problem (an unclosed directive) is parsed, and reported, every time.
    const [module] = readdirSync(path.join(course, 'modules'));
    const file = path.join(course, 'modules', module ?? '');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n:::callout{kind="tip"}\nNever closed.\n`);
    const broken = [await build('c'), await build('d')];
    expect(broken.map((b) => b.cache.stats)).toEqual([{ hits: 1, misses: 1 }, { hits: 1, misses: 1 }]);
    for (const b of broken) expect(b.messages.map((m) => m.ruleId)).toContain('directive-not-closed');
  });

  it('coursepack build: the second run reads the store and writes the same zip, byte for byte', async () => {
    const tmp = mkdtempSync(path.join(work, 'tmp-'));
    const build = (out: string) => runCli(['build', '--course', 'test/fixtures/courses/minimal', '--out', path.join(work, out)], { env: { TMPDIR: tmp } });
    expect((await build('cli-a')).status).toBe(0);
    const cacheDir = path.join(tmp, `coursepack-compile-cache-${process.getuid?.() ?? 'user'}`);
    const stored = readdirSync(cacheDir).filter((n) => n.startsWith('parsed-'));
    expect(stored).toHaveLength(2);
    // An entry is written to a temporary file renamed into place: a rewrite is a new inode. (Its time
    // changes on every read, which marks it used.)
    const written = stored.map((n) => statSync(path.join(cacheDir, n)).ino);
    expect((await build('cli-b')).status).toBe(0);
    // Read, not parsed again: the same entries, none rewritten.
    expect(readdirSync(cacheDir).filter((n) => n.startsWith('parsed-'))).toEqual(stored);
    expect(stored.map((n) => statSync(path.join(cacheDir, n)).ino)).toEqual(written);
    const zip = (out: string) => readdirSync(path.join(work, out)).filter((n) => n.endsWith('.zip')).map((n) => readFileSync(path.join(work, out, n)));
    expect(zip('cli-b')).toEqual(zip('cli-a'));
  });
});
