/**
 * Inline SVG bar charts for the HTML report: no script, no external file, so the report works
 * offline, by e-mail and printed. Each chart is an image with a title and a text description
 * (`role="img"`, `aria-labelledby`), and the HTML puts the same numbers in a table right after it
 * (WCAG 1.1.1: the table is the text alternative).
 */
import { textDirection } from '../shared/text-direction.js';
import { escapeHtml } from './escape-html.js';

export interface Bar {
  readonly label: string;
  /** The label's language (BCP 47) when it is the course's words in another language than the page's English. */
  readonly lang?: string | undefined;
  /** Segments drawn one after the other; values in the chart's unit. */
  readonly segments: ReadonlyArray<{ readonly value: number; readonly kind: string }>;
  /** What the bar says at its end, e.g. `12 of 40 (30%)`. */
  readonly note: string;
}

export interface BarChart {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly max: number;
  readonly bars: readonly Bar[];
  /** Segment kinds, in order, with their legend text. */
  readonly legend: ReadonlyArray<{ readonly kind: string; readonly text: string }>;
}

/** The chart's width in its own units; it scales down to the column (`max-width: 100%`). */
const WIDTH = 770;
const NOTE_WIDTH = 150;
const BAR_WIDTH = WIDTH - NOTE_WIDTH;
/** A label line above its bar, then the bar: a label beside its bar, right-aligned in a fixed column, ran off the
 * chart's left edge with WCAG 1.4.12's text spacing (the SVG clips it), and long ones were cut to one prefix. */
const LABEL_LINE = 16;
const BAR = 18;
const ROW = LABEL_LINE + BAR + 10;
/** Characters of a label at most (12 px text across the chart's width, with room for 1.4.12's spacing). */
const LABEL_CHARS = 90;

/**
 * A label cut to `max` characters, counted as a reader counts them (grapheme clusters: an emoji is one,
 * never cut in half into a broken character), with the middle left out: labels of one check often share
 * their beginning ("Which of these helps … (question 3)"), so the end that tells them apart stays.
 */
export function shortLabel(label: string, max = LABEL_CHARS): string {
  const graphemes = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(label)].map((g) => g.segment);
  if (graphemes.length <= max) return label;
  const head = Math.ceil((max - 1) * 0.6);
  const tail = max - 1 - head;
  return `${graphemes.slice(0, head).join('').trimEnd()}…${graphemes.slice(graphemes.length - tail).join('').trimStart()}`;
}

/**
 * ` lang="…"` for a label in the course's language (WCAG 3.1.2: a Spanish module's name is read with a Spanish
 * voice, in the chart as in its table). Right to left too where the language is: in the page's left-to-right an
 * Arabic name's closing full stop was drawn at its start. SVG has no `dir`; `direction` is its property, and with it
 * the text's start is its right edge, so it is anchored at its end to be drawn from x=0 rightwards, as the others.
 */
function labelLanguage(tag: string | undefined): string {
  if (tag === undefined) return '';
  return ` lang="${escapeHtml(tag)}"${textDirection(tag) === 'rtl' ? ' direction="rtl" text-anchor="end"' : ''}`;
}

/**
 * Bars per piece of a chart: each piece is an SVG of its own, stacked so that on screen they are one chart, and
 * printed a page breaks between two pieces, never through one. One SVG of 24 questions (1,062 px) was taller than a
 * landscape sheet: kept whole, it left the page under its heading empty, and was cut all the same, through a bar,
 * its label on one page and the bar on the next. Six rows (270 px at most) leave at most that blank before a break.
 */
const ROWS_PER_PIECE = 6;

export function renderBarChart(chart: BarChart): string {
  const legendHeight = chart.legend.length > 1 ? 24 : 0;
  const height = legendHeight + chart.bars.length * ROW + 6;
  const scale = chart.max > 0 ? BAR_WIDTH / chart.max : 0;
  const legend: string[] = [];
  chart.legend.forEach((l, i) => {
    if (chart.legend.length < 2) return;
    const x = i * 220;
    legend.push(`<rect x="${x}" y="4" width="12" height="12" class="seg-${escapeHtml(l.kind)}"/><text x="${x + 18}" y="15">${escapeHtml(l.text)}</text>`);
  });
  // Each row's marks, at their place in the whole chart: a piece shows its rows through its own viewBox.
  const rows = chart.bars.map((bar, i) => {
    const parts: string[] = [];
    const y = legendHeight + i * ROW + 4;
    parts.push(`<text x="0" y="${y + 12}"${labelLanguage(bar.lang)}>${escapeHtml(shortLabel(bar.label))}</text>`);
    const barY = y + LABEL_LINE;
    let at = 0;
    for (const s of bar.segments) {
      const w = Math.max(0, s.value * scale);
      if (w > 0) parts.push(`<rect x="${at.toFixed(1)}" y="${barY}" width="${w.toFixed(1)}" height="${BAR}" class="seg-${escapeHtml(s.kind)}"/>`);
      at += w;
    }
    parts.push(`<text x="${(at + 6).toFixed(1)}" y="${barY + 14}">${escapeHtml(bar.note)}</text>`);
    return parts;
  });
  const pieces: string[] = [];
  for (let first = 0; first === 0 || first < rows.length; first += ROWS_PER_PIECE) {
    const last = Math.min(first + ROWS_PER_PIECE, rows.length);
    const top = first === 0 ? 0 : legendHeight + first * ROW;
    const bottom = last === rows.length ? height : legendHeight + last * ROW;
    const box = `viewBox="0 ${top} ${WIDTH} ${bottom - top}" width="${WIDTH}" height="${bottom - top}" xmlns="http://www.w3.org/2000/svg"`;
    const marks = rows.slice(first, last).flat();
    pieces.push(
      first === 0
        ? [
            // Named by its title, described by its numbers (every bar's, the pieces after this one's too): labelled by
            // both, the numbers were read twice (name, then description).
            `<svg class="chart" role="img" aria-labelledby="${chart.id}-title" aria-describedby="${chart.id}-desc" ${box}>`,
            `<title id="${chart.id}-title">${escapeHtml(chart.title)}</title>`,
            `<desc id="${chart.id}-desc">${escapeHtml(chart.description)}</desc>`,
            ...legend,
            ...marks,
            '</svg>',
          ].join('\n')
        : // The rest of the one image the first piece names and describes.
          [`<svg class="chart" aria-hidden="true" ${box}>`, ...marks, '</svg>'].join('\n'),
    );
  }
  return pieces.join('\n');
}
