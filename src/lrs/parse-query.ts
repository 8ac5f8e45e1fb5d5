/**
 * GET /statements parameters → a filter (Communication §2.1.3), with a 400 for anything the spec
 * does not allow: unknown names, a statementId mixed with filters, malformed values.
 */
import { agentKey, isIri, readAgentParam } from './read-agent.js';
import { badRequest } from './lrs-types.js';
import { parseIsoTimestamp } from '../shared/iso-timestamp.js';

export type StatementFormat = 'exact' | 'ids' | 'canonical';

export interface StatementFilter {
  readonly agent?: string;
  readonly verb?: string;
  readonly activity?: string;
  readonly registration?: string;
  readonly relatedActivities: boolean;
  readonly relatedAgents: boolean;
  /** ISO instants; `since` exclusive, `until` inclusive, both on `stored`. */
  readonly since?: string;
  readonly until?: string;
  readonly ascending: boolean;
}

export type StatementQuery =
  | { readonly kind: 'single'; readonly id: string; readonly voided: boolean; readonly format: StatementFormat; readonly attachments: boolean }
  | {
      readonly kind: 'many';
      readonly filter: StatementFilter;
      /** 0 = the server's own maximum (Communication §2.1.3 `limit`). */
      readonly limit: number;
      readonly format: StatementFormat;
      readonly attachments: boolean;
      /** Position after which the next page starts (from a `more` link). */
      readonly cursor?: number;
    };

const MANY = ['agent', 'verb', 'activity', 'registration', 'related_activities', 'related_agents', 'since', 'until', 'limit', 'format', 'attachments', 'ascending', 'cursor'];
const SINGLE_EXTRA = ['format', 'attachments'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * An ISO 8601 date-time with a time zone or none (read as UTC); Data §4.5 timestamps. Read as the report reads
 * them (iso-timestamp.ts), not by Date.parse, which refuses forms ISO 8601 allows: `since=…T00:00:00+05`, an
 * offset in hours alone, was a 400.
 */
export function readTimestamp(value: string, name: string): string {
  const t = parseIsoTimestamp(value);
  if (Number.isNaN(t)) throw badRequest(`'${name}' must be an ISO 8601 timestamp (got '${value}')`);
  return new Date(t).toISOString();
}

function readBoolean(params: ReadonlyMap<string, string>, name: string): boolean {
  const value = params.get(name);
  if (value === undefined) return false;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw badRequest(`'${name}' must be true or false (got '${value}')`);
}

function readFormat(params: ReadonlyMap<string, string>): StatementFormat {
  const value = params.get('format') ?? 'exact';
  if (value === 'exact' || value === 'ids' || value === 'canonical') return value;
  throw badRequest(`'format' must be ids, exact or canonical (got '${value}')`);
}

function readIri(params: ReadonlyMap<string, string>, name: string): string | undefined {
  const value = params.get(name);
  if (value !== undefined && !isIri(value)) throw badRequest(`'${name}' must be an IRI (got '${value}')`);
  return value;
}

export function parseStatementQuery(params: ReadonlyMap<string, string>): StatementQuery {
  const statementId = params.get('statementId');
  const voidedId = params.get('voidedStatementId');
  if (statementId !== undefined || voidedId !== undefined) {
    if (statementId !== undefined && voidedId !== undefined) throw badRequest('Send statementId or voidedStatementId, not both');
    for (const name of params.keys()) {
      if (name !== 'statementId' && name !== 'voidedStatementId' && !SINGLE_EXTRA.includes(name)) {
        // Communication §2.1.3: with statementId/voidedStatementId only attachments and format are allowed.
        throw badRequest(`'${name}' cannot be used with statementId or voidedStatementId`);
      }
    }
    const id = (statementId ?? voidedId) as string;
    if (!isUuid(id)) throw badRequest(`'${statementId !== undefined ? 'statementId' : 'voidedStatementId'}' must be a UUID`);
    return { kind: 'single', id: id.toLowerCase(), voided: voidedId !== undefined, format: readFormat(params), attachments: readBoolean(params, 'attachments') };
  }
  for (const name of params.keys()) if (!MANY.includes(name)) throw badRequest(`Unknown parameter '${name}' for GET statements`);
  const agentText = params.get('agent');
  const registration = params.get('registration');
  if (registration !== undefined && !isUuid(registration)) throw badRequest(`'registration' must be a UUID`);
  const limitText = params.get('limit') ?? '0';
  if (!/^\d{1,9}$/.test(limitText)) throw badRequest(`'limit' must be a non-negative integer (got '${limitText}')`);
  const cursorText = params.get('cursor');
  if (cursorText !== undefined && !/^\d{1,15}$/.test(cursorText)) throw badRequest(`'cursor' is not one this LRS made`);
  const since = params.get('since');
  const until = params.get('until');
  const agent = agentText === undefined ? undefined : agentKey(readAgentParam(agentText, 'agent'));
  const verb = readIri(params, 'verb');
  const activity = readIri(params, 'activity');
  const filter: StatementFilter = {
    ...(agent !== undefined ? { agent } : {}),
    ...(verb !== undefined ? { verb } : {}),
    ...(activity !== undefined ? { activity } : {}),
    ...(registration !== undefined ? { registration: registration.toLowerCase() } : {}),
    ...(since !== undefined ? { since: readTimestamp(since, 'since') } : {}),
    ...(until !== undefined ? { until: readTimestamp(until, 'until') } : {}),
    relatedActivities: readBoolean(params, 'related_activities'),
    relatedAgents: readBoolean(params, 'related_agents'),
    ascending: readBoolean(params, 'ascending'),
  };
  return {
    kind: 'many',
    filter,
    limit: Number(limitText),
    format: readFormat(params),
    attachments: readBoolean(params, 'attachments'),
    ...(cursorText !== undefined ? { cursor: Number(cursorText) } : {}),
  };
}
