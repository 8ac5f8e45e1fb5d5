/**
 * Stage 3: parsed modules → the course model: pages, knowledge checks, reflections, the assets in use.
 * Every author mistake found on the way is reported; the model is only used when there are no errors.
 */
import type { Heading, Html, Link, ListItem, Node, Paragraph, Parent, Root, RootContent } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import { toString } from 'mdast-util-to-string';
import { visit, SKIP } from 'unist-util-visit';
import type { CheckType } from '../shared/course-data.js';
import { CHECK_TYPES } from '../shared/course-data.js';
import { checkRawHtml } from './check-raw-html.js';
import type { Diagnostics, Place } from './diagnostics.js';
import type { CourseSource } from './load-course.js';
import type { CourseConfig } from './parse-config.js';
import { MAX_TITLE } from './parse-config.js';
import type { ParsedModule } from './parse-module.js';
import { resolveUrl, slugify } from './resolve-url.js';

export interface PageModel {
  readonly id: string;
  readonly moduleId: string;
  readonly title: string;
  readonly slug: string;
  readonly heading: Heading;
  readonly nodes: RootContent[];
}

export interface ModuleModel {
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly objectives: readonly string[];
  readonly minutes: number;
  readonly assessment: boolean;
  readonly pages: PageModel[];
}

export interface OptionModel {
  readonly correct: boolean;
  /** The option's first paragraph. */
  readonly label: RootContent;
  readonly feedback: RootContent[];
}

export interface CheckModel {
  readonly id: string;
  readonly pageId: string;
  readonly type: CheckType;
  readonly scored: boolean;
  readonly stem: RootContent[];
  readonly options: OptionModel[];
}

export interface ReflectionModel {
  readonly id: string;
  readonly pageId: string;
  readonly prompt: RootContent[];
}

export interface CalloutModel {
  readonly kind: CalloutKind;
  readonly title: string | null;
  readonly body: RootContent[];
}

export interface MediaModel {
  readonly kind: 'video' | 'audio';
  readonly src: string;
  readonly title: string | null;
  readonly captions: string | null;
  readonly transcript: string | null;
}

export interface CourseModel {
  readonly config: CourseConfig;
  readonly modules: ModuleModel[];
  readonly checks: CheckModel[];
  readonly reflections: ReflectionModel[];
  /** Directive nodes → what they stand for, read by the renderer. */
  readonly directives: WeakMap<Node, CheckModel | ReflectionModel | CalloutModel | MediaModel>;
  /** Package paths of the assets the pages use (`assets/…`), sorted. */
  readonly assets: string[];
  /** Page id → the assets that page uses, so a split package carries only its own. */
  readonly pageAssets: ReadonlyMap<string, ReadonlySet<string>>;
}

export const CALLOUT_KINDS = ['note', 'tip', 'example', 'warning'] as const;
export type CalloutKind = (typeof CALLOUT_KINDS)[number];
const DIRECTIVE_ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
// SCORM12.md §1: ASCII names without spaces or special characters; several LMSs break on others.
const SAFE_SEGMENT = /^[A-Za-z0-9._-]+$/;
const MAX_OPTIONS = 26; // SCORM 1.2 choice responses are single characters a-z (RTE 3.4.2.4.3).

type Directive = ContainerDirective | LeafDirective | TextDirective;

