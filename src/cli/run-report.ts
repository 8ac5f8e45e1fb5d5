/**
 * `coursepack report`: read (an LRS or an export) → aggregate → views → print or write. Loaded
 * lazily by main.ts, so a build never loads any of it. Every failure is one line on stderr and exit 2,
 * with no stack trace and no credentials (issue 11 point 5).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { stageFile, writeAllAtomically } from '../package/write-atomically.js';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  aggregateExport,
  aggregateExports,
  buildViews,
  checkEndpoint,
  checkRoster,
  formatTerminal,
  howIriDiffers,
  listExports,
  parseActivitiesFile,
  parseRoster,
  ROSTER_COLUMNS,
  pseudonymizeViews,
  readCourseRef,
  redactUrl,
  renderHtml,
  renderJson,
  ReportError,
  syncLrs,
  writeCsvFiles,
  type ActivitiesFile,
  type Aggregate,
  type ReportViews,
  type ThreadOptions,
} from '../report/index.js';
import { MAX_REPORT_THREADS, parseReportArgs, REPORT_USAGE, type ReportArgs } from './parse-report-args.js';
import { startProgress } from './progress-line.js';
import { showPathFrom } from './show-messages.js';
import { optionWords } from '../shared/shell-word.js';
import { isInsecureEndpoint } from '../shared/xapi/check-endpoint.js';
import { ACTIVITY_TYPES } from '../shared/xapi/vocabulary.js';
import { dieOf, removeOnSignal, stopGentlyOnSignal } from './stop-on-signal.js';
import { systemReason } from './describe-error.js';

export async function runReport(argv: readonly string[]): Promise<number> {
  // Everything this command writes holds learners' names, ids, scores and maybe their words (FERPA): for
  // this user only, whatever the shell's umask (022 on most servers made every report world-readable).
  process.umask(0o077);
  const command = parseReportArgs(argv, process.env);
  if (command.kind === 'help') {
    process.stdout.write(`${REPORT_USAGE}\n`);
    return 0;
  }
  if (command.kind === 'usage-error') {
    process.stderr.write(`coursepack report: ${command.message}\nRun \`npx coursepack report --help\` for the options.\n`);
    return 2;
  }
  const secrets = command.args.source.kind === 'lrs' ? secretsOf(command.args.source.auth) : [];
  try {
    await report(command.args);
    return 0;
  } catch (error) {
    // A ReportError is the person's to act on, one line. Anything else is a coursepack bug: its stack and a
    // request to report it, as the other commands give (describe-error.ts), with credentials taken out.
    const known = error instanceof ReportError;
    const message = known
      ? error.message
      : `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nThis is a bug in coursepack, not a mistake in your data: please report it with the command you ran and the text above.`;
    process.stderr.write(`coursepack report: ${redact(known ? firstLine(message) : message, secrets)}\n`);
    return 2;
  }
}

/**
 * Statements left out as other courses whose activity is the course IRI written another way
 * (course-iri-near.ts): each IRI, how many statements, how it differs, and what to give.
 */
function nearCourseNotes(aggregate: Aggregate, fromCourseFolder: boolean): string[] {
  return [...aggregate.nearCourse].map(([iri, n]) => {
    const fix = fromCourseFolder ? `if it is this course, give ${optionWords('activity', iri)} (or set xapi.activityBase in course.yaml as the package was built)` : `if it is this course, give ${optionWords('activity', iri)}`;
    return `${n.toLocaleString('en-US')} statement${n === 1 ? '' : 's'} about ${iri} (${howIriDiffers(iri, aggregate.courseIri)}) ${n === 1 ? 'is' : 'are'} left out as another course: the report counts ${aggregate.courseIri} exactly; ${fix}`;
  });
}

/** The exports a report read, for its Source line: each by name, or the first and last of many. */
function exportsShown(files: readonly string[]): string {
  const names = [...new Set(files.map((f) => path.resolve(f)))].map((f) => path.basename(f));
  if (names.length === 1) return `export ${names[0] ?? ''}`;
  if (names.length <= 4) return `exports ${names.join(', ')}`;
  return `${names.length} exports, ${names[0] ?? ''} to ${names.at(-1) ?? ''}`;
}

/** How far ahead of the LRS's clock a learner's may be and a statement still be read for a --since window. */
const STORED_MARGIN_MS = 24 * 3_600_000;

