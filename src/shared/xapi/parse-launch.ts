/**
 * Tin Can launch parameters (XAPI.md §6; RusticiSoftware/launch `lms_lrs.md`): an LMS that speaks
 * xAPI opens the content with `?endpoint=&auth=&actor=&registration=&activity_id=` on the URL.
 * Parsed by hand from the query string so this file needs neither DOM nor Node (`URLSearchParams`
 * would do, but src/shared stays free of platform APIs).
 *
 * Anything malformed is dropped field by field (null), never thrown: a bad launch URL must not stop
 * the course, it only means xAPI falls back to the build settings or stays off.
 */
import type { XapiAgent } from './statement-types.js';
import { isUuid } from './make-uuid.js';

export interface LaunchParameters {
  /** The LRS endpoint, an absolute http(s) URL, or null. */
  readonly endpoint: string | null;
  /** The whole `Authorization` header value for that endpoint (e.g. `Basic …`), or null. */
  readonly auth: string | null;
  readonly actor: XapiAgent | null;
  /** A UUID, or null. */
  readonly registration: string | null;
  /** The id the LMS knows the course activity by, or null. */
  readonly activityId: string | null;
  /**
   * Who the launch says the learner is, as the key that scopes what the browser keeps for them
   * (src/runtime/main.ts); '' when the launch gives no `actor`. Also set for an actor this player will
   * not send (a non-ASCII mailbox, an account whose home page is not a URL, JSON it cannot read): it
   * still names someone, and under the empty key every such learner shared one corner of the browser,
   * the next one welcomed back to the last one's page and reflections.
   */
  readonly learnerKey: string;
}

/** The launch parameters in a query string (`location.search`, with or without `?`; a fragment is ignored). */
export function parseLaunchParameters(search: string): LaunchParameters {
  const params = parseQuery(search);
  const endpoint = params.get('endpoint') ?? '';
  const auth = repairAuth(params.get('auth') ?? '');
  const registration = params.get('registration') ?? '';
  const activityId = params.get('activity_id') ?? '';
  const actorJson = (params.get('actor') ?? '').trim();
  const actor = parseLaunchActor(actorJson);
  return {
    endpoint: isHttpUrl(endpoint) ? endpoint : null,
    auth: auth === '' ? null : auth,
    actor,
    registration: isUuid(registration) ? registration : null,
    activityId: /^\w+:\S+$/.test(activityId) ? activityId : null,
    learnerKey: actor ? launchLearnerKey(actor) : actorJson === '' ? '' : refusedActorKey(actorJson),
  };
}

/**
 * The key of an actor the player will not send: by its identifier as written, never its name, as a sendable one
 * is keyed (the same learner launched again with another display name finds their progress); the whole text
 * only when it names no identifier at all (JSON cut short).
 */
function refusedActorKey(json: string): string {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    value = undefined;
  }
  if (isRecord(value)) {
    const mbox = first(value['mbox']);
    if (typeof mbox === 'string' && mbox.trim() !== '') return `launch-actor mbox ${(/^mailto:/i.test(mbox.trim()) ? mbox.trim() : `mailto:${mbox.trim()}`).toLowerCase()}`;
    const sha1 = first(value['mbox_sha1sum']);
    if (typeof sha1 === 'string' && sha1.trim() !== '') return `launch-actor sha1 ${sha1.trim().toLowerCase()}`;
    const openid = first(value['openid']);
    if (typeof openid === 'string' && openid.trim() !== '') return `launch-actor openid ${openid.trim()}`;
    const account = first(value['account']);
    if (isRecord(account)) {
      const homePage = account['homePage'] ?? account['accountServiceHomePage'];
      const name = account['name'] ?? account['accountName'];
      if (typeof name === 'string' && name !== '') return `launch-actor account ${JSON.stringify([typeof homePage === 'string' ? homePage : '', name])}`;
    }
  }
  return `launch-actor as given ${json}`;
}

/**
 * A launch `actor` (JSON) as a 1.0.3 Agent with one identifier (Data §2.4.2.3), or null.
 * Accepts the 1.0 form and the 0.95 form TinCanJS still reads: `name`, `mbox` and `account` as
 * one-element arrays, the account as `{accountServiceHomePage, accountName}` (XAPI.md §4). When
 * several identifiers are given, the first of mbox, mbox_sha1sum, openid, account wins, in the
 * order the spec lists them. A Group is not a learner: null.
 */
