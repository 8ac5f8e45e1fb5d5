/**
 * A fill-in check's list (docs/authoring.md, Fill-in): the learner types the answer; `- [x] answer` is one
 * the player accepts, `- [ ] answer` one the author foresaw as wrong, each with its feedback indented under
 * it, and `- [ ] *` answers any other wrong answer. Answers are compared as typed-answer.ts says (capitals,
 * spaces, quotes, a closing full stop do not count). Every mistake is a positional message, all at once
 * (check-fill-in-answer, check-no-correct, check-too-many-options), and a warning where two answers only the
 * newer reading of digits and the danda joins are marked differently (check-fill-in-folded).
 */
import type { List, ListItem, Paragraph } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { cutText } from '../shared/cut-text.js';
import { keyBeforeScriptFolds, MAX_TYPED, typedKey } from '../shared/typed-answer.js';
import { entryLines, WIDE_MARKER_HINT, wideMarkerOf } from './list-entry-lines.js';
import { isContent, type NodeReport } from './mdast-helpers.js';
import type { OptionModel } from './model-types.js';

/** The entries' letters are SCORM 1.2's single characters, as an option's (the feedback shown is looked up by them). */
const MAX_ENTRIES = 26;

const KINDS: Readonly<Record<string, string>> = {
  emphasis: 'emphasis', strong: 'bold text', delete: 'struck-through text', link: 'a link', linkReference: 'a link',
  image: 'a picture', imageReference: 'a picture', html: 'raw HTML', break: 'a line break', footnoteReference: 'a footnote',
  textDirective: 'a directive',
};

export function readFillIn(list: List, report: NodeReport): OptionModel[] | null {
  const entries: Array<{ entry: ListItem; option: OptionModel; key: string }> = [];
  let whole = true;
  for (const entry of list.children) {
    const read = readEntry(entry, report);
    if (read) entries.push({ entry, ...read });
    else whole = false;
  }
  const seen = new Map<string, { text: string; correct: boolean; before: Set<string> }>();
  // Accepted answers the player judges right: one listed after a wrong answer it now reads as (`- [ ] 12`, then
  // `- [x] ١٢`) is judged wrong, so a check whose every accepted answer is such accepts nothing.
  let judgedRight = 0;
  for (const { entry, option, key } of entries) {
    if (option.other) continue;
    const text = option.text ?? '';
    const twin = seen.get(key);
    const before = keyBeforeScriptFolds(text);
    if (option.correct && (twin === undefined || twin.correct)) judgedRight++;
    if (twin === undefined) seen.set(key, { text, correct: option.correct, before: new Set([before]) });
    else if (!twin.before.has(before)) {
      // `12` and `१२`, `सीखना` and `सीखना।`: two answers until the player read every script's digits and the danda
      // as it reads 0-9 and a full stop, so a course that built before lists both. The player matches the first
      // and the LMS and LRS get both as written, so it is no mistake; only a mark that disagrees changes a result.
      twin.before.add(before);
      if (twin.correct !== option.correct) {
        report('check-fill-in-folded', entry, `The answers "${twin.text}" and "${text}" are now read as one (every script's digits are the digits they stand for, and a danda closes an answer as a full stop does), so "${text}" is judged ${twin.correct ? 'right' : 'wrong'}, as "${twin.text}" is`);
      }
    } else {
      report('check-fill-in-answer', entry, `The answers "${twin.text}" and "${text}" read as one: the player compares answers without capitals, spaces, quotes, invisible characters, full-width or keyboard-specific letter forms, or a closing full stop`,
        'Keep one of them.');
    }
  }
  const others = entries.filter((e) => e.option.other);
  for (const extra of others.slice(1)) report('check-fill-in-answer', extra.entry, 'A second `- [ ] *` entry: one gives the feedback for any other answer', 'Keep one.');
  if (whole && !entries.some((e) => e.option.correct)) report('check-no-correct', list, 'The fill-in check accepts no answer', 'Mark each answer the player accepts with `[x]`: `- [x] learning`.');
  else if (whole && judgedRight === 0) {
    report('check-no-correct', list, 'The fill-in check accepts no answer: each `[x]` answer is read as a `[ ]` answer listed before it (check-fill-in-folded), so the player judges it wrong',
      'Delete the `[ ]` line the accepted answer is read as, or mark it `[x]`.');
  }
  if (entries.length > MAX_ENTRIES) {
    report('check-too-many-options', list, `The fill-in check has ${entries.length} answers; the limit is ${MAX_ENTRIES}`,
      'Keep the answers learners give most (the report lists them) and let `- [ ] *` answer the rest.');
  }
  const accepted = entries.find((e) => e.option.correct && e.option.feedback.some(isContent));
  const other = others[0];
  if (whole && entries.some((e) => e.option.correct) && !accepted) {
    report('check-option-no-feedback', list, 'No accepted answer of the fill-in check has feedback', 'Indent under the first `[x]` answer why it is right; the other accepted answers share it.');
  }
  if (whole && !other) {
    report('check-option-no-feedback', list, 'The fill-in check has no `- [ ] *` entry: an answer nobody foresaw gets no feedback but "Not quite."', 'Add `- [ ] *` with what to read again.');
  }
  if (!whole) return null;
  // An entry without feedback shares its kind's: an accepted answer the first accepted one's, a foreseen
  // wrong one the `*` entry's, so a learner who typed a variant reads the same explanation.
  return entries.map(({ option }) => {
    if (option.other || option.feedback.some(isContent)) return option;
    const shared = option.correct ? accepted?.option.feedback : other?.option.feedback;
    return shared ? { ...option, feedback: shared } : option;
  });
}

