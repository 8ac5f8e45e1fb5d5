/**
 * The player's own words (buttons, notices, verdicts, the results), in the course's language: a course
 * with `language: es` whose buttons said "Next" and "Check answer" had English words inside a page
 * marked Spanish, which screen readers then read with Spanish pronunciation (WCAG 3.1.2, Language of
 * Parts), and learners read in a language the course is not in.
 *
 * The build picks one language's words (word-lists.ts, by the primary subtag of `language`), writes the
 * ones it renders into the page and the rest into the course data; the player formats them with `say`.
 * So the player ships no word lists of its own, only this formatter. Pure: shared by build and runtime.
 */

/** A text whose words depend on a count: `one` for 1 in English and Spanish, `other` otherwise (Intl.PluralRules). */
export interface PluralText {
  readonly one: string;
  readonly other: string;
}

export type WordText = string | PluralText;

/**
 * Every word the player shows. `{name}` is a value put in by `say`; a plural text chooses its form by
 * `{n}`. Kept as data (no functions) so the course data carries it as JSON.
 */
export interface PlayerWords {
  /** The language these words are in (BCP 47), for the plural rules and the `lang` of the player's own parts. */
  readonly lang: string;
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
  readonly checkAnswer: string;
  readonly reflectionPrivate: string;
  readonly reflectionShared: string;
  readonly note: string;
  readonly tip: string;
  readonly example: string;
  readonly warning: string;
  readonly captions: string;
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
  readonly lmsFailedNotice: string;
  readonly forgetAsk: string;
  readonly forgetQuestion: string;
  readonly forgetWhatReflections: string;
  readonly forgetWhatAll: string;
  readonly forgetConfirm: string;
  readonly forgetDone: string;
  readonly forgetDoneWaiting: WordText;
  readonly savedInBrowser: string;
  readonly saved: string;
  readonly canClose: string;
  readonly welcomeBack: string;
  readonly welcomeBackNamed: string;
  readonly wereOnPage: string;
  readonly wereOnPageIn: string;
}

export type WordKey = Exclude<keyof PlayerWords, 'lang'>;

/**
 * `words[key]` with its `{name}`s filled from `values`; a plural text takes the form for `values.n`.
 * A `{name}` without a value stays as it is, so a missing value shows in tests instead of vanishing.
 */
export function say(words: PlayerWords, key: WordKey, values: Readonly<Record<string, string | number>> = {}): string {
  const text = words[key];
  const chosen = typeof text === 'string' ? text : text[pluralOf(words.lang, values['n'])];
  return chosen.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

function pluralOf(lang: string, n: string | number | undefined): keyof PluralText {
  const count = Number(n);
  if (!Number.isFinite(count)) return 'other';
  try {
    return new Intl.PluralRules(lang).select(count) === 'one' ? 'one' : 'other';
  } catch {
    return count === 1 ? 'one' : 'other';
  }
}

/** The placeholders a text uses, sorted: every language's text of a key must use the same ones (word-lists.test.ts). */
export function placeholdersOf(text: WordText): string[] {
  const all = typeof text === 'string' ? [text] : [text.one, text.other];
  return [...new Set(all.flatMap((t) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '')))].sort();
}