/** Files from this size up are read by worker threads (BENCHMARKS.md, Reports: a thread costs ~40 ms to start). */
const THREADS_FROM_BYTES = 32 * 2 ** 20;

/**
 * The bundled worker beside this command's bundle (src/bundle.mjs: lib/workers/aggregate-part.cjs).
 * Run from source there is none, and the file is read in this thread.
 */
function threadOptions(args: ReportArgs): ThreadOptions | undefined {
  const worker = new URL('../workers/aggregate-part.cjs', import.meta.url);
  const threads = args.threads ?? Math.min(availableParallelism(), MAX_REPORT_THREADS);
  if (threads < 2) return undefined;
  if (!existsSync(worker)) {
    // Asked for by name: say why it cannot be had, rather than quietly reading in one thread.
    if (args.threads !== undefined) throw new ReportError(`--threads needs ${fileURLToPath(worker)}, which is missing: reinstall coursepack (npm ci builds it)`);
    return undefined;
  }
  return { worker, threads, minBytes: THREADS_FROM_BYTES };
}

async function report(args: ReportArgs): Promise<void> {
  const cwd = process.cwd();
  if (args.keyFromBuildVariable) {
    process.stderr.write('coursepack report: note: the LRS key comes from COURSEPACK_LRS_AUTH, the variable a build puts into every package it writes: a read key there is in every package built in this shell, where anyone who opens one can read every learner\'s statements. Give the report its key as COURSEPACK_REPORT_AUTH (and the LRS as COURSEPACK_REPORT_ENDPOINT), and unset COURSEPACK_LRS_AUTH.\n');
  }
  const course = args.activity === undefined ? await readCourseRef(path.resolve(cwd, args.course)) : undefined;
  const courseIri = args.activity ?? course?.courseIri ?? '';
  const activitiesFile = args.activities ?? (course ? defaultActivitiesFile(cwd, course.id) : undefined);
  const activities = activitiesFile === undefined ? undefined : await readActivities(activitiesFile, courseIri);
  const roster = args.roster === undefined ? undefined : parseRoster(await readText(args.roster, WORKBOOK), args.roster);
  // Grouping by a column the roster lacks (`School name`, a typo) would put everyone in one group, silently.
  const groupBy = args.groupBy;
  // A column there with every cell empty is fine: those learners are "(no school)".
  if (roster && groupBy && !roster.columns.has(groupBy)) {
    const has = roster.header.filter((h) => h !== '').map((h) => `"${h}"`).join(', ');
    throw new ReportError(`--group-by ${groupBy}: ${args.roster ?? 'the roster'} has no ${groupBy} column (its columns: ${has}); name the column that holds it "${groupBy}" (or ${ROSTER_COLUMNS[groupBy].slice(1).map((c) => `"${c.replace(/_/g, ' ')}"`).join(', ')})`);
  }
  const options = {
    courseIri,
    since: args.since,
    until: args.until,
    version: args.version,
    trustedAuthorities: args.trustedAuthorities.length ? new Set(args.trustedAuthorities) : undefined,
    keepReflections: args.reflections,
  };

  let aggregate: Aggregate;
  let source: string;
  let consistentThrough: string | undefined;
  if (args.source.kind === 'file') {
    const files = listExports(args.source.files);
    aggregate = await aggregateExports(files, options, threadOptions(args));
    source = exportsShown(files);
  } else {
    const lrs = args.source;
    checkEndpoint(lrs.endpoint);
    // Basic credentials are the key and password in base64: over plain http, anyone on the way reads them.
    if (isInsecureEndpoint(lrs.endpoint)) process.stderr.write(`coursepack report: note: ${redactUrl(lrs.endpoint)} is plain http: the LRS key and password cross the network readable by anyone on it; use its https address\n`);
    source = `LRS ${redactUrl(lrs.endpoint)}`;
    // A cron job's stale TMPDIR, a read-only one: one line saying so, not an internal error.
    const temp = lrs.sync === undefined
      ? await mkdtemp(path.join(tmpdir(), 'coursepack-report-')).catch((error: unknown) => {
        throw new ReportError(`cannot make a temporary folder in ${tmpdir()} for the statements read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): set TMPDIR to a folder you can write to, or keep them with --sync FILE`);
      })
      : undefined;
    const file = lrs.sync ?? path.join(temp ?? '', 'statements.ndjson');
    // `--sync reports/statements.ndjson` before reports/ exists (the README's own example).
    if (lrs.sync !== undefined) await mkdir(path.dirname(path.resolve(lrs.sync)), { recursive: true }).catch(writeError(lrs.sync));
    const progress = startProgress(process.stderr, 'Reading statements');
    // Read into a temporary file, statements are removed on Ctrl-C; into a sync file, the pages read are kept.
    const stop = new AbortController();
    const gentle = temp ? undefined : stopGentlyOnSignal(stop, [`${file}.part`, `${file}.tmp`], 'report');
    let unwatch = gentle ? gentle.release : removeOnSignal(temp ? [temp] : [], 'report');
    let pagesRead = 0;
    try {
      const synced = await syncLrs(lrs, {
        activity: courseIri, file, incremental: lrs.sync !== undefined, pageSize: lrs.pageSize, stop: stop.signal,
        // --since: only what was stored since the window began (a day before, for learners' clocks ahead of the
        // LRS's): a week's report of a district's five years reads a week. A sync file keeps everything, and so
        // does a report with a roster: its learners who have not started take the LMS address from statements
        // outside the window too (build-views.ts), so their keys and pseudonyms stay the same from week to week.
        storedFrom: args.since === undefined || roster ? undefined : new Date(args.since - STORED_MARGIN_MS).toISOString(),
        onPage: (statements, pages) => {
          pagesRead = pages;
          progress.update(statements, pages);
        },
        retry: { onRetry: (message) => progress.note(`coursepack report: ${message}`) },
      }).catch((error: unknown) => {
        // Stopped by Ctrl-C: say what was kept (sync-lrs.ts words it), then die of the signal.
        const signal = gentle?.received();
        if (signal) stoppedBy(signal, error instanceof ReportError ? error.message : `stopped (${signal})`, progress, gentle);
        // Read into a temporary file, the pages before the failure are lost with it: say how not to lose them.
        if (temp && pagesRead > 0 && error instanceof ReportError) {
          throw new ReportError(`${error.message}; with --sync FILE the ${pagesRead} pages read before that would have been kept, and the next run would go on from there`);
        }
        throw error;
      });
      // Ctrl-C once the last page had come: the sync finished, and FILE holds it all.
      const late = gentle?.received();
      if (late) stoppedBy(late, `stopped (${late}); the statements read are kept in ${file}`, progress, gentle);
      if (gentle) {
        // From here on nothing is kept for later: Ctrl-C stops at once.
        gentle.release();
        unwatch = removeOnSignal([`${file}.part`, `${file}.tmp`], 'report');
      }
      progress.done(`${synced.fetched} statements in ${synced.pages} pages`);
      consistentThrough = synced.consistentThrough;
      aggregate = await aggregateExport(file, options, 'ndjson', threadOptions(args)).catch((error: unknown) => {
        // A temporary file means nothing to the reader: name the statement's place in the LRS answer.
        if (temp && error instanceof ReportError) throw new ReportError(error.message.replace(`${file}:`, 'statement #'));
        throw error;
      });
    } finally {
      progress.done();
      if (temp) await rm(temp, { recursive: true, force: true });
      unwatch();
    }
  }

  // Said before the report (stderr), and kept in the HTML and JSON: statements about the course IRI written
  // another way are left out; a roster whose ids do not line up makes everyone on it "not started".
  const notes = [
    // The LRS answered `activity=<course>` with nothing at all: a course IRI the packages do not send is the
    // usual cause, and the empty report read as "nobody started".
    // Not with --since: the LRS was then asked only for what was stored lately (a week without statements is no mistake).
    ...(args.source.kind === 'lrs' && args.since === undefined && aggregate.counts.read === 0
      ? [`the LRS holds no statement about ${aggregate.courseIri} or its activities; check that it is the IRI the packages send (${args.activity === undefined ? 'xapi.activityBase in course.yaml, as the packages were built' : '--activity'}) and that the key may read their statements`]
      : []),
    ...nearCourseNotes(aggregate, args.activity === undefined),
    ...(tookModulePackages(aggregate) && !activities?.activities.some((a) => a.type === ACTIVITY_TYPES.module)
      ? ['some learners took the course as one package a module (--split modules): the course is complete for them once every module is, and which modules the course has is in its activities file; give --course (with the dist/<course-id>-xapi-activities.json a split build writes) or --activities FILE, until then none of them shows as complete']
      : []),
    // --since asks the LRS only for what was stored in the window: modules completed before it are not read.
    ...(tookModulePackages(aggregate) && args.source.kind === 'lrs' && args.source.sync === undefined && args.since !== undefined && !roster
      ? ['some learners took the course as one package a module (--split modules), and with --since the LRS was asked only for the window: those who completed their last module in it but others before it show as not complete; read with --sync FILE (which keeps everything) or --roster to count them']
      : []),
    ...(roster && args.roster !== undefined ? checkRoster(roster, aggregate.learners.values(), args.roster, !args.pseudonymize) : []),
  ];
  for (const note of notes) process.stderr.write(`coursepack report: note: ${note}\n`);
  let views: ReportViews = buildViews(aggregate, {
    meta: {
      source,
      generatedAt: Date.now(),
      since: args.since,
      until: args.until,
      version: args.version,
      groupBy: args.groupBy,
      pseudonymized: false,
      consistentThrough,
      courseName: course?.title,
      language: course?.language,
      timeZone: args.timeZone,
      notes,
    },
    roster,
    activities,
    reflections: args.reflections,
  });
  // A window (--since/--until) with a roster: learners whose statements all fall outside it are "not started"
  // in it, those who finished before it too, which an admin reading a weekly report took for not started at all.
  const idle = args.since !== undefined || args.until !== undefined ? views.learners.filter((l) => l.status === 'not-started').length : 0;
  if (roster && idle > 0 && aggregate.counts.outOfWindow > 0) {
    const note = `${idle} ${idle === 1 ? 'learner' : 'learners'} on the roster ${idle === 1 ? 'has' : 'have'} no statement in the dates given and ${idle === 1 ? 'shows' : 'show'} as not started in them, also if they started or finished before: a report without --since and --until shows where each learner stands`;
    process.stderr.write(`coursepack report: note: ${note}\n`);
    views = { ...views, meta: { ...views.meta, notes: [...(views.meta.notes ?? []), note] } };
  }
  if (args.pseudonymize) {
    const salt = process.env.COURSEPACK_REPORT_SALT;
    // Kept in the report too: whoever receives the file is the one who must know its pseudonyms can be undone.
    const note = 'pseudonymized without COURSEPACK_REPORT_SALT: the pseudonyms of ids from a known list (student numbers) can be recovered by hashing the list with the course IRI; set a secret salt before sharing';
    if (!salt) process.stderr.write(`coursepack report: note: ${note}\n`);
    views = pseudonymizeViews(views, salt || courseIri);
    if (!salt) views = { ...views, meta: { ...views.meta, notes: [...(views.meta.notes ?? []), note] } };
  }
  await output(views, args);
}

