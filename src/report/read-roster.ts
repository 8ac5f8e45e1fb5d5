/**
 * A roster CSV (learner id → name, school, role), the organisation data xAPI statements do not carry
 * (XAPI.md §12: Watershed uploads its hierarchy as CSV too). Keyed by `account.name`, the SCORM
 * `cmi.core.student_id` the player sends (XAPI.md §4). Learners on the roster with no statement are
 * the `not-started` ones.
 */
import { createHash } from 'node:crypto';
import { displayName } from '../shared/xapi/index.js';
import { CsvError, parseCsvRows, type CsvRow } from './parse-csv.js';
import { ReportError } from './report-error.js';

export interface RosterEntry {
  readonly id: string;
  readonly homePage: string | undefined;
  readonly name: string | undefined;
  readonly school: string | undefined;
  readonly role: string | undefined;
  /** From an e-mail column beside the id column: matches a learner the statements know by that address. */
  readonly email?: string | undefined;
}

// The specific names before `learner`, which a gradebook export uses for names (`Learner,Learner ID,School`).
// E-mail addresses after those, where no column says id: Google Admin's and Clever's staff exports have none, and an
// address matches a learner the statements know by it (rosterMatcher); beside a `Staff ID` they are the ids the
// note names when that column's match no one (check-roster.ts).
const EMAIL_COLUMNS = ['email', 'email_address', 'e_mail', 'e_mail_address', 'staff_email', 'teacher_email', 'user_email', 'work_email', 'primary_email'];
// Before `learner`: beside an e-mail column, `Learner` is the names (`Learner,Email,School`).
const ID_COLUMNS = ['id', 'learner_id', 'student_id', 'staff_id', 'employee_id', 'user_id', 'account', 'account_name', ...EMAIL_COLUMNS, 'learner'];

/**
 * A name in two columns, as nearly every student information system exports staff (PowerSchool `Last_Name`,
 * `First_Name`; Skyward, ClassLink, Clever, Google Admin's `First Name [Required]`): read as "First Last", as the
 * player writes the LMS's "Last, First" in statements (displayName, src/shared/xapi/resolve-config.ts), when
 * there is no one-column name.
 */
const NAME_PARTS = {
  last: ['last_name', 'lastname', 'last', 'surname', 'family_name'],
  first: ['first_name', 'firstname', 'first', 'given_name'],
} as const;

/**
 * An id of 12 digits or more as Excel shows it, `1.23457E+11`, and saves it in a CSV: the digits are gone, so it
 * matches no one, and two such ids were said to be one learner listed twice.
 */
const EXCEL_EXPONENT = /^\d(\.\d+)?E\+\d{2}$/i;

/** A cell written as Excel's text formula, `="…"` (a quote inside doubled). */
const EXCEL_TEXT = /^="((?:[^"]|"")*)"$/;

/**
 * A header's closing note that says its names are written family name first: `Name (Last, First)`, `Full Name
 * [Last Name, First Name]`, `Name (last, first M.)`, as student information systems export staff.
 */
const LAST_FIRST_NOTE = /[([]\s*(last|family|sur)[\s_-]*(name)?\s*,\s*(first|given)\b[^()[\]]*[)\]]\s*$/i;

/** How many rows from the top may be titles above the header. */
const HEADER_SEARCH_ROWS = 10;

/**
 * The optional columns by the names a student information system or a spreadsheet gives them (an export
 * of staff says "School Name" or "Building", "Position"), in the order they are looked for.
 */
export const ROSTER_COLUMNS = {
  name: ['name', 'full_name', 'learner_name', 'display_name', 'student_name', 'staff_name', 'employee_name', 'learner'],
  school: ['school', 'school_name', 'building', 'campus', 'site'],
  role: ['role', 'position', 'job_title'],
} as const;

/**
 * The rows, which of the optional columns the header has (a column may be there with every cell empty),
 * and the header as written (for messages).
 */
export type Roster = RosterEntry[] & {
  readonly columns: ReadonlySet<'name' | 'school' | 'role'>;
  readonly header: readonly string[];
  readonly idColumn: string;
  /** The cells of the rows read, by the header's columns: what the other columns hold, for check-roster.ts. */
  readonly cells: ReadonlyArray<readonly string[]>;
};