export function buildModel(
  config: CourseConfig,
  parsed: readonly ParsedModule[],
  source: Pick<CourseSource, 'assets'>,
  diags: Diagnostics,
): CourseModel {
  const directives: CourseModel['directives'] = new WeakMap();
  const assetSet = new Set(source.assets);
  const usedAssets = new Set<string>();
  const pageAssets = new Map<string, Set<string>>();
  let currentPage = '';
  const modules: ModuleModel[] = [];
  const files = new Map<string, string>(); // module name → display path
  const seenModuleIds = new Map<string, string>();

  // Pass 1: pages of every module, so links can be resolved in pass 2.
  for (const m of parsed) {
    const display = m.file.display;
    files.set(m.name, display);
    const id = m.meta?.id ?? m.name.replace(/^\d+-/, '');
    if (m.meta) {
      const first = seenModuleIds.get(id);
      if (first) diags.report('duplicate-id', display, { line: 2, column: 1 }, `Module id \`${id}\` is also used by ${first}`);
      seenModuleIds.set(id, display);
    }
    const pages = splitPages(m.tree, id, display, diags);
    if (pages.length === 0) diags.report('module-no-pages', display, undefined, 'The module has no pages');
    modules.push({
      id,
      name: m.name,
      title: m.meta?.title ?? m.name,
      objectives: m.meta?.objectives ?? [],
      minutes: m.meta?.minutes ?? 0,
      assessment: m.meta?.assessment ?? false,
      pages,
    });
  }

  const anyAssessment = modules.some((m) => m.assessment);
  const checks: CheckModel[] = [];
  const reflections: ReflectionModel[] = [];
  const seenIds = new Map<string, string>();
  const pagesOf = new Map(modules.map((m) => [m.name, m.pages]));

  // Pass 2: the content of every page.
  for (const module of modules) {
    const display = files.get(module.name) ?? module.name;
    const report = (rule: Parameters<Diagnostics['report']>[0], node: Node | undefined, message: string, hint?: string) =>
      diags.report(rule, display, placeOf(node), message, hint);

    const useAsset = (url: string, node: Node, what: string): string | null => {
      const r = resolveUrl(url);
      if (r.kind === 'web') {
        report('remote-resource', node, `${what} \`${url}\` is on the web; nothing may load from outside the package`);
        return null;
      }
      if (r.kind === 'data') return r.url;
      if (r.kind === 'unsafe') {
        report('unsafe-html', node, `${what} \`${url}\` uses a URL scheme that is not allowed`);
        return null;
      }
      if (r.kind !== 'asset') {
        report('asset-outside-folder', node, `${what} \`${url}\` is not in the course assets/ folder`);
        return null;
      }
      if (!assetSet.has(r.path)) {
        const other = source.assets.find((a) => a.toLowerCase() === r.path.toLowerCase());
        report('missing-asset', node, `${what} \`${url}\` does not exist`,
          other ? `The file is ${other}: paths are case-sensitive in packages.` : undefined);
        return null;
      }
      if (!r.path.split('/').every((segment) => SAFE_SEGMENT.test(segment))) {
        report('asset-file-name', node, `Asset \`${r.path}\` has a space or a character LMSs do not accept in file names`);
        return null;
      }
      usedAssets.add(r.path);
      pageAssets.get(currentPage)?.add(r.path) ?? pageAssets.set(currentPage, new Set([r.path]));
      return r.path;
    };

    const claimId = (id: string, node: Node) => {
      const first = seenIds.get(id);
      const here = `${display}:${placeOf(node)?.line ?? 1}`;
      if (first) report('duplicate-id', node, `Id \`${id}\` is already used at ${first}`);
      else seenIds.set(id, here);
    };

    for (const page of module.pages) {
      currentPage = page.id;
      const root: Root = { type: 'root', children: page.nodes };
      if (!page.nodes.some(isContent)) report('empty-page', page.heading, `Page "${page.title}" has no content`);
      let previousDepth = 2;

      visit(root, (node, index, parent) => {
        switch (node.type) {
          case 'heading': {
            if (node.depth === 1) report('heading-level-one', node, 'A `#` heading inside a module');
            else if (node.depth > previousDepth + 1) {
              report('heading-skip', node, `Heading level ${node.depth} follows level ${previousDepth}`,
                `Use ${'#'.repeat(previousDepth + 1)} here.`);
            }
            previousDepth = node.depth;
            return;
          }
          case 'html': {
            for (const problem of checkRawHtml(node.value)) {
              diags.report('unsafe-html', display, offsetPlace(node, problem.offset), problem.message);
            }
            return;
          }
          case 'image': {
            const decorative = node.alt === '' && node.title === 'decorative';
            if (!node.alt?.trim() && !decorative) report('image-alt-missing', node, `Image \`${node.url}\` has no alt text`);
            if (decorative) node.title = null;
            const resolved = useAsset(node.url, node, 'Image');
            if (resolved) node.url = resolved;
            return;
          }
          case 'link': {
            resolveLink(node, module, report, pagesOf, useAsset);
            return;
          }
          case 'containerDirective':
          case 'leafDirective':
          case 'textDirective': {
            const model = readDirective(node, page, module, anyAssessment, report, useAsset, claimId, parent, index);
            if (model === 'text') return [SKIP, index ?? 0];
            if (model) {
              directives.set(node, model);
              if ('options' in model) checks.push(model);
              else if ('prompt' in model) reflections.push(model);
            }
            // Directive content is visited too (links, images, raw HTML inside checks and callouts).
            return;
          }
          default:
            return;
        }
      });
    }
  }

  return { config, modules, checks, reflections, directives, assets: [...usedAssets].sort(), pageAssets };
}

