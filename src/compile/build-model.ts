/**
 * Stage 3: parsed modules → the course model: pages, knowledge checks, reflections, the assets in use.
 * Every author mistake found on the way is reported; the model is only used when there are no errors.
 *
 * Pure: the parse trees are read, never changed (the parse cache hands them to the next build). Each page
 * gets a new tree in which links and images carry their resolved URLs and directives are replaced by
 * coursepack nodes carrying their model (model-types.ts); untouched subtrees are shared, not copied.
 */
import type { Heading, Image, Link, Node, Parent, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { isSafePackagePath } from '../shared/package-path.js';
import { checkRawHtml } from './check-raw-html.js';
import type { CourseConfig } from './parse-config.js';
import { MAX_TITLE } from './parse-config.js';
import type { ParsedModule } from './parse-module.js';
import { isContent, offsetPosition, positionOf, type NodeReport } from './mdast-helpers.js';
import type { CheckModel, CourseModel, ModuleModel, PageModel, ReflectionModel } from './model-types.js';
import { readDirective, type DirectiveContext } from './read-directive.js';
import { resolveUrl, slugify } from './resolve-url.js';
import type { Report } from './rules.js';

export function buildModel(config: CourseConfig, parsed: readonly ParsedModule[], assets: readonly string[], report: Report): CourseModel {
  const assetSet = new Set(assets);
  const usedAssets = new Set<string>();
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
    return { path: m.path, module: { id, name: m.name, title: m.meta?.title ?? m.name, objectives: m.meta?.objectives ?? [], minutes: m.meta?.minutes ?? 0, assessment: m.meta?.assessment ?? false, pages } };
  });

  const anyAssessment = drafts.some((d) => d.module.assessment);
  const checks: CheckModel[] = [];
  const reflections: ReflectionModel[] = [];
  const seenIds = new Map<string, string>();
  const pagesOf = new Map(drafts.map((d) => [d.module.name, d.module.pages]));

  // Pass 2: the content of every page, as new trees.
  const modules: ModuleModel[] = drafts.map(({ path, module }) => {
    const at: NodeReport = (rule, node, message, hint) => report(rule, path, positionOf(node), message, hint);
    const pages = module.pages.map((page): PageModel => {
      const useAsset = (url: string, node: Node, what: string): string | null => {
        const resolved = resolveAsset(url, node, what, at, assetSet, assets);
        if (resolved && resolved.startsWith('assets/')) {
          usedAssets.add(resolved);
          pageAssets.get(page.id)?.add(resolved) ?? pageAssets.set(page.id, new Set([resolved]));
        }
        return resolved;
      };
      const claimId = (id: string, node: Node) => {
        const first = seenIds.get(id);
        if (first) at('duplicate-id', node, `Id \`${id}\` is already used at ${first}`);
        else seenIds.set(id, `${path}:${node.position?.start.line ?? 1}`);
      };
      const resolvePage = (url: string, node: Node): string | null => {
        const r = resolveUrl(url);
        if (r.kind !== 'page') {
          at('directive-invalid-attribute', node, `review=${url} is not a page of this course`, 'Link a page the way links do: review="04-trust.md#building-trust".');
          return null;
        }
        const link = modelLink({ type: 'link', url, children: [], ...(node.position ? { position: node.position } : {}) }, module, at, pagesOf, useAsset);
        const target = (link.data?.hProperties as { dataPage?: unknown } | undefined)?.dataPage;
        return typeof target === 'string' ? target : null;
      };
      const directives: DirectiveContext = { page, module, anyAssessment, report: at, useAsset, resolvePage, claimId };
      if (!page.nodes.some(isContent)) at('empty-page', page.heading, `Page "${page.title}" has no content`);
      let previousDepth = 2;

      const transform = (node: RootContent): RootContent => {
        switch (node.type) {
          case 'heading':
            if (node.depth === 1) at('heading-level-one', node, 'A `#` heading inside a module');
            else if (node.depth > previousDepth + 1) {
              at('heading-skip', node, `Heading level ${node.depth} follows level ${previousDepth}`, `Use ${'#'.repeat(previousDepth + 1)} here.`);
            }
            previousDepth = node.depth;
            return withChildren(node, transform);
          case 'html':
            for (const problem of checkRawHtml(node.value)) {
              report('unsafe-html', path, offsetPosition(node, problem.offset, problem.length), problem.message);
            }
            return node;
          case 'image':
            return modelImage(node, at, useAsset);
          case 'link':
            return modelLink(withChildren(node, transform), module, at, pagesOf, useAsset);
          case 'containerDirective':
          case 'leafDirective':
          case 'textDirective': {
            // Children first (links, images and raw HTML inside checks and callouts), then the directive
            // reads the new children, so its model holds resolved content.
            const inner = withChildren(node, transform);
            const read = readDirective(inner, directives);
            if (read === null) return inner;
            if (read.type === 'coursepackCheck') checks.push(read.model);
            if (read.type === 'coursepackReflection') reflections.push(read.model);
            return read as RootContent;
          }
          default:
            return withChildren(node, transform);
        }
      };
      return { ...page, nodes: mapShared(page.nodes, transform) };
    });
    return { ...module, pages };
  });

  return { config, modules, checks, reflections, assets: [...usedAssets].sort(), pageAssets };
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
  let reportedOrphan = false;
  for (const node of (m.tree as Root).children) {
    if (node.type === 'heading' && node.depth === 2) {
      const title = toString(node).trim();
      if (title.length > MAX_TITLE) {
        report('title-too-long', m.path, positionOf(node), `The page title has ${title.length} characters; the limit is ${MAX_TITLE}`);
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
      report('heading-level-one', m.path, positionOf(node), 'A `#` heading inside a module');
    } else if (isContent(node) && !reportedOrphan) {
      reportedOrphan = true;
      report('content-before-page', m.path, positionOf(node), 'Content before the first `##` page heading');
    }
  }
  return pages;
}