/** Header names are matched case-insensitively, with spaces and dashes read as underscores, a closing note in brackets left out. */
export function parseRoster(text: string, file: string): Roster {
  let parsed: CsvRow[];
  try {
    parsed = parseCsvRows(text);
  } catch (error) {
    if (error instanceof CsvError) throw new ReportError(`${file}:${error.line}: ${error.message}`);
    throw error;
  }
  // A note in brackets is not the name: `Name (Last, First)` is the name column, `School (building)` the school's.
  // So is one in square brackets, as Google Admin's export marks columns: `First Name [Required]`.
  const namesOf = (cells: readonly string[]): string[] => cells.map((h) => h.trim().replace(/\s*(\([^()]*\)|\[[^[\]]*\])$/, '').toLowerCase().replace(/[\s-]+/g, '_'));
  // The first of ID_COLUMNS the header has, in that order: `Learner,ID,School` (names under Learner) takes ID.
  const idOf = (names: readonly string[]): number => ID_COLUMNS.map((c) => names.indexOf(c)).find((i) => i >= 0) ?? -1;
  // The header is the first row, or the first of the next few with an id column: exports from student
  // information systems and spreadsheets often have a title line or two ("Staff Roster 2026-27") above it.
  // Only title lines (one filled cell at most, an export's padding aside) may stand above it: in a roster whose
  // header has no id column, a data row holding "Account" or "ID" is not its header, and the rows above it
  // would be dropped without a word.
  const isTitle = (r: CsvRow): boolean => r.cells.filter((c) => c.trim() !== '').length <= 1;
  const found = parsed.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => idOf(namesOf(r.cells)) >= 0);
  const at0 = found > 0 && parsed.slice(0, found).every(isTitle) ? found : -1;
  const [headerRow, ...rows] = parsed.slice(Math.max(at0, 0));
  const header = headerRow?.cells;
  if (!header) throw new ReportError(`${file} is empty; a roster needs a header row with an id column`);
  const names = namesOf(header);
  const idAt = idOf(names);
  if (idAt < 0) throw new ReportError(`${file} has no id column (its columns: ${header.filter((h) => h.trim() !== '').map((h) => `"${h.trim()}"`).join(', ')}); name the column of LMS student ids one of: ${ID_COLUMNS.map((c) => `"${c.replace(/_/g, ' ')}"`).join(', ')}`);
  const at = (n: string): number => names.indexOf(n);
  // A column is read once: `Learner` is the names beside `Learner ID`, the ids when it stands alone.
  const column = (c: keyof typeof ROSTER_COLUMNS): number => ROSTER_COLUMNS[c].map(at).find((i) => i >= 0 && i !== idAt) ?? -1;
  const cell = (row: readonly string[], index: number): string | undefined => {
    const raw = index < 0 ? undefined : row[index]?.trim();
    // `="000123"`: how student information systems (and this report's own CSV, write-csv.ts) keep an id's
    // leading zeros from Excel. Read as the id, or a roster made from such an export matched no one.
    const formula = raw === undefined ? undefined : EXCEL_TEXT.exec(raw)?.[1];
    const v = formula === undefined ? raw : formula.replace(/""/g, '"').trim();
    return v === undefined || v === '' ? undefined : v;
  };
  // Words, not ids: a line break (Alt+Enter in Excel), a double or no-break space is one space, or one school
  // written so on some rows was a group of its own for each way ("North Elementary", "North\u00a0Elementary");
  // so, in Unicode's composed form (NFC), is "Zoë" typed as e and a combining diaeresis, as macOS may write it.
  const words = (row: readonly string[], index: number): string | undefined => cell(row, index)?.replace(/\s+/g, ' ').normalize('NFC');
  const lastAt = NAME_PARTS.last.map(at).find((i) => i >= 0 && i !== idAt) ?? -1;
  const firstAt = NAME_PARTS.first.map(at).find((i) => i >= 0 && i !== idAt) ?? -1;
  // A column whose header says its names are "Last, First" is read as the player writes the LMS's "Last, First"
  // (displayName, the one rule for both): a learner who has not started showed as "Doe, Jane" among those who had
  // as "Jane Doe", one list read and sorted two ways. A name in it without a comma stays as written.
  const lastFirst = LAST_FIRST_NOTE.test(header[column('name')] ?? '');
  const nameOf = (row: readonly string[]): string | undefined => {
    const whole = words(row, column('name'));
    if (whole !== undefined) return lastFirst ? displayName(whole) || undefined : whole;
    const [last, first] = [words(row, lastAt), words(row, firstAt)];
    return last !== undefined && first !== undefined ? `${first} ${last}` : last ?? first;
  };
  // The e-mail column beside a `Staff ID`: a district whose LMS sends account ids and whose other launches (a Tin
  // Can launch, a second tool) send an mbox has teachers in the statements both ways, and the roster has both.
  const emailAt = EMAIL_COLUMNS.map(at).find((i) => i >= 0 && i !== idAt) ?? -1;
  // Every problem is found before the report stops, so a 20,000-row export is fixed in one pass, not a run a row.
  const problems: Array<{ readonly line: number; readonly text: string }> = [];
  const seen = new Map<string, { readonly line: number; readonly entry: RosterEntry }>();
  const out: RosterEntry[] = [];
  const cells: Array<readonly string[]> = [];
  // Trailing empty cells aside: one export pads its rows to the widest, another does not.
  const headerKey = (row: readonly string[]): string => namesOf(row).join('\u0000').replace(/\u0000+$/, '');
  const headerText = headerKey(header);
  for (const { line, cells: row } of rows) {
    // The header again: exports of each school pasted or `cat` together, each with its header (and its BOM). It
    // was a learner "id" named "name" at a school called "school".
    if (headerKey(row) === headerText) continue;
    const id = cell(row, idAt);
    const name = nameOf(row);
    if (id === undefined) {
      problems.push({ line, text: `no learner id in the "${header[idAt]?.trim() ?? ''}" column${name === undefined ? '' : ` (${name})`}: fill in their LMS student id, or delete the row` });
      continue;
    }
    if (EXCEL_EXPONENT.test(id)) {
      problems.push({ line, text: `the id ${id} is a long number as Excel shows it, its last digits lost when the file was saved from Excel: export the roster again, or open it in Excel with the id column as Text (Data > From Text/CSV)` });
      continue;
    }
    const homePage = cell(row, at('homepage')) ?? cell(row, at('home_page'));
    const address = cell(row, emailAt);
    const entry: RosterEntry = { id, homePage, name, school: words(row, column('school')), role: words(row, column('role')), email: address?.includes('@') ? address : undefined };
    // An e-mail address in other capitals is the same person (their launches' mboxes are matched so):
    // kept twice, one of the two rows would show them as not started whatever they did.
    const key = `${homePage ?? ''}|${id.includes('@') ? id.toLowerCase() : id}`;
    const before = seen.get(key);
    if (before === undefined) {
      seen.set(key, { line, entry });
      out.push(entry);
      cells.push(row);
    } else if (!sameEntry(before.entry, entry)) {
      // The same row twice (two exports pasted together) says nothing new and is read once; two rows that
      // disagree (a teacher at two schools) leave the report no way to choose.
      const as = before.entry.id === id ? '' : ` as ${before.entry.id}`;
      problems.push({ line, text: `learner ${id} is listed twice (also on line ${before.line}${as}): keep one row per learner` });
    }
  }
  const [first, ...more] = problems;
  if (first) {
    const lines = more.slice(0, 10).map((p) => p.line).join(', ') + (more.length > 10 ? ', …' : '');
    const also = more.length === 0 ? '' : `; ${more.length} more ${more.length === 1 ? 'row has a problem, on line' : 'rows have a problem, on lines'} ${lines}`;
    throw new ReportError(`${file}:${first.line}: ${first.text}${also}`);
  }
  const columns = new Set((['name', 'school', 'role'] as const).filter((c) => column(c) >= 0 || (c === 'name' && Math.max(lastAt, firstAt) >= 0)));
  return Object.assign(out, { columns, header: header.map((h) => h.trim()), idColumn: header[idAt]?.trim() ?? '', cells });
}

