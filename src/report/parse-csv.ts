/**
 * RFC 4180 CSV → rows of strings: quoted fields with doubled quotes and line breaks, CRLF or LF, a
 * UTF-8 BOM (Excel writes one) dropped. Used for rosters, which admins export from a spreadsheet or
 * write by hand. Each row keeps the line it starts on, for messages.
 *
 * A quote opens a quoted field only at the start of a field (RFC 4180 §2.5); elsewhere it is a plain
 * character (`O"Brien` by hand), where it used to open a quoted field that swallowed the rows after it.
 * A quoted field never closed is an error, not the rest of the file read as one cell.
 */

export interface CsvRow {
  /** 1-based line the row starts on. */
  readonly line: number;
  readonly cells: readonly string[];
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The rows with at least one non-blank cell. Cells are split at commas; at tabs when the first line has
 * tabs and no comma (Excel's "Unicode Text" and many student information systems export TSV); at
 * semicolons when it has semicolons and neither (Excel saves "CSV" with the list separator of the
 * machine's region, `;` wherever the decimal mark is a comma, and on machines set that way in the US
 * too: the header then read as one column, "no id column"). A comma inside a cell (`Name (Last, First)`
 * in a `;` file) does not decide: the separator is the one that splits the first lines into as many cells
 * each, then the one the header has most of, then comma, tab, semicolon. A first line `sep=;` (Excel
 * writes and reads it to name the separator) names it and is no row.
 */
export function parseCsvRows(text: string): CsvRow[] {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const firstEnd = text.indexOf('\n', start);
  const firstLine = text.slice(start, firstEnd < 0 ? text.length : firstEnd).replace(/\r$/, '');
  const named = /^sep=(.)$/i.exec(firstLine)?.[1];
  const head = text.slice(start, start + 4096).split('\n');
  // The last line of a head cut at 4,096 characters may be cut short: left out unless it is the file's last.
  const separator = named ?? guessSeparator(head.slice(0, text.length - start > 4096 ? Math.min(6, head.length - 1) : 6));
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let field = '';
  let quotedFrom = 0;
  let line = 1;
  let rowLine = 1;
  let atFieldStart = true;
  const endRow = (): void => {
    cells.push(field);
    if (cells.some((f) => f.trim() !== '')) rows.push({ line: rowLine, cells });
    cells = [];
    field = '';
    atFieldStart = true;
  };
  let i = start;
  if (named !== undefined) {
    // The `sep=` line is the file's line 1: rows are numbered as the file's lines.
    i = firstEnd < 0 ? text.length : firstEnd + 1;
    line = 2;
    rowLine = 2;
  }
  for (; i < text.length; i++) {
    const c = text[i];
    if (quotedFrom > 0) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quotedFrom = 0;
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
      }
    } else if (c === '"' && atFieldStart) {
      quotedFrom = line;
      atFieldStart = false;
    } else if (c === separator) {
      cells.push(field);
      field = '';
      atFieldStart = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      field += c;
      atFieldStart = false;
    }
  }
  if (quotedFrom > 0) throw new CsvError(quotedFrom, 'a quoted field starts here and is never closed (a `"` is missing)');
  if (field !== '' || cells.length) endRow();
  return rows;
}

/** The cells of each row with at least one non-blank cell. */
export function parseCsv(text: string): string[][] {
  return parseCsvRows(text).map((r) => [...r.cells]);
}

/**
 * In the order that wins a tie: a comma inside a cell (`Name (Last, First)`) is far more common in a
 * semicolon or tab file than a semicolon inside a cell of a comma file.
 */
const SEPARATORS = [';', '\t', ','] as const;

/** The separator of a file whose first `lines` these are. */
function guessSeparator(lines: readonly string[]): string {
  const rows = lines.map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '');
  // A title line above the header ("Staff Roster 2026-27", as report tools of student information systems
  // write) has no separator: the header is the first line that has one, else a tab file read as commas.
  while (rows.length > 1 && SEPARATORS.every((s) => countOutsideQuotes(rows[0] ?? '', s) === 0)) rows.shift();
  const header = rows[0] ?? '';
  let best: string = ',';
  let bestScore = [-1, -1];
  for (const separator of SEPARATORS) {
    const inHeader = countOutsideQuotes(header, separator);
    if (inHeader === 0) continue;
    // Lines with a quoted line break in them may disagree: agreement counts, it does not rule out.
    const agreeing = rows.slice(1).filter((r) => countOutsideQuotes(r, separator) === inHeader).length;
    const score = [agreeing, inHeader];
    if (score[0]! > bestScore[0]! || (score[0] === bestScore[0] && score[1]! > bestScore[1]!)) {
      best = separator;
      bestScore = score;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, separator: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === separator && !quoted) n++;
  }
  return n;
}
