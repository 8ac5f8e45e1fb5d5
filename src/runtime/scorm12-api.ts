/** The SCORM 1.2 API object an LMS exposes as `window.API` (SCORM12.md §3.2): strings in, strings out. */
export interface Scorm12Api {
  LMSInitialize(arg: string): string;
  LMSFinish(arg: string): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(arg: string): string;
  LMSGetLastError(): string;
  LMSGetErrorString(code: string): string;
  LMSGetDiagnostic(code: string): string;
}

/** SCORM 1.2 error codes the runtime acts on (SCORM12.md §3.4). */
export const SCORM_ERROR = {
  none: 0,
  general: 101,
  notImplemented: 401,
  keyword: 402,
  readOnly: 403,
  writeOnly: 404,
  badType: 405,
} as const;
