/**
 * Stage 2a: course.yaml → CourseConfig, with a positional message for every bad field.
 */
import type { Position } from 'unist';
import type { CertificateData, CompletionRule, TrackingData } from '../shared/course-data.js';
import { PLURAL_FORMS, placeholdersOf, type PlayerWords, type PluralText, type WordKey, type WordText } from '../shared/player-words.js';
import { defaultCourseIri } from '../shared/xapi/vocabulary.js';
import { isHttpUrl } from '../shared/xapi/parse-launch.js';
import { endpointNamesResource, hasCredentials, isInsecureEndpoint } from '../shared/xapi/check-endpoint.js';
import { withoutUserinfo } from '../shared/quoted-variable.js';
import { parseByteSize } from '../shared/byte-size.js';
import { closest } from '../shared/closest-word.js';
import { checkFields, reportYamlProblems } from './check-fields.js';
import { caseTwinOf, differOnlyIn, linkOn, sameCaseAs } from './judge-url.js';
import type { SourceFile } from './load-course.js';
import type { BrandSurface } from './read-theme.js';
import { isBlank } from './is-blank.js';
import { isLanguageTag } from '../shared/language-tag.js';
import { playerWordsFor, PLAYER_WORDS } from './player-word-lists.js';
import { isRecord, readYaml } from './read-yaml.js';
import type { Report } from './rules.js';
import { fullWidthNumber } from './full-width-number.js';

export interface CourseConfig {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly language: string;
  readonly version: string;
  /** Who publishes the course; empty when course.yaml does not say. */
  readonly organization: string;
  readonly completion: {
    readonly allPages: boolean;
    readonly passMark: number | null;
    /** Where course.yaml sets it, for a message about it once the questions are known (build-model.ts). */
    readonly passMarkAt?: Position;
    readonly lmsMastery: boolean;
    readonly retry: CompletionRule['retry'];
    readonly revealAnswers: CompletionRule['revealAnswers'];
  };
  /** The course's own look (issue 12): an accent colour checked for contrast, and a logo from assets/. */
  readonly brand: {
    /** `#rrggbb`, or null for the theme's own. */
    readonly color: string | null;
    /** Course-relative asset path (`assets/logo.svg`), or null. */
    readonly logo: string | null;
  };
  readonly tracking: TrackingData;
  /** The player's own words: the built-in ones of `language` (else English), with `words:` over them. */
  readonly words: PlayerWords;
  /** `xapi:` without secrets: keys never come from course.yaml (they would end up in git). */
  readonly xapi: {
    /** The course IRI every activity IRI derives from. */
    readonly activityBase: string;
    readonly endpoint: string | null;
    /** Where `xapi.endpoint` is in course.yaml, for messages about it. */
    readonly endpointAt?: Position;
    readonly homePage: string | null;
    /** The district token service that gives the player short-lived LRS credentials, or absent (docs/authoring.md, xAPI). */
    readonly tokenUrl?: string | null;
    /** Where `xapi.tokenUrl` is in course.yaml, for messages about it. */
    readonly tokenUrlAt?: Position;
  };
  /** `package.maxSize` in bytes: a package over it is an error (else over 100 MB is a warning); `at`, where it is written. */
  readonly package?: { readonly maxSize: number | null; readonly at?: Position };
  /** `certificate:`: a certificate of completion the learner can print, with an optional credit line; null: none. */
  readonly certificate?: CertificateData | null;
}

export const COURSE_CONFIG_FILE = 'course.yaml';
export const COURSE_ID = /^[a-z][a-z0-9-]{0,63}$/;
export const MAX_TITLE = 200; // SCORM 1.2 CAM: <title> is at most 200 characters.

const KNOWN = ['id', 'title', 'description', 'language', 'version', 'organization', 'completion', 'tracking', 'xapi', 'brand', 'package', 'words', 'certificate'];
/** Every word the player shows, as `words:` may name them (src/shared/player-words.ts). */
const WORD_KEYS = Object.keys(PLAYER_WORDS['en'] ?? {}).filter((k): k is WordKey => k !== 'lang' && k !== 'given');
/** Words that are lists of phrases (lower case, `|` between them) the player looks for in the author's text. */
const PHRASE_LISTS: readonly WordKey[] = ['authorVerdicts', 'chooseAllSaid', 'chooseOneSaid', 'matchEachSaid'];
/** The words only a certificate of completion shows (course.yaml `certificate`). */
const CERTIFICATE_WORDS: readonly WordKey[] = [
  'yourCertificate', 'certificateTitle', 'certifiesThat', 'completedTheCourse', 'certificateDay', 'certificateDayScore',
  'yourNameHere', 'printCertificate', 'seeCertificate',
];
/**
 * The words only a matching check shows: asked for at the first matching check (build-model.ts), not here,
 * where a course translated before matching existed would be asked for words it never shows.
 */
