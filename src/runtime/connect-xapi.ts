/**
 * Turns xAPI on when the launch or the package says where the LRS is (issue 9 point 5, XAPI.md §6):
 * Tin Can launch parameters first, then the settings the build baked in (with keys from the district's
 * token service when it names one), else off (nothing is sent).
 * The browser edges live here (the launch URL, random bytes, fetch, timers, this learner's storage);
 * statement building and delivery are pure modules with these passed in.
 */
import type { CourseData } from '../shared/course-data.js';
import { makeStatementContext } from '../shared/xapi/build-statements.js';
import { makeUuid } from '../shared/xapi/make-uuid.js';
import { parseLaunchParameters } from '../shared/xapi/parse-launch.js';
import type { XapiStatement } from '../shared/xapi/statement-types.js';
import { chooseRegistration, continuesRegistration, resolveXapiConfig } from '../shared/xapi/resolve-config.js';
import type { LearnerStorage } from './learner-storage.js';
import { identityOf, trackXapi, type XapiTracker } from './track-xapi.js';
import { createStatementDelivery } from './xapi/deliver-statements.js';
import { tokenSourceFor } from './xapi/fetch-lrs-token.js';
import { gatherQueued, queueRoute, waitingElsewhere } from './xapi/gather-queued.js';

/**
 * The learner storage items that queue statements (this name, then `:` and a statement id); kept by
 * "Forget my answers" (they are the district's record, not shown to anyone).
 */
export const STATEMENT_QUEUE_ITEM = 'xapi-queue';

/** Where the LRS and its key came from, as `context.platform` says it (to tell why statements went where they went). */
const PLATFORM_SOURCE = {
  launch: 'launch parameters',
  build: 'package settings',
  token: 'package settings, keys from the token service',
} as const;

export interface XapiInput {
  readonly course: CourseData;
  readonly studentId: string;
  readonly studentName: string;
  /** The registration kept in suspend_data, or null. */
  readonly storedRegistration: string | null;
  /** The LMS says this attempt resumes (cmi.core.entry, or saved progress). */
  readonly resumed: boolean;
  readonly storage: LearnerStorage;
  readonly now: () => number;
  /** The clock durations are counted by (study-clock.ts). */
  readonly elapsed: () => number;
  readonly lessonStatus: () => string;
  /** `cmi.core.total_time` in ms: the LMS attempt's earlier sessions. */
  readonly earlierMs: number;
  /** How long statements gather before a request takes them (deliver-statements.ts), or null for delivery's own. */
  readonly batchMs: number | null;
}

export interface XapiConnection {
  readonly registration: string;
  readonly tracker: XapiTracker;
  readonly resumed: boolean;
  /**
   * The learner's statements still waiting on this computer: this launch's queue, what is kept for the
   * learner's launches to other LRSs, and what they left in the course's other packages (a course built one
   * package a module) ("Forget my answers" says how many records are still on the way).
   */
  waiting(): number;
}

