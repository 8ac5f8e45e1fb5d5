/**
 * The knowledge checks view: each `form.cp-check` (docs/architecture.md, launch page contract)
 * becomes an `answer` action on submit, and renders from the state:
 *
 * - practice checks: "Check answer" shows right or wrong at once, as often as the learner likes;
 * - scored checks (`completion.revealAnswers`): with `after-submit` (default) and `never`, "Save
 *   answer" keeps a draft the learner may change until the whole scored check is submitted on the
 *   results screen, so a retry cannot be passed by elimination; right or wrong (and, with
 *   `after-submit`, the correct answers) show only then. With `immediately`, each scored answer is
 *   checked and locked as it is given.
 *
 * Feedback is never colour alone: each chosen option is marked right or wrong with an icon and
 * words, correct options are shown where the course allows it, a partly right multiple-answer
 * response says so ("2 of 3 right: you missed one"), and the generated verdict is left out where the
 * author's feedback already starts with one ("Correct. Correct." never happens). Per-option
 * feedback comes from the course data, not the page, so no answer is in the page before it is checked.
 */
import type { CheckData, CourseData } from '../shared/course-data.js';
import { correctAnswer, isAnswerCorrect, isWholeAnswer, knownAnswer, matchesOf, typedOption } from '../shared/check-answers.js';
import { authorVerdictPattern } from '../shared/player-words.js';
import type { PlayerState } from './player-state.js';
import { putSaid, replaceContent, saidNodes } from './dom-helpers.js';
import { joinSaid, sayIn, type Said } from './say-in.js';
import type { PlayerStore } from './player-store.js';

