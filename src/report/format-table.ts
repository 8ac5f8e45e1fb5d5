/**
 * The default output: plain text tables for a terminal. Values from statements are cleaned of
 * control characters first: a name holding an ANSI escape sequence could otherwise rewrite the
 * admin's terminal.
 */
import { clipToWidth, displayWidth, padToWidth } from './display-width.js';
import { describeCounts, formatDate } from './format-values.js';
import { reportTables, type Table } from './report-tables.js';
import type { ReportViews } from './view-types.js';

/** Learners shown in the terminal; the rest are in the CSV, JSON and HTML outputs. */
export const TERMINAL_LEARNER_LIMIT = 50;
const CELL_WIDTH = 40;

export function formatTerminal(views: ReportViews): string {
  const m = views.meta;
  const lines = [
    `Course: ${clean(m.courseName ?? m.courseIri)}${m.courseName ? ` <${clean(m.courseIri)}>` : ''}`,
    `Source: ${clean(m.source)}${m.consistentThrough ? ` (consistent through ${clean(m.consistentThrough)})` : ''}`,
    `Time zone: ${clean(m.timeZone ?? 'UTC')}`,
    ...window(views),
    `Statements: ${describeCounts(m.counts)}`,
    ...(m.pseudonymized ? ['Learners are pseudonymized.'] : []),
    '',
  ];
  for (const table of reportTables(views)) {
    if (table.name === 'responses') continue;
    const limited = table.name === 'learners' && table.rows.length > TERMINAL_LEARNER_LIMIT;
    const shown = limited ? { ...table, rows: table.rows.slice(0, TERMINAL_LEARNER_LIMIT) } : table;
    lines.push(table.title, ...renderTable(shown));
    if (limited) lines.push(`… and ${table.rows.length - TERMINAL_LEARNER_LIMIT} more learners: --format csv, json or html lists them all.`);
    lines.push('');
  }
  lines.push('Responses per choice: --format csv (responses.csv) or html.');
  return `${lines.join('\n')}\n`;
}

function window(views: ReportViews): string[] {
  const m = views.meta;
  const parts = [];
  if (m.since !== undefined) parts.push(`from ${formatDate(m.since, m.timeZone)}`);
  if (m.until !== undefined) parts.push(`until ${formatDate(m.until, m.timeZone)}`);
  if (m.version !== undefined) parts.push(`course version ${clean(m.version)}`);
  return parts.length ? [`Filter: ${parts.join(', ')}`] : [];
}

export function renderTable(table: Table): string[] {
  const header = table.columns.map((c) => clip(clean(c.header)));
  const rows = table.rows.map((r) => table.columns.map((c) => clip(clean(c.text(r)))));
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => padToWidth(cell, widths[i] ?? 0, table.columns[i]?.numeric ? 'start' : 'end'))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

/** C0 and C1 control characters (ESC among them) and bidi overrides become U+FFFD. */
export function clean(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\ufffd');
}

function clip(text: string): string {
  return clipToWidth(text, CELL_WIDTH);
}
