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
    if (this.initialized) return true;
    const result = this.call(() => this.api.LMSInitialize(''));
    // 101 on Initialize means the LMS session is already open (a reloaded SCO frame); use it.
    this.initialized = result.ok || result.error === SCORM_ERROR.general;
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
    const ok = Number.isNaN(error) ? String(returned) === 'true' : error === SCORM_ERROR.none;
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
