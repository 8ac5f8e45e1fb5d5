/**
 * Two aggregates → the aggregate of both statement sets, as if one fold had read them in turn. Lets a
 * large export be folded in parts on worker threads (aggregate-in-threads.ts), because every
 * field of the fold is a sum, a minimum, a maximum, a union, a concatenation or latest-by-timestamp
 * (aggregate-types.ts): all of them combine.
 *
 * `first` holds the earlier part of the file and wins where the fold keeps the first value seen (an
 * activity's definition, a question's module, map order). Duplicates across the parts are the caller's
 * business: fold the later part with the earlier part's ids already seen. Past MAX_DISTINCT_RESPONSES
 * distinct responses to one question, which responses are kept by name may differ from a single fold;
 * the total is the same. Pure: neither input is changed.
 */
import { countParts, MAX_DISTINCT_PARTS, MAX_DISTINCT_RESPONSES, MAX_NEAR_COURSE } from './aggregate-statements.js';
import type { Aggregate, Counts, LearnerState, PartBefore, QuestionState, RegistrationState, ReflectionEntry, Stamped } from './aggregate-types.js';
import { WHOLE_COURSE } from './aggregate-types.js';

export function mergeAggregates(first: Aggregate, second: Aggregate): Aggregate {
  const learners = new Map(first.learners);
  for (const [key, b] of second.learners) {
    const a = learners.get(key);
    learners.set(key, a ? mergeLearner(a, b) : b);
  }
  const activities = new Map(first.activities);
  for (const [id, info] of second.activities) if (!activities.has(id)) activities.set(id, info);
  const questions = new Map(first.questions);
  for (const [id, b] of second.questions) {
    const a = questions.get(id);
    questions.set(id, a ? mergeQuestion(a, b, activities.get(id)?.interactionType === 'fill-in') : b);
  }
  const reflections = new Map<string, ReflectionEntry>();
  for (const r of [...first.reflections, ...second.reflections]) {
    const key = `${r.learner}\n${r.reflection}`;
    const old = reflections.get(key);
    // The fold keeps a later text only when strictly later: on a tie the earlier part's stays.
    if (!old || r.time > old.time) reflections.set(key, r);
  }
  const versions = new Map(first.versions);
  for (const [v, n] of second.versions) versions.set(v, (versions.get(v) ?? 0) + n);
  const counts = { ...first.counts };
  for (const k of Object.keys(counts) as Array<keyof Counts>) counts[k] += second.counts[k];
  const homePages = new Set([...first.homePages, ...second.homePages]);
  // As the fold keeps them: every count of an IRI kept, a new IRI only while there is room.
  const nearCourse = new Map(first.nearCourse);
  for (const [iri, n] of second.nearCourse) {
    const old = nearCourse.get(iri);
    if (old !== undefined) nearCourse.set(iri, old + n);
    else if (nearCourse.size < MAX_NEAR_COURSE) nearCourse.set(iri, n);
  }
  const partsBefore = new Map<string, Map<string, PartBefore>>();
  for (const [learner, modules] of [...first.partsBefore, ...second.partsBefore]) {
    partsBefore.set(learner, mergePartsBefore(partsBefore.get(learner) ?? new Map<string, PartBefore>(), modules));
  }
  return { courseIri: first.courseIri, learners, activities, questions, reflections: [...reflections.values()], versions, homePages, nearCourse, partsBefore, counts };
}

function mergePartsBefore(merged: Map<string, PartBefore>, modules: ReadonlyMap<string, PartBefore>): Map<string, PartBefore> {
  for (const [module, b] of modules) {
    const a = merged.get(module);
    merged.set(module, a ? {
      doneAt: minOf(a.doneAt, b.doneAt), passed: a.passed || b.passed, failed: a.failed || b.failed,
      best: a.best === null ? b.best : b.best === null ? a.best : Math.max(a.best, b.best),
    } : { ...b });
  }
  return merged;
}

/**
 * One roster learner's accounts (build-views.ts) as one learner, under `key`: their registrations together, so
 * that XAPI.md §12 rules 4-7 count them as one person's. A registration is one attempt whichever accounts its
 * statements came under: a session the player sent under the LMS account and a relay sent again under the
 * address (other statement ids, the same registration, times and durations) was two attempts and its time twice
 * when the accounts' rows were summed. A session's open or close said under both is read once.
 */
