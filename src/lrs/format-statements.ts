/**
 * The `format` parameter of GET statements (Communication §2.1.3): `exact` returns statements as
 * stored; `ids` keeps only identifying properties of Agents, Groups, Activities and Verbs;
 * `canonical` gives each Activity the definition the LRS holds for it (merged from every statement that
 * defined it, as the Activities resource answers it), then keeps one language per language map, chosen
 * by Accept-Language. Verbs keep the display their statement gave: the LRS keeps no verb of its own.
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
    // The same language in the same script, before any of the language: a reader in Taiwan (`zh-TW`, or
    // `zh-Hant-TW`) was given the first `zh-*` key, Simplified Chinese, where the map had `zh-Hant`.
    const script = writtenIn(wanted);
    const sameScript = script === undefined ? undefined : keys.find((k) => writtenIn(k) === script);
    if (sameScript) return { [sameScript]: map[sameScript] };
    const prefix = keys.find((k) => k.toLowerCase().split('-')[0] === wanted.split('-')[0]);
    if (prefix) return { [prefix]: map[prefix] };
  }
  const first = keys[0];
  return first === undefined ? {} : { [first]: map[first] };
}

/** Language tags' language and script (`zh-TW` → `zh-Hant`, by CLDR's likely subtags), kept for the next map. */
const scripts = new Map<string, string | undefined>();

function writtenIn(tag: string): string | undefined {
  const key = tag.toLowerCase();
  if (scripts.has(key)) return scripts.get(key);
  let script: string | undefined;
  try {
    // The language as tagged, only the script as likely: `und` (undetermined, common in language maps) maximizes
    // to en-Latn-US, and an English reader was given a map's `und` entry before its `en-US`.
    const locale = new Intl.Locale(tag);
    const likely = locale.maximize().script;
    script = likely === undefined ? undefined : `${locale.language}-${likely}`;
  } catch {
    // Not a language tag (a client's header or a stored key): matched exactly or by its prefix only.
    script = undefined;
  }
  // Keys and headers come from clients: the cache stays small whatever they send.
  if (scripts.size >= 1000) scripts.clear();
  scripts.set(key, script);
  return script;
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

/** An Activity as a statement holds it: an object with an id and no other objectType. */
function isActivity(value: unknown): value is Json {
  return isObject(value) && typeof value['id'] === 'string' && (value['objectType'] === undefined || value['objectType'] === 'Activity');
}

/** Calls `visit` on each Activity in a statement (its object, its context's activities, a SubStatement's). */
function eachActivity(statement: Json, visit: (activity: Json) => Json): Json {
  const inContext = (context: unknown): unknown => {
    if (!isObject(context) || !isObject(context['contextActivities'])) return context;
    const activities: Json = {};
    for (const [key, list] of Object.entries(context['contextActivities'])) activities[key] = Array.isArray(list) ? list.map((a) => (isActivity(a) ? visit(a) : a)) : list;
    return { ...context, contextActivities: activities };
  };
  const out: Json = { ...statement };
  const object = statement['object'];
  if (isActivity(object)) out['object'] = visit(object);
  else if (isObject(object) && object['objectType'] === 'SubStatement') out['object'] = eachActivity(object, visit);
  if (statement['context'] !== undefined) out['context'] = inContext(statement['context']);
  return out;
}

/** The ids of every Activity in the statements, to look their definitions up at once. */
export function activityIds(statements: readonly Json[]): string[] {
  const ids = new Set<string>();
  for (const statement of statements) {
    eachActivity(statement, (activity) => {
      ids.add(activity['id'] as string);
      return activity;
    });
  }
  return [...ids];
}

/**
 * `known`: the LRS's own Activities by id (needed for `canonical` only), whose definition replaces the
 * one in the statement, which may be none at all (a statement naming an activity by its id alone).
 */
export function formatStatement(statement: Json, format: StatementFormat, acceptLanguage?: string, known?: ReadonlyMap<string, Json>): Json {
  if (format === 'ids') return idsStatement(statement);
  if (format === 'canonical') {
    const defined = known ? eachActivity(statement, (activity) => {
      const definition = known.get(activity['id'] as string)?.['definition'];
      return isObject(definition) ? { ...activity, definition } : activity;
    }) : statement;
    return canonical(defined, parseAcceptLanguage(acceptLanguage)) as Json;
  }
  return statement;
}
