/**
 * `--pseudonymize`: every learner id and name in the views becomes a stable hash, so a report can be
 * shared for analysis without naming anyone (FERPA, XAPI.md §4). Stable: the same learner gets the
 * same pseudonym in every run with the same salt. Without a secret salt, ids from a small known set
 * (student numbers) could be recovered by hashing every candidate; the CLI says so and takes a salt
 * from COURSEPACK_REPORT_SALT.
 *
 * Free-text answers (the whole responses of questions that are not choices) are the learners' own words,
 * which may name them or others: they are withheld, their count kept under one row that says so.
 * Reflections, the same, cannot be shown pseudonymized at all (the CLI refuses `--reflections` with it).
 */
import { createHmac } from 'node:crypto';
import { compareLearners } from './build-views.js';
import type { QuestionRow, ReportViews } from './view-types.js';

/** The one response row that stands for a question's free-text answers in a pseudonymized report. */
export const WITHHELD_RESPONSES = '(free-text answers withheld: --pseudonymize)';

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
    questions: views.questions.map(withholdFreeText),
    reflections: undefined,
  };
}

function withholdFreeText(question: QuestionRow): QuestionRow {
  if (question.responses.length === 0) return question;
  const count = question.responses.reduce((sum, r) => sum + r.count, 0);
  return { ...question, responses: [{ response: WITHHELD_RESPONSES, count }] };
}
