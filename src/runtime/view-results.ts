/**
 * The results screen, after the last page and after the scored check: submitting the scored check,
 * the verdict (passed / not passed / complete) with the score against the pass mark and the attempt,
 * what counts toward completion and what is still missing (with links), the missed questions grouped
 * by module with links to the pages that teach them, Try again, and, once the course is complete,
 * the day, the certificate when the course gives one, and the learner's action plan (their
 * reflections, to download or print: made in the browser, nothing sent anywhere).
 */
import type { CheckData, CourseData } from '../shared/course-data.js';
import { completionOf, computeOutcome, missedChecks } from '../shared/course-outcome.js';
import { displayName } from '../shared/xapi/resolve-config.js';
import { button, element, formatDay, putSaid, replaceContent, saidNodes, screenHeading, screenSection, setDocumentTitle } from './dom-helpers.js';
import { joinSaid, sayIn, type Said } from './say-in.js';
import { toLearnerState, type PlayerState } from './player-state.js';
import type { PlayerStore } from './player-store.js';

/**
 * @param learnerName `cmi.core.student_name` as the LMS gave it ("Last, First"), or empty: the certificate's name.
 */
export function mountResults(doc: Document, course: CourseData, store: PlayerStore, now: () => number, learnerName = '', bestScore: number | null = null): void {
  // The best score, as the cover and the LMS keep it (the score only goes up): the certificate says it, where
  // the attempt after a Start over said 67% of a learner whose cover and LMS said 100%.
  let best = bestScore;
  const main = doc.getElementById('cp-main');
  if (!main) return;
  const section = screenSection(doc, 'results', 'cp-results');
  main.append(section);
  const scored = course.checks.filter((c) => c.scored);
  const pageTitle = (id: string) => course.pages.find((p) => p.id === id)?.title ?? id;
  const pageLink = (id: string, text: Said | string = pageTitle(id)): HTMLElement => {
    const a = element(doc, 'a', '', text) as HTMLAnchorElement;
    a.href = `#page-${id}`;
    a.dataset['page'] = id;
    return a;
  };

  const render = (state: PlayerState): void => {
    const learner = toLearnerState(state);
    const outcome = computeOutcome(course, learner, state.passMark);
    const completion = completionOf(course, learner, state.passMark);
    const assessed = state.passMark !== null && scored.length > 0;
    replaceContent(section);
    // With revealAnswers: immediately each scored answer is final when given and the last one ends the
    // attempt: there is nothing to submit (a Submit button here could never be used).
    const immediate = course.completion.revealAnswers === 'immediately';
    const title = sayIn(course, completion.complete ? 'courseComplete'
      : assessed && state.submitted ? (completion.passed ? 'youPassed' : 'notPassedYet')
        : assessed && !immediate ? 'submitYourAnswers' : 'almostDone');
    section.append(screenHeading(doc, 'results', title));
    // The heading changes on this screen (Submit gives "You passed"), and the title must say the same (WCAG 2.4.2).
    if (state.screen === 'results' && !state.ended) setDocumentTitle(doc, title.map((piece) => piece.text).join(''), course.title);

    if (assessed && !state.submitted) {
      const answered = scored.filter((c) => state.answers.has(c.id));
      section.append(element(doc, 'p', '', sayIn(course, state.attempt > 1 ? 'answeredOfAttempt' : 'answeredOf', { answered: answered.length, total: scored.length, attempt: state.attempt })));
      const open = scored.filter((c) => !state.answers.has(c.id));
      if (open.length > 0) {
        section.append(element(doc, 'p', '', sayIn(course, immediate ? 'answerTheseNow' : 'answerThese')));
        const list = element(doc, 'ul', 'cp-unanswered');
        for (const check of open) {
          // The word in a span of its own when English: the link after it is the page's title, in the course's language.
          const item = element(doc, 'li', '');
          item.append(...saidNodes(doc, sayIn(course, 'questionOnPage', { n: scored.indexOf(check) + 1 })), pageLink(check.page), '.');
          list.append(item);
        }
        section.append(list);
      }
      if (!immediate) {
        const submit = button(doc, sayIn(course, 'submitAnswers'), 'cp-submit cp-primary');
        submit.disabled = open.length > 0;
        submit.addEventListener('click', () => store.dispatch({ type: 'submit', at: now() }));
        section.append(submit);
      }
    }

    if (assessed && state.submitted && outcome.assessmentScore !== null && state.passMark !== null) {
      const passed = outcome.assessmentScore >= state.passMark;
      const box = element(doc, 'div', `cp-result ${passed ? 'cp-result-passed' : 'cp-result-failed'}`);
      const verdict = element(doc, 'p', 'cp-result-verdict');
      verdict.append(element(doc, 'span', 'cp-icon', passed ? '\u2713' : '\u2717'), ...saidNodes(doc, joinSaid(' ', sayIn(course, passed ? 'passedSentence' : 'notPassedSentence'))));
      verdict.firstElementChild?.setAttribute('aria-hidden', 'true');
      box.append(verdict, element(doc, 'p', 'cp-result-score',
        sayIn(course, 'scoreLine', { score: outcome.assessmentScore, mark: state.passMark, attempt: state.attempt })));
      section.append(box);
      const missed = missedChecks(course, learner);
      // Try again goes in the verdict's box, before the questions to review: after a long list it was out of sight.
      if (!passed) {
        const retry = button(doc, sayIn(course, 'tryAgain'), 'cp-retry cp-primary');
        const again = course.completion.retry === 'missed' ? missed.length : scored.length;
        retry.setAttribute('aria-describedby', 'cp-retry-note');
        const note = element(doc, 'p', 'cp-retry-note', sayIn(course, course.completion.retry === 'missed' ? 'retryMissed' : 'retryAll', { n: again }));
        note.id = 'cp-retry-note';
        retry.addEventListener('click', () => {
          store.dispatch({ type: 'retry', at: now() });
          const first = scored.find((c) => !store.state.answers.has(c.id));
          if (first) store.dispatch({ type: 'show', page: first.page, via: 'navigation', at: now() });
        });
        box.append(note, retry);
      }
      if (missed.length > 0 && course.completion.revealAnswers !== 'never') section.append(missedList(missed));
      else if (missed.length > 0) section.append(element(doc, 'p', '', sayIn(course, 'missedCount', { n: missed.length })));
    }

    section.append(checklist(state, completion, assessed));
    // Completed once is completed: the cover says so and offers the certificate on `completedOn` alone, and a pass
    // mark raised since (a republished course, another mastery score in the LMS) leaves the LMS's result as it was.
    if (state.completedOn !== null) {
      section.append(element(doc, 'p', 'cp-complete-day', sayIn(course, 'completedOn', { day: joinSaid(formatDay(state.completedOn, course.language)) })));
      if (course.certificate) {
        if (assessed && completion.passed === true && outcome.assessmentScore !== null) best = Math.max(best ?? 0, outcome.assessmentScore);
        const score = assessed ? best : null;
        section.append(certificate(doc, course, course.certificate.credit, { name: displayName(learnerName), day: formatDay(state.completedOn, course.language), score }));
      }
      section.append(actionPlan(doc, course));
    }
  };

  /** Missed questions grouped by the module of the page that teaches them, each with a link to review. */
  function missedList(missed: readonly CheckData[]): HTMLElement {
    const box = element(doc, 'div', 'cp-missed');
    box.append(element(doc, 'h2', '', sayIn(course, 'questionsToReview')));
    for (const module of course.modules) {
      const here = missed.filter((c) => module.pages.includes(c.review ?? c.page));
      if (here.length === 0) continue;
      box.append(element(doc, 'h3', '', module.title));
      const list = element(doc, 'ul', '');
      for (const check of here) {
        const item = element(doc, 'li', '');
        item.append(...saidNodes(doc, sayIn(course, 'questionPrompt', { n: scored.indexOf(check) + 1, prompt: joinSaid(check.prompt) })),
          pageLink(check.review ?? check.page, sayIn(course, 'reviewPage', { title: joinSaid(pageTitle(check.review ?? check.page)) })));
        list.append(item);
      }
      box.append(list);
    }
    return box;
  }

  function checklist(state: PlayerState, completion: ReturnType<typeof completionOf>, assessed: boolean): HTMLElement {
    const box = element(doc, 'div', 'cp-checklist');
    box.append(element(doc, 'h2', '', sayIn(course, 'whatCompletes')));
    const list = element(doc, 'ul', '');
    const item = (done: boolean, text: Said): HTMLElement => {
      const li = element(doc, 'li', done ? 'cp-done' : 'cp-todo');
      li.append(element(doc, 'span', 'cp-icon', done ? '\u2713' : '\u25cb'), ...saidNodes(doc, joinSaid(' ', sayIn(course, done ? 'doneItem' : 'todoItem', { text }))));
      li.firstElementChild?.setAttribute('aria-hidden', 'true');
      return li;
    };
    if (course.completion.allPages) {
      const pages = item(completion.missing.length === 0, sayIn(course, 'viewEveryPage', { viewed: completion.pagesViewed, total: completion.pagesTotal }));
      if (completion.missing.length > 0) {
        const missing = element(doc, 'ul', 'cp-missing');
        for (const gap of completion.missing) {
          const module = course.modules.find((m) => m.id === gap.module);
          const li = element(doc, 'li', '');
          li.append(...saidNodes(doc, sayIn(course, 'pagesNotViewed', { n: gap.pages.length, module: joinSaid(module?.title ?? gap.module) })));
          gap.pages.forEach((id, i) => li.append(i === 0 ? '' : ', ', pageLink(id)));
          missing.append(li);
        }
        pages.append(missing);
      }
      list.append(pages);
    }
    if (assessed && state.passMark !== null) list.append(item(completion.passed === true, sayIn(course, 'reachPassMark', { mark: state.passMark })));
    box.append(list);
    return box;
  }

  render(store.state);
  store.subscribe(({ state, events }) => {
    const shownHere = events.some((e) => e.type === 'screen-shown' && e.screen === 'results');
    const decided = events.some((e) => e.type === 'attempt-ended');
    // Rendered when it is shown, and when the verdict comes while it is (Submit): never while hidden, where
    // each page turn of a 600-page course rebuilt a link to every page not viewed, for nothing.
    if (shownHere || (decided && state.screen === 'results')) render(state);
    // Submitted on this screen: the verdict replaces the button, so focus goes to the new heading.
    if (decided && state.screen === 'results') doc.getElementById('h-results')?.focus();
  });
}

