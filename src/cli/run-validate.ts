/** `coursepack validate`: every problem of a course, without building. */
import path from 'node:path';
import { createParseCache, validateCourse } from '../compile/index.js';
import { hasErrors } from '../messages/index.js';
import { optionsOr } from './answer-parsed.js';
import { parseValidateArgs } from './parse-args.js';
import { readLrsSettings } from './read-lrs-settings.js';
import { printMessages, showPathFor } from './show-messages.js';
import { openParseStore } from './store-parsed-modules.js';
import { toolDir } from './tool-dir.js';

export async function runValidate(argv: readonly string[]): Promise<number> {
  const options = optionsOr(parseValidateArgs(argv));
  if (typeof options === 'number') return options;
  const { course, split, format } = options;
  const lrs = readLrsSettings(process.env);
  if (!lrs) return 2;
  const cwd = process.cwd();
  const result = await validateCourse({ courseDir: course, cwd, toolDir, split, lrs, cache: parsedModules() });
  printMessages(format, result.messages, showPathFor(format, cwd, result.courseDir));
  if (format !== 'json' && !result.messages.length) process.stdout.write(`${course}: no problems found\n`);
  return hasErrors(result.messages) ? 1 : 0;
}

/** Modules parsed by an earlier run, kept on disk (store-parsed-modules.ts); none when running from the sources (the parse cache then lives in memory only). */
function parsedModules() {
  return createParseCache(openParseStore(path.join(toolDir, 'lib', 'commands', 'run-validate.cjs')));
}
