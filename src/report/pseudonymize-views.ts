/**
 * `--pseudonymize`: every learner id and name in the views becomes a stable hash, so a report can be
 * shared for analysis without naming anyone (FERPA, XAPI.md §4). Stable: the same learner gets the
 * same pseudonym in every run with the same salt. Without a secret salt, ids from a small known set
 * (student numbers) could be recovered by hashing every candidate; the CLI says so and takes a salt
 * from COURSEPACK_REPORT_SALT.
 *
 * Free-text answers (the whole responses of questions that are not choices, and responses to choice
 * questions that are none of their choices) are the learners' own words, which may name them or others:
 * they are withheld, their count kept under one row that says so.
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
    questions: views.questions.map((q) => withholdUnknownChoices(withholdFreeText(q))),
    reflections: undefined,
  };
}

/** The one choice row that stands for responses to a choice question that are not its choices. */
export const WITHHELD_CHOICES = '(other answers withheld: --pseudonymize)';

/**
 * A choice response that is none of the question's choices (`a[,]other: ask Zelda`, a true-false answered
 * `maybe, says zed4711`) is free text too. Without any defined choice, only what looks like a choice's id stays
 * (`a`, `12`, `true`, a matching pair `a.b`): `Zelda_Whitfield` looked like an id, and stayed.
 */
const CHOICE_ID = /^(?:true|false|[a-z0-9]{1,3}(?:\.[a-z0-9]{1,3})?)$/i;

function withholdUnknownChoices(question: QuestionRow): QuestionRow {
  const defined = question.choices.some((c) => c.description !== undefined);
  const hidden = question.choices.filter((c) => c.description === undefined && (defined || !CHOICE_ID.test(c.id)));
  if (hidden.length === 0) return question;
  const count = hidden.reduce((sum, c) => sum + c.count, 0);
  return { ...question, choices: [...question.choices.filter((c) => !hidden.includes(c)), { id: WITHHELD_CHOICES, description: undefined, count, correct: false }] };
}

function withholdFreeText(question: QuestionRow): QuestionRow {
  if (question.responses.length === 0) return question;
  // A fill-in answer the question accepts is named by the author's words (build-views.ts typedRows), not the
  // learner's: it stays, so the right and wrong counts do.
  const kept = question.interactionType === 'fill-in' ? question.responses.filter((r) => r.correct === true) : [];
  const count = question.responses.filter((r) => !kept.includes(r)).reduce((sum, r) => sum + r.count, 0);
  return { ...question, responses: [...kept, ...(count > 0 ? [{ response: WITHHELD_RESPONSES, count }] : [])] };
}
