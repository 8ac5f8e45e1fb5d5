/**
 * What a launch takes, before its queue starts, of the statements queued on this computer for the course
 * (connect-xapi.ts): each queued statement keeps the route it was queued for (statement-queue.ts), and a launch
 * takes only those its route may send. Pure over the learner's storage (learner-storage.ts).
 *
 * Routes: `package <endpoint>`, the LRS and key the package names (every learner's); `launch <endpoint>`, those
 * a Tin Can launch named (that learner's alone); `token <endpoint>`, the package's LRS with keys from the district's
 * token service (each learner's own, given for their actor).
 *
 * `package` and `token` are both the package's settings: a district that rebuilds a course with a token service in
 * place of a baked-in key (or back) keeps the LRS, and the statements the old package left queued (the LRS away at a
 * learner's last session) were sent by no launch of the new one, while "Forget my answers" counted them as on the way
 * for good. So a settings route also takes the other one's for the same endpoint (trailing slashes aside), given its
 * own route: the package route every learner's, as its own; the token route this learner's alone (they go under the
 * key the service gave this learner), and statements of no route (older players: the package's LRS) too. A launch's
 * route is never taken by a settings route, nor theirs by a launch's: the launch named that LRS, the package another.
 */
import type { XapiStatement } from '../../shared/xapi/statement-types.js';
import type { LearnerStorage } from '../learner-storage.js';
import { QUEUE_MAX_CHARS, QUEUE_MAX_STATEMENTS, readQueued, rerouteQueued, routeOfQueued } from './statement-queue.js';

/** Where the endpoint and key came from (resolve-config.ts's `source`). */
export type RouteSource = 'launch' | 'build' | 'token';

/** The route statements of this launch are queued under. */
export function queueRoute(source: RouteSource, endpoint: string): string {
  return source === 'build' ? `package ${endpoint}` : `${source} ${endpoint.replace(/\/+$/, '')}`;
}

/** A package-settings route's LRS, without trailing slashes (`package` keeps the endpoint as built); null otherwise. */
function settingsEndpoint(route: string | null): string | null {
  const match = route === null ? null : /^(?:package|token) (.*)$/s.exec(route);
  return match ? (match[1] ?? '').replace(/\/+$/, '') : null;
}

/** Items and characters the queue may still keep in storage, given what it holds (QUEUE_MAX_*). */
function roomLeft(items: readonly string[]): { items: number; chars: number } {
  return { items: QUEUE_MAX_STATEMENTS - items.length, chars: QUEUE_MAX_CHARS - items.reduce((sum, item) => sum + item.length, 0) };
}

/**
 * Moves into this learner's queue (`prefix`: the queue's item names) what this route may send, and gives this route
 * to what it takes of the other settings route's; how many it took. `mine`: the statements of this launch's learner.
 * Within the queue's caps: what does not fit stays where it was, as it was, kept for a later launch.
 */
export function gatherQueued(storage: LearnerStorage, prefix: string, route: string, mine: (statement: XapiStatement) => boolean): number {
  const endpoint = settingsEndpoint(route);
  const shared = route.startsWith('package ');
  /** What this route takes of the other settings route's: the item given this route, or false. */
  const other = (item: string, noRoute: boolean): string | false => {
    const entry = readQueued(item);
    if (entry === null || endpoint === null || entry.route === route) return false;
    const same = entry.route === null ? noRoute : settingsEndpoint(entry.route) === endpoint;
    return same && (shared || mine(entry.statement)) ? rerouteQueued(item, route) ?? false : false;
  };
  // This learner's corner first: the old package's statements are there (the same course id, so the same key).
  const names = storage.names(prefix);
  const held = names.map((name) => storage.get(name) ?? '');
  // The package route's queue already holds statements of no route (statement-queue.ts); the token route takes them.
  const inQueue = held.filter((item) => routeOfQueued(item) === route || (shared && routeOfQueued(item) === null));
  const room = roomLeft(inQueue);
  let taken = 0;
  let chars = 0;
  for (const [index, name] of names.entries()) {
    const item = held[index] ?? '';
    const moved = taken < room.items ? other(item, !shared) : false;
    if (moved === false || chars + moved.length > room.chars || !storage.set(name, moved)) continue;
    taken++;
    chars += moved.length;
  }
  const adopt = (from: 'everyone' | 'mine', accept: (item: string) => boolean | string): number => {
    const own = storage.names(prefix).map((name) => storage.get(name) ?? '');
    return storage.adopt(prefix, accept, roomLeft(own), from);
  };
  if (endpoint === null) return taken + adopt('mine', (item) => routeOfQueued(item) === route);
  if (shared) return taken + adopt('everyone', (item) => routeOfQueued(item) === route || other(item, false));
  // The token route: its own from this learner's corners in the course's other packages (as a launch's), then this
  // learner's statements under the package route wherever they wait (another learner's package launch may have taken them).
  taken += adopt('mine', (item) => routeOfQueued(item) === route || other(item, false));
  return taken + adopt('everyone', (item) => other(item, false));
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
