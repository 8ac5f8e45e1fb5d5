/**
 * The build as a list of stages: load → parse → model → render → check budget → package → write.
 * Every stage returns a value; only load-course.ts, load-tool.ts and the zip writer touch the disk.
 * Nothing is written unless the whole course is free of errors, and each zip is written atomically.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { PackageFile } from '../package/index.js';
import { buildModel } from './build-model.js';
import type { CourseModel } from './model-types.js';
import { checkSuspendBudget } from './check-suspend-budget.js';
import { createDiagnostics, hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { loadCourse, type CourseSource } from './load-course.js';
import { loadSchemas, loadTool, type ToolFiles } from './load-tool.js';
import { parseConfig, type CourseConfig } from './parse-config.js';
import { parseModule } from './parse-module.js';
import { renderCourse, type PackageScope, type RenderedCourse } from './render-course.js';

export type SplitMode = 'none' | 'modules';

export interface ValidateOptions {
  /** Course folder, relative to `cwd` or absolute. */
  readonly courseDir: string;
  readonly cwd: string;
  /** The coursepack installation (holds `templates/` and `lib/player.js`). */
  readonly toolDir: string;
  readonly split?: SplitMode;
}

export interface BuildOptions extends ValidateOptions {
  readonly outDir: string;
}

export interface PackageOutput {
  readonly file: string;
  readonly bytes: number;
  readonly entries: number;
}

export interface BuildResult {
  readonly diagnostics: readonly Diagnostic[];
  readonly outputs: readonly PackageOutput[];
}

interface Prepared {
  readonly diagnostics: Diagnostic[];
  readonly source: CourseSource;
  readonly model: CourseModel | null;
  readonly rendered: readonly { readonly scope: PackageScope; readonly course: RenderedCourse }[];
  readonly tool: ToolFiles;
}

const PLACEHOLDER_CONFIG: CourseConfig = {
  id: 'course', title: 'Course', description: '', language: 'en', version: '1.0.0', organization: '',
  completion: { allPages: true, passMark: null, lmsMastery: false },
};

/** Everything but writing: the messages, and the rendered packages when there are no errors. */
async function prepare(options: ValidateOptions): Promise<Prepared> {
  const diags = createDiagnostics();
  const [source, tool] = await Promise.all([loadCourse(options.courseDir, options.cwd), loadTool(options.toolDir)]);
  const config = parseConfig(source.config, source.displayOf('course.yaml'), diags);
  if (source.modules.length === 0) {
    diags.report('no-modules', source.displayOf('modules'), undefined, 'The course has no modules');
  }
  const parsed = source.modules.map((file) => parseModule(file, diags));
  const model = buildModel(config ?? PLACEHOLDER_CONFIG, parsed, source, diags);
  if (!config || hasErrors(diags.list)) {
    return { diagnostics: sortDiagnostics(diags.list), source, model: null, rendered: [], tool };
  }
  // parse5 (behind hast-util-raw) costs start-up time; load it only when some page has raw HTML.
  const raw = parsed.some((m) => containsHtml(m.tree)) ? (await import('hast-util-raw')).raw : null;
  const rendered = scopesOf(model, options.split ?? 'none').map((scope) => ({ scope, course: renderCourse(model, scope, tool.template, raw) }));
  for (const { course } of rendered) checkSuspendBudget(course.data, source.displayOf('course.yaml'), diags);
  return { diagnostics: sortDiagnostics(diags.list), source, model, rendered, tool };
}

export async function validateCourse(options: ValidateOptions): Promise<readonly Diagnostic[]> {
  return (await prepare(options)).diagnostics;
}

export async function buildCourse(options: BuildOptions): Promise<BuildResult> {
  const prepared = await prepare(options);
  const { diagnostics, model, rendered, source, tool } = prepared;
  if (!model || hasErrors(diagnostics)) return { diagnostics, outputs: [] };

  // The packaging stack (xmlbuilder2, archiver) loads only when there is something to package, so
  // `validate` and failed builds start faster.
  const { buildManifest, checkPackage, writeZip, SCHEMA_FILE_NAMES } = await import('../package/index.js');
  const [assetData, schemas] = await Promise.all([
    Promise.all(model.assets.map(async (a) => [a, new Uint8Array(await readFile(path.join(source.dir, a)))] as const)).then((e) => new Map(e)),
    loadSchemas(options.toolDir, SCHEMA_FILE_NAMES),
  ]);
  const packages = rendered.map(({ scope, course }) => ({
    file: path.resolve(options.cwd, options.outDir, `${scope.id}-scorm12.zip`),
    files: assemblePackage(model, scope, course, tool, assetData, schemas, buildManifest),
  }));
  for (const p of packages) {
    const problems = checkPackage(p.files);
    if (problems.length) {
      // The builder made a package its own checks reject: a coursepack bug, not an author mistake.
      throw new Error(`internal: package ${path.basename(p.file)} failed its checks: ${problems.map((q) => `${q.rule}: ${q.message}`).join('; ')}`);
    }
  }
  const outputs: PackageOutput[] = [];
  for (const p of packages) {
    await writeZip(p.file, p.files);
    outputs.push({ file: p.file, bytes: (await stat(p.file)).size, entries: p.files.length });
  }
  return { diagnostics, outputs };
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
    const title = `${config.title}: ${m.title}`;
    return {
      id: `${config.id}-${m.id}`,
      title: title.length > 200 ? `${title.slice(0, 199)}…` : title,
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
): PackageFile[] {
  const encoder = new TextEncoder();
  const used = usedAssets(model, scope);
  const content: PackageFile[] = [
    { path: 'index.html', data: encoder.encode(course.html) },
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
    masteryScore: config.completion.lmsMastery ? scope.passMark : null,
    launch: 'index.html',
    files: content.map((f) => f.path),
  });
  return [{ path: 'imsmanifest.xml', data: encoder.encode(manifest) }, ...schemas, ...content];
}

/** A split package carries only the assets its own pages reference. */
function usedAssets(model: CourseModel, scope: PackageScope): string[] {
  const pages = scope.modules.flatMap((m) => m.pages.map((p) => p.id));
  return model.assets.filter((a) => pages.some((p) => model.pageAssets.get(p)?.has(a)));
}
