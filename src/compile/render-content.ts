/**
 * Stage 4a: Markdown (mdast) → HTML (hast) for page content, with one handler per coursepack directive.
 * Markup follows the launch page contract in docs/architecture.md, which the player relies on.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { defaultSchema, type Schema } from 'hast-util-sanitize';
import { h } from 'hastscript';
import type { Heading, ListItem, Node, Paragraph, Root, RootContent, Text } from 'mdast';
import { defaultHandlers, type Handlers, type State } from 'mdast-util-to-hast';
import { toString } from 'mdast-util-to-string';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified, type Processor } from 'unified';
import { isSafePackagePath } from '../shared/package-path.js';
import { say, wordLang, type PlayerWords, type WordKey } from '../shared/player-words.js';
import { MAX_TYPED } from '../shared/typed-answer.js';
import { answerName, checkIds, optionLetter, reflectionIds } from './element-ids.js';
import type { CalloutNode, CheckModel, CheckNode, MediaNode, ReflectionModel, ReflectionNode } from './model-types.js';
import { normalizeUrl } from './resolve-url.js';

export interface RenderContext {
  readonly language: string;
  /** The player's words in the course's language (player-word-lists.ts): the ones the pages show are rendered here. */
  readonly words: PlayerWords;
  /** `tracking.reflections`: the reflection box says where the text goes. */
  readonly reflections: 'private' | 'share';
  /** Pages in this package: links to other pages render as plain text (split packages). */
  readonly pageIds: ReadonlySet<string>;
  /** hast-util-raw's `raw`, loaded only when the course has raw HTML; without it raw nodes are dropped. */
  readonly raw: ((tree: HastRoot) => unknown) | null;
  /**
   * How the ids of callouts named by a word not in the course's language begin (`cp-callout`): the pages and the
   * checks' feedback (put in a page when shown) are rendered by two contexts, each counting from 1, so theirs differ.
   */
  readonly calloutIds?: string;
}


/**
 * GitHub's sanitization, widened only for the elements coursepack itself generates. Author raw HTML is
 * already limited to simple formatting tags by check-raw-html.ts; this keeps script out whatever happens.
 */
const schema: Schema = {
  ...defaultSchema,
  clobberPrefix: '',
  clobber: [],
  required: {},
  tagNames: [
    ...(defaultSchema.tagNames ?? []),
    'form', 'fieldset', 'legend', 'label', 'button', 'textarea', 'video', 'audio', 'track', 'figure', 'figcaption',
    'mark', 'abbr', 'time', 'small', 'u', 'cite', 'dfn', 'var', 'bdi', 'bdo', 'wbr', 'caption', 'picture', 'source',
    'select', 'option',
  ],
  attributes: {
    ...defaultSchema.attributes,
    '*': [
      ...(defaultSchema.attributes?.['*'] ?? []),
      'className', 'role', 'ariaLive', 'ariaLabel', 'ariaLabelledBy', 'ariaDescribedBy', 'ariaHidden',
      'dataPage', 'dataCheck', 'dataType', 'dataReflect', 'dataItem',
    ],
    // GitHub's schema limits classes on links to its footnote ones; coursepack makes links of its own (cp-figure-open).
    a: [...(defaultSchema.attributes?.['a'] ?? []).filter((a) => !(Array.isArray(a) && a[0] === 'className')), 'className', 'target', 'rel'],
    input: [['type', 'radio', 'checkbox', 'text'], 'name', 'value', ['disabled', true], 'checked', 'maxLength', ['autoComplete', 'off'], ['spellCheck', 'false'],
      ['autoCapitalize', 'off'], ['autoCorrect', 'off'], ['dir', 'auto']],
    li: [['className', 'task-list-item', 'cp-task-done']],
    form: ['noValidate'],
    button: [['type', 'submit', 'button']],
    textarea: ['rows', 'spellCheck', ['autoComplete', 'off']],
    select: ['name', ['autoComplete', 'off']],
    option: ['value'],
    video: ['controls', 'preload', 'src', 'poster', 'width', 'height', 'muted', 'loop', 'playsInline'],
    audio: ['controls', 'preload', 'src', 'muted', 'loop'],
    track: ['kind', 'src', 'srcLang', 'label', 'default'],
    source: ['src', 'srcSet', 'type', 'media', 'sizes'],
    img: [...(defaultSchema.attributes?.['img'] ?? []), 'srcSet', 'sizes', 'loading', 'decoding'],
  },
  protocols: { ...defaultSchema.protocols, src: ['http', 'https', 'data'] },
};

