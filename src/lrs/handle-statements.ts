/**
 * The Statement resource (Communication §2.1): PUT, POST, GET (single, voided, filtered and paged
 * with `more`), with `X-Experience-API-Consistent-Through` on every GET.
 */
import { randomBytes } from 'node:crypto';
import { activityIds, formatStatement } from './format-statements.js';
import { parseStatementQuery, isUuid } from './parse-query.js';
import { readStatementBody } from './read-statement-body.js';
import { storeStatements } from './store-statements.js';
import { isObject } from './read-agent.js';
import { badRequest, jsonResponse, LrsError, type LrsRequest, type LrsResponse, type Principal } from './lrs-types.js';
import type { LrsDeps } from './lrs-deps.js';

type Json = Record<string, unknown>;

function consistentThrough(deps: LrsDeps): Record<string, string> {
  return { 'x-experience-api-consistent-through': consistentThroughTime(deps) };
}

/**
 * Writes are synchronous and committed before they are acknowledged, so everything stored up to now is visible
 * to a read (Communication §2.1.3 X-Experience-API-Consistent-Through); and everything stored at all, when a
 * clock that once ran ahead left the latest `stored` after now (makeStoredClock keeps `stored` from going back):
 * said as now, it held a report's --sync cursor back, which then read all of it again at every run.
 */
export function consistentThroughTime(deps: LrsDeps): string {
  const latest = Date.parse(deps.store.latestStored() ?? '');
  return new Date(Math.max(deps.ctx.now().getTime(), Number.isNaN(latest) ? 0 : latest)).toISOString();
}

function attachmentHashes(statements: readonly Json[]): string[] {
  const out = new Set<string>();
  const add = (s: Json): void => {
    if (Array.isArray(s['attachments'])) for (const a of s['attachments']) if (isObject(a) && typeof a['sha2'] === 'string') out.add(a['sha2'].toLowerCase());
  };
  for (const s of statements) {
    add(s);
    if (isObject(s['object']) && s['object']['objectType'] === 'SubStatement') add(s['object']);
  }
  return [...out];
}

/** Communication §2.1.3 `attachments=true`: multipart/mixed, the JSON first, then each attachment once. */
function withAttachments(value: unknown, statements: readonly Json[], deps: LrsDeps, headers: Record<string, string>): LrsResponse {
  const boundary = `xapi-${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(value)}\r\n`)];
  for (const a of deps.store.getAttachments(attachmentHashes(statements))) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Type: ${a.contentType}\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${a.sha2}\r\n\r\n`),
      a.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { status: 200, headers: { ...headers, 'content-type': `multipart/mixed; boundary=${boundary}` }, body: Buffer.concat(chunks) };
}

/** The LRS's definitions of the activities in `statements`, for `format=canonical` (one query a page). */
function canonicalActivities(statements: readonly Record<string, unknown>[], format: string, deps: LrsDeps): ReadonlyMap<string, Record<string, unknown>> | undefined {
  return format === 'canonical' ? deps.store.getActivities(activityIds(statements)) : undefined;
}

function getStatements(req: LrsRequest, deps: LrsDeps): LrsResponse {
  const query = parseStatementQuery(req.params);
  const headers = consistentThrough(deps);
  const language = req.headers['accept-language'];
  if (query.kind === 'single') {
    const found = deps.store.getStatement(query.id);
    // Data §2.3.2: a voided statement is found only by voidedStatementId, any other only by statementId.
    if (!found || found.voided !== query.voided) {
      throw new LrsError(404, `No ${query.voided ? 'voided ' : ''}statement with id ${query.id}`);
    }
    const statement = formatStatement(found.statement, query.format, language, canonicalActivities([found.statement], query.format, deps));
    const lastModified = new Date(String(found.statement['stored'])).toUTCString();
    const h = { ...headers, 'last-modified': lastModified };
    return query.attachments ? withAttachments(statement, [found.statement], deps, h) : jsonResponse(200, statement, h);
  }
  const max = deps.config.pageLimit;
  const limit = query.limit === 0 ? max : Math.min(query.limit, max);
  const rows = deps.store.queryStatements(query.filter, limit + 1, query.cursor);
  const page = rows.slice(0, limit);
  let more = '';
  const last = page[page.length - 1];
  if (rows.length > limit && last) {
    // Communication §2.1.3: `more` is an IRL relative to the server root, the root clients see (behind a proxy
    // under a path, publicPath); the cursor keeps the position so statements stored meanwhile neither repeat nor shift the pages.
    const params = new URLSearchParams();
    for (const [name, value] of req.params) if (name !== 'cursor') params.set(name, value);
    params.set('cursor', String(last.seq));
    more = `${deps.config.publicPath}/statements?${params.toString()}`;
  }
  const statements = page.map((r) => r.statement);
  const known = canonicalActivities(statements, query.format, deps);
  const result = { statements: statements.map((s) => formatStatement(s, query.format, language, known)), more };
  return query.attachments ? withAttachments(result, statements, deps, headers) : jsonResponse(200, result, headers);
}

export function handleStatements(req: LrsRequest, principal: Principal, deps: LrsDeps): LrsResponse {
  switch (req.method) {
    case 'GET':
    case 'HEAD':
      return getStatements(req, deps);
    case 'PUT': {
      const id = req.params.get('statementId');
      if (id === undefined) throw badRequest('PUT /statements needs a statementId parameter (Communication §2.1.1)');
      for (const name of req.params.keys()) if (name !== 'statementId') throw badRequest(`Unknown parameter '${name}' for PUT statements`);
      if (!isUuid(id)) throw badRequest(`statementId '${id}' is not a UUID`);
      const body = readStatementBody(req.headers['content-type'], req.body);
      storeStatements(body.json, body.parts, principal, deps.store, deps.ctx, deps.nextStored, deps.config, id);
      return { status: 204 };
    }
    case 'POST': {
      for (const name of req.params.keys()) throw badRequest(`Unknown parameter '${name}' for POST statements`);
      const body = readStatementBody(req.headers['content-type'], req.body);
      const ids = storeStatements(body.json, body.parts, principal, deps.store, deps.ctx, deps.nextStored, deps.config);
      return jsonResponse(200, ids);
    }
    default:
      throw new LrsError(405, `${req.method} is not allowed on /statements`);
  }
}
