/**
 * How the CLI shows messages: paths relative to the working directory (messages carry course-relative
 * ones), human text on stderr by default, or one JSON document on stdout with `--format json`, or
 * GitHub Actions workflow commands on stdout with `--format github`, their paths absolute (the runner
 * makes them the repository's, whatever folder the step ran in).
 */
import path from 'node:path';
import { formatGithub, formatHuman, formatJson, type CoursepackMessage, type MessageFormat, type ShowPath } from '../messages/index.js';

/** `modules/02-trust.md` in `/work/course` seen from `/work` → `course/modules/02-trust.md`. */
export function showPathFrom(cwd: string, courseDir: string): ShowPath {
  return (file) => {
    const absolute = path.join(courseDir, file);
    const shown = path.relative(cwd, absolute);
    return (shown.startsWith('..') || path.isAbsolute(shown) ? absolute : shown).split(path.sep).join('/');
  };
}

/** How a format shows the paths of a course in `courseDir` run from `cwd`. */
export function showPathFor(format: MessageFormat, cwd: string, courseDir: string): ShowPath {
  return format === 'github' ? (file) => path.join(courseDir, file) : showPathFrom(cwd, courseDir);
}

export function printMessages(
  format: MessageFormat,
  messages: readonly CoursepackMessage[],
  show: ShowPath,
  extra: Readonly<Record<string, unknown>> = {},
): void {
  if (format === 'json') process.stdout.write(formatJson(messages, show, extra));
  else if (format === 'github') process.stdout.write(formatGithub(messages, show));
  else process.stderr.write(formatHuman(messages, show));
}