export function mountChecks(doc: Document, course: CourseData, store: PlayerStore, now: () => number): void {
  const authorVerdict = authorVerdictPattern(course.words);
  const scored = course.checks.filter((c) => c.scored);
  const mode = course.completion.revealAnswers;
  const formOf = (check: CheckData) => doc.getElementById(`check-${check.id}`) as HTMLFormElement | null;
  const forms = course.checks.map((check) => ({ check, form: formOf(check) }))
    .filter((f): f is { check: CheckData; form: HTMLFormElement } => f.form !== null);

  // Without a pass mark (none in course.yaml, none from the LMS) nothing is scored: all checks are practice.
  const assessed = store.state.passMark !== null;
  for (const { check, form } of forms) {
    const submit = form.querySelector<HTMLButtonElement>('.cp-check-submit');
    const index = assessed ? scored.indexOf(check) : -1;
    if (index >= 0) {
      // "Question 3 of 10": the scored check reads as one test (issue 12 point 7).
      // Said in the legend, with the question it numbers (a screen reader names the group of answers by it), and
      // shown at the top of the box: most scored questions open with a scene, and in the legend's place the number
      // stood in the middle of the box, under it.
      const said = sayIn(course, 'questionNumber', { n: index + 1, total: scored.length });
      const number = doc.createElement('span');
      number.className = 'cp-question-number cp-sr';
      putSaid(number, said);
      form.querySelector('legend')?.prepend(number, ' ');
      const shown = doc.createElement('p');
      shown.className = 'cp-question-count';
      shown.setAttribute('aria-hidden', 'true');
      form.prepend(putSaid(shown, said));
      if (submit && mode !== 'immediately') putSaid(submit, sayIn(course, 'saveAnswer'));
    }
    // The submit button's words, which the errors and "not saved yet" name.
    const action = sayIn(course, index >= 0 && mode !== 'immediately' ? 'saveAnswer' : 'checkAnswer');
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (store.state.ended || isLocked(check, store.state)) return;
      const picked = pickedIn(form, check);
      if (!isWholeAnswer(check, picked)) {
        showMissingAnswer(doc, form, check, action, course);
        return;
      }
      store.dispatch({ type: 'answer', check: check.id, chosen: picked, at: now() });
    });
    // Enter that ends an IME composition (Japanese, Chinese, Korean input) chooses the characters; it must
    // not also submit half-written words. Chromium does not submit then, older engines and some IMEs do.
    if (check.type === 'fill-in') {
      form.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && (event.isComposing || event.keyCode === 229)) event.preventDefault();
      });
    }
    // Choosing an option answers the "choose an answer" error: it goes, with the options' invalid state.
    // A text box says it as the learner types (its change event comes only when focus leaves it).
    form.addEventListener(check.type === 'fill-in' ? 'input' : 'change', (event) => {
      if (check.type === 'fill-in') {
        // Spaces alone are still no answer: the error stays until words are typed (WCAG 3.3.1).
        if (knownAnswer(check, pickedIn(form, check)).length > 0) clearMissingAnswer(form);
        // The box's mark said right or wrong of the words it held: they are gone.
        if (!isLocked(check, store.state)) forgetVerdict(form, [event.target as Control]);
      } else if (check.type === 'matching') {
        const list = event.target as Control;
        if (isList(list)) showChosen(list);
        // Only the list chosen in is answered: the error stays on the others still empty (WCAG 3.3.1), and
        // the list's old mark goes, which said right or wrong of another answer (a screen reader read
        // "Circle, Red, Your answer: right"), with the verdict, which is no longer about this answer.
        markEmptyLists(form);
        if (!isLocked(check, store.state)) forgetVerdict(form, [list]);
      } else {
        clearMissingAnswer(form);
        // The marks said right or wrong of the answer checked, on its options: with another chosen, an option no
        // longer chosen read "Your answer: wrong" and the one chosen had none (a radio's change comes on the new
        // one only, so every option's mark goes), with the verdict, no longer about this answer.
        if (!isLocked(check, store.state)) forgetVerdict(form, inputsOf(form));
      }
      // A scored choice counts once saved: one chosen and not saved looked answered, and the results then
      // said "not answered". The feedback region says which it is as the choice changes.
      if (index < 0 || mode === 'immediately' || store.state.ended || isLocked(check, store.state)) return;
      const feedback = form.querySelector<HTMLElement>('.cp-feedback');
      // While "Type an answer" or "Choose an answer for every item" still applies, it stays: its controls are
      // marked invalid and described by it (cleared above once it no longer applies).
      if (!feedback || feedback.querySelector('.cp-error')) return;
      const picked = knownAnswer(check, pickedIn(form, check)).sort().join(' ');
      const saved = [...(store.state.answers.get(check.id) ?? [])].sort().join(' ');
      const status = picked !== saved ? 'cp-unsaved' : saved ? 'cp-saved' : null;
      // Said once as it changes: a text box fires this at every key, and a status region rewritten with the
      // same sentence is read again each time, over the learner's typing (WCAG 4.1.3).
      const shown = feedback.firstElementChild;
      if (status !== null && feedback.childElementCount === 1 && shown?.classList.contains(status)) return;
      if (status === 'cp-unsaved') replaceContent(feedback, paragraph(doc, 'cp-unsaved', sayIn(course, 'notSavedYet', { action })));
      else if (status === 'cp-saved') replaceContent(feedback, paragraph(doc, 'cp-saved', sayIn(course, 'answerSaved')));
      else replaceContent(feedback);
    });
    render(check, form, store.state, false);
  }

  // A narrower window (a phone turned upright) can cut an answer a wider one showed whole. And a list on a page not
  // shown has no width: an answer given back there (a learner who comes back) was taken to fit, and stayed cut off
  // when its page showed (WCAG 1.4.10). Each list is measured again as its size changes, showing its page included
  // (ResizeObserver: Chrome 64); the window's resize where there is none.
  const matchingLists = (): HTMLSelectElement[] => forms.filter((f) => f.check.type === 'matching').flatMap((f) => inputsOf(f.form).filter(isList));
  // The chosen answer's own width is watched too: text spacing or a larger text size set on a page already shown
  // (how WCAG 1.4.12 is tested, with a bookmarklet) cut answers that fitted, and fires no event of its own.
  const win = doc.defaultView;
  if (matchingLists().length > 0 && win) {
    if (typeof win.ResizeObserver === 'function') {
      const listOf = new Map<Element, HTMLSelectElement>();
      const observer = new win.ResizeObserver((entries) => {
        for (const entry of entries) {
          const list = listOf.get(entry.target);
          if (list) showChosen(list);
        }
      });
      for (const list of matchingLists()) {
        for (const target of [list, chosenWidthOf(list)]) {
          if (!target) continue;
          listOf.set(target, list);
          observer.observe(target);
        }
      }
    } else {
      win.addEventListener('resize', () => { for (const list of matchingLists()) showChosen(list); });
    }
  }

  store.subscribe(({ state, events }) => {
    const touched = new Set<string>();
    let all = false;
    for (const event of events) {
      if (event.type === 'answered' || event.type === 'chosen') touched.add(event.check.id);
      if (event.type === 'attempt-started' || event.type === 'attempt-ended' || event.type === 'restarted') all = true;
    }
    for (const { check, form } of forms) {
      if (all || touched.has(check.id)) render(check, form, state, touched.has(check.id));
    }
  });

  /**
   * A scored answer is locked once submitted, as soon as it is given when answers show immediately, and
   * when Try again kept it (`completion.retry: missed`: only the missed questions are asked again).
   */
  function isLocked(check: CheckData, state: PlayerState): boolean {
    return assessed && check.scored && (state.submitted || state.kept.has(check.id) || (mode === 'immediately' && state.answers.has(check.id)));
  }

  function render(check: CheckData, form: HTMLFormElement, state: PlayerState, justNow: boolean): void {
    const chosen = state.answers.get(check.id);
    const feedback = form.querySelector<HTMLElement>('.cp-feedback');
    const locked = isLocked(check, state);
    if (check.shuffle) shuffleOptions(form, `${check.id}:${state.attempt}:${state.registration ?? ''}`);
    // A control disabled while it has focus drops focus to the body (Enter on "Check answer", or on a
    // chosen option, locks a scored answer at once with `revealAnswers: immediately`): focus goes to the
    // question first, where the marks now are, and the feedback region announces the verdict (WCAG 2.4.3).
    if (locked && form.contains(doc.activeElement) && !isTextBox(doc.activeElement as Control)) focusQuestion(form);
    const matches = check.type === 'matching' ? matchesOf(check, chosen ?? []) : null;
    for (const input of inputsOf(form)) {
      if (isList(input)) input.value = matches?.get(itemOf(input)) ?? '';
      else if (isTextBox(input)) input.value = chosen?.[0] ?? '';
      else input.checked = chosen?.includes(input.value) ?? false;
      // A locked text box is read-only, not disabled: it stays focusable and scrolls, so a locked answer longer
      // than the box can still be read whole (WCAG 1.4.10); a disabled one shows only what fits.
      if (isTextBox(input)) (input as HTMLInputElement).readOnly = locked;
      else input.disabled = locked;
    }
    if (check.type === 'matching') for (const list of inputsOf(form).filter(isList)) showChosen(list);
    const submit = form.querySelector<HTMLButtonElement>('.cp-check-submit');
    if (submit) submit.disabled = locked;
    form.classList.toggle('cp-locked', locked);
    for (const mark of form.querySelectorAll('.cp-mark, .cp-option-feedback')) mark.remove();
    for (const input of inputsOf(form)) {
      describeBy(input, markIdOf(input), false);
      describeBy(input, noteIdOf(input), false);
    }
    clearMissingAnswer(form);
    if (!feedback) return;
    // The feedback region is a live region: a check re-rendered for another's sake (the attempt ending with
    // `revealAnswers: immediately` re-renders every check of the page) keeps its nodes when what it says is
    // the same, so a screen reader does not say each earlier verdict again after the last answer's (WCAG 4.1.3).
    const before = justNow ? null : { html: feedback.innerHTML, nodes: [...feedback.childNodes] };
    replaceContent(feedback);
    fillFeedback(check, form, feedback, chosen, state, justNow);
    if (before && feedback.innerHTML === before.html) replaceContent(feedback, ...before.nodes);
  }

  function fillFeedback(check: CheckData, form: HTMLFormElement, feedback: HTMLElement, chosen: readonly string[] | undefined, state: PlayerState, justNow: boolean): void {
    if (!chosen) return;
    const reveal = !assessed || !check.scored || (state.submitted && mode === 'after-submit') || mode === 'immediately';
    if (assessed && check.scored && !state.submitted && mode !== 'immediately') {
      if (justNow) feedback.append(paragraph(doc, 'cp-saved', sayIn(course, 'answerSaved')));
      return;
    }
    if (!reveal) {
      feedback.append(paragraph(doc, 'cp-saved', sayIn(course, 'submitted')));
      return;
    }
    if (check.type === 'matching') showMatchFeedback(doc, form, check, chosen, justNow, course);
    else if (check.type === 'fill-in') showTypedFeedback(doc, form, check, chosen, justNow, course, authorVerdict);
    else showFeedback(doc, form, check, chosen, justNow, course, authorVerdict);
  }
}

