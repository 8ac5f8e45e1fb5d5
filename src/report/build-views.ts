/**
 * Aggregate (+ roster, + activities file) → the report's views. Pure.
 */
import { isLanguageTag } from '../shared/language-tag.js';
import { typedKey } from '../shared/typed-answer.js';
import { ACTIVITY_TYPES } from '../shared/xapi/vocabulary.js';
import type { ActivityInfo, Aggregate, LearnerState, QuestionState } from './aggregate-types.js';
import { courseParts } from './course-parts.js';
import { mergeAccounts } from './merge-aggregates.js';
import type { ActivitiesFile } from './read-activities-file.js';
import { rosterKey, rosterMatcher, type RosterEntry } from './read-roster.js';
import { summarizeLearner, type LearnerSummary } from './summarize-learner.js';
import type { ChoiceRow, LearnerRow, ModuleRow, QuestionRow, ReportMeta, ReportViews, SummaryRow } from './view-types.js';

export interface ViewOptions {
  readonly meta: Omit<ReportMeta, 'courseIri' | 'versions' | 'counts' | 'courseName' | 'roster'> & { readonly courseName?: string | undefined };
  readonly roster?: readonly RosterEntry[] | undefined;
  readonly activities?: ActivitiesFile | undefined;
  readonly reflections?: boolean | undefined;
}

export const ALL_LEARNERS = 'All learners';
export const ON_ROSTER = 'On the roster';
export const NOT_ON_ROSTER = '(not on the roster)';

