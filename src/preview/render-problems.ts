/**
 * The page the preview shows instead of the course while the course has errors: every problem, as the
 * terminal shows it (`file:line:col`, the rule and the hint), so an author sees at once why the page did
 * not change. It reloads with the course (serve-preview.ts), so fixing the file brings the course back.
 * Every value from the course is escaped.
 */
import { formatMessage, severityOf, summarize, type CoursepackMessage, type ShowPath } from '../messages/index.js';

export function renderProblems(messages: readonly CoursepackMessage[], show: ShowPath): string {
  const items = messages.map((m) => `<li class="${severityOf(m)}"><pre>${escapeHtml(formatMessage(m, show))}</pre></li>`);
  return page(summarize(messages), items);
}

/** The page for a build that stopped before it could say what is wrong in the course (a folder it cannot read, say). */
export function renderFailure(reason: string): string {
  return page('the build stopped', [`<li class="error"><pre>${escapeHtml(reason)}</pre></li>`]);
}

function page(summary: string, items: readonly string[]): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Problems (${escapeHtml(summary)}) - coursepack preview</title>
<style>
body { margin: 0 auto; max-width: 60rem; padding: 1rem; font: 1rem/1.5 system-ui, sans-serif; color: #1a1a1a; background: #fff; }
ul { list-style: none; padding: 0; }
li { margin: 0.75rem 0; padding: 0.5rem 0.75rem; border-inline-start: 0.375rem solid #b3261e; background: #fdf3f3; }
li.warning { border-inline-start-color: #8a5a00; background: #fff4ce; }
pre { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; font: 0.9375rem/1.5 ui-monospace, monospace; }
@media (prefers-color-scheme: dark) {
  body { color: #e8e8e8; background: #121212; }
  li { background: #2a1614; border-inline-start-color: #f2b8b5; }
  li.warning { background: #2b2410; border-inline-start-color: #f5d58a; }
}
</style>
</head>
<body>
<main>
<h1>The course has problems</h1>
<p>The preview shows the course again as soon as they are fixed: save the file and this page reloads. The same list is in the terminal.</p>
<ul>
${items.join('\n')}
</ul>
</main>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