/** What the form holds now: the options ticked, a matching check's `item.answer` pairs, or the words typed. */
function pickedIn(form: HTMLFormElement, check: CheckData): string[] {
  if (check.type === 'fill-in') return inputsOf(form).filter(isTextBox).map((i) => i.value);
  if (check.type !== 'matching') return inputsOf(form).filter((i) => !isList(i) && i.checked).map((i) => i.value);
  return inputsOf(form).filter((i) => i.value !== '').map((i) => `${itemOf(i)}.${i.value}`);
}

/**
 * A closed drop-down list shows one line and cuts a long answer (a 38-character answer on a 320 px phone read
 * "Driven by the mentee's l", the list's arrow over its last letter): the chosen answer is written out whole
 * under a list too narrow for it. Hidden from screen readers, which read the list's value already.
 */
function showChosen(list: HTMLSelectElement): void {
  const row = list.closest('.cp-match');
  if (!row) return;
  let line = row.querySelector<HTMLElement>('.cp-match-chosen');
  if (!line) {
    line = list.ownerDocument.createElement('span');
    line.className = 'cp-match-chosen';
    line.setAttribute('aria-hidden', 'true');
    list.after(line);
  }
  const chosen = list.value === '' ? '' : (list.options[list.selectedIndex]?.text ?? '');
  line.textContent = chosen;
  const width = chosenWidthOf(list);
  if (width) width.textContent = chosen;
  line.hidden = chosen === '' || list.scrollWidth <= list.clientWidth + 1;
}