export function buildViews(aggregate: Aggregate, options: ViewOptions): ReportViews {
  const parts = courseParts(aggregate.courseIri);
  const info = activityIndex(aggregate, options.activities);
  const nameOf = (iri: string): string => info.get(iri)?.name ?? lastSegment(iri);
  // The course's modules, from its activities file alone: modules seen in statements are only those someone
  // opened, and with them a learner who did the one module anyone did would count as done.
  const courseModules = (options.activities?.activities ?? []).filter((a) => a.type === ACTIVITY_TYPES.module && parts.moduleOfIri(a.id) === a.id).map((a) => a.id);
  // One roster learner's accounts (an LMS address written two ways, a second LMS, an address and an account)
  // are one person, summarized from their statements together: one roster learner is not counted twice in the
  // summary and their school's, and a registration that reached the LRS under two of them is one attempt.
  const people = peopleOf([...aggregate.learners.values()], options.roster ?? []).map(({ row, accounts }) => {
    const [only] = accounts;
    if (accounts.length === 1 && only) return { row, accounts, summary: summarizeLearner(only, courseModules, aggregate.partsBefore.get(only.key)) };
    // Keyed by the account first in order, so the key (and the pseudonym) stays the same from run to run.
    const merged = mergeAccounts(accounts, aggregate.partsBefore, accounts.map((a) => a.key).sort(compareText)[0] ?? '');
    return { row, accounts, summary: summarizeLearner(merged.learner, courseModules, merged.partsBefore) };
  });
  const summaries = people.map((p) => p.summary);
  const learners = learnerRows(people, options.roster ?? [], nameOf, aggregate.homePages);
  const byKey = new Map(people.flatMap((p) => p.accounts.map((a) => [a.key, p.summary] as const)));
  const groupBy = options.meta.groupBy;

  // With a roster, the first row is the roster's learners alone, and those in the statements who are not on it a row
  // of their own, with --group-by or not: a district proves who on its roster completed, and "All learners: 41
  // enrolled, 41 completed" for a roster of 40 (a stranger completed, a teacher did not) read as everyone done.
  const rostered = options.roster !== undefined;
  const summary: SummaryRow[] = [rostered ? summaryRow(ON_ROSTER, learners.filter((l) => l.onRoster)) : summaryRow(ALL_LEARNERS, learners)];
  const offRoster = learners.filter((l) => !l.onRoster);
  if (rostered && !groupBy && offRoster.length > 0) summary.push(summaryRow(NOT_ON_ROSTER, offRoster));
  if (groupBy) {
    const groups = new Map<string, LearnerRow[]>();
    for (const l of learners) {
      // On the roster with that cell empty is not the same as not on the roster at all.
      const g = l[groupBy] ?? (l.onRoster ? `(no ${groupBy})` : NOT_ON_ROSTER);
      const list = groups.get(g);
      if (list) list.push(l);
      else groups.set(g, [l]);
    }
    for (const g of [...groups.keys()].sort(compareText)) summary.push(summaryRow(g, groups.get(g) ?? []));
  }

  // Modules: the activities file's order, then any others seen, by IRI.
  const moduleIds = [...info.values()].filter((a) => a.type === ACTIVITY_TYPES.module && parts.moduleOfIri(a.id) === a.id).map((a) => a.id);
  const seenModules = new Set<string>();
  for (const s of summaries) for (const m of s.modulesStarted) seenModules.add(m);
  for (const m of [...seenModules].sort(compareText)) if (!moduleIds.includes(m)) moduleIds.push(m);
  // One roster learner's accounts are one learner here too, as in the learner rows: a module they opened under
  // both is started by one, and they stopped where they last were under any.
  const modules: ModuleRow[] = moduleIds.map((id) => {
    let started = 0;
    let completed = 0;
    let stoppedHere = 0;
    for (const s of summaries) {
      if (s.modulesStarted.has(id)) started++;
      if (s.modulesDone.has(id)) completed++;
      if (!s.completed && s.lastPage !== undefined && parts.moduleOfIri(s.lastPage) === id) stoppedHere++;
    }
    return { id, name: nameOf(id), started, completed, stoppedHere };
  });

  // A question's learners are people too: a roster learner who answered under two accounts is one.
  const personOf = new Map<string, number>();
  people.forEach(({ accounts }, i) => { for (const a of accounts) personOf.set(a.key, i); });
  const countPeople = (keys: ReadonlySet<string>): number => new Set([...keys].map((k) => personOf.get(k) ?? k)).size;
  const questions = questionRows(aggregate, info, parts.reflectionsPrefix, nameOf, countPeople);
  const reflections = options.reflections
    ? aggregate.reflections
        .map((r) => ({ learner: r.learner, name: byKey.get(r.learner)?.name, reflection: nameOf(r.reflection), time: r.time, text: r.text }))
        .sort((a, b) => compareText(a.learner, b.learner) || a.time - b.time)
    : undefined;

  const language = options.meta.language ?? options.activities?.language;
  return {
    meta: {
      ...options.meta,
      roster: rostered,
      courseIri: aggregate.courseIri,
      courseName: options.meta.courseName ?? options.activities?.courseName ?? info.get(aggregate.courseIri)?.name,
      language,
      otherLanguages: otherLanguages(info, language),
      versions: [...aggregate.versions.entries()].sort((a, b) => compareText(a[0], b[0])),
      counts: aggregate.counts,
    },
    summary,
    learners,
    modules,
    questions,
    reflections,
  };
}

/**
 * The names (and choices) of activities named in another language than the course's (`en` when it has none), by
 * their text. `und` is no language to mark.
 */
function otherLanguages(info: ReadonlyMap<string, ActivityInfo>, language: string | undefined): Map<string, string> {
  const primary = (tag: string): string => tag.split('-')[0]!.toLowerCase();
  const own = primary(language ?? 'en');
  const other = new Map<string, string>();
  for (const a of info.values()) {
    const tag = languageTag(a.language);
    if (tag === undefined || tag === 'und' || primary(tag) === own) continue;
    for (const text of [a.name, ...[...a.choices, ...a.source, ...a.target].map((c) => c.description)]) {
      if (text !== undefined) other.set(text, tag);
    }
  }
  return other;
}

/**
 * A language map's key as a tag `lang` can hold, or undefined: another tool's statements (an LRS that does not check
 * language maps stores them) key English names `en_US`, marked lang="en_US" in an English report, a language no
 * screen reader has a voice for (axe: valid-lang). `en_US` is read as `en-US`; `english` as no language.
 */
function languageTag(key: string | undefined): string | undefined {
  const tag = key?.replace(/_/g, '-');
  return tag !== undefined && isLanguageTag(tag) ? tag : undefined;
}

