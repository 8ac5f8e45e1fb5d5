/** The build's LRS settings from `COURSEPACK_LRS_*`, or a configuration error (exit 2) said on stderr. */
import { readLrsEnvironment, type LrsSettings } from '../compile/index.js';

export function readLrsSettings(env: NodeJS.ProcessEnv): LrsSettings | null {
  const { settings, problems } = readLrsEnvironment(env);
  for (const problem of problems) process.stderr.write(`coursepack: ${problem}\n`);
  return problems.length ? null : settings;
}