/**
 * The chosen answer on one line, out of sight and out of the layout (player.css `.cp-match-width`): its size
 * changes with the text's spacing and size, which a ResizeObserver can see and a closed list's does not.
 */
function chosenWidthOf(list: HTMLSelectElement): HTMLElement | null {
  const row = list.closest('.cp-match');
  if (!row) return null;
  let text = row.querySelector<HTMLElement>('.cp-match-width > span');
  if (!text) {
    const box = list.ownerDocument.createElement('span');
    box.className = 'cp-match-width';
    box.setAttribute('aria-hidden', 'true');
    text = list.ownerDocument.createElement('span');
    box.append(text);
    row.append(box);
  }
  return text;
}

/** A matching item's letter: its row's `data-item`. */
function itemOf(control: Control): string {
  return control.closest<HTMLElement>('.cp-match')?.dataset.item ?? '';
}

/**
 * "Check answer" with nothing chosen: the error is said in the feedback region (a polite status, so it
 * is announced without moving focus), and identified on the options themselves (WCAG 3.3.1): each is
 * `aria-invalid` and described by the error, so a screen reader on any option hears why, as GOV.UK's
 * error messages do for radios. Words first ("Error:"), never colour alone.
 */
function showMissingAnswer(doc: Document, form: HTMLFormElement, check: CheckData, action: Said, course: CourseData): void {
  const feedback = form.querySelector<HTMLElement>('.cp-feedback');
  if (!feedback) return;
  const error = doc.createElement('p');
  error.className = 'cp-error';
  error.id = `${feedback.id}-error`;
  const label = doc.createElement('strong');
  putSaid(label, sayIn(course, 'errorLabel'));
  error.append(label, ...saidNodes(doc, joinSaid(' ', sayIn(course, check.type === 'matching' ? 'matchEveryItem' : check.type === 'fill-in' ? 'typeAnAnswer' : 'chooseAnAnswer', { action }))));
  replaceContent(feedback, error);
  // In a matching check, only the items with no answer yet are in error.
  for (const input of inputsOf(form)) {
    if (check.type === 'matching' && input.value !== '') continue;
    input.setAttribute('aria-invalid', 'true');
    describeBy(input, error.id, true);
  }
}

function clearMissingAnswer(form: HTMLFormElement): void {
  const error = form.querySelector('.cp-error');
  if (!error) return;
  error.remove();
  for (const input of inputsOf(form)) {
    input.removeAttribute('aria-invalid');
    describeBy(input, error.id, false);
  }
}

/**
 * While a matching check's "match every item" error is shown, it stays on exactly the lists still empty
 * (one chosen is no longer in error, one emptied again is), and goes once none is (WCAG 3.3.1).
 */
