/**
 * The aggregation of XAPI.md §12 as a fold: statements go in one at a time, in any order, and only the
 * compact state of aggregate-types.ts is kept. Pure: no I/O, no clock.
 *
 * Voiding (rule 2) needs to know a statement is voided before it is folded, since a fold cannot take
 * a statement back. An LRS never returns voided statements (Communication §2.1.4); in an export or a
 * synced copy a voiding statement retracts its target whether it comes before or after it. A voiding
 * statement met in the stream is remembered for the targets after it, and the aggregator says whether
 * it took in a statement voided later (`tookAny`): the reader then folds again with every voided id
 * known up front (fold-file.ts). Most exports hold no voiding statement, or only ones whose targets
 * the LRS left out, and are read once.
 */
import { VERBS } from '../shared/xapi/vocabulary.js';
import type {
  ActivityInfo,
  Aggregate,
  AggregateOptions,
  Counts,
  LearnerState,
  PartBefore,
  QuestionState,
  ReflectionEntry,
  RegistrationState,
  Stamped,
} from './aggregate-types.js';
import { WHOLE_COURSE } from './aggregate-types.js';
import { typedKey } from '../shared/typed-answer.js';
import { readActivityInfo } from './read-activity.js';
import { isVoiding, type StatementFacts } from './read-statement.js';
import { ownString } from './own-string.js';
import { StatementIdSet } from './statement-id-set.js';
import { courseParts, type CourseParts } from './course-parts.js';
import { nearCourseTest } from './course-iri-near.js';

/** Distinct whole responses kept per question; fill-in answers beyond this count as "other". */
export const MAX_DISTINCT_RESPONSES = 200;

/** What a package says of its own launch: its sessions and its result. */
const PACKAGE_VERBS: ReadonlySet<string> = new Set([VERBS.initialized, VERBS.resumed, VERBS.suspended, VERBS.terminated, VERBS.completed, VERBS.passed, VERBS.failed]);

/** Distinct parts of the responses past MAX_DISTINCT_RESPONSES kept per question (26 × 26 matching pairs fit). */
export const MAX_DISTINCT_PARTS = 1000;

/** The longest fill-in response counted by its answer's key past the whole responses kept (SCORM 1.2's fill-in limit). */
const MAX_KEYED = 255;

/**
 * Counts the `[,]`-separated parts of a response not kept whole (QuestionState.otherParts); a fill-in
 * response (given `spellings`, where the first spelling of each answer goes) is one part, the answer as the
 * player reads it (typed-answer.ts), so the spellings of one answer past the whole responses kept still
 * count as it.
 */
export function countParts(parts: Map<string, number>, response: string, n: number, spellings?: Map<string, string>): void {
  // The player sends at most 40 characters (typed-answer.ts): a longer "answer" came from elsewhere and stays
  // one of the other responses, uncounted by key.
  if (spellings && response.length > MAX_KEYED) return;
  for (const part of spellings ? [typedKey(response)] : response.split('[,]')) {
    if (part === '') continue;
    const old = parts.get(part);
    if (old !== undefined) parts.set(part, old + n);
    else if (parts.size < MAX_DISTINCT_PARTS) {
      parts.set(ownString(part), n);
      spellings?.set(part, ownString(response));
    }
  }
}

export interface Aggregator {
  add(facts: StatementFacts): void;
  result(): Aggregate;
  /** The ids of every statement read so far. */
  readonly seen: StatementIdSet;
  /**
   * The ids retracted so far: those given up front and those the trusted voiding statements read here
   * name (a retried copy's too: every cut of a file finds the same).
   */
  readonly voids: StatementIdSet;
  /**
   * Ids read here that were not taken in as statements: voiding statements, and statements skipped as
   * voided. With `seen`, what `tookAny` needs, also from another thread (aggregate-in-threads.ts).
   */
  readonly exempt: StatementIdSet;
  /**
   * Whether the fold took in a statement one of `voided` retracts: one read before its voiding
   * statement (later in the file, or in another part). The result is then not rule 2's: fold again with
   * `voided` known up front. Ids in `seen` before the fold (an earlier part's) count as read by it: at
   * worst a needless second fold.
   */
  tookAny(voided: StatementIdSet): boolean;
}

/** Ids known to be voided before a fold: a plain set, or the one an earlier fold learned (`voids`). */
export type VoidedIds = ReadonlySet<string> | StatementIdSet;

/** Slots a set that is usually empty starts with (the voided ids of a part of a file). */
const SMALL_SET_SLOTS = 16;

/** Distinct near IRIs kept (case variants are unbounded in hostile input; a handful is the real case). */
export const MAX_NEAR_COURSE = 16;

/**
 * @param voided ids retracted by voiding statements, known before the fold (found by an earlier fold).
 * @param seen ids already counted elsewhere (an earlier part of the same file, folded by another
 *   thread): their statements count as duplicates here. The aggregator adds to this set.
 */
