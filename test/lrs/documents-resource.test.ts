/**
 * State, Activity Profile and Agent Profile (Communication §2.2–2.7, concurrency §3.1), and the
 * About, Activities and Agents resources, through routeRequest without sockets.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { makeLrs, statement } from './lrs-fixture.js';

const agent = JSON.stringify({ objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 's1' } });
const state = { activityId: 'https://coursepack.invalid/courses/c1', agent, stateId: 'bookmark' };
let lrs = makeLrs();
afterEach(() => {
  lrs.close();
  lrs = makeLrs();
});

describe('State', () => {
  it('stores any content with its type, lists ids, and answers ETag and Last-Modified', () => {
    expect(lrs.call('PUT', 'activities/state', { params: state, headers: { 'content-type': 'text/plain' }, body: 'page 3' }).status).toBe(204);
    const got = lrs.call('GET', 'activities/state', { params: state });
    expect([got.status, got.text, got.headers['content-type']]).toEqual([200, 'page 3', 'text/plain']);
    expect(got.headers['etag']).toMatch(/^"[0-9a-f]{40}"$/);
    const { stateId: _s, ...scope } = state;
    expect(lrs.call('GET', 'activities/state', { params: scope }).json).toEqual(['bookmark']);
  });

  it('merges POSTed JSON objects one level deep, and refuses to merge anything else', () => {
    lrs.call('POST', 'activities/state', { params: state, body: { a: 1, nested: { x: 1 } } });
    lrs.call('POST', 'activities/state', { params: state, body: { b: 2, nested: { y: 2 } } });
    expect(lrs.call('GET', 'activities/state', { params: state }).json).toEqual({ a: 1, b: 2, nested: { y: 2 } });
    expect(lrs.call('POST', 'activities/state', { params: state, body: '[1,2]' }).status).toBe(400);
    const other = { ...state, stateId: 'text' };
    lrs.call('PUT', 'activities/state', { params: other, headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect(lrs.call('POST', 'activities/state', { params: other, body: { a: 1 } }).status).toBe(400);
  });

  it('refuses a JSON document nested deeper than a statement may be (400), so a later merge cannot overflow the stack (a 500)', () => {
    const deep = `{"a":1,"b":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    for (const method of ['PUT', 'POST'] as const) {
      const answer = lrs.call(method, 'activities/state', { params: state, body: deep });
      expect([answer.status, answer.text]).toEqual([400, expect.stringMatching(/nested more than 64 levels/)]);
    }
    expect(lrs.call('POST', 'activities/state', { params: state, body: { c: 2 } }).status).toBe(204);
    expect(lrs.call('GET', 'activities/state', { params: state }).json).toEqual({ c: 2 });
  });

  it('keeps registrations apart and deletes a whole set without stateId', () => {
    const registration = 'aaaaaaaa-0000-4000-8000-000000000001';
    lrs.call('PUT', 'activities/state', { params: state, body: { n: 0 } });
    lrs.call('PUT', 'activities/state', { params: { ...state, registration }, body: { n: 1 } });
    expect(lrs.call('GET', 'activities/state', { params: state }).json).toEqual({ n: 0 });
    const { stateId: _s, ...scope } = state;
    expect(lrs.call('DELETE', 'activities/state', { params: { ...scope, registration } }).status).toBe(204);
    expect(lrs.call('GET', 'activities/state', { params: { ...state, registration } }).status).toBe(404);
    expect(lrs.call('GET', 'activities/state', { params: state }).status).toBe(200);
  });

  it.each([
    [{ agent, stateId: 'x' }, /activityId/],
    [{ ...state, agent: '{"name":"x"}' }, /Agent/],
    [{ ...state, registration: 'r1' }, /UUID/],
    [{ ...state, registration: '' }, /UUID/],
    [{ ...state, colour: 'red' }, /Unknown parameter/],
  ])('refuses %j with 400', (params, message) => {
    const answer = lrs.call('PUT', 'activities/state', { params, body: {} });
    expect(answer.status).toBe(400);
    expect(answer.json.message).toMatch(message);
  });
});

describe('State sets across registrations (Communication §2.3.3–2.3.5)', () => {
  const R1 = 'aaaaaaaa-0000-4000-8000-000000000001';
  const R2 = 'aaaaaaaa-0000-4000-8000-000000000002';
  const { stateId: _s, ...context } = state;
  const put = (stateId: string, registration?: string, body: unknown = { stateId, registration }) =>
    lrs.call('PUT', 'activities/state', { params: { ...context, stateId, ...(registration ? { registration } : {}) }, body });
  const get = (stateId: string, registration?: string) =>
    lrs.call('GET', 'activities/state', { params: { ...context, stateId, ...(registration ? { registration } : {}) } });
  const list = (extra: Record<string, string> = {}) => lrs.call('GET', 'activities/state', { params: { ...context, ...extra } }).json;

  /** s1 under R1 only, s2 without a registration, s3 under R2 and without one; and other contexts. */
  function fill(): void {
    put('s1', R1);
    put('s2');
    put('s3', R2);
    put('s3');
    lrs.call('PUT', 'activities/state', { params: { ...state, activityId: 'https://coursepack.invalid/courses/c2', stateId: 'other-activity' }, body: {} });
    lrs.call('PUT', 'activities/state', { params: { ...state, agent: JSON.stringify({ mbox: 'mailto:other@example.org' }), stateId: 'other-agent', registration: R1 }, body: {} });
  }

  it.each([
    ['no registration: every registration and none, each id once', {}, ['s1', 's2', 's3']],
    ['R1: that registration only', { registration: R1 }, ['s1']],
    ['R2: that registration only', { registration: R2 }, ['s3']],
    ['R2 in capitals: registrations compare as UUIDs', { registration: R2.toUpperCase() }, ['s3']],
    ['an unused registration: none', { registration: 'aaaaaaaa-0000-4000-8000-00000000000f' }, []],
  ])('GET without stateId lists the ids of the context; %s', (_name, extra, ids) => {
    fill();
    expect(list(extra)).toEqual(ids);
  });

  it('DELETE without stateId or registration deletes the state of every registration, and nothing outside the context', () => {
    fill();
    expect(lrs.call('DELETE', 'activities/state', { params: context }).status).toBe(204);
    for (const [id, registration] of [['s1', R1], ['s2'], ['s3', R2], ['s3']] as const) expect(get(id, registration).status).toBe(404);
    expect(list()).toEqual([]);
    expect(lrs.call('GET', 'activities/state', { params: { ...context, activityId: 'https://coursepack.invalid/courses/c2' } }).json).toEqual(['other-activity']);
    expect(lrs.call('GET', 'activities/state', { params: { ...context, agent: JSON.stringify({ mbox: 'mailto:other@example.org' }) } }).json).toEqual(['other-agent']);
  });

  it('refuses an empty registration with 400 rather than guess which documents a DELETE means', () => {
    fill();
    const answer = lrs.call('DELETE', 'activities/state', { params: { ...context, registration: '' } });
    expect(answer.status).toBe(400);
    expect(answer.json.message).toMatch(/UUID/);
    expect(list()).toEqual(['s1', 's2', 's3']);
  });

  it('DELETE without stateId but with a registration deletes that registration only', () => {
    fill();
    expect(lrs.call('DELETE', 'activities/state', { params: { ...context, registration: R2 } }).status).toBe(204);
    expect(get('s3', R2).status).toBe(404);
    expect([get('s1', R1).status, get('s2').status, get('s3').status]).toEqual([200, 200, 200]);
    expect(list()).toEqual(['s1', 's2', 's3']);
  });

  it('a stateId without a registration addresses the document stored without one (§2.3.3)', () => {
    fill();
    expect(get('s1').status).toBe(404);
    expect(get('s3').json).toEqual({ stateId: 's3' });
    expect(get('s3', R2).json).toEqual({ stateId: 's3', registration: R2 });
    put('s3', undefined, { changed: true });
    expect(get('s3', R2).json).toEqual({ stateId: 's3', registration: R2 });
    expect(lrs.call('DELETE', 'activities/state', { params: { ...context, stateId: 's1' } }).status).toBe(204);
    expect(get('s1', R1).status).toBe(200);
    expect(lrs.call('DELETE', 'activities/state', { params: { ...context, stateId: 's3' } }).status).toBe(204);
    expect([get('s3').status, get('s3', R2).status]).toEqual([404, 200]);
  });

  it('since lists the ids stored or updated after it (exclusive), across registrations', () => {
    put('s1', R1);
    const first = new Date(get('s1', R1).headers['last-modified'] as string).toISOString();
    put('s2');
    put('s3', R2);
    expect(list({ since: first })).toEqual(['s2', 's3']);
    expect(list({ since: first, registration: R2 })).toEqual(['s3']);
    expect(list({ since: first, registration: R1 })).toEqual([]);
    put('s1', R1, { again: true });
    expect(list({ since: first })).toEqual(['s1', 's2', 's3']);
  });

  it('answers a list with an ETag of its contents and the Last-Modified of its latest document (§2.2, §3.1)', () => {
    put('s1', R1);
    put('s2');
    const latest = get('s2').headers['last-modified'];
    const answer = lrs.call('GET', 'activities/state', { params: context });
    expect(answer.headers['etag']).toBe(`"${createHash('sha1').update(answer.text).digest('hex')}"`);
    expect(answer.headers['last-modified']).toBe(latest);
    expect(lrs.call('GET', 'activities/state', { params: { ...context, registration: R1 } }).headers['last-modified']).toBe(get('s1', R1).headers['last-modified']);
    const empty = lrs.call('GET', 'activities/state', { params: { ...context, registration: R2 } });
    expect([empty.json, empty.headers['etag'], empty.headers['last-modified']]).toEqual([[], `"${createHash('sha1').update('[]').digest('hex')}"`, undefined]);
  });

  it('checks If-Match against the document of the request’s own registration (§3.1)', () => {
    put('s3', R2);
    put('s3', undefined, { other: true });
    const etag = get('s3', R2).headers['etag'] as string;
    const params = { ...context, stateId: 's3' };
    expect(lrs.call('PUT', 'activities/state', { params, headers: { 'if-match': etag }, body: { x: 1 } }).status).toBe(412);
    expect(lrs.call('DELETE', 'activities/state', { params, headers: { 'if-match': etag } }).status).toBe(412);
    expect(lrs.call('PUT', 'activities/state', { params: { ...params, registration: R2 }, headers: { 'if-match': etag }, body: { x: 1 } }).status).toBe(204);
    expect(get('s3').json).toEqual({ other: true });
  });
});