function markEmptyLists(form: HTMLFormElement): void {
  const error = form.querySelector('.cp-error');
  if (!error) return;
  const lists = inputsOf(form);
  if (lists.every((list) => list.value !== '')) {
    clearMissingAnswer(form);
    return;
  }
  for (const list of lists) {
    const empty = list.value === '';
    if (empty) list.setAttribute('aria-invalid', 'true');
    else list.removeAttribute('aria-invalid');
    describeBy(list, error.id, empty);
  }
}

/** A control's right/wrong mark and the feedback beside it, gone, with their place in its description. */
/** The marks of these controls and the verdict: they said right or wrong of an answer no longer given. */
function forgetVerdict(form: HTMLFormElement, controls: readonly Control[]): void {
  for (const control of controls) forgetMarks(control);
  form.querySelector('.cp-feedback .cp-verdict, .cp-feedback .cp-verdict-lead')?.remove();
  for (const note of form.querySelectorAll('.cp-feedback .cp-feedback-option')) note.remove();
}

function forgetMarks(control: Control): void {
  for (const id of [markIdOf(control), noteIdOf(control)]) {
    control.ownerDocument.getElementById(id)?.remove();
    describeBy(control, id, false);
  }
}

function focusQuestion(form: HTMLFormElement): void {
  const group = form.querySelector<HTMLElement>('fieldset') ?? form;
  if (!group.hasAttribute('tabindex')) group.tabIndex = -1;
  group.focus();
}

function markIdOf(input: Control): string {
  return `${input.id}-mark`;
}

/** The author's feedback on a chosen option or a typed answer: under the option in a multiple-answer check, in the feedback region otherwise. */
function noteIdOf(input: Control): string {
  return `${input.id}-note`;
}

/** The author's feedback for a chosen option, shown in the feedback region, as that option's description too. */
function describeWith(form: HTMLFormElement, optionId: string, note: HTMLElement): void {
  const input = form.querySelector<HTMLInputElement>(`input[value="${optionId}"]`);
  if (!input?.id) return;
  note.id = noteIdOf(input);
  describeBy(input, note.id, true);
}

/** Adds or removes one id in `aria-describedby`, keeping any others. */
function describeBy(input: Control, id: string, on: boolean): void {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((x) => x && x !== id);
  if (on) ids.push(id);
  if (ids.length > 0) input.setAttribute('aria-describedby', ids.join(' '));
  else input.removeAttribute('aria-describedby');
}

/** A check's answer controls: radio buttons, checkboxes, a matching check's lists, or a fill-in check's box. */
type Control = HTMLInputElement | HTMLSelectElement;

function isTextBox(control: Control): boolean {
  return control.tagName === 'INPUT' && control.type === 'text';
}

/** By tag name, not `instanceof`: a control from another window's document is no instance of this one's classes. */
function isList(control: Control): control is HTMLSelectElement {
  return control.tagName === 'SELECT';
}

function inputsOf(form: HTMLFormElement): Control[] {
  return [...form.querySelectorAll<Control>('input[type=radio], input[type=checkbox], input[type=text], select')];
}

function paragraph(doc: Document, className: string, text: Said): HTMLElement {
  const p = doc.createElement('p');
  p.className = className;
  return putSaid(p, text);
}

