/**
 * CSV that opens as intended in Excel and Google Sheets: UTF-8 with a byte order mark (without it
 * Excel reads UTF-8 as the system code page and mangles names), RFC 4180 quoting and CRLF line ends,
 * one file per view. Text cells that begin with `=`, `+`, `-`, `@`, tab or carriage return get a
 * leading apostrophe, so a learner's name can never run as a formula (OWASP "CSV injection");
 * numbers the report computes are written as numbers and left alone. Text of digits that Excel would
 * turn into a number (an id `0099` becomes 99, one of 16 digits 1.23457E+15) is written `="0099"`, which
 * Excel and Google Sheets show as the text 0099: the ids of learners on a roster who have not started
 * are such text, and the report's own roster check warns that Excel strips their zeros.
 */
import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import { stageFile, writeAllAtomically } from '../package/write-atomically.js';
import { reflectionColumns, reportTables, type Raw, type Table } from './report-tables.js';
import type { ReportViews } from './view-types.js';

const BOM = '\ufeff';

export function csvCell(value: Raw): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (/^(0\d+|\d{12,})$/.test(value)) return `"=""${value}"""`;
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== value ? `"${text.replace(/"/g, '""')}"` : text;
}

export function encodeCsv(table: Table): string {
  const lines = [table.columns.map((c) => csvCell(c.rawHeader ?? c.header)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvCell(c.raw(row))).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/**
 * Writes `<view>.csv` for every view into `dir`, all or none (a full disk midway left last week's files
 * cut mid-row); returns the files written.
 */
export async function writeCsvFiles(views: ReportViews, dir: string): Promise<{ readonly written: string[]; readonly removed: string[] }> {
  const writes = reportTables(views).map((table) => stageFile(path.join(dir, `${table.name}.csv`), encodeCsv(table)));
  await writeAllAtomically(writes);
  // The reflections.csv an earlier report wrote here (with --reflections: names and learners' own words) would
  // sit among this report's files, pseudonymized or not, and be shared with them: it goes when this report has
  // none, and the caller says so. Only a report's own, known by its header row: a file of the person's of that
  // name stays.
  const removed: string[] = [];
  const stale = path.join(dir, 'reflections.csv');
  if (!views.reflections && (await firstLine(stale)) === REFLECTIONS_HEADER) {
    await rm(stale, { force: true });
    removed.push(stale);
  }
  return { written: writes.map((w) => w.file), removed };
}

const REFLECTIONS_HEADER = `${BOM}${reflectionColumns('UTC').map((c) => csvCell(c.rawHeader ?? c.header)).join(',')}`;

async function firstLine(file: string): Promise<string | undefined> {
  try {
    const handle = await open(file, 'r');
    try {
      const { bytesRead, buffer } = await handle.read(Buffer.alloc(512), 0, 512, 0);
      return buffer.subarray(0, bytesRead).toString('utf8').split(/\r?\n/)[0];
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}
