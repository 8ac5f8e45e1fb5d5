/**
 * `--pseudonymize`: every learner id and name in the views becomes a stable hash, so a report can be
 * shared for analysis without naming anyone (FERPA, XAPI.md §4). Stable: the same learner gets the
 * same pseudonym in every run with the same salt. Without a secret salt, ids from a small known set
 * (student numbers) could be recovered by hashing every candidate; the CLI says so and takes a salt
 * from COURSEPACK_REPORT_SALT.
 */
import { createHmac } from 'node:crypto';
import { compareLearners } from './build-views.js';
import type { ReportViews } from './view-types.js';

export function pseudonym(learner: string, salt: string): string {
  return createHmac('sha256', salt).update(learner).digest('hex').slice(0, 16);
}

export function pseudonymizeViews(views: ReportViews, salt: string): ReportViews {
  const id = (learner: string): string => `pseudonym|${pseudonym(learner, salt)}`;
  const name = (learner: string): string => `Learner ${pseudonym(learner, salt).slice(0, 8)}`;
  return {
    ...views,
    meta: { ...views.meta, pseudonymized: true },
    // Re-sorted: the order by real name would itself tell who is who.
    learners: views.learners.map((l) => ({ ...l, learner: id(l.learner), name: name(l.learner) })).sort(compareLearners),
    reflections: views.reflections
      ?.map((r) => ({ ...r, learner: id(r.learner), name: name(r.learner) }))
      .sort((a, b) => (a.learner < b.learner ? -1 : a.learner > b.learner ? 1 : a.time - b.time)),
  };
}
