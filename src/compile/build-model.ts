/**
 * Stage 3: parsed modules → the course model: pages, knowledge checks, reflections, the assets in use.
 * Every author mistake found on the way is reported; the model is only used when there are no errors.
 *
 * Pure: the parse trees are read, never changed (the parse cache hands them to the next build). Each page
 * gets a new tree in which links and images carry their resolved URLs and directives are replaced by
 * coursepack nodes carrying their model (model-types.ts); untouched subtrees are shared, not copied.
 */
import type { RootContent as HastNode } from 'hast';
import type { Definition, Heading, Html, Image, ImageReference, Link, LinkReference, Node, Parent, Root, RootContent, Text } from 'mdast';
import type { Position } from 'unist';
import { toString } from 'mdast-util-to-string';
import { isVagueLinkText } from './vague-link-text.js';
import { emptyAltText } from './judge-alt-text.js';
import { checkAssets } from './check-assets.js';
import { idsOfCheck, idsOfReflection, type ElementId } from './element-ids.js';
import { checkHtml, hasCaptions, parseDeepHtml, VIDEO_NO_CAPTIONS, type HtmlCheck, type ParseHtml } from './check-raw-html.js';
import { findTooDeep, MAX_DEPTH } from './find-too-deep.js';
import { findTypedSyntax } from './find-typed-syntax.js';
import { judgeUrl, shownUrl, type UrlContext, type UrlUse } from './judge-url.js';
import type { AssetFile } from './load-course.js';
import type { CourseConfig } from './parse-config.js';
import { COURSE_CONFIG_FILE, FILL_IN_WORDS, MATCHING_WORDS, MAX_TITLE } from './parse-config.js';
import { playerWordsFor } from './player-word-lists.js';
import type { ParsedModule } from './parse-module.js';
import { findUnparsedLines } from './find-unparsed-lines.js';
import { isBlank } from './is-blank.js';
import { isContent, isWordless, offsetPosition, positionOf, splitLines, type NodeReport } from './mdast-helpers.js';
import type { CalloutKind, CheckModel, CourseModel, ModuleModel, PageModel, ReflectionModel } from './model-types.js';
import { readDirective, type DirectiveContext } from './read-directive.js';
import { pageIdSlug, slugify } from './resolve-url.js';
import { RULES, type Report, type RuleId } from './rules.js';

/** What the model stage reads besides the parsed modules; each is optional for callers that have none. */
export interface ModelInputs {
  /** Assets that are symbolic links (never followed). */
  readonly assetLinks?: readonly string[];
  /** Sizes, and the bytes of SVG and HTML assets (check-assets.ts). */
  readonly assetFiles?: ReadonlyMap<string, AssetFile>;
  /** The HTML parser, loaded by the caller when any module or asset holds HTML. */
  readonly parseHtml?: ParseHtml | null;
  /** Each module file's text by its path, so a fault inside raw HTML is placed at its source column (offsetPosition). */
  readonly moduleTexts?: ReadonlyMap<string, string>;
  /** Some module was not read (a symbolic link under modules/, or modules/ itself one). */
  readonly modulesUnread?: boolean;
  /** A YAML mistake kept course.yaml's `words:` and `brand:` from being read: what they say is unknown. */
  readonly configUnread?: boolean;
  /** Some module's parse said an error (a check never closed, a front matter left open): its questions may be lost. */
  readonly modulesErred?: boolean;
  /** `modules`: each module is its own package (links to other modules are reported). */
  readonly split?: 'none' | 'modules';
}

