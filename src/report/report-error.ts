/**
 * A problem the person running the report can fix (a bad flag, an unreachable LRS, refused
 * credentials, a malformed statement): printed as one line, exit 2, never with a stack trace
 * (issue 11 point 5). Messages never contain credentials: they are built from redacted URLs only.
 */
export class ReportError extends Error {}
