/**
 * Stage 3: parsed modules → the course model: pages, knowledge checks, reflections, the assets in use.
 * Every author mistake found on the way is reported; the model is only used when there are no errors.
 */
import type { Link, Node, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit, SKIP } from 'unist-util-visit';
import { checkRawHtml } from './check-raw-html.js';
import type { Diagnostics } from './diagnostics.js';
import type { CourseSource } from './load-course.js';
import type { CourseConfig } from './parse-config.js';
import { MAX_TITLE } from './parse-config.js';
import type { ParsedModule } from './parse-module.js';
import { isContent, offsetPlace, placeOf, type Report } from './mdast-helpers.js';
import type { CheckModel, CourseModel, ModuleModel, PageModel, ReflectionModel } from './model-types.js';
import { readDirective } from './read-directive.js';
import { resolveUrl, slugify } from './resolve-url.js';

// SCORM12.md §1: ASCII names without spaces or special characters; several LMSs break on others.
const SAFE_SEGMENT = /^[A-Za-z0-9._-]+$/;

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
