/**
 * `coursepack report` argv (+ environment) → options, apart from running them so it can be tested as
 * a table. Strict: an unknown flag or a bad value is a usage error (exit 2).
 */
import { quotedVariableProblem } from '../shared/quoted-variable.js';
import { parseArgs } from 'node:util';
import { checkTimeZone, machineTimeZone, zonedInstant } from '../report/zoned-time.js';
import { parseIsoTimestamp } from '../shared/iso-timestamp.js';
import { explainArgsError, repeatedOption, STRAY_WORD } from './explain-args-error.js';

export type ReportFormat = 'table' | 'csv' | 'json' | 'html';

export type ReportSource =
  | { readonly kind: 'lrs'; readonly endpoint: string; readonly auth: string; readonly sync: string | undefined; readonly pageSize: number }
  /** One export, or several read as one (daily or monthly exports; a statement in two of them counts once). */
  | { readonly kind: 'file'; readonly files: readonly string[] };

export interface ReportArgs {
  readonly source: ReportSource;
  readonly activity: string | undefined;
  readonly course: string;
  readonly activities: string | undefined;
  readonly since: number | undefined;
  readonly until: number | undefined;
  readonly version: string | undefined;
  readonly trustedAuthorities: readonly string[];
  readonly roster: string | undefined;
  readonly groupBy: 'school' | 'role' | undefined;
  readonly format: ReportFormat;
  readonly out: string | undefined;
  readonly reflections: boolean;
  readonly pseudonymize: boolean;
  /** The district's time zone (an IANA name): date filters and dates for people are read in it. */
  readonly timeZone: string;
  /** Worker threads for a large file; undefined: one per core, at most MAX_REPORT_THREADS. */
  readonly threads: number | undefined;
  /** The LRS key was read from COURSEPACK_LRS_AUTH, the variable builds put into packages (said, run-report.ts). */
  readonly keyFromBuildVariable?: boolean;
}

/** More threads than this gain little: reading the file is shared, and each thread holds its own state. */
export const MAX_REPORT_THREADS = 4;

export type ReportCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'usage-error'; readonly message: string }
  | { readonly kind: 'run'; readonly args: ReportArgs };

export const REPORT_USAGE = `Usage: coursepack report [options]

Completion reports from xAPI statements (see README, "Reports").

Where the statements come from (one of):
  --lrs URL                 An xAPI 1.0.3 LRS statement API, e.g. https://lrs.example.org/xAPI
                            (or COURSEPACK_REPORT_ENDPOINT)
  --user KEY --password SECRET
                            Basic credentials with statement read access
                            (or COURSEPACK_REPORT_AUTH with a whole "Basic ..." value; not
                            COURSEPACK_LRS_AUTH, which builds put into packages)
  --sync FILE.ndjson        Keep the statements in FILE and fetch only new ones next time
                            (also what was read before the LRS failed or Ctrl-C stopped it)
  --page-size N             Statements per request (default 500; the LRS may send fewer)
  --from FILE...            An exported .json (array or {"statements": [...]}) or .ndjson file,
                            or either gzip-compressed (.json.gz, .ndjson.gz); several files
                            (--from exports/, --from "exports/2026-*.ndjson", or --from again)
                            are read as one, a statement in more than one counted once

Which course:
  --activity IRI            The course activity IRI (default: from the course folder)
  --course DIR              Course folder whose course.yaml names the course (default: course)
  --activities FILE         The build's <course-id>-xapi-activities.json, for names and order
                            (default: dist/<course-id>-xapi-activities.json when it exists)

Filters:
  --since DATE, --until DATE   Statements by timestamp (YYYY-MM-DD: the whole day; or an ISO 8601
                            time), in the time zone below unless the time names its own
  --time-zone ZONE          The district's time zone, e.g. America/Chicago or UTC, for the dates
                            above and the dates shown (default: this machine's)
  --version VERSION         One course version (context.revision)
  --trusted-authority IFI   Count only statements whose authority is this agent: homePage|name (an LRS
                            key: 'https://coursepack.invalid/lrs/keys|KEY' for the embedded one), mailto:...;
                            may be repeated
  --roster FILE.csv         Learners (id, name, school, role); adds those who have not started
  --group-by school|role    Summary per school or role (needs --roster)

Output:
  --format table|csv|json|html   (default: table, on the terminal)
  --out DIR                 Where csv (one file per view), json and html files go; for json
                            and html also a file name (--out reports/week-12.html)
  --reflections             Include shared reflection texts (off by default)
  --pseudonymize            Replace learner names and ids with stable hashes, withhold free-text answers
                            (salt from COURSEPACK_REPORT_SALT)

Speed:
  --threads N               Threads that read a large .ndjson file (32 MB and more) at once
                            (default: one per core, at most 4; 1 reads in one thread)

  -h, --help                Show this help

Exit codes: 0 ok, 2 usage, configuration, LRS or statement errors.`;

