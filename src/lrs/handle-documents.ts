/**
 * The document resources (Communication §2.2–2.7): State (`activities/state`), Activity Profile
 * (`activities/profile`) and Agent Profile (`agents/profile`). Documents are opaque bytes with
 * their Content-Type; POST merges two JSON objects one level deep (§2.2); ETags (quoted SHA-1,
 * §3.1) guard PUT, POST and DELETE when the client sends If-Match or If-None-Match.
 */
import { createHash } from 'node:crypto';
import { agentKey, isIri, isObject, readAgentParam } from './read-agent.js';
import { isUuid, readTimestamp } from './parse-query.js';
import { mediaType } from './decode-request.js';
import { badRequest, jsonResponse, LrsError, type LrsRequest, type LrsResponse } from './lrs-types.js';
import type { LrsDeps } from './lrs-deps.js';
import { jsonDepth, MAX_JSON_DEPTH } from './read-statement-body.js';
import type { DocumentKind, DocumentScope, DocumentSet, StoredDocument } from './store.js';

interface Layout {
  readonly kind: DocumentKind;
  readonly idName: 'stateId' | 'profileId';
  readonly activity: boolean;
  readonly agent: boolean;
  readonly registration: boolean;
  /** State may be deleted as a set (DELETE without stateId); profiles may not. */
  readonly deleteMany: boolean;
  /** Communication §3.1: a PUT over an existing profile needs If-Match or If-None-Match. */
  readonly requirePrecondition: boolean;
}

export const DOCUMENT_RESOURCES: Readonly<Record<string, Layout>> = {
  'activities/state': { kind: 'state', idName: 'stateId', activity: true, agent: true, registration: true, deleteMany: true, requirePrecondition: false },
  'activities/profile': { kind: 'activity-profile', idName: 'profileId', activity: true, agent: false, registration: false, deleteMany: false, requirePrecondition: true },
  'agents/profile': { kind: 'agent-profile', idName: 'profileId', activity: false, agent: true, registration: false, deleteMany: false, requirePrecondition: true },
};

export function etagOf(content: Buffer): string {
  return `"${createHash('sha1').update(content).digest('hex')}"`;
}

/** The context the parameters name; `registration` stays undefined when the request gives none. */
function readSet(req: LrsRequest, layout: Layout): DocumentSet {
  const allowed = new Set([layout.idName, 'since']);
  if (layout.activity) allowed.add('activityId');
  if (layout.agent) allowed.add('agent');
  if (layout.registration) allowed.add('registration');
  for (const name of req.params.keys()) if (!allowed.has(name)) throw badRequest(`Unknown parameter '${name}'`);
  let activityId = '';
  if (layout.activity) {
    const value = req.params.get('activityId');
    if (value === undefined) throw badRequest(`'activityId' is required`);
    if (!isIri(value)) throw badRequest(`'activityId' must be an IRI (got '${value}')`);
    activityId = value;
  }
  let agent = '';
  if (layout.agent) {
    const value = req.params.get('agent');
    if (value === undefined) throw badRequest(`'agent' is required`);
    agent = agentKey(readAgentParam(value, 'agent')) ?? '';
  }
  const registration = req.params.get('registration');
  // An empty `registration=` is no UUID (Communication §2.3.3), and would leave unclear whether a
  // DELETE without stateId means the state stored without a registration or every registration's.
  if (registration !== undefined && !isUuid(registration)) throw badRequest(`'registration' must be a UUID (got '${registration}')`);
  return { kind: layout.kind, activityId, agent, registration: registration?.toLowerCase() };
}

/**
 * The one document a request with an id addresses. Communication §2.3.3: the stateId "in the context
 * of the specified Activity, Agent, and registration (if specified)": without a registration that is
 * the document stored without one (''), never one stored under some registration.
 */
function oneOf(set: DocumentSet): DocumentScope {
  return { ...set, registration: set.registration ?? '' };
}

/** RFC 7232 preconditions: If-Match (an ETag or `*`) and If-None-Match (`*` or ETags). */
function checkPreconditions(req: LrsRequest, existing: StoredDocument | undefined, layout: Layout, isPut: boolean): void {
  const ifMatch = req.headers['if-match'];
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifMatch !== undefined) {
    const tags = ifMatch.split(',').map((t) => t.trim());
    if (!existing || !(tags.includes('*') || tags.includes(existing.etag))) {
      throw new LrsError(412, 'If-Match does not match the current document; fetch it again and retry (Communication §3.1)');
    }
  }
  if (ifNoneMatch !== undefined) {
    const tags = ifNoneMatch.split(',').map((t) => t.trim());
    if (existing && (tags.includes('*') || tags.includes(existing.etag))) {
      throw new LrsError(412, 'If-None-Match: the document already exists (Communication §3.1)');
    }
  }
  if (isPut && layout.requirePrecondition && ifMatch === undefined && ifNoneMatch === undefined) {
    // Communication §3.1: a PUT over an existing profile without either header is a 409; the suite
    // (XAPI-00273, XAPI-00287) also refuses one for a new profile, with a 400: profiles are shared
    // between tools, so a blind write is never allowed.
    if (existing) throw new LrsError(409, 'This document exists: send If-Match with its ETag to overwrite it (Communication §3.1)');
    throw badRequest('A profile PUT needs If-Match (to overwrite) or If-None-Match: * (to create) (Communication §3.1)');
  }
}

