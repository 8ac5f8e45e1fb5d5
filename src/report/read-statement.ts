/**
 * One statement (parsed JSON, or JSON text read with the selective scanner) → the few facts the
 * aggregation needs. Checks what the rules depend on and nothing else: an `id` (rule 8), a parsable
 * `timestamp` (rule 3; `stored` when it is missing, as an LRS would fill it, Data §2.4.8), an actor
 * with an inverse functional identifier (rule 1, Data §2.4.2.3), a verb and an object id.
 */
import { PROGRESS_EXTENSION, VERBS } from '../shared/xapi/vocabulary.js';
import { parseIsoTimestamp } from '../shared/iso-timestamp.js';
import { ownString } from './own-string.js';
import { parseDuration } from './parse-duration.js';
import { compilePick, LazyJson, memo, ScanError, scanJson } from './scan-json.js';

export class StatementError extends Error {}

export interface ActivityRef {
  readonly id: string;
  /** The definition as sent: an object, a `LazyJson`, or undefined. */
  readonly definition: unknown;
}

export interface ResultFacts {
  readonly success: boolean | undefined;
  readonly completion: boolean | undefined;
  /** `score.scaled`, or (raw - min) / (max - min) when only those are sent; null without a score. */
  readonly scaled: number | null;
  readonly response: string | undefined;
  /** Seconds, null when absent or not a duration. */
  readonly durationSeconds: number | null;
  /** cmi5 progress extension 0-100 (XAPI.md §2), null when absent. */
  readonly progress: number | null;
}

export interface StatementFacts {
  readonly id: string;
  /** Parsed `timestamp` in ms (rule 3). */
  readonly time: number;
  readonly stored: string | undefined;
  /**
   * `homePage|name` for an account, else the IFI itself (`mailto:…`, `sha1:…`, an openid); '' for an
   * anonymous Group (Data §2.4.2.2: valid, but it names no learner, so the report leaves it out).
   */
  readonly actorKey: string;
  readonly accountName: string | undefined;
  readonly actorName: string | undefined;
  readonly verb: string;
  readonly objectId: string;
  readonly objectIsStatementRef: boolean;
  readonly objectDefinition: unknown;
  /** '' when the statement has no registration: one implicit attempt. */
  readonly registration: string;
  readonly revision: string | undefined;
  readonly parents: readonly ActivityRef[];
  /** Every context activity id (parent, grouping, category, other), for scoping (rule 1). */
  readonly contextIds: readonly string[];
  readonly result: ResultFacts | undefined;
  /** IFI keys of the authority (an Agent, or each member of an OAuth Group), for rule 9. */
  readonly authorityKeys: readonly string[];
}

const ACCOUNT = { homePage: true, name: true } as const;
const AGENT = { objectType: true, name: true, mbox: true, mbox_sha1sum: true, openid: true, account: ACCOUNT } as const;
const ACTIVITY = { id: true, definition: 'lazy' } as const;

/** The keys of a statement the report reads (Data §2.4), compiled once for the scanner. */
export const STATEMENT_PICK = compilePick({
  id: true,
  timestamp: true,
  stored: true,
  // Values that repeat across statements are recognised instead of scanned (scan-json.ts, Memo).
  actor: memo(AGENT),
  verb: memo({ id: true }, 16),
  object: { objectType: true, id: true, definition: 'lazy' },
  result: {
    success: true,
    completion: true,
    response: true,
    duration: true,
    score: { scaled: true, raw: true, min: true, max: true },
    extensions: { [PROGRESS_EXTENSION]: true },
  },
  context: {
    registration: true,
    revision: true,
    contextActivities: { parent: ACTIVITY, grouping: memo({ id: true }), category: memo({ id: true }), other: { id: true } },
  },
  authority: memo({ ...AGENT, member: AGENT }),
});

/** Reads a statement's JSON text, selectively when it can (scan-json.ts), else with `JSON.parse`. */
export function readStatementText(text: string): StatementFacts {
  let raw: unknown;
  try {
    raw = scanJson(text, STATEMENT_PICK);
    // No id: a statement inside a wrapper (below), or a mistake JSON.parse and readStatement word exactly.
    if (isObject(raw) && raw.id === undefined) raw = JSON.parse(text) as unknown;
  } catch (error) {
    if (!(error instanceof ScanError) && !(error instanceof SyntaxError)) throw error;
    try {
      raw = JSON.parse(text) as unknown;
    } catch (syntax) {
      throw new StatementError(`not JSON (${(syntax as Error).message})${whyNotJson(text)}`);
    }
  }
  return readStatement(raw);
}

