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
 * The rows with at least one non-blank cell. Cells are split at commas, or at tabs when the first line
 * has tabs and no comma (Excel's "Unicode Text" and many student information systems export TSV).
 */
export function parseCsvRows(text: string): CsvRow[] {
  const firstLine = text.slice(0, (text.indexOf('\n') + 1 || text.length + 1) - 1);
  const separator = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
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
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
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