const FORMATS: readonly ReportFormat[] = ['table', 'csv', 'json', 'html'];

const REPORT_PARSE = {
  lrs: { type: 'string' },
  user: { type: 'string' },
  password: { type: 'string' },
  sync: { type: 'string' },
  'page-size': { type: 'string' },
  // Repeatable: several exports are read as one.
  from: { type: 'string', multiple: true },
  activity: { type: 'string' },
  course: { type: 'string' },
  activities: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  version: { type: 'string' },
  'trusted-authority': { type: 'string', multiple: true },
  roster: { type: 'string' },
  'group-by': { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  reflections: { type: 'boolean' },
  pseudonymize: { type: 'boolean' },
  threads: { type: 'string' },
  'time-zone': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseReportArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ReportCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      // Only as more files for --from: `--from exports/*.ndjson`, a shell pattern, is `--from a.ndjson b.ndjson`.
      allowPositionals: true,
      tokens: true,
      options: REPORT_PARSE,
    });
  } catch (error) {
    // parseArgs names a flag, and a stray word is not quoted back (it can be part of a password).
    return usage(explainArgsError(error, 'report', true));
  }
  const repeated = repeatedOption(parsed.tokens, REPORT_PARSE);
  if (repeated) return usage(repeated);
  const v = parsed.values;
  if (v.help) return { kind: 'help' };
  const from = v.from === undefined ? undefined : [...v.from, ...parsed.positionals];
  if (from === undefined && parsed.positionals.length > 0) return usage(STRAY_WORD);

  // The report's own variables, else the build's (read before they had their own): the README told admins to
  // export COURSEPACK_LRS_AUTH with a read key for reports, and every package built later in that shell
  // carried the read key, with which anyone who opens a package reads every learner's statements.
  const endpointVariable = variableOf(env, 'COURSEPACK_REPORT_ENDPOINT', 'COURSEPACK_LRS_ENDPOINT');
  const authVariable = variableOf(env, 'COURSEPACK_REPORT_AUTH', 'COURSEPACK_LRS_AUTH');
  const endpoint = v.lrs ?? (from === undefined ? env[endpointVariable] : undefined);
  // `set COURSEPACK_REPORT_AUTH="Basic …"` in cmd.exe: the quotes went into the header and the LRS said 401.
  // Only a variable the report reads: not with --from, nor the endpoint's with --lrs, nor the key's with --user.
  const read = [...(from === undefined && v.lrs === undefined ? [[endpointVariable, undefined] as const] : []),
    ...(from === undefined && v.user === undefined ? [[authVariable, 'Basic …'] as const] : [])];
  for (const [name, shape] of read) {
    const value = env[name]?.trim();
    const quoted = value ? quotedVariableProblem(name, value, shape) : undefined;
    if (quoted) return usage(quoted);
  }
  if (from !== undefined && v.lrs !== undefined) return usage('give either --from FILE or --lrs URL, not both');
  let source: ReportSource;
  if (from !== undefined) {
    if (v.sync !== undefined || v.user !== undefined || v.password !== undefined || v['page-size'] !== undefined) {
      return usage('--sync, --page-size, --user and --password are for --lrs, not --from');
    }
    source = { kind: 'file', files: from };
  } else if (endpoint !== undefined && endpoint !== '') {
    if ((v.user === undefined) !== (v.password === undefined)) return usage('give --user and --password together');
    const auth = v.user !== undefined ? `Basic ${Buffer.from(`${v.user}:${v.password ?? ''}`).toString('base64')}` : tidyAuth(env[authVariable]);
    if (auth === undefined || auth === '') return usage('the LRS needs credentials: --user and --password, or COURSEPACK_REPORT_AUTH="Basic ..."');
    // A line break or another control character cannot go into an HTTP header: fetch refused it locally,
    // which read as "cannot reach the LRS".
    if (/[\u0000-\u001f\u007f]/.test(auth)) return usage(`${authVariable} holds a line break or another control character; give it as "Basic " and the base64 of KEY:SECRET on one line`);
    if (v.sync !== undefined && !/\.(ndjson|jsonl)$/i.test(v.sync)) return usage('--sync names an .ndjson file');
    const pageSize = Number(v['page-size'] ?? '500');
    if (!Number.isInteger(pageSize) || pageSize < 1) return usage(`--page-size takes a whole number above 0 (got '${v['page-size'] ?? ''}')`);
    source = { kind: 'lrs', endpoint, auth, sync: v.sync, pageSize };
  } else {
    return usage('say where the statements are: --lrs URL (or COURSEPACK_REPORT_ENDPOINT), or --from FILE');
  }

  const format = (v.format ?? 'table') as ReportFormat;
  if (!FORMATS.includes(format)) return usage(`--format takes ${FORMATS.join(', ')} (got '${v.format ?? ''}')`);
  if (format === 'csv' && v.out === undefined) return usage('--format csv writes one file per view: give --out DIR');
  if (format === 'table' && v.out !== undefined) return usage('--out is for --format csv, json or html');
  // `--out week-12.html` is the file for html; for another format it names the wrong kind of file.
  const extension = v.out === undefined ? undefined : /\.(csv|json|html?)$/i.exec(v.out)?.[1]?.toLowerCase();
  const outKind = extension === 'htm' ? 'html' : extension;
  if (outKind === 'csv') return usage(`--format ${format} ${format === 'csv' ? 'writes one file per view (summary.csv, learners.csv, …)' : `writes ${format}`}: give --out a folder${format === 'csv' ? '' : ` or a .${format} file`}, not a .csv file`);
  if (outKind !== undefined && outKind !== format) return usage(`--out names a .${outKind} file, but --format is ${format}: give --format ${outKind}, or --out a folder${format === 'csv' ? '' : ` or a .${format} file`}`);
  const groupBy = v['group-by'];
  if (groupBy !== undefined && groupBy !== 'school' && groupBy !== 'role') return usage(`--group-by takes school or role (got '${groupBy}')`);
  if (groupBy !== undefined && v.roster === undefined) return usage('--group-by needs --roster FILE.csv (schools and roles are not in statements)');
  const timeZone = v['time-zone'] === undefined ? machineTimeZone() : checkTimeZone(v['time-zone']);
  if (timeZone === undefined) return usage(`--time-zone takes a time zone name like America/Chicago, America/Los_Angeles or UTC (got '${v['time-zone'] ?? ''}')`);
  const since = v.since === undefined ? undefined : parseDate(v.since, 'start', timeZone);
  const until = v.until === undefined ? undefined : parseDate(v.until, 'end', timeZone);
  if (Number.isNaN(since)) return usage(`--since takes a date like 2026-09-01 or 2026-09-01T08:00:00Z (got '${v.since ?? ''}')`);
  if (Number.isNaN(until)) return usage(`--until takes a date like 2026-09-30 or 2026-09-30T17:00:00Z (got '${v.until ?? ''}')`);
  if (since !== undefined && until !== undefined && since > until) return usage('--since is after --until');
  // Reflections are learners' own words, which may name them or others: no hash can hide that.
  if (v.reflections && v.pseudonymize) return usage('--reflections shows learners\' own words, which may name people, so --pseudonymize cannot hide who wrote them: leave one of the two out');
  const threads = v.threads === undefined ? undefined : Number(v.threads);
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1 || threads > 64)) {
    return usage(`--threads takes a whole number from 1 to 64 (got '${v.threads ?? ''}')`);
  }

  const trustedAuthorities = v['trusted-authority'] ?? [];
  for (const authority of trustedAuthorities) {
    const problem = authorityProblem(authority);
    if (problem) return usage(problem);
  }

  return {
    kind: 'run',
    args: {
      source,
      activity: v.activity,
      course: v.course ?? 'course',
      activities: v.activities,
      since,
      until,
      version: v.version,
      trustedAuthorities,
      roster: v.roster,
      groupBy,
      format,
      out: v.out,
      reflections: v.reflections ?? false,
      pseudonymize: v.pseudonymize ?? false,
      timeZone,
      threads,
      ...(source.kind === 'lrs' && v.user === undefined && authVariable === 'COURSEPACK_LRS_AUTH' ? { keyFromBuildVariable: true } : {}),
    },
  };
}