export function buildModel(config: CourseConfig, parsed: readonly ParsedModule[], assets: readonly string[], given: Report, inputs: ModelInputs = {}): CourseModel {
  // Whether a question may have been lost to an error (a check refused, a directive never closed): the
  // course-wide judgements below would miss it, and "no scored question" would then be wrong advice.
  let erred = false;
  const report: Report = (rule, ...rest) => {
    if (mayLoseQuestions(rule)) erred = true;
    given(rule, ...rest);
  };
  const assetSet = new Set(assets);
  const assetLinks = new Set(inputs.assetLinks ?? []);
  const usedAssets = new Set<string>();
  // Assets a page only links to (a download): shown by no page, so their pixels are not a page's (image-oversized).
  const followedAssets = new Set<string>();
  const shownAssets = new Set<string>();
  /** WebVTT files named as a video's audio description (check-assets.ts words their faults so). */
  const describedAssets = new Set<string>();
  // Every asset a URL names, used or refused: only the others are unused.
  const mentioned = new Set<string>();
  const mention = (asset: string): void => void mentioned.add(asset);
  const pageAssets = new Map<string, Set<string>>();
  const seenModuleIds = new Map<string, string>();

  // Pass 1: the pages of every module, so links can be resolved in pass 2.
  const drafts = parsed.map((m) => {
    const id = m.meta?.id ?? m.name.replace(/^\d+-/, '');
    if (m.meta) {
      const first = seenModuleIds.get(id);
      if (first) report('duplicate-id', m.path, { line: 2, column: 1 }, `Module id \`${id}\` is also used by ${first}`);
      seenModuleIds.set(id, m.path);
    }
    const pages = splitPages(m, id, report);
    if (pages.length === 0) report('module-no-pages', m.path, undefined, 'The module has no pages');
    // Reference definitions are document-wide (CommonMark §4.7): `![chart][c]` on one page, `[c]: …` anywhere
    // in the module, above its first page too (micromark made the reference because the definition exists).
    const { definitions, all: allDefinitions } = collectDefinitions(m.tree);
    return { path: m.path, definitions, allDefinitions, module: { id, name: m.name, title: m.meta?.title ?? m.name, objectives: m.meta?.objectives ?? [], minutes: m.meta?.minutes ?? 0, assessment: m.meta?.assessment ?? false, pages } };
  });

  const anyAssessment = drafts.some((d) => d.module.assessment);
  const checks: CheckModel[] = [];
  const reflections: ReflectionModel[] = [];
  const seenIds = new Map<string, string>();
  /** Element ids the checks and reflections put in the page (element-ids.ts), and whose: one id, one element. */
  const elementIds = new Map<string, { readonly owner: string; readonly part: string; readonly path: string; readonly line: number }>();
  const pagesOf = new Map(drafts.map((d) => [d.module.name, d.module.pages]));
  /** The kinds of check whose own words were asked for already (once a course). */
  const wordsAsked = new Set<string>();

  // Pass 2: the content of every page, as new trees.
  const modules: ModuleModel[] = drafts.map(({ path, definitions, allDefinitions, module }) => {
    const definedLabels = allDefinitions.map((d) => d.label ?? d.identifier);
    const at: NodeReport = (rule, node, message, hint) => report(rule, path, positionOf(node), message, hint);
    /**
     * The first matching or fill-in check of a course in a language without built-in words: its words still
     * English are named there (parse-config.ts leaves them out of `language-words`, for courses without one).
     */
    const askCheckWords = (kind: 'matching' | 'fill-in', node: Node): void => {
      if (wordsAsked.has(kind) || playerWordsFor(config.language).matched) return;
      wordsAsked.add(kind);
      const given = config.words.given?.keys ?? [];
      const missing = (kind === 'matching' ? MATCHING_WORDS : FILL_IN_WORDS).filter((k) => !given.includes(k));
      if (missing.length > 0) {
        at('language-words', node, `The ${kind} check's own words are English in this \`${config.language}\` course: ${missing.map((k) => `\`${k}\``).join(', ')} are not under \`words:\``,
          'Give them under `words:` in course.yaml (docs/authoring.md, Player words).');
      }
    };
    let lines: readonly string[] | undefined;
    const text = inputs.moduleTexts?.get(path);
    /** Reports a fault at characters of a raw HTML node's value, placed in the source (lines split once, when first needed). */
    // HTML pasted from Word puts `class` and `style` on every paragraph: the same refusal a few times,
    // then once more with how many there were, where 40 paragraphs made 120 messages.
    const repeated = new Map<string, { rule: RuleId; count: number; last: Position | undefined; hint: string | undefined }>();
    const atHtml = (node: Html): HtmlReport => (rule, offset, length, message, hint) => {
      lines ??= text === undefined ? undefined : splitLines(text);
      const place = offsetPosition(node, offset, length, lines);
      const same = rule === 'unsafe-html' ? repeated.get(message) : undefined;
      if (same) {
        same.count++;
        same.last = place;
        if (same.count > SAME_HTML_SHOWN) return;
      } else if (rule === 'unsafe-html') repeated.set(message, { rule, count: 1, last: place, hint });
      report(rule, path, place, message, hint);
    };
    const referenced = new Set<Definition>();
    const urls: UrlContext = {
      base: 'modules',
      assets: assetSet,
      assetLinks,
      mention,
      findPage(name, written) {
        // Composed (NFC), as anchors are made: one written decomposed (macOS names files so, and text copied from
        // a file name keeps it) was "no page with the anchor #メンタリングの定義" beside a hint naming the same.
        const anchor = written?.normalize('NFC') ?? null;
        const pages = name === null ? module.pages : pagesOf.get(name);
        if (!pages) return { reason: `there is no module file ${name ?? ''}.md` };
        // A module whose pages were not read (its front matter left open, say) is reported itself: "no page with
        // the anchor #" sent the author looking at the link.
        if (pages.length === 0) return { reason: `${name === null ? 'this module' : 'that module'} has no pages (see its messages) for the link to reach`, hint: 'Give the module its pages (`## Page title` headings); the link then reaches its first page.' };
        // The anchor, or the part of the page id after `--` (what a link to a page titled in another script, or
        // with a letter past a-z, had to name before anchors kept those words): such links still reach the page.
        const byAnchor = anchor ? pages.find((p) => p.slug === anchor) : pages[0];
        const byId = anchor ? pages.find((p) => p.id === `${p.moduleId}--${anchor}`) : undefined;
        // `#page-2` is a page's title anchor (`## Page 2`) and another's old id (the second page titled in Arabic):
        // which one the link meant cannot be told, and it reached the wrong one without a word.
        if (byAnchor && byId && byAnchor !== byId) {
          return { reason: `the anchor #${anchor ?? ''} names two pages: \`${byAnchor.title}\` by its title, and \`${byId.title}\` as links named it before anchors kept the words of its title`, hint: `For \`${byId.title}\`, link #${byId.slug}.` };
        }
        const target = byAnchor ?? byId;
        if (target) return target;
        const known = pages.map((p) => `#${p.slug}`).join(', ');
        return { reason: `no page with the anchor #${anchor ?? ''}`, ...(known ? { hint: `Anchors in that module: ${known}.` } : {}) };
      },
    };
    // A split build makes each module a package of its own, which cannot open another's pages (render-content.ts
    // keeps a link's words and drops the link): said, not silently done.
    const ownPages = new Set(module.pages.map((p) => p.id));
    const isAcross = (page: string): boolean => inputs.split === 'modules' && !ownPages.has(page);
    const acrossPackages = (page: string, node: Node, message: string): void => {
      if (isAcross(page)) at('link-across-packages', node, message);
    };
    const linkCrossing = (what: string, url: string) => `${what} \`${shownUrl(url)}\` goes to another module, a package of its own with --split modules: the link shows as plain text`;
    const pages = module.pages.map((page): PageModel => {
      const useAssetPath = (asset: string) => {
        usedAssets.add(asset);
        pageAssets.get(page.id)?.add(asset) ?? pageAssets.set(page.id, new Set([asset]));
      };
      /** The package URL for `url` used as `use`, or null (reported). */
      const useUrl = (url: string, node: Node, what: string, use: UrlUse = 'load', attribute?: string): string | null => {
        const verdict = judgeUrl(url, use, what, urls, attribute);
        if (!verdict.ok) {
          at(verdict.rule, node, verdict.reason, verdict.hint);
          return null;
        }
        if (verdict.kind === 'asset') {
          useAssetPath(verdict.asset);
          (use === 'follow' ? followedAssets : shownAssets).add(verdict.asset);
          if (what === 'Descriptions') describedAssets.add(verdict.asset);
        }
        if (verdict.kind === 'page') acrossPackages(verdict.page, node, linkCrossing(what, url));
        return verdict.url;
      };
      const useAsset = (url: string, node: Node, what: string, attribute?: string): string | null => useUrl(url, node, what, 'load', attribute);
      // A second directive with the same author id was said (claimId): its element ids are the first's, not news.
      const claimElementIds = (owner: string, ids: readonly ElementId[], node: Node) => {
        const line = node.position?.start.line ?? 1;
        if (ids.some((e) => elementIds.get(e.id)?.owner === owner)) return;
        for (const { id, part } of ids) {
          const first = elementIds.get(id);
          if (!first) {
            elementIds.set(id, { owner, part, path, line });
            continue;
          }
          const where = first.path === path ? `line ${first.line}` : `${first.path}:${first.line}`;
          at('duplicate-id', node, `${owner[0]?.toUpperCase()}${owner.slice(1)} gives its ${part} the element id \`${id}\`, which ${first.owner} (${where}) gives its ${first.part}: the player would find the wrong one`,
            'Rename one of the two, so that neither id is the other with a word added before or after it.');
          return;
        }
      };
      const claimId = (id: string, node: Node) => {
        const first = seenIds.get(id);
        if (first) at('duplicate-id', node, `Id \`${id}\` is already used at ${first}`);
        else seenIds.set(id, `${path}:${node.position?.start.line ?? 1}`);
      };
      // `review=` names a page of the course, judged like a link (judge-url.ts), which must reach a page.
      const resolvePage = (url: string, node: Node): string | null => {
        const verdict = judgeUrl(url, 'follow', 'review=', urls, 'review');
        // `review="Scored questions"` (a page's title) is no file, not an asset out of place: said as a page.
        if (!verdict.ok && (verdict.rule === 'asset-outside-folder' || verdict.rule === 'missing-asset')) {
          at('directive-invalid-attribute', node, `review=${url} is not a page of this course`, 'Name the page the way links do, by its module file and anchor: review="04-trust.md#building-trust".');
          return null;
        }
        if (!verdict.ok) {
          at(verdict.rule, node, verdict.reason, verdict.hint);
          return null;
        }
        if (verdict.kind === 'page') {
          acrossPackages(verdict.page, node, `review=${url} goes to another module, a package of its own with --split modules: the results point to the question's own page instead`);
          return verdict.page;
        }
        at('directive-invalid-attribute', node, `review=${url} is not a page of this course`, 'Link a page the way links do: review="04-trust.md#building-trust".');
        return null;
      };
      let idNumber = 0;
      const directives: DirectiveContext = { page, module, anyAssessment, report: at, useAsset, resolvePage, claimId, nextIdNumber: () => ++idNumber, trueFalse: inputs.configUnread ? null : [config.words.trueOption, config.words.falseOption], matching: { language: config.language, placeholder: config.words.chooseMatch, verdicts: config.words.authorVerdicts } };
      checkPageHtml(page.nodes, inputs.parseHtml, at, atHtml);
      let previousDepth = 2;
      /** A link whose words alone say nothing of where it goes ("click here"), in the course's language. */
      const sayVague = (node: Link | LinkReference): void => {
        const words = toString(node, { includeImageAlt: true }).trim();
        if (isVagueLinkText(words, config.language)) {
          at('link-text-vague', node, `The link says only \`${words}\`: listed on its own, as screen readers list a page's links, it says nothing of where it goes`);
        }
      };
      // Inside a link's words (or a page title), an address is the link's own text, not one to make a link of.
      let inLink = 0;
      const linked = <T,>(read: () => T): T => {
        inLink++;
        try {
          return read();
        } finally {
          inLink--;
        }
      };

      const transform = (node: RootContent): RootContent => {
        switch (node.type) {
          case 'heading':
            if (node.depth === 1) at('heading-level-one', node, 'A `#` heading inside a module');
            else if (node.depth > previousDepth + 1) {
              at('heading-skip', node, `Heading level ${node.depth} follows level ${previousDepth}`, `Use ${'#'.repeat(previousDepth + 1)} here.`);
            }
            previousDepth = node.depth;
            if (isWordless(node)) at('heading-empty', node, 'The heading has no words');
            return withChildren(node, transform);
          case 'paragraph':
            // A directive or heading line that pasted text made plain text: the check, the video or the page
            // would vanish without a word (find-unparsed-lines.ts).
            for (const line of findUnparsedLines(node)) {
              lines ??= text === undefined ? undefined : splitLines(text);
              const where = offsetPosition(line.node, line.offset, line.length, lines);
              if (line.kind === 'directive') report('directive-unparsed', path, where, `This line starts like a directive but is not read as one (${line.why}): it shows as text, and what it holds as ordinary content`, line.hint);
              else if (line.kind === 'mid-line') report('directive-unparsed', path, where, `\`${line.why}…\` comes after other text on its line, where Markdown reads it as text: it shows as typed`, 'Put the directive on a line of its own, with a blank line before it.');
              else if (line.kind === 'list') report('list-unparsed', path, where, `This line starts like a list item but is not read as one (${line.why})`, line.hint);
              else if (line.kind === 'table') report('table-unparsed', path, where, `This looks like a table but is not read as one (${line.why}): the rows run together as one paragraph`);
              else report('heading-unparsed', path, where, `This line starts like a heading but is not read as one (${line.why}): it shows as text, and no page or section starts here`, line.hint);
            }
            return withChildren(node, transform);
          case 'text': {
            // Syntax of other tools and pasted marks that show as typed (find-typed-syntax.ts); an address
            // inside a link is the link's.
            for (const found of findTypedSyntax(node.value, inLink > 0, definedLabels)) {
              lines ??= text === undefined ? undefined : splitLines(text);
              // Brackets written escaped (`\[Ctrl\]`) or as `&#91;` are text on purpose: the source differs there.
              if (found.rule === 'reference-undefined' && !writtenAsIs(node, found, lines)) continue;
              report(found.rule, path, offsetPosition(node, found.index, found.length, lines), found.reason, found.hint);
            }
            return node;
          }
          case 'code': {
            // ```mermaid (GitHub, Obsidian and Notion draw it): here it shows as its code.
            if (node.lang && DIAGRAM_LANGUAGES.has(node.lang.toLowerCase())) {
              at('diagram-code', node, `This \`\`\`${node.lang} block is a diagram's code, which coursepack does not draw: learners see the code`);
            }
            // Four spaces or a tab before a paragraph make it code (CommonMark §4.4): in a course, an indented
            // paragraph far more often than a program, shown in a box, in a typewriter font, Markdown and all.
            lines ??= text === undefined ? undefined : splitLines(text);
            const first = node.position ? lines?.[node.position.start.line - 1] : undefined;
            if (first !== undefined && !/^[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])?[ \t]*(?:```|~~~)/.test(first)) {
              at('code-indented', node, 'This text is indented by four spaces (or a tab), which makes it a code block: it shows in a box, in a typewriter font, as typed');
            }
            return node;
          }
          case 'html':
            return modelHtml(node, inputs.parseHtml, urls, atHtml(node), (asset, shown) => {
              // Shown (`<img>`, a poster) or only linked (`<a href>`), as a Markdown image or link: an SVG an
              // `<a>` opens on its own loads its files (svg-external-file is for SVGs shown as pictures).
              (shown ? shownAssets : followedAssets).add(asset);
              useAssetPath(asset);
            }, (link) => {
              // `<a href="02-trust.md">` as a Markdown link: split, the words stay and the link goes (render-content.ts).
              if (isAcross(link.page)) atHtml(node)('link-across-packages', link.offset, link.length, linkCrossing('Link', link.url));
            });
          case 'image':
            return modelImage(node, at, useAsset);
          case 'link':
            if (isWordless(node)) at('link-text-missing', node, `The link to \`${node.url.length > 60 ? `${node.url.slice(0, 57)}...` : node.url}\` has no words`);
            else sayVague(node);
            return modelLink(linked(() => withChildren(node, transform)), useUrl);
          case 'imageReference':
          case 'linkReference': {
            if (node.type === 'linkReference' && isWordless(node)) at('link-text-missing', node, `The link \`[${node.label ?? node.identifier}]\` has no words`);
            else if (node.type === 'linkReference') sayVague(node);
            const definition = definitions.get(node.identifier);
            if (definition) referenced.add(definition);
            return modelReference(node.type === 'linkReference' ? linked(() => withChildren(node, transform)) : node, definitions, at, useUrl);
          }
          case 'blockquote': {
            // `> [!NOTE]` (GitHub's alerts, Obsidian's callouts): a quotation that starts with `[!NOTE]` here.
            const first = node.children[0]?.type === 'paragraph' ? node.children[0].children[0] : undefined;
            const alert = first?.type === 'text' ? ALERT.exec(first.value) : null;
            if (first && alert) {
              const name = (alert[1] as string).toLowerCase();
              const kind = ALERT_KINDS[name] ?? 'note';
              const title = name.charAt(0).toUpperCase() + name.slice(1);
              at('alert-unsupported', first, `\`${alert[0]}\` opens a GitHub alert (an Obsidian callout), which coursepack does not read: it shows as a quotation starting with \`${alert[0]}\``,
                `Write it as a callout: \`:::callout[${title}]{kind=${kind}}\`, its text, then \`:::\` on a line of its own (docs/authoring.md, Callouts).`);
            }
            return withChildren(node, transform);
          }
          case 'delete': {
            // `H~2~O`: Pandoc's subscript; GFM reads one tilde on each side as strikethrough, so the 2 showed struck out.
            const start = node.position?.start;
            lines ??= text === undefined ? undefined : splitLines(text);
            const source = start ? lines?.[start.line - 1] : undefined;
            const column = (start?.column ?? 1) - 1;
            const inner = toString(node);
            if (source !== undefined && source[column] === '~' && source[column + 1] !== '~' && /[A-Za-z0-9\u00c0-\u024f\u0370-\u1fff)]/.test(source[column - 1] ?? ' ') && /^\S{1,10}$/.test(inner)) {
              at('subscript-unsupported', node, `\`${source.slice(column, column + inner.length + 2)}\` strikes \`${inner}\` through (GitHub Markdown reads one tilde so), where a subscript looks meant`,
                `Write a subscript as H<sub>2</sub>O; for a line through the text, two tildes: ~~like this~~.`);
            }
            return withChildren(node, transform);
          }
          case 'thematicBreak': {
            // `  ------- ------` under a line of words: the header rule of a Pandoc simple table (`pandoc -t
            // markdown` from Word). CommonMark reads the dashes as a line across the page, the rows as text.
            lines ??= text === undefined ? undefined : splitLines(text);
            const row = node.position ? node.position.start.line - 1 : -1;
            const dashes = lines?.[row];
            if (dashes !== undefined && SIMPLE_TABLE_RULE.test(dashes) && !isBlankLine(lines?.[row - 1]) && !isBlankLine(lines?.[row + 1])) {
              at('table-unparsed', node, 'This looks like a table but is not read as one (a Pandoc simple table, columns lined up with spaces over dashes): the header and rows show as text, with a line across the page between them',
                'Write it as a Markdown table: a header row `| Name | Role |`, then `|---|---|`, then one `| … | … |` line per row (`pandoc -t gfm` converts Word tables so).');
            }
            return node;
          }
          case 'containerDirective':
          case 'leafDirective':
          case 'textDirective': {
            // Children first (links, images and raw HTML inside checks and callouts), then the directive
            // reads the new children, so its model holds resolved content.
            const inner = withChildren(node, transform);
            const read = readDirective(inner, directives);
            if (read === null) return inner;
            if (read.type === 'coursepackCheck') checks.push(read.model);
            if (read.type === 'coursepackCheck' && (read.model.type === 'matching' || read.model.type === 'fill-in')) askCheckWords(read.model.type, inner);
            if (read.type === 'coursepackReflection') reflections.push(read.model);
            if (read.type === 'coursepackCheck') claimElementIds(`check \`${read.model.id}\``, idsOfCheck(read.model), inner);
            if (read.type === 'coursepackReflection') claimElementIds(`reflection \`${read.model.id}\``, idsOfReflection(read.model), inner);
            return read as RootContent;
          }
          default:
            return withChildren(node, transform);
        }
      };
      // The page title is checked like any text of the page (its raw HTML, its URLs), and holds no link or image.
      checkPageTitle(page.heading, inputs.parseHtml, at, atHtml);
      // A title may hold no link (page-title-content), so an address in it is not one to make a link of.
      const heading = linked(() => withChildren(page.heading, transform));
      const title = titleOf(heading);
      if (isBlank(title)) at('heading-empty', page.heading, 'The page has no title: it would be an empty link in the contents and an unnamed page in the LMS');
      if (title.length > MAX_TITLE) at('title-too-long', page.heading, `The page title has ${title.length} characters; the limit is ${MAX_TITLE}`);
      if (!page.nodes.some(isContent)) at('empty-page', page.heading, `Page "${title}" has no content`);
      return { ...page, title, heading, nodes: mapShared(page.nodes, transform) };
    });
    // A definition nothing refers to (or a second one of a label, which CommonMark ignores) renders nothing,
    // but it is what the author wrote, and the next edit may refer to it: its URL is judged as a link's, and
    // the author hears it is unused.
    for (const definition of allDefinitions) {
      if (referenced.has(definition)) continue;
      const label = definition.label ?? definition.identifier;
      const second = definitions.get(definition.identifier) !== definition;
      at('definition-unused', definition, second
        ? `\`[${label}]\` is defined again; the first definition, on line ${definitions.get(definition.identifier)?.position?.start.line ?? '?'}, is the one used`
        : `\`[${label}]\` is defined but nothing refers to it`);
      const verdict = judgeUrl(definition.url, 'follow', `Definition [${label}]`, urls);
      if (!verdict.ok) at(verdict.rule, definition, verdict.reason, verdict.hint);
    }
    for (const [message, same] of repeated) {
      if (same.count > SAME_HTML_SHOWN) report(same.rule, path, same.last, `${same.count - SAME_HTML_SHOWN} more times in this module, the last here: ${message}`, same.hint);
    }
    return { ...module, pages };
  });

  // The logo is in the header of every page, so every page uses it: it is checked like any asset a page
  // uses, and it and what it uses (an SVG's own images) go into every package (parse-config.ts reported it
  // when it does not exist).
  const logo = config.brand.logo;
  if (logo !== null && assetSet.has(logo)) {
    usedAssets.add(logo);
    for (const page of modules.flatMap((m) => m.pages)) pageAssets.get(page.id)?.add(logo) ?? pageAssets.set(page.id, new Set([logo]));
  }
  // SVG and HTML assets are held to the raw-HTML rules; what they use goes into the package with them.
  const linkedOnly = new Set([...followedAssets].filter((a) => !shownAssets.has(a)));
  const shown = logo !== null && assetSet.has(logo) ? new Set([...shownAssets, logo]) : shownAssets;
  const checked = checkAssets({ assets: assetSet, assetLinks, files: inputs.assetFiles ?? new Map(), parseHtml: inputs.parseHtml ?? null, mention, linkedOnly, shown, descriptions: describedAssets }, usedAssets, pageAssets, report);
  // A package carries only the assets in use: a file nothing names (a handout never linked, a photo whose
  // image line was deleted) would otherwise be missing from the course without a word. Not said when some
  // module was not read (a link, not followed), nor when an SVG or HTML asset was refused before its own
  // references were read (its encoding): what they name is unknown, and the author would hear that files
  // they use are unused.
  // A pass mark with no scored question to apply it to: the player completes the course by its pages and the LMS
  // hears only `completed`, never passed or failed, and with `pages: none` nothing completes it at all. Not said
  // when a module was not read (its questions are unknown).
  const { passMark, passMarkAt, allPages } = config.completion;
  if (!inputs.modulesUnread && !erred && !inputs.modulesErred && passMark !== null && !checks.some((c) => c.scored)) {
    const assessments = modules.filter((m) => m.assessment).map((m) => `\`${m.id}\``);
    const where = assessments.length > 0 ? `the assessment module${assessments.length > 1 ? 's' : ''} ${assessments.join(', ')} ${assessments.length > 1 ? 'have' : 'has'} no question` : 'no module has a question';
    if (allPages) {
      report('pass-mark-unused', COURSE_CONFIG_FILE, passMarkAt, `\`completion.passMark\` is ${passMark}, but ${where}: no one passes or fails, and the LMS hears only completed`);
    } else {
      report('course-config-invalid', COURSE_CONFIG_FILE, passMarkAt, `The course can never be completed: \`pages: none\`, and \`completion.passMark\` ${passMark} has no question to apply to (${where})`,
        'Add a scored question (`:::check{#id}` in a module with `assessment: true`), or use `pages: all`.');
    }
  }
  // Nor when course.yaml was not read past a YAML mistake: its `brand.logo` is unknown.
  if (!inputs.modulesUnread && !inputs.configUnread && !checked.unread) {
    for (const asset of assets) {
      if (!usedAssets.has(asset) && !mentioned.has(asset)) report('asset-unused', asset, undefined, `\`${asset}\` is used by no page, so it is left out of the package`);
    }
  }
  return { config, modules, checks, reflections, assets: [...usedAssets].sort(), pageAssets };
}

