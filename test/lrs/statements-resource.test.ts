/**
 * The Statement resource's rules, through routeRequest without sockets (Communication §2.1).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeLrs, statement } from './lrs-fixture.js';

const ID = 'aaaaaaaa-0000-4000-8000-000000000001';
const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';
let lrs = makeLrs();
afterEach(() => {
  lrs.close();
  lrs = makeLrs();
});

describe('storing statements', () => {
  it('POST stores a batch, answers the ids in order, and GET returns them with stored, authority, version and timestamp', () => {
    const posted = lrs.call('POST', 'statements', { body: [statement({ id: ID }), statement()] });
    expect(posted.status).toBe(200);
    expect(posted.json).toEqual([ID, '00000000-0000-4000-8000-000000000001']);
    const got = lrs.call('GET', 'statements', { params: { statementId: ID } });
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({ id: ID, version: '1.0.0', authority: { objectType: 'Agent', account: { name: 'a' } } });
    expect(got.json.timestamp).toBe(got.json.stored);
    expect(got.headers['last-modified']).toBe(new Date(got.json.stored).toUTCString());
    expect(got.headers['x-experience-api-consistent-through']).toMatch(/^\d{4}-/);
  });

  it('turns single context activities into arrays (Data §2.4.6.2)', () => {
    lrs.call('POST', 'statements', { body: statement({ id: ID, context: { contextActivities: { parent: { id: 'http://x.org/p' } } } }) });
    expect(lrs.call('GET', 'statements', { params: { statementId: ID } }).json.context.contextActivities.parent).toEqual([{ id: 'http://x.org/p' }]);
  });

  it('accepts an identical re-send (204, once stored) and refuses the same id with other content (409)', () => {
    expect(lrs.call('PUT', 'statements', { params: { statementId: ID }, body: statement() }).status).toBe(204);
    expect(lrs.call('PUT', 'statements', { params: { statementId: ID }, body: statement({ id: ID }) }).status).toBe(204);
    expect(lrs.call('POST', 'statements', { body: [statement({ id: ID })] }).status).toBe(200);
    const conflict = lrs.call('PUT', 'statements', { params: { statementId: ID }, body: statement({ verb: { id: 'http://x.org/other' } }) });
    expect(conflict.status).toBe(409);
    expect(lrs.call('GET', 'statements').json.statements).toHaveLength(1);
  });

  it.each([
    ['malformed JSON', '{"actor":', 400, /not valid JSON/],
    ['an empty body', '', 400, /empty/],
    ['a bad verb IRI', statement({ verb: { id: 'not an iri' } }), 400, /verb\.id/],
    ['an unknown property', statement({ colour: 'red' }), 400, /colour/],
    ['an empty batch', [], 400, /empty/],
    ['the same id twice in a batch', [statement({ id: ID }), statement({ id: ID })], 400, /twice/],
    ['JSON nested 10,000 levels deep', `${'['.repeat(10_000)}${']'.repeat(10_000)}`, 400, /nested more than 64/],
    ['an extension nested 1,000 levels deep', JSON.stringify(statement({ result: { extensions: { 'http://x.org/e': JSON.parse(`${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}`) } } })), 400, /nested/],
  ])('refuses %s with %i and a message', (_name, body, status, message) => {
    const answer = lrs.call('POST', 'statements', { body });
    expect(answer.status).toBe(status);
    expect(answer.json.message).toMatch(message);
    expect(lrs.call('GET', 'statements').json.statements).toEqual([]);
  });

  it('refuses a batch over the limit with 413, and all of a batch when one statement is invalid', () => {
    const small = makeLrs({ maxBatch: 2 });
    expect(small.call('POST', 'statements', { body: [statement(), statement(), statement()] }).status).toBe(413);
    small.close();
    expect(lrs.call('POST', 'statements', { body: [statement(), statement({ verb: {} })] }).status).toBe(400);
    expect(lrs.call('GET', 'statements').json.statements).toEqual([]);
  });

  it.each([
    ['PUT without statementId', {}, 400],
    ['PUT with a statementId that is no UUID', { statementId: 'nope' }, 400],
    ['PUT whose body id differs', { statementId: 'aaaaaaaa-0000-4000-8000-000000000009' }, 400],
  ])('%s → %i', (_name, params, status) => {
    expect(lrs.call('PUT', 'statements', { params, body: statement({ id: ID }) }).status).toBe(status);
  });
});

/**
 * Communication §2.1.1/§2.1.2: 409 only when the statements do not match per the statement comparison
 * requirements. Data §2.3.1: differences that "could have been caused by exceptions to Statement
 * immutability MUST be ignored": what the LRS sets (id, authority, stored, timestamp, version),
 * Activity Definitions, a Verb's display, timestamp serialization, case where it is not significant,
 * and the order of Group members.
 */
