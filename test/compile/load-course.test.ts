/**
 * Symbolic links are never followed (docs/authoring.md, `symlink-not-followed`): not a linked file, not a
 * file under a linked folder, not `assets` or `modules` when they are links themselves, not course.yaml. A link can point
 * anywhere on the machine, and what it points at would be published in the package.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCourse, validateCourse } from '../../src/compile/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'coursepack-load-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the minimal course, and beside it a folder outside the course that links may point at. */
function course(name: string): { dir: string; outside: string } {
  const dir = path.join(work, name);
  cpSync(path.join(root, 'test/fixtures/courses/minimal'), dir, { recursive: true });
  const outside = path.join(work, `${name}-outside`);
  mkdirSync(outside);
  writeFileSync(path.join(outside, 'secret.txt'), 'not for the package');
  return { dir, outside };
}

async function problems(dir: string): Promise<string[]> {
  const { messages } = await validateCourse({ courseDir: dir, cwd: root, toolDir: root });
  return messages.map((m) => `${m.file}:${m.line ?? ''} ${m.ruleId}: ${m.reason}`);
}

describe('symbolic links are never followed', () => {
  it('a brand.logo that is a link: the link is named at its line, not "does not exist"', async () => {
    const { dir } = course('logo-link');
    renameSync(path.join(dir, 'assets/square.svg'), path.join(dir, 'assets/real.svg'));
    symlinkSync('real.svg', path.join(dir, 'assets/square.svg'));
    expect(await problems(dir)).toEqual(expect.arrayContaining([
      'course.yaml:13 symlink-not-followed: `assets/square.svg`: it is a symbolic link, which coursepack does not follow',
    ]));
    expect((await problems(dir)).filter((p) => p.includes('missing-asset'))).toEqual([]);
  });

  it('a file under a linked folder in assets/: the folder named as the link', async () => {
    const { dir, outside } = course('folder-link');
    symlinkSync(outside, path.join(dir, 'assets/shared'));
    writeFileSync(path.join(dir, 'modules/01-basics.md'), `${readModule(dir)}\n[secret](../assets/shared/secret.txt)\n`);
    expect(await problems(dir)).toEqual([
      'modules/01-basics.md:31 symlink-not-followed: Link `../assets/shared/secret.txt`: assets/shared, a folder on its path, is a symbolic link, which coursepack does not follow',
    ]);
  });

  it('assets/ itself a link to a folder outside the course: nothing in it is read, and nothing ships', async () => {
    const { dir, outside } = course('assets-link');
    rmSync(path.join(dir, 'assets'), { recursive: true });
    cpSync(path.join(root, 'test/fixtures/courses/minimal/assets'), outside, { recursive: true });
    symlinkSync(outside, path.join(dir, 'assets'));
    const found = await problems(dir);
    expect(found.every((p) => p.includes('symlink-not-followed: ') && p.includes('assets, a folder on its path, is a symbolic link'))).toBe(true);
    expect(found.map((p) => p.split(' ')[0])).toEqual(['course.yaml:13', 'modules/01-basics.md:13', 'modules/01-basics.md:15']);
    const out = path.join(work, 'assets-link-out');
    expect((await buildCourse({ courseDir: dir, outDir: out, cwd: root, toolDir: root })).outputs).toEqual([]);
  });

  it('modules/ itself a link: said once, not read, and no "no modules" besides', async () => {
    const { dir, outside } = course('modules-link');
    cpSync(path.join(dir, 'modules'), outside, { recursive: true });
    rmSync(path.join(dir, 'modules'), { recursive: true });
    symlinkSync(outside, path.join(dir, 'modules'));
    expect(await problems(dir)).toEqual(['modules:1 symlink-not-followed: `modules` is a symbolic link, which coursepack does not follow: no module in it is read']);
  });

  it('course.yaml a link (to a file whose lines a YAML error would quote): not read, said once', async () => {
    const { dir, outside } = course('config-link');
    writeFileSync(path.join(outside, 'id_rsa'), '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA: {[\n');
    rmSync(path.join(dir, 'course.yaml'));
    symlinkSync(path.join(outside, 'id_rsa'), path.join(dir, 'course.yaml'));
    const found = await problems(dir);
    expect(found).toEqual(['course.yaml:1 symlink-not-followed: `course.yaml` is a symbolic link, which coursepack does not follow: the course settings were not read']);
    expect(found.join('\n')).not.toContain('OPENSSH');
  });
});

