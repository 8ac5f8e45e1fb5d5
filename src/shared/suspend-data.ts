/**
 * The learner's saved progress as `cmi.suspend_data`: a compact, fixed-layout code that the
 * runtime writes at milestones and the build sizes in validation (rule `suspend-data-budget`).
 *
 * Why fixed layout: SCORM 1.2 caps `cmi.suspend_data` at 4,096 characters (SCORM12.md §3.3;
 * Moodle enforces it in "standard mode", scorm-again does not) and an overflow breaks resume
 * (§3.6, §5 pitfall 5). With every field a fixed number of bits, the longest possible string is
 * known from the course alone, so the build can refuse a course that could ever overflow.
 *
 * Byte format (all characters base64url, `A-Z a-z 0-9 - _`, so it is a plain CMIString4096 in
 * every LMS and needs no escaping):
 *
 *   char 0       format version: `1` (no registration) or `2` (with the xAPI registration)
 *   chars 1-4    course fingerprint: 24 bits of FNV-1a over the course id, the page ids and each
 *                check's id, type and option count (a matching check's answer count too, a fill-in check's
 *                entries not at all: its field is the words typed; version 5:
 *                and whether it is scored; version 6: and which options of a single, multiple or
 *                true/false check are right). A course
 *                whose structure changed does not decode (null), instead of mapping bits onto the
 *                wrong pages or options.
 *   chars 5-26   version 2 only: the xAPI registration (XAPI.md §4: a UUID made on a first launch
 *                and kept here, sent as `context.registration` every time), its 128 bits most
 *                significant first, 6 bits per character: 22 characters, the last 4 bits zero.
 *                Fixed width, so it is never shortened like the bit string below.
 *   then         a bit string, most significant bit first, 6 bits per character:
 *                - location: ceil(log2(P + 1)) bits, 0 = none, i + 1 = page index i (P pages)
 *                - viewed:   P bits, bit i set = page i viewed
 *                - answers, one field per check in course order:
 *                  single/truefalse with N options: ceil(log2(N + 1)) bits, 0 = not answered,
 *                    k + 1 = option k chosen
 *                  multiple with N options: N bits, bit k = option k chosen; 0 = not answered
 *                  matching with N items and M answers: N fields of ceil(log2(M + 1)) bits, one per
 *                    item in order, 0 = not matched, k + 1 = answer k (the fingerprint covers M)
 *                  fill-in: the typed answer's length in UTF-16 code units (6 bits, 0 = not answered, at
 *                    most MAX_TYPED = 40), then each code unit in 16 bits: at most 646 bits, 108 characters
 *                Trailing `A` characters (zero bits) are dropped; the decoder pads them back.
 *
 * The encoder writes version 2 when the state has a registration and version 1 otherwise (xAPI off,
 * or a caller that does not know registrations yet), so today's strings stay byte for byte the same.
 * Both versions decode: a learner who started before xAPI resumes, with `registration: null`.
 *
 * Example (test/shared/suspend-data.test.ts): 4 pages, on page 2 (0-based), pages 0-2 viewed; a
 * 3-option single check answered `c`, a 2-option single check unanswered, a 4-option multiple
 * check answered `a,c`, a true/false check answered `b`:
 *   location 011 · viewed 1110 · 11 · 00 · 1010 · 10  →  011111 011001 010100  →  `fZU`,
 *   so the whole string is `1` + fingerprint + `fZU` (8 characters), or, with registration
 *   `00112233-4455-6677-8899-aabbccddeeff`, `2` + fingerprint + `ABEiM0RVZneImaq7zN3u_w` + `fZU` (30).
 *
 * Version 3 (written from coursepack 0.2 on; 1 and 2 still decode) puts the registration and the
 * assessment's progress into the bit string, before the location: a registration flag bit and, when
 * set, the 128 bits of the registration; `submitted` (1 bit: the scored answers of this attempt were
 * submitted and scored); the attempt number less one (4 bits, saturating at 16); the day the course
 * was completed (16 bits: days since 2020-01-01 plus one, 0 = not completed). Strings of versions 1
 * and 2 decode as attempt 1, not completed, submitted when every scored check is answered (those
 * players locked each scored answer as it was checked).
 * Version 4 (written from issue 12's Try again on; 1 to 3 still decode, with nothing kept) adds, after the
 * completion day, one bit per scored check in course order: its right answer was kept from an earlier
 * attempt (`completion.retry: missed`), so it is final and not asked again. Version 3 could not tell a kept
 * answer from a right draft, and locking right drafts would give the answers away by elimination.
 * Version 5 (1 to 4 still decode) has version 4's layout, and its fingerprint also covers which
 * checks are scored: the kept bits come one per scored check before everything else, so a republished course
 * that only made a check scored or practice (same pages, same checks) shifted every later bit, and a version 4
 * string decoded into answers the learner never gave, locked as kept. Version 4 strings still decode (their
 * fingerprint cannot tell), with every kept answer checked to be right, which rejects most such shifts.
 * Version 6 (what the encoder writes now; 1 to 5 still decode) has version 5's layout, and its fingerprint also
 * covers which options of each choice check are right: options are stored by letter, and a republished course
 * whose author moved the right option (a to b) read a saved b as the new b, the right answer, and scored it so
 * (to the LMS too). Now such a string is not read (the learner starts again) rather than misread; a typo fixed
 * in an option, or wrong options reordered among themselves, still keep progress. Version 5 strings still decode.
 * Changing a layout breaks every learner's resume: add a new version character instead.
 *
 * Reflection text is never stored here: it stays in the browser's localStorage (authoring.md).
 * Length (version 4): 5 + ceil((150 + scored checks + bits) / 6) at most (the worst case counts the registration,
 * because launch parameters can turn xAPI on for any package); e.g. 40 pages and 20 four-option
 * checks take 46.
 */
