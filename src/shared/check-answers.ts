/**
 * What a learner's answer to a knowledge check is, shared by the player, the LMS and LRS trackers and the
 * saved state, so all of them read an answer the same way.
 *
 * An answer is a list of strings: for a choice check (single, multiple, true/false) the letters of the
 * options chosen; for a matching check one `item.answer` pair a matched item (`a.c`: item a matched to
 * answer c), in item order, which is SCORM 1.2's `matching` response with its commas taken out (RTE
 * 3.4.2.4.3) and xAPI's with `[.]` and `[,]` (Data §2.4.4.1); for a fill-in check one string, the words the
 * learner typed (cleaned: typed-answer.ts), which is what SCORM's and xAPI's `fill-in` responses hold.
 */
import type { CheckData, OptionData } from './course-data.js';
import { cleanTyped, typedKey } from './typed-answer.js';

/** The answer with everything the check does not know left out (an option, item or answer it lacks, a second match of one item). */
export function knownAnswer(check: CheckData, chosen: readonly string[]): string[] {
  if (check.type === 'fill-in') {
    const typed = cleanTyped(chosen[0] ?? '');
    return typed === '' ? [] : [typed];
  }
  if (check.type !== 'matching') return check.options.filter((o) => chosen.includes(o.id)).map((o) => o.id);
  const matches = matchesOf(check, chosen);
  return check.options.flatMap((o) => {
    const target = matches.get(o.id);
    return target === undefined ? [] : [`${o.id}.${target}`];
  });
}

/** A matching answer as item id → answer id, for the items and answers the check has (the first match of an item counts). */
export function matchesOf(check: CheckData, chosen: readonly string[]): Map<string, string> {
  const matches = new Map<string, string>();
  for (const pair of chosen) {
    const dot = pair.indexOf('.');
    const item = pair.slice(0, dot);
    const target = pair.slice(dot + 1);
    if (dot < 0 || matches.has(item) || !check.options.some((o) => o.id === item) || !check.targets?.some((t) => t.id === target)) continue;
    matches.set(item, target);
  }
  return matches;
}

/**
 * The entry of a fill-in check a typed answer is: the foreseen answer it reads as (typed-answer.ts), else the
 * `- [ ] *` entry for any other answer, else none.
 */
export function typedOption(check: CheckData, typed: string): OptionData | undefined {
  const key = typedKey(typed);
  return check.options.find((o) => !o.other && typedKey(o.text) === key) ?? check.options.find((o) => o.other);
}

/**
 * A fill-in check's accepted answers that the player judges right when typed: an `[x]` answer read as a `[ ]` one
 * listed before it (`- [ ] 12`, then `- [x] ١٢`: check-fill-in-folded) is judged wrong, so it is no correct response
 * for the LMS or the LRS, nor the right answer to show. One read as an earlier `[x]` one stays, as written.
 */
export function acceptedAnswers(check: CheckData): OptionData[] {
  return check.options.filter((o) => o.correct && !o.other && typedOption(check, o.text)?.correct === true);
}

/** The right answer, in the same form (a fill-in check: its first accepted answer). */
export function correctAnswer(check: CheckData): string[] {
  if (check.type === 'fill-in') return acceptedAnswers(check).slice(0, 1).map((o) => o.text);
  if (check.type === 'matching') return check.options.map((o) => `${o.id}.${o.match ?? ''}`);
  return check.options.filter((o) => o.correct).map((o) => o.id);
}

/** Every option the right one has and no other; every item matched to its answer. */
export function isAnswerCorrect(check: CheckData, chosen: readonly string[]): boolean {
  if (check.type === 'fill-in') {
    const typed = knownAnswer(check, chosen)[0];
    return typed !== undefined && (typedOption(check, typed)?.correct ?? false);
  }
  if (check.type === 'matching') {
    const matches = matchesOf(check, chosen);
    return check.options.every((o) => o.match !== undefined && matches.get(o.id) === o.match);
  }
  const correct = correctAnswer(check);
  return correct.length === chosen.length && correct.every((id) => chosen.includes(id));
}

/** An answer the learner can submit: a choice made, every item of a matching check matched, words typed. */
export function isWholeAnswer(check: CheckData, chosen: readonly string[]): boolean {
  if (check.type === 'matching') return matchesOf(check, chosen).size === check.options.length;
  return knownAnswer(check, chosen).length > 0;
}
