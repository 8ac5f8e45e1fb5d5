/**
 * Stage 4b: the course model → the launch page (`index.html`: shell, table of contents, every page) and the
 * course data the player reads. Pure: the shell template comes in as a string.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { toString } from 'mdast-util-to-string';
import type { CheckData, CourseData, XapiData } from '../shared/course-data.js';
import type { CourseModel, ModuleModel } from './model-types.js';
import { renderBlocks, renderInline, stringify, type RenderContext } from './render-content.js';

export interface PackageScope {
  /** Course id as the package knows it (`<course>` or `<course>-<module>` when split). */
  readonly id: string;
  readonly title: string;
  readonly modules: readonly ModuleModel[];
  readonly passMark: number | null;
}

export interface RenderedCourse {
  readonly html: string;
  readonly data: CourseData;
}

const OPTION_LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** `xapi`: the settings baked into every package of the course (resolve-xapi-settings.ts). */
export function renderCourse(model: CourseModel, scope: PackageScope, template: string, xapi: XapiData, raw: RenderContext['raw'] = null): RenderedCourse {
  const { config } = model;
  const pageIds = new Set(scope.modules.flatMap((m) => m.pages.map((p) => p.id)));
  const context: RenderContext = { language: config.language, reflections: config.tracking.reflections, pageIds, raw };

  const sections = scope.modules.flatMap((module) =>
    module.pages.map((page, i) =>
      h('section.cp-page', { id: `page-${page.id}`, dataPage: page.id, ariaLabelledBy: `h-${page.id}` }, [
        h('p.cp-page-module', module.title),
        h('h1', { id: `h-${page.id}`, tabIndex: -1 }, renderInline(page.heading, context)),
        i === 0 ? renderObjectives(module) : null,
        ...renderBlocks(page.nodes, context),
      ]),
    ),
  );

  const toc = h('ol.cp-toc-modules', scope.modules.map((module) =>
    h('li.cp-toc-module', [
      h('span.cp-toc-module-title', module.title),
      h('ol', module.pages.map((page) => h('li', [h('a', { href: `#page-${page.id}`, dataPage: page.id }, page.title)]))),
    ]),
  ));

  const checks: CheckData[] = model.checks
    .filter((c) => pageIds.has(c.pageId))
    .map((c) => ({
      id: c.id,
      page: c.pageId,
      type: c.type,
      scored: c.scored,
      prompt: squash(c.stem.map((n) => toString(n)).join(' ')),
      options: c.options.map((o, i) => ({
        id: OPTION_LETTERS[i] ?? String(i),
        correct: o.correct,
        text: squash(toString(o.label)),
        feedback: stringify(renderBlocks(o.feedback, context)),
      })),
    }));

  const data: CourseData = {
    v: 1,
    id: scope.id,
    title: scope.title,
    language: config.language,
    version: config.version,
    completion: { allPages: config.completion.allPages, passMark: scope.passMark },
    modules: scope.modules.map((m) => ({
      id: m.id,
      title: m.title,
      assessment: m.assessment,
      minutes: m.minutes,
      pages: m.pages.map((p) => p.id),
    })),
    pages: scope.modules.flatMap((m) => m.pages.map((p) => ({ id: p.id, module: m.id, title: p.title }))),
    checks,
    reflections: model.reflections.filter((r) => pageIds.has(r.pageId))
      .map((r) => ({ id: r.id, page: r.pageId, prompt: squash(r.prompt.map((n) => toString(n)).join(' ')) })),
    tracking: config.tracking,
    xapi,
  };

  const html = fill(template, {
    lang: escapeAttribute(config.language),
    title: stringify({ type: 'text', value: scope.title }),
    toc: stringify(toc),
    pages: sections.map((s) => stringify(s)).join('\n'),
    // `<` escaped so no text in the data can close the script element.
    data: JSON.stringify(data).replace(/</g, '\\u003c'),
  });
  return { html, data };
}

function renderObjectives(module: ModuleModel): Element {
  const items: ElementContent[] = module.objectives.map((o) => h('li', o));
  return h('div.cp-objectives', [
    h('p.cp-objectives-title', [`In this module (about ${module.minutes} min) you will be able to:`]),
    h('ul', items),
  ]);
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
}