function sameEntry(a: RosterEntry, b: RosterEntry): boolean {
  return a.id === b.id && a.homePage === b.homePage && a.name === b.name && a.school === b.school && a.role === b.role && a.email === b.email;
}

/**
 * The key a roster row matches a learner by: `homePage|id` with a home page, else the id, an e-mail address
 * (`mailto:`) in lower case as statements' mboxes are keyed (read-statement.ts). One rule for the report's rows
 * (build-views.ts) and its checks of the roster (check-roster.ts), which said a learner was counted twice where
 * the rows had matched them.
 */
export function rosterKey(entry: Pick<RosterEntry, 'id' | 'homePage'>): string {
  if (entry.homePage !== undefined) return `${entry.homePage}|${entry.id}`;
  return /^mailto:/i.test(entry.id) ? entry.id.toLowerCase() : entry.id;
}

/**
 * The roster row of a learner in the statements: by key, by account name (a row without a homePage), or, for
 * a learner known by an e-mail address (an mbox, keyed `mailto:` in lower case), the row whose id is that
 * address as a staff export writes it, without `mailto:` and in any capitals (or a learner known by the SHA-1 of
 * that address, mbox_sha1sum). Such a row used to match only an
 * account of that name, so a teacher who completed showed as not started and again as not on the roster.
 * One rule for the report's rows (build-views.ts) and its checks of the roster (check-roster.ts).
 */