describe('re-sending a statement (Data §2.3.1 statement comparison)', () => {
  const ref = 'dddddddd-0000-4000-8000-0000000000aa';
  const reg = 'eeeeeeee-0000-4000-8000-0000000000bb';
  const m1 = { mbox: 'mailto:m1@example.org', name: 'One' };
  const m2 = { mbox_sha1sum: 'a9993e364706816aba3e25717850c26c9cd0d89d' };
  const m3 = { account: { homePage: 'https://h.example.org', name: 'm3' } };
  const act = (id: string, name?: string) => ({ objectType: 'Activity', id: `https://coursepack.invalid/${id}`, ...(name ? { definition: { name: { 'en-US': name } } } : {}) });
  const sub = (over: Record<string, unknown> = {}) => ({
    objectType: 'SubStatement',
    actor: { mbox: 'mailto:sub@example.org' },
    verb: { id: 'http://adlnet.gov/expapi/verbs/attempted', display: { 'en-US': 'attempted' } },
    object: act('sub', 'Sub'),
    context: { contextActivities: { parent: [act('subparent', 'Parent')] } },
    timestamp: '2026-02-01T10:00:00Z',
    ...over,
  });

  it('accepts exactly what GET returned for a statement sent without timestamp (the LRS set timestamp, stored, authority, version)', () => {
    expect(lrs.call('PUT', 'statements', { params: { statementId: ID }, body: statement() }).status).toBe(204);
    const got = lrs.call('GET', 'statements', { params: { statementId: ID } }).json;
    expect(got.timestamp).toBe(got.stored);
    expect(lrs.call('PUT', 'statements', { params: { statementId: ID }, body: got }).status).toBe(204);
    expect(lrs.call('POST', 'statements', { body: [got] }).status).toBe(200);
    expect(lrs.call('GET', 'statements').json.statements).toEqual([got]);
  });

  it.each([
    ['a verb display changed', statement(), statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'fr-FR': 'a vécu' } } })],
    ['a verb display left out', statement(), statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' } })],
    ['the object activity definition changed', statement({ object: act('a', 'Before') }), statement({ object: act('a', 'After') })],
    ['the object activity definition left out', statement({ object: act('a', 'Before') }), statement({ object: act('a') })],
    [
      'context activity definitions changed (a list, and a single object)',
      statement({ context: { contextActivities: { parent: [act('p', 'P1')], grouping: act('g', 'G1') } } }),
      statement({ context: { contextActivities: { parent: [act('p', 'P2')], grouping: [act('g')] } } }),
    ],
    ['a SubStatement verb display changed', statement({ object: sub() }), statement({ object: sub({ verb: { id: 'http://adlnet.gov/expapi/verbs/attempted', display: { de: 'versucht' } } }) })],
    ['a SubStatement object definition changed', statement({ object: sub() }), statement({ object: sub({ object: act('sub', 'Other') }) })],
    [
      'a SubStatement context activity definition changed',
      statement({ object: sub() }),
      statement({ object: sub({ context: { contextActivities: { parent: [act('subparent')] } } }) }),
    ],
    ['a SubStatement timestamp in another serialization', statement({ object: sub() }), statement({ object: sub({ timestamp: '2026-02-01T11:00:00.000+01:00' }) })],
    ['anonymous Group actor members in another order', statement({ actor: { objectType: 'Group', member: [m1, m2, m3] } }), statement({ actor: { objectType: 'Group', member: [m3, m1, m2] } })],
    [
      'Identified Group actor members in another order',
      statement({ actor: { objectType: 'Group', mbox: 'mailto:g@example.org', member: [m1, m2] } }),
      statement({ actor: { objectType: 'Group', mbox: 'mailto:g@example.org', member: [m2, m1] } }),
    ],
    ['Group object members in another order', statement({ object: { objectType: 'Group', member: [m1, m2] } }), statement({ object: { objectType: 'Group', member: [m2, m1] } })],
    [
      'context team and instructor Group members in another order',
      statement({ context: { team: { objectType: 'Group', member: [m1, m2, m3] }, instructor: { objectType: 'Group', member: [m2, m3] } } }),
      statement({ context: { team: { objectType: 'Group', member: [m2, m3, m1] }, instructor: { objectType: 'Group', member: [m3, m2] } } }),
    ],
    ['SubStatement actor Group members in another order', statement({ object: sub({ actor: { objectType: 'Group', member: [m1, m2] } }) }), statement({ object: sub({ actor: { objectType: 'Group', member: [m2, m1] } }) })],
    ['an mbox in another case', statement({ actor: { mbox: 'mailto:cmp@example.org' } }), statement({ actor: { mbox: 'mailto:cmp@EXAMPLE.org' } })],
    [
      'mbox and mbox_sha1sum in another case in members, team and instructor',
      statement({ actor: { objectType: 'Group', member: [m1, m2] }, context: { instructor: { mbox: 'mailto:t@example.org' } } }),
      statement({
        actor: { objectType: 'Group', member: [{ ...m1, mbox: 'mailto:M1@Example.org' }, { mbox_sha1sum: m2.mbox_sha1sum.toUpperCase() }] },
        context: { instructor: { mbox: 'MAILTO:T@EXAMPLE.ORG' } },
      }),
    ],
    ['the id in upper case', statement({ id: ID }), statement({ id: ID.toUpperCase() })],
    ['the registration in upper case', statement({ context: { registration: reg } }), statement({ context: { registration: reg.toUpperCase() } })],
    ['a StatementRef object id in upper case', statement({ object: { objectType: 'StatementRef', id: ref } }), statement({ object: { objectType: 'StatementRef', id: ref.toUpperCase() } })],
    ['the context statement id in upper case', statement({ context: { statement: { objectType: 'StatementRef', id: ref } } }), statement({ context: { statement: { objectType: 'StatementRef', id: ref.toUpperCase() } } })],
  ])('accepts a re-send with %s (204)', (_name, first, again) => {
    expect(lrs.call('PUT', 'statements', { params: { statementId: ID }, body: first }).status).toBe(204);
    const stored = lrs.call('GET', 'statements', { params: { statementId: ID } }).json;
    // The PUT's statementId is the re-sent id, so an id in upper case is compared as the client sent it.
    const answer = lrs.call('PUT', 'statements', { params: { statementId: again['id'] ?? ID }, body: again });
    expect(answer.status, answer.text).toBe(204);
    expect(lrs.call('GET', 'statements').json.statements).toEqual([stored]);
  });

  it.each([
    ['the result changed', statement({ result: { success: true } }), statement({ result: { success: false } })],
    ['a result added', statement(), statement({ result: { completion: true } })],
    ['another verb id', statement(), statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'experienced' } } })],
    ['another object id', statement({ object: act('a', 'Same') }), statement({ object: act('b', 'Same') })],
    ['an object id in another case (IRIs are case-sensitive)', statement({ object: act('a') }), statement({ object: act('A') })],
    ['another actor', statement(), statement({ actor: { mbox: 'mailto:someone-else@example.org' } })],
    ['an account name in another case', statement({ actor: m3 }), statement({ actor: { account: { homePage: 'https://h.example.org', name: 'M3' } } })],
    ['a Group with another member', statement({ actor: { objectType: 'Group', member: [m1, m2] } }), statement({ actor: { objectType: 'Group', member: [m1, m3] } })],
    ['a timestamp sent both times, at different instants', statement({ timestamp: '2026-01-01T10:00:00Z' }), statement({ timestamp: '2026-01-01T10:00:01Z' })],
    ['a SubStatement timestamp at another instant', statement({ object: sub() }), statement({ object: sub({ timestamp: '2026-02-01T10:00:00.001Z' }) })],
    ['a context extension changed', statement({ context: { extensions: { 'http://x.org/e': 1 } } }), statement({ context: { extensions: { 'http://x.org/e': 2 } } })],
    ['another registration', statement({ context: { registration: reg } }), statement({ context: { registration: ref } })],
    ['another SubStatement object', statement({ object: sub() }), statement({ object: sub({ object: act('other', 'Sub') }) })],
  ])('refuses a re-send with %s (409)', (_name, first, again) => {
    expect(lrs.call('PUT', 'statements', { params: { statementId: ID }, body: first }).status).toBe(204);
    const stored = lrs.call('GET', 'statements', { params: { statementId: ID } }).json;
    expect(lrs.call('PUT', 'statements', { params: { statementId: ID }, body: again }).status).toBe(409);
    expect(lrs.call('POST', 'statements', { body: [{ ...again, id: ID }] }).status).toBe(409);
    expect(lrs.call('GET', 'statements').json.statements).toEqual([stored]);
  });

  it('compares a timestamp the client sent: what GET returned matches, another instant conflicts', () => {
    lrs.call('PUT', 'statements', { params: { statementId: ID }, body: statement({ timestamp: '2026-01-01T10:00:00Z' }) });
    const got = lrs.call('GET', 'statements', { params: { statementId: ID } }).json;
    expect(lrs.call('PUT', 'statements', { params: { statementId: ID }, body: got }).status).toBe(204);
    expect(lrs.call('PUT', 'statements', { params: { statementId: ID }, body: { ...got, timestamp: got.stored } }).status).toBe(409);
  });
});

