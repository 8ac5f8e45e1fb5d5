// Runtime section of BENCHMARKS.md (imported by run-bench.mjs): the size of what the player
// adds to every package (player.js + player.css, raw and gzip) and the LMS traffic of one full
// pass of the mentoring course in Chromium against scorm-again: API calls (error queries not
// counted), Sets, Gets and commits. Counts, not times: every milestone is committed at once
// (src/runtime/track-session.ts), so the counts do not depend on how fast the pass clicks.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { readZip } from '../helpers/read-zip.mjs';
import { buildPackage } from '../helpers/run-cli.mjs';
import { launchChromium, openCourse, passCourse, readCourseData, readHostWhenFinished } from '../e2e/harness/run-course.mjs';
import { servePackage } from '../e2e/harness/serve-package.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ZIP = join(ROOT, 'dist', 'mentoring-young-inventors-scorm12.zip');

/** The mentoring package: dist/ when `npm run build:scorm` made it, else a fresh build of course/. */
async function mentoringZip() {
  if (existsSync(ZIP)) return { zip: ZIP, cleanup: async () => {} };
  const { zip, dir } = await buildPackage(join(ROOT, 'course'));
  return { zip, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** worstCaseSuspendDataLength from the TypeScript source, bundled on the fly (node cannot import .ts). */
async function loadSuspendDataCodec() {
  const result = await build({
    entryPoints: [join(ROOT, 'src', 'shared', 'suspend-data.ts')], bundle: true, format: 'esm', write: false, logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

export async function benchRuntime() {
  const { zip, cleanup } = await mentoringZip();
  const files = await readZip(zip);
  const js = files.get('player.js') ?? Buffer.alloc(0);
  const css = files.get('player.css') ?? Buffer.alloc(0);
  const server = await servePackage(files);
  const browser = await launchChromium();
  let host;
  let course;
  try {
    const context = await browser.newContext();
    const { page, frame } = await openCourse(context, server.url);
    course = await readCourseData(frame);
    await passCourse(frame, course);
    host = await readHostWhenFinished(page);
  } finally {
    await browser.close();
    await server.close();
    await cleanup();
  }
  const { worstCaseSuspendDataLength } = await loadSuspendDataCodec();
  const count = (fn) => host.trace.filter((c) => c.fn === fn).length;
  const gz = (b) => gzipSync(b, { level: 9 }).length;
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const suspend = host.stored['cmi.suspend_data'] ?? '';
  const markdown = [
    '## Runtime',
    '',
    'What the player adds to every package, and the LMS traffic of one full pass of the mentoring course',
    '(every page in order, every question answered right, then Exit) in Chromium against scorm-again.',
    '',
    '| file | raw | gzip |',
    '|---|---:|---:|',
    `| player.js | ${kb(js.length)} | ${kb(gz(js))} |`,
    `| player.css | ${kb(css.length)} | ${kb(gz(css))} |`,
    `| **total** | **${kb(js.length + css.length)}** | **${kb(gz(js) + gz(css))}** |`,
    '',
    '| full pass | value |',
    '|---|---:|',
    `| pages / questions | ${course.pages.length} / ${course.checks.length} |`,
    `| API calls (error queries not counted) | ${host.trace.length} |`,
    `| LMSSetValue / LMSGetValue | ${count('LMSSetValue')} / ${count('LMSGetValue')} |`,
    `| LMSCommit | ${count('LMSCommit')} |`,
    `| calls with an LMS error | ${host.trace.filter((c) => c.error !== '0').length} |`,
    `| final status / score | ${host.stored['cmi.core.lesson_status']} / ${host.stored['cmi.core.score.raw'] ?? '-'} |`,
    `| suspend_data at the end / worst case / limit | ${suspend.length} / ${worstCaseSuspendDataLength(course)} / 4096 characters |`,
    '',
    'Every milestone is committed at once, never on a timer (SCORM12.md §3.7 step 4): start-up and the first page',
    'together, then one commit per page turn and one per answer (a status or score change rides in the same',
    'commit), and one at Exit. A commit with nothing new is skipped, so a page turning hidden costs nothing more.',
    '',
  ].join('\n');
  return { markdown };
}

// `node test/bench/bench-runtime.mjs` prints the section alone.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log((await benchRuntime()).markdown);
}