export function connectXapi(input: XapiInput): XapiConnection | null {
  const { course } = input;
  const launch = parseLaunchParameters(location.search);
  const config = resolveXapiConfig({
    launch,
    build: course.xapi.endpoint
      ? {
        endpoint: course.xapi.endpoint, ...(course.xapi.auth ? { auth: course.xapi.auth } : {}), ...(course.xapi.homePage ? { homePage: course.xapi.homePage } : {}),
        ...(course.xapi.tokenUrl ? { tokenUrl: course.xapi.tokenUrl } : {}),
      }
      : null,
    studentId: input.studentId,
    studentName: input.studentName,
    learnerNames: course.tracking.learnerNames,
    // The SCORM API is only reachable from a same-origin window, so the LMS's origin is this one.
    lmsOrigin: location.origin,
    homePage: course.xapi.homePage,
  });
  if (!config.enabled) {
    // Said only where someone meant xAPI to be on: a package without an LRS is quiet.
    if (launch.endpoint !== null || course.xapi.endpoint) console.warn(`coursepack xAPI: off, since ${config.reason}`);
    return null;
  }
  // The package's LRS and key are every learner's: statements another learner of this course left queued on
  // this computer go out with this launch's, each under its own actor. An LRS and key a launch gave are
  // that learner's alone, so what is queued for them waits for a launch of theirs to the same LRS (never
  // another learner's): sent with the next launch's, whatever LRS it named, they went to another district's LRS, or to
  // one a crafted link named (`?endpoint=…&actor=` with a learner's address). The key is not part of it: a
  // launch's key is often new each time (XAPI.md §6), and the LRS is the same. The address as delivery reads it.
  // A course built one package a module (`--split modules`) keeps a queue in each module's package (its keys are
  // the package's, learner-storage.ts): what was queued in one module went out only when someone opened that
  // module again, and "Forget my answers" in another left it out of its count. So the package route takes the
  // route's statements of every package of the course, every learner's; a launch route, this learner's own in
  // the other packages (the same learner, the same LRS: as their own queue here), never another learner's.
  // A token service's keys are each learner's too (it gives them for this actor): what another learner left waits
  // for their own launch, as a launch's does, rather than going under this learner's key, which the LRS may refuse.
  // Both are the package's settings: a course rebuilt with a token service in place of its key (or back) keeps its
  // LRS, so each takes the other's statements for it, the token route this learner's alone (gather-queued.ts).
  const route = queueRoute(config.source, config.endpoint);
  const prefix = `${STATEMENT_QUEUE_ITEM}:`;
  const learner = identityOf(config.actor);
  const isMine = (statement: XapiStatement): boolean => learner !== null && identityOf(statement.actor) === learner;
  gatherQueued(input.storage, prefix, route, isMine);
  const uuid = (): string => makeUuid(crypto.getRandomValues(new Uint8Array(16)));
  const registration = chooseRegistration(config.registration, input.storedRegistration, uuid);
  // `credentials: 'include'` (fetch-lrs-token.ts): the service is usually on the LMS's site and knows the learner by the LMS session cookie.
  const token = tokenSourceFor(config, registration, course.xapi.courseIri, { fetch: (url, init) => fetch(url, init), now: Date.now });
  const delivery = createStatementDelivery({
    endpoint: config.endpoint,
    auth: config.auth,
    // In this page's memory only: a key in localStorage would be the next learner's on a shared computer.
    ...(token === undefined ? {} : { token }),
    storage: {
      getItem: (key) => input.storage.get(key),
      setItem: (key, value) => {
        if (!input.storage.set(key, value)) throw new Error('storage is full or blocked');
      },
      removeItem: (key) => input.storage.remove(key),
      names: (prefix) => input.storage.names(prefix),
    },
    storageKey: STATEMENT_QUEUE_ITEM,
    route,
    fetch: (url, init) => fetch(url, init),
    timers: { setTimeout: (fn, ms) => window.setTimeout(fn, ms), clearTimeout: (handle) => window.clearTimeout(handle as number) },
    random: Math.random,
    ...(input.batchMs === null ? {} : { batchDelayMs: input.batchMs }),
    // Delivery's messages already say they are coursepack xAPI's.
    warn: (message) => console.warn(message),
  });
  // The browser's word that the network is back (school Wi-Fi returning): the statements waiting on a back-off
  // of up to minutes go now, while the page is open to send them all (deliver-statements.ts). Chrome 80 has it.
  window.addEventListener('online', () => delivery.retryNow());
  const context = makeStatementContext(course, {
    actor: config.actor,
    registration,
    courseIri: course.xapi.courseIri,
    platform: `coursepack player (SCORM 1.2, xAPI from the ${PLATFORM_SOURCE[config.source]})`,
  });
  const resumed = continuesRegistration(input.resumed, input.storedRegistration, config.registration, registration);
  return {
    registration,
    resumed,
    // This learner's only, as the page after Exit counts them (track-xapi.ts): the queues on this computer also
    // hold what other learners left unsent, and "Forget my answers" told the next learner how much that was.
    waiting: () => delivery.queued(isMine) + waitingElsewhere(input.storage, prefix, route, isMine),
    // The LMS's total time belongs to the attempt whose registration this continues; a new one starts at 0.
    tracker: trackXapi({ course, context, delivery, uuid, now: input.now, elapsed: input.elapsed, lessonStatus: input.lessonStatus, earlierMs: resumed ? input.earlierMs : 0 }),
  };
}