/**
 * What a line that is not JSON most likely is, as the end of the message: a JSON array written one
 * statement a line (`[`, then `{…},` lines, then `]`), saved or renamed as NDJSON, is the usual case, and
 * "Unexpected end of JSON input" at line 1 said nothing of it.
 */
function whyNotJson(text: string): string {
  const line = text.trim();
  if (line === '[' || line === ']' || line.startsWith('[{') || line.startsWith('[ ')) {
    return ': the file is a JSON array, not NDJSON (one statement a line); name it .json';
  }
  if (line.endsWith(',') && line.startsWith('{')) {
    try {
      JSON.parse(line.slice(0, -1));
      return ': the line ends with a comma after the statement, as in a JSON array cut into lines; remove the commas (NDJSON), or put the statements in [ ] and name the file .json';
    } catch {
      return '';
    }
  }
  return '';
}

export function readStatement(document: unknown): StatementFacts {
  // Learning Locker keeps each statement under `statement` in its database, so a `mongoexport` of its
  // statements collection has one such document a line; no xAPI statement has a `statement` property.
  const raw = isObject(document) && document.id === undefined && document.actor === undefined && isObject(document.statement) ? document.statement : document;
  if (!isObject(raw)) throw new StatementError('not a JSON object');
  const id = raw.id;
  if (typeof id !== 'string' || id === '') throw new StatementError('no statement id');
  const actor = actorOf(raw.actor, id);
  const verbId = isObject(raw.verb) ? raw.verb.id : undefined;
  if (typeof verbId !== 'string') throw new StatementError(`statement ${id} has no verb id`);
  const verb = CANONICAL_VERBS.get(verbId) ?? verbId;
  const object = raw.object;
  if (!isObject(object)) throw new StatementError(`statement ${id} has no object`);
  // An Agent, a Group or a SubStatement as the object has no id (Data §2.4.4.2-3: "Ann mentored Ben", a
  // planned action): valid xAPI from another tool in the same LRS, which stopped the whole report. Such a
  // statement is about no activity (objectId ''): in the course's scope only by its context.
  const objectId = typeof object.id === 'string' ? object.id : OBJECTS_WITHOUT_ID.has(object.objectType) ? '' : undefined;
  if (objectId === undefined) throw new StatementError(`statement ${id} has no object id`);
  const when = typeof raw.timestamp === 'string' ? raw.timestamp : raw.stored;
  const time = aheadOfStored(typeof when === 'string' ? parseTimestamp(when) : Number.NaN, raw.stored);
  if (Number.isNaN(time)) throw new StatementError(`statement ${id} has no valid timestamp`);
  const context = isObject(raw.context) ? raw.context : undefined;
  const activities = context && isObject(context.contextActivities) ? context.contextActivities : undefined;
  const parents = activities ? refs(activities.parent) : NONE;
  const contextIds: string[] = [];
  if (activities) {
    for (const p of parents) contextIds.push(p.id);
    pushIds(activities.grouping, contextIds);
    pushIds(activities.category, contextIds);
    pushIds(activities.other, contextIds);
  }
  // Fields written out, not spread: one object shape for every statement, built without a copy loop.
  return {
    id,
    time,
    stored: typeof raw.stored === 'string' ? raw.stored : undefined,
    actorKey: actor.actorKey,
    accountName: actor.accountName,
    actorName: actor.actorName,
    verb,
    objectId,
    objectIsStatementRef: object.objectType === 'StatementRef',
    objectDefinition: object.definition,
    registration: context && typeof context.registration === 'string' ? context.registration.toLowerCase() : '',
    revision: context && typeof context.revision === 'string' ? context.revision : undefined,
    parents,
    contextIds,
    result: isObject(raw.result) ? resultOf(raw.result) : undefined,
    authorityKeys: authorityOf(raw.authority),
  };
}

/** Kinds of statement object that carry no `id` (an Activity, the default, and a StatementRef must). */
const OBJECTS_WITHOUT_ID: ReadonlySet<unknown> = new Set(['Agent', 'Group', 'SubStatement']);

/**
 * The vocabulary's own verb strings, by value: a statement's verb becomes the very string of
 * VERBS, so the fold's many `f.verb === VERBS.…` tests are pointer compares. (The verb object comes
 * back from the scanner's memo, the same one statement after statement, so its hash is kept.)
 */
const CANONICAL_VERBS = new Map<string, string>(Object.values(VERBS).map((v) => [v, v]));

/** True for a voiding statement (Data §2.2.3: verb `voided`, object a StatementRef). */
export function isVoiding(facts: StatementFacts): boolean {
  return facts.verb === VERBS.voided && facts.objectIsStatementRef;
}