function showFeedback(doc: Document, form: HTMLFormElement, check: CheckData, chosen: readonly string[], justNow: boolean, course: CourseData, authorVerdict: RegExp): void {
  const feedback = form.querySelector<HTMLElement>('.cp-feedback');
  if (!feedback) return;
  const correct = isAnswerCorrect(check, chosen);
  // With several answers chosen, each one's feedback goes under its own option, where the learner reads
  // "Your answer: wrong" (in the region below they were loose paragraphs, which one was about which option
  // left to guess); the region says the count. With one answer its feedback is the verdict's text.
  const beside = check.type === 'multiple';
  const authored = beside ? [] : check.options.filter((o) => chosen.includes(o.id) && o.feedback);
  const authorSaysIt = authorVerdict.test(textOf(doc, authored[0]?.feedback ?? ''));
  const { verdict, icon } = verdictLine(doc, correct);
  const said = verdictWords(check, chosen, correct, course);
  // The partial count is information, not just a verdict, so it stays even where the author said right or wrong.
  const saysWords = !authorSaysIt || (!correct && check.type === 'multiple' && said.map((piece) => piece.text).join('') !== course.words.notQuite);
  if (saysWords) verdict.append(...saidNodes(doc, joinSaid(' ', said)));
  // Where the author's feedback says the verdict, the icon goes in front of it: alone, it was a lone ✓ on a
  // line of its own above the text.
  const lead = saysWords ? null : doc.createElement('div');
  if (lead) {
    lead.className = `${verdict.className} cp-verdict-lead`;
    lead.append(icon);
    feedback.append(lead);
  } else {
    feedback.append(verdict);
  }
  for (const option of check.options) {
    const input = form.querySelector<HTMLInputElement>(`input[value="${option.id}"]`);
    const row = input?.closest('.cp-option');
    const picked = chosen.includes(option.id);
    if (!input || !row || (!picked && !option.correct)) continue;
    const mark = doc.createElement('span');
    mark.className = `cp-mark ${picked ? (option.correct ? 'cp-mark-right' : 'cp-mark-wrong') : 'cp-mark-answer'}`;
    const icon = doc.createElement('span');
    icon.setAttribute('aria-hidden', 'true');
    // The arrow points at the option from where the line starts: the left, or the right in a right-to-left course.
    icon.textContent = picked ? (option.correct ? '\u2713' : '\u2717') : doc.documentElement.dir === 'rtl' ? '\u2190' : '\u2192';
    mark.append(icon, ...saidNodes(doc, joinSaid(' ', sayIn(course, picked ? (option.correct ? 'yourAnswerRight' : 'yourAnswerWrong') : 'correctAnswer'))));
    besideControl(doc, row, input, mark, beside && picked ? option.feedback : '');
  }
  for (const option of authored) {
    const item = doc.createElement('div');
    item.className = 'cp-feedback-option';
    item.innerHTML = option.feedback; // sanitized by the build (rehype-sanitize)
    // The live region says it once; it is also the chosen option's description, so a learner who goes back
    // over the question hears why with the option, not only "Your answer: wrong" (WCAG 1.3.1, 3.3.3).
    describeWith(form, option.id, item);
    if (lead && lead.childElementCount === 1) lead.append(item);
    else feedback.append(item);
  }
  // The marks under the options push the feedback down, on a phone under the navigation bar: brought into
  // view (the bar's height is the scroll padding) when the learner has just answered, not on a page shown again.
  if (justNow && typeof feedback.scrollIntoView === 'function') feedback.scrollIntoView({ block: 'nearest' });
}

/**
 * A matching check answered: the count in the region ("Correct.", "2 of 3 right.", "Not quite."), and at
 * each item whether its match is right, the right answer under a wrong one, and the author's feedback on
 * the item, all as the item's list's description (read with it, WCAG 1.3.1).
 */
function showMatchFeedback(doc: Document, form: HTMLFormElement, check: CheckData, chosen: readonly string[], justNow: boolean, course: CourseData): void {
  const feedback = form.querySelector<HTMLElement>('.cp-feedback');
  if (!feedback) return;
  const matches = matchesOf(check, chosen);
  const hits = check.options.filter((o) => matches.get(o.id) === o.match).length;
  const correct = hits === check.options.length;
  const { verdict } = verdictLine(doc, correct);
  verdict.append(...saidNodes(doc, joinSaid(' ', correct ? sayIn(course, 'correct') : hits === 0 ? sayIn(course, 'notQuite') : joinSaid(sayIn(course, 'partlyRight', { hits, total: check.options.length }), '.'))));
  feedback.append(verdict);
  for (const item of check.options) {
    const row = form.querySelector<HTMLElement>(`.cp-match[data-item="${item.id}"]`);
    const list = row?.querySelector('select');
    if (!row || !list) continue;
    const right = matches.get(item.id) === item.match;
    const mark = answerMark(doc, right, course);
    const answer = check.targets?.find((t) => t.id === item.match);
    if (!right && answer) {
      const shown = doc.createElement('span');
      shown.className = 'cp-mark-answer';
      putSaid(shown, sayIn(course, 'correctMatch', { answer: joinSaid(isolate(answer.text)) }));
      mark.append(doc.createElement('br'), shown);
    }
    // The item's feedback explains its right answer, under a right match and a wrong one alike (the build
    // warns about feedback that starts with a verdict, check-matching-feedback).
    besideControl(doc, row, list, mark, item.feedback);
  }
  if (justNow && typeof feedback.scrollIntoView === 'function') feedback.scrollIntoView({ block: 'nearest' });
}

