/**
 * What a launch takes, before its queue starts, of the statements queued on this computer for the course
 * (connect-xapi.ts): each queued statement keeps the route it was queued for (statement-queue.ts), and a launch
 * takes only those its route may send. Pure over the learner's storage (learner-storage.ts).
 *
 * Routes: `package <endpoint>`, the LRS and key the package names (every learner's); `launch <endpoint>`, those
 * a Tin Can launch named (that learner's alone); `token <endpoint>`, the package's LRS with keys from the district's
 * token service (each learner's own, given for their actor).
 */
import type { LearnerStorage } from '../learner-storage.js';
import type { XapiStatement } from '../../shared/xapi/statement-types.js';
import { QUEUE_MAX_CHARS, QUEUE_MAX_STATEMENTS, readQueued, routeOfQueued } from './statement-queue.js';

/** Where the endpoint and key came from (resolve-config.ts's `source`). */
export type RouteSource = 'launch' | 'build' | 'token';

/** The route statements of this launch are queued under. */
export function queueRoute(source: RouteSource, endpoint: string): string {
  return source === 'build' ? `package ${endpoint}` : `${source} ${endpoint.replace(/\/+$/, '')}`;
}

/** Moves into this learner's queue (`prefix`: the queue's item names) what this route may send; how many moved. */
export function gatherQueued(storage: LearnerStorage, prefix: string, route: string): number {
  const own = storage.names(prefix).map((name) => storage.get(name) ?? '');
  // Within the queue's caps: what does not fit stays where it was, kept, for a later launch.
  return storage.adopt(prefix, (item) => routeOfQueued(item) === route, {
    items: QUEUE_MAX_STATEMENTS - own.length,
    chars: QUEUE_MAX_CHARS - own.reduce((sum, item) => sum + item.length, 0),
  }, route.startsWith('package ') ? 'everyone' : 'mine');
}

/**
 * The learner's statements (`mine`) still on this computer outside this route's queue: in this learner's corner
 * under another route, and in the course's other packages (this launch did not take them: another route's, or past
 * the caps). "Forget my answers" counts them as on the way, with the queue's own.
 */
export function waitingElsewhere(storage: LearnerStorage, prefix: string, route: string, mine: (statement: XapiStatement) => boolean): number {
  return storage.names(prefix).filter((name) => {
    const entry = readQueued(storage.get(name) ?? '');
    if (!entry || !mine(entry.statement)) return false;
    // Another route's: not in this queue (statements of no route are the package route's, statement-queue.ts).
    return entry.route === null ? !route.startsWith('package ') : entry.route !== route;
  }).length
    + storage.elsewhere(prefix).filter((item) => {
      const entry = readQueued(item);
      return entry !== null && mine(entry.statement);
    }).length;
}
