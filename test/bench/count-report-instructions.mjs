// Instructions per statement for the report's one-thread aggregation (issue 11 point 8), standalone:
// `node test/bench/count-report-instructions.mjs [git-ref …]`. Not part of `npm test`; needs valgrind
// (`apt-get install -y valgrind`).
//
// Why: wall and CPU time on this shared host move by a factor of two from hour to hour, so a change of
// a few percent in the reader cannot be seen in them. The number of instructions a process runs does not
// move with the neighbours' load. The report code (src/report, this tree, or each git ref given) is
// bundled with esbuild; 30,000 generated statements (generate-statements.mjs) are aggregated once and
// four times, each in `valgrind --tool=cachegrind --cache-sim=no node --single-threaded` (one thread:
// no background compiler racing the count), and the difference divided by the 90,000 extra statements
// is printed: start-up and the first, cold fold cancel out. User-space instructions only: the kernel's
// copy of the file is not counted.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { writeStatements } from './generate-statements.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const COUNT = 30_000;
const COURSE = 'https://coursepack.invalid/courses/mentoring-young-inventors';
const work = mkdtempSync(path.join(tmpdir(), 'cp-bench-instructions-'));

if (spawnSync('valgrind', ['--version']).status !== 0) {
  console.error('valgrind is not installed: apt-get install -y valgrind');
  process.exit(2);
}

try {
  const file = path.join(work, 'statements.ndjson');
  await writeStatements(file, COUNT);
  const child = path.join(work, 'fold.mjs');
  writeFileSync(child, `const { aggregateExport } = await import(process.argv[2]);
for (let r = 0; r < Number(process.argv[3]); r++) await aggregateExport(${JSON.stringify(file)}, { courseIri: ${JSON.stringify(COURSE)} }, 'ndjson');
`);
  const refs = process.argv.slice(2);
  for (const ref of refs.length ? refs : [null]) {
    let dir = root;
    if (ref) {
      dir = path.join(work, `tree-${ref.replace(/[^\w.-]/g, '_')}`);
      execFileSync('git', ['worktree', 'add', '--detach', '-q', dir, ref], { cwd: root });
    }
    try {
      const bundle = path.join(work, `report-${ref ?? 'tree'}.mjs`.replace(/[^\w./-]/g, '_'));
      await build({
        absWorkingDir: dir, entryPoints: ['src/report/index.ts'], outfile: bundle, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning',
        nodePaths: [path.join(root, 'node_modules')],
        banner: { js: "import { createRequire as __cpRequire } from 'node:module'; const require = __cpRequire(import.meta.url);" },
      });
      const count = (folds) => {
        const r = spawnSync('valgrind', ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', process.execPath, '--single-threaded', child, bundle, String(folds)], { encoding: 'utf8' });
        const refs = /I\s+refs:\s+([\d,]+)/.exec(r.stderr);
        if (r.status !== 0 || !refs) throw new Error(`valgrind failed: ${r.stderr.slice(-500)}`);
        return Number((refs[1] ?? '').replaceAll(',', ''));
      };
      const perStatement = Math.round((count(4) - count(1)) / (3 * COUNT));
      console.log(`${ref ?? 'this tree'}: ${perStatement.toLocaleString('en-US')} instructions a statement`);
    } finally {
      if (ref) execFileSync('git', ['worktree', 'remove', '--force', dir], { cwd: root });
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
