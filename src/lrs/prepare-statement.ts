/**
 * From a validated statement to what the store keeps: the properties the LRS sets (Data §2.4.1 id,
 * §2.4.7 timestamp, §2.4.8 stored, §2.4.9 authority, §2.4.10 version), a fingerprint to tell an
 * identical re-send from a conflict (Communication §2.1.1/§2.1.2), and the index rows the query
 * filters use (Communication §2.1.3). Pure: clock and ids come in through LrsContext.
 */
import { createHash } from 'node:crypto';
import { agentKey, isObject } from './read-agent.js';
import type { Principal } from './lrs-types.js';

type Json = Record<string, unknown>;

export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';

/** Where an index row came from: the statement's actor or object (`direct`), or anywhere else (`related`). */
export interface IndexRow {
  readonly value: string;
  readonly related: boolean;
}

export interface StatementRecord {
  readonly id: string;
  readonly stored: string;
  /** The statement as GET returns it (format=exact). */
  readonly statement: Json;
  /** Fingerprint of the statement as sent, without what the LRS adds: equal fingerprints = identical re-send. */
  readonly fingerprint: string;
  readonly verb: string;
  readonly registration: string | undefined;
  /** The id a StatementRef object points at (voiding and other references). */
  readonly refTarget: string | undefined;
  readonly isVoiding: boolean;
  readonly agents: readonly IndexRow[];
  readonly activities: readonly IndexRow[];
  /** Activity objects met in the statement, for the Activities resource (Communication §2.5). */
  readonly activityDefinitions: readonly Json[];
  /** Attachment sha2 hashes the statement names (Data §2.4.11). */
  readonly attachmentHashes: readonly string[];
}

/** JSON with object keys sorted, so two equal statements give one string whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The fingerprint ignores what an LRS may set or rewrite (stored, authority, version) so a client
 * resending the same statement through another LRS hop still matches (Data §2.3.1 immutability).
 * Timestamps are compared as instants: an LRS may reformat them (XAPI.md §12).
 */
export function fingerprint(statement: Json): string {
  const { stored: _s, authority: _a, version: _v, ...rest } = statement;
  if (typeof rest['timestamp'] === 'string') {
    const t = Date.parse(rest['timestamp']);
    if (!Number.isNaN(t)) rest['timestamp'] = new Date(t).toISOString();
  }
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

/** The Agent that stands for a key in `authority` (Data §2.4.9: set from the credentials used). */
export function authorityFor(principal: Principal, homePage: string): Json {
  return { objectType: 'Agent', account: { homePage, name: principal.key } };
}

function contextActivityObjects(context: unknown): Json[] {
  if (!isObject(context) || !isObject(context['contextActivities'])) return [];
  const out: Json[] = [];
  for (const list of Object.values(context['contextActivities'])) {
    if (Array.isArray(list)) for (const a of list) if (isObject(a)) out.push(a);
  }
  return out;
}

function isActivity(object: unknown): object is Json {
  return isObject(object) && (object['objectType'] === undefined || object['objectType'] === 'Activity');
}

function isActor(object: unknown): boolean {
  return isObject(object) && (object['objectType'] === 'Agent' || object['objectType'] === 'Group');
}

/** Agents the `agent` filter matches: actor and object; with related_agents also these (Communication §2.1.3). */
function collectAgents(statement: Json): IndexRow[] {
  const rows: IndexRow[] = [];
  // Group members are not matched: the filter compares IFIs of the Agent or Identified Group itself.
  const add = (value: unknown, related: boolean): void => {
    const key = agentKey(value);
    if (key) rows.push({ value: key, related });
  };
  add(statement['actor'], false);
  if (isActor(statement['object'])) add(statement['object'], false);
  add(statement['authority'], true);
  const related = (s: Json, direct: boolean): void => {
    const context = s['context'];
    if (isObject(context)) {
      add(context['instructor'], true);
      add(context['team'], true);
    }
    if (!direct) {
      add(s['actor'], true);
      if (isActor(s['object'])) add(s['object'], true);
    }
  };
  related(statement, true);
  const object = statement['object'];
  if (isObject(object) && object['objectType'] === 'SubStatement') related(object, false);
  return rows;
}

function collectActivities(statement: Json): { rows: IndexRow[]; definitions: Json[] } {
  const rows: IndexRow[] = [];
  const definitions: Json[] = [];
  const add = (activity: Json, related: boolean): void => {
    if (typeof activity['id'] !== 'string') return;
    rows.push({ value: activity['id'], related });
    definitions.push(activity);
  };
  const object = statement['object'];
  if (isActivity(object)) add(object, false);
  for (const a of contextActivityObjects(statement['context'])) add(a, true);
  if (isObject(object) && object['objectType'] === 'SubStatement') {
    if (isActivity(object['object'])) add(object['object'], true);
    for (const a of contextActivityObjects(object['context'])) add(a, true);
  }
  return { rows, definitions };
}

export interface PrepareOptions {
  readonly id: string;
  readonly stored: Date;
  readonly principal: Principal;
  readonly authorityHomePage: string;
}

/** A normalised, validated statement (validate-statement.ts) → the record to store. */
export function prepareStatement(statement: Json, options: PrepareOptions): StatementRecord {
  const stored = options.stored.toISOString();
  const sent: Json = { ...statement, id: options.id };
  const full: Json = {
    ...sent,
    // Data §2.4.7: "If a Statement … has no timestamp, the LRS MUST set it to the value of stored".
    timestamp: typeof sent['timestamp'] === 'string' ? sent['timestamp'] : stored,
    stored,
    // Data §2.4.9: the LRS SHOULD overwrite authority from the credentials used. Always doing so keeps a
    // leaked package key from forging another key's authority, which reports may filter on (XAPI.md §12).
    authority: authorityFor(options.principal, options.authorityHomePage),
    // Data §2.4.10: "If no version is provided, the LRS MUST set it to 1.0.0".
    version: typeof sent['version'] === 'string' ? sent['version'] : '1.0.0',
  };
  const object = statement['object'];
  const refTarget = isObject(object) && object['objectType'] === 'StatementRef' && typeof object['id'] === 'string' ? object['id'] : undefined;
  const verb = isObject(statement['verb']) ? String(statement['verb']['id']) : '';
  const context = statement['context'];
  const registration = isObject(context) && typeof context['registration'] === 'string' ? context['registration'].toLowerCase() : undefined;
  const activities = collectActivities(full);
  const attachments = Array.isArray(statement['attachments']) ? statement['attachments'] : [];
  return {
    id: options.id,
    stored,
    statement: full,
    fingerprint: fingerprint(sent),
    verb,
    registration,
    refTarget,
    isVoiding: verb === VOIDED_VERB && refTarget !== undefined,
    agents: collectAgents(full),
    activities: activities.rows,
    activityDefinitions: activities.definitions,
    attachmentHashes: attachments.filter(isObject).map((a) => String(a['sha2'] ?? '')).filter(Boolean),
  };
}
