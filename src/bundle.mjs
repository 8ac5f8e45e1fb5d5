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
//  - lib/player.js: the browser runtime (src/runtime) copied into every package.
// Runs from `npm ci` (prepare), `npm test` and `npm run bench`, so a fresh clone needs no extra step.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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
    plugins: [noYamlReader],
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