import type { CheckData, CourseData } from './course-data.js';
import { isAnswerCorrect, knownAnswer, matchesOf } from './check-answers.js';
import { MAX_TYPED } from './typed-answer.js';
import { formatUuid, uuidToBytes } from './xapi/make-uuid.js';

/** What the learner has done, by id, so it survives a change of page or check order. */
export interface LearnerState {
  /** Id of the page the learner is on, or null before the first page was shown. */
  readonly location: string | null;
  /** Ids of the pages the learner has viewed. */
  readonly viewed: ReadonlySet<string>;
  /** Check id → ids of the options the learner checked (non-empty), for each answered check. */
  readonly answers: ReadonlyMap<string, readonly string[]>;
  /** The xAPI registration (a UUID), or null when there is none yet. */
  readonly registration: string | null;
  /** The scored answers of this attempt were submitted (and scored); until then they are drafts. */
  readonly submitted: boolean;
  /** The assessment attempt, from 1 (Try again starts the next). */
  readonly attempt: number;
  /** The day the course was completed, as days since 1970-01-01 (UTC), or null. */
  readonly completedOn: number | null;
  /** Scored checks whose right answer was kept from an earlier attempt (`completion.retry: missed`): final. */
  readonly kept: ReadonlySet<string>;
}

/** SCORM 1.2 limit of `cmi.suspend_data` (CMIString4096, SCORM12.md §3.3). */
export const SUSPEND_DATA_LIMIT = 4096;

const VERSION_PLAIN = '1';
const VERSION_REGISTRATION = '2';
const VERSION_PROGRESS = '3';
const VERSION_KEPT = '4';
/** Version 4's layout with a fingerprint that covers which checks are scored. */
const VERSION_SCORED = '5';
/** Version 5's layout with a fingerprint that also covers which options of each choice check are right. */
const VERSION_KEYED = '6';
/** Days from 1970-01-01 to 2020-01-01: completion days are stored from there, in 16 bits (until 2199). */
const DAY_BASE = 18262;
const DAY_BITS = 16;
const ATTEMPT_BITS = 4;
/** Bits of version 3 before the location: registration flag and UUID, submitted, attempt, completion day. */
const PROGRESS_BITS = 1 + 128 + 1 + ATTEMPT_BITS + DAY_BITS;
const HEADER_LENGTH = 5;
/** A fill-in answer's length, 0 to MAX_TYPED. */
const TYPED_LENGTH_BITS = Math.ceil(Math.log2(MAX_TYPED + 1));
/** 128 bits at 6 bits per character. */
const REGISTRATION_LENGTH = 22;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function emptyLearnerState(): LearnerState {
  return { location: null, viewed: new Set(), answers: new Map(), registration: null, submitted: false, attempt: 1, completedOn: null, kept: new Set() };
}

