/**
 * Directives → what they stand for: knowledge checks, reflections, callouts, audio and video,
 * with a positional message for every way an author can get one wrong (docs/authoring.md, Rules).
 */
import type { ListItem, Node, RootContent, Text } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import { toString } from 'mdast-util-to-string';
import { closest } from '../shared/closest-word.js';
import { CHECK_TYPES, type CheckType } from '../shared/course-data.js';
import { cutText } from '../shared/cut-text.js';
import { entryLines, WIDE_MARKER_HINT, wideMarkerOf } from './list-entry-lines.js';
import { isContent, isWordless, type NodeReport } from './mdast-helpers.js';
import { readFillIn } from './read-fill-in.js';
import { readMatching, type MatchingWords } from './read-matching.js';
import { CALLOUT_KINDS, type CalloutKind, type CoursepackNode, type OptionModel, type PageModel } from './model-types.js';

const DIRECTIVE_ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
/** The attributes each directive reads (docs/authoring.md, Directives); any other is a mistake, never silently ignored. */
const ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  check: ['id', 'type', 'shuffle', 'review'],
  reflect: ['id'],
  callout: ['kind'],
  video: ['src', 'captions', 'descriptions', 'transcript', 'title'],
  audio: ['src', 'transcript', 'title'],
};

const MAX_OPTIONS = 26; // SCORM 1.2 choice responses are single characters a-z (RTE 3.4.2.4.3).

type Directive = ContainerDirective | LeafDirective | TextDirective;

/** What a directive needs to know about where it is, and how to report and resolve. */
export interface DirectiveContext {
  readonly page: PageModel;
  readonly module: { readonly assessment: boolean };
  readonly anyAssessment: boolean;
  readonly report: NodeReport;
  /** `attribute`: the directive attribute `url` was written in (`src`, `captions`), for what a message suggests. */
  readonly useAsset: (url: string, node: Node, what: string, attribute?: string) => string | null;
  /** The page a link names (`04-trust.md#building-trust`), or null (reported) when it names none. */
  readonly resolvePage: (url: string, node: Node) => string | null;
  readonly claimId: (id: string, node: Node) => void;
  /** The next number for an id suggested on this page (1, 2, …): directive-missing-id's hint, one per directive. */
  readonly nextIdNumber: () => number;
  /**
   * The options of a true/false check in the course's language (`Verdadero`, `Falso`); English ones are always
   * accepted. Null when course.yaml's `words:` was not read (a YAML mistake): only the count is judged.
   */
  readonly trueFalse: readonly [string, string] | null;
  /** The course's language and words a matching check needs (read-matching.ts). */
  readonly matching: MatchingWords;
}

/**
 * The node that stands for a directive after the model stage: a coursepack node carrying its model, plain
 * text for an accidental text directive, or null when the directive is wrong (reported; kept as it is).
 */