/** The same raw HTML refusal shown this many times in a module; the rest are counted in one more message. */
const SAME_HTML_SHOWN = 3;

/** Code blocks that GitHub, Obsidian or Notion draw as diagrams. */
const DIAGRAM_LANGUAGES = new Set(['mermaid', 'plantuml', 'graphviz', 'dot', 'flowchart']);

/** `[!NOTE]` at the start of a quotation, `[!tip]-` folded (Obsidian). */
const ALERT = /^\[!([A-Za-z][\w-]*)\][+-]?/;

/** The callout kind nearest each of GitHub's alerts and Obsidian's usual callouts; others are notes. */
const ALERT_KINDS: Readonly<Record<string, CalloutKind>> = { note: 'note', info: 'note', important: 'note', tip: 'tip', hint: 'tip', example: 'example', warning: 'warning', caution: 'warning', danger: 'warning' };

/** A Pandoc simple table's line of dashes: two groups of dashes or more, apart by spaces (`------- ------`). */
const SIMPLE_TABLE_RULE = /^[ \t]{0,3}-{2,}(?:[ \t]+-{2,})+[ \t]*$/;

function isBlankLine(line: string | undefined): boolean {
  return line === undefined || line.trim() === '';
}

/**
 * Raw HTML nodes are parsed one by one here but as one stream at render time (hast-util-raw), where 6,000
 * inline `<span>`s nest 6,000 deep and overflow the renderer's stack: measure the page's HTML together.
 * In the same stream, a `<video>` opened in one piece of HTML and closed in a later one (inline HTML in a
 * paragraph is a piece per tag: `<video src="…" controls><track kind="captions" …></video>`) is checked for
 * captions whole; the piece that opens it could not see its tracks (check-raw-html.ts leaves it here).
 */
