/**
 * Storing statements: the xAPI rules between a parsed body and the store (Communication §2.1.1 PUT,
 * §2.1.2 POST; Data §2.3 lifecycle, §2.4.11 attachments, §2.6 signatures). All or nothing: one
 * invalid statement in a batch rejects the batch, and nothing is written.
 */
import { mergeActivity } from './merge-activity.js';
import { checkSignatures } from './check-signature.js';
import { isObject } from './read-agent.js';
import { isResend, prepareStatement, type StatementRecord } from './prepare-statement.js';
import { assertValidStatement, normalizeStatement } from './validate-statement.js';
import { isUuid } from './parse-query.js';
import { badRequest, LrsError, type LrsContext, type Principal } from './lrs-types.js';
import type { AttachmentPart } from './read-statement-body.js';
import type { AttachmentContent, LrsStore } from './store.js';

type Json = Record<string, unknown>;

export interface StoreOptions {
  readonly maxBatch: number;
  readonly authorityHomePage: string;
}

/**
 * Gives each stored batch a later `stored` than the one before, starting after the latest already in
 * the store, so `stored` never decreases in insertion order, even if the clock steps back between two
 * runs. store-sqlite.ts relies on this to turn `since`/`until` into positions.
 */
export function makeStoredClock(ctx: LrsContext, latest?: string): () => Date {
  let last = latest ? Date.parse(latest) : 0;
  return () => {
    const now = Math.max(ctx.now().getTime(), last + 1);
    last = now;
    return new Date(now);
  };
}

function checkAttachments(statements: readonly Json[], parts: ReadonlyMap<string, AttachmentPart>): AttachmentContent[] {
  const named = new Set<string>();
  for (const statement of statements) {
    const attachments = Array.isArray(statement['attachments']) ? statement['attachments'] : [];
    for (const a of attachments) {
      if (!isObject(a)) continue;
      const sha2 = String(a['sha2'] ?? '').toLowerCase();
      named.add(sha2);
      // Data §2.4.11: without fileUrl the content must come in the request.
      if (a['fileUrl'] === undefined && !parts.has(sha2)) {
        throw badRequest(`Attachment ${sha2} has no fileUrl and its content was not sent as a multipart part (Data §2.4.11)`);
      }
    }
  }
  for (const hash of parts.keys()) {
    if (!named.has(hash)) throw badRequest(`The request carries attachment content ${hash} that no statement names (Data §2.4.11)`);
  }
  return [...parts].map(([sha2, p]) => ({ sha2, contentType: p.contentType, content: p.content }));
}

/**
 * Validates, checks and stores; returns the ids in the order sent. `putId` is the statementId of a
 * PUT, which the body must agree with.
 */
export function storeStatements(
  input: unknown,
  parts: ReadonlyMap<string, AttachmentPart>,
  principal: Principal,
  store: LrsStore,
  ctx: LrsContext,
  nextStored: () => Date,
  options: StoreOptions,
  putId?: string,
): string[] {
  if (putId !== undefined && !isObject(input)) throw badRequest('PUT takes one statement object, not an array (Communication §2.1.1)');
  const list = Array.isArray(input) ? input : [input];
  if (!list.length) throw badRequest('The batch is empty');
  if (list.length > options.maxBatch) {
    throw new LrsError(413, `A batch may hold at most ${options.maxBatch} statements (got ${list.length}); send smaller batches`);
  }
  const statements = list.map((s, i) => assertValidStatement(isObject(s) ? normalizeStatement(s) : s, Array.isArray(input) ? i : undefined));
  const ids = statements.map((s) => (typeof s['id'] === 'string' ? s['id'] : undefined));
  if (putId !== undefined) {
    if (ids[0] !== undefined && ids[0].toLowerCase() !== putId.toLowerCase()) {
      throw badRequest(`The statement's id ${ids[0]} differs from statementId ${putId} (Communication §2.1.1)`);
    }
    ids[0] = putId;
  }
  const finalIds = ids.map((id) => id ?? ctx.uuid());
  const seen = new Set<string>();
  for (const id of finalIds) {
    if (!isUuid(id)) throw badRequest(`Statement id '${id}' is not a UUID`);
    if (seen.has(id.toLowerCase())) throw badRequest(`Statement id ${id} appears twice in the batch`);
    seen.add(id.toLowerCase());
  }
  const stored = nextStored();
  const records: StatementRecord[] = statements.map((s, i) =>
    prepareStatement(s, { id: finalIds[i] as string, stored, principal, authorityHomePage: options.authorityHomePage }),
  );
  if (principal.scope !== 'admin' && records.some((r) => r.isVoiding)) {
    // Voiding removes a statement from every report; a package's public write key must not be able to.
    throw new LrsError(403, 'Only an admin key may void statements');
  }
  const attachments = checkAttachments(statements, parts);
  for (const s of statements) checkSignatures(s, (sha2) => parts.get(sha2.toLowerCase())?.content);

  const known = store.knownStatements(finalIds);
  const fresh: StatementRecord[] = [];
  for (const record of records) {
    const existing = known.get(record.id.toLowerCase());
    if (!existing) fresh.push(record);
    else if (!isResend(existing.fingerprint, record)) {
      // Communication §2.1.1/§2.1.2: the same id with other content is a conflict; the same content is a
      // re-send. "The same" as Data §2.3.1 compares statements: prepare-statement.ts comparableStatement.
      throw new LrsError(409, `Statement ${record.id} already exists with different content`);
    }
  }
  if (fresh.length) {
    const definitions = fresh.flatMap((r) => r.activityDefinitions);
    const current = store.getActivities([...new Set(definitions.map((d) => String(d['id'])))]);
    for (const d of definitions) current.set(String(d['id']), mergeActivity(current.get(String(d['id'])), d));
    store.saveStatements({
      records: fresh,
      voids: fresh.filter((r) => r.isVoiding).map((r) => r.refTarget as string),
      bornVoided: [...store.voidedByStored(fresh.map((r) => r.id))],
      activities: [...current.values()],
      attachments,
    });
  }
  return finalIds;
}