describe('profiles and ETags (Communication §3.1)', () => {
  const profile = { activityId: 'https://coursepack.invalid/courses/c1', profileId: 'settings' };

  it('needs If-None-Match to create and If-Match to overwrite; 412 when the precondition fails', () => {
    expect(lrs.call('PUT', 'activities/profile', { params: profile, body: { v: 1 } }).status).toBe(400);
    expect(lrs.call('PUT', 'activities/profile', { params: profile, headers: { 'if-none-match': '*' }, body: { v: 1 } }).status).toBe(204);
    expect(lrs.call('PUT', 'activities/profile', { params: profile, body: { v: 2 } }).status).toBe(409);
    expect(lrs.call('PUT', 'activities/profile', { params: profile, headers: { 'if-none-match': '*' }, body: { v: 2 } }).status).toBe(412);
    const etag = lrs.call('GET', 'activities/profile', { params: profile }).headers['etag'] as string;
    expect(lrs.call('PUT', 'activities/profile', { params: profile, headers: { 'if-match': '"0000"' }, body: { v: 2 } }).status).toBe(412);
    expect(lrs.call('PUT', 'activities/profile', { params: profile, headers: { 'if-match': etag }, body: { v: 2 } }).status).toBe(204);
    expect(lrs.call('GET', 'activities/profile', { params: profile }).json).toEqual({ v: 2 });
    expect(lrs.call('DELETE', 'activities/profile', { params: profile, headers: { 'if-match': etag } }).status).toBe(412);
    expect(lrs.call('DELETE', 'activities/profile', { params: profile }).status).toBe(204);
    expect(lrs.call('GET', 'activities/profile', { params: profile }).status).toBe(404);
  });

  it('keeps agent profiles per agent, and lists them since a time', () => {
    const params = { agent, profileId: 'prefs' };
    expect(lrs.call('PUT', 'agents/profile', { params, headers: { 'if-none-match': '*' }, body: { lang: 'en' } }).status).toBe(204);
    expect(lrs.call('GET', 'agents/profile', { params: { agent } }).json).toEqual(['prefs']);
    expect(lrs.call('GET', 'agents/profile', { params: { agent, since: '2999-01-01T00:00:00Z' } }).json).toEqual([]);
    const other = JSON.stringify({ mbox: 'mailto:other@example.org' });
    expect(lrs.call('GET', 'agents/profile', { params: { agent: other, profileId: 'prefs' } }).status).toBe(404);
    expect(lrs.call('DELETE', 'agents/profile', { params: { agent } }).status).toBe(400);
  });
});