/** What a URL in an image, link or media attribute stands for in the package, or null (reported). */
function resolveAsset(url: string, node: Node, what: string, at: NodeReport, assetSet: ReadonlySet<string>, assets: readonly string[]): string | null {
  const r = resolveUrl(url);
  if (r.kind === 'web') {
    at('remote-resource', node, `${what} \`${url}\` is on the web; nothing may load from outside the package`);
    return null;
  }
  if (r.kind === 'data') return r.url;
  if (r.kind === 'unsafe') {
    at('unsafe-html', node, `${what} \`${url}\` uses a URL scheme that is not allowed`);
    return null;
  }
  if (r.kind !== 'asset') {
    at('asset-outside-folder', node, `${what} \`${url}\` is not in the course assets/ folder`);
    return null;
  }
  if (!assetSet.has(r.path)) {
    const other = assets.find((a) => a.toLowerCase() === r.path.toLowerCase());
    at('missing-asset', node, `${what} \`${url}\` does not exist`, other ? `The file is ${other}: paths are case-sensitive in packages.` : undefined);
    return null;
  }
  if (!isSafePackagePath(r.path)) {
    at('asset-file-name', node, `Asset \`${r.path}\` has a space or a character LMSs do not accept in file names`);
    return null;
  }
  return r.path;
}

function modelImage(node: Image, at: NodeReport, useAsset: (url: string, node: Node, what: string) => string | null): Image {
  const decorative = node.alt === '' && node.title === 'decorative';
  if (!node.alt?.trim() && !decorative) at('image-alt-missing', node, `Image \`${node.url}\` has no alt text`);
  const url = useAsset(node.url, node, 'Image') ?? node.url;
  return url === node.url && !decorative ? node : { ...node, url, title: decorative ? null : (node.title ?? null) };
}

/** A link with its target resolved: a page of the course (`#page-…` and `data-page`) or an asset. */
function modelLink(
  node: Link,
  module: { readonly pages: readonly PageModel[] },
  at: NodeReport,
  pagesOf: ReadonlyMap<string, readonly PageModel[]>,
  useAsset: (url: string, node: Node, what: string) => string | null,
): Link {
  const r = resolveUrl(node.url);
  if (r.kind === 'web') return node;
  if (r.kind === 'unsafe' || r.kind === 'data') {
    at('unsafe-html', node, `Link \`${node.url}\` uses a URL scheme that is not allowed`);
    return node;
  }
  if (r.kind === 'page') {
    const pages = r.module === null ? module.pages : pagesOf.get(r.module);
    if (!pages) {
      at('broken-link', node, `Link \`${node.url}\`: there is no module file ${r.module}.md`);
      return node;
    }
    const target = r.anchor ? pages.find((p) => p.slug === r.anchor) : pages[0];
    if (!target) {
      const known = pages.map((p) => `#${p.slug}`).join(', ');
      at('broken-link', node, `Link \`${node.url}\`: no page with the anchor #${r.anchor ?? ''}`, known ? `Anchors in that module: ${known}.` : undefined);
      return node;
    }
    return { ...node, url: `#page-${target.id}`, data: { ...node.data, hProperties: { dataPage: target.id } } };
  }
  if (r.kind === 'outside' && r.path.endsWith('.md')) {
    at('broken-link', node, `Link \`${node.url}\` points outside the modules folder`);
    return node;
  }
  const resolved = useAsset(node.url, node, 'Link');
  return resolved ? { ...node, url: resolved } : node;
}
