/**
 * The player's own words (buttons, notices, verdicts, the results), in the course's language: a course
 * with `language: es` whose buttons said "Next" and "Check answer" had English words inside a page
 * marked Spanish, which screen readers then read with Spanish pronunciation (WCAG 3.1.2, Language of
 * Parts), and learners read in a language the course is not in.
 *
 * The build picks one language's words (player-word-lists.ts, by the primary subtag of `language`), with
 * course.yaml's `words:` over them, writes the ones it renders into the page and the rest into the course
 * data; the player formats them with `say`. So the player ships no word lists of its own, only this
 * formatter. Pure: shared by build and runtime.
 */

/** The plural categories of CLDR, which `Intl.PluralRules` answers with. */
export const PLURAL_FORMS = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
export type PluralForm = (typeof PLURAL_FORMS)[number];

/**
 * A text whose words depend on a count: a form per plural category of its language (`Intl.PluralRules`):
 * English and Spanish have `one` (1) and `other`; Russian also `few` (2-4, 22-24, …) and `many`; Arabic all
 * six. `other` is required: a category without a form of its own takes it.
 */
export type PluralText = { readonly other: string } & { readonly [form in Exclude<PluralForm, 'other'>]?: string };

export type WordText = string | PluralText;

/**
 * Every word the player shows. `{name}` is a value put in by `say`; a plural text chooses its form by
 * `{n}`. Kept as data (no functions) so the course data carries it as JSON.
 */