function splitPages(tree: Root, moduleId: string, display: string, diags: Diagnostics): PageModel[] {
  const pages: PageModel[] = [];
  const slugs = new Set<string>();
  let reportedOrphan = false;
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth === 2) {
      const title = toString(node).trim();
      if (title.length > MAX_TITLE) {
        diags.report('title-too-long', display, placeOf(node), `The page title has ${title.length} characters; the limit is ${MAX_TITLE}`);
      }
      let slug = slugify(title);
      for (let n = 2; slugs.has(slug); n++) slug = `${slugify(title)}-${n}`;
      slugs.add(slug);
      pages.push({ id: `${moduleId}--${slug}`, moduleId, title, slug, heading: node, nodes: [] });
      continue;
    }
    const page = pages.at(-1);
    if (page) page.nodes.push(node);
    else if (node.type === 'heading' && node.depth === 1) {
      diags.report('heading-level-one', display, placeOf(node), 'A `#` heading inside a module');
    } else if (isContent(node) && !reportedOrphan) {
      reportedOrphan = true;
      diags.report('content-before-page', display, placeOf(node), 'Content before the first `##` page heading');
    }
  }
  return pages;
}

/** Definitions and HTML comments are not visible content. */
function isContent(node: RootContent): boolean {
  if (node.type === 'definition') return false;
  if (node.type === 'html') return node.value.replace(/<!--[\s\S]*?-->/g, '').trim() !== '';
  return true;
}

type Report = (rule: Parameters<Diagnostics['report']>[0], node: Node | undefined, message: string, hint?: string) => void;

function resolveLink(
  node: Link,
  module: ModuleModel,
  report: Report,
  pagesOf: ReadonlyMap<string, readonly PageModel[]>,
  useAsset: (url: string, node: Node, what: string) => string | null,
): void {
  const r = resolveUrl(node.url);
  if (r.kind === 'web') return;
  if (r.kind === 'unsafe' || r.kind === 'data') {
    report('unsafe-html', node, `Link \`${node.url}\` uses a URL scheme that is not allowed`);
    return;
  }
  if (r.kind === 'page') {
    const pages = r.module === null ? module.pages : pagesOf.get(r.module);
    if (!pages) {
      report('broken-link', node, `Link \`${node.url}\`: there is no module file ${r.module}.md`);
      return;
    }
    const target = r.anchor ? pages.find((p) => p.slug === r.anchor) : pages[0];
    if (!target) {
      const known = pages.map((p) => `#${p.slug}`).join(', ');
      report('broken-link', node, `Link \`${node.url}\`: no page with the anchor #${r.anchor ?? ''}`,
        known ? `Anchors in that module: ${known}.` : undefined);
      return;
    }
    node.url = `#page-${target.id}`;
    node.data = { ...node.data, hProperties: { dataPage: target.id } };
    return;
  }
  if (r.kind === 'outside' && r.path.endsWith('.md')) {
    report('broken-link', node, `Link \`${node.url}\` points outside the modules folder`);
    return;
  }
  const resolved = useAsset(node.url, node, 'Link');
  if (resolved) node.url = resolved;
}

