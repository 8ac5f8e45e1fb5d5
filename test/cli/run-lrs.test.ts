/**
 * `coursepack lrs` as a person runs it (src/cli/run-lrs.ts in a child process): keys add/list/revoke,
 * usage errors with exit 2 and one plain line, serving on 127.0.0.1 and a clean stop on SIGTERM.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLrs } from '../../src/cli/run-lrs.js';
import { addKey, openSqliteStore } from '../../src/lrs/index.js';
import { readLrs } from '../../src/report/index.js';
import { commandInProcess } from '../helpers/command-in-process.js';
import { addTestKey, bundleLrsRunner, spawnLrs } from '../helpers/embedded-lrs.js';
import { shellWords } from '../helpers/shell-words.js';

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

/**
 * The same command in this process (command-in-process.ts): for keys a test sets up, and for what the key
 * commands list, not for the command's exit codes and one-line failures, which `lrs` above runs for real.
 */
function lrsHere(args: string[]) {
  return commandInProcess(runLrs, args);
}

describe('coursepack lrs keys', () => {
  it('adds a key and prints exactly {"key","secret","scope"} with --json', () => {
    const r = lrs(['keys', 'add', '--scope', 'write', '--db', db, '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\{"key": "[A-Za-z0-9_-]{22}", "secret": "[A-Za-z0-9_-]{43}", "scope": "write"\}\n$/);
    expect(Object.keys(JSON.parse(r.stdout))).toEqual(['key', 'secret', 'scope']);
    expect(existsSync(db)).toBe(true);
  });

  it('says which database the key went into, and when it had to make one (keys add run in another folder)', () => {
    const stray = join(work, `stray-${Math.random().toString(16).slice(2)}.sqlite`);
    const made = lrs(['keys', 'add', '--scope', 'write', '--db', stray]);
    expect(made.code).toBe(0);
    expect(made.stderr).toBe(`coursepack lrs: note: no database at ${stray}, so a new one was made for this key; if the LRS serves another, add the key there: npx coursepack lrs keys add --scope write --db FILE\n`);
    expect(lrs(['keys', 'add', '--scope', 'read', '--db', stray]).stderr).toBe(`coursepack lrs: the key is in ${stray}\n`);
  });

  it('follows a link to a database not made yet as the system does: a relative target from the link\'s real folder', () => {
    const base = join(work, `linked-${Math.random().toString(16).slice(2)}`);
    mkdirSync(join(base, 'srv', 'data', 'lrs'), { recursive: true });
    mkdirSync(join(base, 'home'));
    symlinkSync(join(base, 'srv', 'data', 'lrs'), join(base, 'home', 'lrsdir'));
    symlinkSync('../district.sqlite', join(base, 'srv', 'data', 'lrs', 'db.sqlite'));
    const r = lrs(['keys', 'add', '--scope', 'admin', '--db', join(base, 'home', 'lrsdir', 'db.sqlite')]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(base, 'srv', 'data', 'district.sqlite'))).toBe(true);
    expect(existsSync(join(base, 'home', 'district.sqlite'))).toBe(false);
  });

  it('creates the database readable by its owner alone, whatever the umask (it holds learners\' data and key hashes)', () => {
    const own = join(db, '..', 'own.sqlite');
    // The shell's common umask, 022, under which files are made world-readable.
    const r = spawnSync('sh', ['-c', 'umask 022 && exec "$0" "$@"', process.execPath, runner, 'keys', 'add', '--scope', 'write', '--db', own], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(statSync(own).mode & 0o777).toBe(0o600);
  });

  it('warns, adding a key, when the database can be read by other users (the server said so only at its next start)', async () => {
    const restored = join(work, `open-${Math.random().toString(16).slice(2)}.sqlite`);
    expect((await lrsHere(['keys', 'add', '--scope', 'write', '--db', restored])).code).toBe(0);
    chmodSync(restored, 0o644);
    const r = await lrsHere(['keys', 'add', '--scope', 'read', '--db', restored]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`coursepack lrs: warning: ${restored} can be read by other users of this computer, and it holds learners' records: chmod 600 ${restored}\n`);
  });

  it('says the chmod for a database whose path a shell would read otherwise (a space, $, !) as it reads back', async () => {
    const restored = join(work, `it's $b! ${Math.random().toString(16).slice(2)}.sqlite`);
    expect((await lrsHere(['keys', 'add', '--scope', 'write', '--db', restored])).code).toBe(0);
    chmodSync(restored, 0o644);
    const r = await lrsHere(['keys', 'add', '--scope', 'read', '--db', restored]);
    const said = /: (chmod 600 .*)\n/.exec(r.stderr)?.[1] ?? '';
    expect(shellWords(said, 'bash')).toEqual(['chmod', '600', restored]);
  });

  it('lists keys without secrets and revokes one', async () => {
    const { key, secret } = JSON.parse((await lrsHere(['keys', 'add', '--scope', 'read', '--db', db, '--json'])).stdout) as { key: string; secret: string };
    const listed = await lrsHere(['keys', 'list', '--db', db, '--json']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).not.toContain(secret);
    expect(JSON.parse(listed.stdout)).toContainEqual(expect.objectContaining({ key, scope: 'read', revoked: null }));
    expect((await lrsHere(['keys', 'revoke', key, '--db', db])).code).toBe(0);
    const after = JSON.parse((await lrsHere(['keys', 'list', '--db', db, '--json'])).stdout) as { key: string; revoked: string | null }[];
    expect(after.find((k) => k.key === key)?.revoked).toMatch(/^\d{4}-/);
    expect((await lrsHere(['keys', 'list', '--db', db])).stdout).toMatch(new RegExp(`${key}\\s+read\\s+created \\S+\\s+revoked`));
  });

  it('adds a key that expires (--expires-in), says when, and lists it as expiring, then as expired', async () => {
    const file = join(work, `expiring-${Math.random().toString(16).slice(2)}.sqlite`);
    const before = Date.now();
    const r = lrs(['keys', 'add', '--scope', 'write', '--expires-in', '90m', '--db', file, '--json']);
    const after = Date.now();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\{"key": "[A-Za-z0-9_-]{22}", "secret": "[A-Za-z0-9_-]{43}", "scope": "write", "expires": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"\}\n$/);
    const made = JSON.parse(r.stdout) as { key: string; expires: string };
    expect(Date.parse(made.expires)).toBeGreaterThanOrEqual(before + 90 * 60_000);
    expect(Date.parse(made.expires)).toBeLessThanOrEqual(after + 90 * 60_000);
    const shown = await lrsHere(['keys', 'add', '--scope', 'read', '--expires-in', '2d', '--db', file]);
    expect(shown.stdout).toMatch(/^key {5}\S+\nsecret {2}\S+\nscope {3}read\nexpires \d{4}-\S+Z\nThe secret is stored hashed/);

    // One that expired already: made in the past by the store itself (the CLI makes keys at its clock's now).
    const store = openSqliteStore(file);
    const old = addKey(store, 'write', new Date(Date.now() - 2 * 3_600_000), 3_600_000);
    store.close();
    const listed = JSON.parse((await lrsHere(['keys', 'list', '--db', file, '--json'])).stdout) as { key: string; expires: string | null; revoked: string | null }[];
    expect(listed.find((k) => k.key === made.key)).toMatchObject({ expires: made.expires, revoked: null });
    expect(listed.find((k) => k.key === old.key)).toMatchObject({ expires: old.expires, revoked: null });
    const text = (await lrsHere(['keys', 'list', '--db', file])).stdout;
    expect(text).toContain(`${made.key}  write  created `);
    expect(text).toMatch(new RegExp(`${made.key}  write  created \\S+  expires ${made.expires}\n`));
    expect(text).toMatch(new RegExp(`${old.key}  write  created \\S+  expired ${old.expires}\n`));
  });

  it('says, revoking a write key, that packages carrying it stop delivering until rebuilt with another key', async () => {
    const { key } = JSON.parse((await lrsHere(['keys', 'add', '--scope', 'write', '--db', db, '--json'])).stdout) as { key: string };
    const r = await lrsHere(['keys', 'revoke', key, '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`revoked ${key} (write) in ${db}\n`);
    expect(r.stderr).toBe(`coursepack lrs: note: packages built with ${key} now get 401 and keep their statements in learners' browsers: build with another write key and replace them in every LMS\n`);
    const { key: read } = JSON.parse((await lrsHere(['keys', 'add', '--scope', 'read', '--db', db, '--json'])).stdout) as { key: string };
    const other = await lrsHere(['keys', 'revoke', read, '--db', db]);
    expect(other.stdout).toBe(`revoked ${read} (read) in ${db}\n`);
    expect(other.stderr).toBe('');
  });

  it.each([
    [['keys', 'add', '--db', 'x.sqlite'], /--scope write, read or admin/],
    [['keys', 'add', '--scope', 'root', '--db', 'x.sqlite'], /got 'root'/],
    [['keys', 'revoke', 'nope', '--db', join(work, 'lrs.sqlite')], /no active key 'nope'/],
    // A mistyped --db: said, and no empty database left behind (checked below).
    [['keys', 'list', '--db', join(work, 'lrs.sqllite')], /no database at .*lrs\.sqllite; give the --db the LRS serves/],
    [['keys', 'revoke', 'k', '--db', join(work, 'lrs.sqllite')], /no database at .*lrs\.sqllite/],
    [['keys', 'rotate'], /unknown keys action 'rotate'/],
    [['--port', 'eighty'], /--port takes a whole number/],
    [['--colour'], /Unknown option '--colour'/],
    // --version is report's course version filter, not the lrs's missing option: listed, not sent to report.
    [['--version'], /^coursepack lrs: Unknown option '--version'\. Options: --port, /],
    [['--out', 'x'], /^coursepack lrs: Unknown option '--out': lrs has no --out \(build and report have it\)\. Options: --port, /],
    [['serve'], /unknown lrs command 'serve'/],
    [['--origin', 'lms.example.org'], /--origin takes an origin/],
    [['keys', 'list', '--port', '1'], /--port is for serving/],
    [['--db', join(work, 'no', 'such', 'dir', 'lrs.sqlite')], /cannot open database/],
    [['keys', 'list', '--db', work], /cannot open database .*: it is a folder; give a file for the database, e\.g\. --db .*\/lrs\.sqlite$/m],
    [['--max-db-size', 'lots'], /--max-db-size takes a size like 20 GB or 500 MB \(got 'lots'\)/],
    [['keys', 'list', '--max-db-size', '1 GB'], /--max-db-size is for serving/],
    [['--public-url', 'lms.example.org/lrs/xAPI/'], /--public-url takes the xAPI endpoint as clients reach it/],
    [['--public-url', 'https://KEY:SECRET@lms.example.org/xAPI/'], /^coursepack lrs: --public-url takes no credentials: [^:]*$/],
    ...['0m', '-1h', '1.5h', 'soon', '366d'].map((lifetime) => [
      ['keys', 'add', '--scope', 'write', `--expires-in=${lifetime}`, '--db', join(work, 'lrs.sqllite')],
      new RegExp(`^coursepack lrs: --expires-in takes a whole number of minutes, hours or days, like 90m, 1h or 2d, at most 365d \\(got '${lifetime.replace('.', '\\.')}'\\)$`, 'm'),
    ] as [string[], RegExp]),
    [['keys', 'list', '--expires-in', '1h', '--db', join(work, 'lrs.sqllite')], /--expires-in is only for keys add/],
    [['--expires-in', '1h'], /--scope and --expires-in are for keys add, --json for keys add and keys list; serving takes none of them/],
    [['forget', '--agent', 'mailto:a@example.org', '--expires-in', '1h'], /--scope and --expires-in are for keys add.*forget takes none of them/],
  ])('%j exits 2 with one plain line', (args, message) => {
    const r = lrs(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(work, 'lrs.sqllite'))).toBe(false);
  });

  // Root may write anything, so there the LRS runs as nobody, as a service user would after keys were made as root.
  const root = process.getuid?.() === 0;
  const asServiceUser = (args: string[]) => {
    const r = spawnSync(process.execPath, [runner, ...args], { encoding: 'utf8', timeout: 30_000, ...(root ? { uid: 65534, gid: 65534 } : {}) });
    return { code: r.status, stderr: r.stderr };
  };
  const serviceFolder = () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'cp-lrs-owner-')), 'data');
    chmodSync(join(folder, '..'), 0o755);
    mkdirSync(folder, { mode: 0o755 });
    return folder;
  };

  it('says which of the database and its folder the user running it cannot write, not SQLite\'s "unable to open database file"', async () => {
    const folder = serviceFolder();
    const made = join(folder, 'lrs.sqlite');
    try {
      expect((await lrsHere(['keys', 'add', '--scope', 'write', '--db', made])).code).toBe(0);
      // The folder is the service user's, the file (made 600 by `keys add`) is not.
      if (root) chownSync(folder, 65534, 65534);
      else chmodSync(made, 0o000);
      for (const args of [['--port', '0', '--db', made], ['keys', 'list', '--db', made]]) {
        const r = asServiceUser(args);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(new RegExp(`^coursepack lrs: cannot open database ${made}: the database file or its folder cannot be written \\(permissions, or a read-only disk\\): the file: permission denied .*; the user running coursepack lrs \\(\\w+\\) must be able to read and write it`));
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
      }
      // Now the file anyone may write, in a folder the service user may not.
      if (root) chownSync(folder, 0, 0);
      else chmodSync(folder, 0o555);
      chmodSync(made, 0o666);
      const r = asServiceUser(['--port', '0', '--db', made]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^coursepack lrs: cannot open database ${made}: .*: the folder ${folder}: permission denied .*; the user running coursepack lrs \\(\\w+\\) must be able to write it, as SQLite keeps the database's -wal, -shm and .lock files there`));
    } finally {
      chmodSync(folder, 0o755);
      rmSync(join(folder, '..'), { recursive: true, force: true });
    }
  });

  it('refuses, serving and for keys alike, a database a newer coursepack migrated, with one line saying what to do', async () => {
    const newer = join(work, `newer-${Math.random().toString(16).slice(2)}.sqlite`);
    expect((await lrsHere(['keys', 'add', '--scope', 'admin', '--db', newer])).code).toBe(0);
    const raw = new Database(newer);
    const known = Number(raw.pragma('user_version', { simple: true }));
    raw.pragma(`user_version = ${known + 1}`);
    raw.close();
    for (const args of [['--port', '0', '--db', newer], ['keys', 'list', '--db', newer], ['keys', 'add', '--scope', 'read', '--db', newer]]) {
      const r = lrs(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toBe(`coursepack lrs: cannot open database ${newer}: it was made by a newer coursepack (schema ${known + 1}, this one knows ${known}): run that version, or restore a backup made before the upgrade\n`);
    }
  });

  it('prints its help with exit 0', () => {
    const r = lrs(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/coursepack lrs keys add --scope write\|read\|admin \[--expires-in DURATION\]/);
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

  it('says once, even with --quiet, that it refused an origin CORS, and the --origin to give: a package in that LMS sent nothing', async () => {
    // Given as typed in a ticket, capitals and a default port: as a browser sends it, it matches.
    const server = await spawnLrs(join(work, `origins-${Math.random().toString(16).slice(2)}.sqlite`), ['--quiet', '--origin', 'https://LMS.District.example.org:443']);
    try {
      const preflight = (origin: string) => fetch(`${server.endpoint}/statements`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      expect((await preflight('https://lms.district.example.org')).headers.get('access-control-allow-origin')).toBe('https://lms.district.example.org');
      for (const origin of ['https://canvas.district.example.org', 'https://canvas.district.example.org', 'https://lms.district.example.org', 'null']) {
        expect((await preflight(origin)).status).toBe(204);
      }
      await expect.poll(() => server.output()).toMatch(/Origin: null/);
      expect(server.output().match(/^coursepack lrs: warning: .*$/gm)).toEqual([
        'coursepack lrs: warning: a request from https://canvas.district.example.org was refused CORS, so a browser there sends nothing; if it is an LMS, start the LRS with --origin https://canvas.district.example.org',
        'coursepack lrs: warning: a request from a sandboxed frame (Origin: null) was refused CORS; if a package runs in one, start the LRS with --allow-null-origin',
      ]);
    } finally {
      await server.stop();
    }
  });

  it('behind a reverse proxy that serves it under a path (--public-url), its `more` links lead on through the proxy', async () => {
    // The district's nginx: https://lms.district.example.org/lrs/xAPI/ → http://127.0.0.1:PORT/xAPI/. `more` is a
    // path from the server root (Communication §2.1.3), and clients put it after the endpoint's origin: /xAPI/…
    // went to the LMS (404), so a report stopped at its second page.
    const proxied = join(work, `proxied-${Math.random().toString(16).slice(2)}.sqlite`);
    const admin = addTestKey(proxied, 'admin');
    const server = await spawnLrs(proxied, ['--quiet', '--public-url', 'https://lms.district.example.org/lrs/xAPI/']);
    const upstream = new URL(server.endpoint);
    const proxy = createHttpServer((req, res) => {
      const url = req.url ?? '/';
      if (!url.startsWith('/lrs/xAPI/')) {
        res.writeHead(404, { 'content-type': 'text/html' }).end('<p>Page not found</p>');
        return;
      }
      const forwarded = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: `/xAPI/${url.slice('/lrs/xAPI/'.length)}`, headers: { ...req.headers, host: upstream.host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(forwarded);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const { port } = proxy.address() as { port: number };
    const endpoint = `http://127.0.0.1:${port}/lrs/xAPI/`;
    try {
      const course = 'https://lms.district.example.org/courses/safety';
      const statements = Array.from({ length: 5 }, (_, i) => ({ actor: { mbox: `mailto:learner${i}@district.example.org` }, verb: { id: 'http://adlnet.gov/expapi/verbs/completed' }, object: { id: course } }));
      const posted = await fetch(`${endpoint}statements`, { method: 'POST', headers: { authorization: admin.auth, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' }, body: JSON.stringify(statements) });
      expect(posted.status).toBe(200);
      const first = await fetch(`${endpoint}statements?limit=2`, { headers: { authorization: admin.auth, 'x-experience-api-version': '1.0.3' } });
      expect(((await first.json()) as { more: string }).more).toMatch(/^\/lrs\/xAPI\/statements\?/);
      const read: unknown[] = [];
      const result = await readLrs({ endpoint, auth: admin.auth }, { activity: course, limit: 2, retry: { delaysMs: [] } }, (s) => read.push(s));
      expect(result).toMatchObject({ statements: 5, pages: 3 });
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
      await server.stop();
    }
  });

  it('at start, tells a database whose keys are all revoked or expired from a new one (it said "no keys yet")', async () => {
    const revoked = join(work, `revoked-${Math.random().toString(16).slice(2)}.sqlite`);
    const { key } = JSON.parse((await lrsHere(['keys', 'add', '--scope', 'admin', '--db', revoked, '--json'])).stdout) as { key: string };
    expect((await lrsHere(['keys', 'revoke', key, '--db', revoked])).code).toBe(0);
    const store = openSqliteStore(revoked);
    addKey(store, 'write', new Date(Date.now() - 2 * 3_600_000), 3_600_000);
    store.close();
    const server = await spawnLrs(revoked, ['--quiet']);
    try {
      await expect.poll(() => server.output()).toContain(`coursepack lrs: no active keys (1 revoked, 1 expired); add one with: npx coursepack lrs keys add --scope admin --db ${revoked}`);
      expect(server.output()).not.toContain('no keys yet');
    } finally {
      await server.stop();
    }
  });

  it('warns at start when its database can be read by other users (a backup restored under umask 022)', async () => {
    const restored = join(work, `restored-${Math.random().toString(16).slice(2)}.sqlite`);
    expect((await lrsHere(['keys', 'add', '--scope', 'write', '--db', restored])).code).toBe(0);
    chmodSync(restored, 0o644);
    const server = await spawnLrs(restored, ['--quiet']);
    try {
      await expect.poll(() => server.output()).toContain(`coursepack lrs: warning: ${restored} can be read by other users of this computer, and it holds learners' records: chmod 600 ${restored}`);
    } finally {
      await server.stop();
    }
  });

  it('a full database (--max-db-size, as a full disk): statements get 503 with Retry-After, one log line says why, reads go on', async () => {
    const small = join(work, 'small.sqlite');
    const { key, secret } = JSON.parse((await lrsHere(['keys', 'add', '--scope', 'admin', '--db', small, '--json'])).stdout) as { key: string; secret: string };
    const server = await spawnLrs(small, ['--max-db-size', '0.4 MB']);
    const headers = { Authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' };
    try {
      const statuses: number[] = [];
      let refused: Response | undefined;
      const batchOf = (i: number) => Array.from({ length: 5 }, (_, j) => ({
          actor: { objectType: 'Agent', mbox: `mailto:learner-${i}-${j}@example.org` },
          verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } },
          object: { objectType: 'Activity', id: `https://coursepack.invalid/courses/c1/pages/p${i}-${j}`, definition: { name: { en: 'x'.repeat(1500) } } },
      }));
      // ~2 KB a statement: a few hundred fill 0.4 MB.
      for (let i = 0; i < 400 && !refused; i++) {
        const response = await fetch(`${server.endpoint}/statements`, { method: 'POST', headers, body: JSON.stringify(batchOf(i)) });
        statuses.push(response.status);
        if (response.status !== 200) refused = response;
        else await response.body?.cancel();
      }
      expect(refused?.status).toBe(503);
      expect(refused?.headers.get('retry-after')).toBe('60');
      expect(await refused?.json()).toEqual({ error: true, message: 'The LRS cannot store statements right now; send them again later' });
      expect(statuses.slice(0, -1).every((s) => s === 200)).toBe(true);
      // Refused again, still one line in the log; what was stored reads back.
      expect((await fetch(`${server.endpoint}/statements`, { method: 'POST', headers, body: JSON.stringify(batchOf(1000)) })).status).toBe(503);
      const stored = await fetch(`${server.endpoint}/statements?limit=1`, { headers });
      expect(stored.status).toBe(200);
      expect(((await stored.json()) as { statements: unknown[] }).statements).toHaveLength(1);
      const log = server.output();
      expect(log.match(/^coursepack lrs: error: .*$/gm)).toEqual([
        'coursepack lrs: error: the database cannot store what clients send (SQLITE_FULL): the disk is full, or the database reached its --max-db-size: make room (or raise the limit and restart); until then they get 503 and keep their statements to send again',
      ]);
      expect(log).not.toMatch(/\n\s+at /);
    } finally {
      await server.stop();
    }
    // Started again with a limit below what the database holds: said at once.
    const again = await spawnLrs(small, ['--max-db-size', '0.1 MB']);
    try {
      await expect.poll(() => again.output()).toMatch(/coursepack lrs: warning: .*small\.sqlite already holds 0\.\d MB, as much as --max-db-size 0\.1 MB or more: statements get 503 until the limit is raised/);
    } finally {
      await again.stop();
    }
  }, 60_000);

  it('goes on serving when its log cannot be written: a pipe whose reader left (EPIPE), a full disk (ENOSPC, /dev/full)', async () => {
    const server = await spawnLrs(join(work, 'log-gone.sqlite'));
    try {
      // The reader of the request log goes away (`| head`, a log shipper restarted): the next line meets EPIPE.
      server.child.stdout?.destroy();
      for (let i = 0; i < 3; i++) expect((await fetch(`${server.endpoint}/about`)).status).toBe(200);
      await expect.poll(() => server.output()).toMatch(/coursepack lrs: its output \(the request log\) cannot be written \(EPIPE\); serving on without it\n/);
      expect(server.child.exitCode).toBeNull();
      expect(server.output()).not.toMatch(/\n\s+at /);
    } finally {
      await server.stop();
    }
    if (!existsSync('/dev/full')) return;
    // The log redirected to a disk that is full: every write fails, from the listening line on.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const full = openSync('/dev/full', 'w');
    const child = spawn(process.execPath, [runner, '--port', String(port), '--db', join(work, 'log-full.sqlite')], { stdio: ['ignore', full, 'pipe'], env: { ...process.env, CP_PARENT_PID: String(process.pid) } });
    closeSync(full);
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    try {
      await expect.poll(async () => (await fetch(`http://127.0.0.1:${port}/xAPI/about`).catch(() => null))?.status, { timeout: 20_000 }).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/xAPI/about`)).status).toBe(200);
      expect(child.exitCode).toBeNull();
      expect(stderr).toMatch(/^coursepack lrs: its output \(the request log\) cannot be written \(ENOSPC\); serving on without it\n/);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
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

  it('one server per database: of servers started at once exactly one serves; a killed one leaves no claim behind', async () => {
    const own = join(db, '..', 'one-server.sqlite');
    const start = () => spawn(process.execPath, [runner, '--port', '0', '--db', own, '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    // Each server: 'listening', or refused (exit 2, one line naming the one that serves).
    const outcome = (child: ReturnType<typeof start>) => new Promise<string>((resolve) => {
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.stdout.on('data', (c: Buffer) => c.toString().includes('listening') && resolve('listening'));
      child.once('exit', (code) => resolve(`exit ${code}: ${stderr.trim()}`));
    });
    const stop = async (child: ReturnType<typeof start>, signal: NodeJS.Signals) => {
      const exited = new Promise((resolve) => child.once('exit', (code, sig) => resolve(`${code} ${sig}`)));
      child.kill(signal);
      return exited;
    };
    for (const round of [1, 2]) {
      const children = [start(), start(), start(), start()];
      const outcomes = await Promise.all(children.map(outcome));
      expect(outcomes.filter((o) => o === 'listening'), `round ${round}: ${outcomes.join(' | ')}`).toHaveLength(1);
      const serving = children[outcomes.indexOf('listening')] as ReturnType<typeof start>;
      for (const o of outcomes.filter((x) => x !== 'listening')) {
        expect(o).toMatch(/^exit 2: coursepack lrs: another coursepack lrs serves .*one-server\.sqlite; stop it first/);
      }
      if (round === 1) {
        // The same database by a symbolic link (a service's path and the real one): the same claim, refused.
        const link = join(db, '..', 'one-server-link.sqlite');
        symlinkSync(own, link);
        const linked = spawn(process.execPath, [runner, '--port', '0', '--db', link, '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
        expect(await outcome(linked)).toMatch(/^exit 2: coursepack lrs: another coursepack lrs serves .*one-server\.sqlite; stop it first/);
        // A copy of the served database (a backup taken while it runs) is another database: it serves.
        const copy = join(db, '..', 'one-server-copy.sqlite');
        copyFileSync(own, copy);
        const other = spawn(process.execPath, [runner, '--port', '0', '--db', copy, '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
        expect(await outcome(other)).toBe('listening');
        await stop(other, 'SIGTERM');
      }
      // Round 1 ends with kill -9 (the lock dies with the process: round 2 gets it); round 2 with a clean stop,
      // at once after the listening line (a supervisor's), which releases it.
      expect(await stop(serving, round === 1 ? 'SIGKILL' : 'SIGTERM')).toBe(round === 1 ? 'null SIGKILL' : '0 null');
    }
    const after = start();
    expect(await outcome(after)).toBe('listening');
    await stop(after, 'SIGTERM');
  }, 60_000);

  it('a hang-up (its terminal closed) stops it cleanly, then it dies of the signal: no abort on a terminal that is gone', async () => {
    const own = join(work, `hangup-${Math.random().toString(16).slice(2)}.sqlite`);
    const child = spawn(process.execPath, [runner, '--port', '0', '--db', own, '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    await expect.poll(() => stdout).toMatch(/listening/);
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('exit', (code, signal) => resolve([code, signal])));
    child.kill('SIGHUP');
    expect(await exited).toEqual([null, 'SIGHUP']);
    expect(stdout).toMatch(/coursepack lrs: SIGHUP, stopping/);
    expect(existsSync(`${own}-wal`) && statSync(`${own}-wal`).size > 0).toBe(false);
  });

  it('one server per database through a link to a database not made yet (a service\'s path set up before its first start)', async () => {
    const target = join(work, `data-${Math.random().toString(16).slice(2)}`, 'lrs.sqlite');
    mkdirSync(join(target, '..'));
    const link = join(work, `link-${Math.random().toString(16).slice(2)}.sqlite`);
    symlinkSync(target, link);
    const first = await spawnLrs(link, ['--quiet']);
    try {
      // The first claimed the file the link leads to, not the link's own name: the second, through the same link, is refused.
      const second = spawnSync(process.execPath, [runner, '--port', '0', '--db', link, '--quiet'], { encoding: 'utf8', timeout: 30_000 });
      expect(second.status).toBe(2);
      expect(second.stderr).toMatch(/another coursepack lrs serves .*lrs\.sqlite; stop it first/);
    } finally {
      await first.stop();
    }
  });

  it('a second start of the same service (same --db, same --port) is told another serves the database, not to pick another port', async () => {
    const own = join(work, `twice-${Math.random().toString(16).slice(2)}.sqlite`);
    const first = await spawnLrs(own, ['--quiet']);
    const port = new URL(first.endpoint).port;
    try {
      const second = spawnSync(process.execPath, [runner, '--port', port, '--db', own, '--quiet'], { encoding: 'utf8', timeout: 30_000 });
      expect(second.status).toBe(2);
      expect(second.stderr).toBe(`coursepack lrs: another coursepack lrs serves ${own}; stop it first (two servers on one database would make syncs miss statements)\n`);
    } finally {
      await first.stop();
    }
    // Its port taken by something else, a database no server holds: the port is what is wrong.
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(Number(port), '127.0.0.1', resolve));
    try {
      const r = spawnSync(process.execPath, [runner, '--port', port, '--db', own, '--quiet'], { encoding: 'utf8', timeout: 30_000 });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^coursepack lrs: port ${port} on 127\\.0\\.0\\.1 is in use; give another`));
    } finally {
      blocker.close();
    }
  }, 30_000);

  it('exits 2 with one line when the port is taken, and makes no database (a mistyped --db would be served empty next time)', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)));
    const fresh = join(work, `not-made-${Math.random().toString(16).slice(2)}.sqlite`);
    try {
      const child = spawn(process.execPath, [runner, '--port', String(port), '--db', fresh], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(2);
      // The command to paste keeps the --db: without it, it served a new, empty ./lrs.sqlite.
      expect(stderr.trim()).toBe(`coursepack lrs: port ${port} on 127.0.0.1 is in use; give another: npx coursepack lrs --port ${port === 8081 ? 8082 : 8081} --db ${fresh} (or --port 0 for any free one)`);
      expect(readdirSync(work).filter((name) => name.startsWith('not-made-'))).toEqual([]);
    } finally {
      blocker.close();
    }
  }, 30_000);
});
