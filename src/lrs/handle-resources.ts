/**
 * The small read-only resources: About (Communication §2.8), Activities (§2.5) and Agents (§2.4).
 */
import { agentKey, isIri, readAgentParam } from './read-agent.js';
import { badRequest, jsonResponse, LrsError, type LrsRequest, type LrsResponse } from './lrs-types.js';
import type { LrsDeps } from './lrs-deps.js';

/** Versions this LRS speaks (Communication §2.8: the About resource lists them; all 1.0.x are one format). */
export const SUPPORTED_VERSIONS = ['1.0.3', '1.0.2', '1.0.1', '1.0.0'] as const;

function onlyGet(req: LrsRequest, allowed: readonly string[]): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new LrsError(405, `${req.method} is not allowed here`);
  for (const name of req.params.keys()) if (!allowed.includes(name)) throw badRequest(`Unknown parameter '${name}'`);
}

export function handleAbout(req: LrsRequest): LrsResponse {
  onlyGet(req, []);
  return jsonResponse(200, { version: SUPPORTED_VERSIONS, extensions: {} });
}

export function handleActivities(req: LrsRequest, deps: LrsDeps): LrsResponse {
  onlyGet(req, ['activityId']);
  const id = req.params.get('activityId');
  if (id === undefined) throw badRequest(`'activityId' is required`);
  if (!isIri(id)) throw badRequest(`'activityId' must be an IRI (got '${id}')`);
  // Communication §2.5: return what is known; an activity never seen is still an Activity with its id.
  return jsonResponse(200, deps.store.getActivities([id]).get(id) ?? { objectType: 'Activity', id });
}

/** Communication §2.4: a Person object gathering what the LRS knows of the agent; here its names and IFI. */
export function handleAgents(req: LrsRequest, deps: LrsDeps): LrsResponse {
  onlyGet(req, ['agent']);
  const text = req.params.get('agent');
  if (text === undefined) throw badRequest(`'agent' is required`);
  const agent = readAgentParam(text, 'agent', false);
  const key = agentKey(agent) ?? '';
  const names = deps.store.agentNames(key);
  if (typeof agent['name'] === 'string' && !names.includes(agent['name'])) names.push(agent['name']);
  const person: Record<string, unknown> = { objectType: 'Person' };
  if (names.length) person['name'] = names;
  for (const ifi of ['mbox', 'mbox_sha1sum', 'openid', 'account']) if (agent[ifi] !== undefined) person[ifi] = [agent[ifi]];
  return jsonResponse(200, person);
}
