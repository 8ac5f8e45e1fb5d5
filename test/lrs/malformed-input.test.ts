/**
 * Issue 10 point 4: malformed input gets a 4xx with a message, never a 500. Every property of a
 * valid statement is replaced in turn by hostile values (null, numbers out of range, '__proto__',
 * wrong types…), and every query parameter of every resource gets nonsense; routeRequest must
 * answer each with a status the spec allows, which it cannot do by throwing.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeLrs, statement } from './lrs-fixture.js';

const HOSTILE: unknown[] = [null, 0, -1, 1e308, 'x', '', [], {}, [null], { id: null }, true, '__proto__', 'toString', 'constructor', 'http://x', 'mailto:a@b.c'];

function paths(value: unknown, at: string[] = []): string[][] {
  if (!value || typeof value !== 'object') return [at];
  return [at, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))];
}

describe('hostile input', () => {
  it('answers every mutated statement with 200/204 or a 400 with a message', () => {
    const lrs = makeLrs();
    const base = statement({
      context: { registration: 'aaaaaaaa-0000-4000-8000-000000000001', contextActivities: { parent: [{ id: 'http://x.org/p' }] } },
      result: { score: { scaled: 0.5 }, success: true },
    });
    let refused = 0;
    let cases = 0;
    for (const path of paths(base).filter((p) => p.length)) {
      for (const value of HOSTILE) {
        const s = JSON.parse(JSON.stringify(base)) as Record<string, any>;
        let target = s;
        for (const key of path.slice(0, -1)) target = target[key];
        target[path[path.length - 1] as string] = value;
        const answer = lrs.call('POST', 'statements', { body: JSON.stringify(s) });
        cases += 1;
        expect([200, 400], `${path.join('.')} = ${JSON.stringify(value)}: ${answer.text}`).toContain(answer.status);
        if (answer.status === 400) {
          refused += 1;
          expect(answer.json.message.length).toBeGreaterThan(10);
        }
      }
    }
    expect(cases).toBeGreaterThan(300);
    expect(refused).toBeGreaterThan(cases / 2);
    lrs.close();
  });

  it.each(['null', '1', '"s"', 'true', '[null]', '[1,2]', '[[]]', '{"__proto__":{}}', '[{}]', '{"actor":{"objectType":"__proto__"}}'])('refuses the body %s with 400', (body) => {
    const lrs = makeLrs();
    expect(lrs.call('POST', 'statements', { body }).status).toBe(400);
    lrs.close();
  });

  it('answers nonsense in any parameter of any resource with a status the spec allows', () => {
    const lrs = makeLrs();
    const nonsense = ['', 'null', '{}', '[]', '%', '9'.repeat(30), '{"mbox":null}', '{"account":{"homePage":null,"name":1}}', '{"objectType":"Group","mbox":"mailto:a@b.c"}'];
    for (const name of ['agent', 'verb', 'activity', 'registration', 'since', 'until', 'limit', 'format', 'attachments', 'ascending', 'related_agents', 'cursor', 'statementId']) {
      for (const v of nonsense) expect([200, 400]).toContain(lrs.call('GET', 'statements', { params: { [name]: v } }).status);
    }
    for (const resource of ['activities/state', 'activities/profile', 'agents/profile', 'activities', 'agents']) {
      for (const v of nonsense) {
        for (const method of ['GET', 'PUT', 'POST', 'DELETE']) {
          const params = { agent: v, activityId: v || 'http://x.org/a', stateId: v, profileId: v, since: v, registration: v };
          expect([200, 204, 400, 404, 405, 409, 412]).toContain(lrs.call(method, resource, { params, body: v || '{}' }).status);
        }
      }
    }
    lrs.close();
  });

  const SIGNATURE = 'http://adlnet.gov/expapi/attachments/signature';
  const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
  const signed = (jws: string): string =>
    JSON.stringify(statement({ attachments: [{ usageType: SIGNATURE, display: { en: 'signature' }, contentType: 'application/octet-stream', length: jws.length, sha2: sha(jws) }] }));

  it.each([
    ['multipart/mixed', `--b\r\nContent-Type: application/json\r\n\r\n{}\r\n--b--`, /boundary parameter/],
    ['multipart/mixed; boundary=b', '', /boundary/],
    ['multipart/mixed; boundary=b', '--b\r\n', /closing boundary/],
    ['multipart/mixed; boundary=b', `--b\r\n\r\n${signed('x')}\r\n--b--`, /must be application\/json/],
    ['multipart/mixed; boundary=b', `--b\r\nContent-Type: application/json\r\n\r\n${signed('x')}\r\n--b--`, /no fileUrl/],
    ['multipart/mixed; boundary=b', `--b\r\nContent-Type: application/json\r\n\r\n${signed('x')}\r\n--b\r\nX-Experience-API-Hash: ${sha('y')}\r\n\r\nx\r\n--b--`, /does not match/],
    ['text/plain', signed('x'), /application\/json or multipart\/mixed/],
  ])('refuses a %s body that is malformed with 400 and a message', (contentType, body, message) => {
    const lrs = makeLrs();
    const answer = lrs.call('POST', 'statements', { headers: { 'content-type': contentType }, body });
    expect(answer.status).toBe(400);
    expect(answer.json.message).toMatch(message);
    lrs.close();
  });

  it.each([
    ['three pieces of garbage', 'a.b.c', /not a base64url JSON object/],
    ['no algorithm', 'e30.e30.e30', /only RS256, RS384 and RS512/],
    ['an x5c that is no array', `${Buffer.from('{"alg":"RS256","x5c":"x"}').toString('base64url')}.e30.e30`, /x5c header must be an array/],
    ['an x5c that is no certificate', `${Buffer.from('{"alg":"RS256","x5c":["!!"]}').toString('base64url')}.e30.e30`, /does not verify/],
    ['two pieces', 'e30.e30', /compact serialization/],
  ])('refuses a signature that is %s (Data §2.6)', (_name, jws, message) => {
    const lrs = makeLrs();
    const body = `--b\r\nContent-Type: application/json\r\n\r\n${signed(jws)}\r\n--b\r\nContent-Type: application/octet-stream\r\nX-Experience-API-Hash: ${sha(jws)}\r\n\r\n${jws}\r\n--b--`;
    const answer = lrs.call('POST', 'statements', { headers: { 'content-type': 'multipart/mixed; boundary=b' }, body });
    expect(answer.status).toBe(400);
    expect(answer.json.message).toMatch(message);
    lrs.close();
  });
});
