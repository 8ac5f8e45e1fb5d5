/**
 * Stage 1 (I/O): read the course folder into memory. Everything after this stage is pure.
 *
 * Nothing found here is dropped without a word: files in `modules/` that are not modules, links, and text
 * that is not UTF-8 are handed on as facts (`others`, `SourceFile.encoding`) for check-source.ts to report.
 * Symbolic links are never followed: a link can point anywhere on the machine, and its target would be
 * published inside the package.
 *
 * Reads are synchronous, as are load-tool.ts's and the asset reads of build-course.ts: a course is a few
 * dozen small files, and each asynchronous read is a round trip through libuv's thread pool that the
 * build only waits for (a rebuild of the mentoring course, 31 interleaved runs twice: 7-11 ms less,
 * median of the paired differences, of about 210-240 ms).
 */
import { closeSync, type Dirent, fstatSync, lstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { decodeText, type EncodingProblem } from './decode-text.js';
import { findImageSize } from './find-image-size.js';
import { CourseInputError } from './input-error.js';

export interface SourceFile {
  /**
   * Path relative to the course folder, forward slashes: `modules/02-trust.md`. Messages carry this
   * path; how to show it (relative to the working directory, say) is the CLI's business.
   */
  readonly path: string;
  readonly text: string;
  /** Set when the bytes were not UTF-8 (`text` is then the best guess, decode-text.ts). */
  readonly encoding?: EncodingProblem;
}

/** A file under `modules/` that is not read as a module. */
export interface OtherFile {
  /** Course-relative, `modules/notes.txt`, `modules/drafts/03-x.md`. */
  readonly path: string;
  readonly type: 'file' | 'symlink' | 'special';
}

export interface AssetFile {
  readonly size: number;
  /** The bytes of the assets coursepack reads (SVG, HTML and CSS), for their checks. */
  readonly data?: Uint8Array;
  /**
   * The first bytes of a JPEG (where its size in pixels is: find-image-size.ts), not the whole photo; of any
   * other file not read whole, the bytes a browser sniffs a type from (check-assets.ts).
   */
  readonly head?: Uint8Array;
}

export interface CourseSource {
  readonly dir: string;
  readonly config: SourceFile | null;
  /** Every `*.md` file directly in `modules/`, sorted by name. */
  readonly modules: readonly SourceFile[];
  /**
   * Every other file under `modules/`, sorted, for check-source.ts to say why it is not a module; `modules`
   * itself (type `symlink`) when it is a link, which is not opened.
   */
  readonly others: readonly OtherFile[];
  /** Every file under `assets/`, as course-relative paths (`assets/x.svg`), sorted. */
  readonly assets: readonly string[];
  /** Size (and, for SVG and HTML, the bytes) of every asset. */
  readonly assetFiles: ReadonlyMap<string, AssetFile>;
  /**
   * Symbolic links under `assets/` (course-relative), or `assets` itself when it is one: a page that uses one,
   * or a file under one, is told why it is not there.
   */
  readonly assetLinks: readonly string[];
  /** When there is no course.yaml: a near miss such as `course.yml`, `Course.yaml` or `course.yaml.txt`. */
  readonly configNearMiss: string | null;
  /** course.yaml is a symbolic link, not read (`config` is null). */
  readonly configLink: boolean;
  /**
   * `Modules` or `Assets` where `modules` or `assets` is missing: read in their place (their files keep the
   * `modules/…`, `assets/…` paths links use), for check-source.ts to say to rename them.
   */
  readonly folderCase: readonly string[];
}

/**
 * Files the operating system makes (Finder, Explorer) and editors keep beside the file being edited: nobody
 * wrote them as course content, so they are passed over quietly. Editors': Emacs's lock link `.#name` (a
 * dangling symbolic link, which stopped the build with symlink-not-followed while the module was open) and
 * autosave `#name#`, backups `name~`, Vim's swap files `.name.swp` and its `4913` write test, LibreOffice's
 * `.~lock.name#` and Office's `~$name`. Finder's `Icon\r` (its name ends in a carriage return) holds a folder's
 * custom icon. Windows's `name:Zone.Identifier` is the mark of a downloaded file, a stream hidden inside it
 * on Windows, that comes out as a file of its own when it is copied into WSL or onto a Samba share.
 */
export const SYSTEM_FILE = /(^|\/)(\.DS_Store|Thumbs\.db|desktop\.ini|Icon\r|[^/]+:Zone\.Identifier|\._[^/]*|\.#[^/]*|#[^/]*#|[^/]*~|\.[^/]*\.sw[a-p]|4913|\.~lock\.[^/]*#|~\$[^/]*)$/i;
/**
 * Assets coursepack reads and checks (check-assets.ts): parsed; for WebVTT captions, their encoding checked;
 * for the image types that can animate (GIF, PNG, WebP), how long they move (find-animation.ts).
 */
export const PARSED_ASSET = /\.(svg|html?|xhtml|css|vtt|gif|a?png|webp)$/i;

/** JPEG photos, whose size in pixels is read from their first bytes (the frame header follows the metadata blocks: most often within 64 KB, else found by stepping over them). */
const JPEG = /\.jpe?g$/i;
const JPEG_HEAD_BYTES = 1 << 17;

/** The bytes a browser sniffs a type from when a server sends none (MIME Sniffing §3, the resource header). */
const SNIFFED_BYTES = 1445;

function readStart(file: string): AssetFile {
  const fd = openSync(file, 'r');
  try {
    const head = new Uint8Array(SNIFFED_BYTES);
    const read = readSync(fd, head, 0, head.length, 0);
    return { size: fstatSync(fd).size, head: head.subarray(0, read) };
  } finally {
    closeSync(fd);
  }
}

function readHead(file: string): AssetFile {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = new Uint8Array(Math.min(size, JPEG_HEAD_BYTES));
    const read = readSync(fd, head, 0, head.length, 0);
    // Photoshop's extended XMP or an ICC profile in several blocks can put the frame header past the first
    // 128 KB, and such a photo's size went unread (no image-oversized): the blocks are stepped over instead.
    if (size > read && !findImageSize(head.subarray(0, read))) {
      const frame = readFrameHeader(fd, size);
      if (frame) return { size, head: frame };
    }
    return { size, head: head.subarray(0, read) };
  } finally {
    closeSync(fd);
  }
}

/**
 * A JPEG's start-of-frame segment, found by reading each marker's length and stepping over its block, as a
 * two-marker JPEG head (SOI, then the frame) that find-image-size.ts reads; undefined where there is none.
 */
function readFrameHeader(fd: number, size: number): Uint8Array | undefined {
  const at = new Uint8Array(4);
  for (let i = 2, steps = 0; i + 4 <= size && steps < 10_000; steps++) {
    readSync(fd, at, 0, 4, i);
    const marker = at[1] ?? 0;
    if (at[0] !== 0xff) return undefined;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return undefined;
    const length = ((at[2] ?? 0) << 8) | (at[3] ?? 0);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const frame = new Uint8Array(2 + 2 + length);
      frame.set([0xff, 0xd8]);
      readSync(fd, frame, 2, 2 + length, i);
      return frame;
    }
    i += 2 + length;
  }
  return undefined;
}