/**
 * A fill-in check answered: the verdict and the feedback of the answer the learner's words read as (or of
 * `- [ ] *`) in the region, as for a single choice; at the box, whether the answer is right and, under a
 * wrong one, the accepted answer (the first the author listed), as the box's description.
 */
function showTypedFeedback(doc: Document, form: HTMLFormElement, check: CheckData, chosen: readonly string[], justNow: boolean, course: CourseData, authorVerdict: RegExp): void {
  const feedback = form.querySelector<HTMLElement>('.cp-feedback');
  const box = inputsOf(form).find(isTextBox);
  const row = box?.closest('.cp-typed');
  if (!feedback || !box || !row) return;
  const correct = isAnswerCorrect(check, chosen);
  const option = typedOption(check, chosen[0] ?? '');
  const authored = option?.feedback ?? '';
  const { verdict, icon } = verdictLine(doc, correct);
  // As for a single choice: where the author's feedback says right or wrong, the icon goes in front of it.
  let holder: HTMLElement = feedback;
  if (authored && authorVerdict.test(textOf(doc, authored))) {
    holder = doc.createElement('div');
    holder.className = `${verdict.className} cp-verdict-lead`;
    holder.append(icon);
    feedback.append(holder);
  } else {
    verdict.append(...saidNodes(doc, joinSaid(' ', sayIn(course, correct ? 'correct' : 'notQuite'))));
    feedback.append(verdict);
  }
  const accepted = correctAnswer(check)[0];
  if (!correct && accepted) {
    // Shown at the box (below), and said here too: focus stays in the box, and a change to the focused
    // box's description is not announced; the status region is (WCAG 4.1.3).
    const said = doc.createElement('span');
    said.className = 'cp-sr';
    putSaid(said, joinSaid(' ', sayIn(course, 'acceptedAnswer', { answer: joinSaid(isolate(accepted)) })));
    (holder === feedback ? verdict : holder).append(said);
  }
  if (authored) {
    const note = doc.createElement('div');
    note.className = 'cp-feedback-option';
    note.innerHTML = authored; // sanitized by the build (rehype-sanitize)
    holder.append(note);
    if (box.id) note.id = noteIdOf(box);
  }
  const mark = answerMark(doc, correct, course);
  if (!correct && accepted) {
    const shown = doc.createElement('span');
    shown.className = 'cp-mark-answer';
    putSaid(shown, sayIn(course, 'acceptedAnswer', { answer: joinSaid(isolate(accepted)) }));
    mark.append(doc.createElement('br'), shown);
  }
  besideControl(doc, row, box, mark, '');
  // The author's words read with the box, after its mark, when the learner comes back to it; the region said
  // them once (WCAG 1.3.1, 3.3.3).
  if (authored && box.id) describeBy(box, noteIdOf(box), true);
  // The feedback brought into view, then the box with its mark, which keeps focus: on a small screen with
  // large text the feedback alone pushed the focused box out of view above.
  if (justNow && typeof feedback.scrollIntoView === 'function') {
    feedback.scrollIntoView({ block: 'nearest' });
    row.scrollIntoView({ block: 'nearest' });
  }
}

/**
 * Words of the author's inside a sentence of the player's, kept in their own direction (Unicode's first-strong
 * isolate): a Latin answer in a right-to-left course otherwise took its full stop to the wrong end.
 */
function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** "✓ Your answer: right" or "✗ Your answer: wrong" at a matching item's list or a fill-in check's box (the icon hidden: the words say it). */
function answerMark(doc: Document, right: boolean, course: CourseData): HTMLElement {
  const mark = doc.createElement('span');
  mark.className = `cp-mark ${right ? 'cp-mark-right' : 'cp-mark-wrong'}`;
  const icon = doc.createElement('span');
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = right ? '\u2713' : '\u2717';
  mark.append(icon, ...saidNodes(doc, joinSaid(' ', sayIn(course, right ? 'yourAnswerRight' : 'yourAnswerWrong'))));
  return mark;
}

