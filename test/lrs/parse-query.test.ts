/**
 * GET /statements parameters (Communication §2.1.3), as a table.
 */
import { describe, expect, it } from 'vitest';
import { parseStatementQuery, readTimestamp } from '../../src/lrs/parse-query.js';

const ID = 'AAAAAAAA-0000-4000-8000-000000000001';
const agent = JSON.stringify({ mbox: 'mailto:Learner@Example.org' });
const q = (params: Record<string, string>) => parseStatementQuery(new Map(Object.entries(params)));

describe('parseStatementQuery', () => {
  it.each([
    [{ statementId: ID }, { kind: 'single', id: ID.toLowerCase(), voided: false, format: 'exact', attachments: false }],
    [{ voidedStatementId: ID, format: 'ids', attachments: 'true' }, { kind: 'single', id: ID.toLowerCase(), voided: true, format: 'ids', attachments: true }],
    [{}, { kind: 'many', limit: 0, format: 'exact', attachments: false, filter: { relatedActivities: false, relatedAgents: false, ascending: false } }],
    [
      { agent, verb: 'http://x.org/v', activity: 'http://x.org/a', registration: ID, related_activities: 'true', related_agents: 'false', limit: '10', ascending: 'true', cursor: '42' },
      {
        kind: 'many', limit: 10, format: 'exact', attachments: false, cursor: 42,
        filter: { agent: 'Agent|mbox|mailto:learner@example.org', verb: 'http://x.org/v', activity: 'http://x.org/a', registration: ID.toLowerCase(), relatedActivities: true, relatedAgents: false, ascending: true },
      },
    ],
  ])('%j', (params, expected) => {
    expect(q(params)).toEqual(expected);
  });

  it.each([
    [{ statementId: ID, voidedStatementId: ID }, /not both/],
    [{ statementId: ID, verb: 'http://x.org/v' }, /cannot be used with statementId/],
    [{ statementId: 'nope' }, /UUID/],
    [{ colour: 'red' }, /Unknown parameter 'colour'/],
    [{ agent: '{"name":"no ifi"}' }, /exactly one of/],
    [{ agent: 'not json' }, /JSON Agent/],
    [{ verb: 'no iri' }, /IRI/],
    [{ registration: '123' }, /UUID/],
    [{ limit: '-1' }, /non-negative integer/],
    [{ since: 'yesterday' }, /ISO 8601/],
    [{ ascending: 'yes' }, /true or false/],
    [{ format: 'full' }, /ids, exact or canonical/],
    [{ cursor: 'abc' }, /cursor/],
  ])('refuses %j with 400', (params, message) => {
    expect(() => q(params)).toThrow(message);
    try {
      q(params);
    } catch (error) {
      expect((error as { status: number }).status).toBe(400);
    }
  });

  it.each([
    ['2026-01-01T10:00:00Z', '2026-01-01T10:00:00.000Z'],
    ['2026-01-01T12:00:00.5+02:00', '2026-01-01T10:00:00.500Z'],
    ['2026-01-01T10:00', '2026-01-01T10:00:00.000Z'],
    // An offset in hours alone, as ISO 8601 allows (Date.parse refuses it: this was a 400), and one without a colon.
    ['2026-01-01T15:00:00+05', '2026-01-01T10:00:00.000Z'],
    ['2026-01-01T05:00:00-0500', '2026-01-01T10:00:00.000Z'],
  ])('reads timestamp %s as %s', (text, iso) => {
    expect(readTimestamp(text, 'since')).toBe(iso);
  });
});
