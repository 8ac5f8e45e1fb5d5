/**
 * The HTML report's style, inline so the file stands alone. Colours pass WCAG AA contrast on white
 * (text 4.5:1, bars 3:1, with a white line between a bar's segments); chart text takes the text colour,
 * so forced colours (Windows contrast themes, which leave SVG fills alone) recolour it with the page.
 * Table cells break between words only (anywhere, the columns shrank to one letter: "stud ent"); long
 * learner keys break after `/` and `|`, and a longer run every 20 characters (render-html.ts). The print style
 * drops scroll boxes, keeps table rows whole and prints across the page's width: the learners table is wide. It
 * keeps words whole too, in cells a little tighter, so the 15 columns of a roster's learners table fit a landscape
 * Letter sheet within Chrome's default margins (923 px of 980): breaking anywhere let the layout squeeze columns
 * mid-word ("complet ed", "Lovelac e"). The amber bars are hollow, outlined in their colour: filled, they were the
 * grey of the green ones beside them (luminance 1.09:1), so printed in black and white, and on screen to an admin
 * who does not tell red from green (deuteranopia, about 1 man in 12), a module's "completed" and "started, not
 * completed" were one bar (WCAG 1.4.1; the table after the chart holds the numbers). Text sizes are in rem, so the
 * browser's font size setting enlarges them (WCAG 1.4.4; the body in px stayed 15 px while the tables grew);
 * the charts' 12 px is in their own units and scales with the chart. On a narrow screen (in em, so larger text
 * counts) each detail's value goes under its name: beside a name as wide as "Versions seen" it had no room.
 * A chart is printed in pieces of a few bars (render-charts.ts), each kept whole, its caption with its last: a figure
 * kept whole that was taller than a sheet left the page under its heading blank and was cut through a bar all the same.
 * The pieces are blocks, so on screen they join with no gap.
 */
export const REPORT_CSS = `
body{font:.9375rem/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff;margin:0 auto;max-width:1100px;padding:1rem 1.5rem}
h1{font-size:1.5rem;margin:.5rem 0;overflow-wrap:anywhere}
h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:2px solid #1f5f8b;padding-bottom:.2rem;overflow-wrap:anywhere}
.details{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}
.details dt{font-weight:600}
.details dd{margin:0;overflow-wrap:anywhere}
@media (max-width:30em){.details{display:block}.details dd{margin-bottom:.3rem}}
.scroll{overflow-x:auto;max-width:100%}
.scroll:focus{outline:2px solid #1f5f8b}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border:1px solid #c8c8c8;padding:.25rem .5rem;text-align:left;vertical-align:top;overflow-wrap:break-word}
thead th{background:#eef3f7;overflow-wrap:normal;hyphens:none}
tbody th{font-weight:normal}
.num{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:.5rem 0}
figcaption{font-size:.85rem;color:#444}
.chart{display:block;max-width:100%;height:auto;font-size:12px}
.chart text{fill:currentColor}
.chart rect{stroke:#fff;stroke-width:1}
.seg-passed{fill:#1b7a3e}
.seg-completed{fill:#1f5f8b}
.seg-failed{fill:#b3261e}
.chart .seg-progress{fill:#fff;stroke:#8a6d00;stroke-width:2}
.seg-none{fill:#8a8a8a}
.empty{color:#444}
@page{size:landscape}
@media print{
body{max-width:none;padding:0;font-size:10pt}
table{font-size:8.5pt}
th,td{padding:.15rem .25rem}
.scroll{overflow:visible}
tr,.chart{break-inside:avoid}
figcaption{break-before:avoid}
h2{break-after:avoid}
thead{display:table-header-group}
}
`;
