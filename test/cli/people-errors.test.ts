/**
 * Issue 13 point 5, through the real bin: a person's mistake or the machine's state is one or two plain
 * lines and exit 2, never a stack trace; a stack trace only for a real bug (and with --debug); interrupted
 * builds leave nothing behind.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { describeError } from '../../src/cli/describe-error.js';
import { ensureBundle } from '../helpers/run-cli.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'lib/coursepack.mjs');
const work = mkdtempSync(path.join(tmpdir(), 'coursepack-people-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
ensureBundle();

function run(args: string[], options: { shell?: string; uid?: number } = {}) {
  const as = options.uid === undefined ? {} : { uid: options.uid, gid: options.uid };
  const r = options.shell
    ? spawnSync('sh', ['-c', `${options.shell} exec "${process.execPath}" "${bin}" ${args.map((a) => `'${a}'`).join(' ')}`], { cwd: root, encoding: 'utf8' })
    : spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', ...as });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}

function course(name: string): string {
  const dir = path.join(work, name);
  cpSync(path.join(root, 'test/fixtures/courses/minimal'), dir, { recursive: true });
  return dir;
}

/** At most two lines, no stack frame, exit 2. */
function expectPlain(r: { code: number | null; stderr: string }, pattern: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(2);
}

const isRoot = process.getuid?.() === 0;