interface Listed {
  readonly path: string;
  readonly entry: Dirent;
}

function list(dir: string, what: string): Listed[] | 'symlink' {
  try {
    // readdirSync lists what a link to a folder points at, as if it were the folder: a link is not opened.
    if (lstatSync(dir).isSymbolicLink()) return 'symlink';
    const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => !e.isDirectory())
      .map((e) => ({ path: path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'), entry: e }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    if (code === 'ENOTDIR') throw new CourseInputError(`${dir} is a file; ${what} must be a folder`);
    throw error;
  }
}

/** `rel` is the path messages carry; `onDisk` where the file is, when its folder is named in another case. */
function readSource(dir: string, rel: string, onDisk = rel): SourceFile {
  const { text, problem } = decodeText(new Uint8Array(readFileSync(path.join(dir, onDisk))));
  return problem ? { path: rel, text, encoding: problem } : { path: rel, text };
}

function readConfig(dir: string): SourceFile | null | 'symlink' {
  const file = path.join(dir, 'course.yaml');
  try {
    // Not followed, as no other link in a course: a course.yaml linked to another file on the machine
    // (a key, say) would have that file's lines quoted in YAML error messages, on a shared build server too.
    if (lstatSync(file).isSymbolicLink()) return 'symlink';
    if (statSync(file).isDirectory()) throw new CourseInputError(`${file} is a folder; course.yaml must be a file`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return readSource(dir, 'course.yaml');
}

/** `dir` is absolute (the caller resolves it against its working directory). */
export async function loadCourse(dir: string): Promise<CourseSource> {
  let info;
  try {
    info = statSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new CourseInputError(`There is no course folder ${dir}. Give the folder that holds course.yaml with --course DIR`);
    }
    throw error;
  }
  if (!info.isDirectory()) throw new CourseInputError(`${dir} is a file, not a folder. Give the folder that holds course.yaml with --course DIR`);

  const config = readConfig(dir);
  const top = readdirSync(dir);
  const modulesDir = folderName(top, 'modules');
  const assetsDir = folderName(top, 'assets');
  const moduleList = list(path.join(dir, modulesDir), 'modules/');
  const assetList = list(path.join(dir, assetsDir), 'assets/');
  const moduleEntries = moduleList === 'symlink' ? [] : moduleList;
  const assetEntries = assetList === 'symlink' ? [] : assetList;
  const folderCase = [modulesDir, assetsDir].filter((n) => n !== 'modules' && n !== 'assets');
  // Files of the system and of editors are passed over before anything else: macOS writes `._01-basics.md`
  // beside each module on a USB stick or a network share, and Emacs on Windows locks `.#01-basics.md` with
  // a plain file. Both end in .md and were read as modules (a null character, no front matter, duplicate
  // ids), stopping the build of a course copied from a Mac.
  const course = moduleEntries.filter((l) => !SYSTEM_FILE.test(l.path));
  const isModule = (l: Listed) => l.entry.isFile() && !l.path.includes('/') && l.path.endsWith('.md');
  const modules = course.filter(isModule).map((l) => readSource(dir, `modules/${l.path}`, `${modulesDir}/${l.path}`));
  const others: OtherFile[] = course
    .filter((l) => !isModule(l))
    .map((l): OtherFile => ({ path: `modules/${l.path}`, type: l.entry.isSymbolicLink() ? 'symlink' : l.entry.isFile() ? 'file' : 'special' }));
  if (moduleList === 'symlink') others.unshift({ path: 'modules', type: 'symlink' });

  const assetFilesList = assetEntries.filter((l) => l.entry.isFile() && !SYSTEM_FILE.test(l.path));
  const assets = assetFilesList.map((l) => `assets/${l.path}`);
  const assetFiles = new Map(assets.map((a): [string, AssetFile] => {
    const file = path.join(dir, assetsDir, a.slice('assets/'.length));
    if (PARSED_ASSET.test(a)) {
      const data = new Uint8Array(readFileSync(file));
      return [a, { size: data.byteLength, data }];
    }
    if (JPEG.test(a)) return [a, readHead(file)];
    return [a, readStart(file)];
  }));
  // A link to a folder stands for everything under it (judge-url.ts): `assets` itself when it is one.
  const assetLinks = assetList === 'symlink' ? ['assets'] : assetEntries.filter((l) => l.entry.isSymbolicLink()).map((l) => `assets/${l.path}`);
  // `course.yaml.txt`: Notepad adds .txt, and Explorer hides extensions, so the author sees `course.yaml`.
  const configNearMiss = config && config !== 'symlink' ? null : (top.find((n) => /^course\.ya?ml(\.txt)?$/i.test(n) && n !== 'course.yaml') ?? null);
  return { dir, config: config === 'symlink' ? null : config, modules, others, assets, assetFiles, assetLinks, configNearMiss, configLink: config === 'symlink', folderCase };
}

/**
 * The folder the course keeps `name` in: `Assets` when there is no `assets`. macOS and Windows open either
 * spelling, so the course works on the author's computer and loses every module or image on a Linux build
 * server or LMS. Read from the listing, not by opening `assets`, so that it is found on all three alike.
 */
function folderName(top: readonly string[], name: string): string {
  if (top.includes(name)) return name;
  return top.find((n) => n.toLowerCase() === name) ?? name;
}
