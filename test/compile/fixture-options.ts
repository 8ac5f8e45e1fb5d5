/**
 * A bad-course fixture may carry `sparse-files.json`: `{ "assets/film.mp4": bytes }`, files too large to
 * commit (the size rules), made here as sparse files, which take no disk, before the fixture is validated.
 *
 * A bad-course fixture may carry `build-env.json`: the `COURSEPACK_LRS_*` variables its build runs with
 * (rules about keys can only fire with a key in the environment). Read through the CLI's own reader.
 *
 * A bad-course fixture may carry `build-options.json`: `{ "split": "modules" }` for the rules of split builds.
 */
import { closeSync, existsSync, openSync, readFileSync, statSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { readLrsEnvironment, type LrsSettings } from '../../src/compile/index.js';

export function optionsOf(courseDir: string): { lrs?: LrsSettings; split?: 'none' | 'modules' } {
  const sparse = path.join(courseDir, 'sparse-files.json');
  if (existsSync(sparse)) {
    for (const [file, bytes] of Object.entries(JSON.parse(readFileSync(sparse, 'utf8')) as Record<string, number>)) {
      const target = path.join(courseDir, file);
      if (!existsSync(target) || statSync(target).size !== bytes) {
        closeSync(openSync(target, 'w'));
        truncateSync(target, bytes);
      }
    }
  }
  const built = path.join(courseDir, 'build-options.json');
  const split = existsSync(built) ? (JSON.parse(readFileSync(built, 'utf8')) as { split?: 'none' | 'modules' }).split : undefined;
  const file = path.join(courseDir, 'build-env.json');
  if (!existsSync(file)) return split ? { split } : {};
  const { settings, problems } = readLrsEnvironment(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>);
  if (problems.length) throw new Error(`${file}: ${problems.join('; ')}`);
  return { lrs: settings, ...(split ? { split } : {}) };
}

/**
 * The `validate` arguments and environment that run the bad-course fixture `name` (test/fixtures/bad/NAME) from the
 * repository's root as its files ask: `--split` from build-options.json, the variables of build-env.json.
 */
export function fixtureCommand(badDir: string, name: string): { args: string[]; env: Record<string, string> } {
  const courseDir = path.join(badDir, name);
  const { split } = optionsOf(courseDir);
  const envFile = path.join(courseDir, 'build-env.json');
  const env = existsSync(envFile) ? (JSON.parse(readFileSync(envFile, 'utf8')) as Record<string, string>) : {};
  return { args: ['--course', `test/fixtures/bad/${name}`, ...(split ? ['--split', split] : [])], env };
}