function checkPageHtml(nodes: readonly RootContent[], parseHtml: ParseHtml | null | undefined, at: NodeReport, atHtml: (node: Html) => HtmlReport): void {
  const html: Html[] = [];
  const stack: Node[] = [...nodes].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type === 'html') html.push(node as Html);
    if ('children' in node) stack.push(...[...(node as Parent).children].reverse());
  }
  const videos = html.some((h) => /<video[\s/>]/i.test(h.value));
  if (!parseHtml || html.length === 0 || (html.length < 2 && !videos)) return;
  const tree = parseDeepHtml(parseHtml, html.map((h) => h.value).join(''), true);
  if (html.length >= 2 && (!tree || findTooDeep(tree))) at('content-too-deep', html[0], `The HTML of this page nests more than ${MAX_DEPTH} elements deep`);
  if (!tree || !videos) return;
  // Where each piece starts in the stream.
  const starts: number[] = [];
  let offset = 0;
  for (const h of html) {
    starts.push(offset);
    offset += h.value.length;
  }
  const elements: HastNode[] = [...tree.children];
  for (let e = elements.pop(); e !== undefined; e = elements.pop()) {
    if (e.type !== 'element') continue;
    elements.push(...e.children);
    const position = (e.data as { position?: { opening?: { start: { offset?: number }; end: { offset?: number } }; closing?: { start: { offset?: number } } } } | undefined)?.position;
    const start = position?.opening?.start.offset;
    if (e.tagName !== 'video' || start === undefined || hasCaptions(e)) continue;
    let piece = starts.length - 1;
    while (piece > 0 && (starts[piece] as number) > start) piece--;
    const end = (starts[piece] as number) + (html[piece] as Html).value.length;
    // Closed inside its own piece: that piece's check said it (check-raw-html.ts).
    const closing = position?.closing?.start.offset;
    if (closing !== undefined && closing < end) continue;
    const length = Math.max(1, (position?.opening?.end.offset ?? start + 1) - start);
    atHtml(html[piece] as Html)('media-no-captions', start - (starts[piece] as number), length, VIDEO_NO_CAPTIONS.message, VIDEO_NO_CAPTIONS.hint);
  }
}