/**
 * The certificate of completion (course.yaml `certificate`): on the screen as it prints, and a button
 * that prints it alone. Made in the browser from what the player already has (the LMS's name for the
 * learner, the completion day, the score); kept nowhere, so a shared computer shows it to no one after.
 */
function certificate(doc: Document, course: CourseData, credit: string, about: { readonly name: string; readonly day: string; readonly score: number | null }): HTMLElement {
  const box = element(doc, 'div', 'cp-certificate');
  const heading = element(doc, 'h2', '', sayIn(course, 'yourCertificate'));
  heading.id = 'cp-certificate-heading';
  const card = element(doc, 'div', 'cp-cert');
  card.setAttribute('role', 'group');
  card.setAttribute('aria-labelledby', 'cp-cert-title');
  const title = element(doc, 'p', 'cp-cert-title', sayIn(course, 'certificateTitle'));
  title.id = 'cp-cert-title';
  // A name, a title and a credit line are laid out by their own script (a Latin name in an Arabic course kept
  // its full stop at the wrong end).
  const own = (className: string, text: string): HTMLElement => {
    const line = element(doc, 'p', className, text);
    line.dir = 'auto';
    return line;
  };
  card.append(title, element(doc, 'p', 'cp-cert-lead', sayIn(course, 'certifiesThat')));
  if (about.name) card.append(own('cp-cert-name', about.name));
  else {
    // No name from the LMS (a preview, an LMS that sends none): a line to write it on, named for screen readers.
    const blank = element(doc, 'p', 'cp-cert-name cp-cert-blank');
    blank.append(element(doc, 'span', 'cp-sr', sayIn(course, 'yourNameHere')));
    card.append(blank);
  }
  card.append(
    element(doc, 'p', 'cp-cert-lead', sayIn(course, 'completedTheCourse')),
    own('cp-cert-course', course.title),
    element(doc, 'p', 'cp-cert-day', about.score === null ? sayIn(course, 'certificateDay', { day: joinSaid(about.day) }) : sayIn(course, 'certificateDayScore', { day: joinSaid(about.day), score: about.score })),
  );
  if (credit) card.append(own('cp-cert-credit', credit));
  if (course.organization) card.append(element(doc, 'p', 'cp-cert-org', sayIn(course, 'publishedBy', { name: joinSaid(course.organization) })));
  box.append(heading, card, ...printButton(doc, sayIn(course, 'printCertificate'), 'cp-cert-print', 'cp-printing-certificate', sayIn(course, 'printBlocked')));
  return box;
}

