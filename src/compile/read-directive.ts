/**
 * Directives → what they stand for: knowledge checks, reflections, callouts, audio and video,
 * with a positional message for every way an author can get one wrong (docs/authoring.md, Rules).
 */
import type { List, ListItem, Node, Paragraph, RootContent, Text } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import { toString } from 'mdast-util-to-string';
import { CHECK_TYPES, type CheckType } from '../shared/course-data.js';
import { isContent, isWordless, type NodeReport } from './mdast-helpers.js';
import { CALLOUT_KINDS, type CalloutKind, type CoursepackNode, type OptionModel, type PageModel } from './model-types.js';

const DIRECTIVE_ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
/** The attributes each directive reads (docs/authoring.md, Directives); any other is a mistake, never silently ignored. */
const ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  check: ['id', 'type', 'shuffle', 'review'],
  reflect: ['id'],
  callout: ['kind'],
  video: ['src', 'captions', 'transcript', 'title'],
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
  readonly useAsset: (url: string, node: Node, what: string) => string | null;
  /** The page a link names (`04-trust.md#building-trust`), or null (reported) when it names none. */
  readonly resolvePage: (url: string, node: Node) => string | null;
  readonly claimId: (id: string, node: Node) => void;
  /** The options of a true/false check in the course's language (`Verdadero`, `Falso`); English ones are always accepted. */
  readonly trueFalse: readonly [string, string];
  /** The course's language (BCP 47), for the order of a matching check's answers. */
  readonly language: string;
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
    const shape = ['check', 'reflect', 'callout'].includes(node.name) ? ` (write :::${node.name} … ::: on lines of their own)`
      : ['video', 'audio'].includes(node.name) ? ` (write ::${node.name}{src=…} on a line of its own)` : '';
    report('unknown-directive', node, `Unknown directive \`${colons}${node.name}\`${shape}`);
    return null;
  }
  const allowed = ATTRIBUTES[node.name] ?? [];
  for (const name of Object.keys(attributes)) {
    // `{.class}` arrives as `class`: no directive takes classes either.
    if (!allowed.includes(name)) {
      report('directive-invalid-attribute', node, `\`${name}\` is not an attribute of ${node.type === 'containerDirective' ? ':::' : '::'}${node.name}`,
        `It takes ${allowed.map((a) => (a === 'id' ? '#id' : a)).join(', ')}.`);
    }
  }
  const body = (node.children as RootContent[]).filter(
    (c) => !(c.type === 'paragraph' && (c.data as { directiveLabel?: boolean } | undefined)?.directiveLabel),
  );
  const label = (node.children as RootContent[]).find(
    (c) => c.type === 'paragraph' && (c.data as { directiveLabel?: boolean } | undefined)?.directiveLabel,
  );

  const readId = (): string | null => {
    const id = attributes.id;
    if (!id) {
      report('directive-missing-id', node, `\`:::${node.name}\` has no id`, `Add one: :::${node.name}{#${page.slug}-1}.`);
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
      const type = attributes.type ?? 'single';
      if (!(CHECK_TYPES as readonly string[]).includes(type)) {
        report('directive-invalid-attribute', node, `Check type \`${type}\` is not known`, 'Use type=single, type=multiple, type=truefalse or type=matching.');
      }
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
      if (after) report('check-content-after-options', after, 'Content after the options of a check');
      const shuffleAttribute = attributes.shuffle ?? null;
      const shuffle = shuffleAttribute === '' || shuffleAttribute === 'true';
      if (shuffleAttribute !== null && !['', 'true', 'false'].includes(shuffleAttribute)) {
        report('directive-invalid-attribute', node, `shuffle=${shuffleAttribute} is not true or false`, 'Write {shuffle} or shuffle=true.');
      }
      const reviewAttribute = attributes.review ?? null;
      const review = reviewAttribute === null ? null : resolvePage(reviewAttribute, node);
      const scored = anyAssessment ? module.assessment : true;
      if (type === 'matching') {
        const matching = readMatching(list, report, context.language);
        if (!id || !matching) return null;
        const model = { id, pageId: page.id, type: 'matching' as const, scored, stem, options: matching.items, targets: matching.targets, shuffle, review };
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
      if (correct > 1 && type !== 'multiple') {
        report('check-too-many-correct', node, `A ${type === 'truefalse' ? 'true/false' : 'single-answer'} check has ${correct} correct answers`);
      }
      if (type === 'truefalse') {
        const labels = options.map((o) => toString(o.label).trim().toLowerCase()).join('\n');
        // Trimmed as the labels are: a quoted word may keep a space at its end.
        const [yes, no] = context.trueFalse.map((w) => w.trim()) as [string, string];
        const accepted = [['true', 'false'], [yes.toLowerCase(), no.toLowerCase()]].map((pair) => pair.join('\n'));
        if (!accepted.includes(labels)) {
          const own = yes.toLowerCase() === 'true' ? '' : ` (or \`${yes}\` then \`${no}\`)`;
          report('check-truefalse-options', list, `True/false options must be \`True\` then \`False\`${own}`);
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
        report('directive-invalid-attribute', node, `Callout kind \`${kind}\` is not known`, `Use kind=${CALLOUT_KINDS.join(', kind=')}.`);
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
      const src = useAsset(srcAttr, node, kind === 'video' ? 'Video' : 'Audio');
      const captionsAttr = kind === 'video' ? attributes.captions : undefined;
      const transcriptAttr = attributes.transcript;
      const captions = captionsAttr ? useAsset(captionsAttr, node, 'Captions') : null;
      const transcript = transcriptAttr ? useAsset(transcriptAttr, node, 'Transcript') : null;
      if (kind === 'video' && !captionsAttr) report('media-no-captions', node, 'The video has no captions');
      if (kind === 'audio' && !transcriptAttr) report('media-no-captions', node, 'The audio has no transcript');
      return src ? { type: 'coursepackMedia', model: { kind, src, title: attributes.title ?? null, captions, transcript }, ...position } : null;
    }
  }
}

/** Matching arrows: `→` or the ASCII `->` an author can type anywhere. */
const ARROW = /\s*(?:\u2192|->)\s*/;

/**
 * A matching check's list: `- item → its answer` a line, feedback indented under the item as under an
 * option, and `- → answer` for an answer that matches no item (so the last item is not answered by
 * elimination). Items may share an answer. The answers are listed in the course language's alphabetical
 * order, the same for every item: the author's order would put each item's answer beside it.
 */
function readMatching(list: List, report: NodeReport, language: string): { items: OptionModel[]; targets: string[] } | null {
  const pairs: Array<{ item: OptionModel | null; target: string }> = [];
  // Every item is read, so each mistake is reported at once; a check with one is not built.
  let whole = true;
  for (const entry of list.children) {
    const pair = readPair(entry, report);
    if (pair) pairs.push(pair);
    else whole = false;
  }
  if (!whole) return null;
  const seen = new Map<string, ListItem>();
  for (const [i, pair] of pairs.entries()) {
    if (!pair.item) continue;
    const text = toString(pair.item.label).trim().toLowerCase();
    // Two items that read the same cannot be told apart by a learner or a screen reader.
    if (seen.has(text)) report('check-matching-item', list.children[i] as ListItem, `Two items of the matching check read "${toString(pair.item.label).trim().slice(0, 40)}"`, 'Word each item so it says which one it is.');
    else seen.set(text, list.children[i] as ListItem);
  }
  const collator = collatorFor(language);
  const targets = [...new Set(pairs.map((p) => p.target))].sort((a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));
  const items = pairs.flatMap((p) => (p.item ? [{ ...p.item, match: targets.indexOf(p.target) }] : []));
  if (items.length < 2) report('check-no-options', list, 'A matching check needs at least two items, each `- item → its answer`');
  else if (targets.length < 2) report('check-no-options', list, 'Every item of the matching check has the same answer', 'Give the items different answers, or add an extra one: `- → another answer`.');
  if (items.length > MAX_OPTIONS) report('check-too-many-options', list, `The matching check has ${items.length} items; the limit is ${MAX_OPTIONS}`);
  if (targets.length > MAX_OPTIONS) report('check-too-many-options', list, `The matching check has ${targets.length} different answers; the limit is ${MAX_OPTIONS}`, 'Use at most 26 answers (SCORM 1.2 matching responses are single letters).');
  return { items, targets };
}

/** Alphabetical order in the course's language; English's for a tag ICU does not take (reported as the language's own error). */
function collatorFor(language: string): Intl.Collator {
  try {
    return new Intl.Collator(language, { numeric: true });
  } catch {
    return new Intl.Collator('en', { numeric: true });
  }
}

function readPair(entry: ListItem, report: NodeReport): { item: OptionModel | null; target: string } | null {
  if (typeof entry.checked === 'boolean') {
    report('check-matching-item', entry, 'A matching item has a `[ ]` or `[x]` marker', 'Write `- item → its answer`: every item is matched, none is ticked.');
    return null;
  }
  const lines = entryLines(entry);
  if (!lines) {
    report('check-matching-item', entry, 'The matching item has no text');
    return null;
  }
  const { label, feedback } = lines;
  const split = splitAtArrow(label);
  if (!split) {
    report('check-matching-item', entry, `The item "${toString(label).slice(0, 40)}" has no \`→\` (or \`->\`) before its answer`);
    return null;
  }
  if (split.target === '') {
    report('check-matching-item', entry, 'The matching item has no answer after its arrow');
    return null;
  }
  if (!isWordless(split.item)) return { item: { correct: true, label: split.item, feedback }, target: split.target };
  // `- → answer`: an extra answer, which no item matches.
  if (split.item.children.length > 0) {
    report('check-matching-item', entry, 'The matching item has no words before its arrow', 'Write the item\'s words; an image as an item needs its alt text, ![what it shows](…).');
    return null;
  }
  const said = feedback.find(isContent);
  // The line under the arrow is no node of its own (split from the item's paragraph): said at the item.
  if (said) report('check-content-after-options', said.position ? said : entry, 'Feedback under an extra answer, which no item matches, is never shown');
  return { item: null, target: split.target };
}

/**
 * The item (inline content before the first arrow in the line's text, not inside code or a link) and
 * its answer as plain text (an answer is an entry of a drop-down list, which shows no formatting).
 */
function splitAtArrow(label: Paragraph): { item: Paragraph; target: string } | null {
  const at = label.children.findIndex((c) => c.type === 'text' && ARROW.test(c.value));
  const node = label.children[at];
  if (at < 0 || !node || node.type !== 'text') return null;
  const match = ARROW.exec(node.value) as RegExpExecArray;
  const head = node.value.slice(0, match.index);
  const tail = node.value.slice(match.index + match[0].length);
  const before = label.children.slice(0, at);
  if (head.trim() !== '') before.push({ type: 'text', value: head });
  const target = squashSpace(tail + toString({ type: 'paragraph', children: label.children.slice(at + 1) }));
  return { item: { ...label, children: before }, target };
}

function squashSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function readOption(item: ListItem, report: NodeReport): OptionModel | null {
  if (item.checked === null || item.checked === undefined) {
    // `[x]` followed by a no-break space (pasted from Word) looks right but is not a marker to Markdown.
    const lead = item.children[0]?.type === 'paragraph' && item.children[0].children[0]?.type === 'text' ? item.children[0].children[0].value : '';
    const glued = /^\[[ xX]\]([^ \t\n])/.exec(lead);
    report('check-option-marker', item, glued
      ? `The option's \`${lead.slice(0, 3)}\` is followed by ${glued[1] === '\u00a0' ? 'a no-break space (U+00A0)' : `\`${glued[1]}\``}, not a space, so Markdown does not read it as a marker`
      : 'The option has no `[ ]` or `[x]` marker');
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
  if (!feedback.some(isContent)) report('check-option-no-feedback', item, `Option "${toString(label).slice(0, 40)}" has no feedback`);
  return { correct: item.checked, label, feedback };
}

/**
 * An option's or item's first line and the feedback after it. The feedback may follow on the next, indented
 * lines (no blank line needed), which Markdown reads as the same paragraph, so it is split at the first line
 * break. Null when the entry does not start with a paragraph.
 */
function entryLines(entry: ListItem): { label: Paragraph; feedback: RootContent[] } | null {
  const [first, ...rest] = entry.children as RootContent[];
  if (!first || first.type !== 'paragraph') return null;
  const { label, more } = splitFirstLine(first);
  return { label, feedback: more ? [more, ...rest] : rest };
}

function splitFirstLine(paragraph: Paragraph): { label: Paragraph; more: Paragraph | null } {
  const at = paragraph.children.findIndex((c) => (c.type === 'text' && c.value.includes('\n')) || c.type === 'break');
  const node = paragraph.children[at];
  if (at < 0 || !node) return { label: paragraph, more: null };
  const before = paragraph.children.slice(0, at);
  const after = paragraph.children.slice(at + 1);
  if (node.type === 'text') {
    const cut = node.value.indexOf('\n');
    const head = node.value.slice(0, cut).trimEnd();
    const tail = node.value.slice(cut + 1).trimStart();
    if (head) before.push({ type: 'text', value: head });
    if (tail) after.unshift({ type: 'text', value: tail, ...(node.position ? { position: { start: { ...node.position.start, line: node.position.start.line + 1 }, end: node.position.end } } : {}) });
  }
  const label: Paragraph = { ...paragraph, children: before };
  const more: Paragraph | null = after.length ? { type: 'paragraph', children: after } : null;
  return { label, more };
}
