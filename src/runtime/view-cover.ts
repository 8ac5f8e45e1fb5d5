/**
 * The cover: what a learner sees first and can come back to from the header at any time. Built
 * from the course data (course.yaml and the modules' front matter; no extra authoring): title,
 * who publishes it, description, total minutes, each module with its minutes and state, and one primary button,
 * Start or Continue (Review after completion), plus "Start over" once there is progress to clear.
 * After completion it shows the result and the day.
 */
import type { CourseData, ModuleData } from '../shared/course-data.js';
import { completionOf, computeOutcome } from '../shared/course-outcome.js';
import { toLearnerState, type PlayerState } from './player-state.js';
import type { PlayerStore } from './player-store.js';
import { button, element, formatDay, inlineConfirm, keepCountsWhole, replaceContent, screenHeading, screenSection } from './dom-helpers.js';
import { joinSaid, sayIn } from './say-in.js';

export interface CoverOptions {
  /** The best score the LMS holds from earlier sessions (`cmi.core.score.raw`), or null. */
  readonly bestScore: number | null;
  readonly now: () => number;
}

export function mountCover(doc: Document, course: CourseData, store: PlayerStore, options: CoverOptions): void {
  const main = doc.getElementById('cp-main');
  if (!main) return;
  const section = screenSection(doc, 'cover', 'cp-cover');
  main.prepend(section);
  let best = options.bestScore;

  const render = (state: PlayerState): void => {
    const outcome = computeOutcome(course, toLearnerState(state), state.passMark);
    if (outcome.assessmentScore !== null) best = Math.max(best ?? 0, outcome.assessmentScore);
    const completion = completionOf(course, toLearnerState(state), state.passMark);
    replaceContent(section);
    section.append(screenHeading(doc, 'cover', course.title));
    if (course.organization) section.append(element(doc, 'p', 'cp-cover-publisher', sayIn(course, 'publishedBy', { name: joinSaid(course.organization) })));
    if (course.description) section.append(element(doc, 'p', 'cp-cover-description', course.description));
    const minutes = course.modules.reduce((sum, m) => sum + (m.minutes ?? 0), 0);
    section.append(keepCountsWhole(element(doc, 'p', 'cp-cover-meta', joinSaid(
      sayIn(course, 'aboutMinutes', { n: minutes }), ' \u00b7 ', sayIn(course, 'moduleCount', { n: course.modules.length }), ' \u00b7 ', sayIn(course, 'pageCount', { n: course.pages.length }),
    ))));
    if (state.completedOn !== null) {
      const result = completion.passed === true && best !== null ? joinSaid(' ', sayIn(course, 'youPassedWith', { score: best })) : [];
      section.append(element(doc, 'p', 'cp-cover-result', joinSaid(sayIn(course, 'completedOn', { day: joinSaid(formatDay(state.completedOn, course.language)) }), result)));
    }

    const started = state.viewed.size > 0;
    const primary = button(doc, sayIn(course, state.completedOn !== null ? 'reviewCourse' : started ? 'continue' : 'start'), 'cp-start cp-primary');
    primary.addEventListener('click', () => {
      const page = state.completedOn !== null ? course.pages[0]?.id : state.page;
      if (page) store.dispatch({ type: 'show', page, via: 'navigation', at: options.now() });
    });
    const actions = element(doc, 'div', 'cp-cover-actions');
    actions.append(primary);
    // A learner back for their certificate finds it here, not at the end of a walk through every page.
    if (state.completedOn !== null && course.certificate) {
      const certificate = button(doc, sayIn(course, 'seeCertificate'), 'cp-see-certificate');
      certificate.addEventListener('click', () => {
        store.dispatch({ type: 'open', screen: 'results', via: 'navigation', at: options.now() });
        // Focus goes where the learner asked to go, past the results above the certificate (WCAG 2.4.3).
        const heading = doc.getElementById('cp-certificate-heading');
        if (heading) {
          heading.tabIndex = -1;
          heading.focus();
        }
      });
      actions.append(certificate);
    }
    if (started) {
      actions.append(inlineConfirm(doc, {
        ask: sayIn(course, 'startOver'),
        question: sayIn(course, 'startOverQuestion'),
        confirm: sayIn(course, 'clearProgress'),
        cancel: sayIn(course, 'cancel'),
        done: '',
        act: () => store.dispatch({ type: 'restart', at: options.now() }),
        className: 'cp-restart',
      }));
    }
    // Start comes before the list of modules: after it, it was below the fold on every screen size.
    section.append(actions);
    const list = element(doc, 'ol', 'cp-cover-modules');
    for (const module of course.modules) list.append(moduleItem(doc, course, module, state, best));
    section.append(list);
  };
  render(store.state);
  store.subscribe(({ state, events }) => {
    // Rendered as it is shown, never while the learner is on it (focus stays put) nor while hidden: each page turn
    // of a 600-page course rebuilt every module's line (modules × checks × pages) for a screen no one saw.
    if (events.some((e) => e.type === 'screen-shown' && e.screen === 'cover')) render(state);
    // The best score is kept as attempts end, shown or not: only the latest attempt's is in the state, and a worse
    // retry showed a best lower than the LMS's.
    else for (const e of events) if (e.type === 'attempt-ended') best = Math.max(best ?? 0, e.score);
  });
}

function moduleItem(doc: Document, course: CourseData, module: ModuleData, state: PlayerState, best: number | null): HTMLElement {
  const item = element(doc, 'li', 'cp-cover-module');
  const link = element(doc, 'a', '', module.title) as HTMLAnchorElement;
  const first = module.pages[0] ?? '';
  link.href = `#page-${first}`;
  link.dataset['page'] = first;
  const viewed = module.pages.filter((id) => state.viewed.has(id)).length;
  // The class names the state in English whatever the course's language (player.css styles them).
  let [kind, status] = viewed === 0 ? ['not', sayIn(course, 'notStarted')] : viewed < module.pages.length ? ['in', sayIn(course, 'inProgress')] : ['done', sayIn(course, 'done')];
  const scoredHere = course.checks.some((c) => c.scored && module.pages.includes(c.page));
  if (module.assessment && scoredHere && state.passMark !== null && best !== null) {
    const passed = best >= state.passMark;
    [kind, status] = passed ? ['passed', sayIn(course, 'passedBest', { score: best })] : ['not', sayIn(course, 'notPassedBest', { score: best })];
  }
  item.append(link, keepCountsWhole(element(doc, 'span', 'cp-cover-minutes', module.minutes ? joinSaid(' \u00b7 ', sayIn(course, 'minutesShort', { n: module.minutes })) : '')),
    element(doc, 'span', `cp-state cp-state-${kind}`, joinSaid(' \u00b7 ', status)));
  return item;
}