/** The errors after which a question the author wrote may not be in the model: its check, or what holds it, refused. */
export function mayLoseQuestions(rule: RuleId): boolean {
  return RULES[rule][0] === 'error' && /^(check-|directive-|unknown-directive|empty-directive|html-not-closed|front-matter-|module-|content-)/.test(rule);
}

/** Whether the text found at `found` stands in the source as it is in the text value (no escape or reference in it). */
function writtenAsIs(node: Text, found: { readonly index: number; readonly length: number }, lines: readonly string[] | undefined): boolean {
  const where = offsetPosition(node, found.index, found.length, lines);
  if (!where || !lines || where.start.line !== where.end.line) return true;
  const line = lines[where.start.line - 1] ?? '';
  return line.slice(where.start.column - 1, where.end.column - 1) === node.value.slice(found.index, found.index + found.length);
}

/** The definitions of a module: by label, the first of each (CommonMark §4.7), and all of them in order. */
function collectDefinitions(tree: Root): { readonly definitions: ReadonlyMap<string, Definition>; readonly all: readonly Definition[] } {
  const definitions = new Map<string, Definition>();
  const all: Definition[] = [];
  const walk = (node: Node): void => {
    if (node.type === 'definition') {
      const definition = node as Definition;
      all.push(definition);
      if (!definitions.has(definition.identifier)) definitions.set(definition.identifier, definition);
    }
    if ('children' in node) for (const child of (node as Parent).children) walk(child);
  };
  walk(tree);
  return { definitions, all };
}

