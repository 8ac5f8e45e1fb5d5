/**
 * Syntax of other tools, and marks pasted with text, that CommonMark reads as plain text, so they show on
 * the page as typed: a GitHub footnote, bold with a space inside its stars, a highlight, Pandoc attributes,
 * a wiki link, a superscript, a chatbot's citation mark, an emoji shortcode, a link Markdown did not read,
 * a bare address. Found in one text node's value at a time (build-model.ts places them in the source).
 * Each search runs only where its marks are (a cheap look first): a build runs these on every text. Pure.
 */
import { closest } from '../shared/closest-word.js';
import { cutText } from '../shared/cut-text.js';
import type { RuleId } from './rules.js';

export interface TypedSyntax {
  readonly rule: RuleId;
  /** Where in the text value, in UTF-16 units. */
  readonly index: number;
  readonly length: number;
  readonly reason: string;
  /** Where the rule's own hint is not it. */
  readonly hint?: string;
}

const cut = (text: string): string => (text.length > 60 ? `${cutText(text, 57, 'utf-16')}...` : text);

/**
 * @param inLink the text is a link's words: an address in it is the link's, not one to make a link of.
 * @param labels the labels the module defines (`[label]: address`), to name the one a reference meant.
 */
export function findTypedSyntax(value: string, inLink: boolean, labels: readonly string[] = []): TypedSyntax[] {
  const found: TypedSyntax[] = [];
  const add = (rule: RuleId, m: RegExpMatchArray, reason: string, hint?: string): void => {
    found.push({ rule, index: m.index ?? 0, length: m[0].length, reason, ...(hint === undefined ? {} : { hint }) });
  };
  // GitHub footnotes are not read (a page has no end to gather them at): `[^1]` and `[^1]: …` would show
  // as typed, which reads as a mistake on the page.
  if (value.includes('[^')) for (const m of value.matchAll(FOOTNOTE)) add('footnote-unsupported', m, `\`${m[0]}\` is a footnote, which coursepack does not read: it shows as typed`);
  // Strong emphasis with a space inside its stars (`**Note: **text`), which CommonMark does not read (§6.2).
  if (value.includes('**') || value.includes('__')) {
    for (const m of value.matchAll(STRONG_WITH_SPACE)) {
      add('emphasis-unparsed', m, `\`${cut(m[0])}\` is not read as bold (a space ${m[2] === undefined ? 'after the opening' : 'before the closing'} \`${m[1] ?? '**'}\`): the marks show as typed`);
    }
  }
  // `==highlight==` (Obsidian, Typora, Pandoc's `mark`) is no CommonMark or GFM: the `==` show.
  if (value.includes('==')) for (const m of value.matchAll(HIGHLIGHT)) add('highlight-unsupported', m, `\`${cut(m[0])}\` is a highlight, which coursepack does not read: the \`==\` show as typed`);
  if (value.includes('{')) {
    for (const m of value.matchAll(PANDOC_ATTRIBUTES)) {
      const before = value.slice(0, m.index);
      // `:::check {#id}`: a directive that pasted text broke, said as such (directive-unparsed); so is one whose
      // colons are full-width (`：：：check{#id}`, an East Asian keyboard in full-width mode).
      if (/(?:^|\n|\s)[:\uff1a]{1,}[A-Za-z][\w-]*(?:\[[^\]\n]*\])?[ \t]*$/.test(before)) continue;
      if (/(?:^|\n)[ \t]*:{3,}[ \t]*$/.test(before)) {
        add('attributes-unsupported', m, `\`${cut(m[0])}\` opens a Pandoc fenced div, which coursepack does not read: its \`:::\` lines and the braces show as typed`,
          'Write a directive instead (`:::callout[Title]{kind=note}` … `:::`), or delete the `:::` lines; `pandoc -t gfm` converts without them.');
      } else add('attributes-unsupported', m, `\`${cut(m[0])}\` is a Pandoc attribute list, which coursepack does not read: it shows as typed`);
    }
  }
  // `![Bar chart][chart]`, `[the guide][]` with no `[chart]:` line in the module: CommonMark reads a reference
  // to a label nobody defined as text (§6.3), so the learner sees brackets and the label, and the image or
  // the link is gone. (A defined one is a link by now: only the undefined reach here.)
  // Brackets are prose too (`Press [Ctrl][Alt]`, `m[0][1]`, `[sic][1]`): a link reference is said only in a module
  // that writes references, and only when its label is near a defined one or its words are a phrase; an image
  // reference always (nothing else writes `![…][…]`). Escaped brackets are the caller's to leave out (the source).
  if (value.includes('][')) {
    for (const m of value.matchAll(REFERENCE)) {
      const label = (m[3] || m[2] || '').trim();
      if (label.startsWith('^') || (m[2] ?? '').startsWith('^')) continue;
      const near = closest(label.toLowerCase(), labels.map((l) => l.toLowerCase()));
      const image = m[1] === '!';
      if (!image && (labels.length === 0 || (near === null && !/\s/.test((m[2] ?? '').trim())))) continue;
      add('reference-undefined', m, `\`${cut(m[0])}\` refers to \`[${label}]\`, which this module does not define: it shows as typed, and no ${m[1] ? 'image' : 'link'}`,
        near === null ? undefined : `Did you mean \`[${labels.find((l) => l.toLowerCase() === near) ?? near}]\`, which this module defines? Write the label as it is defined (case does not matter), or define \`[${label}]: address\` on a line of its own.`);
    }
  }
  // `<abbr title=“Individualized Education Program”>` (Word's AutoFormat curled the quotes), `<abbr title="x y>`:
  // a tag CommonMark cannot read as HTML (§6.6: a quoted value in straight quotes, an unquoted one without spaces)
  // is text, so the learner sees the markup and the element is gone.
  if (value.includes('<')) {
    for (const m of value.matchAll(TAG_AS_TEXT)) {
      const why = tagFault(m[0]);
      if (why) add('html-unparsed', m, `\`${cut(m[0])}\` is not read as HTML (${why}): it shows as typed`);
    }
  }
  // `[[Building trust]]`, `![[diagram.svg]]` (Obsidian, Notion, wikis) are no Markdown: the brackets show.
  if (value.includes('[[')) {
    for (const m of value.matchAll(WIKILINK)) add('wikilink-unsupported', m, `\`${cut(m[0])}\` is a wiki ${m[0].startsWith('!') ? 'embed' : 'link'} (Obsidian, Notion), which coursepack does not read: it shows as typed`);
  }
  // `x^2^`, `10^th^` (Pandoc, markdown-it): no CommonMark, so the carets show.
  if (value.includes('^')) {
    for (const m of value.matchAll(SUPERSCRIPT)) {
      add('subscript-unsupported', m, `\`${m[0]}\` is a superscript as Pandoc writes it, which coursepack does not read: the carets show as typed`, `Write a superscript as x<sup>${m[1] ?? '2'}</sup> (and a subscript as H<sub>2</sub>O).`);
    }
  }
  // `【4†source】`, `citeturn0search1`: the citation marks of a chatbot's answer, pasted with its text.
  if (value.includes('\u3010') || value.includes('turn')) {
    for (const m of value.matchAll(CHAT_CITATION)) add('pasted-citation', m, `\`${m[0]}\` is a citation mark from a chatbot's answer (ChatGPT), which means nothing to learners: it shows as typed`);
  }
  // `:smile:` (GitHub, Slack) is no Markdown: the colons and the name show, and no emoji.
  if (value.includes(':')) for (const m of value.matchAll(EMOJI_SHORTCODE)) add('emoji-shortcode', m, `\`${m[0]}\` is an emoji shortcode, which coursepack does not read: it shows as typed`);
  // A link or image Markdown did not read (CommonMark §6.3): the learner sees brackets and an address.
  const unparsed = value.includes('](') || value.includes('] (') || value.includes(']\t(') ? findUnparsedLinks(value) : [];
  for (const u of unparsed) {
    found.push({ rule: 'link-unparsed', index: u.index, length: u.length, reason: `\`${u.shown}\` is not read as ${u.image ? 'an image' : 'a link'} (${u.why}): it shows as typed` });
  }
  // A bare address is text, not a link (no autolinks: authoring.md): the learner cannot follow it. One
  // inside a link Markdown did not read is that link's fault, said above.
  if (!inLink && (value.includes('http') || value.includes('www.'))) {
    for (const m of value.matchAll(BARE_URL)) {
      const start = m.index ?? 0;
      if (unparsed.some((u) => start >= u.index && start < u.index + u.length)) continue;
      // An address inside a tag that was not read as HTML is that tag's fault, said already.
      if (found.some((f) => f.rule === 'html-unparsed' && start >= f.index && start < f.index + f.length)) continue;
      add('url-not-linked', m, `\`${cut(m[0])}\` is shown as text, not as a link: learners cannot open it`);
    }
  }
  return found;
}

