/**
 * The xAPI tracker: a second subscriber of the player store (STYLE.md §6, H5P's one source of
 * learner events and many listeners). Player events become statements (src/shared/xapi,
 * XAPI.md §2); the course result comes from the session policy's `onStatus`, the one place that
 * sets `cmi.core.lesson_status`, so the LMS and the LRS never disagree (issue 9 point 1).
 * Delivery (src/runtime/xapi) queues, batches and retries; nothing here can block or break SCORM
 * tracking or navigation.
 */
import type { CourseData } from '../shared/course-data.js';
import { isFinalStatus } from '../shared/course-outcome.js';
import {
  buildAnswered, buildCompleted, buildExperienced, buildFailed, buildInitialized, buildPassed, buildProgressed,
  buildReflectionAnswered, buildResumed, buildSuspended, buildTerminated, type StatementContext, type StatementStamp,
} from '../shared/xapi/build-statements.js';
import type { XapiAgent, XapiStatement } from '../shared/xapi/statement-types.js';
import type { Subscriber } from './player-store.js';
import type { StatusChange } from './track-session.js';
import type { StatementDelivery } from './xapi/deliver-statements.js';

export interface XapiTrackerOptions {
  readonly course: CourseData;
  readonly context: StatementContext;
  readonly delivery: StatementDelivery;
  /** A new UUID for each statement (make-uuid.ts over the browser's random bytes). */
  readonly uuid: () => string;
  /** Wall-clock ms: statements' timestamps. */
  readonly now: () => number;
  /** ms on the clock durations are counted by (study-clock.ts); `now` when not given. */
  readonly elapsed?: () => number;
  /** The lesson status the session policy holds: a session ends `terminated` once it is final, else `suspended`. */
  readonly lessonStatus: () => string;
  /**
   * Time in this registration's earlier sessions (the LMS's `cmi.core.total_time`), so `passed`, `failed` and
   * `completed` carry the attempt's time so far (XAPI.md §12 rule 7: theirs are cumulative), not this session's.
   */
  readonly earlierMs?: number;
}

export interface XapiTracker {
  /** `initialized` for a new registration, `resumed` for one kept from an earlier session. */
  start(resumed: boolean): void;
  readonly subscriber: Subscriber;
  readonly onStatus: (change: StatusChange) => void;
  /** The page is being hidden (or the learner asked to forget): send what is queued with keepalive. */
  flush(): void;
  /** This learner's statements not yet confirmed by the LRS. */
  queued(): number;
  /** Of those, the ones this page alone holds (the browser's storage refused them): lost if it closes. */
  unkept(): number;
  /**
   * Sends nothing more of this window (a later window of the course holds the attempt: its `suspended` after the
   * other's `terminated`, its answers the LMS never got); what is queued still goes.
   */
  mute(): void;
}