/** Names from the activities file win over definitions seen in statements. */
function activityIndex(aggregate: Aggregate, file: ActivitiesFile | undefined): Map<string, ActivityInfo> {
  const index = new Map<string, ActivityInfo>();
  for (const a of file?.activities ?? []) index.set(a.id, a);
  for (const [id, a] of aggregate.activities) if (!index.has(id)) index.set(id, a);
  return index;
}

function learnerRows(people: ReadonlyArray<{ readonly row: RosterEntry | undefined; readonly summary: LearnerSummary }>, roster: readonly RosterEntry[],
  nameOf: (iri: string) => string, homePages: ReadonlySet<string>): LearnerRow[] {
  const matched = new Set<RosterEntry>();
  const rows: LearnerRow[] = people.map(({ row: r, summary: s }) => {
    if (r) matched.add(r);
    return {
      learner: s.key,
      name: s.name ?? r?.name,
      school: r?.school,
      role: r?.role,
      onRoster: r !== undefined,
      status: s.status,
      completed: s.completed,
      success: s.success,
      bestScaled: s.bestScaled,
      latestScaled: s.latestScaled,
      attempts: s.attempts,
      timeSeconds: s.timeSeconds,
      completedAt: s.completedAt,
      lastActivity: s.lastActivity,
      lastPage: s.completed || s.lastPage === undefined ? undefined : nameOf(s.lastPage),
    };
  });
  // Roster learners with no statement have not started. Their key uses the roster's homePage, else the
  // one home page every learner in scope shares (in or out of the date window: the key, and so the
  // pseudonym, stays the same from week to week), so they line up with learners who have started.
  const onlyHomePage = homePages.size === 1 ? [...homePages][0] : undefined;
  for (const r of roster) {
    if (matched.has(r)) continue;
    const homePage = r.homePage ?? onlyHomePage;
    rows.push({
      // An e-mail address is a learner's key as it is (lower case), never under an LMS's address: the key, and
      // the pseudonym, then stay the same once they start (a roster id mailto:Frank… was the LMS's |mailto:Frank…).
      learner: /^mailto:/i.test(r.id) && r.homePage === undefined ? rosterKey(r) : homePage === undefined ? r.id : `${homePage}|${r.id}`,
      name: r.name, school: r.school, role: r.role, onRoster: true, status: 'not-started', completed: false, success: null,
      bestScaled: null, latestScaled: null, attempts: 0, timeSeconds: 0, completedAt: null, lastActivity: null, lastPage: undefined,
    });
  }
  return rows.sort(compareLearners);
}

/**
 * The learners in the statements by person: a roster row without a homePage matches any account with that name
 * (the roster is keyed by account.name, XAPI.md §12 feature 1), and an e-mail address its mbox, its SHA-1 and an
 * account named so (rosterMatcher); each learner off the roster is a person of their own.
 */
function peopleOf(learners: readonly LearnerState[], roster: readonly RosterEntry[]): Array<{ readonly row: RosterEntry | undefined; readonly accounts: LearnerState[] }> {
  const rosterRow = rosterMatcher(roster);
  const people = new Map<RosterEntry | string, { readonly row: RosterEntry | undefined; readonly accounts: LearnerState[] }>();
  for (const l of learners) {
    const row = rosterRow(l);
    const person = people.get(row ?? l.key);
    if (person) person.accounts.push(l);
    else people.set(row ?? l.key, { row, accounts: [l] });
  }
  return [...people.values()];
}

export function compareLearners(a: LearnerRow, b: LearnerRow): number {
  return compareText(a.name ?? '\uffff', b.name ?? '\uffff') || compareText(a.learner, b.learner);
}

function summaryRow(group: string, rows: readonly LearnerRow[]): SummaryRow {
  const count = (status: LearnerRow['status']): number => rows.filter((r) => r.status === status).length;
  const times = rows.filter((r) => r.timeSeconds > 0).map((r) => r.timeSeconds).sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  const median = times.length === 0 ? null : times.length % 2 ? (times[mid] ?? 0) : ((times[mid - 1] ?? 0) + (times[mid] ?? 0)) / 2;
  return {
    group,
    enrolled: rows.length,
    started: rows.filter((r) => r.status !== 'not-started').length,
    inProgress: count('in-progress'),
    completed: rows.filter((r) => r.completed).length,
    passed: count('passed'),
    failed: count('failed'),
    notStarted: count('not-started'),
    medianTimeSeconds: median,
  };
}

