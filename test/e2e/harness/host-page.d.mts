export interface HostOptions {
  /** CMI the LMS holds before launch, as scorm-again's loadFromJSON takes it (relative to `cmi`). */
  seed?: Record<string, unknown> | null;
  /** Every LMSSetValue returns "false" while the error code stays 0 (an LMS quirk spoor documents). */
  setReturnsFalse?: boolean;
  /** The first N LMSCommit calls return "false" with error 101. */
  commitFailures?: number;
  /** Every cmi.interactions.* Set fails with 401 (an LMS without interactions). */
  interactions401?: boolean;
  /** Every API function throws (an LMS whose API is broken). */
  throwing?: boolean;
  /** Appended to the SCO's launch URL, e.g. `#page-quiz--done` (a deep link). */
  launchHash?: string;
  /** The launch URL's query, e.g. Tin Can launch parameters `?endpoint=…&auth=…` (XAPI.md §6). */
  launchQuery?: string;
  /** The package's folder under /sco/ when the server holds several (usePackage's `split`), e.g. `basics`. */
  sco?: string;
  /** Values already stored from an earlier launch (carried into `cpHost.stored`). */
  stored?: Record<string, string> | null;
}
export function hostPageHtml(options?: HostOptions): string;
