/**
 * Where statements go and who they are about (issue 9 points 3 and 5; XAPI.md §4, §6), decided
 * once at launch from data passed in: the parsed launch parameters, the settings the build baked
 * into the package, the SCORM learner fields and the LMS window's origin.
 *
 * Order: Tin Can launch parameters with an `endpoint` → build settings (their token service, else
 * their key or none) → off (nothing is sent). The launch is taken as a whole: its endpoint goes with its
 * own `auth` (or none), never with the build's key or token service, so a crafted launch link cannot
 * send the package's key, or a key the district's service gave for this learner, to another server.
 */
import type { LaunchParameters } from './parse-launch.js';
import { isHttpUrl } from './parse-launch.js';
import type { XapiAgent } from './statement-types.js';
import { isUuid } from './make-uuid.js';

/** What the build bakes into the package (`COURSEPACK_LRS_*` or `course.yaml` `xapi:`). */
export interface BuildSettings {
  readonly endpoint: string;
  /** Whole `Authorization` header value; public once baked (the build warns). */
  readonly auth?: string;
  /** `account.homePage` of the actor (XAPI.md §4: stable per LMS). */
  readonly homePage?: string;
  /** The district token service that gives a short-lived key per learner (docs/authoring.md, xAPI); the key then comes from it. */
  readonly tokenUrl?: string;
}

export interface ConfigInput {
  readonly launch: LaunchParameters;
  readonly build: BuildSettings | null;
  /** `cmi.core.student_id`. */
  readonly studentId: string;
  /** `cmi.core.student_name`, SCORM's "Last, First". */
  readonly studentName: string;
  /** `tracking.learnerNames`: send the learner's name (a district's choice, FERPA; XAPI.md §4). */
  readonly learnerNames: boolean;
  /** Origin of the window that holds the SCORM API (e.g. `https://lms.example.org`), or null. */
  readonly lmsOrigin: string | null;
  /**
   * The package's `account.homePage` (`xapi.homePage`, `COURSEPACK_LRS_HOMEPAGE`), whichever route gives the endpoint:
   * taken only with the build's endpoint, a launch with an endpoint and no actor named the learner under the LMS
   * window's origin, and a report saw one teacher as two (docs/authoring.md: the home page in statements).
   */
  readonly homePage?: string | null | undefined;
}

/** `token`: the package's endpoint, with keys from its token service. */
export type ConfigSource = 'launch' | 'build' | 'token';

export type XapiConfig =
  | {
    readonly enabled: true;
    /** Which route the endpoint came from: worth recording, to tell why statements went where they went. */
    readonly source: ConfigSource;
    /** LRS endpoint; statements are POSTed to `<endpoint>/statements`. */
    readonly endpoint: string;
    readonly auth: string | null;
    /** The token service to ask for `auth` (source `token`, `auth` then null), else null. */
    readonly tokenUrl: string | null;
    readonly actor: XapiAgent;
    /** Registration given by the launch, else null (then the one kept in suspend_data, see chooseRegistration). */
    readonly registration: string | null;
    readonly activityId: string | null;
  }
  | { readonly enabled: false; readonly source: 'off'; readonly reason: string };

export function resolveXapiConfig(input: ConfigInput): XapiConfig {
  if (input.launch.endpoint !== null) {
    const actor = input.launch.actor ? withName(input.launch.actor, input.learnerNames) : scormActor(input);
    if (!actor) {
      return off(input.launch.learnerKey === ''
        ? 'the launch gave no actor, and there is no SCORM learner id or account home page'
        : 'the launch\'s actor is not one an LRS accepts (an mbox must be an ASCII mailto: address with a domain, an account needs an http(s) homePage and a name), and there is no SCORM learner id or account home page');
    }
    return {
      enabled: true, source: 'launch', endpoint: input.launch.endpoint, auth: input.launch.auth, tokenUrl: null, actor,
      registration: input.launch.registration, activityId: input.launch.activityId,
    };
  }
  if (input.build && isHttpUrl(input.build.endpoint)) {
    const actor = scormActor(input);
    if (!actor) return off('there is no SCORM learner id or account home page to identify the learner');
    const tokenUrl = input.build.tokenUrl !== undefined && isHttpUrl(input.build.tokenUrl) ? input.build.tokenUrl : null;
    // With a token service the key is its: the build refuses one baked in beside it (xapi-key-with-token-url).
    const auth = tokenUrl === null ? input.build.auth?.trim() ?? '' : '';
    return {
      enabled: true, source: tokenUrl === null ? 'build' : 'token', endpoint: input.build.endpoint, auth: auth === '' ? null : auth, tokenUrl, actor,
      registration: null, activityId: null,
    };
  }
  return off('no LRS endpoint in the launch parameters or the package');
}

