// What xAPI costs in the player (issue 9 points 6 and 9; XAPI.md §9): each entry below is bundled
// the way src/bundle.mjs bundles lib/player.js (browser, IIFE, minified, the same targets) and
// gzipped at level 9 as bench-runtime.mjs does. run-bench.mjs puts the section in BENCHMARKS.md;
//   node test/bench/measure-xapi-size.mjs
// prints it alone.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('../..', import.meta.url));

// Each entry keeps what it imports alive through a global, so tree shaking cannot drop it.
const entries = [
  {
    name: '`@xapi/xapi` (send a batch with the fetch adapter)',
    code: `import XAPI from '@xapi/xapi';
      window.__send = (endpoint, auth, statements) =>
        new XAPI({ endpoint, auth, version: '1.0.3', adapter: 'fetch' }).sendStatements({ statements });`,
  },
  {
    name: 'coursepack sender (`src/runtime/xapi`: queue, batches, retries, keepalive)',
    code: `import { createStatementDelivery } from './src/runtime/xapi/deliver-statements.js';
      window.__send = createStatementDelivery;`,
  },
  {
    name: 'statement builders, launch and config (`src/shared/xapi`, what the player uses)',
    code: `import * as x from './src/shared/xapi/index.js';
      window.__x = [x.buildInitialized, x.buildResumed, x.buildExperienced, x.buildAnswered, x.buildReflectionAnswered,
        x.buildProgressed, x.buildPassed, x.buildFailed, x.buildCompleted, x.buildSuspended, x.buildTerminated,
        x.makeStatementContext, x.makeUuid, x.parseLaunchParameters, x.resolveXapiConfig, x.chooseRegistration, x.defaultCourseIri];`,
  },
  {
    name: 'the whole xAPI layer of the player (builders, config, sender)',
    code: `import * as x from './src/shared/xapi/index.js';
      import { createStatementDelivery } from './src/runtime/xapi/deliver-statements.js';
      window.__x = [x.buildInitialized, x.buildResumed, x.buildExperienced, x.buildAnswered, x.buildReflectionAnswered,
        x.buildProgressed, x.buildPassed, x.buildFailed, x.buildCompleted, x.buildSuspended, x.buildTerminated,
        x.makeStatementContext, x.makeUuid, x.parseLaunchParameters, x.resolveXapiConfig, x.chooseRegistration, x.defaultCourseIri,
        createStatementDelivery];`,
  },
];

const PLAYER_TARGETS = ['es2019', 'chrome80', 'firefox78', 'safari14.1'];
/** Only for a figure when the player's targets cannot be met (esbuild cannot lower destructuring for them). */
const RELAXED_TARGETS = ['es2019', 'chrome80', 'firefox78', 'safari15'];

async function bundle(code, target) {
  const result = await build({
    absWorkingDir: root,
    stdin: { contents: code, resolveDir: root, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target,
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  return result.outputFiles[0].contents;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

export async function measureXapiSize() {
  const rows = [];
  for (const entry of entries) {
    let bytes;
    let note = 'bundles';
    try {
      bytes = await bundle(entry.code, PLAYER_TARGETS);
    } catch (error) {
      const count = error.errors?.length ?? 1;
      note = `**fails** (${count} esbuild errors: "${error.errors?.[0]?.text ?? error.message}"); figures with ${RELAXED_TARGETS.join(', ')}`;
      bytes = await bundle(entry.code, RELAXED_TARGETS);
    }
    rows.push({ ...entry, note, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  const [lib, sender, builders, layer] = rows;
  const playerFile = fileURLToPath(new URL('lib/player.js', pathToFileURL(root)));
  const player = existsSync(playerFile) ? gzipSync(readFileSync(playerFile), { level: 9 }).length : null;
  const markdown = [
    '### xAPI in the player',
    '',
    `Each bundle is built like lib/player.js (browser, IIFE, minified, targets ${PLAYER_TARGETS.join(' / ')})`,
    'from a one-line entry that keeps the code alive (test/bench/measure-xapi-size.mjs), gzip level 9.',
    '',
    '| bundle | player targets | raw | gzip |',
    '|---|---|---:|---:|',
    ...rows.map((r) => `| ${r.name} | ${r.note} | ${kb(r.raw)} | ${kb(r.gzip)} |`),
    '',
    `Decision: the player sends statements with its own fetch sender (src/runtime/xapi, ${kb(sender.gzip)} gzip); ` +
      '`@xapi/xapi` stays a dependency for the Node side (reports: `getStatements` with `more` paging, voided statements), ' +
      'where bundle size does not matter. Why not `@xapi/xapi` in the player:',
    `- size: ${kb(lib.gzip)} gzip (axios comes along even with the fetch adapter), ${(lib.gzip / sender.gzip).toFixed(1)}× the ` +
      `sender${player === null ? '' : ` and ${(lib.gzip / player).toFixed(1)}× lib/player.js as built from this tree (${kb(player)} gzip)`}; ` +
      `the whole xAPI layer of the player (builders ${kb(builders.gzip)}, ` +
      `launch and config, sender) is ${kb(layer.gzip)} gzip;`,
    ...(lib.note === 'bundles' ? [] : ['- it does not bundle for the player\'s targets at all: esbuild cannot lower its destructuring;']),
    '- the player would still need everything the sender is for: its fetch adapter passes neither `keepalive` (the only ' +
      'request that outlives `pagehide`, XAPI.md §7) nor `credentials: \'omit\'`, it sends an empty `Basic` header when ' +
      'there is no key, and the persistent queue, retries with backoff and 400 bisection are not in it.',
    '',
  ].join('\n');
  return { markdown };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log((await measureXapiSize()).markdown);
}
