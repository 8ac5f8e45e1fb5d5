/**
 * The `format` parameter of GET statements (Communication §2.1.3): `exact` returns statements as
 * stored; `ids` keeps only identifying properties of Agents, Groups, Activities and Verbs;
 * `canonical` keeps one language per language map, chosen by Accept-Language.
 */
import { isObject } from './read-agent.js';
import type { StatementFormat } from './parse-query.js';

type Json = Record<string, unknown>;

const IFI_NAMES = ['mbox', 'mbox_sha1sum', 'openid', 'account'];
const LANGUAGE_MAP_KEYS = new Set(['display', 'name', 'description']);

function idsActor(actor: unknown): unknown {
  if (!isObject(actor)) return actor;
  const out: Json = { objectType: actor['objectType'] ?? 'Agent' };
  for (const ifi of IFI_NAMES) if (actor[ifi] !== undefined) out[ifi] = actor[ifi];
  // An anonymous Group is identified by its members (Data §2.4.2.2).
  if (actor['objectType'] === 'Group' && Array.isArray(actor['member']) && !IFI_NAMES.some((i) => actor[i] !== undefined)) {
    out['member'] = actor['member'].map(idsActor);
  }
  return out;
}

function idsObject(object: unknown): unknown {
  if (!isObject(object)) return object;
  const type = object['objectType'];
  if (type === 'Agent' || type === 'Group') return idsActor(object);
  if (type === 'SubStatement') return idsStatement(object);
  if (type === 'StatementRef') return object;
  return { id: object['id'] };
}

function idsContext(context: unknown): unknown {
  if (!isObject(context)) return context;
  const out: Json = { ...context };
  if (context['instructor'] !== undefined) out['instructor'] = idsActor(context['instructor']);
  if (context['team'] !== undefined) out['team'] = idsActor(context['team']);
  const ca = context['contextActivities'];
  if (isObject(ca)) {
    const activities: Json = {};
    for (const [key, list] of Object.entries(ca)) activities[key] = Array.isArray(list) ? list.map(idsObject) : list;
    out['contextActivities'] = activities;
  }
  return out;
}

function idsStatement(statement: Json): Json {
  const out: Json = { ...statement };
  out['actor'] = idsActor(statement['actor']);
  if (isObject(statement['verb'])) out['verb'] = { id: statement['verb']['id'] };
  out['object'] = idsObject(statement['object']);
  if (statement['context'] !== undefined) out['context'] = idsContext(statement['context']);
  if (statement['authority'] !== undefined) out['authority'] = idsActor(statement['authority']);
  return out;
}

/** Accept-Language → language tags in order of preference (RFC 7231 §5.3.5). */
export function parseAcceptLanguage(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((l) => l.tag && l.tag !== '*' && l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((l) => l.tag);
}

function pickLanguage(map: Json, languages: readonly string[]): Json {
  const keys = Object.keys(map);
  for (const wanted of languages) {
    const exact = keys.find((k) => k.toLowerCase() === wanted);
    if (exact) return { [exact]: map[exact] };
    const prefix = keys.find((k) => k.toLowerCase().split('-')[0] === wanted.split('-')[0]);
    if (prefix) return { [prefix]: map[prefix] };
  }
  const first = keys[0];
  return first === undefined ? {} : { [first]: map[first] };
}

function isLanguageMap(value: unknown): value is Json {
  return isObject(value) && Object.values(value).every((v) => typeof v === 'string');
}

function canonical(value: unknown, languages: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(v, languages));
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'extensions') out[key] = v;
    else if (LANGUAGE_MAP_KEYS.has(key) && isLanguageMap(v)) out[key] = pickLanguage(v, languages);
    else out[key] = canonical(v, languages);
  }
  return out;
}

export function formatStatement(statement: Json, format: StatementFormat, acceptLanguage?: string): Json {
  if (format === 'ids') return idsStatement(statement);
  if (format === 'canonical') return canonical(statement, parseAcceptLanguage(acceptLanguage)) as Json;
  return statement;
}
