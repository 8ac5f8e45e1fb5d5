/**
 * `coursepack lrs` as a person runs it (src/cli/run-lrs.ts in a child process): keys add/list/revoke,
 * usage errors with exit 2 and one plain line, serving on 127.0.0.1 and a clean stop on SIGTERM.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleLrsRunner, spawnLrs } from '../helpers/embedded-lrs.js';

let runner: string;
const work = mkdtempSync(join(tmpdir(), 'cp-lrs-cli-'));
const db = join(work, 'lrs.sqlite');

beforeAll(async () => {
  runner = await bundleLrsRunner();
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

function lrs(args: string[]) {
  const r = spawnSync(process.execPath, [runner, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('coursepack lrs keys', () => {
  it('adds a key and prints exactly {"key","secret","scope"} with --json', () => {
    const r = lrs(['keys', 'add', '--scope', 'write', '--db', db, '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\{"key": "[A-Za-z0-9_-]{22}", "secret": "[A-Za-z0-9_-]{43}", "scope": "write"\}\n$/);
    expect(Object.keys(JSON.parse(r.stdout))).toEqual(['key', 'secret', 'scope']);
    expect(existsSync(db)).toBe(true);
  });

  it('creates the database readable by its owner alone, whatever the umask (it holds learners\' data and key hashes)', () => {
    const own = join(db, '..', 'own.sqlite');
    // The shell's common umask, 022, under which files are made world-readable.
    const r = spawnSync('sh', ['-c', 'umask 022 && exec "$0" "$@"', process.execPath, runner, 'keys', 'add', '--scope', 'write', '--db', own], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(statSync(own).mode & 0o777).toBe(0o600);
  });

  it('lists keys without secrets and revokes one', () => {
    const { key, secret } = JSON.parse(lrs(['keys', 'add', '--scope', 'read', '--db', db, '--json']).stdout) as { key: string; secret: string };
    const listed = lrs(['keys', 'list', '--db', db, '--json']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).not.toContain(secret);
    expect(JSON.parse(listed.stdout)).toContainEqual(expect.objectContaining({ key, scope: 'read', revoked: null }));
    expect(lrs(['keys', 'revoke', key, '--db', db]).code).toBe(0);
    const after = JSON.parse(lrs(['keys', 'list', '--db', db, '--json']).stdout) as { key: string; revoked: string | null }[];
    expect(after.find((k) => k.key === key)?.revoked).toMatch(/^\d{4}-/);
    expect(lrs(['keys', 'list', '--db', db]).stdout).toMatch(new RegExp(`${key}\\s+read\\s+created \\S+\\s+revoked`));
  });

  it.each([
    [['keys', 'add', '--db', 'x.sqlite'], /--scope write, read or admin/],
    [['keys', 'add', '--scope', 'root', '--db', 'x.sqlite'], /got 'root'/],
    [['keys', 'revoke', 'nope', '--db', join(work, 'lrs.sqlite')], /no active key 'nope'/],
    [['keys', 'rotate'], /unknown keys action 'rotate'/],
    [['--port', 'eighty'], /--port takes a whole number/],
    [['--colour'], /Unknown option '--colour'/],
    [['serve'], /unknown lrs command 'serve'/],
    [['--origin', 'lms.example.org'], /--origin takes an origin/],
    [['keys', 'list', '--port', '1'], /--port is for serving/],
    [['--db', join(work, 'no', 'such', 'dir', 'lrs.sqlite')], /cannot open database/],
  ])('%j exits 2 with one plain line', (args, message) => {
    const r = lrs(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints its help with exit 0', () => {
    const r = lrs(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/coursepack lrs keys add --scope write\|read\|admin/);
  });
});

describe('coursepack lrs (serving)', () => {
  it('serves on 127.0.0.1, logs each request, and stops cleanly on SIGTERM', async () => {
    const server = await spawnLrs(db);
    expect(server.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/xAPI$/);
    const about = await fetch(`${server.endpoint}/about`);
    expect(about.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
    server.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(server.output()).toMatch(/GET \/xAPI\/about 200/);
    expect(server.output()).toMatch(/SIGTERM, stopping/);
  }, 30_000);

  it('exits by itself when the process that started it dies (the test helper relies on this)', async () => {
    const parent = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const child = spawn(process.execPath, [runner, '--port', '0', '--db', db, '--quiet'], {
      env: { ...process.env, CP_PARENT_PID: String(parent.pid) },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    await new Promise<void>((resolve) => child.stdout.on('data', (c: Buffer) => c.toString().includes('listening') && resolve()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    parent.kill('SIGKILL');
    expect(await exited).toBe(0);
  }, 30_000);

  it('one server per database: a second is refused with one line while the first runs; a lock left by a killed one is taken over', async () => {
    const own = join(db, '..', 'one-server.sqlite');
    const start = () => spawn(process.execPath, [runner, '--port', '0', '--db', own, '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const listening = (child: ReturnType<typeof start>) => new Promise<void>((resolve) => child.stdout.on('data', (c: Buffer) => c.toString().includes('listening') && resolve()));
    const first = start();
    await listening(first);
    const second = start();
    let stderr = '';
    second.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    expect(await new Promise<number | null>((resolve) => second.once('exit', resolve))).toBe(2);
    expect(stderr.trim()).toMatch(new RegExp(`^coursepack lrs: another coursepack lrs \\(process ${first.pid}\\) serves .*one-server\\.sqlite; stop it first`));
    // Killed without a chance to remove its lock: the next server takes the stale lock over.
    const gone = new Promise((resolve) => first.once('exit', resolve));
    first.kill('SIGKILL');
    await gone;
    expect(existsSync(`${own}.lock`)).toBe(true);
    const third = start();
    await listening(third);
    // SIGTERM at once after the listening line (a supervisor's stop) is a clean stop, which removes the lock.
    const stopped = new Promise((resolve) => third.once('exit', (code, signal) => resolve(`${code} ${signal}`)));
    third.kill('SIGTERM');
    expect(await stopped).toBe('0 null');
    expect(existsSync(`${own}.lock`)).toBe(false);
  }, 30_000);

  it('exits 2 with one line when the port is taken', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)));
    try {
      const child = spawn(process.execPath, [runner, '--port', String(port), '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(2);
      expect(stderr.trim()).toMatch(new RegExp(`^coursepack lrs: cannot listen on 127\\.0\\.0\\.1:${port}: EADDRINUSE$`));
    } finally {
      blocker.close();
    }
  }, 30_000);
});
