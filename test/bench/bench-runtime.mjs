// Runtime section of BENCHMARKS.md (imported by run-bench.mjs): the size of what the player
// adds to every package (player.js + player.css, raw and gzip) and the LMS traffic of one full
// pass of the mentoring course in Chromium against scorm-again: API calls (error queries not
// counted), Sets, Gets and commits. Then the same pass with xAPI on, launched with Tin Can
// parameters against the embedded LRS (`coursepack lrs`, write key): statements stored, by verb,
// and every HTTP request the LRS saw, preflights included (its request log). Counts, not times:
// every milestone is committed at once (src/runtime/track-session.ts), so the counts do not
// depend on how fast the pass clicks.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { readZip } from '../helpers/read-zip.mjs';
import { buildPackage } from '../helpers/run-cli.mjs';
import { launchChromium, openCourse, passCourse, readCourseData, readHostWhenFinished } from '../e2e/harness/run-course.mjs';
import { servePackage } from '../e2e/harness/serve-package.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'lib', 'coursepack.mjs');
/** Issue 7's before and after, measured by hand at the time: kept as written. */
const RUNTIME_RECORD = new URL('./runtime-record.md', import.meta.url);

/**
 * The player and one full pass just before issue 12 (cover, results, exit and welcome-back screens, the theme),
 * measured with that tree's own bench: `git worktree add /tmp/before12 04c6ae7 && cd /tmp/before12 &&
 * ln -s "$OLDPWD/node_modules" . && node src/bundle.mjs && node test/bench/bench-runtime.mjs`.
 */
const BEFORE_ISSUE_12 = {
  commit: '04c6ae7', jsRaw: '41.6 KB', jsGzip: '15.0 KB', cssRaw: '7.6 KB', cssGzip: '2.4 KB', totalRaw: '49.3 KB', totalGzip: '17.4 KB',
  calls: 333, sets: 264, gets: 10, commits: 57,
};
/** Issue 12 point 11: player JS + CSS stays under this, gzip. */
const PLAYER_BUDGET_GZIP = 40 * 1024;
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

/** `coursepack lrs keys add --scope SCOPE --json`: the Basic header value of a new key. */
function addKey(db, scope) {
  const run = spawnSync(process.execPath, [CLI, 'lrs', 'keys', 'add', '--scope', scope, '--db', db, '--json'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`lrs keys add exited ${run.status}: ${run.stderr}`);
  const { key, secret } = JSON.parse(run.stdout);
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}

/**
 * The embedded LRS on 127.0.0.1 (a free port) that allows `origin`, with a write key for the package and
 * a read key for counting; `requests` collects its request log (`METHOD /xAPI/… STATUS`).
 */
async function startLrs(origin) {
  const dir = await mkdtemp(join(tmpdir(), 'cp-bench-lrs-'));
  const db = join(dir, 'lrs.sqlite');
  const writeAuth = addKey(db, 'write');
  const readAuth = addKey(db, 'read');
  const child = spawn(process.execPath, [CLI, 'lrs', '--port', '0', '--db', db, '--origin', origin], { stdio: ['ignore', 'pipe', 'pipe'] });
  const requests = [];
  const endpoint = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`coursepack lrs exited ${code}`)));
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        const listening = /listening on (http:\/\/\S+\/xAPI\/)/.exec(line);
        if (listening) resolve(listening[1].replace(/\/$/, ''));
        const request = /^\S+ (GET|POST|PUT|OPTIONS|DELETE|HEAD) (\S+) (\d{3}) /.exec(line);
        if (request) requests.push({ method: request[1], path: request[2], status: Number(request[3]) });
      });
    }
  });
  const stop = async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve()));
    await rm(dir, { recursive: true, force: true });
  };
  return { endpoint, writeAuth, readAuth, requests, stop };
}

/** Every statement of `registration` in the LRS, following `more` to the end. */
async function readStatements(lrs, registration) {
  const statements = [];
  let next = `${lrs.endpoint}/statements?${new URLSearchParams({ registration, limit: '500' })}`;
  while (next) {
    const response = await fetch(next, { headers: { Authorization: lrs.readAuth, 'X-Experience-API-Version': '1.0.3' } });
    const body = await response.json();
    statements.push(...body.statements);
    next = body.more ? new URL(body.more, lrs.endpoint).href : '';
  }
  return statements;
}