/** A GitHub footnote reference or definition label: `[^1]`, `[^note]`. */
const FOOTNOTE = /\[\^[^\]\s]+\]/g;

/**
 * `**Note: **` (a space before the closing marks) or `** Note**` (after the opening ones): found in text
 * only when CommonMark did not read them, so the marks show. Group 2 is set for the closing case. Not
 * after a letter or digit (`2**3`, `__init__`; letters of the Latin, Greek, Cyrillic and other alphabetic
 * scripts, without `\p{L}`, whose compiling cost a build a millisecond).
 */
const STRONG_WITH_SPACE = /(?<![\w\u00c0-\u024f\u0370-\u1fff*\\])(\*\*|__)(?:(?=[^\s*_])[^*_\n]*?(\s)\1(?![*_])|[ \t]+[^*_\n\s][^*_\n]*?\1)/g;

/** `:smile:`, `:+1:`: not after a word or a colon (`10:30:45`, `note:tip:`), nor before one. */
const EMOJI_SHORTCODE = /(?<![\w:]):[a-z][a-z0-9_+-]*:(?![\w:])|(?<![\w:]):[+-]1:(?![\w:])/g;

/** `==words==`, not inside a word or an equation (`x==y`). */
const HIGHLIGHT = /(?<![\w=])==(?=[^\s=])[^=\n]*?[^\s=]==(?![\w=])/g;

