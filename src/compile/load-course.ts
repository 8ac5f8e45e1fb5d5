/**
 * Stage 1 (I/O): read the course folder into memory. Everything after this stage is pure.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

export interface SourceFile {
  /**
   * Path relative to the course folder, forward slashes: `modules/02-trust.md`. Messages carry this
   * path; how to show it (relative to the working directory, say) is the CLI's business.
   */
  readonly path: string;
  readonly text: string;
}

export interface CourseSource {
  readonly dir: string;
  readonly config: SourceFile | null;
  /** Every `*.md` file directly in `modules/`, sorted by name. */
  readonly modules: readonly SourceFile[];
  /** Every file under `assets/`, as course-relative paths (`assets/x.svg`), sorted. */
  readonly assets: readonly string[];
}

async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** `dir` is absolute (the caller resolves it against its working directory). */
export async function loadCourse(dir: string): Promise<CourseSource> {
  const read = async (rel: string): Promise<SourceFile | null> => {
    const text = await readText(path.join(dir, rel));
    return text === null ? null : { path: rel, text: text.replace(/^\uFEFF/, '') };
  };
  const moduleNames = (await listFiles(path.join(dir, 'modules'))).filter((n) => !n.includes('/') && n.endsWith('.md'));
  const [config, modules, assets] = await Promise.all([
    read('course.yaml'),
    Promise.all(moduleNames.map((n) => read(`modules/${n}`))),
    listFiles(path.join(dir, 'assets')),
  ]);
  return {
    dir,
    config,
    modules: modules.filter((m): m is SourceFile => m !== null),
    assets: assets.filter((a) => !/(^|\/)(\.DS_Store|Thumbs\.db)$/.test(a)).map((a) => `assets/${a}`),
  };
}