async function output(views: ReportViews, args: ReportArgs): Promise<void> {
  if (args.format === 'table') {
    process.stdout.write(formatTerminal(views));
    return;
  }
  if (args.format === 'csv') {
    const { written, removed } = await writeCsvFiles(views, args.out ?? '.').catch(writeError(args.out));
    process.stderr.write(`Wrote ${written.map(showPathFrom(process.cwd(), '')).join(', ')}\n`);
    for (const file of removed) process.stderr.write(`Removed ${showPathFrom(process.cwd(), '')(file)}, an earlier report's reflections, which this one does not include (--reflections)\n`);
    return;
  }
  const text = args.format === 'json' ? renderJson(views) : renderHtml(views);
  if (args.out === undefined) {
    process.stdout.write(text);
    return;
  }
  const file = reportFile(args.out, args.format);
  // Whole or not at all: a full disk must not leave last week's report cut off.
  await writeAllAtomically([stageFile(file, text)]).catch(writeError(file));
  process.stderr.write(`Wrote ${showPathFrom(process.cwd(), '')(file)}\n`);
}

/**
 * Where --out puts the HTML or JSON report: `--out reports/` → reports/report.html; `--out week-12.html`, a
 * name with the format's extension, is that file (it made a folder week-12.html holding report.html).
 * parse-report-args.ts refuses the other format's extension.
 */
