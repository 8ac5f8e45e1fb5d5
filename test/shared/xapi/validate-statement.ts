import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// CommonJS, and tests/build only (XAPI.md §9): ~1.4 MB with lodash.
const validate = (require('@learninglocker/xapi-validation') as { default: (statement: unknown) => unknown[] }).default;

/** The warnings `@learninglocker/xapi-validation` gives for one statement (class name and path), [] when valid. */
export function statementWarnings(statement: unknown): string[] {
  return validate(statement).map((w) => {
    const warning = w as { constructor: { name: string }; path?: unknown[]; message?: string };
    return `${warning.constructor.name} at ${(warning.path ?? []).join('.')}`;
  });
}
