/** `coursepack build`: the course into SCORM 1.2 zips and xAPI activities files, or every problem and nothing written. */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildCourse, createParseCache, type BuildOutput } from '../compile/index.js';
import { hasErrors } from '../messages/index.js';
import { optionWords } from '../shared/shell-word.js';
import { optionsOr } from './answer-parsed.js';
import { parseBuildArgs } from './parse-args.js';
import { readLrsSettings } from './read-lrs-settings.js';
import { printMessages, showPathFor, showPathFrom } from './show-messages.js';
import { stopOnSignal } from './stop-on-signal.js';
import { openParseStore } from './store-parsed-modules.js';
import { toolDir } from './tool-dir.js';

export async function runBuild(argv: readonly string[]): Promise<number> {
  const options = optionsOr(parseBuildArgs(argv));
  if (typeof options === 'number') return options;
  const { course, out, split, format } = options;
  const cwd = process.cwd();
  const courseDir = path.resolve(cwd, course);
  const outDir = path.resolve(cwd, out);
  if (outDir === courseDir || outDir.startsWith(courseDir + path.sep)) {
    // Run from inside the course folder (`cd course && npx coursepack build --course .`), the default dist/
    // lands in it: the folder to give is beside the course, said from where the person is.
    const beside = path.relative(cwd, path.join(path.dirname(courseDir), 'dist')) || '.';
    process.stderr.write(`coursepack: the output folder ${path.relative(cwd, outDir) || '.'} is inside the course folder; build beside it: ${optionWords('out', beside)}\n`);
    return 2;
  }
  // Checked before any work (STYLE.md §2): a build that fails at its last step helps nobody.
  const outProblem = folderProblem(outDir);
  if (outProblem) {
    process.stderr.write(`coursepack: --out ${out} ${outProblem}; give a folder (it is made if missing)\n`);
    return 2;
  }
  const lrs = readLrsSettings(process.env);
  if (!lrs) return 2;
  const started = performance.now();
  const stop = stopOnSignal(outDir);
  const result = await buildCourse({ courseDir: course, outDir: out, cwd, toolDir, split, lrs, cache: parsedModules() }).finally(stop);
  const show = showPathFor(format, cwd, result.courseDir);
  // Output files from the current folder when under it, else whole.
  const shown = showPathFrom(cwd, '');
  if (format === 'json') {
    // Packages in the output folder this build did not write: CI is where an old one gets uploaded by mistake.
    const others = otherPackages(outDir, result.outputs).map((name) => shown(path.join(outDir, name)));
    printMessages(format, result.messages, show, { outputs: result.outputs.map((o) => ({ ...o, file: shown(o.file) })), otherPackages: others });
    return hasErrors(result.messages) ? 1 : 0;
  }
  printMessages(format, result.messages, show);
  if (hasErrors(result.messages)) {
    // A package from an earlier build is still there under the same name: said, or an author who sees a zip in
    // the folder uploads the course without the changes this build refused.
    const earlier = otherPackages(outDir, []);
    process.stderr.write(earlier.length === 0 ? 'Nothing was written.\n'
      : `Nothing was written. Still in ${shown(outDir) || '.'} from an earlier build: ${earlier.join(', ')}, without the changes above: fix the errors and build again before uploading.\n`);
    return 1;
  }
  const ms = Math.round(performance.now() - started);
  for (const o of result.outputs) process.stdout.write(`${describe(o, shown(o.file))}\n`);
  const zips = result.outputs.filter((o) => o.kind === 'package').length;
  process.stdout.write(`${zips} package${zips === 1 ? '' : 's'} in ${ms} ms\n`);
  const others = otherPackages(outDir, result.outputs);
  if (others.length > 0) {
    // A renamed course, or a --split build before a whole one, leaves packages this build did not write:
    // one of them uploaded by mistake is an old course in the LMS.
    process.stdout.write(`Also in ${shown(outDir) || '.'}, not written by this build: ${others.join(', ')} (from an earlier build, or another course): delete what is this course's from before, so the LMS gets only the package${zips === 1 ? '' : 's'} above.\n`);
  }
  return 0;
}

/** Packages and activities files in the output folder that this build did not write, by name. */
function otherPackages(outDir: string, outputs: readonly BuildOutput[]): string[] {
  const written = new Set(outputs.map((o) => path.basename(o.file)));
  try {
    return readdirSync(outDir).filter((name) => /-(scorm12\.zip|xapi-activities\.json)$/.test(name) && !written.has(name)).sort();
  } catch {
    return [];
  }
}

/** Why `dir` cannot be an output folder: it, or a folder above it, is a file. */
function folderProblem(dir: string): string | null {
  for (let at = dir; ; at = path.dirname(at)) {
    try {
      if (!statSync(at).isDirectory()) return at === dir ? 'is a file, not a folder' : `is inside ${at}, which is a file`;
      return null;
    } catch {
      if (path.dirname(at) === at) return null;
    }
  }
}

function describe(output: BuildOutput, file: string): string {
  return output.kind === 'package'
    ? `Built ${file} (${sizeOf(output.bytes)}, ${output.entries} files)`
    : `Wrote ${file} (${output.activities} xAPI activities)`;
}

function sizeOf(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** Modules parsed by an earlier run, kept on disk (store-parsed-modules.ts); none when running from the sources (the parse cache then lives in memory only). */
function parsedModules() {
  return createParseCache(openParseStore(path.join(toolDir, 'lib', 'commands', 'run-build.cjs')));
}
