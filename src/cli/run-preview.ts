/**
 * `coursepack preview`: the course in a browser while it is written. Built in memory as `build` builds it
 * (packCourse: the same checks, the same package), served on 127.0.0.1 (src/preview/serve-preview.ts),
 * and built again on every save in the course folder, reusing the modules that did not change (the parse
 * cache: a rebuild after one module changed is ~55 ms, BENCHMARKS.md), after which the page reloads. While
 * the course has errors the page lists them, as the terminal does. Nothing is written to disk.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { createParseCache, packCourse, type PackResult } from '../compile/index.js';
import { hasErrors } from '../messages/index.js';
import { filesOf, servePreview, type PreviewServer, type PreviewState } from '../preview/serve-preview.js';
import { renderFailure, renderProblems } from '../preview/render-problems.js';
import { watchFolder, type FolderWatch } from '../preview/watch-folder.js';
import { optionsOr } from './answer-parsed.js';
import { explainPortError } from './explain-port-error.js';
import { parsePreviewArgs } from './parse-args.js';
import { readLrsSettings } from './read-lrs-settings.js';
import { printMessages, showPathFrom } from './show-messages.js';
import { toolDir } from './tool-dir.js';
import { surviveOutputErrors } from './survive-output-errors.js';

/** Saves come in bursts (an editor writes a temporary file, then renames it): one build after the last. */
const SETTLE_MS = 80;

export async function runPreview(argv: readonly string[]): Promise<number> {
  const options = optionsOr(parsePreviewArgs(argv));
  if (typeof options === 'number') return options;
  const lrs = readLrsSettings(process.env);
  if (!lrs) return 2;
  const cwd = process.cwd();
  const courseDir = path.resolve(cwd, options.course);
  if (!isFolder(courseDir)) {
    process.stderr.write(`coursepack: --course ${options.course} is not a folder; give the course folder (the one with course.yaml)\n`);
    return 2;
  }
  const show = showPathFrom(cwd, courseDir);
  const cache = createParseCache();
  let shown: PreviewState = { files: new Map(), problems: null };

  /** One build, its messages in the terminal, and what the preview shows after it. */
  const rebuild = async (): Promise<PreviewState> => {
    const started = performance.now();
    let result: PackResult;
    try {
      result = await packCourse({ courseDir: options.course, cwd, toolDir, lrs, cache });
    } catch (error) {
      // A folder the build cannot read, a file vanishing mid-save: said here and in the page, and the next
      // save tries again.
      const reason = (error as Error).message;
      process.stderr.write(`coursepack preview: the build stopped: ${reason}\n`);
      return { files: shown.files, problems: renderFailure(reason) };
    }
    printMessages('human', result.messages, show);
    const ms = Math.round(performance.now() - started);
    const first = result.packages[0];
    if (hasErrors(result.messages) || !first) {
      process.stderr.write(`Built in ${ms} ms with errors: the preview lists them until they are fixed.\n`);
      return { files: shown.files, problems: renderProblems(result.messages, show) };
    }
    process.stdout.write(`Built in ${ms} ms.\n`);
    return { files: filesOf(first.files), problems: null };
  };

  surviveOutputErrors('coursepack preview');
  shown = await rebuild();
  let server: PreviewServer;
  try {
    server = await servePreview(options.port, shown);
  } catch (error) {
    process.stderr.write(`coursepack: ${explainPortError(error, options.port, '127.0.0.1', 'preview', argv)}\n`);
    return 2;
  }

  let timer: NodeJS.Timeout | undefined;
  let building = false;
  let again = false;
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), SETTLE_MS);
  };
  const run = async (): Promise<void> => {
    if (building) {
      again = true;
      return;
    }
    building = true;
    do {
      again = false;
      const before = signature(shown);
      shown = await rebuild();
      // A save that changed nothing in the package (the same text saved again) does not reload the page.
      if (signature(shown) !== before) server.update(shown);
    } while (again);
    building = false;
  };
  let watcher: FolderWatch;
  try {
    watcher = watchFolder(courseDir, schedule, (reason) => process.stderr.write(`coursepack preview: ${reason}; saves there are not seen\n`));
  } catch (error) {
    await server.close();
    process.stderr.write(`coursepack: cannot watch ${options.course} for changes (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`);
    return 2;
  }

  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      clearTimeout(timer);
      watcher.close();
      void server.close().then(() => {
        process.stdout.write('Preview stopped.\n');
        resolve(0);
      });
    };
    // The stop handlers before the address line: a script may stop the preview as soon as it reads it.
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    process.stdout.write(`Preview at http://127.0.0.1:${server.port}/ (built again on every save in ${options.course}; Ctrl-C stops it)\n`);
  });
}

/** What the page would show: the problems page, or every file of the package. */
function signature(state: PreviewState): string {
  const hash = createHash('sha256');
  hash.update(state.problems ?? '');
  for (const [name, data] of state.files) hash.update(`\0${name}\0${data.byteLength}\0`).update(data);
  return hash.digest('hex');
}

function isFolder(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