export function createAggregator(options: AggregateOptions, voided: VoidedIds = new Set(), seen = new StatementIdSet()): Aggregator {
  const parts = courseParts(options.courseIri);
  const course = parts.course;
  // Small until voiding statements come: most parts of most files have none.
  const voidedIds = new StatementIdSet(voided.size, SMALL_SET_SLOTS);
  if (voided instanceof StatementIdSet) voidedIds.addAll(voided);
  else for (const id of voided) voidedIds.add(id);
  const exempt = new StatementIdSet(0, SMALL_SET_SLOTS);
  const learners = new Map<string, LearnerState>();
  const activities = new Map<string, ActivityInfo>();
  const questions = new Map<string, QuestionState>();
  const reflections = new Map<string, ReflectionEntry>();
  const versions = new Map<string, number>();
  const homePages = new Set<string>();
  const nearCourse = new Map<string, number>();
  const partsBefore = new Map<string, Map<string, PartBefore>>();
  const isNearCourse = nearCourseTest(course);
  let lastActorKey = '';
  const counts: Counts = { read: 0, counted: 0, duplicates: 0, voiding: 0, voided: 0, outOfScope: 0, outOfWindow: 0, otherVersion: 0, untrusted: 0, anonymous: 0 };

  function add(f: StatementFacts): void {
    counts.read++;
    // Rule 8: a retried statement has the same id; count it once.
    if (!seen.add(f.id)) {
      counts.duplicates++;
      // A copy counts once, but what it voids is voided: a part that holds only this copy learns it
      // as its own, so every thread count and every cut of the file agree.
      if (isVoiding(f) && isTrusted(f, options.trustedAuthorities)) voidedIds.add(f.objectId);
      return;
    }
    // Rule 2: a voiding statement is never a metric; it retracts its target. Its actor is the admin.
    const trusted = isTrusted(f, options.trustedAuthorities);
    if (isVoiding(f)) {
      exempt.add(f.id);
      // Rule 9 holds for voiding too: a leaked key must not be able to retract a trusted pass.
      if (!trusted) counts.untrusted++;
      else {
        counts.voiding++;
        voidedIds.add(f.objectId);
      }
      return;
    }
    if (voidedIds.has(f.id)) {
      exempt.add(f.id);
      counts.voided++;
      return;
    }
    if (f.actorKey === '') {
      counts.anonymous++;
      return;
    }
    // Rule 1: the course is the object or one of the context activities (related_activities=true).
    if (f.objectId !== course && !f.contextIds.includes(course)) {
      counts.outOfScope++;
      noteNearCourse(f);
      return;
    }
    if (f.revision !== undefined) versions.set(f.revision, (versions.get(f.revision) ?? 0) + 1);
    // Looked at when the actor changes (statements come learner by learner): off the per-statement path.
    if (f.actorKey !== lastActorKey) {
      lastActorKey = f.actorKey;
      if (f.accountName !== undefined && f.actorKey.length > f.accountName.length) homePages.add(ownString(f.actorKey.slice(0, f.actorKey.length - f.accountName.length - 1)));
    }
    // Rule 9: statements sent with an unknown key are not trusted.
    if (!trusted) {
      counts.untrusted++;
      return;
    }
    const before = options.since !== undefined && f.time < options.since;
    if (before || (options.until !== undefined && f.time > options.until)) {
      counts.outOfWindow++;
      if (before && (options.version === undefined || f.revision === options.version)) notePartBefore(f);
      return;
    }
    if (options.version !== undefined && f.revision !== options.version) {
      counts.otherVersion++;
      return;
    }
    counts.counted++;
    const module = moduleOf(f, parts);
    noteActivities(f, module);
    fold(learnerOf(f), f, module, seen.lastTie);
  }

  /** What a module package said of its module before the window (Aggregate.partsBefore): completion, pass, fail, score. */
  function notePartBefore(f: StatementFacts): void {
    const done = f.verb === VERBS.completed || f.verb === VERBS.passed || f.result?.completion === true;
    const scaled = f.result?.scaled ?? null;
    if (!done && f.verb !== VERBS.failed && scaled === null) return;
    const module = moduleOf(f, parts);
    if (module === undefined || f.objectId !== module || !PACKAGE_VERBS.has(f.verb)) return;
    let modules = partsBefore.get(f.actorKey);
    if (!modules) partsBefore.set(ownString(f.actorKey), (modules = new Map()));
    let part = modules.get(module);
    if (!part) modules.set(intern(module), (part = { doneAt: null, passed: false, failed: false, best: null }));
    if (done) part.doneAt = min(part.doneAt, f.time);
    if (f.verb === VERBS.passed) part.passed = true;
    if (f.verb === VERBS.failed) part.failed = true;
    if (scaled !== null && (part.best === null || scaled > part.best)) part.best = scaled;
  }

  /** The course IRI written another way, in a statement left out (course-iri-near.ts); a few such IRIs at most. */
  function noteNearCourse(f: StatementFacts): void {
    let near = isNearCourse(f.objectId) ? f.objectId : undefined;
    for (let i = 0; near === undefined && i < f.contextIds.length; i++) {
      const id = f.contextIds[i] as string;
      if (isNearCourse(id)) near = id;
    }
    if (near === undefined) return;
    const n = nearCourse.get(near);
    if (n !== undefined) nearCourse.set(near, n + 1);
    else if (nearCourse.size < MAX_NEAR_COURSE) nearCourse.set(ownString(near), 1);
  }

  /** Definitions the scanner handed back before (the same object for the same text): already noted. */
  const knownDefinitions = new WeakSet<object>();
  function noteActivities(f: StatementFacts, module: string | undefined): void {
    const d = f.objectDefinition;
    if (!f.objectIsStatementRef && d !== undefined && !(typeof d === 'object' && d !== null && knownDefinitions.has(d))) {
      if (!activities.has(f.objectId)) {
        const info = readActivityInfo(f.objectId, d, module);
        if (info) activities.set(info.id, info);
      }
      if (typeof d === 'object' && d !== null) knownDefinitions.add(d);
    }
    for (const p of f.parents) {
      if (p.definition !== undefined && !activities.has(p.id)) {
        const info = readActivityInfo(p.id, p.definition, parts.moduleOfIri(p.id));
        if (info) activities.set(info.id, info);
      }
    }
  }

  function learnerOf(f: StatementFacts): LearnerState {
    let learner = learners.get(f.actorKey);
    if (!learner) {
      learner = {
        key: ownString(f.actorKey),
        accountName: f.accountName === undefined ? undefined : ownString(f.accountName),
        name: null,
        registrations: new Map(),
        lastActivity: f.time,
        lastPage: null,
        modulesStarted: new Set(),
        modulesDone: new Set(),
      };
      learners.set(learner.key, learner);
    }
    return learner;
  }

  /** Activity IRIs repeat on every statement: one owned copy each. */
  const interned = new Map<string, string>();
  function intern(text: string): string {
    let owned = interned.get(text);
    if (owned === undefined) {
      owned = ownString(text);
      interned.set(owned, owned);
    }
    return owned;
  }

  /** Statements mostly come in runs of one learner's registration: the last one is checked first. */
  let lastLearner: LearnerState | undefined;
  let lastRegistration: RegistrationState | undefined;
  function registrationOf(learner: LearnerState, f: StatementFacts): RegistrationState {
    if (learner === lastLearner && lastRegistration?.key === f.registration) return lastRegistration;
    let reg = learner.registrations.get(f.registration);
    if (!reg) {
      const key = ownString(f.registration);
      reg = { key, completedAt: null, passedAt: null, failedAt: null, best: null, latest: null, opens: [], closes: [], times: [], firstTime: f.time, lastTime: f.time, part: null, partDoneAt: null };
      learner.registrations.set(key, reg);
    }
    lastLearner = learner;
    lastRegistration = reg;
    return reg;
  }

  function fold(learner: LearnerState, f: StatementFacts, module: string | undefined, tie: number): void {
    if (f.actorName !== undefined && later(f.time, tie, learner.name)) {
      const value = learner.name?.value === f.actorName ? learner.name.value : ownString(f.actorName);
      learner.name = stamp(learner.name, f.time, tie, value);
    }
    if (f.time > learner.lastActivity) learner.lastActivity = f.time;
    const reg = registrationOf(learner, f);
    reg.times.push(f.time);
    if (f.time < reg.firstTime) reg.firstTime = f.time;
    if (f.time > reg.lastTime) reg.lastTime = f.time;
    const onCourse = f.objectId === course;
    const r = f.result;
    // A package of one module (--split modules) says its sessions and results of the module: they count as
    // the course's do, but its completion is the module's (summarize-learner.ts puts the course together).
    const onPart = !onCourse && module !== undefined && f.objectId === module && PACKAGE_VERBS.has(f.verb);
    if (onCourse || onPart) {
      const done = f.verb === VERBS.completed || r?.completion === true;
      if (onPart) {
        reg.part ??= module ?? null;
        if (done || f.verb === VERBS.passed) reg.partDoneAt = min(reg.partDoneAt, f.time);
      } else {
        if (PACKAGE_VERBS.has(f.verb)) reg.part = WHOLE_COURSE;
        // Rule 4: completion is sticky; keep the first time it happened.
        if (done) reg.completedAt = min(reg.completedAt, f.time);
      }
      // Rule 5: passed and failed are both kept; passed wins when the learner's status is made.
      if (f.verb === VERBS.passed) reg.passedAt = min(reg.passedAt, f.time);
      if (f.verb === VERBS.failed) reg.failedAt = min(reg.failedAt, f.time);
      if (r && r.scaled !== null) {
        if (reg.best === null || r.scaled > reg.best) reg.best = r.scaled;
        if (later(f.time, tie, reg.latest)) reg.latest = stamp(reg.latest, f.time, tie, r.scaled);
      }
      if (f.verb === VERBS.initialized || f.verb === VERBS.resumed) reg.opens.push(f.time);
      // Rule 7: session-closing statements carry the session's duration.
      if (f.verb === VERBS.terminated || f.verb === VERBS.suspended) reg.closes.push({ time: f.time, seconds: r?.durationSeconds ?? null });
    }
    if (f.verb === VERBS.experienced) {
      if (module !== undefined) learner.modulesStarted.add(module);
      if (later(f.time, tie, learner.lastPage)) learner.lastPage = stamp(learner.lastPage, f.time, tie, intern(f.objectId));
    }
    if (module !== undefined && f.objectId === module) {
      const done = f.verb === VERBS.completed || (f.verb === VERBS.progressed && (r?.progress ?? 0) >= 100);
      learner.modulesStarted.add(module);
      if (done) learner.modulesDone.add(module);
    }
    if (f.verb === VERBS.answered) answered(learner, f, module);
  }

  function answered(learner: LearnerState, f: StatementFacts, module: string | undefined): void {
    if (module !== undefined) learner.modulesStarted.add(module);
    const info = activities.get(f.objectId);
    const prefix = parts.reflectionsPrefix;
    const isReflection = f.objectId.slice(0, prefix.length) === prefix || info?.interactionType === 'long-fill-in';
    if (isReflection) {
      if (!options.keepReflections || f.result?.response === undefined) return;
      const k = `${learner.key}\n${intern(f.objectId)}`;
      const old = reflections.get(k);
      if (!old || f.time > old.time) {
        reflections.set(k, { learner: learner.key, reflection: intern(f.objectId), time: f.time, text: ownString(f.result.response) });
      }
      return;
    }
    let q = questions.get(f.objectId);
    if (!q) {
      q = { id: intern(f.objectId), attempts: 0, correct: 0, incorrect: 0, learners: new Set(), responses: new Map(), otherResponses: 0, otherParts: new Map(), spellings: new Map(), module };
      questions.set(q.id, q);
    }
    if (q.module === undefined) q.module = module;
    q.attempts++;
    q.learners.add(learner.key);
    if (f.result?.success === true) q.correct++;
    else if (f.result?.success === false) q.incorrect++;
    const response = f.result?.response;
    if (response !== undefined) {
      const n = q.responses.get(response);
      if (n !== undefined) q.responses.set(response, n + 1);
      else if (q.responses.size < MAX_DISTINCT_RESPONSES) q.responses.set(ownString(response), 1);
      else {
        q.otherResponses++;
        countParts(q.otherParts, response, 1, info?.interactionType === 'fill-in' ? q.spellings : undefined);
      }
    }
  }

  return {
    add,
    seen,
    voids: voidedIds,
    exempt,
    tookAny: (ids) => ids.anyIn(seen, exempt),
    result: () => ({
      courseIri: course,
      learners,
      activities,
      questions,
      reflections: [...reflections.values()],
      versions,
      homePages,
      nearCourse,
      partsBefore,
      counts: { ...counts },
    }),
  };
}


/** Latest by timestamp; equal timestamps are ordered by statement id bits, so arrival order does not matter. */
function later(time: number, tie: number, current: Stamped<unknown> | null): boolean {
  return current === null || time > current.time || (time === current.time && tie > current.tie);
}

function stamp<T>(current: Stamped<T> | null, time: number, tie: number, value: T): Stamped<T> {
  if (current === null) return { time, tie, value };
  current.time = time;
  current.tie = tie;
  current.value = value;
  return current;
}

function min(a: number | null, b: number): number {
  return a === null || b < a ? b : a;
}

/** The module a statement belongs to: its object, a parent, or the module part of a page or question IRI. */
function moduleOf(f: StatementFacts, parts: CourseParts): string | undefined {
  const own = parts.moduleOfIri(f.objectId);
  if (own !== undefined) return own;
  for (const p of f.parents) {
    const m = parts.moduleOfIri(p.id);
    if (m !== undefined) return m;
  }
  return undefined;
}

/** Rule 9: without a list every statement is trusted; with one, only those sent with a key on it. */
export function isTrusted(f: StatementFacts, trustedAuthorities: ReadonlySet<string> | undefined): boolean {
  return !trustedAuthorities || f.authorityKeys.some((k) => trustedAuthorities.has(k));
}
