/**
 * Issue 10 point 4: malformed input gets a 4xx with a message, never a 500. Every property of a
 * valid statement is replaced in turn by hostile values (null, numbers out of range, '__proto__',
 * wrong types…), and every query parameter of every resource gets nonsense; routeRequest must
 * answer each with a status the spec allows, which it cannot do by throwing.
 */
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
});
