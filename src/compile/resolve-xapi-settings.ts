/**
 * The xAPI settings a build bakes into its packages (issue 9 point 5; XAPI.md §6): course.yaml `xapi:`
 * (course IRI, endpoint, home page: nothing secret) overridden by the build's environment
 * (`COURSEPACK_LRS_ENDPOINT`, `COURSEPACK_LRS_AUTH`, `COURSEPACK_LRS_HOMEPAGE`, `COURSEPACK_LRS_TOKEN_URL`), which
 * is the only place a key may come from, so keys stay out of git. A key baked into a package is readable by anyone
 * who opens the package: the build says so, every time. A token service (`tokenUrl`) gives the player a short-lived
 * key per learner instead; with one, a baked-in key is refused (`xapi-key-with-token-url`), not chosen between.
 *
 * Pure: the environment is read by the CLI (readLrsEnvironment) and passed in.
 */
import { quotedVariableProblem, withoutUserinfo } from '../shared/quoted-variable.js';
import type { XapiData } from '../shared/course-data.js';
import { isHttpUrl } from '../shared/xapi/parse-launch.js';
import { endpointNamesResource, hasCredentials, isInsecureEndpoint, namesEndpoint } from '../shared/xapi/check-endpoint.js';
import { COURSE_CONFIG_FILE, type CourseConfig } from './parse-config.js';
import type { Report } from './rules.js';

/** Build-time LRS settings from outside course.yaml; each one given overrides course.yaml. */
export interface LrsSettings {
  readonly endpoint?: string;
  /** A whole `Authorization` header value, `Basic …`. */
  readonly auth?: string;
  readonly homePage?: string;
  /** The district token service (`xapi.tokenUrl`): https, or http on this machine only. */
  readonly tokenUrl?: string;
}

export const LRS_ENVIRONMENT = {
  endpoint: 'COURSEPACK_LRS_ENDPOINT',
  auth: 'COURSEPACK_LRS_AUTH',
  homePage: 'COURSEPACK_LRS_HOMEPAGE',
  tokenUrl: 'COURSEPACK_LRS_TOKEN_URL',
} as const;

/** Basic credentials, as an `Authorization` header carries them (RFC 7617): `Basic <base64>`. */
const BASIC_AUTH = /^Basic [A-Za-z0-9+/]+={0,2}$/;

/**
 * The `COURSEPACK_LRS_*` variables of `env` as settings, or what is wrong with them (a configuration
 * error: the CLI exits 2). Empty variables count as unset.
 */
export function readLrsEnvironment(env: Readonly<Record<string, string | undefined>>): { settings: LrsSettings; problems: string[] } {
  const problems: string[] = [];
  const settings: { -readonly [K in keyof LrsSettings]: LrsSettings[K] } = {};
  for (const [key, name] of Object.entries(LRS_ENVIRONMENT) as [keyof LrsSettings, string][]) {
    const value = env[name]?.trim();
    if (!value) continue;
    const quoted = quotedVariableProblem(name, value, key === 'auth' ? 'Basic …' : undefined);
    if (quoted) {
      problems.push(quoted);
      continue;
    }
    const resource = key === 'endpoint' ? endpointNamesResource(value) : undefined;
    if (resource) problems.push(`${name} names the LRS's \`${resource.resource}\` resource, not its endpoint (statements would go to …/${resource.resource}/statements, which no LRS answers): give ${resource.base}`);
    else if (key === 'tokenUrl' && isHttpUrl(value) && isInsecureEndpoint(value)) {
      // The service is sent the LMS session cookie and answers with an LRS key (parse-config.ts, `xapi.tokenUrl`).
      problems.push(`${name} is plain http (${withoutUserinfo(value)}): the LMS session cookie and the LRS key it answers with would cross the network readable by anyone on it; give an https address (http only for localhost, 127.0.0.1)`);
    } else if (key === 'endpoint' && isHttpUrl(value) && hasCredentials(value)) {
      // Browsers refuse to fetch an address with credentials in it: every statement would fail, for good.
      problems.push(`${name} has a user name or password in it (${withoutUserinfo(value)}): browsers refuse to send requests to an address with credentials, so no statement would ever reach the LRS; give the endpoint without them, and the key as ${LRS_ENVIRONMENT.auth}="Basic …" (the base64 of key:secret)`);
    } else if (key === 'tokenUrl' && hasCredentials(value)) {
      problems.push(`${name} has a user name or password in it (${withoutUserinfo(value)}): the package would carry it for anyone to read, and browsers refuse to fetch an address with credentials, so the player would never get a key; give the address without them (the service knows the learner by the LMS session cookie)`);
    } else if (key === 'auth' ? BASIC_AUTH.test(value) : isHttpUrl(value)) settings[key] = value;
    else if (key === 'auth') problems.push(`${name} must be a whole Authorization header value: \`Basic \` and the base64 of key:secret`);
    else problems.push(`${name} must be an absolute http(s) address (got \`${withoutUserinfo(value)}\`)`);
  }
  return { settings, problems };
}

