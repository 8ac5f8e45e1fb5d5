/**
 * `coursepack lrs`: runs the embedded LRS, manages its keys, or forgets one person's records. Loaded lazily by main.ts, so a
 * `build` never loads SQLite or the server. Exit codes: 0 ok, 2 usage or environment error
 * (bad option, port in use, unreadable database), with one plain line, never a stack trace.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import type { Server as NetServer } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseByteSize } from '../shared/byte-size.js';
import { shellWord } from '../shared/shell-word.js';
import { explainArgsError, repeatedOption } from './explain-args-error.js';
import { checkDatabaseAccess, explainDatabaseError } from './explain-database-error.js';
import { explainPortError } from './explain-port-error.js';
import { holdPort } from './hold-port.js';
import { EXPIRES_IN_HINT, parseExpiresIn } from './parse-expires-in.js';
import { surviveOutputErrors } from './survive-output-errors.js';
import { dieOf } from './stop-on-signal.js';
import {
  addKey, AgentArgumentError, claimDatabase, createLrsServer, DEFAULT_CONFIG, forgetAgent, isExpired, isScope, listKeys, makeDeps, openSqliteStore,
  readAgentArgument, revokeKey, storageFailure, type ForgetCounts, type KeyListing, type LrsStore,
} from '../lrs/index.js';

export const LRS_USAGE = `Usage: coursepack lrs [options]              serve xAPI 1.0.3 at http://HOST:PORT/xAPI/
       coursepack lrs keys add --scope write|read|admin [--expires-in DURATION] [--db FILE] [--json]
       coursepack lrs keys list [--db FILE] [--json]
       coursepack lrs keys revoke KEY [--db FILE]
       coursepack lrs forget --agent AGENT [--db FILE] [--yes]

Options:
  --port N               Port (default 8080; 0 picks a free one)
  --host HOST            Address to listen on (default 127.0.0.1; 0.0.0.0 opens it to the network)
  --db FILE              SQLite database file (default ./lrs.sqlite)
  --origin URL           An LMS origin allowed by CORS (repeatable; * allows any)
  --allow-null-origin    Allow the null origin of sandboxed iframes
  --public-url URL       The xAPI endpoint as clients reach it through a reverse proxy, e.g.
                         https://lms.example.org/lrs/xAPI/ (paging links then begin with its path)
  --max-body BYTES       Largest request body (default 10485760)
  --max-batch N          Most statements in one POST (default ${DEFAULT_CONFIG.maxBatch})
  --max-db-size SIZE     Most the database may hold, e.g. 20 GB (default: no limit); past it, and
                         when the disk is full, statements get 503 and players keep them to send again
  --quiet                No request log
  --expires-in DURATION  keys add: the key stops working this long after it is made, by the LRS's
                         clock: 90m, 1h, 2d (m, h or d; at most 365d); kept and listed, like a revoked one
  --agent AGENT          forget: the person, mailto:ADDRESS, account:HOMEPAGE|NAME or Agent JSON
  --yes                  forget: remove for good (without it, a dry run)
  -h, --help             Show this help

Key scopes: write stores statements and reads nothing (the kind a package carries);
read reads everything (reports); admin does everything, including voiding.

forget erases one person's records for good, the server running or not: the statements
whose actor or object AGENT is, the statements voiding those, AGENT's State and Agent
Profile documents and the attachments no other statement uses. AGENT is mailto:ADDRESS,
account:HOMEPAGE|NAME or an xAPI Agent as JSON. Without --yes it only says what it would
remove. Copies outside the LRS stay: report --sync files (delete FILE and FILE.cursor.json
to sync from scratch), report files, exports and backups.`;

class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

function positiveInt(value: string | undefined, name: string, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min) fail(`--${name} takes a whole number of at least ${min} (got '${value}')`);
  return Number(value);
}

/**
 * The path with its symbolic links resolved, a link to a database not made yet too (the file SQLite will make
 * there): else the first server claimed the link's name and a second, once the file existed, the file's.
 */
