/**
 * The public face of the xAPI folder: pure code (neither Node nor DOM) shared by the player, the
 * build and reports. Import from here, not from the files behind it.
 */
export {
  ACTIVITY_TYPES, PROFILE_IRI, PROGRESS_EXTENSION, VERBS, XAPI_VERSION,
  defaultCourseIri, moduleIri, pageIri, questionIri, reflectionIri,
  type VerbName,
} from './vocabulary.js';
export type {
  ActivityDefinition, ContextActivities, InteractionComponent, InteractionType, LanguageMap, XapiAccount, XapiActivity,
  XapiAgent, XapiResult, XapiScore, XapiStatement, XapiStatementContext, XapiVerb,
} from './statement-types.js';
export { formatUuid, isUuid, makeUuid, uuidToBytes } from './make-uuid.js';
export { formatDuration } from './format-duration.js';
export {
  NAME_LIMIT, contextReference, courseActivity, formatResponse, isTrueFalse, moduleActivity, pageActivity,
  questionActivity, reflectionActivity,
} from './describe-activities.js';
export {
  REFLECTION_RESPONSE_LIMIT, buildAnswered, buildCompleted, buildExperienced, buildFailed, buildInitialized, buildPassed,
  buildProgressed, buildReflectionAnswered, buildResumed, buildSuspended, buildTerminated, makeStatementContext,
  reflectionResponse,
  type AnswerInput, type CourseResultInput, type ProgressInput, type ReflectionInput, type StatementContext,
  type StatementStamp,
} from './build-statements.js';
export { buildActivities, type ActivitiesDescription } from './build-activities.js';
export { isHttpUrl, parseLaunchActor, parseLaunchParameters, type LaunchParameters } from './parse-launch.js';
export {
  chooseRegistration, continuesRegistration, displayName, resolveXapiConfig,
  type BuildSettings, type ConfigInput, type ConfigSource, type XapiConfig,
} from './resolve-config.js';
