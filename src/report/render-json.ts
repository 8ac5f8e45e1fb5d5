/**
 * `--format json`: one document with every view; per learner exactly the fields issue 11 point 4
 * names, dates as ISO 8601 UTC (the zone people's copies show them in is `timeZone`).
 */
import { isoDate } from './format-values.js';
import type { ReportViews } from './view-types.js';

export function renderJson(views: ReportViews): string {
  const m = views.meta;
  const document = {
    course: { iri: m.courseIri, name: m.courseName ?? null },
    generatedAt: isoDate(m.generatedAt),
    source: m.source,
    filters: { since: isoDate(m.since), until: isoDate(m.until), version: m.version ?? null, groupBy: m.groupBy ?? null },
    timeZone: m.timeZone ?? 'UTC',
    pseudonymized: m.pseudonymized,
    consistentThrough: m.consistentThrough ?? null,
    statements: m.counts,
    notes: m.notes ?? [],
    versions: Object.fromEntries(m.versions),
    summary: views.summary,
    learners: views.learners.map((l) => ({
      learner: l.learner,
      name: l.name ?? null,
      status: l.status,
      completed: l.completed,
      success: l.success,
      bestScaled: l.bestScaled,
      latestScaled: l.latestScaled,
      attempts: l.attempts,
      timeSeconds: l.timeSeconds,
      completedAt: isoDate(l.completedAt),
      lastActivity: isoDate(l.lastActivity),
    })),
    // What the roster says of each learner, with any roster (not only one with schools or roles): whether they are on
    // it, so a script counts the roster's learners as the summary's first row does. Beside `learners`, whose fields
    // stay the ones issue 11 point 4 names.
    roster: m.roster || views.learners.some((l) => l.school !== undefined || l.role !== undefined)
      ? views.learners.map((l) => ({ learner: l.learner, onRoster: l.onRoster, school: l.school ?? null, role: l.role ?? null }))
      : undefined,
    modules: views.modules,
    // Every field in every row, null when it has no value (a description of an answer off the question's
    // list, a question's module unknown): a script reading row["description"] met a missing key on some rows.
    questions: views.questions.map((q) => ({
      ...q,
      module: q.module ?? null,
      interactionType: q.interactionType ?? null,
      choices: q.choices.map((c) => ({ ...c, description: c.description ?? null })),
      responses: q.responses.map((r) => ({ ...r, correct: r.correct ?? null })),
    })),
    ...(views.reflections ? { reflections: views.reflections.map((r) => ({ ...r, name: r.name ?? null, time: isoDate(r.time) })) } : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
