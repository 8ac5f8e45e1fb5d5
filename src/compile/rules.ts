/**
 * The catalog of author mistakes: permanent rule ids, each with its severity and default hint, like a
 * compiler's. Rule ids never change meaning once published; docs/authoring.md has a section (an anchor
 * of the rule's own id) for each, which every message links to.
 */
import type { Point, Position } from 'unist';
import { makeMessage, ruleUrl, type CoursepackMessage, type Severity } from '../messages/index.js';
import { EAST_ASIAN_NAMES, isEastAsian } from './decode-text.js';

/** The rule catalog: id → severity and the default hint (what to do about it). */
export const RULES = {
  'course-config-missing': ['error', 'Create course.yaml with at least `id` and `title` (see docs/authoring.md).'],
  'course-config-invalid': ['error', 'Fix the field as docs/authoring.md describes.'],
  'no-modules': ['error', 'Add a module file such as modules/01-introduction.md.'],
  'folder-name-case': ['error', 'Name the course\'s folders `modules` and `assets`, in lower case.'],
  'module-file-name': ['error', 'Name module files NN-slug.md, e.g. 03-building-trust.md.'],
  'not-a-module': ['warning', 'Move it out of modules/ (images and other files belong in assets/), or name it NN-slug.md if it is a module.'],
  'symlink-not-followed': ['error', 'Copy the file itself into the course: a link can point anywhere on the machine, and its target would be published.'],
  'file-encoding': ['error', 'Save the file as UTF-8 (Notepad: Save As > Encoding: UTF-8; VS Code: the encoding in the status bar > Save with Encoding > UTF-8).'],
  'invalid-character': ['error', 'Delete it, or type a space or a line break instead (Word pastes a vertical tab for Shift+Enter).'],
  'front-matter-missing': ['error', 'Start the file with a `---` block holding id, title, objectives and minutes.'],
  'front-matter-invalid': ['error', 'Fix the front matter field as docs/authoring.md describes.'],
  'module-no-pages': ['error', 'Add at least one page: a `## Page title` heading followed by content.'],
  'content-before-page': ['error', 'Start every page with a `## Page title` heading; move this under one.'],
  'heading-level-one': ['error', 'The module title comes from front matter; use `##` for pages and `###` below.'],
  'title-too-long': ['error', 'Shorten the title to 200 characters or fewer (SCORM 1.2 limit).'],
  'page-title-content': ['error', 'Keep a page title to text and formatting (**bold**, *emphasis*, `code`); put the link or image on the page below it.'],
  'duplicate-id': ['error', 'Give each module, check and reflection its own id.'],
  'directive-not-closed': ['error', 'Close it with `:::` on a line of its own; to put a directive inside another, give the outer one more colons (`::::callout` … `::::`).'],
  'module-too-long': ['error', 'Split it into several modules (modules/04-next-part.md, …), each a part a learner can finish in one sitting.'],
  'table-too-large': ['error', 'Split it into smaller tables, or put the data in a spreadsheet in assets/ (.xlsx, .csv) for learners to download and link it.'],
  'paragraph-too-long': ['error', 'Split it into paragraphs with blank lines between them; put a large drawing in assets/ as a file and show it with ![description](../assets/drawing.svg).'],
  'content-too-deep': ['error', 'Nest lists, quotes, emphasis, `:::` directives and HTML elements less deeply (a page never needs 100 levels).'],
  'unknown-directive': ['error', 'Use one of :::check, :::reflect, :::callout, ::video or ::audio.'],
  'directive-missing-id': ['error', 'Add an id, e.g. :::check{#trust-first-meeting}.'],
  'directive-invalid-attribute': ['error', 'See docs/authoring.md for the attributes each directive accepts.'],
  'check-no-options': ['error', 'Add the options as a task list: `- [x] right answer` and `- [ ] wrong answer`.'],
  'check-option-marker': ['error', 'Start each option with `[ ]` (wrong) or `[x]` (correct).'],
  'check-no-question': ['error', 'Write the question before the list of options.'],
  'check-content-after-options': ['error', 'Put feedback indented under an option; put the question before the options.'],
  'check-no-correct': ['error', 'Mark the correct option with `[x]`.'],
  'check-too-many-correct': ['error', 'Mark exactly one option with `[x]`, or add type=multiple.'],
  'check-truefalse-options': ['error', 'A true/false check has exactly two options: `True` and `False`.'],
  'check-too-many-options': ['error', 'Use at most 26 options (SCORM 1.2 choice responses are single letters).'],
  'check-matching-item': ['error', 'Write each item of a matching check as `- item → its answer` (or `->`); an extra answer that matches no item as `- → answer`.'],
  'check-fill-in-answer': ['error', 'Write each answer of a fill-in check as `- [x] answer` (accepted) or `- [ ] answer` (foreseen wrong), in plain text; `- [ ] *` for any other answer.'],
  'check-fill-in-folded': ['warning', 'Delete the later line: the player judges it as the earlier one. To ask for one script\'s digits, say so in the question.'],
  'check-matching-feedback': ['warning', 'Start an item\'s feedback with the explanation, not "Yes" or "Right": it shows under a wrong match too.'],
  'check-option-no-feedback': ['warning', 'Indent a feedback paragraph under the option to say why it is right or wrong.'],
  'empty-directive': ['error', 'Write the prompt or text inside the directive.'],
  'brand-contrast': ['error', 'Choose a darker colour: it is link text on white, the panels and the tinted boxes, and button background under white text (WCAG 1.4.3, 4.5:1).'],
  'missing-asset': ['error', 'Put the file in the course assets/ folder, or fix the path (it is case-sensitive).'],
  'asset-name-case': ['error', 'Rename one of the two files or folders so the names differ in more than case (`logo.svg`, `logo-dark.svg`), and update the links to it.'],
  'asset-file-name': ['error', 'Rename the file with letters, digits, -, _ and . only (no spaces; not a name Windows reserves, such as aux or con, nor one ending in a dot), and update the link.'],
  'asset-outside-folder': ['error', 'Keep images, media and files in the course assets/ folder.'],
  'image-alt-meaningless': ['warning', 'Describe what the image shows, or what it is there for: ![Ana and her mentee planning at a whiteboard](…). For decoration: ![](path "decorative").'],
  'image-alt-missing': ['error', 'Describe the image in the brackets: ![what it shows](path). For decoration: ![](path "decorative").'],
  'broken-link': ['error', 'Link to a module file such as 02-trust.md, optionally with #page-title-slug.'],
  'words-plural-forms': ['warning', 'Add the missing forms under the word (`few: …`, `many: …`): the numbers they are for would read with the `other` form.'],
  'language-words': ['warning', 'Give the missing words under `words:` in course.yaml (docs/authoring.md, Player words), or write the course in a language whose words are built in: en or es.'],
  'language-tag': ['error', 'Use a BCP 47 tag such as en, en-US, es or fr-CA (a screen reader picks its voice from it, WCAG 3.1.2).'],
  'unsafe-html': ['error', 'Use Markdown or a directive instead; raw HTML may only use simple formatting tags.'],
  'unsafe-url': ['error', 'Link to a web page (https://…), a page of the course (02-trust.md#anchor) or a file in assets/.'],
  'remote-resource': ['error', 'Download the file into assets/ and link it from there; packages must work offline.'],
  'active-asset-type': ['error', 'Save it as .html or .svg, which coursepack checks, or put it in a .zip for learners to download.'],
  'asset-not-well-formed': ['error', 'Fix the file where it says (browsers show nothing of an SVG that is not well-formed XML), or export it again.'],
  'html-asset-document': ['error', 'Give the page a `<title>` and its language (`<html lang="en">`): it opens in a tab of its own (WCAG 2.4.2, 3.1.1).'],
  'asset-unused': ['warning', 'Link it from a page (`[the handout](../assets/handout.pdf)`, `![what it shows](../assets/photo.jpg)`), or move it out of assets/ (keep sources such as .psd or .drawio files beside the course folder).'],
  'svg-external-file': ['error', 'Embed the file in the SVG (Inkscape: Extensions > Images > Embed Images; Illustrator: File > Save As > SVG, Images: Embed; fonts: convert the text to outlines), or show the picture on the page with its own ![what it shows](…).'],
  'asset-empty': ['error', 'Copy the file into assets/ again from where it came from: a copy that failed, or a file kept in the cloud (OneDrive, iCloud, Google Drive) that was never downloaded, leaves an empty one.'],
  'asset-large': ['warning', 'Make it smaller (a 720p video at 1-2 Mbit/s is about 10 MB a minute) or split it: LMS upload limits are often 50-500 MB.'],
  'package-large': ['warning', 'Make large assets smaller, or build one package per module (npx coursepack build --split modules); set `package.maxSize` in course.yaml to your LMS\'s limit.'],
  'package-too-large': ['error', 'Make large assets smaller, or build one package per module (npx coursepack build --split modules).'],
  'suspend-data-budget': ['error', 'Split the course (npx coursepack build --split modules) or reduce pages and options.'],
  'heading-empty': ['error', 'Write the heading\'s words after the `#` marks, or delete the line: an empty heading is announced as a heading with nothing in it, and an empty page title leaves the page unnamed in the contents and the LMS.'],
  'link-text-vague': ['warning', 'Let the link\'s words say where it goes: [the mentoring agreement template](…), not [click here](…) or [read more](…) (WCAG 2.4.4).'],
  'link-text-missing': ['error', 'Put words in the brackets, [the planning guide](…), or give the image inside the link its alt text: a link without words is read out as its address, or not at all (WCAG 2.4.4).'],
  'html-not-closed': ['error', 'Close it: a comment ends with `-->` (two dashes), a `<pre>` with `</pre>`. Left open, it takes in everything after it, to the end of the module or of the directive it is in.'],
  'directive-unparsed': ['error', 'Type the line again with straight quotes (") and ordinary spaces, as `:::check{#id type=multiple}` (no space after the colons or before `{`). Text pasted from Word or the web brings curly quotes and invisible spaces; VS Code shows the invisible ones with View > Render Whitespace.'],
  'page-title-duplicate': ['warning', 'Give each page of a module its own title, so learners tell them apart in the contents and links reach the page meant (the second is #its-anchor-2).'],
  'heading-unparsed': ['error', 'Type the space after the `#` marks again as an ordinary space, and delete any invisible character before them (a byte order mark or a zero-width space from pasted text).'],
  'emoji-shortcode': ['warning', 'Type the emoji itself (😊; Windows: Win + . ; macOS: Ctrl + Cmd + Space), or the words, if it says something a screen reader should read.'],
  'highlight-unsupported': ['warning', 'Use **bold** for a word or two, or a callout for a passage (:::callout[Key point]{kind=tip} … :::).'],
  'emphasis-unparsed': ['warning', 'Put the marks right against the words: **Note:** text, not **Note: **text (a space inside them makes CommonMark read them as plain stars).'],
  'pass-mark-unused': ['warning', 'Add the scored questions (`:::check{#id}` on the pages of a module with `assessment: true`), or delete `passMark` from course.yaml if the course is completed by its pages alone.'],
  'html-unparsed': ['error', 'Type the quotes around each value again as straight quotes ("), and close each one: `<abbr title="Individualized Education Program">IEP</abbr>`. Word\'s AutoFormat turns straight quotes into curly ones as you type.'],
  'link-unparsed': ['warning', 'Write it as [words](address), with nothing between `]` and `(` and no space in the address: a web address takes %20 for a space; a page\'s anchor is its title in lower case with dashes (02-quiz.md#true-or-false); a file in assets/ gets a name without spaces (goal-sheet.pdf).'],
  'code-indented': ['warning', 'Take the spaces or the tab off the start of its lines; for code or text to show as typed, put ``` on a line before it and after it instead.'],
  'url-not-linked': ['warning', 'Make it a link with words that say where it goes: [the district\'s mentoring guide](https://…) (WCAG 2.4.4), or at least <https://…>.'],
  'heading-setext': ['warning', 'For a line across the page, leave a blank line above the dashes; for a new page, write its title as `## Title` (one line).'],
  'table-unparsed': ['warning', 'Write it as a Markdown table: a header row `| Shape | Colour |`, then `|---|---|`, then one `| … | … |` line per row (a blank line before it).'],
  'list-unparsed': ['warning', 'Start each item on a line of its own with `- ` (a hyphen and an ordinary space), or `1. ` for a numbered list: Word and Google Docs paste their bullets as characters and their spaces as no-break spaces, which Markdown does not read as a list.'],
  'link-across-packages': ['warning', 'Link to a page of the same module, or build one package for the course (npx coursepack build, without --split): a package cannot open another package\'s pages.'],
  'attributes-unsupported': ['warning', 'Delete it (and the brackets around a [span] before it): images fit the page by themselves, a page\'s anchor comes from its title, and text is styled with **bold** and *emphasis*. Pandoc writes these converting from Word; `pandoc -t gfm` converts without them.'],
  'alert-unsupported': ['warning', 'Write it as a callout: `:::callout[Note]{kind=note}`, its text, then `:::` on a line of its own (docs/authoring.md, Callouts).'],
  'wikilink-unsupported': ['warning', 'Write it as a Markdown link, [Building trust](02-trust.md#building-trust), or an image, ![what it shows](../assets/diagram.svg).'],
  'subscript-unsupported': ['warning', 'Write a subscript as H<sub>2</sub>O and a superscript as x<sup>2</sup>; for a line through the text, two tildes: ~~like this~~.'],
  'diagram-code': ['warning', 'Draw it and export it as SVG (mermaid.live: Actions > PNG/SVG), save it in assets/ and show it with ![what it shows](../assets/diagram.svg), its alt text saying what the diagram says.'],
  'pasted-citation': ['warning', 'Delete it, and name the source in words or link it: [the district\'s mentoring guide](https://…). Check what the chatbot wrote against the source too.'],
  'footnote-unsupported': ['warning', 'Put the note in the sentence, in parentheses, or in a callout below the paragraph (:::callout[Note]{kind=note} … :::).'],
  'heading-skip': ['warning', 'Go down one heading level at a time (`##`, then `###`).'],
  'empty-page': ['warning', 'Add content to the page or remove its heading.'],
  'reference-undefined': ['error', 'Define the label in this module, on a line of its own: `[chart]: ../assets/chart.svg` (labels are per module, in any case), or write the address in place: `![Bar chart](../assets/chart.svg)`.'],
  'definition-unused': ['warning', 'Refer to it (`[text][label]`, `![alt][label]`) or delete the line; a label is defined once per module.'],
  'markdown-in-html': ['warning', 'Leave a blank line after the HTML that opens the block (`<details><summary>…</summary>`) and one before the HTML that closes it (`</details>`): Markdown between blank lines is read (CommonMark §4.6).'],
  'media-no-captions': ['warning', 'Add captions="…vtt" to videos and transcript="…" to audio (WCAG 1.2.1, 1.2.2).'],
  'media-no-descriptions': ['warning', 'Add descriptions="…vtt", a WebVTT file of short cues saying what is shown but not said, timed in the gaps between speech; or descriptions="none" when the sound already says everything shown, as in a talking head (WCAG 1.2.5).'],
  'format-unsupported': ['error', 'Save images as JPEG (photos), PNG or SVG, video as MP4 (H.264) and sound as MP3, and use that file.'],
  'captions-timing': ['error', 'Write each cue\'s times as `00:00:01.000 --> 00:00:04.000`: hours (optional), minutes and seconds in two digits, a full stop and three digits of thousandths, and an end after the start.'],
  'image-unreadable': ['error', 'Put the picture itself in assets/ under that name: open it in an image viewer, then save or export it from there as JPEG (photos) or PNG, or copy it again from where it came from.'],
  'image-oversized': ['warning', 'Resize it to about 1,600 pixels on its long side and save photos as JPEG at about 80% quality (Windows Photos: Resize image; macOS Preview: Tools > Adjust Size; or squoosh.app in a browser): a few hundred kilobytes, as sharp on every screen.'],
  'image-animated': ['warning', 'Set it to play once and stop within 5 seconds (the loop count in your GIF editor or export), use a still image, or make it a video (::video{…}), which learners can pause.'],
  'xapi-key-in-config': ['error', 'Remove `auth`; give the key to the build in COURSEPACK_LRS_AUTH instead (never commit a key).'],
  'xapi-auth-without-endpoint': ['error', 'Set COURSEPACK_LRS_ENDPOINT or `xapi.endpoint`, or unset COURSEPACK_LRS_AUTH.'],
  'xapi-endpoint-insecure': ['warning', 'Serve the LRS over https (the embedded LRS behind an HTTPS reverse proxy, README "Embedded LRS") and give that address: https://lrs.example.org/xapi/.'],
  'xapi-token-url-without-endpoint': ['error', 'Set COURSEPACK_LRS_ENDPOINT or `xapi.endpoint` (the LRS the token service\'s keys are for), or remove `xapi.tokenUrl` (COURSEPACK_LRS_TOKEN_URL).'],
  'xapi-token-url-is-endpoint': ['error', 'Give `xapi.tokenUrl` (COURSEPACK_LRS_TOKEN_URL) the address of the district\'s token service, the one that checks the LMS session and answers with a key (docs/authoring.md, xAPI); the LRS\'s address is the endpoint alone.'],
  'xapi-key-with-token-url': ['error', 'Unset COURSEPACK_LRS_AUTH: the player gets its key from the token service (docs/authoring.md, xAPI). Or remove the token service, if the package is to carry the key.'],
  'xapi-key-in-package': ['warning', 'Use a write-only key made for this course alone: it can then read nothing and be revoked on its own (docs/authoring.md, xAPI).'],
} as const satisfies Record<string, readonly [Severity, string]>;