/** The verdict's paragraph, its ✓ or ✗ in it (hidden from screen readers: the words say it). */
function verdictLine(doc: Document, correct: boolean): { verdict: HTMLElement; icon: HTMLElement } {
  const verdict = doc.createElement('p');
  verdict.className = correct ? 'cp-verdict cp-correct' : 'cp-verdict cp-wrong';
  const icon = doc.createElement('span');
  icon.className = 'cp-icon';
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = correct ? '\u2713' : '\u2717';
  verdict.append(icon);
  return { verdict, icon };
}

/**
 * A right/wrong mark, and the author's feedback when there is any, at the end of an option's or item's row.
 * Both are the control's description, so a screen reader says them with the option (WCAG 1.3.1), not as
 * loose text after it.
 */
function besideControl(doc: Document, row: Element, control: Control, mark: HTMLElement, feedbackHtml: string): void {
  if (control.id) {
    mark.id = markIdOf(control);
    describeBy(control, mark.id, true);
  }
  row.append(mark);
  if (!feedbackHtml) return;
  const note = doc.createElement('div');
  note.className = 'cp-option-feedback';
  note.innerHTML = feedbackHtml; // sanitized by the build (rehype-sanitize)
  if (control.id) {
    note.id = noteIdOf(control);
    describeBy(control, note.id, true);
  }
  row.append(note);
}

/** "Correct.", "Not quite.", or for a multiple-answer check partly right: "2 of 3 right: you missed one." */
function verdictWords(check: CheckData, chosen: readonly string[], correct: boolean, course: CourseData): Said {
  if (correct) return sayIn(course, 'correct');
  if (check.type !== 'multiple') return sayIn(course, 'notQuite');
  const right = check.options.filter((o) => o.correct);
  const hits = right.filter((o) => chosen.includes(o.id)).length;
  const wrong = chosen.filter((id) => !right.some((o) => o.id === id)).length;
  if (hits === 0) return sayIn(course, 'notQuite');
  const missed = right.length - hits;
  return joinSaid(sayIn(course, 'partlyRight', { hits, total: right.length }), wrong > 0 ? sayIn(course, 'wrongChoices', { n: wrong }) : '',
    missed > 0 ? sayIn(course, 'youMissed', { n: missed }) : '', '.');
}

function textOf(doc: Document, html: string): string {
  const box = doc.createElement('div');
  box.innerHTML = html;
  return (box.textContent ?? '').trim();
}

/**
 * Options in an order of their own for each attempt (`:::check{shuffle=true}`): the same on every
 * reload within an attempt (seeded by check, attempt and registration), a new one on Try again.
 * Only the order moves; the option letters, and so the recorded responses, stay.
 */
function shuffleOptions(form: HTMLFormElement, seed: string): void {
  const rows = [...form.querySelectorAll<HTMLElement>('.cp-option')];
  const parent = rows[0]?.parentElement;
  if (!parent || rows.length < 2) return;
  let hash = 2166136261;
  for (let i = 0; i < seed.length; i++) hash = Math.imul(hash ^ seed.charCodeAt(i), 16777619) >>> 0;
  const random = (): number => {
    hash = (Math.imul(hash, 1664525) + 1013904223) >>> 0;
    return hash / 4294967296;
  };
  // The keys go to the options in their authored order (their letters), whatever order the page shows now:
  // drawn in the shown order, each render moved the options again (the same seed, a new order).
  const letter = (row: HTMLElement): string => row.querySelector('input')?.value ?? '';
  const authored = [...rows].sort((a, b) => (letter(a) < letter(b) ? -1 : letter(a) > letter(b) ? 1 : 0));
  const order = authored.map((row, i) => ({ row, key: random(), i })).sort((a, b) => a.key - b.key || a.i - b.i);
  // Every render of the check shuffles with its seed: rows already in that order stay where they are. A row
  // moved while it holds focus loses it to the body (Enter on a chosen option submits the form, and the
  // render that follows moved every row again): a keyboard or screen reader user was left nowhere (WCAG 2.4.3).
  if (order.every(({ row }, i) => rows[i] === row)) return;
  const focused = form.ownerDocument.activeElement;
  const anchor = rows[rows.length - 1]?.nextSibling ?? null;
  for (const { row } of order) parent.insertBefore(row, anchor);
  if (focused instanceof HTMLElement && focused !== form.ownerDocument.activeElement && form.contains(focused)) focused.focus({ preventScroll: true });
}