/** A definition as an object, parsing it when it was kept as text. */
export function definitionOf(definition: unknown): Record<string, unknown> | undefined {
  const value = definition instanceof LazyJson ? definition.parse() : definition;
  return isObject(value) ? value : undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Rule 3 compares parsed dates. `YYYY-MM-DDTHH:MM:SS.sssZ` (what LRSs and the player send) is read
 * directly, several times faster than `Date.parse`; every other ISO 8601 form goes to parseIsoTimestamp
 * (which reads a time without a zone as UTC, never as the machine's local time). Statements come in runs
 * of the same hour, so the hour's start is kept and only minutes to milliseconds are read.
 */
export function parseTimestamp(text: string): number {
  if (text.length !== 24) return parseIsoTimestamp(text);
  // Twelve characters and the thirteenth apart: a slice of 13 or more is a view into the statement's
  // text, which V8 compares by a call into its runtime; a shorter one is a copy compared in place.
  const head = text.slice(0, 12);
  const sameHour = head === lastHourHead && text.charCodeAt(12) === lastHourLast;
  if (sameHour ? isCanonicalUtc(text, 13) : isCanonicalUtc(text, 0)) {
    if (!sameHour) {
      lastHourHead = head;
      lastHourLast = text.charCodeAt(12);
      lastHourMs = hourStart(text);
    }
    if (!Number.isNaN(lastHourMs)) {
      const minute = digits(text, 14, 16);
      const second = digits(text, 17, 19);
      if (minute < 60 && second < 60) return lastHourMs + minute * 60_000 + second * 1000 + digits(text, 20, 23);
    }
  }
  return parseIsoTimestamp(text);
}

/**
 * How far a timestamp may be after its `stored` and still be kept: an LRS's clock a little behind the learner's
 * (its `stored` never decreases, so it can run a little ahead of the real time, never much behind it under NTP).
 */
const AHEAD_SLACK_MS = 5 * 60_000;

/**
 * `time` (the timestamp), or `stored` when the timestamp is later than it by more than the slack. Nothing happens
 * after the LRS has stored it: the learner's clock was ahead (Data §2.4.7 asks LRSs to take such timestamps, "to
 * prevent issues due to clock errors"). A laptop whose clock said 2037 gave a completion dated 2037, out of every
 * window (`--until`) that held its day, and a last activity eleven years on. A timestamp before its `stored` is
 * kept however far back: statements queued in the browser go out at the next launch, months later perhaps.
 */
function aheadOfStored(time: number, stored: unknown): number {
  if (Number.isNaN(time) || typeof stored !== 'string') return time;
  const at = parseTimestamp(stored);
  return at + AHEAD_SLACK_MS < time ? at : time;
}

let lastHourHead = '';
let lastHourLast = 0;
let lastHourMs = Number.NaN;

/**
 * The start of the timestamp's hour, or NaN when parseIsoTimestamp must decide: a day past the 28th may
 * not exist in its month, and Date.UTC reads years 0-99 as 1900-1999.
 */
function hourStart(text: string): number {
  const year = digits(text, 0, 4);
  const day = digits(text, 8, 10);
  const month = digits(text, 5, 7);
  const hour = digits(text, 11, 13);
  if (year < 100 || day < 1 || day > 28 || month < 1 || month > 12 || hour >= 24) return Number.NaN;
  return Date.UTC(year, month - 1, day, hour);
}

function digits(text: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) v = v * 10 + text.charCodeAt(i) - 48;
  return v;
}

/** `DDDD-DD-DDTDD:DD:DD.DDDZ` with D a digit, from `from` on (the kept hour's text was checked whole). */
function isCanonicalUtc(text: string, from: number): boolean {
  for (let i = from; i < 24; i++) {
    const c = text.charCodeAt(i);
    const expected = CANONICAL_UTC.charCodeAt(i);
    if (expected === 68 ? c < 48 || c > 57 : c !== expected) return false;
  }
  return true;
}

const CANONICAL_UTC = 'DDDD-DD-DDTDD:DD:DD.DDDZ';

/** The same actor object comes back from the scanner for repeated actors (scan-json.ts, Memo). */
const actorFacts = new WeakMap<object, ActorFacts>();
const authorityKeys = new WeakMap<object, string[]>();

function actorOf(actor: unknown, id: string): ActorFacts {
  if (!isObject(actor)) throw new StatementError(`statement ${id} has no actor`);
  const cached = actorFacts.get(actor);
  if (cached) return cached;
  const facts = readActor(actor, id);
  actorFacts.set(actor, facts);
  return facts;
}

function readActor(actor: Record<string, unknown>, id: string): ActorFacts {
  const key = ifiOf(actor);
  if (key === undefined && actor.objectType === 'Group') return ANONYMOUS_GROUP;
  if (key === undefined) throw new StatementError(`statement ${id}: the actor has no inverse functional identifier (mbox, mbox_sha1sum, openid or account)`);
  const account = isObject(actor.account) ? actor.account : undefined;
  return {
    actorKey: key,
    accountName: account && typeof account.name === 'string' ? account.name : undefined,
    actorName: typeof actor.name === 'string' && actor.name !== '' ? actor.name : undefined,
  };
}

const ANONYMOUS_GROUP: ActorFacts = { actorKey: '', accountName: undefined, actorName: undefined };

interface ActorFacts {
  readonly actorKey: string;
  readonly accountName: string | undefined;
  readonly actorName: string | undefined;
}

/** Data §2.4.2.3: exactly one IFI; the account form is keyed `homePage|name` (XAPI.md §12 rule 1). */
function ifiOf(agent: Record<string, unknown>): string | undefined {
  const account = agent.account;
  if (isObject(account) && typeof account.homePage === 'string' && typeof account.name === 'string') {
    // One flat string, not the concatenation V8 keeps as two: it is looked up in the report's map of
    // learners for every statement, and comparing a concatenation calls into V8's runtime.
    return ownString(`${account.homePage}|${account.name}`);
  }
  // An address in other capitals is the same person, as the embedded LRS counts them (src/lrs/read-agent.ts): a
  // teacher launched once as Jane.Doe@District.org and once as jane.doe@district.org was two learners.
  if (typeof agent.mbox === 'string') return ownString(agent.mbox.toLowerCase());
  if (typeof agent.mbox_sha1sum === 'string') return `sha1:${agent.mbox_sha1sum.toLowerCase()}`;
  if (typeof agent.openid === 'string') return agent.openid;
  return undefined;
}

function authorityOf(authority: unknown): string[] {
  if (!isObject(authority)) return [];
  let keys = authorityKeys.get(authority);
  if (!keys) {
    keys = readAuthority(authority);
    authorityKeys.set(authority, keys);
  }
  return keys;
}

function readAuthority(authority: Record<string, unknown>): string[] {
  const own = ifiOf(authority);
  const keys = own === undefined ? [] : [own];
  // An OAuth authority is a two-member Group (Data §2.4.9); either member may be the known key.
  if (Array.isArray(authority.member)) {
    for (const m of authority.member) {
      const k = isObject(m) ? ifiOf(m) : undefined;
      if (k !== undefined) keys.push(k);
    }
  }
  return keys;
}

const NONE: readonly ActivityRef[] = [];

/** The ids of a context activities value (one activity or an array of them). */
function pushIds(value: unknown, ids: string[]): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    if (isObject(value) && typeof value.id === 'string') ids.push(value.id);
    return;
  }
  for (const item of value) if (isObject(item) && typeof item.id === 'string') ids.push(item.id);
}