function realPath(file: string, hops = 0): string {
  try {
    return realpathSync(file);
  } catch {
    try {
      // A relative target is read from the link's real folder, as the system reads it (not the folder as typed,
      // which may itself be reached through a link: `..` then went elsewhere).
      if (hops < 40 && lstatSync(file).isSymbolicLink()) return realPath(path.resolve(realPath(path.dirname(file), hops + 1), readlinkSync(file)), hops + 1);
    } catch {
      // no such file and no link: the path as given
    }
    try {
      return path.join(realpathSync(path.dirname(file)), path.basename(file));
    } catch {
      return file;
    }
  }
}

/**
 * `--public-url`: the endpoint behind the district's reverse proxy. Only its path is used, for `more` links: clients
 * put them after the endpoint's origin (Communication §2.1.3), so behind a proxy that serves the LRS under another
 * path (`/lrs/xAPI/` → `/xAPI/`), `/xAPI/statements?…` went to the LMS and a report stopped at its second page.
 */
function publicUrl(value: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // said below
  }
  // Not echoed then: a key and secret typed into the URL would go to the terminal's scrollback and the service's log.
  if (url?.username || url?.password) fail('--public-url takes no credentials: it is only the address clients reach the LRS at');
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash) {
    fail(`--public-url takes the xAPI endpoint as clients reach it, like https://lms.example.org/lrs/xAPI/ (got '${value}')`);
  }
  return url;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function openStore(file: string, maxBytes?: number): LrsStore {
  try {
    return openSqliteStore(file, { maxBytes });
  } catch (error) {
    return fail(explainDatabaseError(error, file, checkDatabaseAccess(file)));
  }
}

/**
 * The database `keys list` and `keys revoke` read: one that must be there already. SQLite makes a missing
 * file, so a mistyped --db listed no keys from a new empty database (left behind), and a revoke said
 * "no active key" of a key that works on.
 */
function openExistingStore(file: string, command = 'keys list'): LrsStore {
  if (!existsSync(file)) fail(`no database at ${file}; give the --db the LRS serves (npx coursepack lrs ${command} --db FILE)`);
  return openStore(file);
}

/** Made 0600 when the LRS makes it; a backup restored under the usual umask 022 is readable by every user. */
function warnIfReadableByOthers(db: string): void {
  if ((statSync(db).mode & 0o077) !== 0) process.stderr.write(`coursepack lrs: warning: ${db} can be read by other users of this computer, and it holds learners' records: chmod 600 ${shellWord(db)}\n`);
}

/** A key's line in `keys list`: expired or expiring by this computer's clock (the LRS's, where the CLI runs beside it). */
function keyLine(k: KeyListing, now: Date): string {
  const expiry = k.expires === null ? '' : `  ${isExpired(k, now) ? 'expired' : 'expires'} ${k.expires}`;
  return `${k.key}  ${k.scope.padEnd(5)}  created ${k.created}${expiry}${k.revoked ? `  revoked ${k.revoked}` : ''}`;
}