export function encodeSuspendData(course: CourseData, state: LearnerState): string {
  const bits: number[] = [];
  const registration = state.registration === null ? null : uuidToBytes(state.registration);
  bits.push(registration ? 1 : 0);
  if (registration) for (const byte of registration) pushBits(bits, byte, 8);
  bits.push(state.submitted ? 1 : 0);
  pushBits(bits, Math.min(Math.max(1, Math.floor(state.attempt)), 2 ** ATTEMPT_BITS) - 1, ATTEMPT_BITS);
  const day = state.completedOn === null ? 0 : Math.min(Math.max(0, state.completedOn - DAY_BASE + 1), 2 ** DAY_BITS - 1);
  pushBits(bits, day, DAY_BITS);
  for (const check of scoredChecks(course)) bits.push(state.kept.has(check.id) ? 1 : 0);
  pushState(bits, course, state);
  return VERSION_KEYED + fingerprint(course, true, true) + bitsToChars(bits).replace(/A+$/, '');
}

function pushState(bits: number[], course: CourseData, state: LearnerState): void {
  const pageIndex = state.location === null ? -1 : course.pages.findIndex((p) => p.id === state.location);
  pushBits(bits, pageIndex + 1, locationWidth(course));
  for (const page of course.pages) bits.push(state.viewed.has(page.id) ? 1 : 0);
  for (const check of course.checks) {
    const chosen = state.answers.get(check.id) ?? [];
    if (check.type === 'fill-in') {
      const typed = knownAnswer(check, chosen)[0] ?? '';
      pushBits(bits, typed.length, TYPED_LENGTH_BITS);
      for (let i = 0; i < typed.length; i++) pushBits(bits, typed.charCodeAt(i), 16);
      continue;
    }
    if (check.type === 'matching') {
      const matches = matchesOf(check, chosen);
      const targets = check.targets ?? [];
      for (const item of check.options) pushBits(bits, targets.findIndex((t) => t.id === matches.get(item.id)) + 1, matchWidth(check));
      continue;
    }
    const indices = chosen.map((id) => check.options.findIndex((o) => o.id === id)).filter((i) => i >= 0);
    if (check.type === 'multiple') {
      for (let k = 0; k < check.options.length; k++) bits.push(indices.includes(k) ? 1 : 0);
    } else {
      pushBits(bits, indices.length > 0 ? (indices[0] ?? -1) + 1 : 0, choiceWidth(check));
    }
  }
}

/**
 * Versions a later coursepack will write: the digits after the newest this one knows (VERSION_KEYED), with
 * version 6's fingerprint after them. Keep them so: a player meeting one knows its own copy of the course is
 * the older, and leaves the string alone.
 */
const NEWER_VERSION = /^[7-9]/;

/**
 * Whether `data` is progress saved by a newer player than this one (a version it does not know, in a string
 * of this format): an older copy of the course was loaded (the browser's cache, a tab opened before the
 * package was replaced, another course shell still on the old zip). Read as another course's, its first save
 * wiped the learner's answers in the LMS for good.
 */
export function isNewerSuspendData(course: CourseData, data: string): boolean {
  // Its fingerprint is this course's as version 6 writes it: later versions keep it so (a contract), and a
  // string that merely starts with a digit (another tool's data) is not taken for one, which would leave the
  // learner unable to save for good.
  return NEWER_VERSION.test(data) && data.slice(1, HEADER_LENGTH) === fingerprint(course, true, true) && charsToBits(data.slice(1)) !== null;
}

