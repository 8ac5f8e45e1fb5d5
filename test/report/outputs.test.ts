/**
 * Outputs: CSV for Excel and Google Sheets (BOM, RFC 4180, formula injection neutralised), the JSON
 * learner fields exactly, self-contained HTML with every value escaped, and a terminal table that
 * no escape sequence can reach through.
 */
import { describe, expect, it } from 'vitest';
import {
  buildViews,
  createAggregator,
  csvCell,
  encodeCsv,
  formatTerminal,
  parseCsv,
  parseRoster,
  pseudonymizeViews,
  readStatementText,
  renderHtml,
  renderJson,
  reportTables,
  type ReportViews,
} from '../../src/report/index.js';
import { formatCount } from '../../src/report/format-values.js';
import { shortLabel } from '../../src/report/render-charts.js';
import { ACTIVITY_TYPES } from '../../src/shared/xapi/vocabulary.js';
import { learnerColumns, RESPONSE_COLUMNS } from '../../src/report/report-tables.js';
import { COURSE, HOME, PAGE_A1, QUESTION_1, QUESTION_TYPED, score, statement } from './make-statements.js';

const XSS = '<img src=x onerror=alert(1)>';

function views(): ReportViews {
  const aggregator = createAggregator({ courseIri: COURSE });
  for (const s of [
    statement({ verb: 'initialized', who: 'ada', name: XSS, at: 0 }),
    statement({ verb: 'passed', who: 'ada', at: 5, result: score(0.85, { duration: 'PT5M' }) }),
    statement({ verb: 'completed', who: 'ada', at: 5, result: { completion: true } }),
    statement({ verb: 'initialized', who: '=HYPERLINK("http://evil.example","x")', name: '@SUM(A1:A9)', at: 1 }),
    statement({ verb: 'initialized', who: 'esc', name: 'Eve\u001b[2J\u001b]0;pwned\u0007', at: 2 }),
    statement({ verb: 'answered', who: 'ada', at: 3, object: QUESTION_1, parent: PAGE_A1, result: { response: 'a[,]c', success: true } }),
  ]) {
    aggregator.add(readStatementText(JSON.stringify(s)));
  }
  return buildViews(aggregator.result(), {
    meta: { source: 'LRS https://lrs.example.org/xAPI', generatedAt: Date.UTC(2026, 9, 1), since: undefined, until: undefined, version: undefined, groupBy: undefined, pseudonymized: false, consistentThrough: undefined },
  });
}

