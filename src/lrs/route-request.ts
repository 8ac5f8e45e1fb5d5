/**
 * One request through the LRS, without sockets: decode (alternate syntax), authenticate, check the
 * scope and the version header, then the resource's handler. Every answer carries
 * `X-Experience-API-Version` (Communication §3.3); refusals are JSON `{ error, message }`.
 */
import { decodeRequest, type RawRequest } from './decode-request.js';
import { needOf, parseBasicAuth, scopeAllows, type BasicCredentials } from './check-auth.js';
import { consistentThroughTime, handleStatements } from './handle-statements.js';
import { DOCUMENT_RESOURCES, handleDocuments } from './handle-documents.js';
import { handleAbout, handleActivities, handleAgents } from './handle-resources.js';
import { LrsError, badRequest, type LrsRequest, type LrsResponse, type Principal } from './lrs-types.js';
import type { LrsDeps } from './lrs-deps.js';

export const XAPI_VERSION_HEADER = '1.0.3';

/** Credentials → the key's principal, or undefined when unknown, wrong or revoked. */
export type Authenticate = (credentials: BasicCredentials) => Principal | undefined;

export interface Routed {
  readonly response: LrsResponse;
  readonly principal?: Principal;
}

/**
 * Communication §3.3: requests MUST carry X-Experience-API-Version (except to About); an LRS MUST
 * reject versions it does not speak: 1.0.x here, where x may be any patch (all share one format).
 */
export function checkVersion(value: string | undefined): void {
  if (value === undefined) throw badRequest('Missing X-Experience-API-Version header; send 1.0.3 (Communication §3.3)');
  if (!/^1\.0(\.\d+)?$/.test(value.trim())) throw badRequest(`X-Experience-API-Version '${value}' is not supported; send 1.0.3`);
}

function dispatch(req: LrsRequest, principal: Principal, deps: LrsDeps): LrsResponse {
  if (req.resource === 'statements') return handleStatements(req, principal, deps);
  if (req.resource === 'about') return handleAbout(req);
  if (req.resource === 'activities') return handleActivities(req, deps);
  if (req.resource === 'agents') return handleAgents(req, deps);
  const layout = DOCUMENT_RESOURCES[req.resource];
  if (layout) return handleDocuments(req, layout, deps);
  throw new LrsError(404, `No xAPI resource '${req.resource}'`);
}

export function errorResponse(error: LrsError): LrsResponse {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (error.status === 401) headers['www-authenticate'] = 'Basic realm="xAPI"';
  return { status: error.status, headers, body: JSON.stringify({ error: true, message: error.message }) };
}

function withVersion(response: LrsResponse): LrsResponse {
  return { ...response, headers: { ...response.headers, 'x-experience-api-version': XAPI_VERSION_HEADER } };
}

export function routeRequest(raw: RawRequest, deps: LrsDeps, authenticate: Authenticate): Routed {
  let principal: Principal | undefined;
  try {
    const req = decodeRequest(raw);
    const need = needOf(req.method, req.resource);
    if (need !== 'none') {
      const credentials = parseBasicAuth(req.headers['authorization']);
      if (!credentials) throw new LrsError(401, 'This LRS needs HTTP Basic credentials (Communication §4.0)');
      principal = authenticate(credentials);
      if (!principal) throw new LrsError(401, 'Unknown, revoked or expired key, or wrong secret');
      if (!scopeAllows(principal.scope, need)) {
        throw new LrsError(403, `A ${principal.scope} key may not ${req.method} ${req.resource}`);
      }
    }
    if (req.resource !== 'about') checkVersion(req.headers['x-experience-api-version']);
    const response = dispatch(req, principal ?? { key: '', scope: 'read' }, deps);
    return { response: withVersion(response), ...(principal ? { principal } : {}) };
  } catch (error) {
    if (error instanceof LrsError) {
      let response = errorResponse(error);
      if (raw.resource === 'statements' && (raw.method === 'GET' || raw.method === 'HEAD')) {
        // Communication §2.1.3: every GET statements response carries Consistent-Through, a 404 too.
        response = { ...response, headers: { ...response.headers, 'x-experience-api-consistent-through': consistentThroughTime(deps) } };
      }
      return { response: withVersion(response), ...(principal ? { principal } : {}) };
    }
    throw error;
  }
}
