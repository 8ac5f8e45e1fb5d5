/**
 * The embedded LRS: its public names. The CLI (src/cli/run-lrs.ts) and test helpers import from here.
 */
export { createLrsServer, type LrsServer, type ServeOptions } from './serve-http.js';
export { claimDatabase, openSqliteStore } from './store-sqlite.js';
export { AgentArgumentError, forgetAgent, readAgentArgument } from './forget-agent.js';
export type { ForgetCounts, LrsStore, KeyRecord, DocumentScope, DocumentSet, StoredDocument } from './store.js';
export { makeDeps, DEFAULT_CONFIG, type LrsConfig, type LrsDeps } from './lrs-deps.js';
export { addKey, isExpired, listKeys, revokeKey, makeAuthenticator, type NewKey, type KeyListing } from './manage-keys.js';
export { routeRequest, checkVersion, type Authenticate } from './route-request.js';
export { isScope, SCOPES, LrsError, type Scope, type Principal, type LrsContext, type LrsRequest, type LrsResponse } from './lrs-types.js';
export { isOriginAllowed, type CorsOptions } from './apply-cors.js';
export { storageFailure, UNWRITABLE_ADVICE } from './explain-storage-error.js';