/**
 * `{ lang: 'en' }` for an element whose text is a player word not in the course's language (wordLang: a course
 * in a language without built-in words, the word not under `words:`), else nothing: hastscript leaves out an
 * undefined property, so a course whose words are its own renders as it did.
 */
function langOf(words: PlayerWords, key: WordKey, language: string): { lang?: string } {
  const lang = wordLang(words, key, language);
  return lang === null ? {} : { lang };
}

/** A player word beside others in one element: its text, or a `<span lang="en">` when it is not in the course's language. */
function wordIn(speaker: Speaker, key: WordKey): ElementContent {
  const text = say(speaker.words, key);
  const lang = wordLang(speaker.words, key, speaker.language);
  return lang === null ? { type: 'text', value: text } : h('span', { lang }, text);
}

/** The words and the course's language: what rendering a player word needs (RenderContext has both). */
type Speaker = Pick<RenderContext, 'words' | 'language' | 'calloutIds'>;

type Transformer = Processor<Root, Root, HastRoot>;
const transformers = new WeakMap<RenderContext, Transformer>();

/** remark-rehype (with coursepack's handlers) → raw HTML parsed, when any → rehype-sanitize. */
function transformerFor(context: RenderContext): Transformer {
  let transformer = transformers.get(context);
  if (!transformer) {
    transformer = unified()
      .use(remarkRehype, { allowDangerousHtml: true, handlers: handlersFor(context) })
      .use(() => (tree: HastRoot) => (context.raw && hasRaw(tree) ? (context.raw(tree) as HastRoot) : tree))
      .use(() => (tree: HastRoot) => unlinkOtherPackages(tree, context.pageIds))
      .use(() => webSchemesAsBrowsersRead)
      .use(rehypeSanitize, schema)
      .use(() => keepInsidePackage)
      .use(() => deferMedia) as unknown as Transformer;
    transformers.set(context, transformer);
  }
  return transformer;
}

/**
 * Raw HTML's `<a href="02-trust.md">` (a `data-page` link, check-raw-html.ts) to a page in another package
 * (--split modules) as the Markdown link handler makes it: its words without the link, which the player would
 * not follow and the browser would follow to a fragment that names nothing.
 */
function unlinkOtherPackages(tree: HastRoot, pageIds: ReadonlySet<string>): void {
  eachElement(tree, (node) => {
    const page = node.properties['dataPage'];
    if (node.tagName !== 'a' || typeof page !== 'string' || pageIds.has(page)) return;
    node.tagName = 'span';
    node.properties = {};
  });
}

/**
 * Raw HTML's `<a href="HTTPS://…">` and `href="//host/…"` as a browser follows them: the sanitizer compares
 * schemes as written and dropped such links without a word (the model stage had judged them fine).
 */
function webSchemesAsBrowsersRead(tree: HastRoot): void {
  eachElement(tree, (node) => {
    const href = node.properties['href'];
    if (typeof href !== 'string') return;
    const url = normalizeUrl(href);
    if (url.startsWith('//')) node.properties['href'] = `https:${url}`;
    else if (/^(https?|mailto|tel):/i.test(url)) node.properties['href'] = url.replace(/^[a-z]+:/i, (s) => s.toLowerCase());
  });
}

/**
 * The last word on URLs (issue 13 point 1: nothing reaches the package without passing the resolver). The
 * model stage already judged and rewrote every URL an author wrote; whatever still loads from outside the
 * package here (a parse the checks did not foresee) is dropped, never shipped.
 */