export function rosterMatcher<R extends Pick<RosterEntry, 'id' | 'homePage' | 'email'>>(roster: readonly R[]): (learner: { readonly key: string; readonly accountName: string | undefined }) => R | undefined {
  const byKey = new Map<string, R>();
  // null: an address on two people's rows (a family's or a school office's address in the e-mail column).
  const byAddress = new Map<string, R | null>();
  const add = (key: string, r: R): void => {
    const before = byAddress.get(key);
    byAddress.set(key, before === undefined || before === r ? r : null);
  };
  for (const r of roster) {
    byKey.set(rosterKey(r), r);
    for (const mbox of rosterAddresses(r)) {
      add(mbox.toLowerCase(), r);
      // A learner known only by mbox_sha1sum, the SHA-1 of their mbox (Data §2.4.2.3: a player or LMS that keeps
      // addresses out of the LRS), is that address: in the capitals the roster has, or in lower case.
      add(`sha1:${sha1(mbox)}`, r);
      add(`sha1:${sha1(mbox.toLowerCase())}`, r);
    }
  }
  // An address two rows share says nothing of whose statements it sent: matched to the last of them, one teacher's
  // completion was another's, and that other was merged with it into one completed row. It matches no one.
  const address = (key: string): R | undefined => byAddress.get(key) ?? undefined;
  // An LMS account named by an e-mail address (a Canvas login, a SCORM Cloud learner id) is that address too:
  // the roster's `Jane.Doe@District.org` is the LMS's `jane.doe@district.org`, as no school's mail tells them apart.
  return (l) => byKey.get(l.key) ?? (l.accountName === undefined ? address(l.key)
    : byKey.get(l.accountName) ?? (l.accountName.includes('@') ? address(`mailto:${l.accountName.toLowerCase()}`) : undefined));
}

/** A row's e-mail addresses as `mailto:` IRIs (its id when that is one and no homePage scopes it, and its e-mail column). */
function rosterAddresses(r: Pick<RosterEntry, 'id' | 'homePage' | 'email'>): string[] {
  return [r.homePage === undefined && r.id.includes('@') ? r.id : undefined, r.email]
    .filter((a) => a !== undefined)
    .map((a) => (/^mailto:/i.test(a) ? `mailto:${a.slice(7)}` : `mailto:${a}`));
}

/**
 * The e-mail addresses on more than one roster row (in any capitals), which match no learner (rosterMatcher):
 * said, so the admin gives each row its own address or leaves it empty.
 */
export function sharedRosterAddresses(roster: ReadonlyArray<Pick<RosterEntry, 'id' | 'homePage' | 'email'>>): string[] {
  const owners = new Map<string, Set<object>>();
  for (const r of roster) {
    for (const mbox of rosterAddresses(r)) {
      const key = mbox.toLowerCase();
      owners.set(key, (owners.get(key) ?? new Set()).add(r));
    }
  }
  return [...owners].filter(([, rows]) => rows.size > 1).map(([key]) => key.slice(7));
}

function sha1(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}
