/**
 * From a validated statement to what the store keeps: the properties the LRS sets (Data §2.4.1 id,
 * §2.4.7 timestamp, §2.4.8 stored, §2.4.9 authority, §2.4.10 version), fingerprints to tell a
 * re-send from a conflict (Communication §2.1.1/§2.1.2, Data §2.3.1), and the index rows the query
 * filters use (Communication §2.1.3). Pure: clock and ids come in through LrsContext.
 */
import { createHash } from 'node:crypto';
import { parseIsoTimestamp } from '../shared/iso-timestamp.js';
import { agentKey, isObject } from './read-agent.js';
import type { Principal } from './lrs-types.js';

type Json = Record<string, unknown>;

export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';

/**
 * Where an index row came from: the statement's actor or object (`direct`), or anywhere else (`related`);
 * `member` when it is a member of a Group there rather than the Agent or Group itself.
 */
export interface IndexRow {
  readonly value: string;
  readonly related: boolean;
  readonly member?: boolean;
}

export interface StatementRecord {
  readonly id: string;
  readonly stored: string;
  /** The statement as GET returns it (format=exact). */
  readonly statement: Json;
  /**
   * Fingerprint of the statement as sent, in its comparable form (comparableStatement): what the store
   * keeps. A re-send matches by this or by `untimedFingerprint` (isResend).
   */
  readonly fingerprint: string;
  /** The same without the top-level timestamp, for a stored statement whose timestamp the LRS set. */
  readonly untimedFingerprint: string;
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
 * A timestamp as an ISO instant: Data §2.3.1 lists "serialization of timestamps" among the ignored differences.
 * Read as the report and the `since`/`until` queries read them (iso-timestamp.ts), not by Date.parse: that reads
 * a timestamp without a zone in the machine's zone and refuses ISO 8601's basic format, so one resent statement
 * was a conflict (409) or not depending on the form its timestamp took and on where the LRS ran.
 */
function instant(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const t = parseIsoTimestamp(value);
  return Number.isNaN(t) ? value : new Date(t).toISOString();
}

/** A UUID or an email address in lower case: Data §2.3.1 ignores "case (where case is not significant)". */
function lower(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

/** `key` of `object` in lower case, if present. */
function lowerKey(object: Json, key: string): Json {
  return key in object ? { ...object, [key]: lower(object[key]) } : object;
}

/**
 * An Agent or Group as compared: mbox and mbox_sha1sum in lower case (as agentKey in read-agent.ts
 * compares them), and a Group's members in one order, since Data §2.3.1 ignores "order of Group members".
 */
function comparableActor(actor: unknown): unknown {
  if (!isObject(actor)) return actor;
  const out = lowerKey(lowerKey(actor, 'mbox'), 'mbox_sha1sum');
  const members = actor['member'];
  if (!Array.isArray(members)) return out;
  const sorted = members.map(comparableActor).map((m) => ({ m, key: canonicalJson(m) }));
  sorted.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { ...out, member: sorted.map(({ m }) => m) };
}

/** Data §2.3.1: "the Verb's display property" is not part of the statement; the id is. */
function comparableVerb(verb: unknown): unknown {
  if (!isObject(verb)) return verb;
  return 'objectType' in verb ? { id: verb['id'], objectType: verb['objectType'] } : { id: verb['id'] };
}

/**
 * Data §2.3.1: the content of an Activity Definition is not part of the statement (an LRS may keep
 * another, merged one: merge-activity.ts), so an Activity compares by its id.
 */
function comparableActivity(activity: unknown): unknown {
  if (!isObject(activity)) return activity;
  const { definition: _d, ...rest } = activity;
  return rest;
}

/** Context activities, each a list or (before Data §2.4.6.2's conversion) a single Activity. */
function comparableContextActivities(activities: unknown): unknown {
  if (!isObject(activities)) return activities;
  const out: Json = {};
  for (const [key, value] of Object.entries(activities)) {
    out[key] = Array.isArray(value) ? value.map(comparableActivity) : comparableActivity(value);
  }
  return out;
}

function comparableContext(context: unknown): unknown {
  if (!isObject(context)) return context;
  const out: Json = { ...context };
  if ('registration' in out) out['registration'] = lower(out['registration']);
  if ('instructor' in out) out['instructor'] = comparableActor(out['instructor']);
  if ('team' in out) out['team'] = comparableActor(out['team']);
  if ('contextActivities' in out) out['contextActivities'] = comparableContextActivities(out['contextActivities']);
  if (isObject(out['statement'])) out['statement'] = lowerKey(out['statement'], 'id');
  return out;
}

/** The parts a statement and a SubStatement share: actor, verb, object, context and timestamp. */
function comparableBody(statement: Json): Json {
  const out: Json = { ...statement };
  if ('actor' in out) out['actor'] = comparableActor(out['actor']);
  if ('verb' in out) out['verb'] = comparableVerb(out['verb']);
  if ('object' in out) out['object'] = comparableObject(out['object']);
  if ('context' in out) out['context'] = comparableContext(out['context']);
  if ('timestamp' in out) out['timestamp'] = instant(out['timestamp']);
  return out;
}

function comparableObject(object: unknown): unknown {
  if (!isObject(object)) return object;
  switch (object['objectType']) {
    case undefined:
    case 'Activity':
      return comparableActivity(object);
    case 'Agent':
    case 'Group':
      return comparableActor(object);
    case 'StatementRef':
      return lowerKey(object, 'id');
    case 'SubStatement':
      return comparableBody(object);
    default:
      return object;
  }
}

/**
 * The form in which two statements are compared (Communication §2.1.1/§2.1.2: 409 Conflict only when
 * they "do not match as per the statement comparison requirements"; Data §2.3.1: "Differences which
 * could have been caused by exceptions to Statement immutability MUST be ignored"). Left out: stored,
 * authority and version, which the LRS may set or rewrite; Activity Definitions; Verb displays.
 * Normalised: timestamps to ISO instants (their serialization), UUIDs (id, registration, StatementRef
 * ids) and mbox/mbox_sha1sum to lower case (case that is not significant), Group members to one order.
 * The top-level timestamp, which the LRS may also set, is kept: `fingerprints` decides when it counts.
 * Everything else (names, results, extensions, IRIs) compares as sent. Pure.
 */
export function comparableStatement(statement: Json): Json {
  const { stored: _s, authority: _a, version: _v, ...rest } = statement;
  return lowerKey(comparableBody(rest), 'id');
}

function digest(value: Json): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

export interface Fingerprints {
  /** Of the statement as sent, its timestamp included if it had one. What the store keeps. */
  readonly fingerprint: string;
  /** Of the statement without its top-level timestamp. */
  readonly untimedFingerprint: string;
}

/**
 * Both fingerprints of a statement as sent. Data §2.4.7: a statement sent without timestamp gets
 * timestamp = stored from the LRS, so a client re-sending what GET returned carries a timestamp the
 * stored fingerprint (taken without one) does not have; `untimedFingerprint` lets that re-send match
 * (`isResend`), and a statement first sent with a timestamp still conflicts with another instant.
 */
export function fingerprints(statement: Json): Fingerprints {
  const comparable = comparableStatement(statement);
  const { timestamp: _t, ...untimed } = comparable;
  return { fingerprint: digest(comparable), untimedFingerprint: digest(untimed) };
}

/**
 * The fingerprint of a statement as the store holds it (what GET returns, format=exact), for rows
 * whose fingerprint was computed another way (store-sqlite.ts migrations). A timestamp equal to
 * stored was set by the LRS (Data §2.4.7, prepareStatement), so it is left out, as it was not sent.
 */
export function storedFingerprint(body: Json): string {
  const { fingerprint, untimedFingerprint } = fingerprints(body);
  return body['timestamp'] !== undefined && body['timestamp'] === body['stored'] ? untimedFingerprint : fingerprint;
}

/**
 * Whether `record` re-sends the stored statement with fingerprint `stored`: the same statement as
 * compared, or one stored without a timestamp (the LRS set it) re-sent with the timestamp GET gave.
 */
export function isResend(stored: string, record: Fingerprints): boolean {
  return stored === record.fingerprint || stored === record.untimedFingerprint;
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

/**
 * Agents the `agent` filter matches: actor and object; with related_agents also these (Communication §2.1.3).
 * Each Group's members too, as the Group's place: "Groups that have members which match the specified Agent
 * … are considered a match", so a pair's or a team's statement is found by each member's agent query.
 */
export function collectAgents(statement: Json): IndexRow[] {
  const rows: IndexRow[] = [];
  const add = (value: unknown, related: boolean): void => {
    const key = agentKey(value);
    if (key) rows.push({ value: key, related });
    if (isObject(value) && value['objectType'] === 'Group' && Array.isArray(value['member'])) {
      for (const m of value['member']) {
        const memberKey = agentKey(m);
        if (memberKey) rows.push({ value: memberKey, related, member: true });
      }
    }
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
    ...fingerprints(sent),
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
