/**
 * What the xAPI rules need from storage. SQLite (store-sqlite.ts) is the embedded default; another
 * backend (a database server, as SQL LRS does with PostgreSQL) implements the same interface.
 * Synchronous on purpose: better-sqlite3 is, and a rule that reads then writes within one call
 * (conflict checks, voiding, activity merges) cannot interleave with another request.
 */
import type { StatementFilter } from './parse-query.js';
import type { StatementRecord } from './prepare-statement.js';
import type { Scope } from './lrs-types.js';

type Json = Record<string, unknown>;

export interface KnownStatement {
  /**
   * StatementRecord.fingerprint as stored. A backend keeps it current when the way it is computed
   * changes (store-sqlite.ts recomputes it from the stored body at open).
   */
  readonly fingerprint: string;
  readonly isVoiding: boolean;
  readonly voided: boolean;
}

export interface AttachmentContent {
  readonly sha2: string;
  readonly contentType: string;
  readonly content: Buffer;
}

export interface StatementBatch {
  readonly records: readonly StatementRecord[];
  /** Ids of stored statements this batch voids (Data §2.3.2). */
  readonly voids: readonly string[];
  /** Ids in `records` that an already stored voiding statement targets. */
  readonly bornVoided: readonly string[];
  /** Merged activity objects to keep for the Activities resource. */
  readonly activities: readonly Json[];
  readonly attachments: readonly AttachmentContent[];
}

export type DocumentKind = 'state' | 'activity-profile' | 'agent-profile';

/**
 * One document's place: for State `activityId`, `agent` and `registration`; for profiles one of the
 * first two. `registration` is '' for a document stored without one: Communication §2.3.3 addresses
 * a stateId "in the context of the specified Activity, Agent, and registration (if specified)", so a
 * request without a registration reads and writes that document, not one of another registration.
 */
export interface DocumentScope {
  readonly kind: DocumentKind;
  readonly activityId: string;
  readonly agent: string;
  readonly registration: string;
}

/**
 * The documents a multiple-document GET or DELETE covers. Communication §2.3.4/§2.3.5: "all state
 * data for this context (Activity + Agent [+ registration if specified])", so an undefined
 * `registration` covers every registration and the documents stored without one; a given one covers
 * only that registration.
 */
export type DocumentSet = Omit<DocumentScope, 'registration'> & { readonly registration: string | undefined };

export interface StoredDocument {
  readonly content: Buffer;
  readonly contentType: string;
  readonly etag: string;
  readonly updated: string;
}

export interface KeyRecord {
  readonly key: string;
  readonly secretHash: string;
  readonly scope: Scope;
  readonly created: string;
  readonly revoked: string | null;
  /** When the key stops working (an ISO instant, by the LRS's clock), or null for never. */
  readonly expires: string | null;
}

/** What forgetting an agent removes (or, in a dry run, would remove): forget-agent.ts says what each covers. */
export interface ForgetCounts {
  /** Statements with one of the agent keys as actor or object (the index's direct rows). */
  readonly statements: number;
  /** Voiding statements whose target is one of those. */
  readonly voiding: number;
  /** State and Agent Profile documents kept under one of the keys. */
  readonly documents: number;
  /** Attachments that only the removed statements used. */
  readonly attachments: number;
  /** Names kept with one of the keys, for the Agents resource. */
  readonly names: number;
  /** Statements kept that name one of the keys elsewhere: as instructor, team or authority, in a SubStatement, as a Group's member. */
  readonly namedElsewhere: number;
  /** Bytes the file holds unused (SQLite's free pages): it keeps its size, and new statements reuse them. */
  readonly freeBytes: number;
  /** The -wal file could not be emptied into the database (a reader held it): it may still hold removed bytes. */
  readonly walKept: boolean;
}

export interface LrsStore {
  knownStatements(ids: readonly string[]): Map<string, KnownStatement>;
  /** Which of these ids a stored voiding statement already targets. */
  voidedByStored(ids: readonly string[]): Set<string>;
  /** One transaction: on disk when it returns (synchronous=FULL). */
  saveStatements(batch: StatementBatch): void;
  /** The latest `stored` value, so a restarted LRS never stores an earlier one. */
  latestStored(): string | undefined;
  getStatement(id: string): { readonly statement: Json; readonly voided: boolean } | undefined;
  /** Up to `limit` statements after `cursor`, newest first unless the filter says ascending. */
  queryStatements(filter: StatementFilter, limit: number, cursor: number | undefined): { readonly seq: number; readonly statement: Json }[];
  getAttachments(hashes: readonly string[]): AttachmentContent[];
  getActivities(ids: readonly string[]): Map<string, Json>;
  /** Names seen with an agent key, for the Agents resource. */
  agentNames(agent: string): string[];

  getDocument(scope: DocumentScope, id: string): StoredDocument | undefined;
  /**
   * The distinct ids in the set, sorted, and when the latest of those documents was updated; with
   * `since`, only those stored or updated after it (exclusive).
   */
  listDocuments(set: DocumentSet, since: string | undefined): { readonly ids: string[]; readonly updated: string | undefined };
  putDocument(scope: DocumentScope, id: string, document: StoredDocument): void;
  deleteDocument(scope: DocumentScope, id: string): void;
  deleteDocuments(set: DocumentSet): void;

  addKey(record: KeyRecord): void;
  findKey(key: string): KeyRecord | undefined;
  listKeys(): KeyRecord[];
  revokeKey(key: string, when: string): boolean;

  /**
   * Counts what forgetting these agent keys removes and, when `remove`, deletes it in one transaction, its
   * bytes overwritten (not only unlinked) so the file keeps none of it.
   */
  forgetAgent(keys: readonly string[], remove: boolean): ForgetCounts;

  close(): void;
}