export function readDirective(node: Directive, context: DirectiveContext): CoursepackNode | Text | null {
  const { page, module, anyAssessment, report, useAsset, resolvePage, claimId } = context;
  const attributes = node.attributes ?? {};
  const known = (node.type === 'containerDirective' && ['check', 'reflect', 'callout'].includes(node.name)) ||
    (node.type === 'leafDirective' && ['video', 'audio'].includes(node.name));
  const position = node.position ? { position: node.position } : {};
  // Reported when parsed (directive-not-closed); what it swallowed is not a check, reflection or callout.
  if ((node.data as { unclosed?: boolean } | undefined)?.unclosed) return null;
  if (!known) {
    // `:name` inside prose ("ratio 3:to" or "Note:this") is a text directive by accident: keep it as text.
    if (node.type === 'textDirective' && node.children.length === 0 && Object.keys(attributes).length === 0) {
      return { type: 'text', value: `:${node.name}`, ...position };
    }
    const colons = node.type === 'containerDirective' ? ':::' : node.type === 'leafDirective' ? '::' : ':';
    report('unknown-directive', node, unknownDirective(colons, node.name), unknownDirectiveHint(node.name));
    return null;
  }
  const allowed = ATTRIBUTES[node.name] ?? [];
  for (const name of Object.keys(attributes)) {
    // `{.class}` arrives as `class`: no directive takes classes either.
    if (!allowed.includes(name)) {
      const meant = closest(name, allowed.filter((a) => a !== 'id' && attributes[a] === undefined));
      report('directive-invalid-attribute', node, `\`${name}\` is not an attribute of ${node.type === 'containerDirective' ? ':::' : '::'}${node.name}`,
        `${meant ? `Did you mean ${meant}=? ` : ''}It takes ${allowed.map((a) => (a === 'id' ? '#id' : a)).join(', ')}.`);
    }
  }
  const body = (node.children as RootContent[]).filter(
    (c) => !(c.type === 'paragraph' && (c.data as { directiveLabel?: boolean } | undefined)?.directiveLabel),
  );
  const label = (node.children as RootContent[]).find(
    (c) => c.type === 'paragraph' && (c.data as { directiveLabel?: boolean } | undefined)?.directiveLabel,
  );
  // `[…]` after the name is a callout's title; on any other directive its words were dropped unseen (a
  // video's name, a check's question): said, with where those words go.
  const labelText = node.name === 'callout' ? '' : toString(node.type === 'leafDirective' ? node : label ?? { type: 'text', value: '' }).trim();
  if (labelText !== '') {
    const shown = labelText.length > 40 ? `${cutText(labelText, 37, 'utf-16')}...` : labelText;
    const where = node.name === 'video' || node.name === 'audio'
      ? `Give its name as title="${shown}": ::${node.name}{src=… title="${shown}"}.`
      : `Write the ${node.name === 'check' ? 'question' : 'prompt'} on the line after :::${node.name}{…}, inside the directive.`;
    report('directive-invalid-attribute', node, `\`[${shown}]\` after ${node.type === 'containerDirective' ? ':::' : '::'}${node.name} is not read: only a callout takes words in brackets (its title)`, where);
  }

  const readId = (): string | null => {
    const id = attributes.id;
    if (!id) {
      // A different suggestion for each directive of the page without one: the same for all was a duplicate-id next.
      const n = context.nextIdNumber();
      report('directive-missing-id', node, `\`:::${node.name}\` has no id`, `Add one: :::${node.name}{#${page.id.slice(page.id.indexOf('--') + 2)}-${n}}.`);
      return null;
    }
    if (!DIRECTIVE_ID.test(id)) {
      report('directive-invalid-attribute', node, `Id \`${id}\` is not valid`, 'Use letters, digits, - and _, starting with a letter (at most 64).');
      return null;
    }
    claimId(id, node);
    return id;
  };

  switch (node.name) {
    case 'check': {
      const id = readId();
      const written = attributes.type ?? 'single';
      // `type=Multiple`: the type meant is plain, so the check is read as that type (its own problems found,
      // not "a single-answer check has 2 correct answers") and only the case is said.
      // `type=“multiple”` (curly quotes pasted from Word): read as the type inside them, and the quotes are said.
      // Escaped: one character outside ASCII makes V8 hold the whole command bundle as two-byte text (load-command.ts).
      const unquoted = written.replace(/^[\u201c\u201d\u2018\u2019]+|[\u201c\u201d\u2018\u2019]+$/g, '');
      const meant = (CHECK_TYPES as readonly string[]).find((t) => t === unquoted.toLowerCase());
      if (meant !== written) {
        const guess = meant ? null : closest(unquoted, CHECK_TYPES);
        report('directive-invalid-attribute', node, `Check type \`${written}\` is not known`, meant && unquoted !== written
          ? `Type straight quotes around it, or none: type=${meant}. Text pasted from Word or the web brings curly ones.`
          : meant
            ? `Write it in lower case: type=${meant}.`
            : `${guess ? `Did you mean type=${guess}? ` : ''}Use type=single, type=multiple, type=truefalse, type=matching or type=fill-in.`);
      }
      const type = meant ?? written;
      const listAt = body.findIndex((c) => c.type === 'list');
      const stem = listAt < 0 ? body : body.slice(0, listAt);
      const list = body[listAt];
      if (!stem.some(isContent)) report('check-no-question', node, 'The check has no question');
      // The question's last paragraph names the group of answers (its legend) and the question in the LMS:
      // a decorative image alone names nothing (WCAG 1.3.1, 4.1.2).
      else if (stem.at(-1)?.type === 'paragraph' && isWordless(stem.at(-1) as Node)) {
        report('check-no-question', node, 'The check\'s question has no words', 'Write the question as text after any picture; a picture that asks it needs its alt text, ![what it shows](…).');
      }
      if (!list || list.type !== 'list') {
        report('check-no-options', node, 'The check has no list of options');
        return null;
      }
      const after = body.slice(listAt + 1).find(isContent);
      // A line with another bullet (`*` or `+` after `-`) starts a new list in Markdown: the options seem cut in two.
      if (after) {
        report('check-content-after-options', after, 'Content after the options of a check', after.type === 'list'
          ? 'A line with another bullet (`*` or `+` instead of `-`) starts a new list: give every option the same bullet.' : undefined);
      }
      const shuffleAttribute = attributes.shuffle ?? null;
      const shuffle = shuffleAttribute === '' || shuffleAttribute === 'true';
      if (shuffleAttribute !== null && !['', 'true', 'false'].includes(shuffleAttribute)) {
        report('directive-invalid-attribute', node, `shuffle=${shuffleAttribute} is not true or false`, 'Write {shuffle} or shuffle=true.');
      }
      const reviewAttribute = attributes.review ?? null;
      const review = reviewAttribute === null ? null : resolvePage(reviewAttribute, node);
      const scored = anyAssessment ? module.assessment : true;
      if (type === 'fill-in') {
        // The learner types the answer: there is nothing to put in a new order.
        if (shuffleAttribute !== null) report('directive-invalid-attribute', node, 'A fill-in check has no options to shuffle', 'Remove shuffle.');
        const options = readFillIn(list, report);
        if (!id || !options) return null;
        return { type: 'coursepackCheck', model: { id, pageId: page.id, type: 'fill-in' as const, scored, stem, options, shuffle: false, review }, ...position };
      }
      if (type === 'matching') {
        const matching = readMatching(list, report, context.matching);
        if (!id || !matching) return null;
        const model = {
          id, pageId: page.id, type: 'matching' as const, scored, stem, options: matching.items, targets: matching.targets, targetOrder: matching.targetOrder, shuffle, review,
        };
        return { type: 'coursepackCheck', model, ...position };
      }
      const options: OptionModel[] = [];
      for (const item of list.children) {
        const option = readOption(item, report);
        if (option) options.push(option);
      }
      if (options.length !== list.children.length) return null;
      const correct = options.filter((o) => o.correct).length;
      if (options.length < 2) report('check-no-options', list, 'A check needs at least two options');
      if (options.length > MAX_OPTIONS) report('check-too-many-options', list, `The check has ${options.length} options; the limit is ${MAX_OPTIONS}`);
      if (correct === 0) report('check-no-correct', node, 'The check has no correct answer');
      if (correct > 1 && type !== 'multiple' && meant) {
        report('check-too-many-correct', node, `A ${type === 'truefalse' ? 'true/false' : 'single-answer'} check has ${correct} correct answers`);
      }
      const trueFalse = context.trueFalse;
      if (type === 'truefalse' && trueFalse === null) {
        if (options.length > 2) report('check-truefalse-options', list, `A true/false check has ${options.length} options; it needs two`);
      } else if (type === 'truefalse' && trueFalse !== null) {
        const labels = options.map((o) => toString(o.label).trim().toLowerCase()).join('\n');
        // Trimmed as the labels are: a quoted word may keep a space at its end.
        const [yes, no] = trueFalse.map((w) => w.trim()) as [string, string];
        const accepted = [['true', 'false'], [yes.toLowerCase(), no.toLowerCase()]].map((pair) => pair.join('\n'));
        if (!accepted.includes(labels)) {
          const english = yes.toLowerCase() === 'true';
          const own = english ? '' : ` (or \`${yes}\` then \`${no}\`)`;
          // The rule's own hint names only English's pair: a Spanish course's author was told to write `True`.
          const hint = english ? undefined : `A true/false check has exactly two options: \`${yes}\` and \`${no}\` (the course's words), or \`True\` and \`False\`.`;
          report('check-truefalse-options', list, `True/false options must be \`True\` then \`False\`${own}`, hint);
        }
      }
      if (!id) return null;
      const model = { id, pageId: page.id, type: type as CheckType, scored, stem, options, shuffle, review };
      return { type: 'coursepackCheck', model, ...position };
    }
    case 'reflect': {
      const id = readId();
      if (!body.some(isContent)) report('empty-directive', node, 'The reflection has no prompt');
      // The prompt names the text box (aria-labelledby): a decorative image alone leaves it unnamed.
      else if (body.every(isWordless)) report('empty-directive', node, 'The reflection\'s prompt has no words', 'Write the prompt as text; a picture in it needs its alt text, ![what it shows](…).');
      return id ? { type: 'coursepackReflection', model: { id, pageId: page.id, prompt: body }, ...position } : null;
    }
    case 'callout': {
      const kind = attributes.kind ?? 'note';
      if (!(CALLOUT_KINDS as readonly string[]).includes(kind)) {
        const meant = closest(kind, CALLOUT_KINDS);
        report('directive-invalid-attribute', node, `Callout kind \`${kind}\` is not known`, `${meant ? `Did you mean kind=${meant}? ` : ''}Use kind=${CALLOUT_KINDS.join(', kind=')}.`);
        return null;
      }
      if (!body.some(isContent)) report('empty-directive', node, 'The callout is empty');
      // `:::callout[]` or a blank label is no title: the kind's name shows, never an empty title line.
      const title = label ? toString(label).trim() : '';
      return { type: 'coursepackCallout', model: { kind: kind as CalloutKind, title: title === '' ? null : title, body }, ...position };
    }
    default: {
      // video and audio
      const kind = node.name as 'video' | 'audio';
      const srcAttr = attributes.src;
      if (!srcAttr) {
        report('directive-invalid-attribute', node, `\`::${kind}\` has no src`, `Write ::${kind}{src="../assets/file"}.`);
        return null;
      }
      const src = useAsset(srcAttr, node, kind === 'video' ? 'Video' : 'Audio', 'src');
      const captionsAttr = kind === 'video' ? attributes.captions : undefined;
      const transcriptAttr = attributes.transcript;
      const captions = captionsAttr ? useAsset(captionsAttr, node, 'Captions', 'captions') : null;
      // `descriptions="none"`: the author says the sound already tells all the video shows (a talking head),
      // so no description track is needed (WCAG 1.2.5); only said, never guessed.
      const descriptionsAttr = kind === 'video' ? attributes.descriptions ?? '' : '';
      const undescribed = /^none$/i.test(descriptionsAttr.trim());
      const descriptions = descriptionsAttr.trim() && !undescribed ? useAsset(descriptionsAttr, node, 'Descriptions', 'descriptions') : null;
      const transcript = transcriptAttr ? useAsset(transcriptAttr, node, 'Transcript', 'transcript') : null;
      if (kind === 'video' && !captionsAttr) report('media-no-captions', node, 'The video has no captions');
      if (kind === 'video' && !descriptionsAttr.trim()) report('media-no-descriptions', node, 'The video has no audio description: what it shows but does not say (a diagram, a name on screen, an action) does not reach a blind learner');
      // The captions file named twice (a copied attribute): its cues are the speech, which the player would
      // say a second time over the video, and what is only shown still reaches no one.
      else if (descriptions !== null && descriptions === captions) report('media-no-descriptions', node, 'The video\'s descriptions file is its captions file: a blind learner would hear again what is said, and nothing of what is only shown');
      if (kind === 'audio' && !transcriptAttr) report('media-no-captions', node, 'The audio has no transcript');
      return src ? { type: 'coursepackMedia', model: { kind, src, title: attributes.title ?? null, captions, descriptions, transcript }, ...position } : null;
    }
  }
}

