/**
 * The build as a list of stages: load → parse → model → settings → course data → budget → render → package
 * → write (docs/architecture.md, "The build"). Every stage returns a value and the messages it found, and
 * changes nothing it was given; only load-course.ts, load-tool.ts and the writers in src/package touch the
 * disk. Nothing is written unless the whole course is free of errors, and each file is written atomically.
 * `validate` stops before rendering: no page HTML can add a message.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { VFile } from 'vfile';
import { hasErrors, sortMessages } from '../messages/index.js';
import type { PackageFile } from '../package/index.js';
import type { CourseData, XapiData } from '../shared/course-data.js';
import { cutText } from '../shared/cut-text.js';
import { buildModel, mayLoseQuestions } from './build-model.js';
import type { ParseHtml } from './check-raw-html.js';
import { checkSource } from './check-source.js';
import { checkPackageSize } from './check-package-size.js';
import { checkSuspendBudget } from './check-suspend-budget.js';
import { loadCourse } from './load-course.js';
import { loadSchemas, loadTool, type ToolFiles } from './load-tool.js';
import type { CourseModel } from './model-types.js';
import { parseModules, type ParseCache } from './parse-cache.js';
import { COURSE_CONFIG_FILE, parseConfig, type CourseConfig } from './parse-config.js';
import { courseDataOf, modulePackageId, renderCourse, type PackageScope, type RenderedCourse } from './render-course.js';
import { resolveXapiSettings, type LrsSettings } from './resolve-xapi-settings.js';
import { playerWordsFor } from './player-word-lists.js';
import { collectMessages, type CompileMessage, type RuleId } from './rules.js';

export type SplitMode = 'none' | 'modules';

export interface ValidateOptions {
  /** Course folder, relative to `cwd` or absolute. */
  readonly courseDir: string;
  readonly cwd: string;
  /** The coursepack installation (holds `templates/`, `docs/` and `lib/player.js`). */
  readonly toolDir: string;
  readonly split?: SplitMode;
  /** LRS settings from outside course.yaml (the CLI reads them from `COURSEPACK_LRS_*`). */
  readonly lrs?: LrsSettings;
  /** Parsed modules kept between builds in one process (createParseCache()); none by default. */
  readonly cache?: ParseCache;
}

export interface BuildOptions extends ValidateOptions {
  readonly outDir: string;
}

export type BuildOutput =
  | { readonly kind: 'package'; readonly file: string; readonly bytes: number; readonly entries: number }
  | { readonly kind: 'activities'; readonly file: string; readonly bytes: number; readonly activities: number };

export interface ValidateResult {
  /** The course folder, absolute: message paths are relative to it. */
  readonly courseDir: string;
  /** Every message, sorted by file and position. */
  readonly messages: readonly CompileMessage[];
  /** The same messages as vfiles, one per course file that has any (`path` course-relative, `cwd` the course folder). */
  readonly files: readonly VFile[];
}

export interface BuildResult extends ValidateResult {
  /** What was written, in order: the zips, then the xAPI activities files; empty when there are errors. */
  readonly outputs: readonly BuildOutput[];
}

interface Prepared extends ValidateResult {
  readonly model: CourseModel | null;
  readonly rendered: readonly { readonly scope: PackageScope; readonly course: RenderedCourse }[];
  readonly tool: ToolFiles;
  /** A split build's whole course, for the activities file of the course all its packages are parts of. */
  readonly whole?: CourseData;
}

const PLACEHOLDER_CONFIG: CourseConfig = {
  id: 'course', title: 'Course', description: '', language: 'en', version: '1.0.0', organization: '',
  completion: { allPages: true, passMark: null, lmsMastery: false, retry: 'all', revealAnswers: 'after-submit' },
  brand: { color: null, logo: null },
  tracking: { reflections: 'private', learnerNames: false, practiceInteractions: false },
  words: playerWordsFor('en').words,
  xapi: { activityBase: 'https://coursepack.invalid/courses/course', endpoint: null, homePage: null },
};

