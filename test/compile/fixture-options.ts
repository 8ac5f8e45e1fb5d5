/**
 * A bad-course fixture may carry `build-env.json`: the `COURSEPACK_LRS_*` variables its build runs with
 * (rules about keys can only fire with a key in the environment). Read through the CLI's own reader.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readLrsEnvironment, type LrsSettings } from '../../src/compile/index.js';

export function optionsOf(courseDir: string): { lrs?: LrsSettings } {
  const file = path.join(courseDir, 'build-env.json');
  if (!existsSync(file)) return {};
  const { settings, problems } = readLrsEnvironment(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>);
  if (problems.length) throw new Error(`${file}: ${problems.join('; ')}`);
  return { lrs: settings };
}