function questionRows(aggregate: Aggregate, info: ReadonlyMap<string, ActivityInfo>, reflectionsPrefix: string, nameOf: (iri: string) => string,
  countPeople: (keys: ReadonlySet<string>) => number): QuestionRow[] {
  const isQuestion = (a: ActivityInfo): boolean =>
    a.type === ACTIVITY_TYPES.interaction && a.interactionType !== 'long-fill-in' && !a.id.startsWith(reflectionsPrefix);
  const ids = [...info.values()].filter(isQuestion).map((a) => a.id);
  for (const id of [...aggregate.questions.keys()].sort(compareText)) if (!ids.includes(id)) ids.push(id);
  return ids.map((id) => {
    const q: QuestionState | undefined = aggregate.questions.get(id);
    const a = info.get(id);
    const choices = choiceRows(a, q);
    const responses = choices.length
      ? []
      : a?.interactionType === 'fill-in' ? typedRows(a, q) : [...(q?.responses ?? new Map<string, number>()).entries()]
          .map(([response, count]) => ({ response, count }))
          .concat(q && q.otherResponses ? [{ response: '(other responses)', count: q.otherResponses }] : [])
          .sort((x, y) => y.count - x.count || compareText(x.response, y.response));
    return {
      id,
      name: nameOf(id),
      module: a?.module ?? q?.module,
      interactionType: a?.interactionType,
      attempts: q?.attempts ?? 0,
      learners: q ? countPeople(q.learners) : 0,
      correct: q?.correct ?? 0,
      judged: (q?.correct ?? 0) + (q?.incorrect ?? 0),
      choices,
      responses,
    };
  });
}

/**
 * A fill-in question's responses as the player judged them: answers that differ only in capitals, spaces,
 * quotes or a closing full stop (typed-answer.ts) are one row, named by the accepted answer it is, else by
 * its most frequent spelling; right when it reads as one of the question's correct responses.
 */
function typedRows(a: ActivityInfo, q: QuestionState | undefined): Array<{ response: string; count: number; correct?: boolean }> {
  const accepted = new Map<string, string>();
  for (const pattern of a.correctResponsesPattern ?? []) {
    // A leading `{case_matters=…}` or `{lang=…}` is a parameter, not the answer (Data §2.4.4.1).
    const text = pattern.replace(/^(\{[^}]*\})+/, '');
    if (!accepted.has(typedKey(text))) accepted.set(typedKey(text), text.trim());
  }
  const groups = new Map<string, { count: number; forms: Map<string, number> }>();
  for (const [response, n] of q?.responses ?? []) {
    const key = typedKey(response);
    const group = groups.get(key) ?? { count: 0, forms: new Map<string, number>() };
    group.count += n;
    group.forms.set(response, (group.forms.get(response) ?? 0) + n);
    groups.set(key, group);
  }
  // Past the whole responses kept, each answer was counted by its key (aggregate-statements.ts countParts), or by
  // its whole text when the statements came without the question's definition (the type unknown as they were
  // read, the definition from --activities): keyed here, which leaves a key as it is.
  let counted = 0;
  for (const [part, n] of q?.otherParts ?? []) {
    const key = typedKey(part);
    const group = groups.get(key) ?? { count: 0, forms: new Map<string, number>() };
    group.count += n;
    counted += n;
    // An answer seen only past the whole responses kept is named by the first spelling learners gave it (the part
    // itself is the key's form: lower case, folded); one seen among them keeps its most frequent spelling there.
    if (group.forms.size === 0) group.forms.set(q?.spellings.get(part) ?? part, n);
    groups.set(key, group);
  }
  const rows: Array<{ response: string; count: number; correct?: boolean }> = [...groups].map(([key, { count, forms }]) => {
    const spelled = [...forms].sort((x, y) => y[1] - x[1] || compareText(x[0], y[0]))[0]?.[0] ?? key;
    return { response: accepted.get(key) ?? spelled, count, correct: accepted.has(key) };
  });
  // Past the answers counted, right and wrong ones alike.
  const rest = (q?.otherResponses ?? 0) - counted;
  if (rest > 0) rows.push({ response: '(other responses)', count: rest });
  return rows.sort((x, y) => y.count - x.count || compareText(x.response, y.response));
}

