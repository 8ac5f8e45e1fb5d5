/**
 * Forgetting one person (src/lrs/forget-agent.ts, store-sqlite.ts forgetAgent): what goes (their statements,
 * the voiding ones of those, documents, names, attachments only they used), what stays (others' statements,
 * those naming them only as instructor), a dry run that changes nothing, and a file that keeps no byte of it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { AgentArgumentError, forgetAgent, readAgentArgument } from '../../src/lrs/index.js';
import { makeLrs, statement } from './lrs-fixture.js';

const work = mkdtempSync(join(tmpdir(), 'cp-lrs-forget-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ana = { objectType: 'Agent', name: 'Ana Pereira', mbox: 'mailto:ana@district.org' };
const bob = { objectType: 'Agent', name: 'Bob Ng', mbox: 'mailto:bob@district.org' };
const teacher = { objectType: 'Agent', mbox: 'mailto:teacher@district.org' };
const ACTIVITY = 'https://coursepack.invalid/courses/c1';

function sha2(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A POST body carrying `statement` and its attachments' contents (Communication §1.5.2, multipart/mixed). */
function multipart(s: Record<string, unknown>, contents: readonly string[]): { headers: Record<string, string>; body: Buffer } {
  const parts = [`--b1\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(s)}\r\n`];
  for (const c of contents) parts.push(`--b1\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${sha2(c)}\r\n\r\n${c}\r\n`);
  return { headers: { 'content-type': 'multipart/mixed; boundary=b1' }, body: Buffer.from(`${parts.join('')}--b1--\r\n`) };
}

function attachment(content: string): Record<string, unknown> {
  return { usageType: 'http://id.tincanapi.com/attachment/supporting_media', display: { en: 'essay' }, contentType: 'text/plain', length: content.length, sha2: sha2(content) };
}

