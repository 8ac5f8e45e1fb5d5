// Bundles the two programs coursepack ships, with esbuild:
//  - lib/coursepack.mjs: the CLI and build pipeline as one ESM file, because cold start
//    dominates a build (importing the unified stack unbundled costs ~0.5 s; one bundle ~0.2 s);
//  - lib/player.js: the browser runtime (src/runtime) copied into every package.
// Runs from `npm ci` (prepare), `npm test` and `npm run bench`, so a fresh clone needs no extra step.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Chunk names carry content hashes: clear the old ones so lib/ holds one build, not every build so far.
rmSync(new URL('../lib/chunks', import.meta.url), { recursive: true, force: true });

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

await Promise.all([
  build({
    absWorkingDir: root,
    entryPoints: { coursepack: 'src/cli/main.ts' },
    outdir: 'lib',
    outExtension: { '.js': '.mjs' },
    // Code splitting: the packaging stack and parse5 are dynamic imports, loaded only when needed.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    plugins: [noYamlReader],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Some dependencies are CommonJS and call require() for Node built-ins.
    // Minified: less source for V8 to scan at start-up (the bundle is ~2.5 MB unminified).
    minify: true,
    banner: { js: "#!/usr/bin/env node\nimport { createRequire as __cpRequire } from 'node:module';\nconst require = __cpRequire(import.meta.url);" },
    legalComments: 'none',
    logLevel: 'warning',
  }),
  build({
    absWorkingDir: root,
    entryPoints: ['src/runtime/main.ts'],
    outfile: 'lib/player.js',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: ['es2019', 'chrome80', 'firefox78', 'safari14.1'],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  }),
]);