export interface PlayerWords {
  /** The language of the built-in words (BCP 47): the plural rules they follow. */
  readonly lang: string;
  /**
   * The words course.yaml gave (`words:`) in a course whose language has no built-in list: they follow the
   * course language's plural rules, the English ones around them English rules.
   */
  readonly given?: { readonly lang: string; readonly keys: readonly string[] };
  // The launch page (templates/index.html) and the pages (render-content.ts)
  readonly skipToContent: string;
  readonly contents: string;
  readonly pageNavigation: string;
  readonly previous: string;
  readonly next: string;
  readonly exit: string;
  readonly question: string;
  readonly chooseAll: string;
  readonly chooseOne: string;
  /** Words (lower case, `|` between them) that show a question already says `chooseAll`, which is then not added. */
  readonly chooseAllSaid: string;
  readonly chooseOneSaid: string;
  /** The hint of a matching check, and the phrases that show its question already says it. */
  readonly matchEach: string;
  readonly matchEachSaid: string;
  /** The options a true/false check must have, in this order (`- [ ] True`, `- [x] False`); English ones are always accepted. */
  readonly trueOption: string;
  readonly falseOption: string;
  readonly checkAnswer: string;
  readonly reflectionPrivate: string;
  readonly reflectionShared: string;
  readonly note: string;
  readonly tip: string;
  readonly example: string;
  readonly warning: string;
  readonly captions: string;
  /** The label of a video's audio description track (its cues are voiced by the player: view-media.ts). */
  readonly descriptions: string;
  readonly transcript: string;
  readonly opensInNewTab: string;
  readonly openFullSize: string;
  readonly taskDone: string;
  readonly taskNotDone: string;
  readonly objectives: string;
  // Knowledge checks (view-checks.ts)
  readonly questionNumber: string;
  readonly saveAnswer: string;
  readonly notSavedYet: string;
  readonly answerSaved: string;
  readonly submitted: string;
  readonly errorLabel: string;
  readonly chooseAnAnswer: string;
  /** A matching check: the first entry of each item's list (nothing chosen), the error when an item has none. */
  readonly chooseMatch: string;
  readonly matchEveryItem: string;
  /** Under a wrongly matched item, when the answers are shown: `{answer}` is the right one. */
  readonly correctMatch: string;
  /** A fill-in check: its text box's name, the error when the box is empty, the accepted answer shown under a wrong one, the box's limit. */
  readonly answerBox: string;
  readonly typeAnAnswer: string;
  readonly acceptedAnswer: string;
  readonly typedLimit: string;
  readonly yourAnswerRight: string;
  readonly yourAnswerWrong: string;
  readonly correctAnswer: string;
  readonly correct: string;
  readonly notQuite: string;
  readonly partlyRight: string;
  readonly wrongChoices: WordText;
  readonly youMissed: WordText;
  /**
   * How authors start feedback that already says right or wrong, `|` between them, lower case: the player
   * then adds no verdict of its own ("Correct. Correct." never happens).
   */
  readonly authorVerdicts: string;
  // The cover (view-cover.ts)
  readonly publishedBy: string;
  readonly aboutMinutes: WordText;
  readonly moduleCount: WordText;
  readonly pageCount: WordText;
  readonly youPassedWith: string;
  readonly completedOn: string;
  readonly reviewCourse: string;
  readonly continue: string;
  readonly start: string;
  readonly startOver: string;
  readonly startOverQuestion: string;
  readonly clearProgress: string;
  readonly notStarted: string;
  readonly inProgress: string;
  readonly done: string;
  readonly passedBest: string;
  readonly notPassedBest: string;
  readonly minutesShort: string;
  // The results (view-results.ts)
  readonly courseComplete: string;
  readonly youPassed: string;
  readonly notPassedYet: string;
  readonly submitYourAnswers: string;
  readonly almostDone: string;
  readonly answeredOf: string;
  readonly answeredOfAttempt: string;
  readonly answerThese: string;
  readonly answerTheseNow: string;
  readonly questionOnPage: string;
  readonly submitAnswers: string;
  readonly passedSentence: string;
  readonly notPassedSentence: string;
  readonly scoreLine: string;
  readonly tryAgain: string;
  readonly retryMissed: WordText;
  readonly retryAll: WordText;
  readonly missedCount: WordText;
  readonly questionsToReview: string;
  readonly questionPrompt: string;
  readonly reviewPage: string;
  readonly whatCompletes: string;
  readonly doneItem: string;
  readonly todoItem: string;
  readonly viewEveryPage: string;
  readonly pagesNotViewed: WordText;
  readonly reachPassMark: string;
  readonly actionPlan: string;
  readonly myActionPlan: string;
  readonly planEmpty: string;
  readonly notWritten: string;
  readonly downloadPlan: string;
  readonly printPlan: string;
  /** The certificate of completion (course.yaml `certificate`): its heading on the results, its lines, the button. */
  readonly yourCertificate: string;
  readonly certificateTitle: string;
  readonly certifiesThat: string;
  readonly completedTheCourse: string;
  readonly certificateDay: string;
  readonly certificateDayScore: string;
  readonly yourNameHere: string;
  readonly printCertificate: string;
  /** The cover of a completed course with a certificate: a way straight to it. */
  readonly seeCertificate: string;
  /** Said where the browser would not print (an LMS frame sandboxed without `allow-modals`). */
  readonly printBlocked: string;
  /** The downloaded action plan's file name, after the course id: `<id>-action-plan.txt`. */
  readonly planFile: string;
  // Where the learner is (view-screens.ts)
  readonly viewed: string;
  readonly pageOf: string;
  readonly overview: string;
  readonly results: string;
  readonly complete: string;
  readonly percentComplete: string;
  readonly courseOverview: string;
  readonly close: string;
  readonly cancel: string;
  // The session (view-session.ts, main.ts)
  readonly notice: string;
  readonly noLmsNotice: string;
  readonly noLearnerNotice: string;
  readonly openedElsewhere: string;
  /** Said when the browser refuses to keep a reflection (its storage full or blocked for the course's frame). */
  readonly reflectionsNotKept: string;
  /** Said when the LMS holds progress a newer copy of the course saved: this one is an older copy, and saves nothing. */
  readonly olderCopy: string;
  /** Said without an LMS when the browser refuses the course any storage: nothing of the visit is kept. */
  readonly noLmsNothingKept: string;
  readonly lmsFailedNotice: string;
  readonly reviewNotice: string;
  readonly browseNotice: string;
  readonly progressResetNotice: string;
  readonly forgetAsk: string;
  readonly forgetQuestion: string;
  readonly forgetWhatReflections: string;
  readonly forgetWhatAll: string;
  readonly forgetConfirm: string;
  readonly forgetDone: string;
  readonly forgetDoneWaiting: WordText;
  readonly savedInBrowser: string;
  readonly saved: string;
  readonly notSaved: string;
  readonly notRecorded: string;
  readonly canClose: string;
  /** The LMS refuses every commit (track-session.ts, onSaving), then takes one again. */
  readonly lmsNotSaving: string;
  readonly lmsSavingAgain: string;
  /** After Exit, while statements the LRS has not confirmed wait on this computer (view-session.ts). */
  readonly recordsWaiting: WordText;
  /** The same, when the browser could not keep them (its storage blocked or full): lost with the window. */
  readonly recordsWaitingNotKept: WordText;
  readonly recordsSent: string;
  readonly welcomeBack: string;
  readonly welcomeBackNamed: string;
  readonly wereOnPage: string;
  readonly wereOnPageIn: string;
}