/**
 * The key id of `Basic base64(key:secret)`, never the secret: with one write key per course, `keys list` cannot
 * tell which is this course's, and the id is the one to revoke once every LMS has the package built with a new key.
 * Undefined when there is no printable id before a colon.
 */
function keyIdOf(auth: string): string | undefined {
  const decoded = Buffer.from(auth.replace(/^Basic /, ''), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const id = colon > 0 ? decoded.slice(0, colon) : '';
  return /^[\x21-\x7e]{1,100}$/.test(id) ? id : undefined;
}

export function resolveXapiSettings(config: CourseConfig, lrs: LrsSettings, report: Report): XapiData {
  const endpoint = lrs.endpoint ?? config.xapi.endpoint;
  const tokenUrl = lrs.tokenUrl ?? config.xapi.tokenUrl ?? null;
  const tokenUrlAt = lrs.tokenUrl === undefined ? config.xapi.tokenUrlAt : undefined;
  const named = lrs.tokenUrl === undefined ? '`xapi.tokenUrl`' : LRS_ENVIRONMENT.tokenUrl;
  if (tokenUrl !== null && endpoint === null) {
    report('xapi-token-url-without-endpoint', COURSE_CONFIG_FILE, tokenUrlAt, `${named} names a token service, but the course has no LRS endpoint to send statements to with its keys`);
  }
  // Both variables given the LRS's address: the player would POST the learner to the LRS as for a key, and take its
  // 400 or 404 as a service saying no, on the refusal back-off, for good.
  const lrsItself = tokenUrl !== null && endpoint !== null ? namesEndpoint(tokenUrl, endpoint) : undefined;
  if (tokenUrl !== null && lrsItself !== undefined) {
    report('xapi-token-url-is-endpoint', COURSE_CONFIG_FILE, tokenUrlAt,
      `${named} is the LRS endpoint${lrsItself.resource === undefined ? '' : `'s \`${lrsItself.resource}\` resource`} (${withoutUserinfo(tokenUrl)}), not a token service: the player would ask the LRS for its keys, which no LRS gives, and no statement would ever be sent`);
  }
  // Refused rather than one chosen: the package would carry a key anyone can read, for nothing (the player takes the
  // service's); or, the other way round, a service someone set up would be passed over without a word.
  if (tokenUrl !== null && lrs.auth !== undefined) {
    report('xapi-key-with-token-url', COURSE_CONFIG_FILE, tokenUrlAt,
      `${LRS_ENVIRONMENT.auth} is set and ${named} names a token service: the package would carry a key anyone can read, which the token service is there to avoid`);
  }
  const auth = tokenUrl === null ? lrs.auth ?? null : null;
  if (auth !== null && endpoint === null) {
    report('xapi-auth-without-endpoint', COURSE_CONFIG_FILE, undefined, `${LRS_ENVIRONMENT.auth} is set but the course has no LRS endpoint`);
  } else if (auth !== null) {
    const id = keyIdOf(auth);
    report('xapi-key-in-package', COURSE_CONFIG_FILE, undefined,
      `The LRS key ${id === undefined ? '' : `${id} `}from ${LRS_ENVIRONMENT.auth} is baked into the package, where anyone who opens it can read it`);
  }
  if (endpoint !== null && isInsecureEndpoint(endpoint)) {
    // A token service's keys go with every request to the LRS as a baked key does: kept out of the package, they would
    // still be read off the network, which the route exists to prevent.
    const keys = auth !== null ? '; and the LRS key would cross the network readable by anyone on it'
      : tokenUrl !== null ? '; and the LRS keys the token service gives learners would cross the network readable by anyone on it' : '';
    report('xapi-endpoint-insecure', COURSE_CONFIG_FILE, lrs.endpoint === undefined ? config.xapi.endpointAt : undefined,
      `The LRS endpoint ${lrs.endpoint !== undefined ? `in ${LRS_ENVIRONMENT.endpoint} ` : ''}is plain http (${endpoint}): an LMS served over https, as LMSs are, blocks the player's requests to it as mixed content, so statements would wait in learners' browsers and never arrive${keys}`);
  }
  // An endpoint without a key is fine: an LRS proxy that adds the credentials itself (XAPI.md §6).
  return {
    courseIri: config.xapi.activityBase, endpoint, auth: endpoint === null ? null : auth, homePage: lrs.homePage ?? config.xapi.homePage,
    // Only when set, so a package without one is built as before, byte for byte.
    ...(tokenUrl === null || endpoint === null ? {} : { tokenUrl }),
  };
}