/** The state in `data`, or null when `data` is empty, malformed or was written for another course structure. */
export function decodeSuspendData(course: CourseData, data: string): LearnerState | null {
  if (typeof data !== 'string' || data.length < HEADER_LENGTH) return null;
  const scoredLayout = data[0] === VERSION_SCORED || data[0] === VERSION_KEYED;
  if (data.slice(1, HEADER_LENGTH) !== fingerprint(course, scoredLayout, data[0] === VERSION_KEYED)) return null;
  // Versions 4, 5 and 6 share a layout from here on.
  const version = scoredLayout ? VERSION_KEPT : data[0];
  let registration: string | null = null;
  let bodyStart = HEADER_LENGTH;
  if (version === VERSION_REGISTRATION) {
    registration = decodeRegistration(data.slice(HEADER_LENGTH, HEADER_LENGTH + REGISTRATION_LENGTH));
    if (registration === null) return null;
    bodyStart += REGISTRATION_LENGTH;
  } else if (version !== VERSION_PLAIN && version !== VERSION_PROGRESS && version !== VERSION_KEPT) {
    return null;
  }
  const body = data.slice(bodyStart);
  const bits = charsToBits(body);
  if (bits === null) return null;
  let at = 0;
  const read = (width: number): number => {
    let value = 0;
    for (let j = 0; j < width; j++) value = value * 2 + (bits[at + j] ?? 0);
    at += width;
    return value;
  };
  let progress: Pick<LearnerState, 'submitted' | 'attempt' | 'completedOn' | 'kept'> | null = null;
  if (version === VERSION_PROGRESS || version === VERSION_KEPT) {
    const keptBits = version === VERSION_KEPT ? scoredChecks(course).length : 0;
    if (body.length > Math.ceil((PROGRESS_BITS + keptBits + bitLength(course)) / 6)) return null;
    if (read(1) === 1) {
      const bytes: number[] = [];
      for (let i = 0; i < 16; i++) bytes.push(read(8));
      registration = formatUuid(bytes);
    }
    const submitted = read(1) === 1;
    const attempt = read(ATTEMPT_BITS) + 1;
    const day = read(DAY_BITS);
    const kept = new Set<string>();
    if (version === VERSION_KEPT) for (const check of scoredChecks(course)) if (read(1) === 1) kept.add(check.id);
    progress = { submitted, attempt, completedOn: day === 0 ? null : day + DAY_BASE - 1, kept };
  } else if (body.length > Math.ceil(bitLength(course) / 6)) {
    return null;
  }
  const location = read(locationWidth(course));
  if (location > course.pages.length) return null;
  const viewed = new Set<string>();
  for (const page of course.pages) if (read(1) === 1) viewed.add(page.id);
  const answers = new Map<string, readonly string[]>();
  for (const check of course.checks) {
    const chosen: string[] = [];
    if (check.type === 'fill-in') {
      const length = read(TYPED_LENGTH_BITS);
      if (length > MAX_TYPED) return null;
      let typed = '';
      for (let i = 0; i < length; i++) typed += String.fromCharCode(read(16));
      // Only what the encoder writes: a cleaned answer, never blank.
      if (length > 0 && knownAnswer(check, [typed])[0] !== typed) return null;
      if (length > 0) chosen.push(typed);
    } else if (check.type === 'matching') {
      const targets = check.targets ?? [];
      for (const item of check.options) {
        const value = read(matchWidth(check));
        if (value > targets.length) return null;
        const target = targets[value - 1];
        if (target) chosen.push(`${item.id}.${target.id}`);
      }
    } else if (check.type === 'multiple') {
      for (const option of check.options) if (read(1) === 1) chosen.push(option.id);
    } else {
      const value = read(choiceWidth(check));
      if (value > check.options.length) return null;
      const option = check.options[value - 1];
      if (option) chosen.push(option.id);
    }
    if (chosen.length > 0) answers.set(check.id, chosen);
  }
  // Padding bits of the last character must be zero, or this is not our string.
  if (bits.slice(at).some((b) => b !== 0)) return null;
  // Versions 1 and 2 locked each scored answer as it was checked: all answered means submitted.
  progress ??= { submitted: course.checks.some((c) => c.scored) && course.checks.every((c) => !c.scored || answers.has(c.id)), attempt: 1, completedOn: null, kept: new Set() };
  // A kept answer is an answer that is there: anything else is not a string this encoder wrote.
  for (const id of progress.kept) if (!answers.has(id)) return null;
  // A version 4 fingerprint does not cover which checks are scored, so a republished course that changed
  // them shifts the bits unseen; a kept answer that is not right betrays most such shifts.
  if (data[0] === VERSION_KEPT) {
    for (const check of course.checks) if (progress.kept.has(check.id) && !isAnswerCorrect(check, answers.get(check.id) ?? [])) return null;
  }
  return { location: course.pages[location - 1]?.id ?? null, viewed, answers, registration, ...progress };
}

