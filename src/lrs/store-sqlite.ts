/**
 * The embedded store: one SQLite file through better-sqlite3@12 (13 crashes on Node 20).
 *
 * Durability (issue 10 point 3): WAL journal with synchronous=FULL. In WAL mode a commit appends to
 * the -wal file; NORMAL would already survive a killed process (the bytes are in the OS cache) but
 * not a power cut, because it fsyncs only at checkpoints. FULL fsyncs the WAL at every commit, so a
 * statement is on disk before the 200/204 that acknowledges it is written. A restart replays the WAL
 * on open: no repair step exists or is needed.
 */
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { agentKey, isObject } from './read-agent.js';
import { collectAgents, storedFingerprint, type IndexRow } from './prepare-statement.js';
import type { StatementFilter } from './parse-query.js';
import type { DocumentScope, DocumentSet, ForgetCounts, KeyRecord, KnownStatement, LrsStore, StatementBatch } from './store.js';
import type { Scope } from './lrs-types.js';

type Json = Record<string, unknown>;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS statements (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  stored TEXT NOT NULL,
  verb TEXT NOT NULL,
  registration TEXT,
  ref_target TEXT,
  is_voiding INTEGER NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  fingerprint TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS statements_ref ON statements(ref_target);
CREATE INDEX IF NOT EXISTS statements_verb ON statements(verb);
CREATE INDEX IF NOT EXISTS statements_registration ON statements(registration);
CREATE INDEX IF NOT EXISTS statements_stored ON statements(stored);
-- Communication §2.1.3 "Filter Conditions for StatementRefs": a statement matches when it or any
-- statement it references (transitively) matches, so each statement lists itself and its targets.
CREATE TABLE IF NOT EXISTS statement_targets (seq INTEGER NOT NULL, target INTEGER NOT NULL, PRIMARY KEY (seq, target)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS statement_targets_target ON statement_targets(target);
-- related: 0 the actor or object, 1 elsewhere (related_agents), 2 and 3 a member of a Group there (agentPlace).
CREATE TABLE IF NOT EXISTS statement_agents (agent TEXT NOT NULL, seq INTEGER NOT NULL, related INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS statement_agents_agent ON statement_agents(agent, seq);
CREATE TABLE IF NOT EXISTS statement_activities (activity TEXT NOT NULL, seq INTEGER NOT NULL, related INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS statement_activities_activity ON statement_activities(activity, seq);
CREATE TABLE IF NOT EXISTS attachments (sha2 TEXT PRIMARY KEY, content_type TEXT NOT NULL, content BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS activities (id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS agent_names (agent TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (agent, name)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS documents (
  kind TEXT NOT NULL, activity_id TEXT NOT NULL, agent TEXT NOT NULL, registration TEXT NOT NULL, doc_id TEXT NOT NULL,
  content BLOB NOT NULL, content_type TEXT NOT NULL, etag TEXT NOT NULL, updated TEXT NOT NULL,
  PRIMARY KEY (kind, activity_id, agent, registration, doc_id)
);
-- The column expires is added by migration 2 (addKeyExpiry), for new databases too: CREATE TABLE IF NOT EXISTS
-- leaves an older database's table as it was.
CREATE TABLE IF NOT EXISTS api_keys (key TEXT PRIMARY KEY, secret_hash TEXT NOT NULL, scope TEXT NOT NULL, created TEXT NOT NULL, revoked TEXT);
`;

/**
 * Changes to what the rows hold, in order: a database at `PRAGMA user_version` n runs migrations n and
 * after, each in one transaction with the new user_version. A new database runs them on empty tables,
 * so it gets the latest user_version at once.
 */
const MIGRATIONS: readonly ((db: Database.Database) => void)[] = [
  // 0 → 1: fingerprints were of the statement as sent minus stored, authority and version, so a re-send
  // that differed only as Data §2.3.1 allows (what GET returned, a Verb display, an Activity Definition,
  // case, Group member order) met a stored fingerprint it could not match. Recomputed from the body.
  recomputeFingerprints,
  // 1 → 2: the members of a Group were not indexed, so an `agent` query missed the statements of a Group the
  // agent is a member of (Communication §2.1.3). Every statement's agent rows are made again from its body.
  reindexAgents,
  // 2 → 3: keys may expire (`keys add --expires-in`). NULL, as every key made before has, is never.
  addKeyExpiry,
];

const MIGRATION_PAGE = 1000;

/**
 * Sets every row's fingerprint from its stored body (prepare-statement.ts storedFingerprint). Paged by
 * seq: better-sqlite3 cannot write while it iterates a query on the same connection, and a large
 * store should not be read into memory at once.
 */
function recomputeFingerprints(db: Database.Database): void {
  const page = db.prepare<[number, number], { seq: number; body: string }>('SELECT seq, body FROM statements WHERE seq > ? ORDER BY seq LIMIT ?');
  const update = db.prepare('UPDATE statements SET fingerprint = ? WHERE seq = ?');
  let after = 0;
  for (;;) {
    const rows = page.all(after, MIGRATION_PAGE);
    if (!rows.length) return;
    for (const row of rows) {
      update.run(storedFingerprint(JSON.parse(row.body) as Json), row.seq);
      after = row.seq;
    }
  }
}

/** An agent row's `related` column: bit 0 set when related_agents is needed, bit 1 for a Group's member. */
function agentPlace(row: IndexRow): number {
  return (row.related ? 1 : 0) + (row.member ? 2 : 0);
}

/** Makes every statement's statement_agents rows again from its stored body, paged by seq (recomputeFingerprints). */
function reindexAgents(db: Database.Database): void {
  const page = db.prepare<[number, number], { seq: number; body: string }>('SELECT seq, body FROM statements WHERE seq > ? ORDER BY seq LIMIT ?');
  const insert = db.prepare('INSERT INTO statement_agents (agent, seq, related) VALUES (?, ?, ?)');
  db.exec('DELETE FROM statement_agents');
  let after = 0;
  for (;;) {
    const rows = page.all(after, MIGRATION_PAGE);
    if (!rows.length) return;
    for (const row of rows) {
      for (const a of collectAgents(JSON.parse(row.body) as Json)) insert.run(a.value, row.seq, agentPlace(a));
      after = row.seq;
    }
  }
}

/** Adds api_keys.expires where it is missing: a database with the column already (its user_version set back by hand) is left alone. */
function addKeyExpiry(db: Database.Database): void {
  const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('api_keys')").all();
  if (!columns.some((c) => c.name === 'expires')) db.exec('ALTER TABLE api_keys ADD COLUMN expires TEXT');
}

/**
 * A database a newer coursepack has migrated (user_version past MIGRATIONS) is refused before anything is written:
 * served after a rollback, this version wrote rows the way the newer schema had converted away (fingerprints,
 * say), and the newer one, once back, trusted them as converted. Closes the connection when it refuses.
 */
function refuseNewerSchema(db: Database.Database): void {
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version <= MIGRATIONS.length) return;
  db.close();
  throw new LrsDatabaseError(`it was made by a newer coursepack (schema ${version}, this one knows ${MIGRATIONS.length}): run that version, or restore a backup made before the upgrade`);
}

/**
 * Brings the database to the latest user_version. The version is read inside an IMMEDIATE transaction,
 * so a second process opening the same file at once (the CLI's `keys` commands while the server runs)
 * waits for the first and then finds nothing left to do.
 */
function migrate(db: Database.Database): void {
  for (;;) {
    const done = db
      .transaction(() => {
        const version = Number(db.pragma('user_version', { simple: true }));
        const step = MIGRATIONS[version];
        if (!step) return true;
        step(db);
        db.pragma(`user_version = ${version + 1}`);
        return false;
      })
      .immediate();
    if (done) return;
  }
}

/**
 * StatementRef hops a filter follows (Communication §2.1.3: a statement that references another is
 * matched by the target's agent, verb and activity). Unbounded, a chain of statements each referencing the
 * one before cost the k-th statement k rows: a write key's 1.5 MB of statements made 500 MB and held the
 * LRS for 33 s. Real chains (a comment on a voiding of an answer) are a hop or two.
 */
const MAX_REF_HOPS = 10;

function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(',');
}

/**
 * `run` over `values` 500 at a time: SQLite takes at most 32,766 bound values in one statement, and a write
 * key's statements with 20,000 context activities each made every canonical read of their page a 500.
 */
function inChunks<T>(values: readonly string[], run: (chunk: string[]) => T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += 500) out.push(...run(values.slice(i, i + 500)));
  return out;
}

function namedAgents(statement: Json): [string, string][] {
  const out: [string, string][] = [];
  const context = isObject(statement['context']) ? statement['context'] : {};
  for (const actor of [statement['actor'], statement['object'], context['instructor']]) {
    const key = agentKey(actor);
    if (key && isObject(actor) && typeof actor['name'] === 'string') out.push([key, actor['name']]);
  }
  return out;
}

/**
 * One server per database: two would each keep their own `stored` clock (store-statements.ts), so `stored`
 * would not grow with the order statements are kept in, and a `since` query (every incremental sync) would
 * miss some. The claim is SQLite's own exclusive lock on a small file beside the database (`<db>.lock`,
 * `locking_mode = EXCLUSIVE`, held until the connection closes): the operating system lets one process
 * hold it and drops it when that process ends, however it ends, and a backup of the database never
 * carries it (a claim kept inside the database did, and a process id can be reused). The `keys` commands
 * claim nothing: they may change keys while the server runs. Returns the release, or null when another
 * process holds the claim.
 */
export function claimDatabase(file: string, retried = false): (() => void) | null {
  const lock = new Database(`${file}.lock`);
  try {
    // The lock is taken in SQLite's normal locking mode, then kept (exclusive locking mode from inside the
    // transaction, so COMMIT releases nothing). Exclusive mode from the start made a server that lost the race
    // keep the shared lock it had read with until it closed the connection, and the one about to win gave up at
    // once on seeing it (no busy wait): when the losers were slow to close, as on a loaded machine, none served
    // (9 of 30 rounds of 6 servers at once, with the losers' connections open until exit; the suite's 4-server
    // test failed so once). A short wait lets the first finish; the winner then holds the lock for its whole life.
    lock.pragma('busy_timeout = 200');
    lock.exec('BEGIN EXCLUSIVE');
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('CREATE TABLE IF NOT EXISTS claim (note TEXT)');
    lock.exec('COMMIT');
  } catch (error) {
    lock.close();
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_BUSY') return null;
    // The lock file holds nothing: one that is no SQLite file (left by an earlier coursepack, which kept a
    // process id there) is replaced.
    if (code === 'SQLITE_NOTADB' && !retried) {
      rmSync(`${file}.lock`, { force: true });
      return claimDatabase(file, true);
    }
    throw error;
  }
  return () => lock.close();
}

interface KeyRow {
  key: string;
  secret_hash: string;
  scope: Scope;
  created: string;
  revoked: string | null;
  expires: string | null;
}

function keyRecord(row: KeyRow): KeyRecord {
  return { key: row.key, secretHash: row.secret_hash, scope: row.scope, created: row.created, revoked: row.revoked, expires: row.expires };
}

/** The database cannot be served as it is: one clear sentence for the person who runs the LRS. */
export class LrsDatabaseError extends Error {}

export interface SqliteStoreOptions {
  /**
   * The most bytes the database may hold (`coursepack lrs --max-db-size`): past it SQLite refuses to write
   * (SQLITE_FULL, which serve-http.ts answers with 503), so a flood of statements cannot fill a disk the
   * server shares. Reads go on. A database already larger keeps its size and takes nothing more.
   */
  readonly maxBytes?: number | undefined;
}

export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): LrsStore {
  const db = new Database(file);
  // First: the CLI's `keys` commands may write while the server runs, and servers started at once race to
  // claim the file (claimDatabase); each waits for the lock instead of failing. Set after journal_mode, the
  // switch to WAL of a new file opened by several processes at once failed at once with "database is locked"
  // (seen once in the suite's four-server test on a loaded machine).
  db.pragma('busy_timeout = 5000');
  refuseNewerSchema(db);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // What a page split or a deleted row leaves in a page's unused space is zeroed where that costs no extra write
  // (FAST): without it, a learner's address stayed in pages split while their statements were stored, found by
  // `lrs forget` tests after every row of theirs was gone (forgetAgent switches it fully on for its own deletes).
  db.pragma('secure_delete = FAST');
  if (options.maxBytes !== undefined) {
    const pageSize = Number(db.pragma('page_size', { simple: true }));
    db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxBytes / pageSize))}`);
  }
  // A backup copied over a database whose -wal was left beside it has that WAL replayed onto it: a damaged
  // file that would still answer 200 to writes. Checked before anything is served (quick_check reads every
  // page once: seconds for millions of statements, at start only).
  const check = db.pragma('quick_check', { simple: true }) as unknown;
  if (check !== 'ok') {
    db.close();
    throw new LrsDatabaseError(`the file is damaged (SQLite quick_check: ${String(check).split('\n')[0]}); stop the server, remove ${file}-wal and ${file}-shm, and copy a backup in`);
  }
  db.exec(SCHEMA);
  migrate(db);

  const insertStatement = db.prepare(
    'INSERT INTO statements (id, stored, verb, registration, ref_target, is_voiding, voided, fingerprint, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertTarget = db.prepare('INSERT OR IGNORE INTO statement_targets (seq, target) VALUES (?, ?)');
  const insertAgent = db.prepare('INSERT INTO statement_agents (agent, seq, related) VALUES (?, ?, ?)');
  const insertActivityRow = db.prepare('INSERT INTO statement_activities (activity, seq, related) VALUES (?, ?, ?)');
  const upsertActivity = db.prepare('INSERT INTO activities (id, body) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET body = excluded.body');
  const insertAttachment = db.prepare('INSERT OR IGNORE INTO attachments (sha2, content_type, content) VALUES (?, ?, ?)');
  const insertName = db.prepare('INSERT OR IGNORE INTO agent_names (agent, name) VALUES (?, ?)');
  const voidStatement = db.prepare('UPDATE statements SET voided = 1 WHERE id = ? AND is_voiding = 0');
  const seqOf = db.prepare<[string], { seq: number }>('SELECT seq FROM statements WHERE id = ?');
  const targetsOf = db.prepare<[number], { target: number }>('SELECT target FROM statement_targets WHERE seq = ?');
  const referrers = db.prepare<[string], { seq: number; id: string }>('SELECT seq, id FROM statements WHERE ref_target = ?');
  const getOne = db.prepare<[string], { body: string; voided: number }>('SELECT body, voided FROM statements WHERE id = ?');

  /**
   * Adds `targets` to statement `seq` and to the statements that reference it, up to MAX_REF_HOPS references
   * away (a referrer stored before its target, in an earlier batch).
   */
  function spreadTargets(seq: number, id: string, targets: readonly number[]): void {
    const work: [number, string, number][] = [[seq, id, 0]];
    const seen = new Set<number>();
    while (work.length) {
      const [s, sid, hops] = work.pop() as [number, string, number];
      if (seen.has(s)) continue;
      seen.add(s);
      for (const t of targets) insertTarget.run(s, t);
      if (hops < MAX_REF_HOPS) for (const r of referrers.all(sid)) work.push([r.seq, r.id, hops + 1]);
    }
  }

  const save = db.transaction((batch: StatementBatch) => {
    const bornVoided = new Set(batch.bornVoided);
    for (const r of batch.records) {
      const info = insertStatement.run(
        r.id.toLowerCase(), r.stored, r.verb, r.registration ?? null, r.refTarget?.toLowerCase() ?? null,
        r.isVoiding ? 1 : 0, bornVoided.has(r.id.toLowerCase()) && !r.isVoiding ? 1 : 0, r.fingerprint, JSON.stringify(r.statement),
      );
      const seq = Number(info.lastInsertRowid);
      for (const a of r.agents) insertAgent.run(a.value, seq, agentPlace(a));
      for (const a of r.activities) insertActivityRow.run(a.value, seq, a.related ? 1 : 0);
      for (const [agent, name] of namedAgents(r.statement)) insertName.run(agent, name);
      const targets = [seq];
      if (r.refTarget) {
        const target = seqOf.get(r.refTarget.toLowerCase());
        // The target itself, always (one hop), then at most MAX_REF_HOPS - 1 more of its own chain, the later
        // stored first (a rough nearness: a referrer may be stored before its target).
        if (target) {
          const further = targetsOf.all(target.seq).map((t) => t.target).filter((t) => t !== target.seq).sort((a, b) => b - a);
          targets.push(target.seq, ...further.slice(0, MAX_REF_HOPS - 1));
        }
      }
      spreadTargets(seq, r.id.toLowerCase(), targets);
    }
    for (const id of batch.voids) voidStatement.run(id.toLowerCase());
    for (const a of batch.activities) upsertActivity.run(String(a['id']), JSON.stringify(a));
    for (const a of batch.attachments) insertAttachment.run(a.sha2, a.contentType, a.content);
  });

  function query(filter: StatementFilter, limit: number, cursor: number | undefined): { seq: number; statement: Json }[] {
    const where = ['s.voided = 0'];
    const args: (string | number)[] = [];
    // `stored` never decreases as seq grows (makeStoredClock), so since/until become a seq range found
    // in the stored index: an incremental sync (since=<last stored>) reads only what is new.
    const lastSeqAtOrBefore = '(SELECT IFNULL((SELECT seq FROM statements WHERE stored <= ? ORDER BY stored DESC, seq DESC LIMIT 1), 0))';
    // One bound a side: SQLite ranges the rowid on one lower and one upper bound and checks any other row by
    // row, so `since` beside the cursor of an ascending read made page n scan the n - 1 pages before it (a
    // school year's report with --since: 133 s against 22 s without).
    const lower: string[] = [];
    const upper: string[] = [];
    if (filter.since !== undefined) (lower.push(lastSeqAtOrBefore), args.push(filter.since));
    if (cursor !== undefined && filter.ascending) (lower.push('?'), args.push(cursor));
    if (filter.until !== undefined) (upper.push(`${lastSeqAtOrBefore} + 1`), args.push(filter.until));
    if (cursor !== undefined && !filter.ascending) (upper.push('?'), args.push(cursor));
    if (lower.length > 0) where.push(`s.seq > ${lower.length === 1 ? lower[0] : `MAX(${lower.join(', ')})`}`);
    if (upper.length > 0) where.push(`s.seq < ${upper.length === 1 ? upper[0] : `MIN(${upper.join(', ')})`}`);
    const inner: string[] = [];
    const innerArgs: (string | number)[] = [];
    if (filter.verb !== undefined) (inner.push('x.verb = ?'), innerArgs.push(filter.verb));
    if (filter.registration !== undefined) (inner.push('x.registration = ?'), innerArgs.push(filter.registration));
    if (filter.agent !== undefined) {
      inner.push(`EXISTS (SELECT 1 FROM statement_agents a WHERE a.seq = x.seq AND a.agent = ?${filter.relatedAgents ? '' : ' AND a.related IN (0, 2)'})`);
      innerArgs.push(filter.agent);
    }
    if (filter.activity !== undefined) {
      inner.push(`EXISTS (SELECT 1 FROM statement_activities c WHERE c.seq = x.seq AND c.activity = ?${filter.relatedActivities ? '' : ' AND c.related = 0'})`);
      innerArgs.push(filter.activity);
    }
    if (inner.length) {
      where.push(`EXISTS (SELECT 1 FROM statement_targets t JOIN statements x ON x.seq = t.target WHERE t.seq = s.seq AND ${inner.join(' AND ')})`);
      args.push(...innerArgs);
    }
    const sql = `SELECT s.seq AS seq, s.body AS body FROM statements s WHERE ${where.join(' AND ')} ORDER BY s.seq ${filter.ascending ? 'ASC' : 'DESC'} LIMIT ?`;
    return db
      .prepare<(string | number)[], { seq: number; body: string }>(sql)
      .all(...args, limit)
      .map((row) => ({ seq: row.seq, statement: JSON.parse(row.body) as Json }));
  }

  /**
   * Forgetting an agent (forget-agent.ts): the statements it is actor or object of (the `agent` filter's direct
   * rows), the voiding statements of those, its documents and names, and the attachments only those statements
   * used. secure_delete overwrites the deleted rows' bytes: unlinked only, they stayed readable in the file's free
   * pages (and in every copy of it) until reused. The WAL then goes into the database and is emptied, since it
   * held the pages as they were; a reader the server has open can keep it from that (`walKept`).
   */
  function forgetAgent(keys: readonly string[], remove: boolean): ForgetCounts {
    const inKeys = `agent IN (${placeholders(keys.length)})`;
    const count = (sql: string, ...args: string[]): number => db.prepare<string[], { n: number }>(sql).get(...args)?.n ?? 0;
    /** Fills temp.forgotten with the statements that go; how many are the agent's, how many void those. */
    const markForgotten = (): { statements: number; voiding: number } => {
      db.exec('CREATE TEMP TABLE IF NOT EXISTS forgotten (seq INTEGER PRIMARY KEY); DELETE FROM temp.forgotten');
      const statements = db.prepare(`INSERT OR IGNORE INTO temp.forgotten SELECT seq FROM statement_agents WHERE ${inKeys} AND related = 0`).run(...keys).changes;
      // One step is enough: a voiding statement cannot itself be voided (Data §2.3.2).
      const voiding = db.prepare(
        `INSERT OR IGNORE INTO temp.forgotten SELECT v.seq FROM temp.forgotten f JOIN statements t ON t.seq = f.seq
         JOIN statements v ON v.ref_target = t.id WHERE v.is_voiding = 1`,
      ).run().changes;
      return { statements, voiding };
    };
    /** The hashes of the attachments the forgotten statements carry. */
    const forgottenHashes = (): Set<string> => {
      const hashes = new Set<string>();
      for (const row of db.prepare<[], { body: string }>('SELECT body FROM statements WHERE seq IN (SELECT seq FROM temp.forgotten)').all()) {
        const attachments = (JSON.parse(row.body) as Json)['attachments'];
        if (Array.isArray(attachments)) for (const a of attachments) if (isObject(a) && typeof a['sha2'] === 'string') hashes.add(a['sha2']);
      }
      return hashes;
    };
    /** The statements after `afterSeq` whose body names each hash: one pass over them for all the hashes. */
    const carriers = (hashes: readonly string[], afterSeq: number, into = new Map<string, number[]>()): Map<string, number[]> => {
      for (let i = 0; i < hashes.length; i += 500) {
        const chunk = hashes.slice(i, i + 500);
        const sql = `SELECT seq, body FROM statements WHERE seq > ? AND (${chunk.map(() => 'instr(body, ?) > 0').join(' OR ')})`;
        for (const row of db.prepare<(string | number)[], { seq: number; body: string }>(sql).all(afterSeq, ...chunk)) {
          for (const h of chunk) if (row.body.includes(h)) into.set(h, [...(into.get(h) ?? []), row.seq]);
        }
      }
      return into;
    };
    /**
     * The statements after `afterSeq` with the agent as a member of a Group (actor, object, team, authority, in a
     * SubStatement): not indexed (the `agent` filter does not look into Groups), so read from the bodies.
     */
    const asMember = (afterSeq: number): number[] => {
      const out: number[] = [];
      const holds = (value: unknown): boolean => {
        if (Array.isArray(value)) return value.some(holds);
        if (!isObject(value)) return false;
        const members = value['member'];
        if (Array.isArray(members) && members.some((m) => keys.includes(agentKey(m) ?? ''))) return true;
        return Object.values(value).some(holds);
      };
      for (const row of db.prepare<[number], { seq: number; body: string }>(`SELECT seq, body FROM statements WHERE seq > ? AND instr(body, '"member"') > 0`).all(afterSeq)) {
        if (holds(JSON.parse(row.body))) out.push(row.seq);
      }
      return out;
    };
    // Which statements carry the agent's attachments is a scan of every statement's body: 10 s for 40 attachments
    // among 200,000 statements, which in the write transaction made the server's statements wait past its 5 s and
    // get 503. So it is read first, from a snapshot, without the lock; the transaction reads only what came after.
    const before = db.transaction(() => {
      markForgotten();
      const last = db.prepare<[], { n: number | null }>('SELECT MAX(seq) AS n FROM statements').get()?.n ?? 0;
      const found = carriers([...forgottenHashes()], 0);
      db.exec('DROP TABLE temp.forgotten');
      return { last, found, members: asMember(0) };
    }).deferred();
    const work = (): Omit<ForgetCounts, 'freeBytes' | 'walKept'> => {
      const { statements, voiding } = markForgotten();
      const documents = count(`SELECT COUNT(*) AS n FROM documents WHERE ${inKeys}`, ...keys);
      const names = count(`SELECT COUNT(*) AS n FROM agent_names WHERE ${inKeys}`, ...keys);
      // An attachment is kept once by its hash for every statement that carries it: it goes when no other does.
      const hashes = [...forgottenHashes()];
      const found = new Map([...before.found].filter(([h]) => hashes.includes(h)));
      carriers(hashes.filter((h) => before.found.has(h)), before.last, found);
      // A statement of theirs stored since with an attachment not seen before: that one scan is in the transaction.
      carriers(hashes.filter((h) => !before.found.has(h)), 0, found);
      const gone = new Set(db.prepare<[], { seq: number }>('SELECT seq FROM temp.forgotten').all().map((r) => r.seq));
      const related = db.prepare<string[], { seq: number }>(`SELECT DISTINCT seq FROM statement_agents WHERE ${inKeys} AND related <> 0`).all(...keys).map((r) => r.seq);
      const elsewhere = new Set([...related, ...before.members, ...asMember(before.last)].filter((seq) => !gone.has(seq)));
      const namedElsewhere = elsewhere.size;
      const orphans = hashes.filter((h) => count('SELECT COUNT(*) AS n FROM attachments WHERE sha2 = ?', h) > 0 && (found.get(h) ?? []).every((seq) => gone.has(seq)));
      if (remove) {
        for (const table of ['statements', 'statement_agents', 'statement_activities', 'statement_targets']) {
          db.exec(`DELETE FROM ${table} WHERE seq IN (SELECT seq FROM temp.forgotten)`);
        }
        // Other statements' references to the removed ones (a comment on one): the rows a filter would follow.
        db.exec('DELETE FROM statement_targets WHERE target IN (SELECT seq FROM temp.forgotten)');
        db.prepare(`DELETE FROM documents WHERE ${inKeys}`).run(...keys);
        db.prepare(`DELETE FROM agent_names WHERE ${inKeys}`).run(...keys);
        const dropAttachment = db.prepare('DELETE FROM attachments WHERE sha2 = ?');
        for (const h of orphans) dropAttachment.run(h);
      }
      db.exec('DROP TABLE temp.forgotten');
      return { statements, voiding, documents, attachments: orphans.length, names, namedElsewhere };
    };
    let counts: Omit<ForgetCounts, 'freeBytes' | 'walKept'>;
    let walKept = false;
    if (remove) {
      db.pragma('secure_delete = ON');
      try {
        // IMMEDIATE: the write lock first, so what is counted is what is deleted (the server may write meanwhile).
        counts = db.transaction(work).immediate();
      } finally {
        db.pragma('secure_delete = FAST');
      }
      const [checkpoint] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      walKept = checkpoint?.busy !== 0;
    } else {
      counts = db.transaction(work).deferred();
    }
    const freeBytes = Number(db.pragma('freelist_count', { simple: true })) * Number(db.pragma('page_size', { simple: true }));
    return { ...counts, freeBytes, walKept };
  }

  const docWhere = 'kind = ? AND activity_id = ? AND agent = ? AND registration = ?';
  const scopeArgs = (s: DocumentScope): string[] => [s.kind, s.activityId, s.agent, s.registration];
  // Communication §2.3.4/§2.3.5: without a registration a set spans every registration (and none);
  // the primary key's prefix (kind, activity_id, agent) still finds it.
  const setWhere = (s: DocumentSet): string => (s.registration === undefined ? 'kind = ? AND activity_id = ? AND agent = ?' : docWhere);
  const setArgs = (s: DocumentSet): string[] => (s.registration === undefined ? [s.kind, s.activityId, s.agent] : [s.kind, s.activityId, s.agent, s.registration]);

  return {
    knownStatements(ids) {
      const out = new Map<string, KnownStatement>();
      if (!ids.length) return out;
      const rows = inChunks(ids.map((id) => id.toLowerCase()), (chunk) => db
        .prepare<string[], { id: string; fingerprint: string; is_voiding: number; voided: number }>(
          `SELECT id, fingerprint, is_voiding, voided FROM statements WHERE id IN (${placeholders(chunk.length)})`,
        )
        .all(...chunk));
      for (const r of rows) out.set(r.id, { fingerprint: r.fingerprint, isVoiding: r.is_voiding === 1, voided: r.voided === 1 });
      return out;
    },
    voidedByStored(ids) {
      if (!ids.length) return new Set();
      const rows = inChunks(ids.map((id) => id.toLowerCase()), (chunk) => db
        .prepare<string[], { ref_target: string }>(
          `SELECT ref_target FROM statements WHERE is_voiding = 1 AND ref_target IN (${placeholders(chunk.length)})`,
        )
        .all(...chunk));
      return new Set(rows.map((r) => r.ref_target));
    },
    saveStatements(batch) {
      save(batch);
    },
    latestStored() {
      return db.prepare<[], { stored: string }>('SELECT stored FROM statements ORDER BY seq DESC LIMIT 1').get()?.stored;
    },
    getStatement(id) {
      const row = getOne.get(id.toLowerCase());
      return row ? { statement: JSON.parse(row.body) as Json, voided: row.voided === 1 } : undefined;
    },
    queryStatements: query,
    getAttachments(hashes) {
      if (!hashes.length) return [];
      return inChunks(hashes, (chunk) => db
        .prepare<string[], { sha2: string; content_type: string; content: Buffer }>(
          `SELECT sha2, content_type, content FROM attachments WHERE sha2 IN (${placeholders(chunk.length)})`,
        )
        .all(...chunk))
        .map((r) => ({ sha2: r.sha2, contentType: r.content_type, content: r.content }));
    },
    getActivities(ids) {
      const out = new Map<string, Json>();
      if (!ids.length) return out;
      const rows = inChunks(ids, (chunk) => db.prepare<string[], { id: string; body: string }>(`SELECT id, body FROM activities WHERE id IN (${placeholders(chunk.length)})`).all(...chunk));
      for (const r of rows) out.set(r.id, JSON.parse(r.body) as Json);
      return out;
    },
    agentNames(agent) {
      return db.prepare<[string], { name: string }>('SELECT name FROM agent_names WHERE agent = ? ORDER BY name').all(agent).map((r) => r.name);
    },
    getDocument(scope, id) {
      const row = db
        .prepare<string[], { content: Buffer; content_type: string; etag: string; updated: string }>(
          `SELECT content, content_type, etag, updated FROM documents WHERE ${docWhere} AND doc_id = ?`,
        )
        .get(...scopeArgs(scope), id);
      return row ? { content: row.content, contentType: row.content_type, etag: row.etag, updated: row.updated } : undefined;
    },
    listDocuments(set, since) {
      // GROUP BY: one stateId may be stored under several registrations, and is listed once.
      const sql = `SELECT doc_id, MAX(updated) AS updated FROM documents WHERE ${setWhere(set)}${since ? ' AND updated > ?' : ''} GROUP BY doc_id ORDER BY doc_id`;
      const args = since ? [...setArgs(set), since] : setArgs(set);
      const rows = db.prepare<string[], { doc_id: string; updated: string }>(sql).all(...args);
      let updated: string | undefined;
      for (const r of rows) if (updated === undefined || r.updated > updated) updated = r.updated;
      return { ids: rows.map((r) => r.doc_id), updated };
    },
    putDocument(scope, id, doc) {
      db.prepare(
        `INSERT INTO documents (kind, activity_id, agent, registration, doc_id, content, content_type, etag, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (kind, activity_id, agent, registration, doc_id) DO UPDATE SET content = excluded.content,
         content_type = excluded.content_type, etag = excluded.etag, updated = excluded.updated`,
      ).run(...scopeArgs(scope), id, doc.content, doc.contentType, doc.etag, doc.updated);
    },
    deleteDocument(scope, id) {
      db.prepare(`DELETE FROM documents WHERE ${docWhere} AND doc_id = ?`).run(...scopeArgs(scope), id);
    },
    deleteDocuments(set) {
      db.prepare(`DELETE FROM documents WHERE ${setWhere(set)}`).run(...setArgs(set));
    },
    addKey(record) {
      db.prepare('INSERT INTO api_keys (key, secret_hash, scope, created, revoked, expires) VALUES (?, ?, ?, ?, ?, ?)').run(
        record.key, record.secretHash, record.scope, record.created, record.revoked, record.expires,
      );
    },
    findKey(key) {
      const row = db.prepare<[string], KeyRow>('SELECT * FROM api_keys WHERE key = ?').get(key);
      return row ? keyRecord(row) : undefined;
    },
    listKeys() {
      return db.prepare<[], KeyRow>('SELECT * FROM api_keys ORDER BY created, key').all().map(keyRecord);
    },
    revokeKey(key, when) {
      return db.prepare('UPDATE api_keys SET revoked = ? WHERE key = ? AND revoked IS NULL').run(when, key).changes > 0;
    },
    forgetAgent,
    close() {
      db.close();
    },
  };
}