/** The database and its WAL as bytes: what a copy of the file, or someone reading the disk, would find. */
function fileBytes(file: string): string {
  return [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('');
}

describe('forgetting an agent in the store', () => {
  const file = join(work, 'lrs.sqlite');
  const lrs = makeLrs({}, file);
  const post = (s: Record<string, unknown>, contents: readonly string[] = []): string => {
    const answer = contents.length ? lrs.call('POST', 'statements', multipart(s, contents)) : lrs.call('POST', 'statements', { body: s });
    expect(answer.status, answer.text).toBe(200);
    return (answer.json as string[])[0] as string;
  };
  const ids = (params: Record<string, string>): string[] => (lrs.call('GET', 'statements', { params }).json.statements as { id: string }[]).map((s) => s.id);

  const essay = 'ANA-ESSAY-ONLY-HERS';
  const shared = 'A-HANDOUT-BOTH-SENT';
  const anaOwn = post(statement({ actor: ana, result: { response: 'ANA-REFLECTION-TEXT' }, attachments: [attachment(essay)] }), [essay]);
  const anaVoided = post(statement({ actor: ana }));
  const anaShared = post(statement({ actor: ana, attachments: [attachment(shared)] }), [shared]);
  const aboutAna = post(statement({ actor: teacher, verb: { id: 'http://adlnet.gov/expapi/verbs/mentored' }, object: ana }));
  const anaHashed = post(statement({ actor: { mbox_sha1sum: createHash('sha1').update(ana.mbox).digest('hex') } }));
  const voiding = post(statement({ actor: teacher, verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { objectType: 'StatementRef', id: anaVoided } }));
  const bobOwn = post(statement({ actor: bob, context: { instructor: ana } }));
  const bobShared = post(statement({ actor: bob, attachments: [attachment(shared)] }), [shared]);
  // Another tool's: a Group of two that worked together, Ana one of them (in another case). The agent filter matches it
  // (Communication §2.1.3 counts a Group's members), but it is the pair's statement, so it stays; Ana is counted as named there.
  const pair = post(statement({ actor: { objectType: 'Group', member: [bob, { mbox: 'mailto:Ana@District.org' }] } }));
  const comment = post(statement({ actor: teacher, verb: { id: 'http://adlnet.gov/expapi/verbs/commented' }, object: { objectType: 'StatementRef', id: anaOwn } }));
  const doc = (agent: unknown, stateId: string) => ({ activityId: ACTIVITY, agent: JSON.stringify(agent), stateId });
  for (const [agent, stateId] of [[ana, 'bookmark'], [ana, 'notes'], [bob, 'bookmark']] as const) {
    expect(lrs.call('PUT', 'activities/state', { params: doc(agent, stateId), headers: { 'content-type': 'text/plain' }, body: `STATE-OF-${agent.name}` }).status).toBe(204);
  }
  expect(lrs.call('PUT', 'agents/profile', { params: { agent: JSON.stringify(ana), profileId: 'prefs' }, headers: { 'content-type': 'text/plain', 'if-none-match': '*' }, body: 'large print' }).status).toBe(204);
  const expected = { statements: 5, voiding: 1, documents: 3, attachments: 1, names: 1, namedElsewhere: 2 };

  it('a dry run counts what would go and changes nothing', () => {
    const before = fileBytes(file);
    const everything = ids({ limit: '0' });
    expect(forgetAgent(lrs.deps.store, readAgentArgument('mailto:ana@district.org'), false)).toMatchObject(expected);
    expect(ids({ limit: '0' })).toEqual(everything);
    expect(lrs.call('GET', 'statements', { params: { voidedStatementId: anaVoided } }).status).toBe(200);
    expect(fileBytes(file)).toBe(before);
  });

  it('removes their statements, the voiding of one, their documents and names, and what only they attached', () => {
    expect(fileBytes(file)).toContain('ANA-REFLECTION-TEXT');
    expect(fileBytes(file)).toContain(essay);
    const counts = forgetAgent(lrs.deps.store, readAgentArgument('mailto:ana@district.org'), true);
    expect(counts).toMatchObject(expected);
    expect(counts.walKept).toBe(false);
    for (const id of [anaOwn, anaShared, aboutAna, anaHashed, voiding]) expect(lrs.call('GET', 'statements', { params: { statementId: id } }).status).toBe(404);
    expect(lrs.call('GET', 'statements', { params: { voidedStatementId: anaVoided } }).status).toBe(404);
    expect(ids({ agent: JSON.stringify({ mbox: ana.mbox }) })).toEqual([pair]);
    // Others' statements stay: Bob's (one naming Ana as his instructor), the pair's, the teacher's comment on a removed one.
    expect(ids({ limit: '0' }).sort()).toEqual([bobOwn, bobShared, pair, comment].sort());
    expect(ids({ agent: JSON.stringify({ mbox: ana.mbox }), related_agents: 'true' }).sort()).toEqual([bobOwn, pair].sort());
    // The comment no longer matches a filter through the statement it referred to.
    expect(ids({ activity: ACTIVITY })).not.toContain(comment);
    expect(lrs.call('GET', 'statements', { params: { statementId: bobShared, attachments: 'true' } }).text).toContain(shared);
    expect(lrs.call('GET', 'activities/state', { params: doc(ana, 'bookmark') }).status).toBe(404);
    expect(lrs.call('GET', 'activities/state', { params: doc(bob, 'bookmark') }).text).toBe('STATE-OF-Bob Ng');
    expect(lrs.call('GET', 'agents/profile', { params: { agent: JSON.stringify(ana), profileId: 'prefs' } }).status).toBe(404);
    expect(lrs.call('GET', 'agents', { params: { agent: JSON.stringify({ mbox: ana.mbox }) } }).json.name ?? []).toEqual([]);
    // Overwritten, not only unlinked: neither the database nor its WAL keeps the bytes.
    const after = fileBytes(file);
    for (const gone of ['ANA-REFLECTION-TEXT', essay, 'STATE-OF-Ana', 'large print']) expect(after, gone).not.toContain(gone);
    expect(after).toContain('STATE-OF-Bob');
  });

  it('then finds nothing more to remove, and the LRS goes on storing', () => {
    expect(forgetAgent(lrs.deps.store, readAgentArgument('mailto:ANA@district.org'), true)).toMatchObject({ statements: 0, voiding: 0, documents: 0, attachments: 0, names: 0 });
    post(statement({ actor: bob }));
    // His two, the pair's (he is a member) and the new one.
    expect(ids({ agent: JSON.stringify({ mbox: bob.mbox }) })).toHaveLength(4);
    lrs.close();
  });
});

describe('forgetting an account', () => {
  it('takes the records sent under the same homePage with or without a trailing slash, however the admin capitalises its host, and no one else\'s', () => {
    const lrs = makeLrs({}, join(work, 'accounts.sqlite'));
    const as = (homePage: string, name: string) => (lrs.call('POST', 'statements', { body: statement({ actor: { account: { homePage, name } } }) }).json as string[])[0] as string;
    const hers = [as('https://lms.district.org', 'ana.p'), as('https://lms.district.org/', 'ana.p')];
    const others = [as('https://lms.district.org', 'ana.q'), as('https://lms.district.org/other', 'ana.p'), as('https://lms.district.org/', 'ANA.P')];
    expect(forgetAgent(lrs.deps.store, readAgentArgument('account:HTTPS://LMS.District.org|ana.p'), false)).toMatchObject({ statements: 2 });
    expect(forgetAgent(lrs.deps.store, readAgentArgument('account:https://lms.district.org/|ana.p'), true)).toMatchObject({ statements: 2 });
    for (const id of hers) expect(lrs.call('GET', 'statements', { params: { statementId: id } }).status).toBe(404);
    for (const id of others) expect(lrs.call('GET', 'statements', { params: { statementId: id } }).status).toBe(200);
    lrs.close();
  });
});

describe('forgetting an agent with many statements', () => {
  // Enough statements that SQLite splits pages while they are stored: a split moves cells and left their old
  // bytes in the pages' unused space, written by the server's connection, where forget's overwriting never looked.
  it('leaves no byte of their address in the file, however the pages were split while storing', () => {
    const file = join(work, 'many.sqlite');
    const lrs = makeLrs({}, file);
    const zoe = { objectType: 'Agent', name: 'Zoe Quist', mbox: 'mailto:zoe.quist@district.org' };
    for (let i = 0; i < 20; i++) {
      const batch = Array.from({ length: 50 }, (_, j) => statement({ actor: zoe, object: { objectType: 'Activity', id: `${ACTIVITY}/pages/p${i}-${j}` } }));
      expect(lrs.call('POST', 'statements', { body: batch }).status).toBe(200);
    }
    expect(lrs.call('POST', 'statements', { body: statement({ actor: bob }) }).status).toBe(200);
    expect(forgetAgent(lrs.deps.store, readAgentArgument(zoe.mbox), true)).toMatchObject({ statements: 1000 });
    lrs.close();
    expect(fileBytes(file)).not.toContain('zoe.quist');
    expect(fileBytes(file)).toContain('bob@district.org');
  });
});

describe('forgetting an agent while the server writes', () => {
  // Which statements carry the agent's attachments is a scan of every body; in the write transaction it kept the
  // server's statements waiting (10 s for 40 attachments among 200,000 statements: 503 past its 5 s busy_timeout).
  it('holds the write lock for a small part of the work, however many statements it scans', async () => {
    const file = join(work, 'busy.sqlite');
    const lrs = makeLrs({}, file);
    for (let i = 0; i < 8; i++) {
      const batch = Array.from({ length: 500 }, (_, j) => statement({ actor: { mbox: `mailto:learner${j}@district.org` }, result: { response: 'a reflection of some length '.repeat(8) } }));
      expect(lrs.call('POST', 'statements', { body: batch }).status).toBe(200);
    }
    for (let k = 0; k < 60; k++) {
      const essay = `ESSAY-${k}`;
      expect(lrs.call('POST', 'statements', multipart(statement({ actor: ana, attachments: [attachment(essay)] }), [essay])).status).toBe(200);
    }
    // Another process's writer: how long, at most, it could not take the write lock while forget ran.
    const probe = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const db = new (require('better-sqlite3'))(workerData);
       db.pragma('busy_timeout = 0');
       let stop = false, since, longest = 0;
       parentPort.on('message', () => { stop = true; });
       parentPort.postMessage('ready');
       const tick = () => {
         for (let i = 0; i < 50; i++) {
           try { db.exec('BEGIN IMMEDIATE; ROLLBACK'); if (since !== undefined) longest = Math.max(longest, performance.now() - since); since = undefined; }
           catch { since ??= performance.now(); }
         }
         if (stop) { db.close(); parentPort.postMessage(longest); } else setImmediate(tick);
       };
       tick();`,
      { eval: true, workerData: file },
    );
    await new Promise((resolve) => probe.once('message', resolve));
    const started = performance.now();
    expect(forgetAgent(lrs.deps.store, readAgentArgument(ana.mbox), true)).toMatchObject({ statements: 60, attachments: 60 });
    const took = performance.now() - started;
    const longest = await new Promise<number>((resolve) => {
      probe.once('message', resolve);
      probe.postMessage('stop');
    });
    await probe.terminate();
    lrs.close();
    expect(longest / took, `write lock held ${Math.round(longest)} ms of ${Math.round(took)} ms`).toBeLessThan(0.5);
  }, 120_000);
});

describe('the agent an admin names on the command line', () => {
  it.each([
    ['mailto:ana@district.org', { mbox: 'mailto:ana@district.org' }],
    ['account:https://lms.district.org|ana.p', { account: { homePage: 'https://lms.district.org', name: 'ana.p' } }],
    // As reports and --trusted-authority write an account.
    ['https://lms.district.org|12|7', { account: { homePage: 'https://lms.district.org', name: '12|7' } }],
    ['{"objectType": "Group", "openid": "https://id.district.org/team-4"}', { objectType: 'Group', openid: 'https://id.district.org/team-4' }],
  ])('reads %s', (text, agent) => {
    expect(readAgentArgument(text)).toEqual(agent);
  });

  it.each([
    ['ana@district.org', /names no agent \(an e-mail address is written --agent 'mailto:ana@district\.org'\)/],
    ['ana', /--agent 'ana' names no agent; give mailto:ADDRESS, account:HOMEPAGE\|NAME, or an xAPI Agent as JSON/],
    ['{"mbox": ', /is not valid JSON; give mailto:ADDRESS/],
    ['{"mbox": "mailto:a@b.c", "openid": "https://x.org/a"}', /needs exactly one of mbox, mbox_sha1sum, openid, account \(found 2\)/],
    ['account:lms|ana', /account needs an IRL homePage/],
  ])('refuses %s, saying what to write', (text, message) => {
    expect(() => readAgentArgument(text)).toThrow(AgentArgumentError);
    expect(() => readAgentArgument(text)).toThrow(message);
  });
});