/** The longest string `encodeSuspendData` can return for this course, whatever the learner does. */
export function worstCaseSuspendDataLength(course: CourseData): number {
  return HEADER_LENGTH + Math.ceil((PROGRESS_BITS + scoredChecks(course).length + bitLength(course)) / 6);
}

function scoredChecks(course: CourseData): readonly CheckData[] {
  return course.checks.filter((c) => c.scored);
}

function decodeRegistration(chars: string): string | null {
  const bits = chars.length === REGISTRATION_LENGTH ? charsToBits(chars) : null;
  if (bits === null) return null;
  // 132 bits were written for 128: the last 4 must be zero.
  if (bits.slice(128).some((b) => b !== 0)) return null;
  const bytes: number[] = [];
  for (let i = 0; i < 128; i += 8) {
    let value = 0;
    for (let j = 0; j < 8; j++) value = value * 2 + (bits[i + j] ?? 0);
    bytes.push(value);
  }
  return formatUuid(bytes);
}

function bitLength(course: CourseData): number {
  let total = locationWidth(course) + course.pages.length;
  for (const check of course.checks) {
    total += check.type === 'multiple' ? check.options.length
      : check.type === 'matching' ? check.options.length * matchWidth(check)
        : check.type === 'fill-in' ? TYPED_LENGTH_BITS + 16 * MAX_TYPED : choiceWidth(check);
  }
  return total;
}

function locationWidth(course: CourseData): number {
  return widthFor(course.pages.length + 1);
}

function choiceWidth(check: CheckData): number {
  return widthFor(check.options.length + 1);
}

/** One item's match in a matching check: 0 = none, k + 1 = answer k. */
function matchWidth(check: CheckData): number {
  return widthFor((check.targets?.length ?? 0) + 1);
}

/** Bits needed to hold the values 0..count-1. */
function widthFor(count: number): number {
  return count <= 1 ? 0 : Math.ceil(Math.log2(count));
}

/** 6 bits a character, most significant first; the last character is padded with zero bits. */
function bitsToChars(bits: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bits.length; i += 6) {
    let value = 0;
    for (let j = 0; j < 6; j++) value = (value << 1) | (bits[i + j] ?? 0);
    out += ALPHABET[value];
  }
  return out;
}

/** The bits of base64url characters, or null when one is not base64url. */
function charsToBits(chars: string): number[] | null {
  const bits: number[] = [];
  for (const char of chars) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) return null;
    pushBits(bits, value, 6);
  }
  return bits;
}

function pushBits(bits: number[], value: number, width: number): void {
  for (let j = width - 1; j >= 0; j--) bits.push(Math.floor(value / 2 ** j) % 2);
}

function fingerprint(course: CourseData, withScored: boolean, withKey = false): string {
  const parts = [course.id, ...course.pages.map((p) => p.id)];
  for (const check of course.checks) {
    // A matching check's answer count sets its fields' width, and its key says what the letters mean: the
    // answers' letters follow the author's order, so a republished check whose answers moved (or whose items
    // got other answers) must not read old letters as new answers (every other check's part is as before).
    const targets = check.type === 'matching' ? `:${check.targets?.length ?? 0}:${check.options.map((o) => o.match ?? '').join('')}` : '';
    // A fill-in check keeps the words typed, whatever its entries: adding a foreseen wrong answer (what a report
    // suggests) must not end every learner's saved progress, so its entry count is not part of its shape.
    const shape = check.type === 'fill-in' ? '' : `:${check.options.length}`;
    // Which letters are right (version 6): a right option moved to another letter must not turn saved answers right or wrong.
    const key = withKey && check.type !== 'fill-in' && check.type !== 'matching' ? `:${check.options.map((o) => (o.correct ? '1' : '0')).join('')}` : '';
    parts.push(`${check.id}:${check.type}${shape}${targets}${withScored && check.scored ? ':scored' : ''}${key}`);
  }
  // FNV-1a, 32 bits: stable, tiny, good enough to tell one course structure from another.
  let hash = 0x811c9dc5;
  for (const char of parts.join('\n')) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  let out = '';
  for (let j = 18; j >= 0; j -= 6) out += ALPHABET[(hash >>> j) & 63];
  return out;
}
