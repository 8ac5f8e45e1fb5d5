/**
 * `--format html`: one self-contained file (no script, no CDN, no external anything; a
 * Content-Security-Policy that forbids them all the same) with SVG charts, each followed by the table
 * of its numbers, and a print style so it files well on paper.
 */
import { textDirection } from '../shared/text-direction.js';
import { escapeHtml } from './escape-html.js';
import { describeCounts, formatCount, formatDate, percent } from './format-values.js';
import { renderBarChart, type BarChart } from './render-charts.js';
import { REPORT_CSS } from './report-css.js';
import { reportTables, type Table } from './report-tables.js';
import type { ReportViews } from './view-types.js';

export function renderHtml(views: ReportViews): string {
  const m = views.meta;
  const title = `Completion report: ${m.courseName ?? m.courseIri}`;
  const tables = new Map(reportTables(views).map((t) => [t.name, t]));
  // The page's own words are English; the course's words carry its language (WCAG 3.1.2), so a screen
  // reader reads a Spanish question in Spanish. Not said where it is English too.
  // A right-to-left language says so too: in this left-to-right page an Arabic question's closing full stop sat
  // at its start for an Arabic reader.
  const courseLanguage = m.language && !/^en(-|$)/i.test(m.language) ? m.language : undefined;
  const lang = courseLanguage === undefined ? '' : langAttribute(courseLanguage);
  // A name in another language than the course's (the other version of a course offered in two) carries its own.
  const otherOf = (text: string): string | undefined => m.otherLanguages?.get(text);
  // A chart label of the course's words: the language its name has in the table below.
  const languageOf = (name: string): string | undefined => otherOf(name) ?? courseLanguage;
  const section = (name: string, heading: string, before = ''): string => {
    const table = tables.get(name);
    return table ? `<section aria-labelledby="h-${name}">\n<h2 id="h-${name}">${escapeHtml(heading)}</h2>\n${before}${renderTable(table, lang, otherOf)}\n</section>` : '';
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>Completion report: ${m.courseName ? `<span${lang}>${escapeHtml(m.courseName)}</span>` : escapeHtml(m.courseIri)}</h1>
${details(views)}
</header>
<main>
${section('summary', tables.get('summary')?.title ?? 'Summary', statusChart(views))}
${section('learners', 'Learners')}
${section('modules', 'Module progress and drop-off', moduleChart(views, languageOf))}
${section('questions', 'Questions', questionChart(views, languageOf))}
${section('responses', 'Responses per choice')}
${views.reflections ? section('reflections', 'Reflections') : ''}
</main>
</body>
</html>
`;
}

function details(views: ReportViews): string {
  const m = views.meta;
  const c = m.counts;
  const rows: Array<[string, string]> = [
    ['Course', m.courseIri],
    ['Source', m.source + (m.consistentThrough ? ` (consistent through ${m.consistentThrough})` : '')],
    ['Generated', formatDate(m.generatedAt, m.timeZone)],
    ['Time zone', m.timeZone ?? 'UTC'],
  ];
  if (m.since !== undefined || m.until !== undefined) rows.push(['Dates', `${m.since !== undefined ? `from ${formatDate(m.since, m.timeZone)}` : ''} ${m.until !== undefined ? `until ${formatDate(m.until, m.timeZone)}` : ''}`.trim()]);
  if (m.version !== undefined) rows.push(['Course version', m.version]);
  if (m.versions.length) rows.push(['Versions seen', m.versions.map(([v, n]) => `${v} (${formatCount(n)} statements)`).join(', ')]);
  rows.push(['Statements', describeCounts(c)]);
  if (m.pseudonymized) rows.push(['Learners', 'pseudonymized']);
  const notes = m.notes?.length ? `\n<dt>${m.notes.length === 1 ? 'Note' : 'Notes'}</dt><dd><ul>${m.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul></dd>` : '';
  return `<dl class="details">\n${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('\n')}${notes}\n</dl>`;
}

/** ` lang="…"`, with ` dir="rtl"` for a right-to-left language. */
function langAttribute(tag: string): string {
  return ` lang="${escapeHtml(tag)}"${textDirection(tag) === 'rtl' ? ' dir="rtl"' : ''}`;
}

/**
 * The table; a cell of the course's words has `lang` (the course's), or the language `otherOf` finds for its text. A
 * row whose first such cell is in another language has the rest in it too: what learners typed to a question or
 * reflection of the other version ("aprendizaje", their reflection's text) is in its language, not the course's.
 */
function renderTable(table: Table, lang: string, otherOf: (text: string) => string | undefined): string {
  if (table.rows.length === 0) return `<p class="empty">No ${escapeHtml(table.title.toLowerCase())} yet.</p>`;
  const head = table.columns.map((c) => `<th scope="col"${c.numeric ? ' class="num"' : ''}>${escapeHtml(c.header)}</th>`).join('');
  const first = table.columns.find((c) => c.content);
  const row = (r: unknown): string => {
    const rowOther = first ? otherOf(first.text(r)) : undefined;
    const cell = (c: Table['columns'][number], tag: string, attributes: string): string => {
      const text = c.text(r);
      const other = c.content ? otherOf(text) ?? rowOther : undefined;
      return `<${tag}${attributes}${c.content ? (other === undefined ? lang : langAttribute(other)) : ''}>${breakable(text)}</${tag}>`;
    };
    return `<tr>${table.columns.map((c, i) => (i === 0 ? cell(c, 'th', ' scope="row"') : cell(c, 'td', c.numeric ? ' class="num"' : ''))).join('')}</tr>`;
  };
  const body = table.rows.map(row).join('\n');
  return `<div class="scroll" role="region" aria-label="${escapeHtml(table.title)} table" tabindex="0"><table>\n<caption>${escapeHtml(table.title)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>`;
}

/**
 * Cell text, escaped, that may break after `/` and `|`: a learner key (`https://lms.district.org|s000001`)
 * or an activity IRI is one long word that set its column's width, cells break between words only.
 * A longer run with no such place (an e-mail address, a 160-character name) may break every LONG_RUN
 * characters too: cells keep words whole in print as well, and one such run pushed the learners table's
 * last columns off the sheet.
 */
function breakable(text: string): string {
  return text.split(/(?<=[/|])(?=[^/|])/).map((part) => part.split(/(\s+)/).map(chunked).join('')).join('<wbr>');
}

/** Characters (graphemes, never half of one) of a run with no place to break, before one is given it. */
const LONG_RUN = 20;

function chunked(run: string): string {
  if (run.length <= LONG_RUN) return escapeHtml(run);
  const graphemes = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(run)].map((g) => g.segment);
  const pieces: string[] = [];
  for (let i = 0; i < graphemes.length; i += LONG_RUN) pieces.push(escapeHtml(graphemes.slice(i, i + LONG_RUN).join('')));
  return pieces.join('<wbr>');
}

function figure(chart: BarChart, where = 'The table below gives the same numbers.'): string {
  return `<figure>\n${renderBarChart(chart)}\n<figcaption>${escapeHtml(chart.title)}. ${escapeHtml(where)}</figcaption>\n</figure>\n`;
}

function statusChart(views: ReportViews): string {
  // The summary's first row: everyone, or with a roster its learners alone, so the chart and that row agree.
  const [all] = views.summary;
  if (!all || all.enrolled === 0) return '';
  const counted = views.meta.roster ? views.learners.filter((l) => l.onRoster) : views.learners;
  // Each learner's one status (the Learners table's column), so the bars add up to everyone enrolled.
  const count = (status: string): number => counted.filter((l) => l.status === status).length;
  const bars = [
    ['Passed', count('passed'), 'passed'],
    ['Completed, no pass or fail', count('completed'), 'completed'],
    ['Failed', count('failed'), 'failed'],
    ['In progress', count('in-progress'), 'progress'],
    ['Not started', count('not-started'), 'none'],
  ] as const;
  return figure(
    {
      id: 'chart-status',
      title: views.meta.roster ? 'Learners on the roster by status' : 'Learners by status',
      description: bars.map(([label, n]) => `${label}: ${n} of ${all.enrolled}`).join('; '),
      max: all.enrolled,
      // Each share rounded as the tables round theirs (format-values.ts `percent`): made to add up to 100,
      // 4 passed of 9 read 45% here and 44% in the summary just below. Rounded, they may add up to 99 or 101.
      bars: bars.map(([label, n, kind]) => ({ label, segments: [{ value: n, kind }], note: `${n} (${percent(n, all.enrolled) || '0%'})` })),
      legend: [],
    },
    "Each learner's status is in the Learners table below. Percentages are rounded, so they may not add up to 100.",
  );
}

/**
 * Whether a chart's description may name its bars: only when every name is in the page's language. A `<desc>` is
 * plain text, read in the page's language: a Spanish course's names in it were read with an English voice, and no
 * markup there can say otherwise (WCAG 3.1.2). Then the description sums the bars up in the page's words, and the
 * table right after the chart gives each name, marked with its language.
 */
function namesReadAsPage(names: readonly string[], languageOf: (name: string) => string | undefined): boolean {
  return names.every((name) => languageOf(name) === undefined);
}

const counted = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** `3 to 40`, or `40` when all are the same. */
function range(values: readonly number[]): string {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? String(low) : `${low} to ${high}`;
}

function moduleChart(views: ReportViews, languageOf: (name: string) => string | undefined): string {
  if (!views.modules.length) return '';
  const max = Math.max(...views.modules.map((m) => m.started));
  return figure({
    id: 'chart-modules',
    title: 'Learners who started and completed each module',
    description: namesReadAsPage(views.modules.map((m) => m.name), languageOf)
      ? views.modules.map((m) => `${m.name}: ${m.completed} completed of ${m.started} started, ${m.stoppedHere} stopped here`).join('; ')
      : `${counted(views.modules.length, 'module')}, each completed by ${range(views.modules.map((m) => m.completed))} of the learners who started it; the table below names each`,
    max,
    bars: views.modules.map((m) => ({
      label: m.name,
      lang: languageOf(m.name),
      segments: [{ value: m.completed, kind: 'passed' }, { value: m.started - m.completed, kind: 'progress' }],
      note: `${m.completed} of ${m.started}`,
    })),
    legend: [{ kind: 'passed', text: 'completed' }, { kind: 'progress', text: 'started, not completed' }],
  });
}

function questionChart(views: ReportViews, languageOf: (name: string) => string | undefined): string {
  const judged = views.questions.filter((q) => q.judged > 0);
  if (!judged.length) return '';
  return figure({
    id: 'chart-questions',
    title: 'Share of answers that were correct, per question',
    description: namesReadAsPage(judged.map((q) => q.name), languageOf)
      ? judged.map((q) => `${q.name}: ${percent(q.correct, q.judged)} correct of ${q.judged} answers`).join('; ')
      : `${counted(judged.length, 'question')}, from ${range(judged.map((q) => Math.round((100 * q.correct) / q.judged)))}% of answers correct; the table below names each`,
    max: 100,
    bars: judged.map((q) => ({ label: q.name, lang: languageOf(q.name), segments: [{ value: (100 * q.correct) / q.judged, kind: 'passed' }], note: `${percent(q.correct, q.judged)} of ${q.judged}` })),
    legend: [],
  });
}