function refs(value: unknown): ActivityRef[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const out: ActivityRef[] = [];
  for (const item of list) if (isObject(item) && typeof item.id === 'string') out.push({ id: item.id, definition: item.definition });
  return out;
}

function resultOf(result: Record<string, unknown>): ResultFacts {
  const score = isObject(result.score) ? result.score : undefined;
  let scaled: number | null = null;
  if (score) {
    // Data §2.4.5.1: scaled is -1 to 1, raw between min and max. An LRS rejects others, but an export or another
    // tool's file may hold one (`scaled: 85` for 85%), which showed as 8500%: out of range, it is no score.
    if (typeof score.scaled === 'number' && score.scaled >= -1 && score.scaled <= 1) scaled = score.scaled;
    else if (typeof score.raw === 'number' && typeof score.min === 'number' && typeof score.max === 'number' && score.max > score.min
      && score.raw >= score.min && score.raw <= score.max) {
      scaled = (score.raw - score.min) / (score.max - score.min);
    }
  }
  const extensions = isObject(result.extensions) ? result.extensions : undefined;
  const progress = extensions?.[PROGRESS_EXTENSION];
  return {
    success: typeof result.success === 'boolean' ? result.success : undefined,
    completion: typeof result.completion === 'boolean' ? result.completion : undefined,
    scaled,
    response: typeof result.response === 'string' ? result.response : undefined,
    durationSeconds: typeof result.duration === 'string' ? parseDuration(result.duration) : null,
    progress: typeof progress === 'number' ? progress : null,
  };
}