function keepInsidePackage(tree: HastRoot): void {
  const inside = (url: string) => /^#/.test(url) || isSafePackagePath(url.replace(/[?#].*$/s, ''));
  eachElement(tree, (node) => {
    const p = node.properties;
    const follows = node.tagName === 'a' || node.tagName === 'area';
    for (const key of ['src', 'poster', 'srcSet', 'href', 'data', 'action', 'formAction', 'background']) {
      const value = p[key];
      if (value === undefined || value === null) continue;
      const urls = key === 'srcSet' ? String(Array.isArray(value) ? value.join(',') : value).split(',').map((c) => c.trim().split(/\s+/)[0] ?? '') : [String(value)];
      const ok = urls.every((u) => inside(u) || (key === 'src' && /^data:image\//i.test(u)) || (key === 'href' && follows && /^(https?:|mailto:|tel:)/i.test(u)));
      if (!ok) delete p[key];
    }
  });
}

/**
 * Every page is in index.html from the start, so each `<video>` and `<audio>` of the course would set up a
 * media player at launch and fetch the head of its file (`preload="metadata"`, or the browser's default):
 * a course with twenty videos made twenty requests to the LMS and started twenty decoders before the
 * learner saw the cover. Media here wait (`preload="none"`) and keep what they asked for in
 * `data-cp-preload` (empty: the attribute was absent); the player gives it back when their page is shown
 * and pauses them when it is left (src/runtime/view-media.ts). Without the player they load when played.
 * A `<track default>` waits too: Chromium fetches the file of a track shown by default at launch, whatever
 * the preload (thirty videos, thirty .vtt requests to the LMS on the cover); it loses `default` and keeps
 * `data-cp-default`, and the player shows it when its page is first shown.
 */
function deferMedia(tree: HastRoot): void {
  eachElement(tree, (node) => {
    if (node.tagName === 'track' && node.properties['default']) {
      delete node.properties['default'];
      node.properties['dataCpDefault'] = '';
    }
    if (node.tagName !== 'video' && node.tagName !== 'audio') return;
    const asked = node.properties['preload'];
    node.properties['dataCpPreload'] = asked === undefined || asked === null ? '' : String(asked);
    node.properties['preload'] = 'none';
  });
}

/** Calls `visit` on every element of `tree`, parents before their children. */
function eachElement(tree: HastRoot, visit: (node: Element) => void): void {
  const walk = (node: HastRoot | ElementContent): void => {
    if (node.type === 'element') visit(node);
    if ('children' in node) node.children.forEach((c) => walk(c as ElementContent));
  };
  walk(tree);
}

const stringifier = unified().use(rehypeStringify);

/** HTML text of hast nodes (rehype-stringify). */
export function stringify(nodes: ElementContent | readonly ElementContent[]): string {
  return stringifier.stringify({ type: 'root', children: Array.isArray(nodes) ? [...nodes] : [nodes as ElementContent] });
}

export function renderBlocks(nodes: readonly RootContent[], context: RenderContext): ElementContent[] {
  const root: Root = { type: 'root', children: [...nodes] };
  const clean = transformerFor(context).runSync(root);
  return clean.children.filter((c): c is ElementContent => c.type !== 'doctype');
}

/** Inline content of a paragraph or heading (labels, legends, titles). */
export function renderInline(node: Paragraph | Heading, context: RenderContext): ElementContent[] {
  const wrapped = renderBlocks([{ type: 'paragraph', children: node.children, ...(node.position ? { position: node.position } : {}) }], context);
  const p = wrapped.find((c): c is Element => c.type === 'element');
  return p ? p.children : [];
}

function hasRaw(node: { type: string; children?: unknown[] }): boolean {
  if (node.type === 'raw') return true;
  return Array.isArray(node.children) && node.children.some((c) => hasRaw(c as { type: string; children?: unknown[] }));
}

/**
 * A line break between two Chinese or Japanese characters (ideographs, kana, their punctuation, full-width and
 * half-width forms; not Hangul: Korean puts spaces between words), which CSS Text 3 (§4.1.2, segment break
 * transformation) says to drop and Chromium shows as a space: one sentence a line (一文一行), as many Japanese
 * authors write, read "…築きます。 次に…", and a line wrapped mid-word "学校 司書".
 */
const CJK_BREAK = /([\u2e80-\u2fdf\u3000-\u303f\u3041-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60\uff61-\uff9f\uffe0-\uffe6\u{20000}-\u{3fffd}])\n(?=[\u2e80-\u2fdf\u3000-\u303f\u3041-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60\uff61-\uff9f\uffe0-\uffe6\u{20000}-\u{3fffd}])/gu;

function handlersFor(context: RenderContext): Handlers {
  const blocks = (state: State, nodes: readonly RootContent[]): ElementContent[] =>
    state.wrap(state.all({ type: 'root', children: [...nodes] } as Root) as ElementContent[], true);

  return {
    text(state, node: Text) {
      const result = defaultHandlers.text(state, node);
      if (result.type === 'text' && result.value.includes('\n')) result.value = result.value.replace(CJK_BREAK, '$1');
      return result;
    },
    // An image alone in its paragraph is a figure: its Markdown title, `![alt](img.svg "caption")`, is the
    // caption, and a link after it opens the picture full size in a new tab (a diagram is often too small to read
    // in place). The link is not in the figcaption: a figure's accessible name is its figcaption's text (HTML-AAM),
    // so a screen reader entering a figure without a caption said "Open full size (opens in a new tab), figure",
    // and one with a caption said the link's words as part of its name (WCAG 1.3.1, 4.1.2).
    paragraph(state, node: Paragraph) {
      const only = node.children.length === 1 ? node.children[0] : undefined;
      if (only?.type !== 'image') return defaultHandlers.paragraph(state, node);
      const image = defaultHandlers.image(state, { ...only, title: null });
      const open = h('a.cp-figure-open', { href: only.url, target: '_blank', rel: ['noopener', 'noreferrer'] },
        [wordIn(context, 'openFullSize'), h('span.cp-sr', langOf(context.words, 'opensInNewTab', context.language), context.words.opensInNewTab)]);
      const figure = h('figure.cp-figure', only.title ? [image, h('figcaption', only.title)] : [image]);
      state.patch(node, figure);
      return [figure, h('p.cp-figure-more', [open])];
    },
    // The page title is the page's h1, so author headings move up one level (## → h1 is the page itself).
    heading(state, node: Heading) {
      const result: Element = { type: 'element', tagName: `h${Math.max(2, node.depth - 1)}`, properties: {}, children: state.all(node) as ElementContent[] };
      state.patch(node, result);
      return state.applyData(node, result);
    },
    // A task list in a page (`- [ ] ask about goals`, not a check's options) is a checklist to read: GitHub's
    // disabled checkbox has no label, so axe fails the page (WCAG 4.1.2) and a screen reader says "checkbox,
    // unavailable" with no name. A drawn box and its state in words instead.
    listItem(state, node: ListItem, parent) {
      const result = defaultHandlers.listItem(state, node, parent);
      if (typeof node.checked !== 'boolean') return result;
      const done = node.checked;
      const mark: ElementContent[] = [h('span.cp-task-box', { ariaHidden: 'true' }), h('span.cp-sr', langOf(context.words, done ? 'taskDone' : 'taskNotDone', context.language), done ? context.words.taskDone : context.words.taskNotDone)];
      const replaceBox = (children: ElementContent[]): boolean => {
        const at = children.findIndex((c) => c.type === 'element' && c.tagName === 'input');
        if (at < 0) return false;
        // The box and the space the handler put after it.
        const next = children[at + 1];
        children.splice(at, next?.type === 'text' && next.value === ' ' ? 2 : 1, ...mark);
        return true;
      };
      const first = result.children.find((c): c is Element => c.type === 'element');
      if (!replaceBox(result.children) && first?.tagName === 'p') replaceBox(first.children);
      // GitHub's class stays: the list handler reads it to mark the list `contains-task-list`.
      if (done) result.properties['className'] = ['task-list-item', 'cp-task-done'];
      return result;
    },
    // GitHub's column alignment (`|:--|--:|`) as classes: the `align` attribute on cells is obsolete HTML.
    table(state, node) {
      const result = defaultHandlers.table(state, node);
      const cells: ElementContent[] = [...result.children];
      for (let cell = cells.pop(); cell !== undefined; cell = cells.pop()) {
        if (cell.type !== 'element') continue;
        const align = cell.properties['align'];
        if ((cell.tagName === 'th' || cell.tagName === 'td') && typeof align === 'string') {
          delete cell.properties['align'];
          cell.properties['className'] = [`cp-align-${align}`];
        }
        cells.push(...cell.children);
      }
      return result;
    },
    link(state, node) {
      const result = defaultHandlers.link(state, node);
      const href = String(result.properties['href'] ?? '');
      const page = /^#page-(.+)$/.exec(href)?.[1];
      if (page !== undefined && !context.pageIds.has(page)) {
        // The target is in another package (--split modules): keep the words, drop the dead link.
        return { type: 'element', tagName: 'span', properties: {}, children: result.children };
      }
      if (page === undefined && !href.startsWith('#')) {
        // Inside an LMS frame a web link or a file (a PDF, a transcript) must not replace the course:
        // leaving index.html ends the SCO's session. Announce the new tab (WCAG G201).
        result.properties['target'] = '_blank';
        result.properties['rel'] = ['noopener', 'noreferrer'];
        result.children.push(h('span.cp-sr', langOf(context.words, 'opensInNewTab', context.language), context.words.opensInNewTab));
      }
      return result;
    },
    coursepackCheck: (state, node: CheckNode) => renderCheck(state, node, node.model, blocks, context),
    coursepackReflection: (state, node: ReflectionNode) => renderReflection(state, node, node.model, blocks, context),
    coursepackCallout: (state, node: CalloutNode) => renderCallout(state, node, blocks, context),
    coursepackMedia: (state, node: MediaNode) => renderMedia(state, node, context),
    // Directives the model stage did not turn into coursepack nodes were reported as errors: never rendered.
    containerDirective: () => undefined,
    leafDirective: () => undefined,
    textDirective: () => undefined,
  };
}

type Blocks = (state: State, nodes: readonly RootContent[]) => ElementContent[];

/**
 * The question's last paragraph is the legend (it names the group of answers); the paragraphs before it
 * set the scene. Without a closing paragraph (a list or a picture last) the legend is the word "Question".
 */
function stemParts(state: State, check: CheckModel, speaker: Speaker): { scene: readonly RootContent[]; legend: Element } {
  const last = check.stem.at(-1);
  if (last?.type !== 'paragraph') return { scene: check.stem, legend: h('legend', langOf(speaker.words, 'question', speaker.language), speaker.words.question) };
  return { scene: check.stem.slice(0, -1), legend: h('legend', state.all(last) as ElementContent[]) };
}

function renderCheck(state: State, node: Node, check: CheckModel, blocks: Blocks, speaker: Speaker): Element {
  if (check.type === 'matching') return renderMatching(state, node, check, blocks, speaker);
  if (check.type === 'fill-in') return renderFillIn(state, node, check, blocks, speaker);
  const { words } = speaker;
  const inputType = check.type === 'multiple' ? 'checkbox' : 'radio';
  const [hint, saidAlready] = check.type === 'multiple' ? (['chooseAll', words.chooseAllSaid] as const) : (['chooseOne', words.chooseOneSaid] as const);
  const rows = check.options.map((option, i) => {
    const letter = optionLetter(i);
    const inputId = checkIds.option(check.id, i);
    return h('div.cp-option', [
      // Nothing remembered (autocomplete off): Chromium keeps every form control's state in each history entry the
      // player adds, which made a page turn of a 600-page course cost ~9 ms more in pushState alone, and kept a
      // learner's choices in the browser's history on a shared computer.
      h('input', { type: inputType, name: answerName(check.id), id: inputId, value: letter, autoComplete: 'off' }),
      h('label', { htmlFor: inputId }, option.label.type === 'paragraph' ? (state.all(option.label) as ElementContent[]) : []),
    ]);
  });
  return checkForm(state, node, check, blocks, speaker, { className: 'form.cp-check', hint, saidAlready, rows });
}

/** The form every check is: the scene, the question as the group's legend, a hint, the rows, the button and the feedback region. */
function checkForm(state: State, node: Node, check: CheckModel, blocks: Blocks, speaker: Speaker,
  parts: { readonly className: string; readonly hint: WordKey | null; readonly saidAlready: string; readonly rows: readonly Element[] }): Element {
  const { words, language } = speaker;
  const { scene, legend } = stemParts(state, check, speaker);
  // Said by the player, so not twice when the question already says it.
  const stem = toString({ type: 'root', children: check.stem } as Root).toLowerCase();
  const shownHint = parts.hint === null || parts.saidAlready.split('|').map((p) => p.trim()).some((phrase) => phrase !== '' && stem.includes(phrase)) ? null : parts.hint;
  const result = h(parts.className, { id: checkIds.form(check.id), dataCheck: check.id, dataType: check.type, noValidate: true }, [
    scene.length ? h('div.cp-check-stem', blocks(state, scene)) : null,
    h('fieldset', [legend, shownHint ? h('p.cp-check-hint', langOf(words, shownHint, language), say(words, shownHint)) : null, ...parts.rows]),
    h('button.cp-check-submit', { type: 'submit', ...langOf(words, 'checkAnswer', language) }, words.checkAnswer),
    h('div.cp-feedback', { id: checkIds.feedback(check.id), role: 'status', ariaLive: 'polite' }),
  ]);
  state.patch(node as never, result);
  return result;
}

/**
 * A matching check: each item a row with its own drop-down list of the answers, named by the item (a
 * native `<select>`: keyboard, touch and screen readers work with it as with any form, where dragging
 * cards, the usual way, leaves keyboard users out, WCAG 2.1.1). The list's first entry chooses nothing.
 */
function renderMatching(state: State, node: Node, check: CheckModel, blocks: Blocks, speaker: Speaker): Element {
  const { words, language } = speaker;
  const targets = check.targets ?? [];
  // Every list shows the answers in the same order, alphabetical (read-matching.ts), whatever their letters.
  const order = check.targetOrder ?? targets.map((_, t) => t);
  const rows = check.options.map((item, i) => {
    const letter = optionLetter(i);
    const inputId = checkIds.option(check.id, i);
    return h('div.cp-option.cp-match', { dataItem: letter }, [
      h('label', { htmlFor: inputId }, item.label.type === 'paragraph' ? (state.all(item.label) as ElementContent[]) : []),
      h('select', { id: inputId, name: `${check.id}-${letter}`, autoComplete: 'off' }, [
        h('option', { value: '', ...langOf(words, 'chooseMatch', language) }, words.chooseMatch),
        ...order.map((t) => h('option', { value: optionLetter(t) }, targets[t] ?? '')),
      ]),
    ]);
  });
  return checkForm(state, node, check, blocks, speaker, { className: 'form.cp-check.cp-matching', hint: 'matchEach', saidAlready: words.matchEachSaid, rows });
}

/**
 * A fill-in check: one text box, named by its visible label ("Your answer") inside the question's group, so
 * a screen reader says the question and the label. No spelling or capital help from the browser (it would
 * correct the answer into another word, or suggest one), and nothing remembered: the next learner on a
 * shared computer must not be offered this one's answers (autocomplete off). Enter submits, as in any form.
 */
function renderFillIn(state: State, node: Node, check: CheckModel, blocks: Blocks, speaker: Speaker): Element {
  const { words, language } = speaker;
  const inputId = checkIds.typed(check.id);
  const limitId = checkIds.typedLimit(check.id);
  const row = h('div.cp-option.cp-typed', [
    h('label', { htmlFor: inputId, ...langOf(words, 'answerBox', language) }, words.answerBox),
    // The box takes no more: said before it, so a longer answer is never cut without a word (WCAG 3.3.2).
    h('p.cp-check-hint', { id: limitId, ...langOf(words, 'typedLimit', language) }, say(words, 'typedLimit', { n: MAX_TYPED })),
    // iOS and iPadOS correct words unless told not to (`autocorrect`), other browsers by `spellcheck`; the
    // learner's own direction of writing, whatever the course's (`dir=auto`).
    h('input', {
      type: 'text', id: inputId, name: answerName(check.id), maxLength: MAX_TYPED, autoComplete: 'off', spellCheck: 'false', autoCapitalize: 'off', autoCorrect: 'off',
      dir: 'auto', ariaDescribedBy: limitId,
    }),
  ]);
  return checkForm(state, node, check, blocks, speaker, { className: 'form.cp-check.cp-fill-in', hint: null, saidAlready: '', rows: [row] });
}

function renderReflection(state: State, node: Node, reflection: ReflectionModel, blocks: Blocks, context: RenderContext): Element {
  const promptId = reflectionIds.prompt(reflection.id);
  const noteId = reflectionIds.note(reflection.id);
  const result = h('div.cp-reflect', { dataReflect: reflection.id }, [
    h('div.cp-reflect-prompt', { id: promptId }, blocks(state, reflection.prompt)),
    // The box is named by the prompt itself, not a generic "Your reflection" (issue 12 point 8), and described by
    // the note: a screen-reader user writing in the box, who Tabs on past the note, hears that it is not scored
    // and where the words go (kept in this browser, or shared with the administrators) (WCAG 1.3.1, 3.3.2).
    h('textarea', { id: reflectionIds.box(reflection.id), rows: 5, ariaLabelledBy: promptId, ariaDescribedBy: noteId, autoComplete: 'off' }),
    // The note under the box says plainly where the text goes (issue 9 point 2).
    h('p.cp-reflect-note', { id: noteId, ...langOf(context.words, context.reflections === 'share' ? 'reflectionShared' : 'reflectionPrivate', context.language) },
      context.reflections === 'share' ? context.words.reflectionShared : context.words.reflectionPrivate),
  ]);
  state.patch(node as never, result);
  return result;
}

/** How many callouts each context has named by a word not in the course's language: their names' ids. */
const calloutNames = new WeakMap<Speaker, number>();

function renderCallout(state: State, node: CalloutNode, blocks: Blocks, speaker: Speaker): Element {
  const callout = node.model;
  const name = speaker.words[callout.kind];
  const lang = wordLang(speaker.words, callout.kind, speaker.language);
  let title = h('p.cp-callout-title', callout.title ?? name);
  let named: Record<string, string> = { ariaLabel: callout.title ? `${name}: ${callout.title}` : name };
  const parts: Element[] = [];
  if (lang !== null) {
    // An English "Note" names the note: an `aria-label` would be read in the course language's voice, and `lang`
    // on the note would mark its text English too. Named by its title instead, after a screen-reader-only
    // `<span lang="en">` of the word when titled (aria-hidden: read in the name, not again in the text).
    const n = (calloutNames.get(speaker) ?? 0) + 1;
    calloutNames.set(speaker, n);
    const id = `${speaker.calloutIds ?? 'cp-callout'}-${n}`;
    title = h('p.cp-callout-title', { id: `${id}-title`, ...(callout.title ? {} : { lang }) }, callout.title ?? name);
    if (callout.title) parts.push(h('span.cp-sr', { id: `${id}-name`, lang, ariaHidden: 'true' }, `${name}:`));
    named = { ariaLabelledBy: callout.title ? `${id}-name ${id}-title` : `${id}-title` };
  }
  const result = h(`div.cp-callout.cp-callout-${callout.kind}`, { role: 'note', ...named }, [
    ...parts,
    title,
    ...blocks(state, callout.body),
  ]);
  state.patch(node as never, result);
  return result;
}

function renderMedia(state: State, node: MediaNode, context: RenderContext): Element | Element[] {
  const media = node.model;
  // Chromium gives <video>/<audio> no accessible name of their own (only the figure is named by its caption).
  const name = media.title ? { ariaLabel: media.title } : {};
  const player = media.kind === 'video'
    ? h('video', { controls: true, preload: 'metadata', src: media.src, ...name },
      [
        media.captions ? h('track', { kind: 'captions', src: media.captions, srcLang: context.language, label: context.words.captions, default: true, ...langOf(context.words, 'captions', context.language) }) : null,
        // Browsers do not voice a descriptions track: the player puts its cues in a live region (view-media.ts).
        media.descriptions ? h('track', { kind: 'descriptions', src: media.descriptions, srcLang: context.language, label: context.words.descriptions, ...langOf(context.words, 'descriptions', context.language) }) : null,
      ].filter((t) => t !== null))
    : h('audio', { controls: true, preload: 'metadata', src: media.src, ...name });
  const result = h('figure.cp-media', [player, media.title ? h('figcaption', media.title) : null]);
  state.patch(node as never, result);
  if (!media.transcript) return result;
  // The transcript link follows the figure, outside its caption: a figure is named by its figcaption's text
  // (HTML-AAM), and an audio's read "A short tone · Transcript (opens in a new tab)" (WCAG 1.3.1, 4.1.2).
  // A new tab, like every link to a file: leaving index.html would end the SCO session.
  const transcript = h('a', { href: media.transcript, target: '_blank', rel: ['noopener', 'noreferrer'] }, [wordIn(context, 'transcript'), h('span.cp-sr', langOf(context.words, 'opensInNewTab', context.language), context.words.opensInNewTab)]);
  return [result, h('p.cp-media-more', [transcript])];
}
