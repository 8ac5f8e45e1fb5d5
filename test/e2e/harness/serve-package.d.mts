import type { LmsServer } from './sync-xhr-lms.mjs';
export function servePackage(files: Map<string, Buffer>): Promise<{ url: string; lms: LmsServer; close: () => Promise<void> }>;