/**
 * A date alone is a whole day in the zone: --since from its first moment, --until to its last (inclusive),
 * so `--until 2026-12-20` keeps what a teacher in the district did on the evening of the 20th. A time
 * without a zone is in the zone too; one with `Z` or an offset is that instant.
 */
export function parseDate(text: string, edge: 'start' | 'end', zone: string): number {
  const local = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3})\d*)?)?)?$/.exec(text);
  if (!local) return parseIsoTimestamp(text);
  const [year, month, day, hour, minute, second, fraction] = local.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
  // Date.UTC rolls 2026-02-30 over into March: such a date is refused instead.
  const date = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
  if (date.getUTCMonth() !== (month ?? 1) - 1 || date.getUTCDate() !== day || (hour ?? 0) > 23 || (minute ?? 0) > 59 || (second ?? 0) > 59) return Number.NaN;
  if (hour === undefined) {
    const start = zonedInstant(year ?? 0, month ?? 1, day ?? 1, 0, 0, 0, 0, zone);
    if (edge === 'start') return start;
    // The next day's start, less a millisecond: a day is 23 or 25 hours where the clocks change.
    const next = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, (day ?? 1) + 1));
    return zonedInstant(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0, 0, 0, zone) - 1;
  }
  const ms = fraction === undefined ? 0 : Number(local[7]?.padEnd(3, '0'));
  return zonedInstant(year ?? 0, month ?? 1, day ?? 1, hour, minute ?? 0, second ?? 0, ms, zone);
}

