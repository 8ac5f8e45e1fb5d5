/**
 * Stage 4b: the course model → the launch page (`index.html`: shell, table of contents, every page) and the
 * course data the player reads. Pure: the shell template comes in as a string.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { plainWords } from './mdast-helpers.js';
import type { CheckData, CourseData, XapiData } from '../shared/course-data.js';
import { optionLetter } from './element-ids.js';
import { countParts } from '../shared/count-words.js';
import { say, wordLang, type PlayerWords } from '../shared/player-words.js';
import type { CourseModel, ModuleModel } from './model-types.js';
import { textDirection } from '../shared/text-direction.js';
import { renderBlocks, renderInline, stringify, type RenderContext } from './render-content.js';

export interface PackageScope {
  /** Course id as the package knows it (`<course>` or `<course>-<module>` when split). */
  readonly id: string;
  readonly title: string;
  readonly modules: readonly ModuleModel[];
  readonly passMark: number | null;
}

/** The id of one module's package in a course built one package a module (`--split modules`). */
export function modulePackageId(courseId: string, moduleId: string): string {
  return `${courseId}-${moduleId}`;
}

export interface RenderedCourse {
  readonly html: string;
  readonly data: CourseData;
}

function contextOf(model: CourseModel, scope: PackageScope, raw: RenderContext['raw'], calloutIds = 'cp-callout'): RenderContext {
  const pageIds = new Set(scope.modules.flatMap((m) => m.pages.map((p) => p.id)));
  return { language: model.config.language, words: model.config.words, reflections: model.config.tracking.reflections, pageIds, raw, calloutIds };
}

/**
 * The launch page of a package around the course data made for it (courseDataOf), which is checked
 * (suspend_data budget) before the pages are rendered: a course refused there costs no page rendering.
 */