export const MATCHING_WORDS: readonly WordKey[] = ['matchEach', 'matchEachSaid', 'chooseMatch', 'matchEveryItem', 'correctMatch'];
/** The words only a fill-in check shows, asked for at the first fill-in check as the matching words are. */
export const FILL_IN_WORDS: readonly WordKey[] = ['answerBox', 'typeAnAnswer', 'acceptedAnswer', 'typedLimit'];
/** A word longer than this is a paragraph pasted in the wrong place. */
const MAX_WORD = 500;
const KNOWN_BRAND = ['color', 'logo'];
const KNOWN_COMPLETION = ['pages', 'passMark', 'lmsMastery', 'retry', 'revealAnswers'];
const KNOWN_TRACKING = ['reflections', 'learnerNames', 'practiceInteractions'];
const KNOWN_XAPI = ['activityBase', 'endpoint', 'homePage', 'tokenUrl'];
const KNOWN_PACKAGE = ['maxSize'];
const KNOWN_CERTIFICATE = ['credit'];

export interface ParseConfigContext {
  /**
   * Every colour of the light theme the brand colour is text on or carries text in, read from the theme
   * (read-theme.ts `readBrandSurfaces`, the build passes the installed templates/player.css's).
   */
  readonly brandSurfaces: readonly BrandSurface[];
  /** A file that looks meant to be course.yaml (`course.yml`, `Course.yaml`), when there is none. */
  readonly nearMiss?: string | null;
  /** course.yaml is a symbolic link, which was not read. */
  readonly isLink?: boolean;
  /** The course's asset paths (`assets/…`), to check `brand.logo` against. */
  readonly assets?: readonly string[];
  /** The symbolic links under assets/ (load-course.ts), which a logo may not be or be under. */
  readonly assetLinks?: readonly string[];
  /**
   * Told the course's language and words when course.yaml has errors (and no config is returned): the modules
   * are still checked in that language, so a Spanish course's `Verdadero`/`Falso` checks are not errors too;
   * its brand, so its logo is not called unused; `unread` when a YAML mistake kept `words:` and `brand:` from
   * being read at all, so nothing is judged by them.
   */
  readonly onErrors?: (usable: Pick<CourseConfig, 'language' | 'words'> & { readonly brand?: CourseConfig['brand']; readonly unread?: true }) => void;
}

/**
 * How to rename a near miss to course.yaml. `course.yaml.txt` is Notepad's doing (it adds .txt on Save), and
 * File Explorer hides known extensions, so the author sees `course.yaml` there and "Rename it" alone is
 * not enough: say how to see the real name.
 */
function nearMissHint(nearMiss: string): string {
  if (/\.txt$/i.test(nearMiss)) {
    return `Rename ${nearMiss} to course.yaml: Windows hides the .txt at the end of its name (File Explorer: View > Show > File name extensions on Windows 11, View > File name extensions on Windows 10, to see it).`;
  }
  return `Rename ${nearMiss} to course.yaml.`;
}