const MAILTO = /^mailto:[A-Z0-9.`'_%+-]+@[A-Z0-9.-]+\.[A-Z]{1,63}$/i;

export function parseLaunchActor(json: string): XapiAgent | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (!isRecord(value) || (value['objectType'] !== undefined && value['objectType'] !== 'Agent')) return null;
  const nameValue = first(value['name']);
  const named = typeof nameValue === 'string' && nameValue.trim() !== '' ? { name: nameValue.trim() } : {};
  const mbox = first(value['mbox']);
  if (typeof mbox === 'string' && mbox.trim() !== '') {
    const address = /^mailto:/i.test(mbox.trim()) ? mbox.trim() : `mailto:${mbox.trim()}`;
    // The address form strict LRSs check (xapi-validation, as Learning Locker runs it): `a@localhost` or a
    // non-ASCII one made every statement of the session a 400, each then dropped.
    if (MAILTO.test(address)) return { objectType: 'Agent', ...named, mbox: address };
  }
  const sha1 = first(value['mbox_sha1sum']);
  if (typeof sha1 === 'string' && /^[0-9a-f]{40}$/i.test(sha1)) return { objectType: 'Agent', ...named, mbox_sha1sum: sha1 };
  const openid = first(value['openid']);
  if (typeof openid === 'string' && isHttpUrl(openid)) return { objectType: 'Agent', ...named, openid };
  const account = first(value['account']);
  if (isRecord(account)) {
    const homePage = account['homePage'] ?? account['accountServiceHomePage'];
    const name = account['name'] ?? account['accountName'];
    if (typeof homePage === 'string' && isHttpUrl(homePage) && typeof name === 'string' && name !== '') {
      return { objectType: 'Agent', ...named, account: { homePage, name } };
    }
  }
  return null;
}

/**
 * Who a launch actor is, as one string that scopes what the browser keeps for them when no LMS names the
 * learner (src/runtime/main.ts): by its identifier alone, never its name. Two learners launched with their
 * own actors on one computer each get their own progress and statement queue; without this, both shared
 * the anonymous scope, and the second learner saw the first one's answers and sent their queued
 * statements under their own key.
 */
export function launchLearnerKey(actor: XapiAgent): string {
  if ('mbox' in actor && actor.mbox) return `launch-actor mbox ${actor.mbox.toLowerCase()}`;
  if ('mbox_sha1sum' in actor && actor.mbox_sha1sum) return `launch-actor sha1 ${actor.mbox_sha1sum.toLowerCase()}`;
  if ('openid' in actor && actor.openid) return `launch-actor openid ${actor.openid}`;
  if ('account' in actor && actor.account) return `launch-actor account ${JSON.stringify([actor.account.homePage, actor.account.name])}`;
  return '';
}

/** True for an absolute http(s) URL with a host. */
export function isHttpUrl(value: string): boolean {
  return /^https?:\/\/[^\s/?#]+[^\s]*$/i.test(value);
}

/** First value of each key, decoded as application/x-www-form-urlencoded; undecodable pairs are skipped. */
function parseQuery(search: string): Map<string, string> {
  const params = new Map<string, string>();
  const query = search.replace(/^[^?]*\?/, '').replace(/#.*$/, '');
  for (const pair of query.split('&')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    try {
      const key = decodeURIComponent(pair.slice(0, at).replace(/\+/g, ' '));
      const value = decodeURIComponent(pair.slice(at + 1).replace(/\+/g, ' '));
      if (!params.has(key)) params.set(key, value);
    } catch {
      // a malformed %-escape: skip this parameter only
    }
  }
  return params;
}

/**
 * LMSs that forget to encode `+` in a Basic token turn it into a space. Base64 has no spaces, so
 * every space after the scheme was a `+`.
 */
function repairAuth(auth: string): string {
  const trimmed = auth.trim();
  const match = /^(\S+) (.+)$/.exec(trimmed);
  return match ? `${match[1]} ${(match[2] ?? '').replace(/ /g, '+')}` : trimmed;
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