/** Data §2.4.4.1: a choice response is the chosen ids joined by `[,]`; true-false is `true`/`false`. */
function choiceRows(a: ActivityInfo | undefined, q: QuestionState | undefined): ChoiceRow[] {
  const type = a?.interactionType;
  if (type === 'matching' && a) return matchRows(a, q);
  if (type !== 'choice' && type !== 'true-false') return [];
  const correct = new Set((a?.correctResponsesPattern?.[0] ?? '').split('[,]').filter((c) => c !== ''));
  const counts = new Map<string, number>();
  for (const [id, n] of partCounts(q)) counts.set(id, (counts.get(id) ?? 0) + n);
  const known = type === 'true-false' ? [{ id: 'true', description: 'True' }, { id: 'false', description: 'False' }] : (a?.choices ?? []);
  const rows: ChoiceRow[] = known.map((c) => ({ id: c.id, description: c.description, count: counts.get(c.id) ?? 0, correct: correct.has(c.id) }));
  for (const [id, count] of [...counts].sort((x, y) => compareText(x[0], y[0]))) {
    if (!known.some((c) => c.id === id)) rows.push({ id, description: undefined, count, correct: correct.has(id) });
  }
  return rows;
}

/** How often each `[,]`-separated part of a response (a choice, a matching pair) was given: the whole responses kept, and the parts of the rest. */
function partCounts(q: QuestionState | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (part: string, n: number): void => {
    if (part !== '') counts.set(part, (counts.get(part) ?? 0) + n);
  };
  for (const [response, n] of q?.responses ?? []) for (const part of response.split('[,]')) add(part, n);
  for (const [part, n] of q?.otherParts ?? []) add(part, n);
  return counts;
}

/**
 * A matching question's responses by pair (Data §2.4.4.1: `item[.]answer` pairs joined by `[,]`): how often
 * each item was matched to each answer, every right pair listed (0 times too) and every pair chosen, in the
 * items' order then the answers', named "item → answer". Which item trips learners, and for which wrong
 * answer, is what an admin looks for; a count of whole responses hides it past a few items.
 */
function matchRows(a: ActivityInfo, q: QuestionState | undefined): ChoiceRow[] {
  const pairsOf = (response: string): string[] => response.split('[,]').filter((p) => p.includes('[.]')).map((p) => p.replace('[.]', '.'));
  const correct = new Set(pairsOf(a.correctResponsesPattern?.[0] ?? ''));
  const counts = new Map<string, number>([...correct].map((p) => [p, 0]));
  for (const [part, n] of partCounts(q)) for (const pair of pairsOf(part)) counts.set(pair, (counts.get(pair) ?? 0) + n);
  const place = (list: ActivityInfo['source'], id: string): number => {
    const at = list.findIndex((c) => c.id === id);
    return at < 0 ? list.length : at;
  };
  const split = (pair: string): [string, string] => {
    const dot = pair.indexOf('.');
    return [pair.slice(0, dot), pair.slice(dot + 1)];
  };
  return [...counts].map(([pair, count]) => {
    const [item, answer] = split(pair);
    const from = a.source.find((c) => c.id === item)?.description;
    const to = a.target.find((c) => c.id === answer)?.description;
    return { id: pair, description: from !== undefined && to !== undefined ? `${from} \u2192 ${to}` : undefined, count, correct: correct.has(pair) };
  }).sort((x, y) => {
    const [xi, xa] = split(x.id);
    const [yi, ya] = split(y.id);
    return place(a.source, xi) - place(a.source, yi) || place(a.target, xa) - place(a.target, ya) || compareText(x.id, y.id);
  });
}

/** Numbers in text in numeric order (`check-2` before `check-10`, `Learner 9` before `Learner 10`), then code units. */
const collator = new Intl.Collator('en', { numeric: true });

export function compareText(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The last path segment of an IRI, percent-decoded when it decodes: an IRI the LRS accepted may hold an
 * escape that is not UTF-8 (`caf%FF`) or a lone `%`, and one such activity must not stop a report.
 */
function lastSegment(iri: string): string {
  const segment = iri.slice(iri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
