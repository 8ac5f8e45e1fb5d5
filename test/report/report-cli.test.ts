/**
 * The real command's failures (issue 11 point 5): a bad URL, refused credentials (a loopback server
 * that answers 401, since xapi-statements accepts any key), the network down, a malformed statement:
 * each is one line on stderr, exit 2, no stack trace, no credentials. And the progress line shows on a
 * terminal only, and a large export read by worker threads (the bundled lib/workers) gives the one-thread report.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startProgress } from '../../src/cli/progress-line.js';
import { reportInProcess } from '../helpers/report-in-process.js';
import { shellWords } from '../helpers/shell-words.js';
import { freePort } from '../helpers/xapi-statements-lrs.js';
import { COURSE, duration, statement, voiding } from './make-statements.js';

// Each test runs the real command (a Node start-up and more) on shared cores: no 5 s default here.
vi.setConfig({ testTimeout: 120_000 });

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'lib/coursepack.mjs');
const work = mkdtempSync(path.join(tmpdir(), 'cp-report-cli-'));
const SECRET = 'hunter2-very-secret';
const AUTH = `Basic ${Buffer.from(`district-key:${SECRET}`).toString('base64')}`;

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, 'report', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, COURSEPACK_LRS_ENDPOINT: '', COURSEPACK_LRS_AUTH: '', COURSEPACK_REPORT_ENDPOINT: '', COURSEPACK_REPORT_AUTH: '', ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The same report computed in this process (report-in-process.ts): for tests of what a report says, not of
 * the command's one-line failures, exit codes and notes on stderr, which the real command shows above.
 */
async function runHere(args: string[], env: Record<string, string> = {}) {
  const r = await reportInProcess(args, { COURSEPACK_LRS_ENDPOINT: '', COURSEPACK_LRS_AUTH: '', COURSEPACK_REPORT_ENDPOINT: '', COURSEPACK_REPORT_AUTH: '', ...env });
  return { code: r.code, stdout: r.stdout, stderr: r.stderr };
}

/** Without blocking this process: the 401 server below runs in it. */
function runAsync(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'report', ...args], { cwd: root, env: { ...process.env, COURSEPACK_LRS_ENDPOINT: '', COURSEPACK_LRS_AUTH: '', COURSEPACK_REPORT_ENDPOINT: '', COURSEPACK_REPORT_AUTH: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function expectOneLineError(r: { code: number | null; stdout: string; stderr: string }, message: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^coursepack report: /);
  expect(lines[0]).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  for (const secret of [SECRET, AUTH, AUTH.slice(6), 'district-key']) expect(r.stderr).not.toContain(secret);
}

let refusing: Server;
let refusingPort = 0;
let hangingRequests = 0;
let cutRequests = 0;
beforeAll(async () => {
  refusingPort = await freePort();
  // /refuse/xAPI answers 401; /broken/xAPI answers with a statement that has no actor.
  refusing = createServer((req, res) => {
    if (req.url?.startsWith('/cut/')) {
      // The headers and half a page, then the connection drops; the page asked for again comes whole.
      if (cutRequests++ % 2 === 0) {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '4000' });
        res.write('{"statements":[');
        setTimeout(() => req.socket.destroy(), 50);
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ statements: [statement({ verb: 'initialized', at: 0 })], more: '' }));
      return;
    }
    if (req.url?.startsWith('/hang/')) {
      // A first page with a `more` link; the second page never comes (until the test stops waiting).
      if (req.url.includes('/more')) {
        hangingRequests++;
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ statements: [statement({ verb: 'initialized', at: 0, name: 'Ada Private' })], more: '/hang/xAPI/statements/more/1' }));
      return;
    }
    if (req.url?.startsWith('/broken/')) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ statements: [{ id: 'no-actor', verb: { id: 'v' }, object: { id: COURSE } }], more: '' }));
      return;
    }
    res.writeHead(401, { 'Content-Type': 'text/plain' });
    res.end('Unauthorised');
  });
  await new Promise<void>((resolve) => refusing.listen(refusingPort, '127.0.0.1', resolve));
});
afterAll(async () => {
  refusing.closeAllConnections();
  await new Promise((resolve) => refusing.close(resolve));
  rmSync(work, { recursive: true, force: true });
});

