/**
 * The element ids a check or a reflection puts in the launch page, made from its author id: render-content.ts
 * writes them from here, and build-model.ts claims them from here, so the two cannot drift apart. The author
 * ids are unique, but the element ids made from them need not be: reflection `goals` has the note
 * `reflect-goals-note`, the box of reflection `goals-note`; check `check`'s first option is `check-a`, the form
 * of check `a`. The player finds boxes and forms by id (the first in the page wins), so the second reflection
 * was never kept and "Check answer" on the second check submitted the page itself, reloading the course.
 * Pure.
 */
import type { CheckModel, ReflectionModel } from './model-types.js';

const OPTION_LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** An option's letter (`a`, `b`, …), which names it in the course data and in its control's id. */
export function optionLetter(index: number): string {
  return OPTION_LETTERS[index] ?? String(index);
}

export const checkIds = {
  form: (id: string) => `check-${id}`,
  feedback: (id: string) => `feedback-${id}`,
  option: (id: string, index: number) => `${id}-${optionLetter(index)}`,
  typed: (id: string) => `${id}-typed`,
  typedLimit: (id: string) => `${id}-limit`,
} as const;

/**
 * The `name` of a check's answer controls (its radio buttons, which it groups, or its text box). A form's named
 * controls stand in for the form's own properties (HTML §4.10.3, [LegacyOverrideBuiltIns]): named with the bare
 * id, check `querySelector` made `form.querySelector` its first radio button, and the player stopped as it set
 * up the checks. With a `-` in it a name is no property a script reads (`form.answer-x` is no property at all).
 */
export function answerName(id: string): string {
  return `answer-${id}`;
}

export const reflectionIds = {
  box: (id: string) => `reflect-${id}`,
  prompt: (id: string) => `reflect-${id}-prompt`,
  note: (id: string) => `reflect-${id}-note`,
} as const;

/** One element id and what it is, in words for a message ("its option a"). */
export interface ElementId {
  readonly id: string;
  readonly part: string;
}

/**
 * Every element id of a check: its form, feedback and controls, and the `-mark` and `-note` the player adds
 * beside each control when it shows an answer's verdict (view-checks.ts markIdOf, noteIdOf).
 */
export function idsOfCheck(check: Pick<CheckModel, 'id' | 'type' | 'options'>): ElementId[] {
  const controls: ElementId[] = check.type === 'fill-in'
    ? [{ id: checkIds.typed(check.id), part: 'answer box' }]
    : check.options.map((_, i) => ({ id: checkIds.option(check.id, i), part: `option ${optionLetter(i)}` }));
  return [
    { id: checkIds.form(check.id), part: 'form' },
    { id: checkIds.feedback(check.id), part: 'feedback' },
    ...(check.type === 'fill-in' ? [{ id: checkIds.typedLimit(check.id), part: 'length hint' }] : []),
    ...controls.flatMap((c) => [c, { id: `${c.id}-mark`, part: `${c.part}'s mark` }, { id: `${c.id}-note`, part: `${c.part}'s note` }]),
  ];
}

export function idsOfReflection(reflection: Pick<ReflectionModel, 'id'>): ElementId[] {
  return [
    { id: reflectionIds.box(reflection.id), part: 'box' },
    { id: reflectionIds.prompt(reflection.id), part: 'prompt' },
    { id: reflectionIds.note(reflection.id), part: 'note' },
  ];
}