/** Everything but writing: the messages, and (when `render`) the rendered packages when there are no errors. */
async function prepare(options: ValidateOptions, render: boolean): Promise<Prepared> {
  const courseDir = path.resolve(options.cwd, options.courseDir);
  const docsUrl = pathToFileURL(path.join(options.toolDir, 'docs', 'authoring.md')).href;
  const [source, tool] = await Promise.all([loadCourse(courseDir), loadTool(options.toolDir)]);

  // With errors in course.yaml, the modules are still checked, in its language where it reads.
  let placeholder = PLACEHOLDER_CONFIG;
  let configUnread = false;
  const config = stage(docsUrl, (report) => parseConfig(source.config, report, {
    brandSurfaces: tool.brandSurfaces, nearMiss: source.configNearMiss, isLink: source.configLink, assets: source.assets, assetLinks: source.assetLinks,
    onErrors: ({ unread, ...usable }) => {
      placeholder = { ...PLACEHOLDER_CONFIG, ...usable };
      configUnread = unread === true;
    },
  }));
  const course = stage(docsUrl, (report) => checkSource(source, report));
  const parsed = parseModules(source.modules, docsUrl, options.cache);
  // parse5 costs start-up time; it loads only when a module or an asset holds HTML.
  const hasHtml = parsed.some((m) => containsHtml(m.module.tree));
  const parseHtml = hasHtml || source.assets.some((a) => /\.(html?|xhtml)$/i.test(a)) ? await loadHtmlParser() : null;
  const inputs = { configUnread, assetLinks: source.assetLinks, assetFiles: source.assetFiles, parseHtml, moduleTexts: new Map(source.modules.map((m) => [m.path, m.text])),
    modulesUnread: source.others.some((o) => o.type !== 'file'), modulesErred: parsed.some((p) => p.messages.some((m) => m.ruleId !== undefined && m.fatal === true && mayLoseQuestions(m.ruleId as RuleId))), split: options.split ?? 'none' };
  const model = stage(docsUrl, (report) => buildModel(config.value ?? placeholder, parsed.map((p) => p.module), source.assets, report, inputs));
  const settings = config.value ? stage(docsUrl, (report) => resolveXapiSettings(config.value as CourseConfig, options.lrs ?? {}, report)) : null;
  // Sizes are known from the model alone: reported even when other errors stop the build.
  const sizes = stage(docsUrl, (report) => {
    if (!config.value) return;
    const toolBytes = tool.playerJs.byteLength + tool.playerCss.byteLength;
    for (const scope of scopesOf(model.value, options.split ?? 'none')) {
      checkPackageSize(`${scope.id}-scorm12.zip`, usedAssets(model.value, scope), source.assetFiles, toolBytes, config.value.package?.maxSize ?? null, report, config.value.package?.at);
    }
  });
  const found = [config, course, ...parsed, model, sizes, ...(settings ? [settings] : [])].flatMap((s) => s.messages);
  const done = (messages: readonly CompileMessage[], rendered: Prepared['rendered'] = [], whole?: CourseData): Prepared => ({
    courseDir, messages: sortMessages(messages), files: toVFiles(messages, courseDir), model: rendered.length ? model.value : null, rendered, tool,
    ...(whole ? { whole } : {}),
  });
  if (!config.value || !settings || hasErrors(found)) return done(found);

  const raw = hasHtml ? (await import('hast-util-raw')).raw : null;
  const xapi: XapiData = settings.value;
  const scopes = scopesOf(model.value, options.split ?? 'none').map((scope) => ({ scope, data: courseDataOf(model.value, scope, xapi, raw) }));
  const budget = stage(docsUrl, (report) => {
    const files = new Map(model.value.modules.map((m) => [m.id, `modules/${m.name}.md`]));
    for (const { data } of scopes) checkSuspendBudget(data, report, options.split === 'modules', (id) => files.get(id) ?? COURSE_CONFIG_FILE);
  });
  if (!render || hasErrors(budget.messages)) return done([...found, ...budget.messages]);
  const rendered = scopes.map(({ scope, data }) => ({ scope, course: renderCourse(model.value, scope, tool.template, data, raw) }));
  const [whole] = options.split === 'modules' ? scopesOf(model.value, 'none') : [];
  return done([...found, ...budget.messages], rendered, whole ? courseDataOf(model.value, whole, xapi, raw) : undefined);
}

/** Runs one stage with a fresh message list: the stage's value and what it reported. */
function stage<T>(docsUrl: string, run: (report: ReturnType<typeof collectMessages>['report']) => T): { value: T; messages: readonly CompileMessage[] } {
  const { report, messages } = collectMessages(docsUrl);
  return { value: run(report), messages };
}

/** One vfile per course file with messages (vfile's own shape, for tools that read vfiles). */
function toVFiles(messages: readonly CompileMessage[], courseDir: string): VFile[] {
  const byFile = new Map<string, CompileMessage[]>();
  // Appended in place: copying the list for each message made 50,000 messages on one file take 22 s.
  for (const m of sortMessages(messages)) {
    const list = byFile.get(m.file);
    if (list) list.push(m);
    else byFile.set(m.file, [m]);
  }
  return [...byFile].map(([file, list]) => {
    const vfile = new VFile({ path: file, cwd: courseDir });
    // A loop, not push(...list): spread arguments overflow the stack past some hundred thousand.
    for (const m of list) vfile.messages.push(m);
    return vfile;
  });
}

export async function validateCourse(options: ValidateOptions): Promise<ValidateResult> {
  const { courseDir, messages, files } = await prepare(options, false);
  return { courseDir, messages, files };
}