describe('About, Activities and Agents', () => {
  it('About answers without credentials or version header, listing 1.0.3', () => {
    const about = lrs.call('GET', 'about', { as: 'none', headers: { 'x-experience-api-version': undefined } });
    expect(about.status).toBe(200);
    expect(about.json.version).toContain('1.0.3');
    expect(about.headers['x-experience-api-version']).toBe('1.0.3');
  });

  it('Activities returns the merged definition from stored statements, or the bare activity', () => {
    const id = 'https://coursepack.invalid/courses/c1';
    lrs.call('POST', 'statements', { body: statement({ object: { id, definition: { name: { en: 'Course' } } } }) });
    lrs.call('POST', 'statements', { body: statement({ object: { id, definition: { name: { es: 'Curso' } } } }) });
    expect(lrs.call('GET', 'activities', { params: { activityId: id } }).json).toEqual({ objectType: 'Activity', id, definition: { name: { en: 'Course', es: 'Curso' } } });
    expect(lrs.call('GET', 'activities', { params: { activityId: 'http://x.org/unknown' } }).json).toEqual({ objectType: 'Activity', id: 'http://x.org/unknown' });
    expect(lrs.call('GET', 'activities', { params: { activityId: 'no iri' } }).status).toBe(400);
  });

  it('Agents returns a Person with the names seen for that agent', () => {
    lrs.call('POST', 'statements', { body: statement({ actor: { mbox: 'mailto:a@b.org', name: 'Ada' } }) });
    expect(lrs.call('GET', 'agents', { params: { agent: JSON.stringify({ mbox: 'mailto:a@b.org' }) } }).json).toEqual({
      objectType: 'Person', name: ['Ada'], mbox: ['mailto:a@b.org'],
    });
    expect(lrs.call('GET', 'agents', { params: { agent: '{}' } }).status).toBe(400);
  });
});

