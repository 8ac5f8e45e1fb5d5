/**
 * `coursepack lrs forget` as an admin runs it (the command in a child process), against a database the LRS is
 * serving at the same time: a dry run by default, --yes removes one learner and leaves the other served.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestKey, bundleLrsRunner, spawnLrs, type EmbeddedLrs } from '../helpers/embedded-lrs.js';

const work = mkdtempSync(join(tmpdir(), 'cp-lrs-forget-cli-'));
const db = join(work, 'lrs.sqlite');
let runner: string;
let server: EmbeddedLrs;
let headers: Record<string, string>;

const ana = { objectType: 'Agent', mbox: 'mailto:ana@district.org' };
const bob = { objectType: 'Agent', mbox: 'mailto:bob@district.org' };

function lrs(args: string[]) {
  const r = spawnSync(process.execPath, [runner, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function post(body: unknown): Promise<string[]> {
  const r = await fetch(`${server.endpoint}/statements`, { method: 'POST', headers, body: JSON.stringify(body) });
  expect(r.status).toBe(200);
  return (await r.json()) as string[];
}

async function statementsOf(agent: unknown): Promise<string[]> {
  const r = await fetch(`${server.endpoint}/statements?agent=${encodeURIComponent(JSON.stringify(agent))}`, { headers });
  expect(r.status).toBe(200);
  return ((await r.json()) as { statements: { id: string }[] }).statements.map((s) => s.id);
}

const experienced = (actor: unknown, page: string) => ({
  actor,
  verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
  object: { objectType: 'Activity', id: `https://coursepack.invalid/courses/c1/pages/${page}` },
});

beforeAll(async () => {
  runner = await bundleLrsRunner();
  const { auth } = addTestKey(db, 'admin');
  headers = { Authorization: auth, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' };
  server = await spawnLrs(db, ['--quiet'], auth);
}, 60_000);
afterAll(async () => {
  await server.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('coursepack lrs forget', () => {
  it('says what it would remove, removes nothing without --yes, then removes one learner while the server runs', async () => {
    const anaIds = await post([experienced(ana, 'p1'), experienced(ana, 'p2'), experienced(ana, 'p3')]);
    const bobIds = await post([experienced(bob, 'p1'), experienced(bob, 'p2')]);
    // An admin voids one of Ana's: the pair goes together.
    const [voiding] = await post({ actor: { mbox: 'mailto:admin@district.org' }, verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { objectType: 'StatementRef', id: anaIds[0] } });

    const dry = lrs(['forget', '--agent', 'mailto:ana@district.org', '--db', db]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toBe([
      `coursepack lrs: forgetting mailto:ana@district.org would remove from ${db}:`,
      '  3 statements with them as actor or object',
      '  1 statement voiding those',
      '  0 State or Agent Profile documents',
      '  0 attachments no other statement uses',
      '  0 names kept for them',
      `Nothing was removed. To remove these for good: npx coursepack lrs forget --agent mailto:ana@district.org --db ${db} --yes`,
      '',
    ].join('\n'));
    // The `agent` filter matches a voiding statement through its target (Communication §2.1.3).
    expect((await statementsOf(ana)).sort()).toEqual([...anaIds.slice(1), voiding].sort());

    const done = lrs(['forget', '--agent', 'mailto:ana@district.org', '--db', db, '--yes']);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain(`coursepack lrs: removed mailto:ana@district.org from ${db}:\n  3 statements with them as actor or object\n  1 statement voiding those\n`);
    expect(done.stdout).toMatch(/delete each report --sync FILE and FILE\.cursor\.json \(the next report reads everything again\)/);
    expect(done.stdout).toMatch(/The file keeps its size \(\d+\.\d MB unused, which new statements reuse\); to shrink it, stop the LRS and run: sqlite3 .*lrs\.sqlite VACUUM/);
    expect(done.stderr).toBe('');

    // The server, still running, serves Bob's and no more of Ana's, and goes on storing.
    expect(await statementsOf(ana)).toEqual([]);
    expect((await statementsOf(bob)).sort()).toEqual([...bobIds].sort());
    const r = await fetch(`${server.endpoint}/statements?voidedStatementId=${anaIds[0] ?? ''}`, { headers });
    expect(r.status).toBe(404);
    await post(experienced(bob, 'p3'));
    expect(await statementsOf(bob)).toHaveLength(3);
  }, 30_000);

  it('an agent with nothing stored removes nothing and exits 0', () => {
    const r = lrs(['forget', '--agent', 'account:https://lms.district.org|nobody', '--db', db, '--yes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`coursepack lrs: no statements, documents or names of account:https://lms.district.org|nobody in ${db}; nothing to remove.\n`);
  });

  it.each([
    [['forget', '--agent', 'ana@district.org'], /--agent 'ana@district\.org' names no agent \(an e-mail address is written --agent 'mailto:ana@district\.org'\)/],
    [['forget', '--agent', '{"name": "Ana"}'], /'--agent' is not a valid Agent: it needs exactly one of mbox, mbox_sha1sum, openid, account \(found 0\)/],
    [['forget'], /forget needs --agent/],
    [['forget', '--agent', 'mailto:a@b.c', '--port', '1'], /--port is for serving, not for forget/],
    [['--yes'], /--agent and --yes are for forget/],
  ])('%j exits 2 with one plain line', (args, message) => {
    const r = lrs([...args, '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a mistyped --db makes no database', () => {
    const r = lrs(['forget', '--agent', 'mailto:ana@district.org', '--db', join(work, 'lrs.sqllite')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no database at .*lrs\.sqllite; give the --db the LRS serves \(npx coursepack lrs forget --agent AGENT --db FILE\)/);
  });
});