function reportFile(out: string, format: 'json' | 'html'): string {
  return REPORT_EXTENSION[format].test(out) ? out : path.join(out, `report.${format}`);
}

const REPORT_EXTENSION = { json: /\.json$/i, html: /\.html?$/i } as const;

/** A sync stopped by a signal: its last word, then death by that signal (the shell sees an interrupted command). */
function stoppedBy(signal: NodeJS.Signals, message: string, progress: { done(): void }, gentle: { release(): void } | undefined): void {
  progress.done();
  process.stderr.write(`coursepack report: ${message}\n`);
  gentle?.release();
  dieOf(signal);
}

function writeError(target: string | undefined): (error: unknown) => never {
  return (error) => {
    const code = (error as NodeJS.ErrnoException).code;
    // EEXIST from making the folder: a file of its name is where the folder goes (`--out afile`).
    const reason = code === 'EEXIST' || code === 'ENOTDIR' ? 'a file is where its folder should be (give --out a folder, or a file name in one)' : systemReason(code);
    throw new ReportError(`cannot write ${target ?? 'the output'}: ${reason ?? code ?? (error as Error).message}`);
  };
}

function defaultActivitiesFile(cwd: string, courseId: string): string | undefined {
  const file = path.join(cwd, 'dist', `${courseId}-xapi-activities.json`);
  return existsSync(file) ? file : undefined;
}