function readDirective(
  node: Directive,
  page: PageModel,
  module: ModuleModel,
  anyAssessment: boolean,
  report: Report,
  useAsset: (url: string, node: Node, what: string) => string | null,
  claimId: (id: string, node: Node) => void,
  parent: Parent | undefined,
  index: number | undefined,
): CheckModel | ReflectionModel | CalloutModel | MediaModel | 'text' | null {
  const attributes = node.attributes ?? {};
  const known = (node.type === 'containerDirective' && ['check', 'reflect', 'callout'].includes(node.name)) ||
    (node.type === 'leafDirective' && ['video', 'audio'].includes(node.name));
  if (!known) {
    // `:name` inside prose ("ratio 3:to" or "Note:this") is a text directive by accident: keep it as text.
    if (node.type === 'textDirective' && node.children.length === 0 && Object.keys(attributes).length === 0 && parent && index !== undefined) {
      parent.children.splice(index, 1, { type: 'text', value: `:${node.name}` } as never);
      return 'text';
    }
    const colons = node.type === 'containerDirective' ? ':::' : node.type === 'leafDirective' ? '::' : ':';
    const shape = ['check', 'reflect', 'callout'].includes(node.name) ? ` (write :::${node.name} … ::: on lines of their own)`
      : ['video', 'audio'].includes(node.name) ? ` (write ::${node.name}{src=…} on a line of its own)` : '';
    report('unknown-directive', node, `Unknown directive \`${colons}${node.name}\`${shape}`);
    return null;
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
        report('directive-invalid-attribute', node, `Check type \`${type}\` is not known`, 'Use type=single, type=multiple or type=truefalse.');
      }
      const listAt = body.findIndex((c) => c.type === 'list');
      const stem = listAt < 0 ? body : body.slice(0, listAt);
      const list = body[listAt];
      if (!stem.some(isContent)) report('check-no-question', node, 'The check has no question');
      if (!list || list.type !== 'list') {
        report('check-no-options', node, 'The check has no list of options');
        return null;
      }
      const after = body.slice(listAt + 1).find(isContent);
      if (after) report('check-content-after-options', after, 'Content after the options of a check');
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
        const labels = options.map((o) => toString(o.label).trim().toLowerCase());
        if (labels.length !== 2 || labels[0] !== 'true' || labels[1] !== 'false') {
          report('check-truefalse-options', list, 'True/false options must be `True` then `False`');
        }
      }
      if (!id) return null;
      return {
        id,
        pageId: page.id,
        type: type as CheckType,
        scored: anyAssessment ? module.assessment : true,
        stem,
        options,
      };
    }
    case 'reflect': {
      const id = readId();
      if (!body.some(isContent)) report('empty-directive', node, 'The reflection has no prompt');
      return id ? { id, pageId: page.id, prompt: body } : null;
    }
    case 'callout': {
      const kind = attributes.kind ?? 'note';
      if (!(CALLOUT_KINDS as readonly string[]).includes(kind)) {
        report('directive-invalid-attribute', node, `Callout kind \`${kind}\` is not known`, `Use kind=${CALLOUT_KINDS.join(', kind=')}.`);
        return null;
      }
      if (!body.some(isContent)) report('empty-directive', node, 'The callout is empty');
      return { kind: kind as CalloutKind, title: label ? toString(label).trim() : null, body };
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
      return src ? { kind, src, title: attributes.title ?? null, captions, transcript } : null;
    }
  }
}

function readOption(item: ListItem, report: Report): OptionModel | null {
  if (item.checked === null || item.checked === undefined) {
    report('check-option-marker', item, 'The option has no `[ ]` or `[x]` marker');
    return null;
  }
  const [first, ...rest] = item.children as RootContent[];
  if (!first || first.type !== 'paragraph') {
    report('check-option-marker', item, 'The option has no text after its marker');
    return null;
  }
  // The option is the first line; feedback may follow on the next, indented lines (no blank line needed),
  // which Markdown reads as the same paragraph, so split it at the first line break.
  const { label, more } = splitFirstLine(first);
  const feedback = more ? [more, ...rest] : rest;
  if (!feedback.some(isContent)) report('check-option-no-feedback', item, `Option "${toString(label).slice(0, 40)}" has no feedback`);
  return { correct: item.checked, label, feedback };
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

function placeOf(node: Node | undefined): Place | undefined {
  const start = node?.position?.start;
  return start ? { line: start.line, column: start.column } : undefined;
}

function offsetPlace(node: Html, offset: number): Place | undefined {
  const start = node.position?.start;
  if (!start) return undefined;
  const before = node.value.slice(0, offset).split('\n');
  const line = start.line + before.length - 1;
  const column = before.length === 1 ? start.column + offset : (before.at(-1)?.length ?? 0) + 1;
  return { line, column };
}
