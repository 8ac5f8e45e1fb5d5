/**
 * The real command (the esbuild bundle that `npm run build:scorm` runs) and its exit codes:
 * 0 ok, 1 content errors, 2 usage/config/internal errors.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBuildArgs } from '../../src/cli/parse-args.js';
import { missing } from '../helpers/require-tools.js';
import { shellWords } from '../helpers/shell-words.js';
import { CLI as bin, ROOT as root, runCli } from '../helpers/run-cli.mjs';

const work = mkdtempSync(path.join(tmpdir(), 'coursepack-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The one CLI runner of the tests (test/helpers/run-cli.mjs), as this file reads it. */
async function run(args: string[], cwd = root, env: Record<string, string> = {}) {
  const r = await runCli(args, { cwd, env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('coursepack CLI', () => {
  it('prints help with the commands and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: coursepack <command>/);
    expect(r.stdout).toMatch(/build\s+Build the course/);
    expect(r.stdout).toMatch(/validate\s+Check the course/);
  });

  it('builds a good course, exits 0 and says what it wrote', async () => {
    const out = path.join(work, 'dist');
    const r = await run(['build', '--course', 'test/fixtures/courses/minimal', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Built .*minimal-course-scorm12\.zip \(\d+\.\d KB, 10 files\)$/m);
    expect(r.stdout).toMatch(/^Wrote .*minimal-course-xapi-activities\.json \(\d+ xAPI activities\)$/m);
    expect(readdirSync(out)).toEqual(['minimal-course-scorm12.zip', 'minimal-course-xapi-activities.json']);
  });

  it('names the packages an earlier build left in the output folder (a course renamed since), and leaves them there', async () => {
    const out = path.join(work, 'dist-renamed');
    mkdirSync(out);
    for (const old of ['old-name-scorm12.zip', 'old-name-xapi-activities.json', 'notes.txt']) writeFileSync(path.join(out, old), 'x');
    const r = await run(['build', '--course', 'test/fixtures/courses/minimal', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Also in .*dist-renamed, not written by this build: old-name-scorm12\.zip, old-name-xapi-activities\.json \(from an earlier build, or another course\): delete what is this course's from before, so the LMS gets only the package above\.$/m);
    expect(readdirSync(out)).toContain('old-name-scorm12.zip');
    // A folder of this build's files alone: nothing said.
    expect((await run(['build', '--course', 'test/fixtures/courses/minimal', '--out', path.join(work, 'dist')])).stdout).not.toMatch(/Also in/);
    // In JSON too (CI, where an old zip gets uploaded): beside the outputs.
    const json = JSON.parse((await run(['build', '--course', 'test/fixtures/courses/minimal', '--out', out, '--format', 'json'])).stdout) as { otherPackages: string[] };
    expect(json.otherPackages.map((f) => path.basename(f))).toEqual(['old-name-scorm12.zip', 'old-name-xapi-activities.json']);
  });

  it('validates a good course with exit 0 and no messages', async () => {
    const r = await run(['validate', '--course', 'test/fixtures/courses/minimal']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('test/fixtures/courses/minimal: no problems found\n');
  });

  it('exits 1 on content errors, prints all of them, and writes nothing', async () => {
    const out = path.join(work, 'bad-dist');
    const r = await run(['build', '--course', 'test/fixtures/bad/checks', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^test\/fixtures\/bad\/checks\/modules\/01-checks\.md:10:1 {2}error {4}The check has no correct answer {2}check-no-correct$/m);
    expect(r.stderr).toMatch(/^41 errors, 4 warnings$/m);
    expect(r.stderr).toMatch(/Nothing was written\./);
    expect(() => readdirSync(out)).toThrow();
  });

  it('a failed build says which packages in the folder are from an earlier build, without its changes', async () => {
    const out = path.join(work, 'dist-stale');
    mkdirSync(out);
    writeFileSync(path.join(out, 'checks-scorm12.zip'), 'x');
    const r = await run(['build', '--course', 'test/fixtures/bad/checks', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Nothing was written\. Still in .*dist-stale from an earlier build: checks-scorm12\.zip, without the changes above: fix the errors and build again before uploading\.$/m);
    const json = JSON.parse((await run(['build', '--course', 'test/fixtures/bad/checks', '--out', out, '--format', 'json'])).stdout) as { otherPackages: string[] };
    expect(json.otherPackages.map((f) => path.basename(f))).toEqual(['checks-scorm12.zip']);
  });

  it('exits 1 from validate on errors', async () => {
    expect((await run(['validate', '--course', 'test/fixtures/bad/content'])).code).toBe(1);
  });

  it('exits 2 on usage errors', async () => {
    const r = await run(['build', '--nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^coursepack: Unknown option '--nope'/);
  });

  it('exits 2 on a malformed COURSEPACK_LRS_* variable, before any work', async () => {
    const r = await run(['validate', '--course', 'test/fixtures/courses/minimal'], root, { COURSEPACK_LRS_AUTH: 'secret' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^coursepack: COURSEPACK_LRS_AUTH must be a whole Authorization header value/m);
  });

  it('says a misspelled COURSEPACK_ variable (it would have built without xAPI without a word), and goes on', async () => {
    const r = await run(['validate', '--course', 'test/fixtures/courses/minimal'], root, { COURSEPACK_LRS_ENDPONT: 'https://lrs.example.org/xapi/' });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('coursepack: note: COURSEPACK_LRS_ENDPONT is not a setting coursepack reads, so it changes nothing: did you mean COURSEPACK_LRS_ENDPOINT?\n');
    expect(r.stdout).toBe('test/fixtures/courses/minimal: no problems found\n');
  });

  it('exits 2 for an output folder nothing can be made in (/proc), where Node 20\'s recursive mkdir spun forever, deaf to Ctrl-C', async () => {
    const r = await run(['build', '--course', 'test/fixtures/courses/minimal', '--out', '/proc/coursepack-out']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^coursepack: cannot create the folder \/proc/);
  });

  it('exits 2 when the output folder is inside the course folder', async () => {
    const course = path.join(work, 'course');
    cpSync(path.join(root, 'test/fixtures/courses/minimal'), course, { recursive: true });
    const r = await run(['build', '--course', course, '--out', path.join(course, 'dist')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the output folder .*dist is inside the course folder; build beside it: --out /);
    // From inside the course folder, the default dist/ is in it: the folder beside it, from here.
    const inside = await run(['build', '--course', '.'], course);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toBe('coursepack: the output folder dist is inside the course folder; build beside it: --out ../dist\n');
  });

  it.each([["it's $b!", "it's $b!/dist"], ['-c', '-c/dist']])('says the --out beside a course in %j as a shell and the CLI read it back', async (folder, beside) => {
    const course = path.join(work, folder, 'course');
    cpSync(path.join(root, 'test/fixtures/courses/minimal'), course, { recursive: true });
    const r = await run(['build', `--course=${path.join(folder, 'course')}`, `--out=${path.join(folder, 'course', 'dist')}`], work);
    expect(r.code).toBe(2);
    const given = /build beside it: (.*)\n$/.exec(r.stderr)?.[1] ?? '';
    expect(parseBuildArgs(shellWords(`npx coursepack build ${given}`, 'bash').slice(3))).toMatchObject({ kind: 'run', options: { out: beside } });
  });
});

describe('coursepack --format json', () => {
  it('validate prints one JSON document with every message, its place and its docs URL', async () => {
    const r = await run(['validate', '--course', 'test/fixtures/bad/checks', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const document = JSON.parse(r.stdout) as { ok: boolean; errors: number; warnings: number; messages: Record<string, unknown>[] };
    expect(document).toMatchObject({ ok: false, errors: 41, warnings: 4 });
    expect(document.messages[0]).toEqual({
      file: 'test/fixtures/bad/checks/modules/01-checks.md', line: 10, column: 1, endLine: 17, endColumn: 4, severity: 'error',
      ruleId: 'check-no-correct', source: 'coursepack', message: 'The check has no correct answer', hint: 'Mark the correct option with `[x]`.',
      url: `${pathToFileURL(path.join(root, 'docs/authoring.md')).href}#check-no-correct`,
    });
  });

  it('build prints the messages and what it wrote, and exits 0', async () => {
    const out = path.join(work, 'json-dist');
    const r = await run(['build', '--course', 'test/fixtures/courses/minimal', '--out', out, '--format', 'json']);
    expect(r.code).toBe(0);
    const document = JSON.parse(r.stdout) as { ok: boolean; messages: unknown[]; outputs: { kind: string; file: string }[] };
    expect(document).toMatchObject({ ok: true, errors: 0, warnings: 0, messages: [] });
    expect(document.outputs.map((o) => [o.kind, path.basename(o.file)])).toEqual([
      ['package', 'minimal-course-scorm12.zip'], ['activities', 'minimal-course-xapi-activities.json'],
    ]);
  });

  it.each([
    ['a usage error', ['validate', '--format', 'json', '--cours', 'x'], /Unknown option '--cours'/],
    ['a missing course folder', ['validate', '--format=json', '--course', 'no-such-folder'], /There is no course folder/],
    ['a report without a source', ['report', '--format', 'json'], /say where the statements are/],
  ])('%s (exit 2) is one JSON document on stdout too, with the sentence said on stderr', async (_name, args, sentence) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(sentence);
    const document = JSON.parse(r.stdout) as { ok: boolean; exitCode: number; error: string };
    expect(document).toMatchObject({ ok: false, exitCode: 2 });
    expect(document.error).toMatch(sentence);
  });

  it('keeps a note said on the way (a misspelled variable) out of the JSON error, under notes', async () => {
    const r = await run(['validate', '--format', 'json', '--course', 'no-such-folder'], root, { COURSEPACK_LRS_ENDPIONT: 'x' });
    expect(r.code).toBe(2);
    const document = JSON.parse(r.stdout) as { error: string; notes: string[] };
    expect(document.error).toMatch(/^coursepack: There is no course folder/);
    expect(document.notes).toEqual([expect.stringMatching(/^coursepack: note: COURSEPACK_LRS_ENDPIONT is not a setting coursepack reads/)]);
  });
});

describe('coursepack start-up', () => {
  /** The files Node reads before running the bin: the bin and every chunk it imports statically, transitively. */
  function staticallyLoaded(file: string, seen = new Set<string>()): Set<string> {
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|[;\s}])import(?:\{[^}]*\}|\s*\*\s*as\s*\w+|\s*\w+)?\s*(?:from\s*)?["'](\.[^"']+)["']/g)) {
      const next = path.resolve(path.dirname(file), m[1] ?? '');
      if (!seen.has(next)) staticallyLoaded(next, seen);
    }
    return seen;
  }

  it('loads nothing of the pipeline for --help and --version: each command is a bundle of its own, loaded when it runs', async () => {
    const loaded = [...staticallyLoaded(bin)];
    const bytes = loaded.reduce((sum, f) => sum + statSync(f).size, 0);
    // unified, remark, yaml, archiver, xmlbuilder2 together are over a megabyte; the bin and its table are a few KB.
    expect(bytes, loaded.join(', ')).toBeLessThan(16 * 1024);
    expect(loaded).toContain(bin);
    expect(statSync(path.join(root, 'lib/commands/run-build.cjs')).size).toBeGreaterThan(500 * 1024);
    const version = await run(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('V8 code cache of the command bundles (Node 20: src/cli/load-command.ts)', () => {
  const hasNodeCompileCache = typeof (Module as { enableCompileCache?: unknown }).enableCompileCache === 'function';

  const minimal = ['validate', '--course', 'test/fixtures/courses/minimal'];
  const userCaches = (tmp: string) => {
    const dir = path.join(tmp, `coursepack-compile-cache-${process.getuid?.() ?? 'user'}`);
    // The folder also keeps parsed modules (store-parsed-modules.ts): only the command's code cache counts here.
    return { dir, files: () => (existsSync(dir) ? readdirSync(dir).filter((n) => n.startsWith('run-')) : []) };
  };

  it('loads command bundles that are ASCII, read as one-byte text: one non-ASCII character (an ellipsis in a regular expression) made V8 keep the whole bundle as two-byte text', () => {
    for (const name of readdirSync(path.join(root, 'lib/commands'))) {
      const text = readFileSync(path.join(root, 'lib/commands', name), 'utf8');
      const at = text.search(/[^\x00-\x7f]/);
      // Where it is, to find its source: write it as \uXXXX there.
      expect(at < 0 ? '' : `${name}: ${text.slice(Math.max(0, at - 40), at + 10)}`).toBe('');
    }
  });

  it('serves the first run after an install from the cache the install made (Node 22: Node\'s own cache instead)', async () => {
    const shipped = path.join(root, 'lib/code-cache');
    const tmp = mkdtempSync(path.join(work, 'tmp-'));
    expect((await run(minimal, root, { TMPDIR: tmp })).code).toBe(0);
    if (hasNodeCompileCache) {
      // module.enableCompileCache() keeps the cache where Node decides: coursepack writes none of its own.
      expect(existsSync(shipped)).toBe(false);
      expect(userCaches(tmp).files()).toEqual([]);
      return;
    }
    // src/bundle.mjs ran build and validate on course/ once: one cache each, named as load-command.ts names them.
    expect(readdirSync(shipped).map((n) => n.replace(/[0-9a-f]{32}/, 'KEY')).sort()).toEqual(['run-build-KEY.bin', 'run-validate-KEY.bin']);
    // V8 accepted it, so this user has nothing to write.
    expect(userCaches(tmp).files()).toEqual([]);
  });

  it('is written per user when V8 rejects the install\'s cache, then read without being rewritten', async () => {
    if (hasNodeCompileCache) return;
    const tmp = mkdtempSync(path.join(work, 'tmp-'));
    // Another V8 flag, as NODE_OPTIONS or another Node would bring: V8 refuses a cache made under other flags.
    const env = { TMPDIR: tmp, NODE_OPTIONS: '--stack-trace-limit=20' };
    expect((await run(minimal, root, env)).code).toBe(0);
    const { dir, files } = userCaches(tmp);
    expect(files()).toHaveLength(1);
    const [file = ''] = files();
    expect(file).toMatch(/^run-validate-[0-9a-f]{32}\.bin$/);
    const written = statSync(path.join(dir, file)).mtimeMs;
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect((await run(minimal, root, env)).code).toBe(0);
    // V8 accepted the user's cache: nothing to rewrite.
    expect(statSync(path.join(dir, file)).mtimeMs).toBe(written);
  });

  it('writes the user\'s cache again when V8 rejects it: one made under other flags once was rejected by every normal run after it', async () => {
    if (hasNodeCompileCache) return;
    const tmp = mkdtempSync(path.join(work, 'tmp-'));
    const { dir, files } = userCaches(tmp);
    // A run under other V8 flags (NODE_OPTIONS, --inspect) makes the user's cache for those flags.
    expect((await run(minimal, root, { TMPDIR: tmp, NODE_OPTIONS: '--stack-trace-limit=20' })).code).toBe(0);
    const [file = ''] = files();
    const underFlags = readFileSync(path.join(dir, file));
    // A normal run: V8 rejects that cache, so it is made again, for the flags in use now.
    expect((await run(minimal, root, { TMPDIR: tmp })).code).toBe(0);
    expect(files()).toEqual([file]);
    const remade = readFileSync(path.join(dir, file));
    expect(remade.equals(underFlags)).toBe(false);
    // The next normal run accepts it: nothing to write.
    const written = statSync(path.join(dir, file)).mtimeMs;
    expect((await run(minimal, root, { TMPDIR: tmp })).code).toBe(0);
    expect(statSync(path.join(dir, file)).mtimeMs).toBe(written);
  });

  it('does not take another install\'s cache: V8 keeps the file name it was made with, and stack traces named that install\'s files', async () => {
    if (hasNodeCompileCache) return;
    // A second install of the same bundles (a packed tarball installed elsewhere), with the first one's shipped cache.
    const other = mkdtempSync(path.join(work, 'install-'));
    cpSync(path.join(root, 'lib'), path.join(other, 'lib'), { recursive: true });
    for (const name of ['package.json', 'templates', 'node_modules']) symlinkSync(path.join(root, name), path.join(other, name));
    const tmp = mkdtempSync(path.join(work, 'tmp-'));
    const r = await runCli(['validate', '--course', path.join(root, 'test/fixtures/courses/minimal')], { cwd: other, env: { TMPDIR: tmp }, bin: path.join(other, 'lib/coursepack.mjs') });
    expect(r.status).toBe(0);
    // Its own cache, made for its own files: the first install's was not read.
    expect(userCaches(tmp).files()).toHaveLength(1);
  });

  it('keeps each install\'s cache when two are used in turn: writing one removed the other\'s, so each build compiled from source', async () => {
    if (hasNodeCompileCache) return;
    // Two installs of the same bundles (two course repositories, each with coursepack in its node_modules), with
    // no cache of their own shipped: each makes its own in the user's folder.
    const installs = ['a', 'b'].map((name) => {
      const dir = mkdtempSync(path.join(work, `install-${name}-`));
      cpSync(path.join(root, 'lib'), path.join(dir, 'lib'), { recursive: true });
      rmSync(path.join(dir, 'lib/code-cache'), { recursive: true, force: true });
      for (const file of ['package.json', 'templates', 'node_modules']) symlinkSync(path.join(root, file), path.join(dir, file));
      return dir;
    });
    const tmp = mkdtempSync(path.join(work, 'tmp-'));
    const { dir, files } = userCaches(tmp);
    const validate = async (install: string) => (await runCli(['validate', '--course', path.join(root, 'test/fixtures/courses/minimal')], { cwd: install, env: { TMPDIR: tmp }, bin: path.join(install, 'lib/coursepack.mjs') })).status;
    expect(await validate(installs[0]!)).toBe(0);
    const [first = ''] = files();
    const written = statSync(path.join(dir, first)).mtimeMs;
    expect(await validate(installs[1]!)).toBe(0);
    expect(files()).toHaveLength(2);
    // The first install's cache is still there, and read: nothing to write again.
    expect(await validate(installs[0]!)).toBe(0);
    expect(files()).toContain(first);
    expect(statSync(path.join(dir, first)).mtimeMs).toBe(written);
  });

  it('ignores a cache folder others can write to', async () => {
    const tmp = mkdtempSync(path.join(work, 'tmp-'));
    const dir = path.join(tmp, `coursepack-compile-cache-${process.getuid?.() ?? 'user'}`);
    mkdirSync(dir, { mode: 0o777 });
    chmodSync(dir, 0o777);
    expect((await run(minimal, root, { TMPDIR: tmp, NODE_OPTIONS: '--stack-trace-limit=20' })).code).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('output that cannot be written', () => {
  /** The command with its stdout a pipe whose reader has gone (`| head` having read what it wanted). */
  function withReaderGone(args: string[]): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
      child.on('close', (code) => resolve({ code, stderr }));
    });
  }

  it('a reader that stops early (`| head`) ends nothing: the build writes its zip and exits 0, with no stack trace', async () => {
    // Before: "Error: write EPIPE … Unhandled 'error' event", exit 1, for `npx coursepack report … | head`.
    const out = path.join(work, 'piped');
    for (const args of [['--help'], ['validate', '--course', 'test/fixtures/courses/minimal', '--format', 'json'], ['build', '--course', 'test/fixtures/courses/minimal', '--out', out]]) {
      const r = await withReaderGone(args);
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.code, args.join(' ')).toBe(0);
    }
    expect(readdirSync(out)).toContain('minimal-course-scorm12.zip');
  });

  it.skipIf(missing('devFull'))('output to a full disk (`> report.csv`) is said to be cut short, and exits 2', async () => {
    const r = spawnSync(process.execPath, [bin, 'validate', '--course', 'test/fixtures/courses/minimal'], { cwd: root, encoding: 'utf8', stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'] });
    expect(r.stderr).toBe('coursepack: the output could not be written whole (ENOSPC)\n');
    expect(r.status).toBe(2);
  });

  it.skipIf(missing('devFull'))('under --format json, an error output that cannot be written leaves stdout one JSON document, and exits 2', () => {
    // Before: "coursepack: the error output could not be written whole (ENOSPC)" followed the document on stdout,
    // which an editor or CI step then could not parse. Here stderr holds a note (a misspelt variable) and, after a
    // usage error, the sentence that answerInJson puts in the document.
    const env = { ...process.env, COURSEPACK_LRS_ENDPIONT: 'x' };
    for (const args of [['validate', '--course', 'test/fixtures/courses/minimal', '--format', 'json'], ['build', '--bogus', '--format', 'json']]) {
      const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', openSync('/dev/full', 'w')] });
      expect(() => JSON.parse(r.stdout), `${args.join(' ')}: ${r.stdout}`).not.toThrow();
      expect(r.status, args.join(' ')).toBe(2);
    }
  });
});
