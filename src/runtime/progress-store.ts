/**
 * Layer 2 of 4 (STYLE.md §4): a key/value store of `cmi.*` elements that the session policy
 * writes to without knowing whether an LMS is there.
 *
 * - `createLmsStore` wraps the transport, skips Sets of values the LMS already holds and Commits
 *   when nothing changed since the last good one (fewer synchronous XHRs: Moodle commits by sync
 *   XHR, SCORM12.md §3.2), remembers which elements the LMS refused for good, so they are not
 *   retried on every commit, and sets again before each commit the values it refused for now.
 * - `createLocalStore` is the fallback when no LMS API was found: the same elements kept in this
 *   learner's browser storage, so a preview or a shared link still resumes. It never claims to
 *   record interactions.
 */
import type { LearnerStorage } from './learner-storage.js';
import { formatTimespan, parseTimespan } from '../shared/scorm-time.js';
import { LmsTransport } from './lms-transport.js';
import { SCORM_ERROR, type Scorm12Api } from './scorm12-api.js';

export interface ProgressStore {
  /** The element's value, or null when the store cannot read it. */
  get(element: string): string | null;
  /**
   * True when the value was accepted, or refused for now and kept to be set again before each commit until
   * the LMS takes it (the caller goes on as if it were set: the session's own record, the best score and
   * the status, must follow what the LMS will hold). False when it is refused for good, and for an
   * interaction refused at all: interactions are best effort, and a refused one stops them.
   */
  set(element: string, value: string): boolean;
  /** True when the store reports the values as saved (at once when nothing changed since the last save). */
  commit(): boolean;
  /** Ends the session; true when the store reports it ended (an LMS persists what was set at LMSFinish). */
  finish(): boolean;
  /**
   * Values refused for now are still refused (set again at each commit and at the end): what they hold is not
   * saved, whatever the commits say. An LMS that refused every Set of suspend_data (101, or "false" with an error
   * code past reading) took the commits around it, so nothing said the answers never reached it, and Exit said
   * they were saved.
   */
  readonly refusing: boolean;
}

/** Errors that will not go away on a retry (SCORM12.md §3.4). */
const PERMANENT = new Set<number>([
  SCORM_ERROR.notImplemented, SCORM_ERROR.keyword, SCORM_ERROR.readOnly, SCORM_ERROR.writeOnly, SCORM_ERROR.badType,
]);

/** Null when `LMSInitialize` fails, so the caller can fall back to the local store. */
export function createLmsStore(api: Scorm12Api): ProgressStore | null {
  const transport = new LmsTransport(api);
  if (!transport.initialize()) return null;
  const held = new Map<string, string>();
  const refused = new Set<string>();
  // Values the LMS refused with an error that may pass (101 general exception: a busy or picky LMS):
  // set again before each commit until it takes them, else an answer whose Set failed once is never saved
  // (nothing else changed, so the commit was skipped, and Exit sets only exit and session_time), and a
  // status the session counts as set would never reach the LMS. The latest value of each element: a few.
  const pending = new Map<string, string>();
  let unsaved = false;
  const setPending = (): void => {
    for (const [element, value] of [...pending]) {
      pending.delete(element);
      setNow(element, value);
    }
  };
  const setNow = (element: string, value: string): boolean => {
    const result = transport.set(element, value);
    if (result.ok) {
      held.set(element, value);
      unsaved = true;
      return true;
    }
    if (PERMANENT.has(result.error)) {
      refused.add(element);
      return false;
    }
    if (element.startsWith('cmi.interactions.')) return false;
    pending.set(element, value);
    return true;
  };
  return {
    get(element) {
      const result = transport.get(element);
      return result.ok ? result.value : null;
    },
    set(element, value) {
      // A newer value supersedes one still waiting (the LMS still holds what `held` says it does).
      pending.delete(element);
      if (held.get(element) === value) return true;
      if (refused.has(element)) return false;
      return setNow(element, value);
    },
    commit() {
      setPending();
      if (!unsaved) return true;
      const ok = transport.commit().ok;
      if (ok) unsaved = false;
      return ok;
    },
    finish() {
      // The LMS saves at LMSFinish what was set (SCORM12.md §3.2): a last try for what it refused so far.
      setPending();
      return transport.finish().ok;
    },
    get refusing() {
      return pending.size > 0;
    },
  };
}

/**
 * A value an LMS wrote out from nothing: `null` or `undefined` turned into a string by an LMS that serializes a
 * missing value with JavaScript's String(). This player never writes them, and no learner id or name is one.
 */
export function isNeverSet(value: string): boolean {
  return /^[\s\u0000]*(null|undefined)[\s\u0000]*$/i.test(value);
}

/**
 * Who the learner is, as the LMS says (`cmi.core.student_id`, asked twice: a busy LMS can answer a Get with 101
 * once; `cmi.core.student_name`, once: an LMS may answer every Get with a round trip), each '' when not said.
 * Otherwise as given: the id is the key of what the browser keeps for this learner, so it is never reshaped.
 */
export function readLearner(store: ProgressStore): { readonly id: string; readonly name: string } {
  const id = store.get('cmi.core.student_id') ?? store.get('cmi.core.student_id') ?? '';
  const name = store.get('cmi.core.student_name') ?? '';
  return { id: isNeverSet(id) ? '' : id, name: isNeverSet(name) ? '' : name };
}

/** The item of the learner's storage that holds their `cmi.*` values when there is no LMS. */
export const LOCAL_PROGRESS_ITEM = 'cmi';

export function createLocalStore(storage: LearnerStorage): ProgressStore {
  let saved: Record<string, string> = {};
  try {
    const parsed: unknown = JSON.parse(storage.get(LOCAL_PROGRESS_ITEM) ?? '{}');
    if (parsed && typeof parsed === 'object') saved = parsed as Record<string, string>;
  } catch {
    saved = {};
  }
  const values: Record<string, string> = {
    'cmi.core.lesson_status': 'not attempted',
    'cmi.core.lesson_mode': 'normal',
    'cmi.core.credit': 'credit',
    ...saved,
    'cmi.core.entry': saved['cmi.core.exit'] === 'suspend' ? 'resume' : 'ab-initio',
  };
  const save = (): boolean => {
    const keep: Record<string, string> = { ...values };
    delete keep['cmi.core.entry'];
    return storage.set(LOCAL_PROGRESS_ITEM, JSON.stringify(keep));
  };
  return {
    get(element) {
      if (element.startsWith('cmi.interactions.')) return null;
      return values[element] ?? '';
    },
    set(element, value) {
      if (element.startsWith('cmi.interactions.')) return false;
      values[element] = value;
      return true;
    },
    // Without storage (blocked, private mode, quota) progress lives for this page only; a retry
    // would not change that, so a failed write is not reported as a failed commit.
    commit() {
      save();
      return true;
    },
    // As an LMS does at LMSFinish (SCORM 1.2 RTE 3.4.4): the session's time joins the attempt's total,
    // which the next session reads (the xAPI result durations are the attempt's time so far).
    finish() {
      const session = parseTimespan(values['cmi.core.session_time'] ?? '');
      if (session > 0) values['cmi.core.total_time'] = formatTimespan(parseTimespan(values['cmi.core.total_time'] ?? '') + session);
      delete values['cmi.core.session_time'];
      save();
      // As commit: a failed write is this page's storage, not a refusal the learner could act on.
      return true;
    },
    refusing: false,
  };
}