/** A package and its xAPI activities file as `buildCourse` writes them, in memory. */
export interface PackedCourse {
  /** `<id>-scorm12.zip`'s id: the course's, or `<course>-<module>` in a split build. */
  readonly id: string;
  readonly files: readonly PackageFile[];
  /** The xAPI activities file's text. */
  readonly activities: string;
  readonly activityCount: number;
}

export interface PackResult extends ValidateResult {
  /** Every package, in course order; empty when there are errors. */
  readonly packages: readonly PackedCourse[];
  /**
   * A split build's activities file of the whole course (`<course-id>-xapi-activities.json`): every module in
   * course order, which a report needs to count a learner complete once every module's package is.
   */
  readonly courseActivities?: { readonly id: string; readonly text: string; readonly count: number };
}

/**
 * Everything `buildCourse` does but writing: the packages' files and the activities files in memory, each
 * package checked (src/package/check-package.ts). The preview serves these; the build zips and writes them.
 */
export async function packCourse(options: ValidateOptions): Promise<PackResult> {
  const { courseDir, messages, files, model, rendered, tool, whole } = await prepare(options, true);
  if (!model || hasErrors(messages)) return { courseDir, messages, files, packages: [] };

  // The packaging stack (xmlbuilder2, archiver) loads only when there is something to package, so
  // `validate` and failed builds start faster.
  const [{ buildManifest, checkPackage, SCHEMA_FILE_NAMES, stripEmbeddedPhotos, stripPhotoMetadata, stripSvgEditorData }, { buildActivities }] =
    await Promise.all([import('../package/index.js'), import('../shared/xapi/build-activities.js')]);
  // A phone photo's Exif (where it was taken, the camera's serial number, the owner's name) would reach
  // every learner: JPEGs, PNGs and WebPs go in without it, whatever their extension, and so do the photos
  // an SVG, HTML or CSS file holds as data: URLs (strip-photo-metadata.ts). So would the author's name and
  // folders a drawing app writes into an SVG (strip-svg-editor-data.ts). The checks above read the
  // author's file as it is; only the packaged copy changes.
  const strip = (asset: string, bytes: Uint8Array) => {
    if (/\.svg$/i.test(asset)) return stripEmbeddedPhotos(stripSvgEditorData(bytes));
    return /\.(html?|css)$/i.test(asset) ? stripEmbeddedPhotos(bytes) : stripPhotoMetadata(bytes);
  };
  const assetData = new Map(model.assets.map((a) => [a, strip(a, new Uint8Array(readFileSync(path.join(courseDir, a))))] as const));
  const schemas = await loadSchemas(options.toolDir, SCHEMA_FILE_NAMES);
  const packages = rendered.map(({ scope, course }): PackedCourse => {
    const packageFiles = assemblePackage(model, scope, course, tool, assetData, schemas, buildManifest, stripEmbeddedPhotos);
    const problems = checkPackage(packageFiles);
    if (problems.length) {
      // The builder made a package its own checks reject: a coursepack bug, not an author mistake.
      throw new Error(`internal: package ${scope.id}-scorm12.zip failed its checks: ${problems.map((q) => `${q.ruleId}: ${q.reason}`).join('; ')}`);
    }
    // Deterministic like the zip: course order, no timestamps, two-space JSON and a final newline.
    const description = buildActivities(course.data, course.data.xapi.courseIri);
    return { id: scope.id, files: packageFiles, activities: `${JSON.stringify(description, null, 2)}\n`, activityCount: description.activities.length };
  });
  const course = whole ? buildActivities(whole, whole.xapi.courseIri) : null;
  return {
    courseDir, messages, files, packages,
    ...(whole && course ? { courseActivities: { id: whole.id, text: `${JSON.stringify(course, null, 2)}\n`, count: course.activities.length } } : {}),
  };
}

export async function buildCourse(options: BuildOptions): Promise<BuildResult> {
  const { courseDir, messages, files, packages, courseActivities } = await packCourse(options);
  if (packages.length === 0 || hasErrors(messages)) return { courseDir, messages, files, outputs: [] };
  const { removeStaleTemporaries, stageFile, stageZip, writeAllAtomically } = await import('../package/index.js');
  const outDir = path.resolve(options.cwd, options.outDir);
  const zips = packages.map((p) => ({ file: path.join(outDir, `${p.id}-scorm12.zip`), files: p.files }));
  const activities = [...packages.map((p) => ({ file: path.join(outDir, `${p.id}-xapi-activities.json`), text: p.activities, count: p.activityCount })),
    ...(courseActivities ? [{ file: path.join(outDir, `${courseActivities.id}-xapi-activities.json`), text: courseActivities.text, count: courseActivities.count }] : [])];

  // What a killed build left in this folder goes before this one writes (issue 13 point 5).
  await removeStaleTemporaries(outDir);
  // One set: a failure on any output (a split build's second zip, say) leaves every output as it was.
  await writeAllAtomically([...zips.map((z) => stageZip(z.file, z.files)), ...activities.map((a) => stageFile(a.file, a.text))]);
  const outputs: BuildOutput[] = [
    ...zips.map((z): BuildOutput => ({ kind: 'package', file: z.file, bytes: statSync(z.file).size, entries: z.files.length })),
    ...activities.map((a): BuildOutput => ({ kind: 'activities', file: a.file, bytes: Buffer.byteLength(a.text), activities: a.count })),
  ];
  return { courseDir, messages, files, outputs };
}