export function mergeAccounts(accounts: readonly LearnerState[], partsBefore: ReadonlyMap<string, ReadonlyMap<string, PartBefore>>, key: string): {
  readonly learner: LearnerState; readonly partsBefore: ReadonlyMap<string, PartBefore> } {
  const [first, ...rest] = accounts;
  if (first === undefined) throw new Error('mergeAccounts: no account');
  const merged = rest.reduce(mergeLearner, first);
  const registrations = new Map<string, RegistrationState>();
  for (const [id, r] of merged.registrations) {
    const closes = new Map(r.closes.map((c) => [`${c.time}|${c.seconds}`, c]));
    registrations.set(id, { ...r, opens: [...new Set(r.opens)], closes: [...closes.values()], times: [...new Set(r.times)] });
  }
  const parts = new Map<string, PartBefore>();
  for (const a of accounts) mergePartsBefore(parts, partsBefore.get(a.key) ?? new Map<string, PartBefore>());
  return { learner: { ...merged, key, registrations }, partsBefore: parts };
}

function mergeLearner(a: LearnerState, b: LearnerState): LearnerState {
  const registrations = new Map(a.registrations);
  for (const [key, rb] of b.registrations) {
    const ra = registrations.get(key);
    registrations.set(key, ra ? mergeRegistration(ra, rb) : rb);
  }
  return {
    key: a.key,
    accountName: a.accountName ?? b.accountName,
    name: latest(a.name, b.name),
    registrations,
    lastActivity: Math.max(a.lastActivity, b.lastActivity),
    lastPage: latest(a.lastPage, b.lastPage),
    modulesStarted: new Set([...a.modulesStarted, ...b.modulesStarted]),
    modulesDone: new Set([...a.modulesDone, ...b.modulesDone]),
  };
}

function mergeRegistration(a: RegistrationState, b: RegistrationState): RegistrationState {
  return {
    key: a.key,
    completedAt: minOf(a.completedAt, b.completedAt),
    // A launch of the whole course in either half makes the registration the course's.
    part: a.part === WHOLE_COURSE || b.part === WHOLE_COURSE ? WHOLE_COURSE : a.part ?? b.part,
    partDoneAt: minOf(a.partDoneAt, b.partDoneAt),
    passedAt: minOf(a.passedAt, b.passedAt),
    failedAt: minOf(a.failedAt, b.failedAt),
    best: a.best === null ? b.best : b.best === null ? a.best : Math.max(a.best, b.best),
    latest: latest(a.latest, b.latest),
    opens: [...a.opens, ...b.opens],
    closes: [...a.closes, ...b.closes],
    times: [...a.times, ...b.times],
    firstTime: Math.min(a.firstTime, b.firstTime),
    lastTime: Math.max(a.lastTime, b.lastTime),
  };
}

function mergeQuestion(a: QuestionState, b: QuestionState, typed: boolean): QuestionState {
  const responses = new Map(a.responses);
  let otherResponses = a.otherResponses + b.otherResponses;
  const otherParts = new Map(a.otherParts);
  const spellings = new Map(a.spellings);
  // b's whole responses first, then what b counted past its own: the order b first saw them in, as one fold of
  // a then b would (which spelling names an answer, which parts fit, follow it).
  for (const [response, n] of b.responses) {
    const old = responses.get(response);
    if (old !== undefined) responses.set(response, old + n);
    else if (responses.size < MAX_DISTINCT_RESPONSES) responses.set(response, n);
    else {
      otherResponses += n;
      countParts(otherParts, response, n, typed ? spellings : undefined);
    }
  }
  // A part is already a part (a fill-in part already an answer's key): counted as it is.
  for (const [part, n] of b.otherParts) {
    const old = otherParts.get(part);
    if (old !== undefined) otherParts.set(part, old + n);
    else if (otherParts.size < MAX_DISTINCT_PARTS) {
      otherParts.set(part, n);
      const spelled = b.spellings.get(part);
      if (spelled !== undefined) spellings.set(part, spelled);
    }
  }
  return {
    id: a.id,
    attempts: a.attempts + b.attempts,
    correct: a.correct + b.correct,
    incorrect: a.incorrect + b.incorrect,
    learners: new Set([...a.learners, ...b.learners]),
    responses,
    otherResponses,
    otherParts,
    spellings,
    module: a.module ?? b.module,
  };
}

/** The later stamped value, ties broken as the fold breaks them (aggregate-statements.ts `later`). */
function latest<T>(a: Stamped<T> | null, b: Stamped<T> | null): Stamped<T> | null {
  if (a === null) return b;
  if (b === null) return a;
  return b.time > a.time || (b.time === a.time && b.tie > a.tie) ? b : a;
}

function minOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}