export function renderCourse(model: CourseModel, scope: PackageScope, template: string, data: CourseData, raw: RenderContext['raw'] = null): RenderedCourse {
  const { config } = model;
  const context = contextOf(model, scope, raw);

  const sections = scope.modules.flatMap((module) =>
    module.pages.map((page, i) =>
      h('section.cp-page', { id: `page-${page.id}`, dataPage: page.id, ariaLabelledBy: `h-${page.id}` }, [
        h('p.cp-page-module', module.title),
        h('h1', { id: `h-${page.id}`, tabIndex: -1 }, renderInline(page.heading, context)),
        i === 0 ? renderObjectives(module, context.words, context.language) : null,
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

  const { words } = context;
  const html = fill(template, {
    lang: escapeAttribute(config.language),
    dir: textDirection(config.language),
    skipToContent: escapeText(words.skipToContent),
    previous: escapeText(words.previous),
    next: escapeText(words.next),
    exit: escapeText(words.exit),
    ...Object.fromEntries((['skipToContent', 'previous', 'next', 'exit'] as const).map((key) => [`${key}Lang`, langAttribute(wordLang(words, key, config.language))])),
    ...landmarkName('contents', 'cp-toc-name', wordLang(words, 'contents', config.language), words.contents),
    ...landmarkName('pageNavigation', 'cp-nav-name', wordLang(words, 'pageNavigation', config.language), words.pageNavigation),
    title: stringify({ type: 'text', value: scope.title }),
    toc: stringify(toc),
    pages: sections.map((s) => stringify(s)).join('\n'),
    // The brand colour is the light theme's accent (checked for contrast in parse-config.ts); the dark theme keeps its
    // own. Print is light whatever the device's scheme (player.css), so the brand colour prints too.
    brand: config.brand.color ? `<style>@media not screen and (prefers-color-scheme: dark) { :root { --cp-accent: ${config.brand.color}; } }</style>` : '',
    // Decorative: the course title beside it names the course.
    logo: config.brand.logo ? stringify(h('img.cp-logo', { src: config.brand.logo, alt: '' })) : '',
    // `<` escaped so no text in the data can close the script element.
    data: JSON.stringify(data).replace(/</g, '\\u003c'),
  });
  return { html, data };
}

/** What the player reads (CourseData): pages, checks with their feedback HTML, tracking and xAPI settings. */
export function courseDataOf(model: CourseModel, scope: PackageScope, xapi: XapiData, raw: RenderContext['raw'] = null): CourseData {
  const { config } = model;
  // Feedback is put in a page when shown: its callouts' ids must not be the page's (`cp-callout-1` there too).
  const context = contextOf(model, scope, raw, 'cp-feedback-callout');
  const { pageIds } = context;
  const checks: CheckData[] = model.checks
    .filter((c) => pageIds.has(c.pageId))
    .map((c) => ({
      id: c.id,
      page: c.pageId,
      type: c.type,
      scored: c.scored,
      shuffle: c.shuffle,
      // A review page in another package (--split modules) is no link there: the check's own page instead.
      review: c.review !== null && pageIds.has(c.review) ? c.review : null,
      prompt: squash(c.stem.map((n) => plainWords(n)).join(' ')),
      options: c.options.map((o, i) => ({
        id: optionLetter(i),
        correct: o.correct,
        text: o.text ?? squash(plainWords(o.label)),
        feedback: stringify(renderBlocks(o.feedback, context)),
        ...(o.match === undefined ? {} : { match: optionLetter(o.match) }),
        ...(o.other ? { other: true as const } : {}),
      })),
      ...(c.targets ? { targets: c.targets.map((text, i) => ({ id: optionLetter(i), text })) } : {}),
    }));

  return {
    v: 1,
    id: scope.id,
    title: scope.title,
    description: config.description,
    organization: config.organization,
    language: config.language,
    words: context.words,
    version: config.version,
    completion: {
      // A module's package without a pass mark of its own (--split modules, `pages: none`: the course completes
      // by its assessment) completes by its pages: with neither, it reported completed the moment it opened.
      allPages: config.completion.allPages || scope.passMark === null,
      passMark: scope.passMark, retry: config.completion.retry, revealAnswers: config.completion.revealAnswers,
    },
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
      .map((r) => ({ id: r.id, page: r.pageId, prompt: squash(r.prompt.map((n) => plainWords(n)).join(' ')) })),
    tracking: config.tracking,
    xapi,
    // A module's package (--split modules) certifies that module: the credit line is the whole course's, and
    // on every module's certificate it would add up to the credit times the modules.
    ...(config.certificate ? { certificate: scope.id === config.id ? config.certificate : { credit: '' } } : {}),
    ...(scope.id === config.id ? {} : { partOf: { title: config.title, packages: model.modules.map((m) => modulePackageId(config.id, m.id)) } }),
  };
}

function renderObjectives(module: ModuleModel, words: PlayerWords, language: string): Element {
  const items: ElementContent[] = module.objectives.map((o) => h('li', o));
  const lang = wordLang(words, 'objectives', language);
  return h('div.cp-objectives', [
    // "(about 20 min)" kept on one line, as the cover's counts are (the player's keepCountsWhole): at 320 px it read
    // "(about 5" then "min) you will be able to:".
    h('p.cp-objectives-title', lang === null ? {} : { lang }, countParts(say(words, 'objectives', { n: String(module.minutes) }))
      .flatMap((part, i) => (part === '' ? [] : [i % 2 === 1 ? h('span.cp-count', part) : part]))),
    h('ul', items),
  ]);
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** ` lang="en"` on an element whose word is not in the course's language (wordLang), else nothing. */
function langAttribute(lang: string | null): string {
  return lang === null ? '' : ` lang="${escapeAttribute(lang)}"`;
}

/**
 * A landmark's name: `aria-label` when its word is in the course's language; else a hidden `<span lang="en">`
 * names it (`aria-labelledby`), since marking the landmark itself English would mark the course's words in it too.
 */
function landmarkName(key: string, id: string, lang: string | null, text: string): Record<string, string> {
  if (lang === null) return { [`${key}Name`]: `aria-label="${escapeAttribute(text)}"`, [`${key}Word`]: '' };
  return { [`${key}Name`]: `aria-labelledby="${id}"`, [`${key}Word`]: `<span id="${id}" lang="${escapeAttribute(lang)}" hidden>${escapeText(text)}</span>` };
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
}