/**
 * A statement's authority is an agent, matched by its identifier as the report keys it (`homePage|name`
 * for an account, which is how LRSs name their keys; `mailto:…`, `sha1:…`, an OpenID URL): a bare key or an
 * address without `mailto:` matches none, and every statement was left out as untrusted, with no word why.
 */
function authorityProblem(authority: string): string | undefined {
  if (authority.includes('|') || /^(mailto|sha1):./i.test(authority) || /^https?:\/\/./i.test(authority)) return undefined;
  const said = `--trusted-authority '${authority}' names no agent, so no statement would be trusted`;
  if (/^[^\s@:]+@[^\s@:]+$/.test(authority)) return `${said}: an email address is written --trusted-authority 'mailto:${authority}'`;
  return `${said}: an LRS key is written as its account, homePage|name (the embedded LRS's: --trusted-authority 'https://coursepack.invalid/lrs/keys|${authority || 'KEY'}'; another LRS's as its statements' "authority" shows it), or mailto:ADDRESS`;
}

/** The first of the variables set to something, else the first: the report's own name before the build's. */
function variableOf(env: Readonly<Record<string, string | undefined>>, own: string, build: string): string {
  return (env[own]?.trim() ?? '') === '' && (env[build]?.trim() ?? '') !== '' ? build : own;
}

function usage(message: string): ReportCommand {
  return { kind: 'usage-error', message };
}

/**
 * `COURSEPACK_LRS_AUTH` as an HTTP header can carry it: GNU `base64` wraps its output every 76 characters,
 * and a key and secret of the embedded LRS take 88, so `"Basic $(… | base64)"` held a line break. White
 * space inside a base64 token means nothing, so it is taken out.
 */
function tidyAuth(value: string | undefined): string | undefined {
  const basic = value === undefined ? null : /^\s*Basic\s+([A-Za-z0-9+/=\s]+?)\s*$/i.exec(value);
  return basic ? `Basic ${(basic[1] ?? '').replace(/\s+/g, '')}` : value?.trim();
}