describe('CSV', () => {
  it.each([
    ['plain', 'Ada', 'Ada'],
    ['comma', 'Lovelace, Ada', '"Lovelace, Ada"'],
    ['quote', 'Ada "the first"', '"Ada ""the first"""'],
    ['newline', 'two\nlines', '"two\nlines"'],
    ['=formula', '=1+1', `"'=1+1"`],
    ['+formula', '+1', `"'+1"`],
    ['-formula', '-1+2', `"'-1+2"`],
    ['@formula', '@SUM(A1)', `"'@SUM(A1)"`],
    ['tab', '\t=1', `"'\t=1"`],
    ['carriage return', '\r=1', `"'\r=1"`],
    // Digits Excel would read as a number: kept as text (an id's leading zeros, a long id's last digits).
    ['id with leading zeros', '0099', '"=""0099"""'],
    ['id of 16 digits', '1234567890123456', '"=""1234567890123456"""'],
    ['short digits', '42', '42'],
    ['number', -0.5, '-0.5'],
    ['boolean', false, 'false'],
    ['null', null, ''],
  ] as const)('a %s cell', (_name, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('each view is a file with a BOM, CRLF rows, and reads back to the same cells', () => {
    const v = views();
    const tables = reportTables(v);
    expect(tables.map((t) => t.name)).toEqual(['summary', 'learners', 'modules', 'questions', 'responses']);
    const learners = tables.find((t) => t.name === 'learners');
    if (!learners) throw new Error('no learners table');
    const text = encodeCsv(learners);
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(text).toMatch(/\r\n$/);
    const rows = parseCsv(text);
    expect(rows[0]?.slice(0, 4)).toEqual(['learner', 'name', 'status', 'completed']);
    expect(rows.length).toBe(1 + v.learners.length);
    const evil = rows.find((r) => r[1]?.includes('SUM'));
    expect(evil?.[0]).toBe('https://lms.example.org|=HYPERLINK("http://evil.example","x")');
    expect(evil?.[1]).toBe("'@SUM(A1:A9)");
    expect(rows.find((r) => r[1] === XSS)?.slice(2, 4)).toEqual(['passed', 'true']);
  });
});

describe('JSON', () => {
  it('has exactly the learner fields of issue 11, dates in ISO 8601', () => {
    const doc = JSON.parse(renderJson(views())) as { learners: Array<Record<string, unknown>> };
    const ada = doc.learners.find((l) => l.name === XSS);
    expect(Object.keys(ada ?? {})).toEqual(['learner', 'name', 'status', 'completed', 'success', 'bestScaled', 'latestScaled', 'attempts', 'timeSeconds', 'completedAt', 'lastActivity']);
    expect(ada).toEqual({
      learner: 'https://lms.example.org|ada', name: XSS, status: 'passed', completed: true, success: true,
      bestScaled: 0.85, latestScaled: 0.85, attempts: 1, timeSeconds: 300,
      completedAt: '2026-09-01T08:05:00.000Z', lastActivity: '2026-09-01T08:05:00.000Z',
    });
  });

  it('gives every field of a question, a choice and a response, null where it has no value, never a missing key', () => {
    const base = views();
    const question = base.questions[0];
    if (!question) throw new Error('fixture');
    const sparse = { ...question, module: undefined, interactionType: undefined, choices: [{ id: 'zz', description: undefined, count: 1, correct: false }], responses: [{ response: 'x', count: 1 }] };
    const doc = JSON.parse(renderJson({ ...base, questions: [sparse] })) as { questions: Array<Record<string, any>> };
    const q = doc.questions[0] ?? {};
    expect(q.module).toBeNull();
    expect(q.interactionType).toBeNull();
    expect(q.choices[0]).toEqual({ id: 'zz', description: null, count: 1, correct: false });
    expect(q.responses[0]).toEqual({ response: 'x', count: 1, correct: null });
  });
});

describe('statement counts', () => {
  it.each([[0, '0'], [999, '999'], [1000, '1,000'], [79843, '79,843'], [100000, '100,000'], [1234567, '1,234,567']])('%i reads %s', (n, text) => {
    expect(formatCount(n)).toBe(text);
  });

  it('are grouped by thousands in the terminal and the HTML alike: 79843 counted of 80003 read was read digit by digit', () => {
    const base = views();
    const big = { ...base, meta: { ...base.meta, counts: { ...base.meta.counts, counted: 79843, read: 80003, duplicates: 1200 } } };
    const line = '79,843 counted of 80,003 read; left out: 1,200 duplicates';
    expect(formatTerminal(big)).toContain(`Statements: ${line}`);
    expect(renderHtml(big)).toContain(`<dt>Statements</dt><dd>${line}`);
  });
});

describe('HTML', () => {
  const html = renderHtml(views());

  it('escapes every value from statements', () => {
    expect(html).not.toContain(XSS);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // Any '<' left is the report's own markup: no tag from a statement, no event handler attribute.
    expect(html).not.toMatch(/<img|<script|<[^>]*\son\w+=/i);
  });

  it('is self-contained: no script, no external reference, a CSP that forbids them', () => {
    expect(html).not.toMatch(/<[^>]*\s(src|href|xlink:href)=/i);
    expect(html).not.toMatch(/url\(|@import/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
  });

  it('every chart is an image named by its title and described by its numbers (once each), followed by a table of them', () => {
    const charts = [...html.matchAll(/<svg class="chart" role="img" aria-labelledby="([^ "]+)" aria-describedby="([^ "]+)"/g)];
    expect(charts.length).toBeGreaterThanOrEqual(2);
    for (const [, title, desc] of charts) {
      expect(html).toContain(`<title id="${title}">`);
      expect(html).toContain(`<desc id="${desc}">`);
    }
    for (const figure of html.split('<figure>').slice(1)) expect(figure).toMatch(/<\/figure>\s*<div class="scroll"[^>]*><table>/);
  });
});

describe('chart labels and shares', () => {
  it('cuts a long label in its middle, on whole characters: labels that begin alike stay apart, an emoji stays whole', () => {
    const stem = 'Which of these helps a young inventor most when a prototype keeps failing in the same way';
    const labels = [1, 2, 3].map((n) => shortLabel(`${stem} (question ${n})`));
    expect(new Set(labels).size).toBe(3);
    for (const label of labels) expect([...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(label)].length).toBeLessThanOrEqual(90);
    const emoji = shortLabel(`Module 3: ${'growth '.repeat(6)}f🦄 ${'young inventors '.repeat(6)}`, 60);
    expect(emoji).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(shortLabel('Short label')).toBe('Short label');
  });

  it('the status chart says each share as the summary table rounds it (1 passed of 3 is 33% in both), and says they may not add up to 100', () => {
    const base = views();
    const html = renderHtml(base);
    const all = base.summary.find((s) => s.passed > 0);
    expect(all).toBeDefined();
    const passed = `${Math.round((100 * (all?.passed ?? 0)) / (all?.enrolled ?? 1))}%`;
    expect(html).toContain(`${all?.passed ?? 0} (${passed})`);
    expect(html).toContain('Percentages are rounded, so they may not add up to 100.');
  });

  it('marks the course\'s own words with its language, where it is not English (WCAG 3.1.2); the page\'s words stay English', () => {
    const base = views();
    const spanish = renderHtml({ ...base, meta: { ...base.meta, courseName: 'Mentoría', language: 'es' } });
    expect(spanish).toContain('<html lang="en">');
    expect(spanish).toContain('<h1>Completion report: <span lang="es">Mentoría</span></h1>');
    // The questions table: the question's name in Spanish, its numbers not.
    expect(spanish).toMatch(/<th scope="row" lang="es">[^<]*<\/th><td class="num">/);
    expect(spanish).not.toMatch(/class="num" lang=/);
    // Every column of the course's words: an answer choice's description and the last page's name too.
    expect(RESPONSE_COLUMNS.find((c) => c.header === 'description')?.content).toBe(true);
    expect(learnerColumns(base).find((c) => c.header === 'last page')?.content).toBe(true);
    const english = renderHtml({ ...base, meta: { ...base.meta, language: 'en-US' } });
    expect(english).not.toMatch(/<(td|th|span)[^>]* lang=/);
    // Right to left where the course is: an Arabic question's closing mark at its end, not at its start.
    const arabic = renderHtml({ ...base, meta: { ...base.meta, courseName: 'الإرشاد', language: 'ar' } });
    expect(arabic).toContain('<h1>Completion report: <span lang="ar" dir="rtl">الإرشاد</span></h1>');
    expect(arabic).toMatch(/<th scope="row" lang="ar" dir="rtl">[^<]*<\/th><td class="num">/);
    expect(spanish).not.toContain('dir=');
  });

  it('marks the course\'s words in a chart (its module and question labels) with its language, right to left where it is', () => {
    // Before: the tables' names said lang="es" and the same names as chart labels said nothing (the page's English),
    // and an Arabic label's closing full stop sat at its start.
    const base = views();
    const labels = (html: string): string[] => [...html.matchAll(/<text [^>]*>[^<]*<\/text>/g)].map((m) => m[0]);
    const question = (html: string): string | undefined => labels(html).find((t) => t.includes('Which help?'));
    const spanish = renderHtml({ ...base, meta: { ...base.meta, language: 'es' } });
    expect(question(spanish)).toMatch(/^<text x="0" y="\d+" lang="es">Which help\?<\/text>$/);
    // The page's words (a legend, a bar's numbers, the status chart's labels) stay the page's English.
    const pageWords = labels(spanish).filter((t) => /\d of \d|\d \(\d+%\)|>(Passed|Failed|In progress|Not started|completed)</.test(t));
    expect(pageWords.length).toBeGreaterThan(4);
    expect(pageWords.filter((t) => t.includes('lang='))).toEqual([]);
    const arabic = renderHtml({ ...base, meta: { ...base.meta, language: 'ar' } });
    // Right to left, anchored at its end: still drawn from x=0 rightwards, as the left-to-right labels are.
    expect(question(arabic)).toMatch(/^<text x="0" y="\d+" lang="ar" direction="rtl" text-anchor="end">Which help\?<\/text>$/);
    expect(labels(renderHtml({ ...base, meta: { ...base.meta, language: 'en-GB' } })).filter((t) => t.includes('lang='))).toEqual([]);
  });

  it('describes a chart by its bars\' names only where they are the page\'s English: a description is read in the page\'s language', () => {
    // Before: a Spanish course's question and module names were in each chart's <desc>, plain text that a screen
    // reader reads with the page's English voice (WCAG 3.1.2); the table after the chart names them, marked.
    const base = views();
    const descriptions = (html: string): string[] => [...html.matchAll(/<desc id="([^"]+)">([^<]*)<\/desc>/g)].map((m) => `${m[1]}: ${m[2]}`);
    const spanish = descriptions(renderHtml({ ...base, meta: { ...base.meta, language: 'es' } }));
    const questions = base.questions.filter((q) => q.judged > 0);
    expect(questions.length).toBeGreaterThan(0);
    for (const name of [...questions.map((q) => q.name), ...base.modules.map((m) => m.name)]) {
      expect(spanish.filter((d) => d.includes(name))).toEqual([]);
    }
    expect(spanish.find((d) => d.startsWith('chart-questions-desc'))).toMatch(/: \d+ questions?, from \d+(% to \d+)?% of answers correct; the table below names each$/);
    expect(spanish.find((d) => d.startsWith('chart-modules-desc'))).toMatch(/: \d+ modules?, each completed by \d+( to \d+)? of the learners who started it; the table below names each$/);
    // The page's own words (the status chart's) and an English course's names stay in the description.
    expect(spanish.find((d) => d.startsWith('chart-status-desc'))).toContain('Passed: ');
    const english = descriptions(renderHtml({ ...base, meta: { ...base.meta, language: 'en-US' } }));
    expect(english.find((d) => d.startsWith('chart-questions-desc'))).toContain(`${questions[0]?.name ?? '?'}: `);
  });

  it('marks a name in another language than the course\'s with that language: one course offered in English and Spanish', () => {
    // Both versions send statements about one course IRI (docs/authoring.md, "One course in two languages"); a
    // question of the Spanish version alone is named in Spanish, which was marked as the English course's words.
    const aggregator = createAggregator({ courseIri: COURSE });
    const spanish = statement({ verb: 'answered', who: 'ana', at: 3, object: QUESTION_TYPED, parent: PAGE_A1, result: { response: 'relación', success: true } });
    spanish['object'] = { objectType: 'Activity', id: QUESTION_TYPED, definition: {
      type: ACTIVITY_TYPES.interaction, name: { es: '¿Qué es la mentoría?' }, interactionType: 'fill-in', correctResponsesPattern: ['relación'] } };
    for (const s of [spanish, statement({ verb: 'answered', who: 'ada', at: 4, object: QUESTION_1, parent: PAGE_A1, result: { response: 'a[,]c', success: true } })]) {
      aggregator.add(readStatementText(JSON.stringify(s)));
    }
    const meta = { source: 'LRS', generatedAt: 0, since: undefined, until: undefined, version: undefined, groupBy: undefined, pseudonymized: false, consistentThrough: undefined };
    const english = renderHtml(buildViews(aggregator.result(), { meta: { ...meta, language: 'en-US' } }));
    expect(english).toContain('<th scope="row" lang="es">¿Qué es la mentoría?</th>');
    expect(english).toContain('<th scope="row">Which help?</th>');
    // The report of the Spanish version (its course.yaml): the English question is the one marked, its choices too.
    const inSpanish = renderHtml(buildViews(aggregator.result(), { meta: { ...meta, language: 'es-MX' } }));
    expect(inSpanish).toContain('<th scope="row" lang="es-MX">¿Qué es la mentoría?</th>');
    expect(inSpanish).toContain('<th scope="row" lang="en">Which help?</th>');
    expect(inSpanish).toMatch(/<td lang="en">Choice a<\/td>/);
    // The questions chart's labels as the table's names.
    expect(english).toMatch(/<text x="0" y="\d+" lang="es">¿Qué es la mentoría\?<\/text>/);
    expect(english).toMatch(/<text x="0" y="\d+">Which help\?<\/text>/);
    expect(inSpanish).toMatch(/<text x="0" y="\d+" lang="es-MX">¿Qué es la mentoría\?<\/text>/);
    expect(inSpanish).toMatch(/<text x="0" y="\d+" lang="en">Which help\?<\/text>/);
  });

  it('marks no name with a language map key that is not a language tag: en_US is read as en-US, english as no language', () => {
    // Another tool's statements (an LRS that does not check language maps stores them): lang="en_US" on English names
    // in an English report, which no screen reader picks a voice for (axe: valid-lang, WCAG 3.1.2).
    const aggregator = createAggregator({ courseIri: COURSE });
    const named = (who: string, iri: string, key: string, name: string): Record<string, unknown> => {
      const s = statement({ verb: 'answered', who, at: 3, object: iri, parent: PAGE_A1, result: { response: 'x', success: true } });
      s['object'] = { objectType: 'Activity', id: iri, definition: { type: ACTIVITY_TYPES.interaction, name: { [key]: name }, interactionType: 'fill-in', correctResponsesPattern: ['x'] } };
      return s;
    };
    for (const s of [named('ada', QUESTION_TYPED, 'en_US', 'What is mentoring for?'), named('ben', `${QUESTION_TYPED}-2`, 'english', 'Why mentor?'), named('cy', `${QUESTION_TYPED}-3`, 'es_MX', '¿Por qué?')]) {
      aggregator.add(readStatementText(JSON.stringify(s)));
    }
    const meta = { source: 'LRS', generatedAt: 0, since: undefined, until: undefined, version: undefined, groupBy: undefined, pseudonymized: false, consistentThrough: undefined };
    const english = renderHtml(buildViews(aggregator.result(), { meta: { ...meta, language: 'en' } }));
    expect(english).toContain('<th scope="row">What is mentoring for?</th>');
    expect(english).toContain('<th scope="row">Why mentor?</th>');
    expect(english).toContain('<th scope="row" lang="es-MX">¿Por qué?</th>');
    expect(english).not.toMatch(/lang="(en_US|english|es_MX)"/);
  });

  it('marks what learners typed to a question of the other language\'s version with that language, as its name', () => {
    // Before: the English report named the Spanish fill-in lang="es" and left "aprendizaje", typed to it, unmarked
    // (English, the page's language: read with an English voice, WCAG 3.1.2).
    const aggregator = createAggregator({ courseIri: COURSE });
    const spanish = statement({ verb: 'answered', who: 'ana', at: 3, object: QUESTION_TYPED, parent: PAGE_A1, result: { response: 'aprendizaje', success: false } });
    spanish['object'] = { objectType: 'Activity', id: QUESTION_TYPED, definition: {
      type: ACTIVITY_TYPES.interaction, name: { es: '¿Qué es la mentoría?' }, interactionType: 'fill-in', correctResponsesPattern: ['relación'] } };
    const typed = statement({ verb: 'answered', who: 'ada', at: 4, object: QUESTION_TYPED.replace('q-typed', 'q-typed-en'), parent: PAGE_A1, result: { response: 'learning', success: true } });
    typed['object'] = { objectType: 'Activity', id: QUESTION_TYPED.replace('q-typed', 'q-typed-en'), definition: {
      type: ACTIVITY_TYPES.interaction, name: { en: 'What is mentoring?' }, interactionType: 'fill-in', correctResponsesPattern: ['learning'] } };
    for (const s of [spanish, typed]) aggregator.add(readStatementText(JSON.stringify(s)));
    const meta = { source: 'LRS', generatedAt: 0, since: undefined, until: undefined, version: undefined, groupBy: undefined, pseudonymized: false, consistentThrough: undefined };
    const english = renderHtml(buildViews(aggregator.result(), { meta: { ...meta, language: 'en' } }));
    expect(english).toContain('<tr><th scope="row" lang="es">¿Qué es la mentoría?</th><td lang="es">aprendizaje</td>');
    expect(english).toContain('<tr><th scope="row">What is mentoring?</th><td>learning</td>');
    const inSpanish = renderHtml(buildViews(aggregator.result(), { meta: { ...meta, language: 'es' } }));
    expect(inSpanish).toContain('<tr><th scope="row" lang="es">¿Qué es la mentoría?</th><td lang="es">aprendizaje</td>');
    expect(inSpanish).toContain('<tr><th scope="row" lang="en">What is mentoring?</th><td lang="en">learning</td>');
  });

  it('says its time zone, and shows dates in it', () => {
    const base = views();
    const zoned = renderHtml({ ...base, meta: { ...base.meta, timeZone: 'America/Chicago', until: Date.UTC(2026, 11, 21, 6) - 1 } });
    expect(zoned).toContain('<dt>Time zone</dt><dd>America/Chicago</dd>');
    expect(zoned).toContain('<dt>Generated</dt><dd>2026-09-30 19:00 CDT</dd>');
    expect(zoned).toContain('until 2026-12-20 23:59 CST');
    expect(renderHtml(base)).toContain('<dt>Time zone</dt><dd>UTC</dd>');
  });

  it('lets a long learner key break after / and | in its cell', () => {
    const html = renderHtml(views());
    expect(html).toMatch(/<th scope="row">https:\/\/<wbr>[^<]*\|<wbr>/);
  });
});

describe('terminal', () => {
  it('shows the tables and strips control characters', () => {
    const text = formatTerminal(views());
    expect(text).toMatch(/^Summary$/m);
    expect(text).toMatch(/^Learners$/m);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(text).toContain('Eve\ufffd[2J');
  });
});

describe('with a roster', () => {
  // One teacher on the roster completed, the other did not start; a stranger not on it completed.
  const rostered = (): ReportViews => {
    const aggregator = createAggregator({ courseIri: COURSE });
    aggregator.add(readStatementText(JSON.stringify(statement({ verb: 'completed', who: '1001', at: 1, result: { completion: true } }))));
    aggregator.add(readStatementText(JSON.stringify(statement({ verb: 'completed', who: 'stranger', name: 'Sam Stranger', at: 2, result: { completion: true } }))));
    return buildViews(aggregator.result(), {
      meta: { source: 'test', generatedAt: 0, since: undefined, until: undefined, version: undefined, groupBy: undefined, pseudonymized: false, consistentThrough: undefined },
      roster: parseRoster('id,name\n1001,Ada\n1002,Ben\n', 'roster.csv'),
    });
  };

  it('every output shows the roster\'s own figures and those not on it in a row apart, and marks each learner', () => {
    const v = rostered();
    const text = formatTerminal(v);
    expect(text).toMatch(/^On the roster\s+2\s+1\s+50%\s+1\s+50%/m);
    expect(text).toMatch(/^\(not on the roster\)\s+1\s+1\s+100%\s+1\s+100%/m);
    expect(text).not.toMatch(/All learners/);
    expect(text).toMatch(/^learner\s+name\s+status\s.*\slast page\s+on roster$/m);
    expect(text).toMatch(/\|stranger\s+Sam Stranger\s+completed\s.*\sno$/m);
    const tables = new Map(reportTables(v).map((t) => [t.name, t]));
    const csv = (name: string) => {
      const table = tables.get(name);
      if (!table) throw new Error(`no ${name} table`);
      return parseCsv(encodeCsv(table));
    };
    expect(csv('summary').map((r) => r.slice(0, 5))).toEqual([['group', 'enrolled', 'started', 'started %', 'completed'], ['On the roster', '2', '1', '50', '1'], ['(not on the roster)', '1', '1', '100', '1']]);
    expect(csv('learners').map((r) => [...r.slice(0, 2), r.at(-1)])).toEqual([['learner', 'name', 'on roster'], [`${HOME}|1001`, 'Ada', 'true'], [`${HOME}|1002`, 'Ben', 'true'], [`${HOME}|stranger`, 'Sam Stranger', 'false']]);
    const doc = JSON.parse(renderJson(v)) as { summary: Array<{ group: string; enrolled: number; completed: number }>; roster: Array<Record<string, unknown>>; learners: Array<Record<string, unknown>> };
    expect(doc.summary.map((s) => [s.group, s.enrolled, s.completed])).toEqual([['On the roster', 2, 1], ['(not on the roster)', 1, 1]]);
    expect(doc.roster).toEqual([
      { learner: `${HOME}|1001`, onRoster: true, school: null, role: null },
      { learner: `${HOME}|1002`, onRoster: true, school: null, role: null },
      { learner: `${HOME}|stranger`, onRoster: false, school: null, role: null },
    ]);
    const html = renderHtml(v);
    expect(html).toContain('<th scope="row">On the roster</th>');
    expect(html).toContain('<th scope="row">(not on the roster)</th>');
    expect(html).toContain('<th scope="col">on roster</th>');
    // The chart counts the roster's learners, as the summary's first row does.
    expect(html).toContain('Learners on the roster by status');
    expect(html).toContain('Completed, no pass or fail: 1 of 2; Failed: 0 of 2; In progress: 0 of 2; Not started: 1 of 2');
  });

  it('the learners\' CSV keeps every column where it was before the roster column came, which is last', () => {
    // Admins' spreadsheets read the CSV's columns by letter. Before: "on roster" third, school D, role E, status F.
    const aggregator = createAggregator({ courseIri: COURSE });
    aggregator.add(readStatementText(JSON.stringify(statement({ verb: 'completed', who: '1001', at: 1, result: { completion: true } }))));
    const v = buildViews(aggregator.result(), {
      meta: { source: 'test', generatedAt: 0, since: undefined, until: undefined, version: undefined, groupBy: undefined, pseudonymized: false, consistentThrough: undefined },
      roster: parseRoster('id,name,school,role\n1001,Ada,North,Teacher\n', 'roster.csv'),
    });
    const headers = learnerColumns(v).map((c) => c.header);
    expect(headers.slice(0, 5)).toEqual(['learner', 'name', 'school', 'role', 'status']);
    expect(headers.at(-1)).toBe('on roster');
    expect(headers.slice(0, -1)).toEqual(learnerColumns({ ...v, meta: { ...v.meta, roster: false } }).map((c) => c.header));
  });

  it('pseudonymized, says who is on the roster without a name or an id', () => {
    const p = pseudonymizeViews(rostered(), 'salt');
    for (const out of [formatTerminal(p), renderJson(p), renderHtml(p), ...reportTables(p).map(encodeCsv)]) {
      expect(out).not.toMatch(/1001|1002|stranger|\bBen\b|\bSam\b/i);
    }
    expect(p.summary.map((s) => s.group)).toEqual(['On the roster', '(not on the roster)']);
    expect(p.learners.map((l) => l.onRoster).sort()).toEqual([false, true, true]);
  });

  it('without a roster, the outputs are as they were: "All learners", no roster column or section', () => {
    const v = views();
    expect(v.summary.map((s) => s.group)).toEqual(['All learners']);
    expect(learnerColumns(v).map((c) => c.header)).not.toContain('on roster');
    expect((JSON.parse(renderJson(v)) as Record<string, unknown>).roster).toBeUndefined();
    expect(renderHtml(v)).toContain('Learners by status');
  });
});
