/**
 * `COURSEPACK_*` variables coursepack does not read, said on stderr before a command runs: a build with
 * `COURSEPACK_LRS_ENDPONT` set made a package without xAPI, and the district learned of it when the
 * reports came out empty, weeks later. Said for names in coursepack's own families (`COURSEPACK_LRS_…`,
 * `COURSEPACK_REPORT_…`) and for any name a typo away from a setting or ending as one does; others (a test switch, another
 * tool's) are left alone. Pure.
 */
import { closest } from '../shared/closest-word.js';

/** Every variable coursepack reads (docs/authoring.md, xAPI; README, Reports). */
const SETTINGS = ['COURSEPACK_LRS_ENDPOINT', 'COURSEPACK_LRS_AUTH', 'COURSEPACK_LRS_HOMEPAGE', 'COURSEPACK_LRS_TOKEN_URL', 'COURSEPACK_REPORT_ENDPOINT', 'COURSEPACK_REPORT_AUTH', 'COURSEPACK_REPORT_SALT'];

/**
 * Names people give these settings from other tools' words, and the setting each means: by spelling alone,
 * `COURSEPACK_LRS_URL` (the LRS's address) came closest to `COURSEPACK_LRS_TOKEN_URL`, and the endpoint set
 * there would have been taken for a token service.
 */
const MEANT: Readonly<Record<string, string>> = {
  COURSEPACK_LRS_URL: 'COURSEPACK_LRS_ENDPOINT',
  COURSEPACK_LRS: 'COURSEPACK_LRS_ENDPOINT',
  COURSEPACK_XAPI_URL: 'COURSEPACK_LRS_ENDPOINT',
  COURSEPACK_XAPI_ENDPOINT: 'COURSEPACK_LRS_ENDPOINT',
  COURSEPACK_LRS_KEY: 'COURSEPACK_LRS_AUTH',
  COURSEPACK_LRS_AUTHORIZATION: 'COURSEPACK_LRS_AUTH',
  COURSEPACK_REPORT_URL: 'COURSEPACK_REPORT_ENDPOINT',
};

export function unknownSettings(env: Readonly<Record<string, string | undefined>>): string[] {
  const lines: string[] = [];
  for (const name of Object.keys(env).sort()) {
    if (!name.startsWith('COURSEPACK_') || SETTINGS.includes(name) || !env[name]) continue;
    // A typo (`…_ENDPONT`), or the right word without its family (`COURSEPACK_ENDPOINT`).
    const last = name.slice(name.lastIndexOf('_'));
    const guess = MEANT[name]?.toLowerCase() ?? closest(name.toLowerCase(), SETTINGS.map((s) => s.toLowerCase())) ?? SETTINGS.find((s) => s.endsWith(last))?.toLowerCase();
    if (!guess && !/^COURSEPACK_(LRS|REPORT)_/.test(name)) continue;
    lines.push(`${name} is not a setting coursepack reads, so it changes nothing: ${guess ? `did you mean ${guess.toUpperCase()}?` : `the settings are ${SETTINGS.join(', ')}`}`);
  }
  return lines;
}

/**
 * The oldest Node coursepack runs on (package.json `engines`, `^20.12.0 || >=21.4.0`): `Dirent.parentPath` came
 * in 20.12 and 21.4 (`AbortSignal.any` in 20.3).
 */
export const OLDEST_NODE = '20.12.0';

/** What to say when `version` (`process.versions.node`) has no Dirent.parentPath, else null. */
export function nodeTooOld(version: string): string | null {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if ((major === 20 && minor >= 12) || (major === 21 && minor >= 4) || major >= 22) return null;
  return `coursepack needs Node ${OLDEST_NODE} or later (21.4 or later on Node 21), and this is Node ${version}: install the current Node 20 or 22 LTS (nodejs.org), then run the command again`;
}