/** A button that prints one part alone (printOnly), and the status line that says when the browser would not. */
function printButton(doc: Document, label: Said, className: string, printing: string, blocked: Said): [HTMLElement, HTMLElement] {
  const print = button(doc, label, className);
  const status = element(doc, 'p', 'cp-print-status');
  status.setAttribute('role', 'status');
  print.addEventListener('click', () => printOnly(doc, printing, status, blocked));
  return [print, status];
}

/**
 * Prints with `className` on the body, which the print style sheet uses to show one part alone, until the
 * print dialog closes. An LMS that frames the course in a sandbox without `allow-modals` makes print() do
 * nothing, with no event: the class then goes at once (left on, it hid the action plan's printout too) and
 * `status` says why nothing printed.
 */
function printOnly(doc: Document, className: string, status: HTMLElement, blocked: Said): void {
  const view = doc.defaultView;
  for (const name of [...doc.body.classList]) if (name.startsWith('cp-printing-')) doc.body.classList.remove(name);
  replaceContent(status);
  doc.body.classList.add(className);
  let started = false;
  const begin = (): void => {
    started = true;
  };
  const done = (): void => {
    doc.body.classList.remove(className);
    view?.removeEventListener('afterprint', done);
    view?.removeEventListener('beforeprint', begin);
  };
  view?.addEventListener('beforeprint', begin);
  view?.addEventListener('afterprint', done);
  view?.print();
  // print() returns once the dialog closes (Chrome, Firefox: beforeprint came first), or at once where
  // printing is blocked; a browser that prints later has a second to begin before the class goes.
  if (started) return;
  view?.setTimeout(() => {
    if (started) return;
    done();
    putSaid(status, blocked);
  }, 1000);
}

