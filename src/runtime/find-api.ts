/**
 * SCORM 1.2 API discovery (SCORM12.md §3.1): bottom-up from this window through its parents,
 * then the top window's opener and its parents, every access in try/catch, with a retry of 2-3 s.
 *
 * Why bottom-up: a top-down search from `window.top` trips over cross-origin frames that
 * LMSs (SCORM Cloud Dispatch, LTI 1.3 launches) put above the SCO, and reading a property of
 * a cross-origin window throws a SecurityError (pipwerks/scorm-api-wrapper #5 #20 #21 #44).
 * Why retry: some players attach `API` only after the SCO's frame has loaded
 * (overhangio/openedx-scorm-xblock#78).
 */
import type { Scorm12Api } from './scorm12-api.js';

/**
 * The little of `Window` discovery touches, so it runs (and is unit-tested) without the DOM.
 * A real `Window` is one.
 */
export interface WindowLike {
  readonly parent: WindowLike | null;
  readonly opener?: unknown;
  /** Where a SCORM 1.2 LMS puts its API (SCORM12.md §3.1). */
  readonly API?: unknown;
}

/** ADL's sample gives up after 7 parents; LMS frame stacks are rarely deeper, so 10 is generous. */
const MAX_PARENTS = 10;

/** Openers followed, each from the top of the last window's stack (a popup an LMS popup opened). */
const MAX_OPENERS = 3;

/**
 * This window and its parents; then the opener of the topmost of them (a SCO framed inside an LMS popup:
 * the popup's top window has the opener, the SCO's own window none; pipwerks looks in `top.opener`) and
 * its parents, and so on a few times.
 */
export function findApiNow(start: WindowLike): Scorm12Api | null {
  let win: WindowLike | null = start;
  for (let hop = 0; win && hop <= MAX_OPENERS; hop++) {
    const { api, top } = searchUp(win);
    if (api) return api;
    win = openerOf(top) ?? (hop === 0 && top !== start ? openerOf(start) : null);
  }
  return null;
}

/** Looks now, then every `intervalMs` until `timeoutMs` has passed; null when no API showed up. */
export function findApi(start: WindowLike, timeoutMs = 3000, intervalMs = 250): Promise<Scorm12Api | null> {
  const found = findApiNow(start);
  if (found || timeoutMs <= 0) return Promise.resolve(found);
  return new Promise((resolve) => {
    let waited = 0;
    const timer = setInterval(() => {
      waited += intervalMs;
      const api = findApiNow(start);
      if (api || waited >= timeoutMs) {
        clearInterval(timer);
        resolve(api);
      }
    }, intervalMs);
  });
}

/** The API in `start` or a parent, and the topmost window reached. */
function searchUp(start: WindowLike): { api: Scorm12Api | null; top: WindowLike } {
  let win = start;
  for (let depth = 0; depth <= MAX_PARENTS; depth++) {
    const api = apiOf(win);
    if (api) return { api, top: win };
    const parent = parentOf(win);
    if (!parent || parent === win) break;
    win = parent;
  }
  return { api: null, top: win };
}

function apiOf(win: WindowLike): Scorm12Api | null {
  try {
    const candidate = win.API;
    return isApi(candidate) ? candidate : null;
  } catch {
    return null; // cross-origin window: keep climbing
  }
}

function parentOf(win: WindowLike): WindowLike | null {
  try {
    return win.parent;
  } catch {
    return null;
  }
}

function openerOf(win: WindowLike): WindowLike | null {
  try {
    const opener = win.opener;
    return typeof opener === 'object' && opener !== null ? (opener as WindowLike) : null;
  } catch {
    return null;
  }
}

function isApi(value: unknown): value is Scorm12Api {
  return typeof value === 'object' && value !== null
    && typeof (value as { LMSInitialize?: unknown }).LMSInitialize === 'function'
    && typeof (value as { LMSSetValue?: unknown }).LMSSetValue === 'function';
}