function parseObject(content: Buffer): Record<string, unknown> | undefined {
  const value = parseDocument(content);
  return isObject(value) ? value : undefined;
}

/**
 * A JSON document's value, undefined when it is not JSON. Deeper than MAX_JSON_DEPTH is a 400: JSON.parse
 * reads any depth, but the merge's JSON.stringify recurses and overflowed the stack (a 500 on every
 * later POST to that document).
 */
function parseDocument(content: Buffer): unknown {
  let value: unknown;
  try {
    value = JSON.parse(content.toString('utf8'));
  } catch {
    return undefined;
  }
  if (jsonDepth(value) > MAX_JSON_DEPTH) throw badRequest(`The document is nested more than ${MAX_JSON_DEPTH} levels deep`);
  return value;
}

function documentId(req: LrsRequest, layout: Layout, required: boolean): string | undefined {
  const id = req.params.get(layout.idName);
  if (id === undefined && required) throw badRequest(`'${layout.idName}' is required`);
  return id;
}

export function handleDocuments(req: LrsRequest, layout: Layout, deps: LrsDeps): LrsResponse {
  const set = readSet(req, layout);
  const scope = oneOf(set);
  const store = deps.store;
  const since = req.params.get('since');
  switch (req.method) {
    case 'GET':
    case 'HEAD': {
      const id = documentId(req, layout, false);
      if (id === undefined) {
        // Communication §2.3.4: the ids of the whole context, every registration's unless one is given.
        const { ids, updated } = store.listDocuments(set, since === undefined ? undefined : readTimestamp(since, 'since'));
        // §3.1 "An LRS responding to a GET request MUST add an ETag" (SHA-1 of the contents), a list
        // too; §2.2 Last-Modified: for multiple documents, when the latest of them was modified.
        const headers: Record<string, string> = { etag: etagOf(Buffer.from(JSON.stringify(ids))) };
        if (updated !== undefined) headers['last-modified'] = new Date(updated).toUTCString();
        return jsonResponse(200, ids, headers);
      }
      if (since !== undefined) throw badRequest(`'since' is only for listing ids, not with '${layout.idName}'`);
      const doc = store.getDocument(scope, id);
      if (!doc) throw new LrsError(404, `No document '${id}' here`);
      return {
        status: 200,
        headers: { 'content-type': doc.contentType, etag: doc.etag, 'last-modified': new Date(doc.updated).toUTCString() },
        body: doc.content,
      };
    }
    case 'PUT':
    case 'POST': {
      if (since !== undefined) throw badRequest(`'since' is not allowed on ${req.method}`);
      const id = documentId(req, layout, true) as string;
      const existing = store.getDocument(scope, id);
      checkPreconditions(req, existing, layout, req.method === 'PUT');
      let content = req.body;
      let contentType = req.headers['content-type'] ?? 'application/octet-stream';
      const isJson = mediaType(contentType) === 'application/json';
      if (req.method === 'POST') {
        const incoming = isJson ? parseObject(content) : undefined;
        if (isJson && !incoming) throw badRequest('A POSTed application/json document must be a JSON object (Communication §2.2)');
        if (existing) {
          const current = mediaType(existing.contentType) === 'application/json' ? parseObject(existing.content) : undefined;
          if (!incoming || !current) {
            throw badRequest('POST merges JSON objects only: both the stored and the sent document must be application/json objects (Communication §2.2)');
          }
          // Communication §2.2: top-level properties of the new document replace those of the old.
          content = Buffer.from(JSON.stringify({ ...current, ...incoming }));
          contentType = 'application/json';
        }
      } else if (isJson && content.length && parseDocument(content) === undefined) {
        throw badRequest('The document says application/json but is not valid JSON');
      }
      store.putDocument(scope, id, { content, contentType, etag: etagOf(content), updated: deps.nextStored().toISOString() });
      return { status: 204 };
    }
    case 'DELETE': {
      if (since !== undefined) throw badRequest(`'since' is not allowed on DELETE`);
      const id = documentId(req, layout, !layout.deleteMany);
      if (id === undefined) {
        // Communication §2.3.5: all state of the context, every registration's unless one is given.
        store.deleteDocuments(set);
        return { status: 204 };
      }
      checkPreconditions(req, store.getDocument(scope, id), layout, false);
      store.deleteDocument(scope, id);
      return { status: 204 };
    }
    default:
      throw new LrsError(405, `${req.method} is not allowed here`);
  }
}