describe('voiding (Data §2.3.2)', () => {
  const voiding = (target: string, id?: string) => statement({ ...(id ? { id } : {}), verb: { id: VOIDED }, object: { objectType: 'StatementRef', id: target } });

  it('hides a voided statement from statementId and queries, finds it by voidedStatementId, and returns the voiding one', () => {
    lrs.call('PUT', 'statements', { params: { statementId: ID }, body: statement() });
    expect(lrs.call('POST', 'statements', { body: voiding(ID, 'bbbbbbbb-0000-4000-8000-000000000001') }).status).toBe(200);
    expect(lrs.call('GET', 'statements', { params: { statementId: ID } }).status).toBe(404);
    expect(lrs.call('GET', 'statements', { params: { voidedStatementId: ID } }).json.id).toBe(ID);
    // The voiding statement matches the activity filter through its target (Communication §2.1.3).
    const byActivity = lrs.call('GET', 'statements', { params: { activity: 'https://coursepack.invalid/courses/c1' } });
    expect(byActivity.json.statements.map((s: { id: string }) => s.id)).toEqual(['bbbbbbbb-0000-4000-8000-000000000001']);
  });

  it('never voids a voiding statement, and voids a statement that arrives after its voiding statement', () => {
    const voider = 'bbbbbbbb-0000-4000-8000-000000000001';
    lrs.call('POST', 'statements', { body: voiding(ID, voider) });
    lrs.call('POST', 'statements', { body: voiding(voider) });
    expect(lrs.call('GET', 'statements', { params: { statementId: voider } }).status).toBe(200);
    lrs.call('PUT', 'statements', { params: { statementId: ID }, body: statement() });
    expect(lrs.call('GET', 'statements', { params: { statementId: ID } }).status).toBe(404);
    expect(lrs.call('GET', 'statements', { params: { voidedStatementId: ID } }).status).toBe(200);
  });

  it('lets only admin keys void: a leaked package key must not erase results', () => {
    lrs.call('PUT', 'statements', { params: { statementId: ID }, body: statement() });
    expect(lrs.call('POST', 'statements', { body: voiding(ID), as: 'write' }).status).toBe(403);
    expect(lrs.call('GET', 'statements', { params: { statementId: ID } }).status).toBe(200);
  });
});

