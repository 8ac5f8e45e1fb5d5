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
import { button, element, formatDay, inlineConfirm, replaceContent, screenHeading, screenSection } from './dom-helpers.js';

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
    if (course.organization) section.append(element(doc, 'p', 'cp-cover-publisher', `Published by ${course.organization}`));
    if (course.description) section.append(element(doc, 'p', 'cp-cover-description', course.description));
    const minutes = course.modules.reduce((sum, m) => sum + (m.minutes ?? 0), 0);
    section.append(element(doc, 'p', 'cp-cover-meta',
      `About ${minutes} minutes \u00b7 ${course.modules.length} module${course.modules.length === 1 ? '' : 's'} \u00b7 ${course.pages.length} pages`));
    if (state.completedOn !== null) {
      const result = completion.passed === true && best !== null ? ` You passed with ${best}%.` : '';
      section.append(element(doc, 'p', 'cp-cover-result', `You completed this course on ${formatDay(state.completedOn, course.language)}.${result}`));
    }

    const started = state.viewed.size > 0;
    const primary = button(doc, state.completedOn !== null ? 'Review the course' : started ? 'Continue' : 'Start', 'cp-start cp-primary');
    primary.addEventListener('click', () => {
      const page = state.completedOn !== null ? course.pages[0]?.id : state.page;
      if (page) store.dispatch({ type: 'show', page, via: 'navigation', at: options.now() });
    });
    const actions = element(doc, 'div', 'cp-cover-actions');
    actions.append(primary);
    if (started) {
      actions.append(inlineConfirm(doc, {
        ask: 'Start over',
        question: 'This clears your progress in this attempt and opens the first page. Your result in the learning management system stays.',
        confirm: 'Clear my progress',
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
    // Re-rendered only when something it shows changed, never while the learner is on it (focus stays put).
    if (events.some((e) => e.type === 'screen-shown' && e.screen === 'cover') || state.screen !== 'cover') render(state);
  });
}

function moduleItem(doc: Document, course: CourseData, module: ModuleData, state: PlayerState, best: number | null): HTMLElement {
  const item = element(doc, 'li', 'cp-cover-module');
  const link = element(doc, 'a', '', module.title) as HTMLAnchorElement;
  const first = module.pages[0] ?? '';
  link.href = `#page-${first}`;
  link.dataset['page'] = first;
  const viewed = module.pages.filter((id) => state.viewed.has(id)).length;
  let status = viewed === 0 ? 'Not started' : viewed < module.pages.length ? 'In progress' : 'Done';
  const scoredHere = course.checks.some((c) => c.scored && module.pages.includes(c.page));
  if (module.assessment && scoredHere && state.passMark !== null) {
    const passed = best !== null && best >= state.passMark;
    if (best !== null) status = passed ? `Passed, best score ${best}%` : `Not passed yet, best score ${best}%`;
  }
  item.append(link, element(doc, 'span', 'cp-cover-minutes', module.minutes ? ` \u00b7 ${module.minutes} min` : ''),
    element(doc, 'span', `cp-state cp-state-${status.split(/[ ,]/)[0]?.toLowerCase() ?? ''}`, ` \u00b7 ${status}`));
  return item;
}