export type WordKey = Exclude<keyof PlayerWords, 'lang' | 'given'>;

/**
 * `words[key]` with its `{name}`s filled from `values`; a plural text takes the form for `values.n`.
 * A `{name}` without a value stays as it is, so a missing value shows in tests instead of vanishing.
 */
export function say(words: PlayerWords, key: WordKey, values: Readonly<Record<string, string | number>> = {}): string {
  const text = words[key];
  const lang = words.given?.keys.includes(key) ? words.given.lang : words.lang;
  const chosen = typeof text === 'string' ? text : (text[pluralOf(lang, values['n'])] ?? text.other);
  return chosen.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/**
 * The language of `words[key]` when it is not the course's (`courseLang`), else null: in a course whose language
 * has no built-in words, a word course.yaml does not give is English, and the element saying it is marked so
 * (`lang="en"`), or screen readers read "Next" with the course language's voice (WCAG 3.1.2, Language of Parts).
 */
export function wordLang(words: PlayerWords, key: WordKey, courseLang: string): string | null {
  const lang = words.given?.keys.includes(key) ? words.given.lang : words.lang;
  // The built-in words are by primary subtag: `en`'s are an `en-GB` course's own, `es`'s an `es-MX` course's.
  const course = courseLang.toLowerCase();
  return course === lang.toLowerCase() || course.startsWith(`${lang.toLowerCase()}-`) ? null : lang;
}

function pluralOf(lang: string, n: string | number | undefined): PluralForm {
  const count = Number(n);
  if (!Number.isFinite(count)) return 'other';
  try {
    return new Intl.PluralRules(lang).select(count);
  } catch {
    return count === 1 ? 'one' : 'other';
  }
}

/** The placeholders a text uses, sorted: every language's text of a key must use the same ones (word-lists.test.ts). */
export function placeholdersOf(text: WordText): string[] {
  const all = typeof text === 'string' ? [text] : PLURAL_FORMS.map((form) => text[form]).filter((t): t is string => t !== undefined);
  return [...new Set(all.flatMap((t) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '')))].sort();
}

/**
 * Author feedback that already says right or wrong ("Correct! …", "¡Correcto! …", "正解。…"), so the player adds
 * no verdict of its own. A word ends at a space, a punctuation mark or the end: `\b` knows only ASCII letters,
 * and "Sí," would not match. The marks include the ideographic full stop and comma and the full-width ones
 * (Chinese and Japanese put no space after a word: "そのとおり。" was no verdict, and learners read
 * "Correct. そのとおり。"), the danda, and Arabic's comma, semicolon and question mark.
 */
export function authorVerdictPattern(words: PlayerWords): RegExp {
  const phrases = words.authorVerdicts.split('|').map((p) => p.trim()).filter((p) => p !== '').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (phrases.length === 0) return /(?!)/;
  return new RegExp(`^[\u00a1\u00bf]?(${phrases.join('|')})(?=$|[\\s.,;:!?\u2026\u2013\u2014\u3001\u3002\uff01\uff0c\uff0e\uff1a\uff1b\uff1f\u0964\u060c\u061b\u061f-])`, 'i');
}

