import type { Scorm12Api } from '../../src/runtime/scorm12-api.js';

export interface FakeLmsOptions {
  initial?: Record<string, string>;
  /** Set returns "false" while the error code stays 0. */
  setReturnsFalse?: boolean;
  /** The first N commits fail with 101. */
  commitFailures?: number;
  /** cmi.interactions.* is not implemented (401). */
  noInteractions?: boolean;
  /** LMSGetLastError returns junk. */
  junkErrorCodes?: boolean;
  /** After LMSFinish the session is over for good: Initialize and Get give 101 (scorm-again does). */
  finishIsFinal?: boolean;
}

/** A minimal SCORM 1.2 API that records calls; enough to unit-test the transport and session policy. */
export function makeFakeLms(options: FakeLmsOptions = {}): Scorm12Api & {
  calls: string[]; values: Map<string, string>; committed: Map<string, string>;
  /** The next N commits fail with 101 (as a sync XHR refused during page dismissal). */
  failCommits(n: number): void;
  /** The next N Sets of `element` fail with 101 (a busy LMS) and store nothing. */
  failSets(element: string, n: number): void;
  /** The next N Gets of `element` fail with 101 (a busy LMS) and answer ''. */
  failGets(element: string, n: number): void;
  /** Every Set of `element` is refused for good (401, not implemented), as an LMS that takes no score. */
  refuseSets(element: string): void;
  /** The next LMSFinish fails with 101 and saves nothing (an LMS whose server session has gone). */
  failFinish(): void;
} {
  const values = new Map(Object.entries({
    'cmi.core.lesson_status': 'not attempted', 'cmi.core.entry': 'ab-initio', 'cmi.core.lesson_mode': 'normal',
    'cmi.core.credit': 'credit', 'cmi.interactions._count': '0', ...options.initial,
  }));
  const committed = new Map<string, string>();
  const calls: string[] = [];
  let error = '0';
  let open = false;
  let finished = false;
  let commitFailures = options.commitFailures ?? 0;
  const setFailures = new Map<string, number>();
  const getFailures = new Map<string, number>();
  const refusedSets = new Set<string>();
  let finishFails = false;
  const api = {
    calls, values, committed,
    failCommits(n: number) { commitFailures = n; },
    failSets(element: string, n: number) { setFailures.set(element, n); },
    failGets(element: string, n: number) { getFailures.set(element, n); },
    refuseSets(element: string) { refusedSets.add(element); },
    failFinish() { finishFails = true; },
    LMSInitialize() { calls.push('LMSInitialize'); if (open || (options.finishIsFinal && finished)) { error = '101'; return 'false'; } open = true; error = '0'; return 'true'; },
    LMSFinish() { calls.push('LMSFinish'); if (!open) { error = '301'; return 'false'; } if (finishFails) { finishFails = false; error = '101'; return 'false'; } open = false; finished = true; error = '0'; for (const [k, v] of values) committed.set(k, v); return 'true'; },
    LMSGetValue(element: string) {
      calls.push(`get ${element}`);
      if (!open) { error = finished ? '101' : '301'; return ''; }
      if (options.noInteractions && element.startsWith('cmi.interactions.')) { error = '401'; return ''; }
      const failures = getFailures.get(element) ?? 0;
      if (failures > 0) { getFailures.set(element, failures - 1); error = '101'; return ''; }
      error = '0';
      return values.get(element) ?? '';
    },
    LMSSetValue(element: string, value: string) {
      calls.push(`set ${element}=${value}`);
      if (options.noInteractions && element.startsWith('cmi.interactions.')) { error = '401'; return 'false'; }
      if (element === 'cmi.core.lesson_status' && value === 'not attempted') { error = '405'; return 'false'; }
      if (refusedSets.has(element)) { error = '401'; return 'false'; }
      const failures = setFailures.get(element) ?? 0;
      if (failures > 0) { setFailures.set(element, failures - 1); error = '101'; return 'false'; }
      values.set(element, value);
      error = '0';
      return options.setReturnsFalse ? 'false' : 'true';
    },
    LMSCommit() {
      calls.push('LMSCommit');
      if (commitFailures > 0) { commitFailures--; error = '101'; return 'false'; }
      error = '0';
      for (const [k, v] of values) committed.set(k, v);
      return 'true';
    },
    LMSGetLastError() { return options.junkErrorCodes ? 'n/a' : error; },
    LMSGetErrorString() { return ''; },
    LMSGetDiagnostic() { return ''; },
  };
  return api;
}

/**
 * A clock whose timers run only when the test says so. `defer`red work (the browser's microtasks)
 * runs at `settle()`, the end of the current task, and before timers on `advance()`.
 */
export function makeManualClock() {
  let now = 1_000_000;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const deferred: Array<() => void> = [];
  const settle = () => {
    while (deferred.length) deferred.shift()?.();
  };
  return {
    now: () => now,
    defer: (fn: () => void) => { deferred.push(fn); },
    settle,
    date: () => new Date(2026, 0, 1, 10, 0, 0),
    setTimeout: (fn: () => void, ms: number): unknown => { const id = nextId++; timers.set(id, { at: now + ms, fn }); return id; },
    clearTimeout: (handle: unknown) => { timers.delete(handle as number); },
    advance(ms: number) {
      settle();
      now += ms;
      for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at <= now && timers.has(id)) { timers.delete(id); timer.fn(); settle(); }
      }
    },
    pending: () => timers.size,
  };
}
