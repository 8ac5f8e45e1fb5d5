import { describe, expect, it } from 'vitest';

describe('src/shared/xapi public API', () => {
  it('exports exactly these names', async () => {
    expect(Object.keys(await import('../../../src/shared/xapi/index.js')).sort()).toEqual([
      'ACTIVITY_TYPES', 'NAME_LIMIT', 'PROFILE_IRI', 'PROGRESS_EXTENSION', 'REFLECTION_RESPONSE_LIMIT', 'VERBS', 'XAPI_VERSION',
      'buildActivities', 'buildAnswered', 'buildCompleted', 'buildExperienced', 'buildFailed', 'buildInitialized', 'buildPassed',
      'buildProgressed', 'buildReflectionAnswered', 'buildResumed', 'buildSuspended', 'buildTerminated',
      'chooseRegistration', 'contextReference', 'continuesRegistration', 'courseActivity', 'defaultCourseIri', 'displayName', 'formatDuration',
      'formatResponse', 'formatUuid', 'isHttpUrl', 'isTrueFalse', 'isUuid', 'makeStatementContext', 'makeUuid', 'moduleActivity',
      'moduleIri', 'pageActivity', 'pageIri', 'parseLaunchActor', 'parseLaunchParameters', 'questionActivity', 'questionIri',
      'reflectionActivity', 'reflectionIri', 'reflectionResponse', 'resolveXapiConfig', 'uuidToBytes',
    ].sort());
  });
});