/**
 * A Pandoc attribute list: `{width="6.5in" height="3.6in"}` after an image, `{.underline}` after a
 * `[span]`, `{#intro}` after a heading, `::: {.note}` opening a fenced div. Pandoc writes them converting
 * from Word (`pandoc -t markdown`); CommonMark shows them as typed. Each item an `#id`, a `.class` or a
 * `key=value`, so prose in braces (`{a, b}`, `{x}`) is not one.
 */
const ATTRIBUTE_ITEM = String.raw`(?:[#.][A-Za-z][\w:.-]*|[A-Za-z][\w-]*=(?:"[^"\n]*"|'[^'\n]*'|[^\s"'{}]+))`;
const PANDOC_ATTRIBUTES = new RegExp(String.raw`\{${ATTRIBUTE_ITEM}(?:[ \t]+${ATTRIBUTE_ITEM})*\}`, 'g');


/** `x^2^`, `10^th^`: after a letter, digit or bracket, a short run without spaces between carets. */
const SUPERSCRIPT = /(?<=[\w)\]])\^([^\s^]{1,10})\^/g;


/**
 * ChatGPT's citation marks as they come out of a copied answer: `【4†source】` (file search) and, from web
 * search, `citeturn0search1` (its private-use brackets dropped or kept around it).
 */
const CHAT_CITATION = /\u3010\d+(?::\d+)?\u2020[^\u3011\n]{0,40}\u3011|[\ue200-\ue2ff]?(?:cite|navlist|filecite)(?:[\ue200-\ue2ff]?turn\d+(?:search|news|view|file|fetch)\d+)+[\ue200-\ue2ff]?/g;