/**
 * What a page title may hold: text and inline formatting (emphasis, code, simple HTML tags). The title is
 * also the page's link in the contents (a link inside a link is not HTML), its name in the LMS and in xAPI
 * statements, all plain text: a link or an image there could only be dropped or shown as its text.
 */
function checkPageTitle(heading: Heading, parseHtml: ParseHtml | null | undefined, at: NodeReport, atHtml: (node: Html) => HtmlReport): void {
  const stack: Node[] = [...heading.children];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type === 'link' || node.type === 'linkReference') at('page-title-content', node, `A link in a page title ${TITLE_IS_TEXT}`);
    else if (node.type === 'image' || node.type === 'imageReference') at('page-title-content', node, `An image in a page title ${TITLE_IS_TEXT}`);
    else if (node.type === 'html' && parseHtml) {
      const tree = parseDeepHtml(parseHtml, (node as Html).value, true);
      const elements: HastNode[] = tree ? [...tree.children] : [];
      for (let e = elements.pop(); e !== undefined; e = elements.pop()) {
        if (e.type !== 'element') continue;
        if (TITLE_REFUSED.has(e.tagName) && e.position?.start.offset !== undefined) {
          atHtml(node as Html)('page-title-content', e.position.start.offset, e.tagName.length + 1, `\`<${e.tagName}>\` in a page title ${TITLE_IS_TEXT}`);
        }
        elements.push(...e.children);
      }
    }
    if ('children' in node) stack.push(...(node as Parent).children);
  }
}

