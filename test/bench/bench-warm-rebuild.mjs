// Warm rebuild (issue 8 point 4): the mentoring course built again in the same process after one module
// changed, through the library API with a parse cache, as a preview server or watch mode would. The
// library is bundled from src/compile with esbuild (like lib/, but as an importable module), the course is
// copied to a temporary folder, and each timed round edits a different module (appending a sentence or
// taking it away) then runs `buildCourse` (zip and activities file written). Not a test: asserts nothing.
//
// Standalone: `node test/bench/bench-warm-rebuild.mjs` prints the section run-bench.mjs puts in BENCHMARKS.md.
import { build } from 'esbuild';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TARGET_MS = 60;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

export async function benchWarmRebuild({ runs = Number(process.env.BENCH_RUNS ?? 7) * 3 } = {}) {
  const work = await mkdtemp(join(os.tmpdir(), 'coursepack-warm-'));
  try {
    const library = join(work, 'compile.mjs');
    await build({
      absWorkingDir: ROOT, entryPoints: ['src/compile/index.ts'], outfile: library, bundle: true, platform: 'node', format: 'esm',
      target: 'node20', logLevel: 'warning', banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
    });
    const { buildCourse, createParseCache } = await import(pathToFileURL(library).href);
    const course = join(work, 'course');
    await cp(join(ROOT, 'course'), course, { recursive: true });
    const modules = (await readdir(join(course, 'modules'))).filter((n) => n.endsWith('.md')).sort();
    const cache = createParseCache();
    const options = { courseDir: course, outDir: join(work, 'dist'), cwd: work, toolDir: ROOT, cache };

    const start = performance.now();
    const first = await buildCourse(options);
    const coldMs = performance.now() - start;
    if (first.messages.some((m) => m.fatal)) throw new Error('the mentoring course has errors');

    const edit = async (round) => {
      const file = join(course, 'modules', modules[round % modules.length]);
      const text = await readFile(file, 'utf8');
      const marker = '\nOne more sentence for the benchmark.\n';
      await writeFile(file, text.endsWith(marker) ? text.slice(0, -marker.length) : `${text}${marker}`);
    };
    // Warm-up rounds: the JIT settles, as it would in a server that has served a few saves.
    for (let round = 0; round < 5; round++) {
      await edit(round);
      await buildCourse(options);
    }
    const times = [];
    const hitsBefore = cache.stats.hits;
    for (let round = 0; round < runs; round++) {
      await edit(round);
      const t = performance.now();
      const result = await buildCourse(options);
      times.push(performance.now() - t);
      if (result.outputs.length === 0) throw new Error('a warm rebuild wrote nothing');
    }
    const hits = (cache.stats.hits - hitsBefore) / runs;
    const m = median(times);
    const preview = await benchPreview(course, modules, runs);
    const markdown = [
      '## Warm rebuild (library API, one process)',
      '',
      'The mentoring course built again after one module changed, in the same process, through `buildCourse` with',
      'a parse cache (`createParseCache()`): unchanged modules are not parsed again (their trees and messages are',
      `reused), everything else (model, render, manifest, zip, activities file) runs. ${runs} timed rounds after 5`,
      'warm-up rounds, each editing another module; `node test/bench/bench-warm-rebuild.mjs`.',
      '',
      '| build | median | min | max |',
      '|---|---|---|---|',
      `| first build in the process (cold JIT, nothing cached) | ${Math.round(coldMs)} ms | | |`,
      `| rebuild after one module changed (${hits.toFixed(0)} of ${modules.length} modules from the cache) | ${Math.round(m)} ms | ${Math.round(Math.min(...times))} ms | ${Math.round(Math.max(...times))} ms |`,
      `| \`coursepack preview\`: a module saved → the open page told to reload (${SETTLE_MS} ms of it waiting for the save to settle) | ${Math.round(median(preview))} ms | ${Math.round(Math.min(...preview))} ms | ${Math.round(Math.max(...preview))} ms |`,
      '',
      `Target: under ${TARGET_MS} ms — median ${Math.round(m)} ms, **${m < TARGET_MS ? 'met' : 'NOT met'}**.`,
      '',
    ].join('\n');
    return { markdown, median: m, coldMs };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** src/cli/run-preview.ts: how long the preview lets a save settle before it builds. */
const SETTLE_MS = 80;

/**
 * The real `coursepack preview` (lib/coursepack.mjs) on `course`: per round, one module saved, then the time
 * until the page's event stream says `rebuilt` (the build done and the new package served).
 */
async function benchPreview(course, modules, runs) {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [join(ROOT, 'lib', 'coursepack.mjs'), 'preview', '--course', course, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let out = '';
    const url = await new Promise((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const match = /Preview at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (match) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`the preview exited with ${code}`)));
    });
    const reader = (await fetch(new URL('__coursepack/events', url))).body.getReader();
    // The build number the stream says (`event: build`, first as it opens); a save is done when a later one comes.
    let current = 0;
    let text = '';
    const next = async (after) => {
      while (current <= after) {
        const { value, done } = await reader.read();
        if (done) throw new Error('the event stream closed');
        text += new TextDecoder().decode(value);
        for (let m = /event: build\ndata: (\d+)\n\n/.exec(text); m; m = /event: build\ndata: (\d+)\n\n/.exec(text)) {
          current = Number(m[1]);
          text = text.slice(m.index + m[0].length);
        }
      }
    };
    await next(0);
    const rebuilt = () => next(current);
    const marker = '\nOne more sentence for the preview benchmark.\n';
    const times = [];
    for (let round = 0; round < runs + 5; round++) {
      const file = join(course, 'modules', modules[round % modules.length]);
      const text = await readFile(file, 'utf8');
      const heard = rebuilt();
      const t = performance.now();
      await writeFile(file, text.endsWith(marker) ? text.slice(0, -marker.length) : `${text}${marker}`);
      await heard;
      if (round >= 5) times.push(performance.now() - t);
    }
    await reader.cancel();
    return times;
  } finally {
    child.kill('SIGINT');
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log((await benchWarmRebuild()).markdown);
}
