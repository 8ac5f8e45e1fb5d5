/**
 * The knowledge checks view: each `form.cp-check` (docs/architecture.md, launch page contract)
 * becomes an `answer` action on submit; feedback, locking of scored checks and the assessment
 * result render from the state. Per-option feedback comes from the course data, not the page, so
 * the answer is not in the page before the learner checks.
 */
import type { CheckData, CourseData } from '../shared/course-data.js';
import { computeOutcome, isAnswerCorrect } from '../shared/course-outcome.js';
import { toLearnerState, type PlayerState } from './player-state.js';
import type { PlayerStore } from './player-store.js';

export function mountChecks(doc: Document, course: CourseData, store: PlayerStore, passMark: number | null, now: () => number): void {
  const scored = course.checks.filter((c) => c.scored);
  const formOf = (check: CheckData) => doc.getElementById(`check-${check.id}`) as HTMLFormElement | null;

  for (const check of course.checks) {
    const form = formOf(check);
    if (!form) continue;
    const chosen = store.state.answers.get(check.id);
    if (chosen) {
      for (const input of inputsOf(form)) input.checked = chosen.includes(input.value);
      showFeedback(doc, form, check, chosen);
    }
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (store.state.ended || (check.scored && store.state.answers.has(check.id))) return;
      const picked = inputsOf(form).filter((i) => i.checked).map((i) => i.value);
      if (picked.length === 0) {
        const feedback = form.querySelector<HTMLElement>('.cp-feedback');
        if (feedback) feedback.textContent = 'Choose an answer, then select Check answer.';
        return;
      }
      store.dispatch({ type: 'answer', check: check.id, chosen: picked, at: now() });
    });
  }
  renderResults(doc, course, store.state, passMark, null, () => tryAgain());

  function tryAgain(): void {
    store.dispatch({ type: 'retry', at: now() });
    const firstPage = scored[0]?.page;
    if (firstPage) store.dispatch({ type: 'show', page: firstPage, via: 'navigation', at: now() });
  }

  store.subscribe(({ state, events }) => {
    let justAnswered: HTMLFormElement | null = null;
    for (const event of events) {
      if (event.type === 'answered') {
        const form = formOf(event.check);
        if (form) showFeedback(doc, form, event.check, event.chosen);
        if (event.check.scored) justAnswered = form;
      }
      if (event.type === 'attempt-started') {
        for (const check of scored) {
          const form = formOf(check);
          if (form) resetForm(form);
        }
      }
    }
    if (events.some((e) => e.type !== 'reflected' && e.type !== 'exited')) {
      renderResults(doc, course, state, passMark, justAnswered, () => tryAgain());
    }
  });
}

function inputsOf(form: HTMLFormElement): HTMLInputElement[] {
  return [...form.querySelectorAll<HTMLInputElement>('input[type=radio], input[type=checkbox]')];
}

function showFeedback(doc: Document, form: HTMLFormElement, check: CheckData, chosen: readonly string[]): void {
  const feedback = form.querySelector<HTMLElement>('.cp-feedback');
  if (!feedback) return;
  const correct = isAnswerCorrect(check, chosen);
  feedback.innerHTML = '';
  const verdict = doc.createElement('p');
  verdict.className = correct ? 'cp-verdict cp-correct' : 'cp-verdict cp-wrong';
  verdict.textContent = correct ? 'Correct.' : 'Not quite.';
  feedback.append(verdict);
  for (const option of check.options) {
    if (!chosen.includes(option.id) || !option.feedback) continue;
    const item = doc.createElement('div');
    item.className = 'cp-feedback-option';
    item.innerHTML = option.feedback; // sanitized by the build (rehype-sanitize)
    feedback.append(item);
  }
  if (check.scored) {
    for (const input of inputsOf(form)) input.disabled = true;
    const submit = form.querySelector<HTMLButtonElement>('.cp-check-submit');
    if (submit) submit.disabled = true;
    form.classList.add('cp-locked');
  }
}

function resetForm(form: HTMLFormElement): void {
  form.classList.remove('cp-locked');
  for (const input of inputsOf(form)) {
    input.disabled = false;
    input.checked = false;
  }
  const submit = form.querySelector<HTMLButtonElement>('.cp-check-submit');
  if (submit) submit.disabled = false;
  const feedback = form.querySelector<HTMLElement>('.cp-feedback');
  if (feedback) feedback.textContent = '';
}

/** The assessment result, after the last scored check, after the one just answered, and at the end of the last page. */
function renderResults(doc: Document, course: CourseData, state: PlayerState, passMark: number | null,
  justAnswered: HTMLFormElement | null, tryAgain: () => void): void {
  const scored = course.checks.filter((c) => c.scored);
  const lastScored = scored[scored.length - 1];
  if (!lastScored || passMark === null) return;
  for (const old of doc.querySelectorAll('.cp-result')) old.remove();
  const outcome = computeOutcome(course, toLearnerState(state), passMark);
  if (outcome.assessmentScore === null) return;
  const anchors = new Set<HTMLFormElement>();
  const lastForm = doc.getElementById(`check-${lastScored.id}`) as HTMLFormElement | null;
  if (lastForm) anchors.add(lastForm);
  if (justAnswered) anchors.add(justAnswered);
  // Also at the end of the last page, where a learner who went on to the end looks for it.
  const lastPage = doc.querySelector<HTMLElement>(`section.cp-page[data-page="${course.pages[course.pages.length - 1]?.id ?? ''}"]`);
  const places: Array<(box: HTMLElement) => void> = [...anchors].map((form) => (box) => form.after(box));
  if (lastPage && !lastPage.querySelector('form.cp-check')) places.push((box) => lastPage.append(box));
  const passed = outcome.assessmentScore >= passMark;
  for (const place of places) {
    const box = doc.createElement('div');
    box.className = 'cp-result';
    const text = doc.createElement('p');
    text.textContent = `Your score: ${outcome.assessmentScore}%. The pass mark is ${passMark}%. `
      + (passed ? 'You passed.' : 'You have not passed yet.')
      + (outcome.allPagesViewed ? '' : ' View every page to finish the course.');
    box.append(text);
    if (!passed && !state.ended) {
      const retry = doc.createElement('button');
      retry.type = 'button';
      retry.className = 'cp-retry';
      retry.textContent = 'Try again';
      retry.addEventListener('click', tryAgain);
      box.append(retry);
    }
    place(box);
  }
  if (justAnswered) {
    const summary = doc.createElement('p');
    summary.textContent = `All scored questions are answered. Your score: ${outcome.assessmentScore}%.`;
    justAnswered.querySelector<HTMLElement>('.cp-feedback')?.append(summary);
  }
}