const TITLE_IS_TEXT = '(the title is also the page\'s link in the contents and its name in the LMS, which are text)';
/** Raw HTML elements that are links, images or media: not in a page title (checkPageTitle). */
const TITLE_REFUSED = new Set(['a', 'img', 'picture', 'video', 'audio']);

/** The page title as the contents, the LMS and xAPI show it: the heading's text, without its HTML tags. */
function titleOf(heading: Heading): string {
  return toString(heading, { includeHtml: false }).trim();
}

/** A reference as the link or image it stands for, its URL judged like any other (it was never checked before). */
function modelReference(
  node: ImageReference | LinkReference,
  definitions: ReadonlyMap<string, Definition>,
  at: NodeReport,
  useUrl: (url: string, node: Node, what: string, use?: UrlUse) => string | null,
): RootContent {
  const definition = definitions.get(node.identifier);
  // micromark makes a reference only when its definition exists; without one it is plain text already.
  if (!definition) return node;
  const where = definition.position ? ` (defined on line ${definition.position.start.line})` : '';
  const position = node.position ? { position: node.position } : {};
  if (node.type === 'imageReference') {
    const image: Image = { type: 'image', url: definition.url, title: definition.title ?? null, alt: node.alt ?? '', ...position };
    return modelImage(image, at, (url, n, what) => useUrl(url, n, `${what}${where}`));
  }
  const link: Link = { type: 'link', url: definition.url, title: definition.title ?? null, children: node.children, ...position };
  return modelLink(link, (url, n, what, use) => useUrl(url, n, `${what}${where}`, use));
}

/** Reports a fault at `length` characters at `offset` in a raw HTML node's value. */
type HtmlReport = (rule: RuleId, offset: number, length: number, message: string, hint?: string) => void;

/** Raw HTML checked on a real parse, its URLs rewritten to what the package holds. */
function modelHtml(
  node: Html,
  parseHtml: ParseHtml | null | undefined,
  urls: UrlContext,
  problem: HtmlReport,
  useAssetPath: (asset: string, shown: boolean) => void,
  linkedPage: (link: HtmlCheck['pages'][number]) => void,
): Html {
  if (!parseHtml) throw new Error('internal: raw HTML without the HTML parser (build-course.ts loads it when any module has HTML)');
  const tree = parseDeepHtml(parseHtml, node.value, true);
  if (!tree) {
    problem('content-too-deep', 0, 1, 'The HTML nests too deeply to be read');
    return node;
  }
  // What the HTML loads (`<img src>`, `<video poster>`), apart from what it only links to (`<a href>`).
  const loaded = new Set<string>();
  const result = checkHtml(node.value, tree, 'markdown', (url, use, what) => {
    const verdict = judgeUrl(url, use, what, urls);
    if (verdict.ok && verdict.kind === 'asset' && use === 'load') loaded.add(verdict.asset);
    return verdict;
  });
  for (const p of result.problems) problem(p.rule, p.offset, p.length, p.message, p.hint);
  // Rewritten whatever was reported: a URL refused is left as written (and the error stops the build), every
  // other one is the package's. Returning the HTML as written on any problem shipped a raw `<audio>` (always
  // warned about: its transcript is not visible to coursepack) or an uncaptioned `<video>` with its `src`
  // still pointing at ../assets/, which rendering then drops as outside the package: a silent, dead player.
  for (const asset of result.assets) useAssetPath(asset, loaded.has(asset));
  for (const link of result.pages) linkedPage(link);
  return result.rewritten === null ? node : { ...node, value: result.rewritten };
}