export function trackXapi(options: XapiTrackerOptions): XapiTracker {
  const { course, context, delivery } = options;
  const elapsed = options.elapsed ?? options.now;
  const startedAt = elapsed();
  const stamp = (): StatementStamp => ({ id: options.uuid(), timestamp: options.now() });
  const send = (statement: XapiStatement | null): void => {
    if (statement) delivery.send(statement);
  };
  const lastShared = new Map<string, string>();
  const actor = identityOf(context.actor);
  const isMine = (statement: XapiStatement): boolean => actor !== null && identityOf(statement.actor) === actor;
  let completed = false;
  let passed = false;
  // A registration this session continues (`resumed`) may have its pass already: the LMS's status says so.
  // A new one has none yet, whatever the LMS kept from an earlier attempt.
  let continuing = false;
  let muted = false;

  return {
    mute() {
      muted = true;
    },
    start(resumed) {
      continuing = resumed;
      send((resumed ? buildResumed : buildInitialized)(context, course, stamp()));
      // What an earlier session could not deliver (a closed tab, the LRS down) goes now.
      delivery.flushOnLaunch();
    },
    subscriber: ({ events }) => {
      if (muted) {
        // What is queued still leaves when the page goes (keepalive), as any window's does.
        if (events.some((e) => e.type === 'exited')) delivery.flushOnHide();
        return;
      }
      // One update's statements are queued together (Submit answers: one per scored question, hundreds in
      // a large course), in one read of the queue.
      const out: XapiStatement[] = [];
      const add = (statement: XapiStatement | null): void => {
        if (statement) out.push(statement);
      };
      for (const event of events) {
        switch (event.type) {
          case 'page-viewed':
            add(buildExperienced(context, course, stamp(), event.page));
            break;
          case 'answered':
            add(buildAnswered(context, course, stamp(), { checkId: event.check.id, chosen: event.chosen, latencyMs: event.latencyMs }));
            break;
          case 'module-completed':
            // The module's own progress: cmi5's extension is the progress of the statement's object, and the
            // report counts a module done at 100 (XAPI.md §2, §12 feature 4). The course's share of pages
            // viewed was sent here before, so only the module finished last ever read as done.
            add(buildProgressed(context, course, stamp(), { moduleId: event.module, progress: 100 }));
            break;
          case 'reflected': {
            // Shared only when the course says so (tracking.reflections: share); once per distinct text.
            const text = event.text.trim();
            if (course.tracking.reflections !== 'share' || text === '' || lastShared.get(event.reflection) === text) break;
            lastShared.set(event.reflection, text);
            add(buildReflectionAnswered(context, course, stamp(), { reflectionId: event.reflection, text }));
            break;
          }
          case 'exited':
            if (event.first) {
              const durationMs = elapsed() - startedAt;
              add((isFinalStatus(options.lessonStatus()) ? buildTerminated : buildSuspended)(context, course, stamp(), { durationMs }));
            }
            delivery.sendAll(out.splice(0));
            // keepalive: the only request that outlives the page (XAPI.md §7); what does not make it is sent at the next launch.
            delivery.flushOnHide();
            break;
          default:
            break;
        }
      }
      delivery.sendAll(out);
    },
    flush() {
      delivery.flushOnHide();
    },
    // This learner's only: the queue also holds what other learners of the package's LRS left on this computer
    // (xapi/gather-queued.ts takes them), which the page after Exit counted as "records of your work", telling the next
    // learner on a shared computer how much the one before left unsent.
    queued() {
      return delivery.queued(isMine);
    },
    unkept() {
      return delivery.unkept(isMine);
    },
    onStatus(change) {
      if (muted) return;
      const durationMs = (options.earlierMs ?? 0) + elapsed() - startedAt;
      // The course is complete when its completion rule is met: every page viewed and, with a pass
      // mark, the pass mark reached. A learner who failed has not met it (no completion: true, XAPI.md §2).
      // `passed` and `completed` at most once per registration (XAPI.md §2, cmi5): a pass sent in this session
      // (before Start over) or one an earlier session of this registration recorded in the LMS is not news;
      // each failed attempt is.
      const passedBefore = passed || (continuing && change.previous === 'passed');
      const completedBefore = completed || (continuing && (change.previous === 'passed' || change.previous === 'completed'));
      // No failed after a pass of the same registration (a Start over after passing is practice to the LRS).
      if ((change.status === 'failed' && !passedBefore) || (change.status === 'passed' && !passedBefore)) {
        const build = change.status === 'passed' ? buildPassed : buildFailed;
        if (change.status === 'passed') passed = true;
        send(build(context, course, stamp(), { score: change.score ?? 0, durationMs, complete: change.status === 'passed' }));
      }
      if ((change.status === 'passed' || change.status === 'completed') && !completedBefore) {
        completed = true;
        send(buildCompleted(context, course, stamp(), { durationMs }));
      }
    },
  };
}

/**
 * An agent's inverse functional identifier (xAPI Data 2.4.2.1), what says who it is: its `name` may differ between
 * launches of one learner (the LMS's spelling, tracking.learnerNames), so it is not compared.
 */
export function identityOf(agent: XapiAgent): string | null {
  // A queued item is read back from storage, where any statement with an id passes (statement-queue.ts): one with no
  // actor, or no agent, is no one's. Throwing here made a count of the learner's records give up, and say 0.
  if (typeof agent !== 'object' || agent === null) return null;
  if ('account' in agent) return typeof agent.account === 'object' && agent.account !== null ? `account ${agent.account.homePage} ${agent.account.name}` : null;
  // An address in other capitals is the same learner, as the report and the embedded LRS count them (report's
  // read-statement.ts, lrs/read-agent.ts): an LMS that wrote Jane.Doe@District.org at one launch and
  // jane.doe@district.org at another had her earlier records left out of "still on the way". A SHA-1 is hex.
  if ('mbox' in agent) return `mbox ${String(agent.mbox).toLowerCase()}`;
  if ('mbox_sha1sum' in agent) return `mbox_sha1sum ${String(agent.mbox_sha1sum).toLowerCase()}`;
  return 'openid' in agent ? `openid ${agent.openid}` : null;
}
