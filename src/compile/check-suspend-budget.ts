/**
 * SCORM 1.2 caps cmi.suspend_data at 4,096 characters (SCORM12.md §3.3, pitfall 5: an overflow breaks
 * resume in Moodle's standard mode). The player's encoding has a fixed layout, so the longest string a
 * course can ever produce is known at build time: refuse the course before a learner hits the limit.
 */
import type { CourseData } from '../shared/course-data.js';
import { SUSPEND_DATA_LIMIT, worstCaseSuspendDataLength } from '../shared/suspend-data.js';
import { MAX_TYPED } from '../shared/typed-answer.js';
import { COURSE_CONFIG_FILE } from './parse-config.js';
import type { Report } from './rules.js';

/** What one fill-in check can take of cmi.suspend_data: a 6-bit length and 16 bits a character (suspend-data.ts). */
const FILL_IN_CHARACTERS = Math.ceil((6 + 16 * MAX_TYPED) / 6);

/**
 * @param split the package is one module's (`--split modules`): splitting is no advice then, and the message
 *   goes to that module's file.
 * @param moduleFile the file of a module, by id (`modules/03-quiz.md`), to say where the fill-in checks are.
 */
export function checkSuspendBudget(data: CourseData, report: Report, split: boolean, moduleFile: (id: string) => string): void {
  const worst = worstCaseSuspendDataLength(data);
  if (worst <= SUSPEND_DATA_LIMIT) return;
  // A fill-in check keeps the words typed, about a hundred characters at most, where a page or an option
  // takes a bit: the checks to change when they are what fills it, and the module that has most of them.
  const moduleOf = new Map(data.pages.map((p) => [p.id, p.module]));
  const typedIn = new Map<string, number>();
  for (const c of data.checks) if (c.type === 'fill-in') typedIn.set(moduleOf.get(c.page) ?? '', (typedIn.get(moduleOf.get(c.page) ?? '') ?? 0) + 1);
  const typed = [...typedIn.values()].reduce((a, b) => a + b, 0);
  const cost = FILL_IN_CHARACTERS * typed;
  const [most] = [...typedIn].sort((a, b) => b[1] - a[1]);
  const fillIns = typed > 0 && cost > worst / 4 && most !== undefined;
  // Splitting helps only when every module would fit in a package of its own.
  const splitFits = !split && data.modules.every((m) => worstCaseSuspendDataLength(moduleAlone(data, m.id)) <= SUSPEND_DATA_LIMIT);
  const splitAdvice = splitFits ? ', or split the course (npx coursepack build --split modules)' : '';
  const file = fillIns ? moduleFile(most[0]) : split ? moduleFile(data.modules[0]?.id ?? '') : COURSE_CONFIG_FILE;
  report('suspend-data-budget', file, undefined,
    `Saved progress for ${data.id} could reach ${worst} characters; SCORM 1.2 allows ${SUSPEND_DATA_LIMIT} (cmi.suspend_data)`,
    fillIns
      ? `Its ${typed} fill-in checks take up to about ${cost} of them (${FILL_IN_CHARACTERS} each, the words typed), ${most[1]} of them in ${moduleFile(most[0])}: make some of them choice checks${splitAdvice}.`
      : `Give it fewer pages, checks or options${splitAdvice}${split ? ' (one package a module is as far as splitting goes)' : ''}.`);
}

/** The course data of one module alone, as its package would have it, for the worst case a split would give. */
function moduleAlone(data: CourseData, id: string): CourseData {
  const pages = data.pages.filter((p) => p.module === id);
  const ids = new Set(pages.map((p) => p.id));
  return { ...data, modules: data.modules.filter((m) => m.id === id), pages, checks: data.checks.filter((c) => ids.has(c.page)), reflections: data.reflections.filter((r) => ids.has(r.page)) };
}