export function parseConfig(file: SourceFile | null, report: Report, context: ParseConfigContext): CourseConfig | null {
  const { brandSurfaces, nearMiss = null, isLink = false, assets = [], assetLinks = [] } = context;
  if (!file && isLink) {
    report('symlink-not-followed', COURSE_CONFIG_FILE, undefined, '`course.yaml` is a symbolic link, which coursepack does not follow: the course settings were not read',
      'Copy the file itself into the course folder: a link can point anywhere on the machine.');
    return null;
  }
  if (!file) {
    report('course-config-missing', COURSE_CONFIG_FILE, undefined, 'The course has no course.yaml', nearMiss ? nearMissHint(nearMiss) : undefined);
    return null;
  }
  const yaml = readYaml(file.text);
  if (reportYamlProblems(yaml, file.path, 'course-config-invalid', 'course.yaml', report)) {
    // A YAML mistake (a field given twice, a line misindented) leaves the rest readable: the modules are checked in
    // the language it names when the player speaks it, with its built-in words. `words:` is not read past such a
    // mistake, so another language stays English here: its checks would be told that words given there are missing.
    const language = yaml.textOf('language')?.trim();
    const builtIn = language !== undefined && isLanguageTag(language) ? playerWordsFor(language) : undefined;
    if (language !== undefined && builtIn?.matched) context.onErrors?.({ language, words: builtIn.words, unread: true });
    else context.onErrors?.({ language: 'en', words: playerWordsFor('en').words, unread: true });
    return null;
  }
  const data = yaml.value;
  if (!isRecord(data)) {
    report('course-config-invalid', file.path, undefined, 'course.yaml must be a mapping of fields (id, title, …)');
    return null;
  }
  const fields = checkFields(yaml, file.path, 'course-config-invalid', report);
  const { bad } = fields;
  // `titel:` is said once, at its key ("did you mean `title`?"), not also as no `title`.
  const meant = fields.rejectUnknown(data, KNOWN, [], 'course.yaml');
  // Text fields are the text the author typed, whatever YAML would make of it: `version: 2.10` is "2.10"
  // (YAML reads the number 2.1, which would also collide with version 2.1 in the manifest identifier).
  const text = (key: string, required: boolean, fallback: string, max: number, limit = ''): string => {
    const v = data[key];
    if (v === undefined || v === null) {
      if (required && !meant.has(key)) bad([], `course.yaml has no \`${key}\``, `Add \`${key}: …\`.`);
      return fallback;
    }
    if (typeof v === 'object') {
      bad([key], `\`${key}\` must be text`, `Write it on one line after the colon: \`${key}: …\`.`);
      return fallback;
    }
    const s = (yaml.textOf(key) ?? '').trim();
    if (isBlank(s) && (required || key === 'version')) bad([key], `\`${key}\` is empty`, `Write the ${key} after the colon.`);
    // In UTF-16 units, as Java's schema validator counts them for the manifest (build-manifest.ts): an emoji
    // counts as two, and one joined from several (👩‍🏫, a flag, a skin tone) as more.
    const length = s.length;
    const counted = length === [...s].length ? '' : ' (an emoji counts as two or more)';
    if (length > max && key === 'title') fields.other('title-too-long', [key], `\`${key}\` has ${length} characters${counted}; the limit is ${max}`);
    else if (length > max) bad([key], `\`${key}\` has ${length} characters${counted}; the limit is ${max}${limit}`, `Shorten it to ${max} characters or fewer.`);
    return s;
  };
  const id = text('id', true, '', 64);
  if (id && !COURSE_ID.test(id)) bad(['id'], `Course id \`${id}\` is not valid`, 'Use lower-case letters, digits and -, starting with a letter.');
  const title = text('title', true, '', MAX_TITLE);
  const description = text('description', false, '', 4000);
  const language = text('language', false, 'en', 35);
  if (!isLanguageTag(language)) bad(['language'], `\`${language}\` is not a language tag`, 'Use a BCP 47 tag such as en, en-US or es.');
  const version = text('version', false, '1.0.0', 20, ' (the manifest\'s version attribute, SCORM 1.2 CAM)');
  // The certificate's words are shown only by a course that gives one: a course translated without them is no news.
  const wantsCertificate = data['certificate'] !== undefined && data['certificate'] !== false;
  const words = readWords(language);
  const organization = text('organization', false, '', MAX_TITLE);

  let allPages = true;
  let passMark: number | null = null;
  let lmsMastery = false;
  let retry: CompletionRule['retry'] = 'all';
  let revealAnswers: CompletionRule['revealAnswers'] = 'after-submit';
  const completion = section(data, 'completion', KNOWN_COMPLETION);
  if (completion) {
    retry = oneOf(completion, 'completion', 'retry', ['all', 'missed'] as const, 'all',
      'Use `retry: all` (Try again asks every scored question) or `retry: missed` (only the ones missed).');
    revealAnswers = oneOf(completion, 'completion', 'revealAnswers', ['after-submit', 'never', 'immediately'] as const, 'after-submit',
      'Use `after-submit` (right and wrong show when the scored check is submitted), `never`, or `immediately`.');
    const pages = completion['pages'];
    if (pages !== undefined) {
      if (pages === 'all' || pages === 'none') allPages = pages === 'all';
      else bad(['completion', 'pages'], '`completion.pages` must be `all` or `none`', 'Use `pages: all` (every page must be viewed) or `pages: none`.');
    }
    const mark = completion['passMark'];
    if (mark !== undefined && mark !== null) {
      if (typeof mark === 'number' && mark >= 0 && mark <= 100) passMark = mark;
      else {
        const ascii = fullWidthNumber(mark);
        bad(['completion', 'passMark'], ascii === null ? '`completion.passMark` must be a number from 0 to 100' : `\`completion.passMark\` is \`${String(mark)}\`, in full-width digits, which YAML reads as text`,
          ascii === null ? 'Give the percent needed to pass, e.g. `passMark: 80`.' : `Type it with ordinary digits (the keyboard in half-width mode): \`passMark: ${ascii}\`.`);
      }
    }
    lmsMastery = flag(completion, 'completion', 'lmsMastery', false);
    if (lmsMastery && passMark === null) bad(['completion', 'lmsMastery'], '`lmsMastery` needs a `passMark`', 'Add `passMark: 80` (the score to pass, 0-100) under `completion`: the LMS is given that mark.');
  }
  if (!allPages && passMark === null) {
    bad(['completion'], 'The course can never be completed: `pages: none` and no `passMark`', 'Use `pages: all`, or set a passMark.');
  }

  const tracking = section(data, 'tracking', KNOWN_TRACKING) ?? {};
  const reflections = tracking['reflections'] ?? 'private';
  if (reflections !== 'private' && reflections !== 'share') {
    bad(['tracking', 'reflections'], '`tracking.reflections` must be `private` or `share`',
      'Use `private` (reflections stay in the browser) or `share` (each saved reflection goes to the LRS).');
  }
  const learnerNames = flag(tracking, 'tracking', 'learnerNames', false);
  const practiceInteractions = flag(tracking, 'tracking', 'practiceInteractions', false);

  // `auth` has a rule of its own (below), not "unknown field".
  const xapi = section(data, 'xapi', KNOWN_XAPI, ['auth']) ?? {};
  if (xapi['auth'] !== undefined) {
    fields.other('xapi-key-in-config', ['xapi', 'auth'], 'An LRS key in course.yaml ends up in git, where anyone can read it');
  }
  const activityBase = iri(xapi, 'activityBase', 'the course IRI, e.g. `https://lms.example.org/xapi/courses/mentoring`') ?? defaultCourseIri(id || 'course');
  const endpoint = iri(xapi, 'endpoint', 'the LRS xAPI endpoint, e.g. `https://lrs.example.org/xapi/`');
  const resource = endpoint === null ? undefined : endpointNamesResource(endpoint);
  if (resource) {
    bad(['xapi', 'endpoint'], `\`xapi.endpoint\` names the LRS's \`${resource.resource}\` resource, not its endpoint: statements would go to …/${resource.resource}/statements, which no LRS answers`,
      `Give the address without \`${resource.resource}\`: \`endpoint: ${resource.base}\`.`);
  }
  // `https://key:secret@lrs…` reads as a way to give the key, but browsers refuse to fetch an address with credentials
  // in it: every statement failed, for good, and the secret went into the package for anyone to read.
  if (endpoint !== null && !resource && hasCredentials(endpoint)) {
    bad(['xapi', 'endpoint'], `\`xapi.endpoint\` has a user name or password in it (\`${withoutUserinfo(endpoint)}\`): browsers refuse to send requests to an address with credentials, so no statement would ever reach the LRS, and the package would carry them for anyone to read`,
      'Give the endpoint without them; a key goes in the build\'s environment, COURSEPACK_LRS_AUTH="Basic …" (docs/authoring.md, xAPI), never in course.yaml.');
  }
  const homePage = iri(xapi, 'homePage', 'the LMS address, e.g. `https://lms.example.org`');
  const tokenUrl = iri(xapi, 'tokenUrl', 'the district token service\'s address, e.g. `https://lms.example.org/xapi-token`');
  // The token service is sent the LMS session cookie and answers with an LRS key: plain http would show both to
  // anyone on the network, and an https LMS's player could not reach it anyway (mixed content). This machine is fine.
  if (tokenUrl !== null && isInsecureEndpoint(tokenUrl)) {
    bad(['xapi', 'tokenUrl'], '`xapi.tokenUrl` is plain http: the LMS session cookie and the LRS key it answers with would cross the network readable by anyone on it, and an LMS served over https blocks the request as mixed content',
      'Give the https address of the token service, e.g. `https://lms.example.org/xapi-token` (http only for this machine: localhost, 127.0.0.1).');
  } else if (tokenUrl !== null && hasCredentials(tokenUrl)) {
    bad(['xapi', 'tokenUrl'], `\`xapi.tokenUrl\` has a user name or password in it (\`${withoutUserinfo(tokenUrl)}\`): the package would carry it for anyone to read, and browsers refuse to fetch an address with credentials, so the player would never get a key`,
      'Give the address without them: the service knows the learner by the LMS session cookie.');
  }

  const brand = section(data, 'brand', KNOWN_BRAND) ?? {};
  const color = brand['color'];
  // `color: #1f5fa8` unquoted is an empty value (YAML reads # as a comment): the colour vanished without a word.
  if (color === null && 'color' in brand) {
    bad(['brand', 'color'], '`brand.color` is empty: an unquoted `#…` is a comment to YAML', 'Quote the colour: `color: "#1f5fa8"`, or remove the line.');
  } else if (color !== undefined && color !== null && (typeof color !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(color.trim()))) {
    bad(['brand', 'color'], '`brand.color` must be a colour like `#1f5fa8`', 'Give six hex digits after #, e.g. `color: "#1f5fa8"` (quoted: YAML reads # as a comment).');
  } else if (typeof color === 'string') {
    // The colour becomes the accent of the light theme: link text on the page, the panels and every tinted
    // box (a link in a tip callout is on its green), and the background of buttons with white text; WCAG
    // 1.4.3 asks 4.5:1 of each, so the worst of them decides.
    const ratios = brandSurfaces.map((surface) => ({ surface, ratio: contrastRatio(color.trim().toLowerCase(), surface.color) }));
    const worst = ratios.reduce<(typeof ratios)[number] | undefined>((a, b) => (a && a.ratio <= b.ratio ? a : b), undefined);
    if (worst && worst.ratio < 4.5) {
      fields.other('brand-contrast', ['brand', 'color'],
        `\`${color.trim()}\` has a contrast of ${worst.ratio.toFixed(2)}:1 with ${worst.surface.label} (${worst.surface.color}); WCAG AA asks 4.5:1 on every background it is used on`);
    }
  }
  // `assets\logo.svg` as Windows writes paths: a page's `..\assets\logo.svg` is read with slashes
  // (resolve-url.ts), and the logo was refused beside a file of that very name.
  const logo = typeof brand['logo'] === 'string' ? brand['logo'].trim().replace(/\\/g, '/') : brand['logo'];
  if (typeof logo === 'string' && /^([a-z]:\/|file:)/i.test(logo)) {
    // A path copied from Explorer, or an image dragged into the editor: the generic "a plain file name"
    // did not say what was wrong with it.
    const name = /([^/]+?)\/?$/.exec(logo)?.[1] ?? 'logo.svg';
    bad(['brand', 'logo'], `\`brand.logo\` \`${String(brand['logo']).trim()}\` is a file on this computer, which learners do not have`,
      `Copy the file into the course's assets/ folder and write \`logo: assets/${/^[A-Za-z0-9._-]+$/.test(name) ? name : 'its-name.svg'}\`.`);
  } else if (logo !== undefined && logo !== null) {
    if (typeof logo !== 'string' || !/^assets\/[A-Za-z0-9._/-]+\.(svg|png|jpe?g|gif|webp)$/i.test(logo)) {
      bad(['brand', 'logo'], '`brand.logo` must be an image in assets/ with a plain file name',
        'E.g. `logo: assets/district-logo.svg` (SVG, PNG, JPEG, GIF or WebP; letters, digits, -, _ and . only).');
    } else {
      const path = logo;
      const link = linkOn(path, assetLinks);
      if (link) {
        fields.other('symlink-not-followed', ['brand', 'logo'], `\`${path}\`: ${link === path ? 'it' : `${link}, a folder on its path,`} is a symbolic link, which coursepack does not follow`);
      } else if (!assets.includes(path)) {
        const other = assets.find((a) => a.toLowerCase() === path.toLowerCase());
        fields.other('missing-asset', ['brand', 'logo'], `\`${path}\` does not exist${other ? ` (the file is ${other}: paths are case-sensitive in packages)` : ''}`);
      } else {
        const twin = caseTwinOf(path, assets);
        if (twin) fields.other('asset-name-case', ['brand', 'logo'], `\`${sameCaseAs(path, twin)}\` and ${twin} ${differOnlyIn(sameCaseAs(path, twin), twin)}`);
      }
    }
  }

  const packaging = section(data, 'package', KNOWN_PACKAGE) ?? {};
  let maxSize: number | null = null;
  if (packaging['maxSize'] !== undefined && packaging['maxSize'] !== null) {
    maxSize = parseByteSize(yaml.textOf('package', 'maxSize') ?? '') ?? null;
    if (maxSize === null) bad(['package', 'maxSize'], '`package.maxSize` must be a size such as `200 MB`', 'Give your LMS\'s upload limit: a number of MB (`maxSize: 200`), or with KB, MB or GB (`maxSize: 1.5 GB`).');
  }

  // `certificate: true`, or a mapping with the line a district's PD office asks for (`credit: 2 PD hours`).
  let certificate: CertificateData | null = null;
  const wanted = data['certificate'];
  if (wanted === true) certificate = { credit: '' };
  else if (isRecord(wanted)) {
    const given = section(data, 'certificate', KNOWN_CERTIFICATE) ?? {};
    const credit = given['credit'];
    if (credit !== undefined && credit !== null && typeof credit === 'object') {
      bad(['certificate', 'credit'], '`certificate.credit` must be text', 'Write it on one line, e.g. `credit: 2 professional development hours`.');
    }
    const line = credit === undefined || credit === null ? '' : (yaml.textOf('certificate', 'credit') ?? '').trim();
    if (/[\r\n]/.test(line)) bad(['certificate', 'credit'], '`certificate.credit` has more than one line', 'Write the credit on one line: it is one line of the certificate.');
    if (line.length > MAX_TITLE) bad(['certificate', 'credit'], `\`certificate.credit\` has ${line.length} characters; the limit is ${MAX_TITLE}`, 'Shorten it to one line.');
    certificate = { credit: line };
  } else if (wanted === null) {
    // `certificate:` with nothing under it: asked for, but with what is not said.
    bad(['certificate'], '`certificate` is empty', 'Write `certificate: true`, or give the credit line under it: `  credit: 2 professional development hours`.');
  } else if (wanted !== undefined && wanted !== false) {
    bad(['certificate'], '`certificate` must be `true`, `false` or a mapping with `credit`', 'E.g. `certificate: true`, or `certificate:` with `credit: 2 professional development hours` under it.');
  }

  const brandRead = {
    color: typeof color === 'string' ? color.trim().toLowerCase() : null,
    logo: typeof logo === 'string' ? logo : null,
  };
  if (!fields.ok) {
    context.onErrors?.({ language: isLanguageTag(language) ? language : 'en', words, brand: brandRead });
    return null;
  }
  return {
    id, title, description, language, version, organization,
    completion: { allPages, passMark, ...(passMark === null ? {} : { passMarkAt: yaml.placeOf('completion', 'passMark') }), lmsMastery, retry, revealAnswers },
    brand: brandRead,
    tracking: { reflections: reflections as TrackingData['reflections'], learnerNames, practiceInteractions },
    words,
    xapi: { activityBase, endpoint, ...(endpoint === null ? {} : { endpointAt: yaml.placeOf('xapi', 'endpoint') }), homePage,
      ...(tokenUrl === null ? {} : { tokenUrl, tokenUrlAt: yaml.placeOf('xapi', 'tokenUrl') }) },
    package: { maxSize, ...(maxSize === null ? {} : { at: yaml.placeOf('package', 'maxSize') }) },
    certificate,
  };

  /**
   * The player's words for `language`, each one `words:` gives in place of the built-in one. A course in a
   * language the player does not speak gets English for the rest, and a warning: its buttons would be read
   * with the course's voice (WCAG 3.1.2).
   */
  function readWords(lang: string): PlayerWords {
    const { words: builtIn, matched } = playerWordsFor(lang);
    const given: Partial<Record<WordKey, WordText>> = {};
    const value = (data as Record<string, unknown>)['words'];
    if (value !== undefined && value !== null && !isRecord(value)) {
      bad(['words'], '`words` must be the player\'s words, one a line', 'Write one word a line under it: `words:` then `  next: Weiter`.');
    } else if (value) {
      for (const [key, raw] of Object.entries(value)) {
        const known = WORD_KEYS.find((k) => k === key);
        if (!known) {
          const near = WORD_KEYS.find((k) => k.toLowerCase() === key.toLowerCase().replace(/[-_ ]/g, '')) ?? closest(key, WORD_KEYS);
          fields.badKey(['words', key], `\`words.${key}\` is not one of the player's words`,
            `${near ? `Did you mean \`${near}\`? ` : ''}The words are listed in docs/authoring.md (Player words).`);
          continue;
        }
        const text = wordOf(known, raw, builtIn[known]);
        if (text !== null) given[known] = text;
        if (text !== null && typeof text !== 'string') missingForms(known, text, lang);
      }
    }
    const counted = WORD_KEYS.filter((k) => (wantsCertificate || !CERTIFICATE_WORDS.includes(k)) && !MATCHING_WORDS.includes(k) && !FILL_IN_WORDS.includes(k));
    const missing = counted.filter((k) => given[k] === undefined);
    // An invalid tag has its own error; the words are no news then.
    if (!matched && missing.length > 0 && isLanguageTag(lang)) {
      report('language-words', file!.path, yaml.placeOf('language'),
        `The player's own words are English in this \`${lang}\` course: ${missing.length} of ${counted.length} (${missing.slice(0, 3).map((k) => `\`${k}\``).join(', ')}${missing.length > 3 ? ', …' : ''}) are not under \`words:\``);
    }
    const keys = Object.keys(given);
    // Each given word has the kind of its built-in one (wordOf): text for text, text or forms for a count.
    // In a built-in language every word is the course's; else the given ones follow the course language's
    // plural rules and the English ones English rules.
    return { ...builtIn, ...(given as Partial<PlayerWords>), lang: matched ? lang : builtIn.lang, ...(!matched && keys.length ? { given: { lang, keys } } : {}) };
  }

  /**
   * A word that counts without a form its language uses (Russian `many`, for 5-20): those numbers read with
   * `other` ("6 страницы" for "6 страниц"). A warning: the course still builds.
   */
  function missingForms(key: WordKey, text: PluralText, lang: string): void {
    let rules: Intl.PluralRules;
    try {
      rules = new Intl.PluralRules(lang);
    } catch {
      return;
    }
    for (const form of rules.resolvedOptions().pluralCategories) {
      if (form === 'other' || text[form] !== undefined) continue;
      // The numbers the player counts (pages, questions, minutes) are small: a form only for millions (French,
      // Spanish and Italian `many`: 1 000 000) or fractions is nothing a course shows.
      const examples = Array.from({ length: 10_000 }, (_, n) => n).filter((n) => rules.select(n) === form).slice(0, 3);
      if (examples.length === 0) continue;
      report('words-plural-forms', file!.path, yaml.placeOfKey('words', key),
        `\`words.${key}\` has no \`${form}\` form, which \`${lang}\` uses (${examples.join(', ')}, …): those numbers read with \`other\``);
    }
  }

  /** One word under `words:`: text, or for a word that counts, text or a form per plural category; null when wrong (reported). */
  function wordOf(key: WordKey, raw: unknown, builtIn: WordText): WordText | null {
    const allowed = placeholdersOf(builtIn);
    const textAt = (keys: string[], v: unknown): string | null => {
      if (v === null || v === undefined || typeof v === 'object' || isBlank(String(v))) {
        bad(keys, `\`${keys.join('.')}\` must be text`, `Write the words after the colon: \`${keys.at(-1)}: …\`.`);
        return null;
      }
      // A string as YAML read it: a quoted one keeps the spaces at its ends (\`taskDone: "Hecho: "\`), which
      // several words need; a number or a boolean as typed (\`2.10\`, \`yes\`).
      const s = typeof v === 'string' ? v : (yaml.textOf(...keys) ?? String(v)).trim();
      if (PHRASE_LISTS.includes(key) && s.split('|').some((phrase) => phrase.trim() === '' || phrase !== phrase.toLowerCase())) {
        bad(keys, `\`${keys.join('.')}\` has an empty or capitalised phrase`, 'Write the phrases in lower case with `|` between them and none empty: `correcto|incorrecto|casi`.');
        return null;
      }
      if (s.length > MAX_WORD) {
        bad(keys, `\`${keys.join('.')}\` has ${s.length} characters; the limit is ${MAX_WORD}`, 'Keep the player\'s words short: they are buttons, notices and headings.');
        return null;
      }
      // `｛n｝`, as a keyboard in full-width mode types `{n}`: no value the player fills in, so learners read
      // "問題｛n｝／｛total｝" on every question.
      const wide = [...s.matchAll(/[{\uff5b][^{}\uff5b\uff5d]{1,20}[}\uff5d]/g)].map((m) => m[0])
        .find((m) => /[\uff01-\uff5e]/.test(m) && allowed.includes(m.slice(1, -1).normalize('NFKC')));
      if (wide !== undefined) {
        bad(keys, `\`${keys.join('.')}\` has \`${wide}\`, typed with full-width characters, which the player does not fill in`,
          `Type it with the keyboard in half-width mode: \`{${wide.slice(1, -1).normalize('NFKC')}}\`.`);
        return null;
      }
      const unknown = placeholdersOf(s).filter((p) => !allowed.includes(p));
      if (unknown.length > 0) {
        bad(keys, `\`${keys.join('.')}\` uses ${unknown.map((p) => `{${p}}`).join(', ')}, which the player does not fill in`,
          allowed.length ? `This word can use ${allowed.map((p) => `{${p}}`).join(', ')}.` : 'This word takes no {…} values: write it as plain text.');
        return null;
      }
      return s;
    };
    if (typeof builtIn === 'string' || !isRecord(raw)) return textAt(['words', key], raw);
    const forms = raw as Record<string, unknown>;
    let ok = true;
    for (const form of Object.keys(forms)) {
      if (!(PLURAL_FORMS as readonly string[]).includes(form)) {
        fields.badKey(['words', key, form], `\`words.${key}.${form}\` is not a plural category`,
          'Give the forms your language has, by their CLDR names: zero, one, two, few, many, other (`other` always; English and Spanish: one and other).');
        ok = false;
      }
    }
    const text: Record<string, string> = {};
    for (const form of PLURAL_FORMS) {
      if (form !== 'other' && forms[form] === undefined) continue;
      const t = textAt(['words', key, form], forms[form]);
      if (t === null) ok = false;
      else text[form] = t;
    }
    return ok ? (text as PluralText) : null;
  }

  /** A mapping under `key`, its unknown fields reported; null when absent or not a mapping (reported). */
  function section(from: Record<string, unknown>, key: string, known: readonly string[], other: readonly string[] = []): Record<string, unknown> | null {
    const value = from[key];
    if (value === undefined || value === null) return null;
    if (!isRecord(value)) {
      bad([key], `\`${key}\` must be a mapping (${known.join(', ')})`);
      return null;
    }
    fields.rejectUnknown(Object.fromEntries(Object.entries(value).filter(([k]) => !other.includes(k))), known, [key], 'course.yaml');
    return value;
  }

  function flag(from: Record<string, unknown>, parent: string, key: string, fallback: boolean): boolean {
    const value = from[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'boolean') return value;
    bad([parent, key], `\`${parent}.${key}\` must be true or false`);
    return fallback;
  }

  /** One of `allowed` under `<parent>.<key>`, or `fallback` when absent (or reported). */
  function oneOf<T extends string>(from: Record<string, unknown>, parent: string, key: string, allowed: readonly T[], fallback: T, hint: string): T {
    const value = from[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    bad([parent, key], `\`${parent}.${key}\` must be ${allowed.map((a) => `\`${a}\``).join(', ')}`, hint);
    return fallback;
  }

  /** An absolute http(s) IRI under `xapi.<key>`, or null when absent (or reported). */
  function iri(from: Record<string, unknown>, key: string, example: string): string | null {
    const value = from[key];
    if (value === undefined || value === null) return null;
    if (typeof value === 'string' && isHttpUrl(value.trim())) return value.trim();
    bad(['xapi', key], `\`xapi.${key}\` must be an absolute http(s) address`, `Give ${example}.`);
    return null;
  }
}

/** WCAG 2.1 contrast ratio of two `#rrggbb` colours (1.4.3, relative luminance). */
export function contrastRatio(a: string, b: string): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function luminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}
