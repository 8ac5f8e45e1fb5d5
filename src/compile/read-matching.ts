/**
 * A matching check's list (docs/authoring.md, Matching): `- item → its answer` a line, feedback indented
 * under the item as under an option, `- → answer` for an answer that matches no item (so the last item is
 * not answered by elimination). Items may share an answer. Every mistake is a positional message, all of
 * them at once (check-matching-item, check-no-options, check-too-many-options).
 */
import type { List, ListItem, Paragraph, PhrasingContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { cutText } from '../shared/cut-text.js';
import { collationFor } from './collate-text.js';
import { entryLines } from './list-entry-lines.js';
import { isContent, isWordless, plainWords, type NodeReport } from './mdast-helpers.js';
import type { OptionModel } from './model-types.js';

/** SCORM 1.2 matching responses are single characters (RTE 3.4.2.4.3): 26 letters each side. */
const MAX_SIDE = 26;

/**
 * Arrows: `→` anywhere; `->` only between spaces (or at an end), so `a->b` and `-->` in an item's words are
 * no arrows. An arrow in inline code, formatting or raw HTML is part of the words.
 */
const ARROWS = /\u2192|(?<=^|\s)->(?=\s|$)/g;

/**
 * Arrows that look like → but are not it, named in the message: ⟶ ➔ ➜ ➝ ➞ ⇒ ⟹ 🡒 and the half-width ￫, and =>,
 * -->, —> typed, also as a keyboard in full-width mode types `->` (`－＞`, `ー＞` with the long-vowel mark, `＝＞`).
 */
// Last, `->` itself: met here only without its spaces (`Saw->Cuts wood`), which the arrow needs.
const LOOK_ALIKES = /[\u27f6\u2794\u279c\u279d\u279e\u21d2\u27f9\uffeb\u{1f852}]|[-\uff0d\u30fc=\uff1d][>\uff1e](?<!->)|=>|-->|\u2014>|\u2013>|->/u;

const CODE_HINT = 'An arrow that is part of the words goes in code: `→` or `->`.';

export interface MatchingModel {
  readonly items: OptionModel[];
  /** The answers, in the author's order of first appearance: their letters (SCORM, xAPI, saved state) follow it. */
  readonly targets: string[];
  /** The answers' places in `targets` in the order every list shows them: alphabetical in the course language. */
  readonly targetOrder: number[];
}

interface Pair {
  readonly entry: ListItem;
  readonly item: OptionModel | null;
  readonly target: string;
}

/** What a matching check needs to know of the course: its language, and two of the player's words. */
export interface MatchingWords {
  /** BCP 47: the answers' alphabetical order. */
  readonly language: string;
  /** The list's empty first entry (`chooseMatch`): no answer may read the same. */
  readonly placeholder: string;
  /** `authorVerdicts`: how feedback that says right or wrong starts (an item's feedback shows under a wrong match too). */
  readonly verdicts: string;
}

export function readMatching(list: List, report: NodeReport, words: MatchingWords): MatchingModel | null {
  const pairs: Pair[] = [];
  let whole = true;
  const verdict = verdictAtStart(words.verdicts);
  for (const entry of list.children) {
    const pair = readPair(entry, report, verdict);
    if (pair) pairs.push(pair);
    else whole = false;
  }
  // Every entry that reads is checked against the others too, so all mistakes are reported at once.
  const collation = collationFor(words.language);
  const items = pairs.filter((p) => p.item !== null);
  // Items that read the same (as a screen reader reads them: an image by its alt) cannot be told apart.
  // Capitals and accents count: "US" and "us", "él" and "el" are different words in a language course.
  const said = (p: Pair): string => (p.item ? plainWords(p.item.label) : '');
  reportTwins(items, said, (p, twin) => report('check-matching-item', p.entry,
    `Two items of the matching check read alike: "${shorten(said(twin))}" and "${shorten(said(p))}"`, 'Word each item so it says which one it is.'));
  // Answers that read the same (after folding white space) are one answer, offered once.
  const targets = [...new Set(pairs.map((p) => p.target))];
  for (const target of targets) {
    if (collation.sameBase(target, words.placeholder)) {
      report('check-matching-item', pairs.find((p) => p.target === target)?.entry, `The answer "${shorten(target)}" reads like the list's empty entry ("${words.placeholder}")`, 'Word the answer another way.');
    }
  }
  const hint = 'Write each item as `- item → its answer`, and an extra answer that matches no item as `- → answer`.';
  if (whole && items.length < 2) report('check-no-options', list, 'A matching check needs at least two items, each `- item → its answer`', hint);
  else if (whole && targets.length < 2) report('check-no-options', list, 'Every item of the matching check has the same answer', 'Give the items different answers, or add an extra one: `- → another answer`.');
  const limit = 'Use at most 26 items and 26 answers (SCORM 1.2 matching responses are single characters).';
  if (items.length > MAX_SIDE) report('check-too-many-options', list, `The matching check has ${items.length} items; the limit is ${MAX_SIDE}`, limit);
  if (targets.length > MAX_SIDE) report('check-too-many-options', list, `The matching check has ${targets.length} different answers; the limit is ${MAX_SIDE}`, limit);
  if (!whole) return null;
  const targetOrder = targets.map((_, i) => i).sort((a, b) => {
    const x = targets[a] as string;
    const y = targets[b] as string;
    return collation.compare(x, y) || (x < y ? -1 : x > y ? 1 : 0);
  });
  return {
    items: items.map((p) => ({ ...(p.item as OptionModel), match: targets.indexOf(p.target) })),
    targets,
    targetOrder,
  };
}

function reportTwins<T>(list: readonly T[], key: (value: T) => string, say: (value: T, twin: T) => void): void {
  const seen = new Map<string, T>();
  for (const value of list) {
    const k = key(value);
    const twin = seen.get(k);
    if (twin !== undefined) say(value, twin);
    else seen.set(k, value);
  }
}

/**
 * Feedback that starts by saying right or wrong ("Yes.", "Correct!", "No:"): a word of `authorVerdicts`
 * followed by a mark, so "Good mentors listen" or "True colours…" are explanations, not verdicts.
 */
function verdictAtStart(verdicts: string): RegExp {
  const phrases = verdicts.split('|').map((p) => p.trim()).filter((p) => p !== '').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (phrases.length === 0) return /(?!)/;
  return new RegExp(`^[\u00a1\u00bf]?(${phrases.join('|')})[.,;:!?\u2026\u2013\u2014]`, 'i');
}

function readPair(entry: ListItem, report: NodeReport, verdict: RegExp): Pair | null {
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
  const split = splitAtArrow(label, entry, report);
  if (!split) return null;
  if (!isWordless(split.item)) {
    // The item's feedback shows under it after checking whether the match was right or wrong: a verdict at
    // its start ("Yes. …") would contradict a wrong mark.
    const first = feedback.find(isContent);
    const said = first ? plainWords(first) : '';
    const opening = verdict.exec(said);
    if (first && opening) {
      report('check-matching-feedback', first.position ? first : entry, `The item's feedback starts with "${opening[0]}", and it shows under a wrong match too`,
        'Start with the explanation ("The leak became something to learn from."): the player already says right or wrong at the item.');
    }
    return { entry, item: { correct: true, label: split.item, feedback }, target: split.target };
  }
  // `- → answer`: an extra answer, which no item matches.
  if (split.item.children.length > 0) {
    report('check-matching-item', entry, 'The matching item has no words before its arrow', 'Write the item\'s words; an image as an item needs its alt text, ![what it shows](…).');
    return null;
  }
  const said = feedback.find(isContent);
  // The line under the arrow is no node of its own (split from the item's paragraph): said at the item.
  if (said) {
    report('check-content-after-options', said.position ? said : entry, 'Feedback under an extra answer, which no item matches, is never shown',
      'Feedback shows under the item it is about; delete it here, or put it under an item.');
  }
  return { entry, item: null, target: split.target };
}

/**
 * The item (what comes before the one arrow outside code, formatting and raw HTML) and its answer as plain
 * text: an answer is an entry of a drop-down list, which shows no formatting, link or picture, so any is a
 * mistake to say, not markup to show as text. Null when reported.
 */
function splitAtArrow(label: Paragraph, entry: ListItem, report: NodeReport): { item: Paragraph; target: string } | null {
  const arrows: Array<{ at: number; index: number; length: number }> = [];
  const inside: string[] = [];
  let depth = 0;
  for (const [at, child] of label.children.entries()) {
    if (child.type === 'html') depth = Math.max(0, depth + htmlDepthChange(child.value));
    else if (child.type === 'text' && depth === 0) {
      for (const m of child.value.matchAll(ARROWS)) arrows.push({ at, index: m.index, length: m[0].length });
    } else if (hasArrow(child)) inside.push(child.type === 'text' ? 'raw HTML' : KINDS[child.type] ?? child.type);
  }
  const words = shorten(plain(toString(label)));
  if (arrows.length === 0) {
    const alike = LOOK_ALIKES.exec(toString(label));
    const named = alike ? `\`${alike[0]}\`${alike[0].length === 1 ? ` (U+${(alike[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})` : ''}` : '';
    report('check-matching-item', entry, inside.length
      ? `The arrow of the item "${words}" is inside ${inside[0]}, so it does not split the item from its answer`
      : alike?.[0] === '->' ? `The item "${words}" has \`->\` without a space on each side, so it does not split the item from its answer`
      : alike ? `The item "${words}" has ${named}, which is not the arrow that splits an item from its answer`
        : `The item "${words}" has no \`→\` (or \`->\`) before its answer`,
    inside.length ? 'Put the arrow outside formatting: `**Saw** → Cuts`, not `**Saw →** Cuts`.'
      : alike ? 'Write → (U+2192), or -> with a space on each side.' : undefined);
    return null;
  }
  if (arrows.length > 1) {
    report('check-matching-item', entry, `The item "${words}" has ${arrows.length} arrows; which one splits it from its answer is not clear`, CODE_HINT);
    return null;
  }
  const [{ at, index, length }] = arrows as [{ at: number; index: number; length: number }];
  const node = label.children[at] as { type: 'text'; value: string };
  const head = node.value.slice(0, index).replace(/\s+$/, '');
  const tail = node.value.slice(index + length).replace(/^\s+/, '');
  const before: PhrasingContent[] = label.children.slice(0, at);
  if (head.trim() !== '') before.push({ type: 'text', value: head });
  const after = label.children.slice(at + 1);
  const shown = after.find((c) => c.type !== 'text' && c.type !== 'inlineCode' && !(c.type === 'html' && /^<!--[\s\S]*-->$/.test(c.value.trim())));
  if (shown) {
    report('check-matching-item', shown.position ? shown : entry, `The answer after the arrow has ${KINDS[shown.type] ?? shown.type}, which a drop-down list cannot show`,
      'Write the answer as plain text (code is shown as its text); put formatting, links and pictures in the item or its feedback.');
    return null;
  }
  const target = plain(tail + after.map((c) => (c.type === 'text' || c.type === 'inlineCode' ? c.value : '')).join(''));
  if (target === '') {
    report('check-matching-item', entry, 'The matching item has no answer after its arrow');
    return null;
  }
  return { item: { ...label, children: before }, target };
}

const KINDS: Readonly<Record<string, string>> = {
  emphasis: 'emphasis', strong: 'bold text', delete: 'struck-through text', link: 'a link', linkReference: 'a link',
  image: 'a picture', imageReference: 'a picture', inlineCode: 'code', html: 'raw HTML', break: 'a line break',
};

/** Whether a node holds an arrow in its words (inside formatting, code or a link). */
function hasArrow(node: PhrasingContent): boolean {
  return /\u2192|(?<=^|\s)->(?=\s|$)/.test(toString(node, { includeHtml: false }));
}

/**
 * +1 for an opening tag that is not a void element, -1 for a closing tag, 0 otherwise. Comments are passed
 * over (a tag written in one is no tag), and `/>` closes nothing: HTML reads `<b/>` as `<b>`, and an
 * unquoted `href=https://example.org/>` ends with a slash that is the address's.
 */
function htmlDepthChange(html: string): number {
  let change = 0;
  for (const m of html.replace(/<!--[\s\S]*?(?:-->|$)/g, '').matchAll(/<(\/?)([A-Za-z][\w-]*)(?:\s(?:[^>"']|"[^"]*"|'[^']*')*)?>/g)) {
    if (m[1] === '/') change--;
    else if (!VOID.has((m[2] ?? '').toLowerCase())) change++;
  }
  return change;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** As a browser shows text: composed (NFC), runs of white space as one space, no space at the ends. */
function plain(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** At most 40 UTF-16 units and `…`, never cutting a character in two (half an emoji printed as �). */
function shorten(text: string): string {
  return text.length > 40 ? `${cutText(text, 40, 'utf-16')}…` : text;
}

