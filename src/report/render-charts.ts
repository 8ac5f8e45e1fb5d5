/**
 * Inline SVG bar charts for the HTML report: no script, no external file, so the report works
 * offline, by e-mail and printed. Each chart is an image with a title and a text description
 * (`role="img"`, `aria-labelledby`), and the HTML puts the same numbers in a table right after it
 * (WCAG 1.1.1: the table is the text alternative).
 */
import { escapeHtml } from './escape-html.js';

export interface Bar {
  readonly label: string;
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

const LABEL_WIDTH = 260;
const BAR_WIDTH = 360;
const NOTE_WIDTH = 150;
const ROW = 26;
const LABEL_CHARS = 38;

export function renderBarChart(chart: BarChart): string {
  const legendHeight = chart.legend.length > 1 ? 24 : 0;
  const height = legendHeight + chart.bars.length * ROW + 6;
  const width = LABEL_WIDTH + BAR_WIDTH + NOTE_WIDTH;
  const scale = chart.max > 0 ? BAR_WIDTH / chart.max : 0;
  const parts: string[] = [];
  let x = LABEL_WIDTH;
  chart.legend.forEach((l, i) => {
    if (chart.legend.length < 2) return;
    x = LABEL_WIDTH + i * 150;
    parts.push(`<rect x="${x}" y="4" width="12" height="12" class="seg-${escapeHtml(l.kind)}"/><text x="${x + 18}" y="15">${escapeHtml(l.text)}</text>`);
  });
  chart.bars.forEach((bar, i) => {
    const y = legendHeight + i * ROW + 4;
    const label = bar.label.length > LABEL_CHARS ? `${bar.label.slice(0, LABEL_CHARS - 1)}…` : bar.label;
    parts.push(`<text x="${LABEL_WIDTH - 8}" y="${y + 14}" text-anchor="end">${escapeHtml(label)}</text>`);
    let at = LABEL_WIDTH;
    for (const s of bar.segments) {
      const w = Math.max(0, s.value * scale);
      if (w > 0) parts.push(`<rect x="${at.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="18" class="seg-${escapeHtml(s.kind)}"/>`);
      at += w;
    }
    parts.push(`<text x="${(at + 6).toFixed(1)}" y="${y + 14}">${escapeHtml(bar.note)}</text>`);
  });
  return [
    `<svg class="chart" role="img" aria-labelledby="${chart.id}-title ${chart.id}-desc" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${chart.id}-title">${escapeHtml(chart.title)}</title>`,
    `<desc id="${chart.id}-desc">${escapeHtml(chart.description)}</desc>`,
    ...parts,
    '</svg>',
  ].join('\n');
}
