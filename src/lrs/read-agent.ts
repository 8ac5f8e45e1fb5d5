/**
 * Agents as identities: reading the `agent` query parameter and turning an Agent or Identified
 * Group into one comparable key. Data §2.4.2.3: an Agent is identified by exactly one Inverse
 * Functional Identifier (mbox, mbox_sha1sum, openid or account); Communication §2.1.3: "Agents or
 * Identified Groups are equal when the same IFI is used … and those Objects have the same objectType".
 */
import { badRequest } from './lrs-types.js';

type Json = Record<string, unknown>;

const IFI_NAMES = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An absolute IRI: a scheme, a colon and no spaces (RFC 3987 in its simplest form). */
export function isIri(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/.test(value) && value.length <= 8192;
}

/**
 * The identity key of an Agent or Identified Group, or undefined for an anonymous Group or a value
 * that is no actor at all. `Agent|mbox|mailto:a@b.c`; an account joins homePage and name.
 */
export function agentKey(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  const type = value['objectType'] === 'Group' ? 'Group' : 'Agent';
  if (typeof value['mbox'] === 'string') return `${type}|mbox|${value['mbox'].toLowerCase()}`;
  if (typeof value['mbox_sha1sum'] === 'string') return `${type}|sha1|${value['mbox_sha1sum'].toLowerCase()}`;
  if (typeof value['openid'] === 'string') return `${type}|openid|${value['openid']}`;
  const account = value['account'];
  if (isObject(account) && typeof account['homePage'] === 'string' && typeof account['name'] === 'string') {
    // The homePage's own `|` and backslash are escaped, so the first bare `|` ends it: joined as typed,
    // homePage `http://h.org|s1` with name `x` and homePage `http://h.org` with name `s1|x` were one key,
    // and either learner could read the other's statements and state (Data §2.4.2.3: an IFI refers to
    // one Agent only). A homePage without either character (any valid IRI) keeps the key it had.
    return `${type}|account|${account['homePage'].replace(/[\\|]/g, '\\$&')}|${account['name']}`;
  }
  return undefined;
}

/** Checks one Agent (or Identified Group) given as a parameter; the message names the parameter. */
export function checkAgent(value: unknown, name: string, allowGroup = true): Json {
  const fail = (why: string): never => {
    throw badRequest(`'${name}' is not a valid Agent: ${why} (Data §2.4.2)`);
  };
  if (!isObject(value)) return fail('it must be a JSON object');
  const objectType = value['objectType'];
  if (objectType !== undefined && objectType !== 'Agent' && !(allowGroup && objectType === 'Group')) {
    fail(`objectType '${String(objectType)}' is not allowed here`);
  }
  const ifis = IFI_NAMES.filter((ifi) => value[ifi] !== undefined);
  if (ifis.length !== 1) fail(`it needs exactly one of ${IFI_NAMES.join(', ')} (found ${ifis.length})`);
  const mbox = value['mbox'];
  if (mbox !== undefined && (typeof mbox !== 'string' || !/^mailto:[^@\s]+@[^@\s]+$/i.test(mbox))) fail('mbox must be a mailto: IRI');
  const sha1 = value['mbox_sha1sum'];
  if (sha1 !== undefined && (typeof sha1 !== 'string' || !/^[0-9a-f]{40}$/i.test(sha1))) fail('mbox_sha1sum must be 40 hex digits');
  if (value['openid'] !== undefined && !isIri(value['openid'])) fail('openid must be an IRI');
  const account = value['account'];
  if (account !== undefined) {
    if (!isObject(account) || !isIri(account['homePage']) || typeof account['name'] !== 'string') {
      fail('account needs an IRL homePage and a string name');
    }
  }
  if (value['name'] !== undefined && typeof value['name'] !== 'string') fail('name must be a string');
  return value;
}

/** Parses and checks a JSON Agent given as a query parameter (`agent=`). */
export function readAgentParam(text: string, name: string, allowGroup = true): Json {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest(`'${name}' must be a JSON Agent object`);
  }
  return checkAgent(value, name, allowGroup);
}