async function readActivities(file: string, courseIri: string): Promise<ActivitiesFile> {
  return parseActivitiesFile(await readText(file), file, courseIri);
}

/**
 * A roster or activities file as text. Spreadsheets save CSV in other encodings than UTF-8: Excel's
 * "Unicode Text" is UTF-16 (read, by its byte order mark), and its plain "CSV" on Windows is the
 * machine's code page, where `é` is one byte that is not UTF-8: refused with the fix, where reading on
 * would have put `�` in every such name.
 */
async function readText(file: string, binary?: { readonly is: (bytes: Buffer) => boolean; readonly fix: string }): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ReportError(code === 'ENOENT' ? `${file} does not exist` : `${file} cannot be read (${code ?? 'error'})`);
  }
  if (binary?.is(bytes)) throw new ReportError(`${file} ${binary.fix}`);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8Line(bytes);
    throw new ReportError(`${file}:${at}: the file is not UTF-8 (saved in another encoding, such as Excel's plain CSV on Windows); save it again as "CSV UTF-8 (Comma delimited)" in Excel, or with UTF-8 encoding in Google Sheets or LibreOffice`);
  }
}

/**
 * A roster given as the spreadsheet itself: `.xlsx` and `.ods` are zip files, `.xls` an OLE compound file. Said
 * as what it is, where "not UTF-8 … saved in another encoding" sent the admin looking for an encoding.
 */
const WORKBOOK = {
  is: (bytes: Buffer): boolean => bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1')) || bytes.subarray(0, 8).equals(Buffer.from('d0cf11e0a1b11ae1', 'hex')),
  fix: 'is a spreadsheet workbook (Excel .xlsx or .xls, or LibreOffice .ods), not a CSV: open it and save it as "CSV UTF-8 (Comma delimited)" in Excel, or download it as CSV from Google Sheets',
};

/** The 1-based line of the first byte sequence that is not UTF-8. */
function firstInvalidUtf8Line(bytes: Buffer): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 10) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}

/** The header value, its base64 part, and the key and secret inside it. */
function secretsOf(auth: string): string[] {
  const encoded = auth.replace(/^Basic\s+/i, '');
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return [auth, encoded, decoded, ...(colon > 0 ? [decoded.slice(0, colon), decoded.slice(colon + 1)] : [])];
}

/** Belt and braces: no message may carry the credentials, whatever produced it. */
function redact(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[credentials]');
  return out;
}

/** A person's error is one line (an LRS's text quoted in it could bring more). */
function firstLine(message: string): string {
  return message.replace(/\r?\n[\s\S]*$/, '');
}

/** Statements from packages of one module each (--split modules): registrations whose results are a module's. */
function tookModulePackages(aggregate: Aggregate): boolean {
  for (const learner of aggregate.learners.values()) for (const reg of learner.registrations.values()) if (reg.part !== null && reg.part !== '') return true;
  return false;
}