function readEntry(entry: ListItem, report: NodeReport): { option: OptionModel; key: string } | null {
  if (typeof entry.checked !== 'boolean') {
    // `- [x]` with nothing after it is no task-list item to Markdown: its marker is there, its words are not.
    if (/^\[[ xX]\]$/.test(entry.children.length === 1 && entry.children[0]?.type === 'paragraph' ? toString(entry.children[0]).trim() : '')) {
      report('check-fill-in-answer', entry, 'The answer has no words after its marker');
      return null;
    }
    const wide = wideMarkerOf(entry);
    if (wide) report('check-fill-in-answer', entry, `The answer's \`${wide}\` is typed with full-width characters, so Markdown does not read it as a marker`, WIDE_MARKER_HINT);
    else {
      report('check-fill-in-answer', entry, 'An answer of the fill-in check has no `[x]` or `[ ]` marker',
        'Write `- [x] answer` for an answer the player accepts, `- [ ] answer` for a wrong one you foresee, `- [ ] *` for any other.');
    }
    return null;
  }
  const lines = entryLines(entry);
  if (!lines) {
    report('check-fill-in-answer', entry, 'The answer has no words after its marker');
    return null;
  }
  const { label, feedback } = lines;
  // `- [x]` with its words on the next line: Markdown reads the feedback as the answer. Its first text then spans
  // two lines without a line break in it (the one after the marker is dropped).
  const first = entry.children[0]?.type === 'paragraph' ? entry.children[0].children[0] : undefined;
  if (first?.type === 'text' && first.position && first.position.end.line > first.position.start.line && !first.value.includes('\n')) {
    report('check-fill-in-answer', entry, 'The answer has no words after its marker', 'Write the answer on the marker\'s line, `- [x] learning`, and its feedback under it.');
    return null;
  }
  const text = answerText(label, entry, report);
  if (text === null) return null;
  // `＊`, as a keyboard in full-width mode types `*`: the entry for any other answer all the same (it read as an
  // answer "＊" that no learner means, and the check as having no `- [ ] *`). Alone only: `＊印` (the asterisk, in
  // Japanese) is an answer as written, as it was before.
  const star = text === '\uff0a' ? '*' : text;
  if (star === '*') {
    if (entry.checked) {
      report('check-fill-in-answer', entry, '`- [x] *` would accept any answer', 'Write `- [ ] *` for the feedback any other (wrong) answer gets.');
      return null;
    }
    if (!feedback.some(isContent)) report('check-fill-in-answer', entry, 'The `- [ ] *` entry has no feedback', 'Indent under it what a learner with another answer should read.');
    return { option: { correct: false, label, feedback, other: true, text: '' }, key: '' };
  }
  // `- [ ] * any other answer`, `- [ ] *anything else`: the catch-all with words on its line reads as an answer nobody types.
  if (star.startsWith('*')) {
    report('check-fill-in-answer', entry, `The answer "${shorten(text)}" starts with \`*\`: the entry for any other answer is \`*\` alone`,
      'Write `- [ ] *` on its own line and its feedback on the next, indented.');
    return null;
  }
  // `learn*`, `colou?r`, `grow|growth`, `/trust(ing)?/`: a pattern as Moodle's short answer or a quiz tool
  // takes one, compared here as typed, so no learner's answer ever matched it.
  const pattern = patternIn(text);
  if (pattern) {
    report('check-fill-in-answer', entry, `The answer "${shorten(text)}" is written as a pattern (${pattern}), but answers are compared as typed: it accepts only "${shorten(text)}" itself`,
      'List each answer to accept as its own line: `- [x] learn`, `- [x] learning`, `- [x] learned` (capitals, spaces and a closing full stop never count).');
    return null;
  }
  const key = typedKey(text);
  if (text.length > MAX_TYPED) {
    // The box counts as the browser does (maxlength: UTF-16 code units), where an emoji is two.
    report('check-fill-in-answer', entry, `The answer "${shorten(text)}" is too long: a learner can type at most ${MAX_TYPED} characters (${text.length}, an emoji counting as two or more)`,
      'A fill-in answer is a word or a few; ask for the key word, or make it a choice check.');
    return null;
  }
  if (key === '') {
    report('check-fill-in-answer', entry, `The answer "${text}" is only punctuation, which the player leaves out when it compares answers`);
    return null;
  }
  return { option: { correct: entry.checked, label, feedback, text }, key };
}

