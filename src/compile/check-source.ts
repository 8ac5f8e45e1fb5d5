/**
 * What loading the course found, as messages (issue 13 point 2 and 4): no modules at all, or a `modules`
 * that is a link; every file under `modules/` is a module or is said not to be one, with the fix; text that is not UTF-8; characters that XML 1.0 and SCORM
 * cannot carry, where they are. Pure: load-course.ts gathered the facts.
 */
import { describeCharacter, findInvalidCharacters, pointAt } from './find-invalid-characters.js';
import { EAST_ASIAN_NAMES, isEastAsian, windows1252 } from './decode-text.js';
import type { CourseSource, SourceFile } from './load-course.js';
import { encodingHint, type Report } from './rules.js';

/** Names that say "I am a module" in another spelling: `.markdown`, `.MD`, `.md.txt`, `02-tools.txt`. */
const MODULE_LIKE = /\.(md|markdown|mdown|mkdn|mkd|mdwn|mdtxt|mdtext)(\.txt)?$|^\d{2}-[^./]*(\.txt)?$/i;
const MAX_PER_FILE = 10;

export function checkSource(source: CourseSource, report: Report): void {
  const linked = source.others.some((o) => o.path === 'modules');
  if (linked) {
    report('symlink-not-followed', 'modules', undefined, '`modules` is a symbolic link, which coursepack does not follow: no module in it is read',
      'Make modules/ a folder of the course, holding the module files themselves: a link can point anywhere on the machine, and its target would be published.');
  } else if (source.modules.length === 0) {
    report('no-modules', 'modules', undefined, 'The course has no modules');
  }
  // Read all the same (load-course.ts), so this one message stands for "no modules" and every image "missing".
  for (const folder of source.folderCase) {
    const name = folder.toLowerCase();
    report('folder-name-case', folder, undefined, `The folder is named \`${folder}\`, not \`${name}\`: an LMS or a Linux build server tells the two apart, and finds no \`${name}\` folder in this course`,
      `Rename \`${folder}\` to \`${name}\` (macOS and Windows open a folder whatever the case of its name, so the course works on your computer and not on the LMS).`);
  }
  for (const other of source.others) if (other.path !== 'modules') reportOther(other.path, other.type, report);
  for (const file of [...(source.config ? [source.config] : []), ...source.modules]) checkText(file, report);
}

function reportOther(file: string, type: 'file' | 'symlink' | 'special', report: Report): void {
  const inside = file.slice('modules/'.length);
  const base = inside.slice(inside.lastIndexOf('/') + 1);
  if (type === 'symlink') {
    report('symlink-not-followed', file, undefined, `\`${inside}\` is a symbolic link, which coursepack does not follow`);
    return;
  }
  // `02-more.md ` or `03-last.md.`, made on Linux or macOS (Windows drops a trailing space or dot): named a
  // module but for its last character, and said to be "not a module" with the hint to name it NN-slug.md.
  const trimmed = base.replace(/[ .]+$/, '');
  if (type === 'file' && MODULE_LIKE.test(trimmed)) {
    const fixed = `${trimmed.replace(/(\.[A-Za-z]+)+$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')}.md`;
    if (trimmed !== base && !inside.includes('/')) {
      report('module-file-name', file, undefined, `\`${inside}\` is not read as a module: its name ends in ${base.endsWith(' ') ? 'a space' : 'a dot'}, which Windows drops`, `Rename it to ${fixed}.`);
    } else if (inside.includes('/')) {
      report('module-file-name', file, undefined, `\`${inside}\` is in a subfolder of modules/, where modules are not read`,
        `Move it to modules/${fixed}, or out of modules/ if it is a draft.`);
    } else {
      report('module-file-name', file, undefined, `\`${inside}\` is not read as a module: module files end in lower-case \`.md\``, `Rename it to ${fixed}.`);
    }
    return;
  }
  report('not-a-module', file, undefined, `\`${inside}\` is ${type === 'special' ? 'not a regular file' : 'not a module'} and is left out of the course`);
}

function checkText(file: SourceFile, report: Report): void {
  const problem = file.encoding;
  if (problem) {
    const where = { line: problem.line, column: problem.column };
    if (problem.byte === null) {
      const name = isEastAsian(problem.guess) ? EAST_ASIAN_NAMES[problem.guess] : problem.guess.toUpperCase();
      report('file-encoding', file.path, where, `The file is saved as ${name}, not UTF-8`, encodingHint(problem));
    } else {
      const byte = `byte 0x${problem.byte.toString(16).toUpperCase().padStart(2, '0')} here is \`${windows1252(problem.byte)}\` in Windows-1252`;
      const more = problem.badBytes > 1 ? ` (and ${problem.badBytes - 1} more such byte${problem.badBytes > 2 ? 's' : ''} after it)` : '';
      if (problem.mixed) {
        // Text pasted from another program into a UTF-8 file: converting the file would garble the rest.
        report('file-encoding', file.path, where, `The file is UTF-8 but for some bytes from another encoding: ${byte}${more}, which coursepack does not guess at`, encodingHint(problem));
      } else {
        report('file-encoding', file.path, where, `The file is not UTF-8: ${byte}${more}, which coursepack does not guess at`, encodingHint(problem));
      }
    }
    return;
  }
  const found = findInvalidCharacters(file.text);
  for (const c of found.slice(0, MAX_PER_FILE)) {
    report('invalid-character', file.path, pointAt(file.text, c.offset), `The text holds ${describeCharacter(c.codePoint)}, which a SCORM package cannot carry`);
  }
  if (found.length > MAX_PER_FILE) {
    const next = found[MAX_PER_FILE];
    report('invalid-character', file.path, next ? pointAt(file.text, next.offset) : undefined, `${found.length - MAX_PER_FILE} more such characters from here on`);
  }
}