export async function benchRuntime() {
  const { zip, cleanup } = await mentoringZip();
  const files = await readZip(zip);
  const js = files.get('player.js') ?? Buffer.alloc(0);
  const css = files.get('player.css') ?? Buffer.alloc(0);
  const server = await servePackage(files);
  const browser = await launchChromium();
  const lrs = await startLrs(new URL(server.url).origin);
  const registration = '3c5e9a54-8d1f-4b7a-9f3e-2a6b1c0d4e5f';
  let host;
  let course;
  let statements;
  let xapiHost;
  try {
    const { page, frame } = await openCourse(await browser.newContext(), server.url);
    course = await readCourseData(frame);
    await passCourse(frame, course);
    host = await readHostWhenFinished(page);
    // The same pass with xAPI on: Tin Can launch parameters, as an LMS or a district portal would add them.
    const launchQuery = `?${new URLSearchParams({ endpoint: `${lrs.endpoint}/`, auth: lrs.writeAuth, registration })}`;
    const xapi = await openCourse(await browser.newContext(), server.url, { launchQuery });
    await passCourse(xapi.frame, course);
    xapiHost = await readHostWhenFinished(xapi.page);
    // Everything queued has gone once the page is closed (keepalive); then read what the LRS stored.
    await xapi.page.close({ runBeforeUnload: true });
    const closed = (list) => list.some((st) => /\/(terminated|suspended)$/.test(st.verb.id));
    statements = await readStatements(lrs, registration);
    for (let wait = 0; wait < 50 && !closed(statements); wait++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      statements = await readStatements(lrs, registration);
    }
  } finally {
    await browser.close();
    await server.close();
    await lrs.stop();
    await cleanup();
  }
  const { worstCaseSuspendDataLength } = await loadSuspendDataCodec();
  const count = (fn) => host.trace.filter((c) => c.fn === fn).length;
  const gz = (b) => gzipSync(b, { level: 9 }).length;
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const suspend = host.stored['cmi.suspend_data'] ?? '';
  const byVerb = new Map();
  for (const st of statements) {
    const verb = st.verb.id.split('/').pop();
    byVerb.set(verb, (byVerb.get(verb) ?? 0) + 1);
  }
  // The package's own requests: the read key's paging above is the bench's, not the player's.
  const sent = lrs.requests.filter((r) => !(r.method === 'GET' && r.path.startsWith('/xAPI/statements')));
  const byMethod = (method) => sent.filter((r) => r.method === method).length;
  const xapiCommits = xapiHost.trace.filter((c) => c.fn === 'LMSCommit').length;
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
    '### Player before and after the learner experience (issue 12)',
    '',
    `Before: commit ${BEFORE_ISSUE_12.commit} (the player with xAPI, before the cover, results, exit and welcome-back screens and the theme),`,
    'measured with that tree\'s own bench-runtime.mjs (the command is in test/bench/bench-runtime.mjs). After: this tree, above.',
    '',
    '| | before | after |',
    '|---|---:|---:|',
    `| player.js raw / gzip | ${BEFORE_ISSUE_12.jsRaw} / ${BEFORE_ISSUE_12.jsGzip} | ${kb(js.length)} / ${kb(gz(js))} |`,
    `| player.css raw / gzip | ${BEFORE_ISSUE_12.cssRaw} / ${BEFORE_ISSUE_12.cssGzip} | ${kb(css.length)} / ${kb(gz(css))} |`,
    `| **total raw / gzip** (budget: under ${kb(PLAYER_BUDGET_GZIP)} gzip) | ${BEFORE_ISSUE_12.totalRaw} / ${BEFORE_ISSUE_12.totalGzip} | ` +
      `**${kb(js.length + css.length)} / ${kb(gz(js) + gz(css))}** (${gz(js) + gz(css) < PLAYER_BUDGET_GZIP ? 'within' : '**over**'}) |`,
    `| API calls per full pass | ${BEFORE_ISSUE_12.calls} | ${host.trace.length} |`,
    `| LMSSetValue / LMSGetValue | ${BEFORE_ISSUE_12.sets} / ${BEFORE_ISSUE_12.gets} | ${count('LMSSetValue')} / ${count('LMSGetValue')} |`,
    `| LMSCommit | ${BEFORE_ISSUE_12.commits} | ${count('LMSCommit')} |`,
    '',
    'Fewer Sets: practice answers no longer fill the LMS\'s interactions table (`tracking.practiceInteractions: false`,',
    'issue 12 point 9), so only the scored check\'s questions are interactions. Two more commits, one per new milestone:',
    'the page turn onto the results screen (a bookmark, like any page) and Submit answers (the status and score change).',
    'Scored answers before Submit are saved (suspend_data) and committed as they are given, as every answer was before.',
    '',
    '### xAPI per full pass',
    '',
    'The same pass with xAPI on: launched with Tin Can parameters (`endpoint`, a write-only `auth`, `registration`)',
    'against the embedded LRS (`coursepack lrs`) on 127.0.0.1. Statements are what the LRS stored for the registration;',
    'requests are every one its log shows from the package, CORS preflights included. The statement count is fixed; how',
    'they are batched depends on timing (a batch leaves after a short quiet delay, one request at a time), so requests vary by one or two',
    'between runs (8 to 10 POSTs in the runs of 2026-12-02).',
    '',
    '| full pass, xAPI on | value |',
    '|---|---:|',
    `| statements stored | ${statements.length} |`,
    `| by verb | ${[...byVerb].map(([verb, n]) => `${verb} ${n}`).join(', ')} |`,
    `| HTTP requests to the LRS (POST / PUT / OPTIONS preflight / other) | ${sent.length} (${byMethod('POST')} / ${byMethod('PUT')} / ${byMethod('OPTIONS')} / ${sent.length - byMethod('POST') - byMethod('PUT') - byMethod('OPTIONS')}) |`,
    `| statements per POST (mean) | ${byMethod('POST') ? (statements.length / byMethod('POST')).toFixed(1) : '-'} |`,
    `| requests answered with an error | ${sent.filter((r) => r.status >= 400).length} |`,
    `| LMSCommit in the same pass (xAPI does not add any) | ${xapiCommits} |`,
    '',
    ...(existsSync(RUNTIME_RECORD) ? [readFileSync(RUNTIME_RECORD, 'utf8').replace(/^<!--.*-->\n/, '').trimEnd(), ''] : []),
  ].join('\n');
  return { markdown };
}

// `node test/bench/bench-runtime.mjs` prints the section alone.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log((await benchRuntime()).markdown);
}