function readModule(dir: string): string {
  return readFileSync(path.join(dir, 'modules/01-basics.md'), 'utf8');
}

describe('files editors keep beside an open file', () => {
  it('are passed over without a word: Emacs\'s lock link and autosave, backups, Vim\'s swap and write test, LibreOffice\'s and Office\'s locks', async () => {
    const { dir } = course('editors');
    // Emacs's lock is a dangling symbolic link: it stopped the build with symlink-not-followed while the module was open.
    symlinkSync('user@host.1234:1700000000', path.join(dir, 'modules/.#01-basics.md'));
    for (const name of ['modules/#01-basics.md#', 'modules/01-basics.md~', 'modules/.01-basics.md.swp', 'modules/.01-basics.md.swo', 'modules/4913',
      'assets/.~lock.handout.odt#', 'assets/~$handout.docx', 'assets/diagram.svg~']) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), 'left by an editor');
    }
    expect(await problems(dir)).toEqual([]);
    // Still reported: a file that only looks like one.
    writeFileSync(path.join(dir, 'modules/notes~draft.txt'), 'notes');
    expect(await problems(dir)).toEqual(['modules/notes~draft.txt:1 not-a-module: `notes~draft.txt` is not a module and is left out of the course']);
  });

  it('Windows\'s download marks, copied out as files (`name:Zone.Identifier`, from Explorer into WSL or a Samba share), are passed over', async () => {
    // Before: each downloaded asset brought a warning (asset-unused), and a module's one "not a module, name
    // it NN-slug.md", for a file that Windows keeps hidden inside the one beside it.
    const { dir } = course('zone-identifier');
    for (const name of ['modules/01-basics.md:Zone.Identifier', 'assets/diagram.svg:Zone.Identifier', 'course.yaml:Zone.Identifier']) {
      writeFileSync(path.join(dir, name), '[ZoneTransfer]\r\nZoneId=3\r\n');
    }
    expect(await problems(dir)).toEqual([]);
  });

  it('a module whose name ends in a space or a dot (made on Linux or macOS; Windows drops them) is an error naming the name to give it', async () => {
    // Before: a warning that the file "is not a module", hinting to name it NN-slug.md, which it looked to be;
    // the build went on without the module and exited 0.
    const { dir } = course('trailing');
    cpSync(path.join(dir, 'modules/01-basics.md'), path.join(dir, 'modules/02-more.md '));
    cpSync(path.join(dir, 'modules/01-basics.md'), path.join(dir, 'modules/03-last.md.'));
    const { messages } = await validateCourse({ courseDir: dir, cwd: root, toolDir: root });
    expect(messages.map((m) => `${m.file} ${m.ruleId}: ${m.reason} | ${m.note}`)).toEqual([
      'modules/02-more.md  module-file-name: `02-more.md ` is not read as a module: its name ends in a space, which Windows drops | Rename it to 02-more.md.',
      'modules/03-last.md. module-file-name: `03-last.md.` is not read as a module: its name ends in a dot, which Windows drops | Rename it to 03-last.md.',
    ]);
  });

  it('macOS\'s `._` files beside modules (a course copied to a USB stick or a network share) and a lock Emacs made as a plain file are not read as modules', async () => {
    const { dir } = course('apple-double');
    const module = readModule(dir);
    // AppleDouble: a binary header (null bytes) where a module's front matter would be; ends in .md all the same.
    writeFileSync(path.join(dir, 'modules/._01-basics.md'), Buffer.from('00051607000200004d6163204f53205820202020202020200002', 'hex'));
    writeFileSync(path.join(dir, 'modules/.#01-basics.md'), module);
    writeFileSync(path.join(dir, 'assets/._diagram.svg'), Buffer.from('00051607', 'hex'));
    expect(await problems(dir)).toEqual([]);
    writeFileSync(path.join(dir, 'modules/notes~draft.txt'), 'notes');
    expect(await problems(dir)).toEqual(['modules/notes~draft.txt:1 not-a-module: `notes~draft.txt` is not a module and is left out of the course']);
  });
  it('Finder\'s `Icon\\r` (a folder\'s custom icon, its name ending in a carriage return) is passed over in modules/ and assets/', async () => {
    const { dir } = course('folder-icon');
    mkdirSync(path.join(dir, 'assets/photos'));
    for (const folder of ['modules', 'assets', 'assets/photos']) writeFileSync(path.join(dir, folder, 'Icon\r'), Buffer.from('00051607', 'hex'));
    expect(await problems(dir)).toEqual([]);
  });
});