export type RuleId = keyof typeof RULES;

export type CompileMessage = CoursepackMessage<RuleId>;

/** Reports a rule about a course file (course-relative path) at a node's position or a point. */
/**
 * `file-encoding` hints by what the file holds (decode-text.ts). A Windows-1252 file opens in VS Code as
 * UTF-8 with its accented letters shown as �, so "Save with Encoding > UTF-8" alone would save the �:
 * it is reopened as Windows-1252 first. A UTF-8 file with a few pasted bytes is not converted at all.
 */
export const ENCODING_HINTS = {
  'windows-1252': 'Save the file as UTF-8 from Windows-1252 (Notepad: Save As > Encoding: UTF-8; VS Code, which shows its accented letters as �: the encoding in the status bar > Reopen with Encoding > Western (Windows 1252), then the encoding again > Save with Encoding > UTF-8).',
  mixed: 'Open the file as UTF-8 (VS Code does; Notepad: File > Open, Encoding: UTF-8), retype each character shown as �, and save it as UTF-8: converting the whole file from Windows-1252 would garble its other accented letters and symbols.',
} as const;

/** The `file-encoding` hint for a file's encoding problem (the rule's own for UTF-16). */
export function encodingHint(problem: { readonly guess: string; readonly mixed: boolean }): string | undefined {
  if (problem.mixed) return ENCODING_HINTS.mixed;
  if (isEastAsian(problem.guess)) {
    // Japanese, Korean or Chinese saved by an older program (Notepad's "ANSI" on a Japanese Windows): the whole
    // file is converted, from the encoding it is in, which VS Code must be told first or it shows �.
    return `Save the file as UTF-8 (Notepad: Save As > Encoding: UTF-8; VS Code: the encoding in the status bar > Reopen with Encoding > ${EAST_ASIAN_NAMES[problem.guess]}, then the encoding again > Save with Encoding > UTF-8).`;
  }
  return problem.guess === 'windows-1252' ? ENCODING_HINTS['windows-1252'] : undefined;
}

export type Report = (rule: RuleId, file: string, place: Position | Point | undefined, reason: string, hint?: string) => void;

export interface MessageList {
  readonly report: Report;
  readonly messages: readonly CompileMessage[];
}

/** A fresh list for one stage's messages: stages return what they found instead of sharing a sink. */
export function collectMessages(docsUrl: string): MessageList {
  const messages: CompileMessage[] = [];
  return {
    messages,
    report(rule, file, place, reason, hint) {
      const [severity, defaultHint] = RULES[rule];
      messages.push(makeMessage({ ruleId: rule, severity, file, place, reason, hint: hint ?? defaultHint, url: ruleUrl(docsUrl, rule) }));
    },
  };
}