function runKeys(positionals: readonly string[], db: string, scope: string | undefined, expiresIn: string | undefined, json: boolean): number {
  const [action, ...rest] = positionals;
  if (action === 'add') {
    if (rest.length) fail(`unexpected argument '${rest[0] ?? ''}'`);
    if (scope === undefined || !isScope(scope)) fail(`keys add needs --scope write, read or admin${scope ? ` (got '${scope}')` : ''}`);
    const lifetime = expiresIn === undefined ? undefined : parseExpiresIn(expiresIn);
    if (expiresIn !== undefined && lifetime === undefined) fail(`--expires-in takes ${EXPIRES_IN_HINT} (got '${expiresIn}')`);
    // Run in another folder, `keys add` made a database of its own there, which the LRS never reads: every
    // package built with the key got 401. Said, with the database the key is in.
    const made = !existsSync(db);
    const store = openStore(db);
    process.stderr.write(made
      ? `coursepack lrs: note: no database at ${db}, so a new one was made for this key; if the LRS serves another, add the key there: npx coursepack lrs keys add --scope ${scope} --db FILE\n`
      : `coursepack lrs: the key is in ${db}\n`);
    // Said where the admin is, not only at the server's next start (a service restarted rarely).
    warnIfReadableByOthers(db);
    try {
      const created = addKey(store, scope, new Date(), lifetime);
      // Exactly {"key": "...", "secret": "...", "scope": "..."} (issue 10), spaced as written there; with
      // --expires-in also "expires", which a token service passes on to the player as its `expiresAt`.
      const expires = created.expires === null ? '' : `, "expires": ${JSON.stringify(created.expires)}`;
      if (json) process.stdout.write(`{"key": ${JSON.stringify(created.key)}, "secret": ${JSON.stringify(created.secret)}, "scope": ${JSON.stringify(created.scope)}${expires}}\n`);
      else {
        process.stdout.write(`key     ${created.key}\nsecret  ${created.secret}\nscope   ${created.scope}\n`);
        if (created.expires !== null) process.stdout.write(`expires ${created.expires}\n`);
        process.stdout.write('The secret is stored hashed and cannot be shown again.\n');
      }
    } finally {
      store.close();
    }
    return 0;
  }
  if (scope !== undefined) fail('--scope is only for keys add');
  if (expiresIn !== undefined) fail('--expires-in is only for keys add');
  if (action === 'list') {
    if (rest.length) fail(`unexpected argument '${rest[0] ?? ''}'`);
    const store = openExistingStore(db);
    try {
      const keys = listKeys(store);
      if (json) process.stdout.write(`${JSON.stringify(keys)}\n`);
      else {
        const now = new Date();
        for (const k of keys) process.stdout.write(`${keyLine(k, now)}\n`);
      }
    } finally {
      store.close();
    }
    return 0;
  }
  if (action === 'revoke') {
    if (rest.length !== 1) fail('keys revoke takes one KEY');
    const store = openExistingStore(db);
    try {
      const key = rest[0] as string;
      if (!revokeKey(store, key, new Date())) fail(`no active key '${key}' in ${db}`);
      const scope = listKeys(store).find((k) => k.key === key)?.scope;
      process.stdout.write(`revoked ${key} (${scope ?? '?'}) in ${db}\n`);
      // A write key is in packages in use: revoking it (a leak, or a rotation done out of order) stops them
      // delivering, and only learners' browser consoles said so. Said here, with what mends it.
      if (scope === 'write') {
        process.stderr.write(`coursepack lrs: note: packages built with ${key} now get 401 and keep their statements in learners' browsers: build with another write key and replace them in every LMS\n`);
      }
    } finally {
      store.close();
    }
    return 0;
  }
  return fail(`unknown keys action '${action ?? ''}'; use add, list or revoke`);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What was (or would be) removed, one line a kind, with the words a district admin reads in a ticket. */
function forgetLines(counts: ForgetCounts): string[] {
  return [
    `  ${plural(counts.statements, 'statement')} with them as actor or object`,
    `  ${plural(counts.voiding, 'statement')} voiding those`,
    `  ${plural(counts.documents, 'State or Agent Profile document')}`,
    `  ${plural(counts.attachments, 'attachment')} no other statement uses`,
    `  ${plural(counts.names, 'name')} kept for them`,
  ];
}

/**
 * `lrs forget`: a dry run unless --yes, so a command pasted from a ticket or the docs never erases by mistake.
 * It may run while the server serves the database: SQLite lets one process write at a time, and each waits
 * for the other (busy_timeout), as `keys` does.
 */
function runForget(rest: readonly string[], db: string, given: string | undefined, remove: boolean): number {
  if (rest.length) fail(`unexpected argument '${rest[0] ?? ''}'`);
  if (given === undefined) fail(`forget needs --agent, e.g. --agent 'mailto:ana@district.org'`);
  let agent: Record<string, unknown>;
  try {
    agent = readAgentArgument(given);
  } catch (error) {
    if (error instanceof AgentArgumentError) fail(error.message);
    throw error;
  }
  const store = openExistingStore(db, 'forget --agent AGENT');
  let counts: ForgetCounts;
  try {
    counts = forgetAgent(store, agent, remove);
  } catch (error) {
    const failure = storageFailure(error);
    if (failure) fail(`cannot forget ${given} in ${db} (${failure.code}): ${failure.advice}; nothing was removed`);
    throw error;
  } finally {
    store.close();
  }
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  const elsewhere = counts.namedElsewhere
    ? `${plural(counts.namedElsewhere, 'other statement names', 'other statements name')} them otherwise (as instructor, team or authority, a Group's member, or in a SubStatement): other learners' records, kept.`
    : undefined;
  if (!counts.statements && !counts.voiding && !counts.documents && !counts.attachments && !counts.names) {
    out(`coursepack lrs: no statements, documents or names of ${given} in ${db}; nothing to remove.`);
    if (elsewhere) out(elsewhere);
    return 0;
  }
  if (!remove) {
    out(`coursepack lrs: forgetting ${given} would remove from ${db}:`);
    for (const line of forgetLines(counts)) out(line);
    if (elsewhere) out(elsewhere);
    out(`Nothing was removed. To remove these for good: npx coursepack lrs forget --agent ${shellWord(given)} --db ${shellWord(db)} --yes`);
    return 0;
  }
  out(`coursepack lrs: removed ${given} from ${db}:`);
  for (const line of forgetLines(counts)) out(line);
  if (elsewhere) out(elsewhere);
  out('Copies outside the LRS still hold them: delete each report --sync FILE and FILE.cursor.json (the next report reads everything again), make again the reports (CSV, HTML, JSON) and exports made before, and remove them from backups as your retention schedule says.');
  out(`The file keeps its size (${megabytes(counts.freeBytes)} unused, which new statements reuse); to shrink it, stop the LRS and run: sqlite3 ${shellWord(db)} VACUUM`);
  if (counts.walKept) {
    process.stderr.write(`coursepack lrs: warning: ${db}-wal could not be emptied (the LRS was reading it) and may still hold the removed records; it is emptied when the LRS stops: restart it\n`);
  }
  return 0;
}

function servedElsewhere(db: string): string {
  return `another coursepack lrs serves ${db}; stop it first (two servers on one database would make syncs miss statements)`;
}

/** Claims the database for this process (claimDatabase); a second server is refused with one line. */
function lockDatabase(db: string): () => void {
  let release: (() => void) | null;
  try {
    release = claimDatabase(db);
  } catch (error) {
    return fail(explainDatabaseError(error, db, checkDatabaseAccess(db)));
  }
  if (!release) fail(servedElsewhere(db));
  return release;
}

/**
 * Whether another server holds the database's claim, asked where the port is in use: the port is bound before the
 * claim is made, so a second start of the same service (same --db, same --port) met the first one's port and was
 * told to pick another, where two servers on one database is what is wrong. Claimed and released at once, as a
 * start would; with no .lock file beside the database no server holds it, and nothing is made.
 */
function isServedElsewhere(db: string): boolean {
  if (!existsSync(`${db}.lock`)) return false;
  try {
    const release = claimDatabase(db);
    release?.();
    return release === null;
  } catch {
    return false;
  }
}

async function serve(values: Record<string, string | boolean | string[] | undefined>, db: string, argv: readonly string[]): Promise<number> {
  const port = positiveInt(values['port'] as string | undefined, 'port', 8080, 0);
  if (port > 65535) fail(`--port must be at most 65535`);
  const host = (values['host'] as string | undefined) ?? '127.0.0.1';
  const origins = ((values['origin'] as string[] | undefined) ?? []).map((o) => {
    if (o !== '*' && !/^https?:\/\/[^/\s]+$/.test(o.replace(/\/+$/, ''))) fail(`--origin takes an origin like https://lms.example.org (got '${o}')`);
    // As a browser sends it: lower case, without a default port (https://LMS.District.org:443 never matched).
    if (o === '*') return o;
    try {
      return new URL(o).origin;
    } catch {
      return fail(`--origin takes an origin like https://lms.example.org (got '${o}')`);
    }
  });
  const given = values['public-url'] as string | undefined;
  const reached = given === undefined ? undefined : publicUrl(given);
  const maxDbSize = values['max-db-size'] as string | undefined;
  const maxBytes = maxDbSize === undefined ? undefined : parseByteSize(maxDbSize);
  if (maxDbSize !== undefined && maxBytes === undefined) fail(`--max-db-size takes a size like 20 GB or 500 MB (got '${maxDbSize}')`);
  const maxBatch = positiveInt(values['max-batch'] as string | undefined, 'max-batch', DEFAULT_CONFIG.maxBatch);
  const maxBodyBytes = positiveInt(values['max-body'] as string | undefined, 'max-body', 10 * 1024 * 1024);
  // The port first: a start that cannot listen makes no database (src/cli/hold-port.ts). Nothing is awaited from
  // here to lrs.listen(bound), so a connection that comes meanwhile waits in the system's queue for the LRS.
  let bound: NetServer;
  try {
    bound = await holdPort(port, host);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' && isServedElsewhere(db)) fail(servedElsewhere(db));
    return fail(explainPortError(error, port, host, 'lrs', argv));
  }
  let store: LrsStore;
  let releaseLock: () => void;
  try {
    store = openStore(db, maxBytes);
    try {
      releaseLock = lockDatabase(db);
    } catch (error) {
      store.close();
      throw error;
    }
  } catch (error) {
    bound.close();
    throw error;
  }
  // SQLite cannot cap a database below what it holds: said at once, not at the first refused statement.
  const size = maxBytes === undefined ? 0 : statSync(db).size;
  if (maxBytes !== undefined && size >= maxBytes) {
    process.stderr.write(`coursepack lrs: warning: ${db} already holds ${megabytes(size)}, as much as --max-db-size ${megabytes(maxBytes)} or more: statements get 503 until the limit is raised\n`);
  }
  const quiet = values['quiet'] === true;
  surviveOutputErrors('coursepack lrs');
  const deps = makeDeps(store, { now: () => new Date(), uuid: randomUUID }, {
    maxBatch,
    ...(reached ? { publicPath: reached.pathname.replace(/\/+$/, '') } : {}),
  });
  const lrs = createLrsServer({
    deps,
    cors: { origins, allowNullOrigin: values['allow-null-origin'] === true },
    maxBodyBytes,
    log: quiet ? () => undefined : (line) => process.stdout.write(`${line}\n`),
    // Problems are said with --quiet too: it silences the request log, not what the operator must fix.
    warn: (line) => process.stderr.write(`coursepack lrs: ${line}\n`),
  });
  const address = await lrs.listen(bound);
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  // The stop handlers first: a supervisor may send SIGTERM as soon as it reads the listening line.
  const stopped = new Promise<number>((resolve) => {
    const stop = (signal: string): void => {
      process.stdout.write(`coursepack lrs: ${signal}, stopping\n`);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.off('SIGHUP', stop);
      // Finish requests in flight, then close SQLite (which checkpoints the WAL into the main file).
      void lrs.close().then(() => {
        store.close();
        releaseLock();
        // Closing checkpoints the WAL into the database; a WAL still there (a full disk) holds acknowledged
        // statements the database file alone does not: a backup must take both.
        const wal = `${db}-wal`;
        if (existsSync(wal) && statSync(wal).size > 0) {
          process.stderr.write(`coursepack lrs: ${wal} could not be merged into the database (is the disk full?); it holds stored statements: keep it beside ${db}, and copy both when backing up\n`);
        }
        // A hang-up ends in death by it, as an unhandled one would: exiting normally, Node 20 restores the settings
        // of a terminal that is gone and aborts (exit 134, a core dump holding learners' records).
        if (signal === 'SIGHUP') dieOf('SIGHUP');
        else resolve(0);
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    // The terminal it was started from closing (an SSH session dropped): stopped as cleanly, not killed mid-request.
    process.on('SIGHUP', stop);
  });
  const through = reached ? `, reached as ${reached.href}` : '';
  process.stdout.write(`coursepack lrs: listening on http://${shown}:${address.port}/xAPI/${through} (database ${db})\n`);
  // A clock that once ran ahead (a hardware clock on local time before NTP set it): statements are stored at the
  // latest time until the clock passes it, since `stored` never goes back. Said, so IT can look at the clock.
  const latest = Date.parse(store.latestStored() ?? '');
  if (latest > Date.now() + 60_000) {
    process.stderr.write(`coursepack lrs: warning: the latest statement was stored at ${new Date(latest).toISOString()}, after this computer's clock (${new Date().toISOString()}): until the clock passes it, statements are stored at that time; check the clock (NTP)\n`);
  }
  warnIfReadableByOthers(db);
  const keys = listKeys(store);
  const now = new Date();
  if (!keys.some((k) => !k.revoked && !isExpired(k, now))) {
    // All revoked (or expired) is not a new database: "no keys yet" there sent an admin looking for the right --db.
    const revoked = keys.filter((k) => k.revoked).length;
    const gone = [revoked ? `${revoked} revoked` : '', keys.length - revoked ? `${keys.length - revoked} expired` : ''].filter(Boolean).join(', ');
    const state = keys.length ? `no active keys (${gone})` : 'no keys yet';
    process.stdout.write(`coursepack lrs: ${state}; add one with: npx coursepack lrs keys add --scope admin --db ${shellWord(db)}\n`);
  }
  return stopped;
}

const LRS_PARSE = {
  port: { type: 'string' },
  host: { type: 'string' },
  db: { type: 'string' },
  origin: { type: 'string', multiple: true },
  'allow-null-origin': { type: 'boolean' },
  'public-url': { type: 'string' },
  'max-body': { type: 'string' },
  'max-batch': { type: 'string' },
  'max-db-size': { type: 'string' },
  quiet: { type: 'boolean' },
  scope: { type: 'string' },
  'expires-in': { type: 'string' },
  json: { type: 'boolean' },
  agent: { type: 'string' },
  yes: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runLrs(argv: readonly string[]): Promise<number> {
  // The database (and SQLite's -wal and -shm beside it) holds learners' names, answers and reflections, and
  // the key hashes: for this user only, whatever the shell's umask (022 made them world-readable).
  process.umask(0o077);
  try {
    const { values, positionals, tokens } = parseArgs({ args: [...argv], allowPositionals: true, strict: true, tokens: true, options: LRS_PARSE });
    const repeated = repeatedOption(tokens, LRS_PARSE);
    if (repeated) fail(repeated);
    if (values.help) {
      process.stdout.write(`${LRS_USAGE}\n`);
      return 0;
    }
    // The file itself, not a symbolic link to it: the one-server claim is named after the path, and a link gave
    // a second server a claim of its own on the same database (its stored times out of order: syncs lost statements).
    const db = realPath(path.resolve(values.db ?? 'lrs.sqlite'));
    const [command, ...rest] = positionals;
    if (command === 'keys' || command === 'forget') {
      for (const name of ['port', 'host', 'origin', 'allow-null-origin', 'public-url', 'max-body', 'max-batch', 'max-db-size', 'quiet'] as const) {
        if (values[name] !== undefined) fail(`--${name} is for serving, not for ${command}`);
      }
    }
    if (command === 'forget') {
      if (values.scope !== undefined || values['expires-in'] !== undefined || values.json !== undefined) fail('--scope and --expires-in are for keys add, --json for keys add and keys list; forget takes none of them');
      return runForget(rest, db, values.agent, values.yes === true);
    }
    if (values.agent !== undefined || values.yes !== undefined) fail('--agent and --yes are for forget');
    if (command === 'keys') return runKeys(rest, db, values.scope, values['expires-in'], values.json === true);
    if (command !== undefined) fail(`unknown lrs command '${command}'; use keys or forget, or no command to serve`);
    if (values.scope !== undefined || values['expires-in'] !== undefined || values.json !== undefined) fail('--scope and --expires-in are for keys add, --json for keys add and keys list; serving takes none of them');
    return await serve(values, db, argv);
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`coursepack lrs: ${explainArgsError(error, 'lrs', true)}\n`);
      return 2;
    }
    throw error;
  }
}