/**
 * The learner's action plan: every reflection prompt with what they wrote, to download as a text file
 * or print. Made from the boxes on the page, in the browser: nothing is sent anywhere.
 */
function actionPlan(doc: Document, course: CourseData): HTMLElement {
  const box = element(doc, 'div', 'cp-plan');
  const words = course.words;
  box.append(element(doc, 'h2', '', sayIn(course, 'actionPlan')));
  const entries = course.reflections.map((r) => ({
    prompt: r.prompt,
    text: (doc.getElementById(`reflect-${r.id}`) as HTMLTextAreaElement | null)?.value.trim() ?? '',
  }));
  if (entries.every((e) => e.text === '')) {
    box.append(element(doc, 'p', '', sayIn(course, 'planEmpty')));
    return box;
  }
  const list = element(doc, 'dl', 'cp-plan-list');
  for (const entry of entries) list.append(element(doc, 'dt', '', entry.prompt), element(doc, 'dd', '', entry.text || sayIn(course, 'notWritten')));
  const download = button(doc, sayIn(course, 'downloadPlan'), 'cp-plan-download');
  download.addEventListener('click', () => {
    const text = `${course.title}\n${words.myActionPlan}\n\n${entries.map((e) => `${e.prompt}\n${e.text || words.notWritten}\n`).join('\n')}`;
    const link = doc.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    link.download = `${course.id}-${words.planFile}.txt`;
    link.hidden = true;
    doc.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  });
  box.append(list, download, ...printButton(doc, sayIn(course, 'printPlan'), 'cp-plan-print', 'cp-printing-plan', sayIn(course, 'printBlocked')));
  return box;
}