function readOption(item: ListItem, report: NodeReport): OptionModel | null {
  if (item.checked === null || item.checked === undefined) {
    // `[x]` followed by a no-break space (pasted from Word) looks right but is not a marker to Markdown.
    const lead = item.children[0]?.type === 'paragraph' && item.children[0].children[0]?.type === 'text' ? item.children[0].children[0].value : '';
    const glued = /^\[[ xX]\]([^ \t\n])/.exec(lead);
    // `［ｘ］`, `[　]`: the marker typed in an East Asian keyboard's full-width mode, which looks like one.
    const wideMarker = glued ? null : wideMarkerOf(item);
    // `- Saw → Cuts wood` in a check without type=matching: the author meant a matching check.
    const matching = !glued && !wideMarker && /\u2192|(?<=^|\s)->(?=\s|$)/.test(toString(item.children[0] ?? { type: 'text', value: '' }));
    const after = (c: string) => (c === '\u00a0' ? 'a no-break space (U+00A0)' : c === '\u3000' ? 'a full-width space (U+3000)' : `\`${c}\``);
    report('check-option-marker', item, glued
      ? `The option's \`${lead.slice(0, 3)}\` is followed by ${after(glued[1] ?? '')}, not a space, so Markdown does not read it as a marker`
      : wideMarker ? `The option's \`${wideMarker}\` is typed with full-width characters, so Markdown does not read it as a marker`
      : 'The option has no `[ ]` or `[x]` marker',
    matching ? 'For items matched to answers, make it a matching check: :::check{#id type=matching}.'
      : wideMarker ? WIDE_MARKER_HINT : undefined);
    return null;
  }
  const lines = entryLines(item);
  if (!lines) {
    report('check-option-marker', item, 'The option has no text after its marker');
    return null;
  }
  const { label, feedback } = lines;
  // The option is its radio button's or checkbox's name (WCAG 4.1.2): a decorative image alone names nothing.
  if (isWordless(label)) {
    report('check-option-marker', item, 'The option has no words after its marker', 'Write the option\'s words after `[ ]` or `[x]`; an image as an option needs its alt text, ![what it shows](…).');
    return null;
  }
  if (!feedback.some(isContent)) report('check-option-no-feedback', item, `Option "${cutText(toString(label), 40, 'utf-16')}" has no feedback`);
  return { correct: item.checked, label, feedback };
}

/** The message for a directive coursepack does not have, with the shape to write when it has it by another number of colons. */
/**
 * The hint for an unknown directive: the one it was likely meant to be (`:::chek` → `:::check`), as a check type's
 * typo already was told (type=mutliple → type=multiple), then the list (the rule's own hint otherwise).
 */
export function unknownDirectiveHint(name: string): string | undefined {
  const meant = closest(name.toLowerCase(), ['check', 'reflect', 'callout', 'video', 'audio']);
  // The right name with the wrong colons (`:::video`): the message says how to write it already.
  if (meant === null || meant === name) return undefined;
  const written = ['video', 'audio'].includes(meant) ? `::${meant}{src=…}` : `:::${meant}`;
  return `Did you mean ${written}? Use one of :::check, :::reflect, :::callout, ::video or ::audio.`;
}

export function unknownDirective(colons: string, name: string): string {
  const shape = ['check', 'reflect', 'callout'].includes(name) ? ` (write :::${name} … ::: on lines of their own)`
    : ['video', 'audio'].includes(name) ? ` (write ::${name}{src=…} on a line of its own)` : '';
  return `Unknown directive \`${colons}${name}\`${shape}`;
}