/**
 * The registration for this attempt: the launch's, else the one kept in suspend_data, else a new
 * one (`makeNew`, e.g. `() => makeUuid(crypto.getRandomValues(new Uint8Array(16)))`). A stored one
 * is kept whatever `cmi.core.entry` says: the player resumes the state it was saved with, and the
 * registration belongs to that state (an LMS that starts a new attempt gives empty suspend_data).
 */
export function chooseRegistration(launch: string | null, stored: string | null, makeNew: () => string): string {
  return launch ?? usable(stored) ?? makeNew();
}

/**
 * A registration kept with the progress, if strict LRSs take it: one an older player kept from a launch (the
 * nil UUID, another variant than RFC 4122's) made every statement a 400, session after session.
 */
function usable(stored: string | null): string | null {
  return stored !== null && isUuid(stored) ? stored : null;
}

/**
 * Whether this session continues the chosen registration (`resumed`) or starts it (`initialized`): it
 * continues the one kept with the saved progress, or a launch's when the progress was saved before xAPI was
 * on (none kept); a launch naming another one than the progress's starts that one, whose pass is then news
 * even where the LMS holds an earlier one (track-xapi.ts).
 */
export function continuesRegistration(progressResumed: boolean, stored: string | null, launch: string | null, chosen: string): boolean {
  // UUIDs are case-insensitive on input (RFC 4122 §3); suspend_data keeps them in lower case, and an LMS may
  // launch with upper case (.NET's and Apple's own UUIDs print so): the same registration, not a new one.
  const kept = usable(stored);
  return progressResumed && (kept?.toLowerCase() === chosen.toLowerCase() || (kept === null && launch !== null));
}

/**
 * SCORM's `Last, First` (RTE 3.4.2.1: cmi.core.student_name) as the name is written: `First Last`, a
 * suffix after a second comma kept at the end (`King, Martin Luther, Jr.` → `Martin Luther King Jr.`), the
 * Arabic and full-width commas read as one, and family-first names (Chinese, Japanese, Korean) kept family first, without
 * a space (`王, 小明` → `王小明`). A name without a comma is kept as it is.
 */
export function displayName(given: string): string {
  const studentName = withoutControls(given);
  const [last = '', first = '', ...rest] = studentName.split(/[,\u060c\uff0c]/).map((part) => part.replace(/\s+/g, ' ').trim());
  if (!/[,\u060c\uff0c]/.test(studentName)) return studentName.replace(/\s+/g, ' ').trim();
  const suffix = rest.filter((part) => part !== '').join(' ');
  if (FAMILY_FIRST.test(last) && FAMILY_FIRST.test(first)) return `${last}${first}${suffix ? ` ${suffix}` : ''}`;
  return [first, last, suffix].filter((part) => part !== '').join(' ');
}

/**
 * A name as an LMS or a launch gave it, without what no name holds and what would act on the text around it:
 * control characters (NUL and the like), the bidirectional embeddings, overrides and isolates (U+202A-202E,
 * U+2066-2069: `Doe, \u202EJane` turned the rest of "Welcome back, Jane. You were on page 3…" backwards), and
 * halves of surrogate pairs (not text; an LRS may refuse the statement).
 */
export function withoutControls(name: string): string {
  // Line and tab characters an LMS put between the parts of a name are spaces there.
  // A whole surrogate pair is matched first and kept, so a half left over is a lone one: no lookbehind, which the
  // player's Safari 14.1 cannot compile (16.4 can; the RegExp esbuild makes of it threw for every name).
  return name.replace(/[\t-\r\u0085]/g, ' ')
    .replace(/[\ud800-\udbff][\udc00-\udfff]|[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/g, (found) => (found.length === 2 ? found : ''));
}

/** Han, Hiragana, Katakana and Hangul: scripts whose names are written family name first. */
const FAMILY_FIRST = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\s]+$/u;

/**
 * `account {homePage, name: student_id}` (XAPI.md §4; SCORM Profile §4.0), never a made-up mbox.
 * homePage: the build's, else the LMS origin; null when either part is missing.
 */
function scormActor(input: ConfigInput): XapiAgent | null {
  const given = input.homePage ?? input.build?.homePage;
  const homePage = given && isHttpUrl(given)
    ? given
    : input.lmsOrigin !== null && isHttpUrl(input.lmsOrigin) ? input.lmsOrigin : null;
  const id = input.studentId.trim();
  if (homePage === null || id === '') return null;
  const name = input.learnerNames ? displayName(input.studentName) : '';
  return { objectType: 'Agent', ...(name === '' ? {} : { name }), account: { homePage, name: id } };
}

/** The launch actor, without its name unless names are to be sent. */
function withName(actor: XapiAgent, learnerNames: boolean): XapiAgent {
  if (actor.name === undefined) return actor;
  if (learnerNames) return { ...actor, name: withoutControls(actor.name) };
  const copy: Record<string, unknown> = { ...actor };
  delete copy['name'];
  return copy as XapiAgent;
}

function off(reason: string): XapiConfig {
  return { enabled: false, source: 'off', reason };
}