/**
 * The answer as plain text: a learner types letters, so formatting, a link or a picture in an answer is a
 * mistake to say, not markup to keep. Code is its text (`-->`). Null when reported.
 */
function answerText(label: Paragraph, entry: ListItem, report: NodeReport): string | null {
  const shown = label.children.find((c) => c.type !== 'text' && c.type !== 'inlineCode' && !(c.type === 'html' && /^<!--[\s\S]*-->$/.test(c.value.trim())));
  if (shown) {
    report('check-fill-in-answer', shown.position ? shown : entry, `The answer has ${KINDS[shown.type] ?? shown.type}, which a learner cannot type`,
      'Write the answer as plain text; put formatting, links and pictures in the question or the feedback.');
    return null;
  }
  const text = label.children.map((c) => (c.type === 'text' || c.type === 'inlineCode' ? c.value : '')).join('').normalize('NFC').replace(/\s+/g, ' ').trim();
  if (text === '') {
    report('check-fill-in-answer', entry, 'The answer has no words after its marker');
    return null;
  }
  return text;
}

/** At most 40 characters, never cutting one in two (an emoji sequence, a letter and its marks: cut-text.ts). */
function shorten(text: string): string {
  return Array.from(text).length > 40 ? `${cutText(text, 40, 'code-points')}…` : text;
}

/** What makes an answer a pattern rather than words a learner types, or undefined. */
function patternIn(text: string): string | undefined {
  // Between slashes with a regular expression's marks inside (`/trust(ing)?/`); `/etc/`, a path, is an answer.
  if (/^\/[^/]*[()[\]?+*|\\^$]+[^/]*\/[a-z]*$/.test(text)) return 'a regular expression between slashes';
  if (text.includes('|')) return '`|` between alternatives';
  // A `*` at the start or end of a word of letters (`learn*`, `*ing`); `2*3` and `2*x` are arithmetic a learner may type.
  if (/(^|\s)\*[A-Za-z\u00c0-\u024f]|[A-Za-z\u00c0-\u024f]\*($|\s)/.test(text)) return '`*` for any letters';
  if (/[A-Za-z\u00c0-\u024f]\?[A-Za-z\u00c0-\u024f]/.test(text)) return '`?` for an optional letter';
  return undefined;
}
