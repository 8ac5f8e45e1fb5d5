/**
 * Statement validation: Learning Locker's `@learninglocker/xapi-validation` (the checker the
 * xapi-statements peer uses, strictly 1.0.3, Data §2) after the one normalisation the spec asks of
 * an LRS before checking: single context activities become arrays (Data §2.4.6.2, "the LRS MUST
 * convert … to an Array"), in the statement and in a SubStatement.
 */
import xapiValidation from '@learninglocker/xapi-validation';
import { isObject } from './read-agent.js';
import { badRequest } from './lrs-types.js';

type Json = Record<string, unknown>;
type Warning = { readonly path: readonly (string | number)[]; readonly name?: string; readonly typeName?: string; readonly keys?: readonly string[] };

// CommonJS with `exports.default`: Node's ESM import and esbuild (package "type": "module") both give
// module.exports as the default, so the function is one level down; a transpiler may unwrap it first.
const mod = xapiValidation as unknown as ((data: unknown) => Warning[]) | { default: (data: unknown) => Warning[] };
const validate = typeof mod === 'function' ? mod : mod.default;

const CONTEXT_ACTIVITY_KEYS = ['parent', 'grouping', 'category', 'other'] as const;

function wrapContextActivities(context: unknown): unknown {
  if (!isObject(context) || !isObject(context['contextActivities'])) return context;
  const activities: Json = { ...context['contextActivities'] };
  for (const key of CONTEXT_ACTIVITY_KEYS) {
    const value = activities[key];
    if (isObject(value)) activities[key] = [value];
  }
  return { ...context, contextActivities: activities };
}

/** A copy of the statement with context activities as arrays (Data §2.4.6.2); anything else untouched. */
export function normalizeStatement(statement: Json): Json {
  const out: Json = { ...statement };
  if ('context' in out) out['context'] = wrapContextActivities(out['context']);
  const object = out['object'];
  if (isObject(object) && object['objectType'] === 'SubStatement' && 'context' in object) {
    out['object'] = { ...object, context: wrapContextActivities(object['context']) };
  }
  return out;
}

function describe(warning: Warning): string {
  const where = warning.path.join('.');
  if (warning.keys?.length) return `${where}: properties not allowed here: ${warning.keys.join(', ')}`;
  if (warning.typeName) return `${where}: expected ${warning.typeName}`;
  return `${where}: ${warning.name ?? 'invalid'}`;
}

/** Problems found in one statement, as readable lines; empty when it is valid 1.0.3. */
export function findStatementProblems(statement: unknown): string[] {
  if (!isObject(statement)) return ['statement: must be a JSON object'];
  try {
    return validate(statement).map(describe);
  } catch {
    // The validator looks some values up in tables (an objectType of '__proto__' or 'toString' makes it
    // throw): a statement it cannot read is not valid, and must not cost a 500.
    return ['statement: malformed (an objectType or another value the validator cannot read)'];
  }
}

/** Throws 400 with every problem listed (Communication §3.2: a descriptive error message). */
export function assertValidStatement(statement: unknown, index?: number): Json {
  const problems = findStatementProblems(statement);
  if (problems.length) {
    const which = index === undefined ? 'The statement' : `Statement ${index}`;
    throw badRequest(`${which} is not valid xAPI 1.0.3: ${problems.slice(0, 10).join('; ')}`);
  }
  return statement as Json;
}