/** `node` with its children transformed: the same object when none changed (structural sharing). */
function withChildren<N extends RootContent>(node: N, transform: (child: RootContent) => RootContent): N {
  if (!('children' in node)) return node;
  const children = (node as Parent).children as RootContent[];
  const next = mapShared(children, transform);
  return next === children ? node : { ...node, children: next };
}

function mapShared<T>(items: readonly T[], transform: (item: T) => T): readonly T[] {
  let changed = false;
  const next = items.map((item) => {
    const out = transform(item);
    if (out !== item) changed = true;
    return out;
  });
  return changed ? next : items;
}

function splitPages(m: ParsedModule, moduleId: string, report: Report): PageModel[] {
  const pages: { id: string; moduleId: string; title: string; slug: string; heading: Heading; nodes: RootContent[] }[] = [];
  const slugs = new Set<string>();
  const idSlugs = new Set<string>();
  let reportedOrphan = false;
  for (const node of (m.tree as Root).children) {
    if (node.type === 'heading' && node.depth === 2) {
      // `Text` with `---` under it (CommonMark §4.3, a setext heading): a line across the page was meant far
      // more often than a page, and a page began there without a word. (`===` is level one, an error.)
      if (node.position && node.position.end.line > node.position.start.line) {
        const underline = { line: node.position.end.line, column: 1 };
        report('heading-setext', m.path, { start: underline, end: node.position.end }, `The line of dashes under \`${toString(node).trim().slice(0, 50)}\` makes that text a page title: a new page starts there`);
      }
      // The page id in resume data and xAPI IRIs comes from the heading as typed, markup included, as it always
      // has (pageIdSlug): a new id would cut published courses off from their learners' records. The anchor
      // links name it by keeps the words of any script (slugify). The title shown is made in pass 2 (titleOf).
      const typed = toString(node).trim();
      let idSlug = pageIdSlug(typed);
      for (let n = 2; idSlugs.has(idSlug); n++) idSlug = `${pageIdSlug(typed)}-${n}`;
      idSlugs.add(idSlug);
      let slug = slugify(typed);
      // Two pages alike: the contents list shows two the same, and a link to the anchor reaches the first.
      if (slugs.has(slug)) {
        const earlier = pages.find((p) => p.slug === slug)?.title ?? typed;
        report('page-title-duplicate', m.path, positionOf(node), earlier === typed
          ? `An earlier page of this module has the title \`${typed}\`: the contents show two pages alike, and a link to #${slug} reaches the first`
          : `The title \`${typed}\` makes the anchor #${slug}, as the earlier page \`${earlier}\` does: a link to #${slug} reaches that one`);
      }
      for (let n = 2; slugs.has(slug); n++) slug = `${slugify(typed)}-${n}`;
      slugs.add(slug);
      pages.push({ id: `${moduleId}--${idSlug}`, moduleId, title: typed, slug, heading: node, nodes: [] });
      continue;
    }
    const page = pages.at(-1);
    if (page) page.nodes.push(node);
    else if (node.type === 'heading' && node.depth === 1) {
      report('heading-level-one', m.path, positionOf(node), 'A `#` heading inside a module');
    } else if (isContent(node) && !reportedOrphan) {
      reportedOrphan = true;
      report('content-before-page', m.path, positionOf(node), 'Content before the first `##` page heading');
    }
  }
  return pages;
}

function modelImage(node: Image, at: NodeReport, useAsset: (url: string, node: Node, what: string) => string | null): Image {
  // In any case: `"Decorative"` is as plainly meant, and was "no alt text".
  const decorative = node.alt === '' && node.title?.trim().toLowerCase() === 'decorative';
  if (!node.alt?.trim() && !decorative) at('image-alt-missing', node, `Image \`${shownUrl(node.url)}\` has no alt text`);
  const empty = node.alt ? emptyAltText(node.alt, node.url) : undefined;
  if (empty !== undefined && node.alt) at('image-alt-meaningless', node, `The alt text of \`${shownUrl(node.url)}\`, \`${node.alt.trim()}\`, ${empty}: a screen reader reads it out as the image's description`);
  const url = useAsset(node.url, node, 'Image') ?? node.url;
  return url === node.url && !decorative ? node : { ...node, url, title: decorative ? null : (node.title ?? null) };
}

/** A link with its target resolved: a page of the course (`#page-…` and `data-page`), an asset or the web. */
function modelLink(node: Link, useUrl: (url: string, node: Node, what: string, use?: UrlUse) => string | null): Link {
  const resolved = useUrl(node.url, node, 'Link', 'follow');
  if (resolved === null || resolved === node.url) return node;
  const page = /^#page-(.+)$/.exec(resolved)?.[1];
  return page === undefined ? { ...node, url: resolved } : { ...node, url: resolved, data: { ...node.data, hProperties: { dataPage: page } } };
}