/** `[[Page]]`, `[[Page|words]]`, `![[file.png]]`. */
const WIKILINK = /!?\[\[[^[\]\n]+\]\]/g;
/** What looks like an opening tag (a name, then attributes) up to its `>`, in text: Markdown did not read it. */
const TAG_AS_TEXT = /<[A-Za-z][A-Za-z0-9-]*\s[^<>\n]*>/g;
const CURLY_VALUE = /=\s*([\u201c\u201d\u201e\u2018\u2019\u201a\u00ab\u00bb])/;

/** Why a tag in text was not read as HTML, when it is a mistake a person makes; null for anything else. */
function tagFault(tag: string): string | null {
  // Only where an attribute's value starts (`title=“…`): prose between `<` and `>` has apostrophes (`<your
  // mentee’s name>`), and that is text on purpose.
  const curly = CURLY_VALUE.exec(tag);
  if (curly) return `a curly quote ${curly[1] ?? ''} where a straight quote " belongs`;
  if (/=\s*"[^"]*$/.test(tag) || /=\s*'[^']*$/.test(tag.replace(/=\s*"[^"]*"/g, ''))) return 'a quote opened and never closed';
  return null;
}

/** `[text][label]` and `[text][]` (CommonMark §6.3: full and collapsed references); a wiki link's `]][` is not one. */
const REFERENCE = /(?<![[\p{L}\p{N}_])(!?)\[([^[\]\n]+)\]\[([^[\]\n]*)\](?!\])/gu;


/** A web address written as text: `https://…` or `www.…`, without the punctuation that ends its sentence. */
const BARE_URL = /(?<![\w/@.:-])(?:https?:\/\/|www\.)[^\s<>()[\]{}"'`]*[^\s<>()[\]{}"'`.,;:!?]/g;

/** `[words] (address)`: a space between `]` and `(`; what follows must look like an address (`[sic] (1999)` is prose). */
const LINK_APART = /(!?)\[[^\][\n]+\][ \t]+\(([^()\s]+)\)/g;
/**
 * `[words](an address with a space)`, which CommonMark reads as text unless it is in `<…>`: an address by
 * how it starts, or a file by its extension once the spaces are dashes (`02-quiz.md#true or false`, `02
 * quiz.md`), never prose in brackets (`[1](see page 4)`).
 */
const WITH_SPACE = /(!?)\[[^\][\n]+\]\(([^()\n]*?[ \t][^()\n]*?)\)/g;
const ADDRESS = /^(?:https?:\/\/|mailto:|\.{1,2}\/|\/|#)|\.(?:md|svg|png|jpe?g|gif|webp|avif|pdf|html?|mp[34]|m4a|webm|ogg|vtt|docx?|xlsx?|pptx?|zip|txt|csv)(?:#|$)/i;

interface UnparsedLink {
  readonly index: number;
  readonly length: number;
  readonly shown: string;
  readonly image: boolean;
  readonly why: string;
}

function findUnparsedLinks(value: string): UnparsedLink[] {
  const found: UnparsedLink[] = [];
  const add = (m: RegExpMatchArray, why: string) => {
    const shown = m[0].length > 60 ? `${cutText(m[0], 57, 'utf-16')}...` : m[0];
    found.push({ index: m.index ?? 0, length: m[0].length, shown, image: m[1] === '!', why });
  };
  for (const m of value.matchAll(LINK_APART)) if (ADDRESS.test(m[2] ?? '')) add(m, 'a space between `]` and `(`');
  for (const m of value.matchAll(WITH_SPACE)) {
    const address = (m[2] ?? '').trim();
    // An address by how it starts, or a file name of two words at most (`02 quiz.md`, `02-quiz.md#true or false`
    // starts like one): `[1](see also notes.txt)` is an aside in brackets.
    const words = address.split(/[ \t]+/);
    const fileLike = /^[\w.-]+\.md#/i.test(address) || (words.length <= 2 && ADDRESS.test(words.join('-')));
    if (ADDRESS.test(address.replace(/[ \t]+/g, '-')) && (/^(?:https?:\/\/|mailto:|\.{1,2}\/|\/|#)/i.test(address) || fileLike)) add(m, 'a space in its address');
  }
  return found;
}
