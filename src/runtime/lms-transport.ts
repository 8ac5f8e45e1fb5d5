/**
 * Layer 1 of 4 (STYLE.md §4): the LMS transport. Calls the SCORM 1.2 API, turns each answer
 * into success or failure, and guards the calls the spec allows only once.
 *
 * Hard-won rules written down here:
 * - The error code is trusted over the return value: some LMSs return "false" from a Set that
 *   worked, with error 0 (adapt-contrib-spoor wrapper); `"true"` alone does not prove
 *   persistence either (SCORM12.md §3.2). When `LMSGetLastError` is unusable, the return
 *   value decides.
 * - Every call is in try/catch: an LMS API that throws must not stop the course.
 * - `LMSInitialize` and `LMSFinish` run once at most (adapt-contrib-spoor#149): a second
 *   Initialize is error 101, and a second Finish can end the LMS's next attempt.
 */
import { SCORM_ERROR, type Scorm12Api } from './scorm12-api.js';

export interface CallResult {
  readonly ok: boolean;
  /** SCORM error code after the call; NaN when the LMS did not give a usable one. */
  readonly error: number;
}

export interface ReadResult extends CallResult {
  readonly value: string;
}

export class LmsTransport {
  private initialized = false;
  private finished = false;

  constructor(private readonly api: Scorm12Api) {}

  get isOpen(): boolean {
    return this.initialized && !this.finished;
  }

  initialize(): boolean {
    if (this.initialized || this.finished) return this.isOpen;
    const result = this.call(() => this.api.LMSInitialize(''));
    this.initialized = result.ok;
    if (result.error === SCORM_ERROR.general) {
      // 101 on Initialize: the LMS has had its Initialize already. Either the session is still open (a SCO
      // frame reloaded before its page could finish), and it is used; or it was finished (a reload after the
      // first page's LMSFinish), and every later call would be one after LMSFinish, which an LMS that
      // enforces it drops (SCORM12.md §3.2). The page that finished marked the API; an LMS that enforces
      // the end also answers a Get with an error (scorm-again answers it as if still open).
      this.initialized = !readFinishedMark(this.api);
      if (this.initialized) this.initialized = this.get('cmi.core.lesson_status').ok;
      this.finished = !this.initialized;
    }
    return this.initialized;
  }

  get(element: string): ReadResult {
    if (!this.isOpen) return { ok: false, error: NaN, value: '' };
    let value = '';
    const result = this.call(() => {
      const raw: unknown = this.api.LMSGetValue(element);
      value = typeof raw === 'string' ? raw : raw == null ? '' : String(raw);
      return 'true';
    });
    return { ...result, value: result.ok ? value : '' };
  }

  set(element: string, value: string): CallResult {
    if (!this.isOpen) return { ok: false, error: NaN };
    return this.call(() => this.api.LMSSetValue(element, value));
  }

  commit(): CallResult {
    if (!this.isOpen) return { ok: false, error: NaN };
    return this.call(() => this.api.LMSCommit(''));
  }

  finish(): CallResult {
    if (!this.isOpen) return { ok: false, error: NaN };
    this.finished = true;
    markFinished(this.api);
    return this.call(() => this.api.LMSFinish(''));
  }

  private call(fn: () => unknown): CallResult {
    let returned: unknown;
    try {
      returned = fn();
    } catch {
      return { ok: false, error: NaN };
    }
    const error = this.lastError();
    const ok = Number.isNaN(error) ? saysSuccess(returned) : error === SCORM_ERROR.none;
    return { ok, error };
  }

  private lastError(): number {
    try {
      const code = String(this.api.LMSGetLastError()).trim();
      return /^\d+$/.test(code) ? Number(code) : NaN;
    } catch {
      return NaN;
    }
  }
}

/**
 * A return value that says success, read the way pipwerks' wrapper reads one (`/(true|1)/i`, a number not 0), but
 * whole: LMSs without usable error codes answer `1`, `"1"` or `"TRUE"` for `"true"`. Read as `"true"` alone, such an
 * LMS's LMSInitialize failed, and the course ran untracked, saying the LMS could not be reached.
 */
function saysSuccess(returned: unknown): boolean {
  return returned === true || returned === 1 || /^\s*(true|1)\s*$/i.test(String(returned));
}

/**
 * A mark on the LMS's API object that a coursepack page called LMSFinish on it, for the page a reload of the
 * SCO frame brings next (the API object outlives the frame; the LMS makes a new one for a new launch).
 * Not enumerable, so nothing the LMS does with its object sees it; a frozen object keeps no mark.
 */
const FINISHED_MARK = 'coursepackFinished';

function markFinished(api: Scorm12Api): void {
  try {
    Object.defineProperty(api, FINISHED_MARK, { value: true, configurable: true });
  } catch {
    // Frozen or a proxy that refuses: the Get probe in `initialize` is all there is.
  }
}

function readFinishedMark(api: Scorm12Api): boolean {
  try {
    return (api as unknown as Record<string, unknown>)[FINISHED_MARK] === true;
  } catch {
    return false;
  }
}
