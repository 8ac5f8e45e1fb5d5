// How many DevTools protocol messages each browser test file sends, for the "Test suite" section of
// BENCHMARKS.md. Unlike CPU-seconds on a shared machine, the count is the same from run to run, so a change
// to a test or the harness can be weighed on a busy machine too. Each message costs CPU in Chromium's
// renderer and browser processes, in the Playwright server (test/e2e/harness/browser-server.mjs, which forwards every
// message of both workers) and in the worker: a call made through a locator sends several (the element found
// and described, moved into the page's world, the function run, objects released), and one through a frame
// locator finds the frame again first; a frame's or page's evaluate is one.
//
//   node test/bench/count-protocol.mjs [FILE...]     (default: every browser test file)
//
// Runs each file alone (`npx vitest run --project browser FILE` with DEBUG=pw:protocol, which makes
// Playwright's server log each message it sends) and prints messages sent, of them Runtime.callFunctionOn
// (a function run in the page), the megabytes sent, how many times Playwright's injected script (~345 KB,
// sent into a document's world the first time a locator or selector is used there) went, and whether the
// file passed.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const files = process.argv.length > 2 ? process.argv.slice(2) : [
  ...readdirSync(`${ROOT}test/e2e`).filter((f) => f.endsWith('.test.ts') && f !== 'scorm12-rules.test.ts').map((f) => `test/e2e/${f}`),
  'test/course/course-in-lms.test.ts', 'test/report/html-in-chromium.test.ts',
];

/** Sent messages and Runtime.callFunctionOn among them, counted line by line as the log streams past. */
function count(file) {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['vitest', 'run', '--project', 'browser', file], { cwd: ROOT, env: { ...process.env, DEBUG: 'pw:protocol' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let sent = 0;
    let calls = 0;
    let bytes = 0;
    let injected = 0;
    let rest = '';
    const read = (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.includes('SEND ►')) continue;
        sent++;
        bytes += line.length;
        if (line.includes('"method":"Runtime.callFunctionOn"')) calls++;
        // The injected script's source opens with this line (playwright-core's generated injectedScriptSource).
        else if (line.length > 100_000 && line.includes('"method":"Runtime.evaluate"') && line.includes('const module = {};')) injected++;
      }
    };
    child.stdout.setEncoding('utf8').on('data', read);
    child.stderr.setEncoding('utf8').on('data', read);
    child.once('error', reject);
    child.once('close', (status) => resolve({ sent, calls, bytes, injected, passed: status === 0 }));
  });
}

const total = { sent: 0, calls: 0, bytes: 0, injected: 0 };
const row = (r, label) => console.log(`${String(r.sent).padStart(7)}  ${String(r.calls).padStart(14)}  ${(r.bytes / 1e6).toFixed(1).padStart(6)}  ${String(r.injected).padStart(8)}  ${label}`);
console.log('   sent  callFunctionOn      MB  injected  file');
for (const file of files) {
  const result = await count(file);
  for (const key of Object.keys(total)) total[key] += result[key];
  row(result, `${file}${result.passed ? '' : '  (FAILED)'}`);
}
row(total, 'in all');
