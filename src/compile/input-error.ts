/**
 * A mistake in how coursepack was pointed at a course, not in the course's content: a file where a folder
 * should be, a folder where a file should be, YAML aliases that would expand without bound. Nothing can be
 * checked past it, so it stops the run; the CLI says it in one plain line and exits 2 (no stack trace).
 */
export class CourseInputError extends Error {
  override readonly name = 'CourseInputError';
}
