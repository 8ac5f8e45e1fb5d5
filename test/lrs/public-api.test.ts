/**
 * The names src/lrs/index.ts offers other areas (STYLE.md §1: one public face per area).
 */
import { expect, it } from 'vitest';

it('src/lrs exports exactly its public names', async () => {
  expect(Object.keys(await import('../../src/lrs/index.js')).sort()).toEqual([
    'AgentArgumentError', 'DEFAULT_CONFIG', 'LrsError', 'SCOPES', 'UNWRITABLE_ADVICE', 'addKey', 'checkVersion', 'claimDatabase', 'createLrsServer',
    'forgetAgent', 'isExpired', 'isOriginAllowed', 'isScope', 'listKeys', 'makeAuthenticator', 'makeDeps', 'openSqliteStore', 'readAgentArgument', 'revokeKey',
    'routeRequest', 'storageFailure',
  ]);
});
