import type { LmsServer } from './sync-xhr-lms.mjs';
export interface PackageServer {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  /** The LMS behind `url`. */
  readonly lms: LmsServer;
  /** The LMS behind a host name (with its port) the server is reached by: each has its own. */
  lmsFor(host: string): LmsServer;
  close(): Promise<void>;
}
export function servePackage(files: Map<string, Buffer>): Promise<PackageServer>;