describe('usage and environment mistakes: one or two plain lines, exit 2', () => {
  it.each([
    ['an unknown flag gets the nearest one', ['build', '--cours', 'x'], /^coursepack: Unknown option '--cours'\. Did you mean --course\?\n/],
    ['an unknown command gets the nearest one', ['biuld'], /^coursepack: Unknown command 'biuld'\. Did you mean build\?/],
    ['--out "" is not the working folder', ['build', '--out', ''], /^coursepack: --out needs a folder name \(it was empty\)/],
    ['--course "" likewise', ['validate', '--course', ''], /^coursepack: --course needs a folder name/],
    ['a course folder that does not exist', ['validate', '--course', 'no/such/course'], /^coursepack: There is no course folder .*no\/such\/course\. Give the folder that holds course\.yaml/],
    ['--course naming a file', ['validate', '--course', 'package.json'], /^coursepack: .*package\.json is a file, not a folder/],
  ])('%s', (_name, args, pattern) => {
    expectPlain(run(args), pattern);
  });

  it('--out naming a file, before any work', () => {
    const file = path.join(work, 'a-file');
    writeFileSync(file, 'x');
    expectPlain(run(['build', '--course', course('out-file'), '--out', file]), /^coursepack: --out .*a-file is a file, not a folder/);
    expectPlain(run(['build', '--course', course('out-under-file'), '--out', path.join(file, 'dist')]), /is inside .*a-file, which is a file/);
  });

  it('course.yaml that is a folder, modules that is a file', () => {
    const a = course('yaml-folder');
    rmSync(path.join(a, 'course.yaml'));
    mkdirSync(path.join(a, 'course.yaml'));
    expectPlain(run(['validate', '--course', a]), /^coursepack: .*course\.yaml is a folder; course\.yaml must be a file/);
    const b = course('modules-file');
    rmSync(path.join(b, 'modules'), { recursive: true });
    writeFileSync(path.join(b, 'modules'), 'x');
    expectPlain(run(['validate', '--course', b]), /^coursepack: .*modules is a file; modules\/ must be a folder/);
  });

  it('a YAML alias bomb is refused outright, at its place', () => {
    const dir = course('alias-bomb');
    const bomb = ['a: &a [x,x,x,x,x,x,x,x,x,x]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]'];
    writeFileSync(path.join(dir, 'course.yaml'), ['id: bomb', 'title: Bomb', ...bomb].join('\n'));
    expectPlain(run(['validate', '--course', dir]), /^coursepack: course\.yaml:4:8: YAML aliases here expand to too many values/);
  });

  it('an unreadable module', () => {
    const dir = course('unreadable');
    chmodSync(path.join(dir, 'modules/01-basics.md'), 0o000);
    // Root reads any file whatever its mode (CI runs as root): then the command runs as `nobody`, who can
    // reach the course (its folders opened up) but not the module.
    if (isRoot) for (const folder of [work, dir, path.join(dir, 'modules'), path.join(dir, 'assets')]) chmodSync(folder, 0o755);
    expectPlain(run(['validate', '--course', dir], isRoot ? { uid: 65534 } : {}), /^coursepack: cannot open .*01-basics\.md: permission denied/);
  });

  it('a disk that will not take the zip (a file-size limit, as a full disk would) leaves nothing behind', () => {
    const dir = course('full-disk');
    const out = path.join(work, 'full-disk-out');
    // Ignoring SIGXFSZ turns the limit into EFBIG on write, as ENOSPC would be on a full disk.
    const r = run(['build', '--course', dir, '--out', out], { shell: "trap '' XFSZ; ulimit -f 16;" });
    expectPlain(r, /^coursepack: cannot write .*: the file is too large for this file system/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('a folder where the second zip of a split build goes: that folder named, and nothing written', () => {
    const out = path.join(work, 'split-folder-out');
    mkdirSync(path.join(out, 'minimal-course-check-scorm12.zip'), { recursive: true });
    const r = run(['build', '--course', course('split-folder'), '--out', out, '--split', 'modules']);
    expectPlain(r, /^coursepack: cannot write .*split-folder-out\/minimal-course-check-scorm12\.zip: it is a folder/);
    expect(readdirSync(out)).toEqual(['minimal-course-check-scorm12.zip']);
  });

  it('says the machine\'s errors plainly, a bug with its stack and a request to report it', () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write', path: '/d/x.zip' });
    expect(describeError(full, false)).toEqual({ text: 'coursepack: cannot write /d/x.zip: the disk is full\n', internal: false });
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', syscall: 'open', path: '/c/modules/02.md' });
    expect(describeError(denied, false).text).toBe('coursepack: cannot open /c/modules/02.md: permission denied (check who owns it and its permissions)\n');
    const bug = describeError(new TypeError('x is undefined'), false);
    expect(bug.internal).toBe(true);
    expect(bug.text).toMatch(/^coursepack: internal error: TypeError: x is undefined\n\s+at /);
    expect(bug.text).toMatch(/please report it/);
    expect(describeError(full, true).text).toMatch(/\n\s+at /);
  });

  it('says Node\'s own file system codes plainly too', () => {
    const folder = Object.assign(new Error('Path is a directory: rm returned EISDIR'), { code: 'ERR_FS_EISDIR', syscall: 'rm', path: '/d/.x.tmp' });
    expect(describeError(folder, false)).toEqual({ text: 'coursepack: cannot remove /d/.x.tmp: it is a folder, where a file was expected\n', internal: false });
  });
});

describe('interrupted builds leave nothing behind', () => {
  it('removes its temporary zip on SIGINT and dies of the signal', async () => {
    const dir = course('interrupted');
    // A large incompressible asset keeps the zip writer busy long enough to be interrupted. Random bytes:
    // a hash of each index, computed byte by byte in JavaScript, took ~0.9 CPU-s; these ~0.1.
    writeFileSync(path.join(dir, 'assets/big.bin'), randomBytes(120_000_000));
    writeFileSync(path.join(dir, 'modules/01-basics.md'), `${readFileOf(dir)}\n\n[big](../assets/big.bin)\n`);
    const out = path.join(work, 'interrupted-out');
    const child = spawn(process.execPath, [bin, 'build', '--course', dir, '--out', out], { cwd: root });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await waitFor(() => existsSync(out) && readdirSync(out).some((n) => n.endsWith('.tmp')));
    child.kill('SIGINT');
    expect(await exited).toBe('SIGINT');
    expect(stderr).toMatch(/coursepack: stopped \(SIGINT\); nothing was written\./);
    expect(readdirSync(out)).toEqual([]);
  }, 60_000);

  it('a build removes what a killed build left in the same folder, and only that', () => {
    const out = path.join(work, 'stale-out');
    mkdirSync(out);
    const stale = '.minimal-course-scorm12.zip.999999999-1700000000000-0.tmp';
    const live = `.minimal-course-scorm12.zip.${process.pid}-1700000000000-0.tmp`;
    for (const name of [stale, live, 'notes.tmp']) writeFileSync(path.join(out, name), 'x');
    expect(run(['build', '--course', course('stale'), '--out', out]).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([live, 'minimal-course-scorm12.zip', 'minimal-course-xapi-activities.json', 'notes.tmp'].sort());
  });

  it('a folder named like a leftover is not a leftover: it stays, and the build goes on', () => {
    const out = path.join(work, 'stale-folder-out');
    const folder = '.notes.999999-1-1.tmp';
    mkdirSync(path.join(out, folder), { recursive: true });
    const r = run(['build', '--course', course('stale-folder'), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([folder, 'minimal-course-scorm12.zip', 'minimal-course-xapi-activities.json'].sort());
  });
});

function readFileOf(dir: string): string {
  return spawnSync('cat', [path.join(dir, 'modules/01-basics.md')], { encoding: 'utf8' }).stdout;
}

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
}


