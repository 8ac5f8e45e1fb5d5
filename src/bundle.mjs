// Bundles the programs coursepack ships, with esbuild:
//  - lib/coursepack.mjs: the bin, a few KB: argument parsing and the command table (src/cli/main.ts), so
//    `--help` and `--version` load nothing of the pipeline;
//  - lib/commands/run-<name>.cjs: one self-contained script per command (every src/cli/run-*.ts), loaded
//    when its command runs, with V8's code cache (src/cli/load-command.ts). CommonJS because Node 20 can
//    only hand V8 a cache for scripts (vm.Script), not for ES modules; cold start dominates a build, and a
//    megabyte of JavaScript compiled from source is a large share of it (BENCHMARKS.md, cold start).
//    So a command module may not use top-level await (esbuild refuses it in CommonJS);
//  - lib/workers/aggregate-part.cjs: the worker thread that folds one part of a large statements file
//    (src/report/aggregate-in-threads.ts), the report code alone;
//  - lib/player.js: the browser runtime (src/runtime) copied into every package;
//  - lib/code-cache: on Node 20, V8's code cache of the build and validate commands, made by running each
//    once on course/ (warmCodeCache below), so the first build after an install starts as fast as a rebuild.
// Runs from `npm ci` (prepare), `npm test` and `npm run bench`, so a fresh clone needs no extra step.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
// Clear what earlier builds left (chunks of the old layout, commands since removed).
for (const old of ['lib/chunks', 'lib/commands', 'lib/workers']) rmSync(new URL(`../${old}`, import.meta.url), { recursive: true, force: true });

// xmlbuilder2 can read YAML documents and so imports js-yaml at start-up; coursepack only writes XML,
// so js-yaml is replaced by a stub that fails loudly if that path is ever taken.
const noYamlReader = {
  name: 'no-xmlbuilder2-yaml-reader',
  setup(b) {
    b.onResolve({ filter: /^js-yaml$/ }, () => ({ path: 'js-yaml-stub', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: "export function load() { throw new Error('coursepack: xmlbuilder2 YAML input is not bundled'); } export default { load };",
    }));
  },
};

// archiver's zip writer (compress-commons, crc32-stream) sums every entry with the `crc-32` package, in
// JavaScript that runs cold in a one-shot build: its imports get src/package/crc-32-for-zip.ts, which asks
// Node's own zlib.crc32 (~5 ms less of a build; the same sums, test/package/crc32.test.ts).
const nativeCrc32 = {
  name: 'native-crc-32-for-zip',
  setup(b) {
    b.onResolve({ filter: /^crc-32$/ }, (args) => (/[\\/]node_modules[\\/](compress-commons|crc32-stream)[\\/]/.test(args.importer)
      ? { path: path.join(root, 'src/package/crc-32-for-zip.ts') }
      : undefined));
  },
};

const node = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Minified: less source for V8 to scan at start-up (the pipeline is ~2.5 MB unminified).
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
};

const commands = readdirSync(new URL('./cli', import.meta.url)).filter((f) => /^run-[a-z-]+\.ts$/.test(f));

await Promise.all([
  build({
    ...node,
    entryPoints: { coursepack: 'src/cli/main.ts' },
    outfile: 'lib/coursepack.mjs',
    format: 'esm',
    banner: { js: '#!/usr/bin/env node' },
  }),
  build({
    ...node,
    entryPoints: Object.fromEntries(commands.map((f) => [f.slice(0, -3), `src/cli/${f}`])),
    outdir: 'lib/commands',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    plugins: [noYamlReader, nativeCrc32],
    // Loaded from node_modules by the embedded LRS, never bundled: better-sqlite3 is a native module (a
    // .node file found at run time by `bindings`), and xapi-validation require()s its rule files by
    // computed names, which a bundler cannot follow.
    external: ['better-sqlite3', '@learninglocker/xapi-validation'],
    // The sources are ES modules: import.meta.url of the bundle itself, which is all they ask it for.
    define: { 'import.meta.url': '__coursepackUrl' },
    banner: { js: 'var __coursepackUrl = require("node:url").pathToFileURL(__filename).href;' },
  }),
  build({
    ...node,
    entryPoints: { 'aggregate-part': 'src/report/aggregate-part-worker.ts' },
    outdir: 'lib/workers',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    define: { 'import.meta.url': '__coursepackUrl' },
    banner: { js: 'var __coursepackUrl = require("node:url").pathToFileURL(__filename).href;' },
  }),
  build({
    ...node,
    entryPoints: ['src/runtime/main.ts'],
    outfile: 'lib/player.js',
    platform: 'browser',
    format: 'iife',
    target: ['es2019', 'chrome80', 'firefox78', 'safari14.1'],
  }),
]);

warmCodeCache(['build', 'validate']);

/**
 * Runs each command once on the course in course/ with a private temporary folder, then keeps the code
 * cache that run wrote (src/cli/load-command.ts names it after the bundle and the Node version, and looks
 * for it in lib/code-cache when the user has none of their own). Kept from an earlier bundling when the
 * bundle is unchanged. Node 22.1+ compiles through its own cache (module.enableCompileCache), and
 * without course/ (an installed package) there is nothing to run: then the first run makes the cache,
 * as before. Never fails the bundling: a cache only saves time.
 */
function warmCodeCache(commands) {
  const course = path.join(root, 'course');
  if (typeof module.enableCompileCache === 'function' || !existsSync(path.join(course, 'course.yaml'))) return;
  const dir = path.join(root, 'lib', 'code-cache');
  const kept = existsSync(dir) ? readdirSync(dir) : [];
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'coursepack-warm-'));
  const written = path.join(tmp, `coursepack-compile-cache-${process.getuid?.() ?? 'user'}`);
  try {
    for (const name of commands) {
      // The name load-command.ts gives the cache: the command, then a hash of Node's version and the bundle's
      // path, and one of those and the bundle (the same formula as its cacheKey).
      const bundle = path.join(root, 'lib', 'commands', `run-${name}.cjs`);
      const source = readFileSync(bundle);
      const where = createHash('sha256').update(process.version).update(bundle).digest('hex').slice(0, 8);
      const key = where + createHash('sha256').update(process.version).update(bundle).update('\0').update(source).digest('hex').slice(0, 24);
      const mine = (file) => file.startsWith(`run-${name}-`) && file.endsWith('.bin');
      if (kept.includes(`run-${name}-${key}.bin`)) continue;
      for (const old of kept.filter(mine)) rmSync(path.join(dir, old), { force: true });
      const args = name === 'build' ? ['build', '--course', course, '--out', path.join(tmp, 'out')] : ['validate', '--course', course];
      spawnSync(process.execPath, [path.join(root, 'lib', 'coursepack.mjs'), ...args], { cwd: root, env: { ...process.env, TMPDIR: tmp }, stdio: 'ignore' });
      for (const file of existsSync(written) ? readdirSync(written).filter(mine) : []) {
        mkdirSync(dir, { recursive: true });
        copyFileSync(path.join(written, file), path.join(dir, file));
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