describe('versions, credentials and scopes on every resource', () => {
  it.each([
    [undefined, 400],
    ['0.95', 400],
    ['1.1.0', 400],
    ['2.0.0', 400],
    ['1.0', 200],
    ['1.0.0', 200],
    ['1.0.3', 200],
  ])('X-Experience-API-Version %s → %i', (version, status) => {
    expect(lrs.call('GET', 'statements', { headers: { 'x-experience-api-version': version } }).status).toBe(status);
  });

  it.each([
    ['none', 'GET', 'statements', 401],
    ['write', 'GET', 'statements', 403],
    ['write', 'GET', 'activities/state', 403],
    ['write', 'PUT', 'activities/state', 403],
    ['read', 'POST', 'statements', 403],
    ['read', 'GET', 'statements', 200],
    ['write', 'POST', 'statements', 200],
  ] as const)('a %s key: %s %s → %i', (as, method, resource, status) => {
    const params = resource === 'activities/state' ? state : undefined;
    const answer = lrs.call(method, resource, { as, ...(params ? { params } : {}), ...(method === 'GET' ? {} : { body: method === 'POST' ? statement() : {} }) });
    expect(answer.status).toBe(status);
    if (status === 401) expect(answer.headers['www-authenticate']).toMatch(/^Basic/);
  });

  it('answers 404 for a resource that does not exist', () => {
    expect(lrs.call('GET', 'statementz').status).toBe(404);
  });
});
