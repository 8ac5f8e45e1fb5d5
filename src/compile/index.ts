export { buildCourse, validateCourse } from './build-course.js';
export type { BuildOptions, BuildResult, PackageOutput, SplitMode, ValidateOptions } from './build-course.js';
export { formatDiagnostic, hasErrors, summarize, RULES } from './diagnostics.js';
export type { Diagnostic, RuleId, Severity } from './diagnostics.js';
export { ToolError } from './load-tool.js';
