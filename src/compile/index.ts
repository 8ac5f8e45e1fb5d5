// Public face of src/compile: the build and validate entry points, the parse cache, the LRS settings
// from the environment and the rule catalog. Messages and their formats are src/messages'.
export { buildCourse, packCourse, validateCourse } from './build-course.js';
export type { BuildOptions, BuildOutput, BuildResult, PackedCourse, PackResult, SplitMode, ValidateOptions, ValidateResult } from './build-course.js';
export { createParseCache, type ParseCache, type ParseStore } from './parse-cache.js';
export { PARSE_VERSION, type ParsedModule } from './parse-module.js';
export { LRS_ENVIRONMENT, readLrsEnvironment, type LrsSettings } from './resolve-xapi-settings.js';
export { RULES } from './rules.js';
export type { CompileMessage, RuleId } from './rules.js';
export { ToolError } from './load-tool.js';