describe('coursepack report failures', () => {
  it('a bad LRS URL', () => {
    expectOneLineError(run(['--activity', COURSE, '--lrs', 'lrs.example.org/xAPI', '--user', 'district-key', '--password', SECRET]), /not a valid URL/);
  });

  it('credentials the LRS refuses (HTTP 401)', async () => {
    expectOneLineError(
      await runAsync(['--activity', COURSE], { COURSEPACK_REPORT_ENDPOINT: `http://127.0.0.1:${refusingPort}/refuse/xAPI`, COURSEPACK_REPORT_AUTH: AUTH }),
      /refused the credentials \(HTTP 401 Unauthorized\)/,
    );
  });

  it('a malformed statement from an LRS', async () => {
    expectOneLineError(
      await runAsync(['--activity', COURSE], { COURSEPACK_REPORT_ENDPOINT: `http://127.0.0.1:${refusingPort}/broken/xAPI`, COURSEPACK_REPORT_AUTH: AUTH }),
      /^coursepack report: statement #1: malformed statement: statement no-actor has no actor$/,
    );
  });

  it('the network down (nothing listens)', async () => {
    const port = await freePort();
    expectOneLineError(run(['--activity', COURSE, '--lrs', `http://127.0.0.1:${port}/xAPI`, '--user', 'district-key', '--password', SECRET]), /connection refused/);
  });

  it('a temporary folder that is not there or not writable (a cron job\'s stale TMPDIR) is one line naming it and what to do', async () => {
    const r = await runAsync(['--activity', COURSE], { TMPDIR: '/nonexistent/tmp', COURSEPACK_REPORT_ENDPOINT: `http://127.0.0.1:${refusingPort}/cut/xAPI`, COURSEPACK_REPORT_AUTH: AUTH });
    expectOneLineError(r, /cannot make a temporary folder in \/nonexistent\/tmp for the statements read \(ENOENT\): set TMPDIR to a folder you can write to, or keep them with --sync FILE/);
  });

  it('a connection lost halfway through a page: the page is asked for again (after 1 s), said in one line, and the report goes on', async () => {
    const r = await runAsync(['--activity', COURSE, '--format', 'json'], { COURSEPACK_REPORT_ENDPOINT: `http://127.0.0.1:${refusingPort}/cut/xAPI`, COURSEPACK_REPORT_AUTH: AUTH });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`coursepack report: page 1 from the LRS at http://127.0.0.1:${refusingPort}/cut/xAPI: the connection was lost; trying again in 1 s (try 2 of 6)\n`);
    expect((JSON.parse(r.stdout) as { statements: { read: number } }).statements.read).toBe(1);
    for (const secret of [SECRET, AUTH, AUTH.slice(6), 'district-key']) expect(r.stderr).not.toContain(secret);
  });

  it('Ctrl-C during --sync keeps the pages read, with their cursor, and dies of the signal; the next run goes on from there', async () => {
    const file = path.join(work, `stopped-${Math.random().toString(16).slice(2)}.ndjson`);
    const child = spawn(process.execPath, [bin, 'report', '--activity', COURSE, '--sync', file], {
      cwd: root,
      env: { ...process.env, COURSEPACK_REPORT_ENDPOINT: `http://127.0.0.1:${refusingPort}/hang/xAPI`, COURSEPACK_REPORT_AUTH: AUTH },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const waiting = hangingRequests;
    for (let i = 0; i < 800 && hangingRequests === waiting; i++) await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGINT');
    expect(await exited).toBe('SIGINT');
    expect(stderr).toContain('coursepack report: stopping (SIGINT); keeping the statements read so far (Ctrl-C again stops at once and keeps none of them)\n');
    expect(stderr).toContain(`coursepack report: stopped (SIGINT); the statement read before that is kept in ${file}, and running the same command again goes on from there\n`);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(readFileSync(`${file}.cursor.json`, 'utf8'))).toMatchObject({ stored: expect.any(String) });
    expect(readdirSync(work).filter((n) => n.startsWith(path.basename(file)) && /\.(part|tmp)$/.test(n))).toEqual([]);
  });

  it('a password typed with a space in it is not quoted back in the usage error', () => {
    const r = run(['--activity', COURSE, '--lrs', 'https://lrs.example.org/xAPI', '--user', 'district-key', '--password', 'hunter2', 'very-secret']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^coursepack report: Unexpected argument: a word without an option before it \(put quotes around a value with spaces/);
    expect(r.stderr).not.toContain('very-secret');
  });

  it.each(['SIGINT', 'SIGHUP'] as const)('%s while reading an LRS (Ctrl-C, a dropped SSH session) removes the statements read so far and dies of the signal', async (signal) => {
    const tmp = mkdtempSync(path.join(work, 'tmp-'));
    const child = spawn(process.execPath, [bin, 'report', '--activity', COURSE], {
      cwd: root,
      env: { ...process.env, TMPDIR: tmp, COURSEPACK_REPORT_ENDPOINT: `http://127.0.0.1:${refusingPort}/hang/xAPI`, COURSEPACK_REPORT_AUTH: AUTH },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const waiting = hangingRequests;
    for (let i = 0; i < 800 && hangingRequests === waiting; i++) await new Promise((r) => setTimeout(r, 25));
    expect(readdirSync(tmp).filter((n) => n.startsWith('coursepack-report-'))).toHaveLength(1);
    child.kill(signal);
    expect(await exited).toBe(signal);
    expect(stderr).toContain(`coursepack report: stopped (${signal}); the statements read so far were removed.`);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('--group-by a column the roster does not have (a header "District") is one line naming its columns, not everyone in one group; "School Name", as staff exports say, is the school', async () => {
    const file = path.join(work, 'one.ndjson');
    writeFileSync(file, `${JSON.stringify(statement({ verb: 'initialized', at: 0 }))}\n`);
    const roster = path.join(work, 'district.csv');
    writeFileSync(roster, 'id,District\nada,North\n');
    expectOneLineError(run(['--activity', COURSE, '--from', file, '--roster', roster, '--group-by', 'school']),
      /--group-by school: .*district\.csv has no school column \(its columns: "id", "District"\); name the column that holds it "school" \(or "school name", "building", "campus", "site"\)$/);
    const staff = path.join(work, 'school-name.csv');
    writeFileSync(staff, 'Learner ID,School Name,Position\nada,North,Librarian\n');
    const named = await runHere(['--activity', COURSE, '--from', file, '--roster', staff, '--group-by', 'school', '--format', 'json']);
    expect(named.code, named.stderr).toBe(0);
    expect((JSON.parse(named.stdout) as { summary: Array<{ group: string }> }).summary.map((g) => g.group)).toEqual(['On the roster', 'North']);
    // The column there with no role filled in yet is no mistake: everyone is "(no role)".
    const empty = path.join(work, 'no-roles.csv');
    writeFileSync(empty, 'id,role\nada,\n');
    const r = await runHere(['--activity', COURSE, '--from', file, '--roster', empty, '--group-by', 'role', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { summary: Array<{ group: string }> }).summary.map((g) => g.group)).toEqual(['On the roster', '(no role)']);
  });

  it('statements from one package a module (--split modules) without the course\'s activities file: a note says why none is complete', () => {
    const file = path.join(work, 'split.ndjson');
    const module = `${COURSE}/modules/a-start`;
    writeFileSync(file, [statement({ verb: 'initialized', at: 0, object: module }), statement({ verb: 'completed', at: 1, object: module, result: { completion: true } })].map((s) => JSON.stringify(s)).join('\n'));
    const r = run(['--activity', COURSE, '--from', file, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/note: some learners took the course as one package a module \(--split modules\): .*give --course .* or --activities FILE/);
    expect((JSON.parse(r.stdout) as { learners: Array<{ status: string }> }).learners.map((l) => l.status)).toEqual(['in-progress']);
  });

  it('time spent from an export: a close whose resume was voided is a session of its own, and statements after it with no open another', async () => {
    const file = path.join(work, 'sessions.ndjson');
    // 08:00 on 2026-09-08, 15:00 on 09-12, 10:00 on 09-15, in minutes after 2026-09-01T08:00Z.
    const [day8, day12, day15] = [7 * 24 * 60, 11 * 24 * 60 + 7 * 60, 14 * 24 * 60 + 2 * 60];
    const resumed = statement({ verb: 'resumed', at: day12 });
    const lines = ['ada', 'ben'].flatMap((who) => [
      statement({ who, verb: 'initialized', at: day8 }),
      statement({ who, verb: 'experienced', at: day8 + 20, object: `${COURSE}/pages/a` }),
      ...(who === 'ada' ? [resumed, voiding(resumed.id as string, day12 + 60)] : [statement({ who, verb: 'resumed', at: day12 })]),
      statement({ who, verb: 'suspended', at: day12 + 10, result: duration('PT10M') }),
      ...(who === 'ben' ? [statement({ who, verb: 'experienced', at: day15, object: `${COURSE}/pages/b` }), statement({ who, verb: 'experienced', at: day15 + 5, object: `${COURSE}/pages/c` })] : []),
    ]);
    writeFileSync(file, `${lines.map((s) => JSON.stringify(s)).join('\n')}\n`);
    const r = await runHere(['--activity', COURSE, '--from', file, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const learners = (JSON.parse(r.stdout) as { learners: Array<{ learner: string; timeSeconds: number }> }).learners;
    expect(Object.fromEntries(learners.map((l) => [l.learner.replace(/.*\|/, ''), l.timeSeconds]))).toEqual({ ada: 1800, ben: 2100 });
  });

  it('a malformed statement in an export', () => {
    const file = path.join(work, 'bad.ndjson');
    writeFileSync(file, `${JSON.stringify(statement({ verb: 'initialized', at: 0 }))}\n{"id":"b","actor":{"mbox":"mailto:a@x"},"verb":{"id":"v"},"object":{"id":"o"},"timestamp":"soon"}\n`);
    expectOneLineError(run(['--activity', COURSE, '--from', file]), /bad\.ndjson:2: malformed statement: statement b has no valid timestamp/);
  });

  it('a roster saved in another encoding than UTF-8 (Excel\'s plain CSV on Windows) is one line naming its line', () => {
    const file = path.join(work, 'one.ndjson');
    writeFileSync(file, `${JSON.stringify(statement({ verb: 'initialized', at: 0 }))}\n`);
    const roster = path.join(work, 'cp1252.csv');
    writeFileSync(roster, Buffer.concat([Buffer.from('id,name\nada,Ada\nben,Ren'), Buffer.from([0xe9]), Buffer.from('e\n')]));
    expectOneLineError(run(['--activity', COURSE, '--from', file, '--roster', roster]), /cp1252\.csv:3: the file is not UTF-8 .*save it again as "CSV UTF-8/);
  });

  it('a roster given as the workbook itself (.xlsx, .xls) is said to be one, with how to save it as CSV', () => {
    const file = path.join(work, 'one.ndjson');
    writeFileSync(file, `${JSON.stringify(statement({ verb: 'initialized', at: 0 }))}\n`);
    const xlsx = path.join(work, 'staff.xlsx');
    writeFileSync(xlsx, Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from([0x14, 0, 6, 0, 8, 0, 0, 0, 0x21, 0, 0xb4, 0xe2])]));
    expectOneLineError(run(['--activity', COURSE, '--from', file, '--roster', xlsx]), /staff\.xlsx is a spreadsheet workbook .*not a CSV: open it and save it as "CSV UTF-8 \(Comma delimited\)"/);
    const xls = path.join(work, 'staff.xls');
    writeFileSync(xls, Buffer.from('d0cf11e0a1b11ae100000000', 'hex'));
    expectOneLineError(run(['--activity', COURSE, '--from', file, '--roster', xls]), /staff\.xls is a spreadsheet workbook/);
  });

  it('a roster whose ids Excel stripped of their leading zeros is said on stderr, and the report still comes', () => {
    const file = path.join(work, 'zeros.ndjson');
    writeFileSync(file, `${JSON.stringify(statement({ verb: 'initialized', who: '000123', at: 0 }))}\n`);
    const roster = path.join(work, 'zeros.csv');
    writeFileSync(roster, 'id,name\n123,Ada\n');
    const r = run(['--activity', COURSE, '--from', file, '--roster', roster, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^coursepack report: note: 1 learner is not on .*zeros\.csv though an id there differs from theirs only by leading zeros or capital letters \("123" on the roster, "000123" in the statements\): Excel drops the zeros/);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect((JSON.parse(r.stdout) as { learners: unknown[] }).learners).toHaveLength(2);
  });

  it('a window with a roster says that learners whose statements are all before it show as not started in it', () => {
    const file = path.join(work, 'window.ndjson');
    // ada finished on 1 September; ben started on 10 September; cy never.
    writeFileSync(file, [
      statement({ verb: 'initialized', who: 'ada', at: 0 }), statement({ verb: 'completed', who: 'ada', at: 30, result: { completion: true } }),
      statement({ verb: 'initialized', who: 'ben', at: 9 * 24 * 60 }),
    ].map((x) => JSON.stringify(x)).join('\n'));
    const roster = path.join(work, 'window.csv');
    writeFileSync(roster, 'id,name\nada,Ada\nben,Ben\ncy,Cy\n');
    const r = run(['--activity', COURSE, '--from', file, '--roster', roster, '--since', '2026-09-05', '--format', 'json', '--time-zone', 'UTC']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('coursepack report: note: 2 learners on the roster have no statement in the dates given and show as not started in them, also if they started or finished before: a report without --since and --until shows where each learner stands\n');
    expect((JSON.parse(r.stdout) as { notes: string[] }).notes).toHaveLength(1);
    // Without the window, nothing to say.
    expect(run(['--activity', COURSE, '--from', file, '--roster', roster, '--format', 'json']).stderr).toBe('');
  });

  it('a roster in UTF-16 with tabs (Excel\'s Unicode Text) is read by its byte order mark', async () => {
    const file = path.join(work, 'one-16.ndjson');
    writeFileSync(file, `${JSON.stringify(statement({ verb: 'initialized', at: 0 }))}\n`);
    const roster = path.join(work, 'utf16.csv');
    writeFileSync(roster, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id\tname\tschool\r\nada\tZoë Ada, PhD\tNorth\r\n', 'utf16le')]));
    const r = await runHere(['--activity', COURSE, '--from', file, '--roster', roster, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"name": "Zoë Ada, PhD"');
  });

  it('a roster of e-mail addresses as a staff export writes them (no mailto:, other capitals) matches learners the statements know by mbox', async () => {
    const file = path.join(work, 'mbox.ndjson');
    const maria = { objectType: 'Agent', mbox: 'mailto:Maria.Garcia@District.org', name: 'María García' };
    writeFileSync(file, [
      { ...statement({ verb: 'initialized', at: 0 }), actor: maria },
      { ...statement({ verb: 'completed', at: 30, result: { completion: true } }), actor: maria },
    ].map((x) => JSON.stringify(x)).join('\n'));
    const roster = path.join(work, 'emails.csv');
    writeFileSync(roster, 'id,name,school\nmaria.garcia@district.org,María García,North\nJoe.Lee@District.org,Joe Lee,South\n');
    const r = await runHere(['--activity', COURSE, '--from', file, '--roster', roster, '--group-by', 'school', '--format', 'json']);
    expect(r.code).toBe(0);
    // She completed: not "not started" on the roster and "completed" off it, with a note that no id matched.
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout) as { learners: Array<{ learner: string; status: string }>; summary: Array<{ group: string; enrolled: number; completed: number }> };
    expect(json.learners.map((l) => [l.learner, l.status])).toEqual([
      ['Joe.Lee@District.org', 'not-started'],
      ['mailto:maria.garcia@district.org', 'completed'],
    ]);
    expect(json.summary.map((s) => [s.group, s.enrolled, s.completed])).toEqual([['On the roster', 2, 1], ['North', 1, 1], ['South', 1, 0]]);
  });

  it('a learner known only by mbox_sha1sum is the roster\'s e-mail address it hashes, one person with the same address sent as an mbox', () => {
    const file = path.join(work, 'sha1.ndjson');
    const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
    const as = (actor: Record<string, unknown>, s: Record<string, unknown>) => ({ ...s, actor });
    writeFileSync(file, [
      as({ mbox: 'mailto:maria.garcia@district.org' }, statement({ verb: 'initialized', at: 0 })),
      as({ mbox_sha1sum: sha1('mailto:maria.garcia@district.org') }, statement({ verb: 'completed', at: 30, result: { completion: true } })),
      as({ mbox_sha1sum: sha1('mailto:Bob.Ray@District.org') }, statement({ verb: 'completed', at: 31, result: { completion: true } })),
    ].map((x) => JSON.stringify(x)).join('\n'));
    const roster = path.join(work, 'sha1.csv');
    writeFileSync(roster, 'id,name,school\nMaria.Garcia@district.org,María García,North\nBob.Ray@District.org,Bob Ray,South\n');
    const r = run(['--activity', COURSE, '--from', file, '--roster', roster, '--group-by', 'school', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^coursepack report: note: 1 learner on .*sha1\.csv has more than one account in the statements .*counted as one learner/);
    const json = JSON.parse(r.stdout) as { learners: Array<{ name: string; status: string }>; summary: Array<{ group: string; enrolled: number; completed: number }> };
    expect(json.learners.map((l) => [l.name, l.status])).toEqual([['Bob Ray', 'completed'], ['María García', 'completed']]);
    expect(json.summary.map((s) => [s.group, s.enrolled, s.completed])).toEqual([['On the roster', 2, 2], ['North', 1, 1], ['South', 1, 1]]);
  });

  it('a teacher who took the course under a second account (moved schools) is said by name, not left "not started" in silence', () => {
    const file = path.join(work, 'moved.ndjson');
    writeFileSync(file, [
      statement({ verb: 'initialized', who: '1001', name: 'Jane Doe', at: 0 }), statement({ verb: 'completed', who: '1001', name: 'Jane Doe', at: 30, result: { completion: true } }),
      statement({ verb: 'initialized', who: '3001', name: 'Bob Ray', at: 0 }),
    ].map((x) => JSON.stringify(x)).join('\n'));
    const roster = path.join(work, 'moved.csv');
    writeFileSync(roster, 'id,name,school\n2001,Jane Doe,North\n3001,Bob Ray,South\n');
    const r = run(['--activity', COURSE, '--from', file, '--roster', roster, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^coursepack report: note: 1 learner on .*moved\.csv who has not started has the name of a learner in the statements who is not on it \(Jane Doe: "2001" on the roster, "1001" in the statements\): a second account/);
    expect((JSON.parse(r.stdout) as { notes: string[] }).notes).toHaveLength(1);
  });

  it('a large export (32 MB and more) read by worker threads reports as one thread does, and a malformed statement late in it is one line', () => {
    // Past the size from which the command hands the file to threads. ~2,000 statements of 16 KB each (an
    // extension the report does not read): the same 33 MB as ~41,000 of the player's size, read at about a third
    // of the CPU (the threads' answers for many statements are checked in aggregate-in-threads.test.ts).
    const lines: string[] = [];
    const padding = { extensions: { 'https://example.org/xapi/padding': 'x'.repeat(16_000) } };
    let bytes = 0;
    for (let i = 0; bytes < 33 * 2 ** 20; i++) {
      const made = statement({ verb: i % 5 ? 'experienced' : 'initialized', who: `learner-${i % 997}`, at: i % 600, ...(i % 5 ? {} : { result: { duration: 'PT1M' } }) });
      const line = JSON.stringify({ ...made, context: { ...(made.context as object), ...padding } });
      lines.push(line);
      bytes += line.length + 1;
    }
    const file = path.join(work, 'large.ndjson');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const report = (threads: string) => {
      const r = run(['--activity', COURSE, '--from', file, '--format', 'json', '--threads', threads]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      return { ...(JSON.parse(r.stdout) as { learners: unknown[] }), generatedAt: undefined };
    };
    const one = report('1');
    expect(report('2')).toEqual(one);
    expect(one.learners).toHaveLength(997);
    const broken = [...lines];
    broken[lines.length - 2] = '{"id":"b","actor":{"mbox":"mailto:a@x"},"verb":{"id":"v"},"object":{"id":"o"},"timestamp":"soon"}';
    writeFileSync(file, `${broken.join('\n')}\n`);
    expectOneLineError(run(['--activity', COURSE, '--from', file, '--threads', '2']), new RegExp(`large\\.ndjson:${lines.length - 1}: malformed statement: statement b has no valid timestamp`));
  });

  it('a usage error names the problem and points to --help', () => {
    const r = run(['--from', 'x.ndjson', '--format', 'pdf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^coursepack report: --format takes table, csv, json, html \(got 'pdf'\)\nRun `npx coursepack report --help`/);
  });

  it('no course folder and no --activity', () => {
    expectOneLineError(run(['--from', 'x.ndjson', '--course', path.join(work, 'nowhere')]), /course\.yaml cannot be read/);
  });

  it('a CSV folder written again without --reflections (pseudonymized, to share) loses the earlier run\'s reflections.csv', () => {
    const file = path.join(work, 'reflected.ndjson');
    writeFileSync(file, `${JSON.stringify(statement({ verb: 'initialized', at: 0 }))}\n`);
    const out = path.join(work, 'shared-out');
    expect(run(['--activity', COURSE, '--from', file, '--format', 'csv', '--out', out, '--reflections']).code).toBe(0);
    expect(readdirSync(out)).toContain('reflections.csv');
    const again = run(['--activity', COURSE, '--from', file, '--format', 'csv', '--out', out, '--pseudonymize'], { COURSEPACK_REPORT_SALT: 'district-salt' });
    expect(again.code, again.stderr).toBe(0);
    expect(readdirSync(out)).not.toContain('reflections.csv');
    expect(again.stderr).toMatch(/^Removed .*reflections\.csv, an earlier report's reflections, which this one does not include \(--reflections\)$/m);
    // A file of that name that is no report's stays.
    writeFileSync(path.join(out, 'reflections.csv'), 'my own notes\n');
    expect(run(['--activity', COURSE, '--from', file, '--format', 'csv', '--out', out]).stderr).not.toMatch(/Removed/);
    expect(readFileSync(path.join(out, 'reflections.csv'), 'utf8')).toBe('my own notes\n');
    // Without a salt, the report itself says its pseudonyms can be undone (whoever receives it never saw stderr).
    const unsalted = run(['--activity', COURSE, '--from', file, '--format', 'json', '--pseudonymize']);
    expect((JSON.parse(unsalted.stdout) as { notes: string[] }).notes).toContainEqual(expect.stringMatching(/^pseudonymized without COURSEPACK_REPORT_SALT: the pseudonyms of ids from a known list/));
  });

  it('writes report files readable by their owner alone, whatever the umask', () => {
    const file = path.join(work, 'one-learner.ndjson');
    writeFileSync(file, `${JSON.stringify(statement({ verb: 'initialized', at: 0 }))}\n`);
    const out = path.join(work, 'private-out');
    const r = spawnSync('sh', ['-c', 'umask 022 && exec "$0" "$@"', process.execPath, bin, 'report', '--activity', COURSE, '--from', file, '--format', 'csv', '--out', out], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const modes = readdirSync(out).map((name) => [name, statSync(path.join(out, name)).mode & 0o777]);
    expect(modes.length).toBeGreaterThan(2);
    for (const [name, mode] of modes) expect([name, mode]).toEqual([name, 0o600]);
    // --out naming a file where the folder goes: said as such, not as "EEXIST".
    const blocked = spawnSync(process.execPath, [bin, 'report', '--activity', COURSE, '--from', file, '--format', 'json', '--out', file], { cwd: root, encoding: 'utf8' });
    expect(blocked.status).toBe(2);
    expect(blocked.stderr).toMatch(/cannot write .*report\.json: a file is where its folder should be \(give --out a folder, or a file name in one\)/);
  });

  it('dates in the district\'s time zone: a completion on the evening of the deadline day counts, and reads as that day', async () => {
    // Ada completes at 7 pm on December 20 in Los Angeles: 03:00 on the 21st in UTC.
    const when = (iso: string) => ({ timestamp: iso, stored: iso });
    const file = path.join(work, 'deadline.ndjson');
    writeFileSync(file, [
      { ...statement({ verb: 'initialized', at: 0 }), ...when('2026-12-21T02:00:00.000Z') },
      { ...statement({ verb: 'completed', at: 0 }), ...when('2026-12-21T03:00:00.000Z') },
    ].map((x) => JSON.stringify(x)).join('\n'));
    const base = ['--activity', COURSE, '--from', file, '--until', '2026-12-20'];
    const zoned = JSON.parse((await runHere([...base, '--time-zone', 'America/Los_Angeles', '--format', 'json'])).stdout) as { timeZone: string; filters: { until: string }; learners: Array<{ completed: boolean; completedAt: string }> };
    expect(zoned.timeZone).toBe('America/Los_Angeles');
    expect(zoned.filters.until).toBe('2026-12-21T07:59:59.999Z');
    // JSON stays in UTC, for machines.
    expect(zoned.learners).toMatchObject([{ completed: true, completedAt: '2026-12-21T03:00:00.000Z' }]);
    // Read in UTC, the same deadline ended five hours before she began.
    const utc = JSON.parse((await runHere([...base, '--time-zone', 'UTC', '--format', 'json'])).stdout) as { learners: unknown[] };
    expect(utc.learners).toEqual([]);
    // The machine's zone (TZ) is the default.
    expect(JSON.parse(run([...base, '--format', 'json'], { TZ: 'America/Los_Angeles' }).stdout)).toMatchObject({ timeZone: 'America/Los_Angeles', learners: [{ completed: true }] });

    const table = await runHere([...base, '--time-zone', 'America/Los_Angeles']);
    expect(table.stdout).toContain('Time zone: America/Los_Angeles');
    expect(table.stdout).toContain('Filter: until 2026-12-20 23:59 PST');
    expect(table.stdout).toMatch(/ada\s.*\s2026-12-20 19:00 PST\s/);
    const out = path.join(work, 'zoned-csv');
    expect((await runHere([...base, '--time-zone', 'America/Los_Angeles', '--format', 'csv', '--out', out])).code).toBe(0);
    const learners = readFileSync(path.join(out, 'learners.csv'), 'utf8');
    expect(learners).toContain(',2026-12-20T19:00:00.000-08:00,');
  });

  it('reads the course IRI from course.yaml (xapi.activityBase) and reports an empty export', () => {
    const course = path.join(work, 'course');
    const file = path.join(work, 'empty.ndjson');
    spawnSync('mkdir', ['-p', course]);
    writeFileSync(path.join(course, 'course.yaml'), 'id: demo\ntitle: Demo\nxapi:\n  activityBase: https://district.example.org/courses/demo/\n');
    writeFileSync(file, '');
    const r = run(['--from', file, '--course', course]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // As written, slash included: it is the course activity's id in every statement the player sends.
    expect(r.stdout).toContain('Course: Demo <https://district.example.org/courses/demo/>');
  });
});

describe('coursepack report from several exports', () => {
  it('--from with a shell pattern\'s names, a pattern no shell expanded and --from again read every file; --out a .html file; --since twice is refused, not the first dropped', () => {
    const days = ['day-1', 'day-2', 'day-3'].map((name, i) => {
      const file = path.join(work, `${name}.ndjson`);
      writeFileSync(file, `${JSON.stringify(statement({ verb: 'initialized', at: i * 60, who: `learner-${i}`, name: `Learner ${i}` }))}\n`);
      return file;
    });
    const [one, two, three] = days as [string, string, string];
    for (const args of [['--from', one, two, three], ['--from', one, '--from', two, '--from', three]]) {
      const r = run(['--activity', COURSE, ...args, '--format', 'json', '--out', path.join(work, 'days')]);
      expect(r.stderr).toMatch(/^Wrote .*report\.json\n$/);
      expect(r.code).toBe(0);
      const json = JSON.parse(readFileSync(path.join(work, 'days', 'report.json'), 'utf8')) as { source: string; learners: Array<{ name: string }> };
      expect(json.learners.map((l) => l.name).sort()).toEqual(['Learner 0', 'Learner 1', 'Learner 2']);
      expect(json.source).toBe('exports day-1.ndjson, day-2.ndjson, day-3.ndjson');
    }
    // --out with the format's extension is the report file itself (it was a folder of that name holding report.html).
    const html = path.join(work, 'weekly', 'week-12.html');
    const written = run(['--activity', COURSE, '--from', path.join(work, 'day-*.ndjson'), '--format', 'html', '--out', html]);
    expect(written.code).toBe(0);
    expect(statSync(html).isFile()).toBe(true);
    expect(readFileSync(html, 'utf8')).toContain('Learner 2');
    const twice = run(['--activity', COURSE, '--from', one, '--since', '2026-09-01', '--since', '2026-10-01']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/^coursepack report: --since is given twice: give it once/);
  });
});

describe('coursepack report: the course IRI a character off', () => {
  it('says which statements name the course written another way, and the --activity to give, where it showed everyone not started', async () => {
    const file = path.join(work, 'slash.ndjson');
    writeFileSync(file, `${JSON.stringify(statement({ verb: 'initialized', at: 0 }))}\n${JSON.stringify(statement({ verb: 'terminated', at: 5 }))}\n`);
    const r = run(['--activity', `${COURSE}/`, '--from', file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`coursepack report: note: 2 statements about ${COURSE} (without the slash at the end) are left out as another course: the report counts ${COURSE}/ exactly; if it is this course, give --activity ${COURSE}\n`);
    expect(r.stdout).toMatch(/Statements: 0 counted of 2 read; left out: .*2 other courses/);
    // Kept in the files people read later, who never saw the run's stderr.
    const out = path.join(work, 'slash-report');
    expect((await runHere(['--activity', `${COURSE}/`, '--from', file, '--format', 'json', '--out', out])).code).toBe(0);
    const json = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as { notes: string[] };
    expect(json.notes).toEqual([`2 statements about ${COURSE} (without the slash at the end) are left out as another course: the report counts ${COURSE}/ exactly; if it is this course, give --activity ${COURSE}`]);
    expect((await runHere(['--activity', `${COURSE}/`, '--from', file, '--format', 'html', '--out', out])).code).toBe(0);
    expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toContain(`<dt>Note</dt><dd><ul><li>2 statements about ${COURSE} (without the slash at the end) are left out`);
  });
});

describe('coursepack report start-up', () => {
  it('from an export loads no HTTP client: @xapi/xapi (axios: http, https, http2) loads when an LRS is read', () => {
    const file = path.join(work, 'start-up.ndjson');
    writeFileSync(file, `${JSON.stringify(statement({ verb: 'initialized', at: 0 }))}\n`);
    const list = path.join(work, 'start-up-builtins.txt');
    const r = run(['--activity', COURSE, '--from', file], {
      NODE_OPTIONS: `--require ${path.join(root, 'test/helpers/list-builtins-at-exit.cjs')}`,
      LIST_BUILTINS_TO: list,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const builtins = readFileSync(list, 'utf8').split('\n');
    // The check checks: the command ran and loaded its own modules.
    expect(builtins).toContain('fs');
    for (const client of ['http', 'https', 'http2']) expect(builtins).not.toContain(client);
  });
});

describe('progress line', () => {
  const stream = (isTTY: boolean) => {
    const written: string[] = [];
    return { written, stream: { isTTY, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream };
  };

  it('shows on a terminal once a sync has taken a second, and ends with a summary', () => {
    let now = 0;
    const t = stream(true);
    const progress = startProgress(t.stream, 'Reading statements', () => now);
    progress.update(500, 1);
    expect(t.written).toEqual([]);
    now = 2000;
    progress.update(1000, 2);
    progress.done('1000 statements in 2 pages');
    expect(t.written[0]).toMatch(/^\rReading statements: 1,000 statements, 2 pages, 500\/s/);
    expect(t.written.at(-1)).toBe('\r\u001b[KReading statements: 1000 statements in 2 pages\n');
  });

  it('a note (a page asked for again) stays on its own line: over the progress line on a terminal, and in a log too', () => {
    let now = 0;
    const t = stream(true);
    const progress = startProgress(t.stream, 'Reading statements', () => now);
    progress.note('page 1 from the LRS: HTTP 503; trying again in 1 s (try 2 of 6)');
    now = 2000;
    progress.update(1000, 2);
    progress.note('page 3 from the LRS: HTTP 429; trying again in 7 s (try 2 of 6)');
    expect(t.written).toEqual([
      'page 1 from the LRS: HTTP 503; trying again in 1 s (try 2 of 6)\n',
      expect.stringMatching(/^\rReading statements: 1,000 statements, 2 pages/),
      '\r\u001b[Kpage 3 from the LRS: HTTP 429; trying again in 7 s (try 2 of 6)\n',
    ]);
    const log = stream(false);
    startProgress(log.stream, 'Reading statements', () => now).note('page 1 from the LRS: HTTP 503; trying again in 1 s (try 2 of 6)');
    expect(log.written).toEqual(['page 1 from the LRS: HTTP 503; trying again in 1 s (try 2 of 6)\n']);
  });

  it('prints nothing when stderr is not a terminal', () => {
    let now = 0;
    const t = stream(false);
    const progress = startProgress(t.stream, 'Reading statements', () => now);
    now = 5000;
    progress.update(1000, 2);
    progress.done('done');
    expect(t.written).toEqual([]);
  });
});

describe('coursepack report: the --activity it says to give can be pasted into a shell', () => {
  it('quotes an IRI that holds a shell\'s characters (&, \', $, !, #), which went on the line bare', () => {
    const iri = "https://example.org/c?a=1&b=it's$b!#top";
    const file = path.join(work, 'hostile-iri.ndjson');
    writeFileSync(file, `${JSON.stringify(statement({ verb: 'initialized', at: 0, otherCourse: `${iri}/` }))}\n`);
    const r = run(['--activity', iri, '--from', file]);
    expect(r.code).toBe(0);
    const given = /give (--activity .*)\n$/.exec(r.stderr)?.[1] ?? '';
    expect(shellWords(`npx coursepack report ${given}`, 'bash')).toEqual(['npx', 'coursepack', 'report', '--activity', `${iri}/`]);
  });
});