describe('querying', () => {
  it('pages with more until the end, newest first, with no statement twice', () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) ids.push(lrs.call('POST', 'statements', { body: statement() }).json[0]);
    const seen: string[] = [];
    let page = lrs.call('GET', 'statements', { params: { limit: '3' } });
    seen.push(...page.json.statements.map((s: { id: string }) => s.id));
    let pages = 1;
    while (page.json.more) {
      const url = new URL(page.json.more, 'http://lrs.invalid');
      expect(url.pathname).toBe('/xAPI/statements');
      page = lrs.call('GET', 'statements', { params: Object.fromEntries(url.searchParams) });
      seen.push(...page.json.statements.map((s: { id: string }) => s.id));
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
  });

  it('pages a since-until window both ways, each page taking up where the last ended (one bound a side in SQL)', () => {
    const ids: string[] = [];
    for (let i = 0; i < 9; i += 1) ids.push(lrs.call('POST', 'statements', { body: statement() }).json[0]);
    const storedOf = (id: string) => lrs.call('GET', 'statements', { params: { statementId: id } }).json.stored as string;
    const window = { since: storedOf(ids[1] as string), until: storedOf(ids[7] as string), limit: '2' };
    const read = (params: Record<string, string>): string[] => {
      let page = lrs.call('GET', 'statements', { params });
      const seen: string[] = page.json.statements.map((s: { id: string }) => s.id);
      while (page.json.more) {
        page = lrs.call('GET', 'statements', { params: Object.fromEntries(new URL(page.json.more, 'http://lrs.invalid').searchParams) });
        seen.push(...page.json.statements.map((s: { id: string }) => s.id));
      }
      return seen;
    };
    expect(read({ ...window, ascending: 'true' })).toEqual(ids.slice(2, 8));
    expect(read(window)).toEqual(ids.slice(2, 8).reverse());
  });

  it('filters since (exclusive) and until (inclusive) on stored, and ascending', () => {
    const stored = [0, 1, 2].map(() => lrs.call('POST', 'statements', { body: statement() }).json[0]).map(
      (id: string) => lrs.call('GET', 'statements', { params: { statementId: id } }).json.stored as string,
    );
    const got = lrs.call('GET', 'statements', { params: { since: stored[0] as string, until: stored[2] as string, ascending: 'true' } });
    expect(got.json.statements.map((s: { stored: string }) => s.stored)).toEqual([stored[1], stored[2]]);
  });

  it.each([
    ['the actor', { agent: JSON.stringify({ mbox: 'mailto:learner@example.org' }) }, ['s1', 's2']],
    ['an instructor, directly', { agent: JSON.stringify({ mbox: 'mailto:teacher@example.org' }) }, []],
    ['an instructor, related', { agent: JSON.stringify({ mbox: 'mailto:teacher@example.org' }), related_agents: 'true' }, ['s2']],
    ['a Group with the actor\'s IFI', { agent: JSON.stringify({ objectType: 'Group', mbox: 'mailto:learner@example.org' }) }, []],
    ['the object activity', { activity: 'https://coursepack.invalid/courses/c1' }, ['s1']],
    ['a grouping activity, directly', { activity: 'https://coursepack.invalid/courses/c2' }, []],
    ['a grouping activity, related', { activity: 'https://coursepack.invalid/courses/c2', related_activities: 'true' }, ['s2']],
    ['a verb', { verb: 'http://adlnet.gov/expapi/verbs/completed' }, ['s2']],
    ['a registration', { registration: 'CCCCCCCC-0000-4000-8000-000000000001' }, ['s2']],
    // "Groups that have members which match the specified Agent … are considered a match": a pair's statement is each one's.
    ['a member of the actor Group', { agent: JSON.stringify({ mbox: 'mailto:pair@example.org' }) }, ['s3']],
    ['a member of the object Group', { agent: JSON.stringify({ mbox: 'mailto:coached@example.org' }) }, ['s3']],
    ['a member of the team, directly', { agent: JSON.stringify({ mbox: 'mailto:teammate@example.org' }) }, []],
    ['a member of the team, related', { agent: JSON.stringify({ mbox: 'mailto:teammate@example.org' }), related_agents: 'true' }, ['s3']],
  ])('filters on %s (Communication §2.1.3)', (_name, params, expected) => {
    const ids = { s1: 'cccccccc-0000-4000-8000-0000000000a1', s2: 'cccccccc-0000-4000-8000-0000000000a2', s3: 'cccccccc-0000-4000-8000-0000000000a3' };
    lrs.call('POST', 'statements', {
      body: [
        statement({ id: ids.s1 }),
        statement({
          id: ids.s2,
          verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
          object: { id: 'https://coursepack.invalid/courses/c2/modules/m1' },
          context: {
            registration: 'cccccccc-0000-4000-8000-000000000001',
            instructor: { mbox: 'mailto:teacher@example.org' },
            contextActivities: { grouping: [{ id: 'https://coursepack.invalid/courses/c2' }] },
          },
        }),
        statement({
          id: ids.s3,
          actor: { objectType: 'Group', member: [{ mbox: 'mailto:pair@example.org' }, { mbox: 'mailto:other@example.org' }] },
          verb: { id: 'http://adlnet.gov/expapi/verbs/mentored' },
          object: { objectType: 'Group', mbox: 'mailto:cohort@example.org', member: [{ mbox: 'mailto:coached@example.org' }] },
          context: { team: { objectType: 'Group', member: [{ mbox: 'mailto:teammate@example.org' }] } },
        }),
      ],
    });
    const got = lrs.call('GET', 'statements', { params }).json.statements.map((s: { id: string }) => s.id);
    expect(got.sort()).toEqual(expected.map((k) => ids[k as 's1' | 's2' | 's3']).sort());
  });

  it('never stores an earlier stored time than the store holds, even when the clock stepped back (a restart)', async () => {
    const { makeDeps, routeRequest } = await import('../../src/lrs/index.js');
    lrs.call('POST', 'statements', { body: statement({ id: ID }) });
    const before = lrs.call('GET', 'statements', { params: { statementId: ID } }).json.stored as string;
    // A second LRS on the same store whose clock reads a year earlier.
    const deps = makeDeps(lrs.deps.store, { now: () => new Date(Date.parse(before) - 365 * 86_400_000), uuid: () => 'dddddddd-0000-4000-8000-000000000001' });
    const auth = `Basic ${Buffer.from('a:secret').toString('base64')}`;
    const headers = { authorization: auth, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' };
    const posted = routeRequest(
      { method: 'POST', resource: 'statements', search: new URLSearchParams(), headers, body: Buffer.from(JSON.stringify(statement())) },
      deps,
      () => ({ key: 'a', scope: 'admin' }),
    );
    expect(posted.response.status).toBe(200);
    const after = lrs.call('GET', 'statements', { params: { statementId: 'dddddddd-0000-4000-8000-000000000001' } }).json.stored as string;
    expect(Date.parse(after)).toBeGreaterThan(Date.parse(before));
    expect(lrs.call('GET', 'statements', { params: { since: before } }).json.statements.map((s: { id: string }) => s.id)).toEqual([
      'dddddddd-0000-4000-8000-000000000001',
    ]);
    // Its reads say everything stored is consistent, not its clock's now (a year back): said as now, a report's
    // --sync cursor stayed there and read everything since again at every run.
    const read = routeRequest({ method: 'GET', resource: 'statements', search: new URLSearchParams(), headers, body: Buffer.alloc(0) }, deps, () => ({ key: 'a', scope: 'admin' }));
    expect(read.response.headers?.['x-experience-api-consistent-through']).toBe(after);
  });

  it('answers format=ids with identifying properties only', () => {
    lrs.call('PUT', 'statements', { params: { statementId: ID }, body: statement({ actor: { mbox: 'mailto:a@b.c', name: 'A' } }) });
    const got = lrs.call('GET', 'statements', { params: { statementId: ID, format: 'ids' } }).json;
    expect(got.actor).toEqual({ objectType: 'Agent', mbox: 'mailto:a@b.c' });
    expect(got.verb).toEqual({ id: 'http://adlnet.gov/expapi/verbs/experienced' });
    expect(got.object).toEqual({ id: 'https://coursepack.invalid/courses/c1' });
  });

  it('returns attachments as multipart/mixed when asked', () => {
    const content = Buffer.from('hello');
    const sha2 = '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824';
    const s = statement({ id: ID, attachments: [{ usageType: 'http://x.org/u', display: { en: 'a' }, contentType: 'text/plain', length: 5, sha2 }] });
    const boundary = 'b1';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(s)}\r\n--${boundary}\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${sha2}\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const put = lrs.call('PUT', 'statements', { params: { statementId: ID }, headers: { 'content-type': `multipart/mixed; boundary=${boundary}` }, body });
    expect(put.status).toBe(204);
    const got = lrs.call('GET', 'statements', { params: { statementId: ID, attachments: 'true' } });
    expect(got.headers['content-type']).toMatch(/^multipart\/mixed; boundary=/);
    expect(got.text).toContain(`X-Experience-API-Hash: ${sha2}\r\n\r\nhello\r\n`);
  });
});