/** hast-util-from-html with attribute positions (`verbose`), for check-raw-html.ts. */
async function loadHtmlParser(): Promise<ParseHtml> {
  const { fromHtml } = await import('hast-util-from-html');
  return (html, { fragment }) => fromHtml(html, { fragment, verbose: true } as Parameters<typeof fromHtml>[1]);
}

function containsHtml(node: { type: string; children?: unknown[] }): boolean {
  return node.type === 'html' || (Array.isArray(node.children) && node.children.some((c) => containsHtml(c as { type: string; children?: unknown[] })));
}

function scopesOf(model: CourseModel, split: SplitMode): PackageScope[] {
  const { config } = model;
  if (split === 'none') return [{ id: config.id, title: config.title, modules: model.modules, passMark: config.completion.passMark }];
  const anyAssessment = model.modules.some((m) => m.assessment);
  return model.modules.map((m) => {
    const hasScoredChecks = model.checks.some((c) => c.scored && m.pages.some((p) => p.id === c.pageId));
    return {
      id: modulePackageId(config.id, m.id),
      title: splitTitle(config.title, m.title),
      modules: [m],
      // A practice module in a course with a final assessment has no score of its own.
      passMark: hasScoredChecks && (m.assessment || !anyAssessment) ? config.completion.passMark : null,
    };
  });
}

function assemblePackage(
  model: CourseModel,
  scope: PackageScope,
  course: RenderedCourse,
  tool: ToolFiles,
  assetData: ReadonlyMap<string, Uint8Array>,
  schemas: readonly PackageFile[],
  buildManifest: typeof import('../package/index.js').buildManifest,
  stripEmbeddedPhotos: typeof import('../package/index.js').stripEmbeddedPhotos,
): PackageFile[] {
  const encoder = new TextEncoder();
  const used = usedAssets(model, scope);
  const content: PackageFile[] = [
    // A photo written into a module as a data: URL is in the launch page: it loses its Exif like any other.
    { path: 'index.html', data: stripEmbeddedPhotos(encoder.encode(course.html)) },
    { path: 'player.js', data: tool.playerJs },
    { path: 'player.css', data: tool.playerCss },
    ...used.map((a) => ({ path: a, data: assetData.get(a) ?? new Uint8Array() })),
  ];
  const { config } = model;
  const manifest = buildManifest({
    courseId: scope.id,
    version: config.version,
    title: scope.title,
    language: config.language,
    description: config.description,
    publisher: config.organization,
    masteryScore: config.completion.lmsMastery ? scope.passMark : null,
    launch: 'index.html',
    files: content.map((f) => f.path),
  });
  return [{ path: 'imsmanifest.xml', data: encoder.encode(manifest) }, ...schemas, ...content];
}

/** A split package carries only the assets its own pages use (the logo among them: it is in every page's header). */
function usedAssets(model: CourseModel, scope: PackageScope): string[] {
  const pages = scope.modules.flatMap((m) => m.pages.map((p) => p.id));
  return model.assets.filter((a) => pages.some((p) => model.pageAssets.get(p)?.has(a)));
}

/**
 * "Course: Module", at most 200 UTF-16 units (the manifest's limit, build-manifest.ts): the course part is
 * shortened first, so each package of a split build keeps its module's name in the LMS's list, and a cut
 * never splits a character (half of an emoji is an unpaired surrogate, which XML cannot carry).
 */
function splitTitle(course: string, module: string): string {
  const whole = `${course}: ${module}`;
  if (whole.length <= 200) return whole;
  const room = 200 - module.length - ': '.length - '…'.length;
  return room >= 20 ? `${cutUnits(course, room)}…: ${module}` : `${cutUnits(module, 199)}${module.length > 199 ? '…' : ''}`;
}

/**
 * The longest start of `text` of at most `units` UTF-16 units that ends between characters as readers see
 * them: not inside a surrogate pair, an emoji sequence (👩‍🏫), a flag or a letter and its marks (cut-text.ts).
 */
function cutUnits(text: string, units: number): string {
  return cutText(text, units, 'utf-16').trimEnd();
}
