/**
 * What `--from` names, as files: a file as it is; a folder, every export in it (`--from exports/`); a name
 * with `*` or `?` in its last part, the exports it matches (`--from exports/2026-*.ndjson` reaches the
 * command unexpanded where no shell expands it: Windows's cmd.exe and PowerShell hand it over as typed).
 * In name order, which for dated exports is time order; in a folder or a pattern's matches, not the JSON files coursepack writes. A folder or pattern that names no export is an
 * error: an empty report would read as "nobody started".
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { exportKind } from './read-export.js';
import { ReportError } from './report-error.js';

/**
 * JSON files coursepack itself writes beside exports, never statements: a sync's cursor (`FILE.cursor.json`),
 * `--format json`'s report.json, the build's activities file. A folder of synced statements and reports
 * (`--sync reports/statements.ndjson --format json --out reports/`, the README's own example) is read as
 * its statements.
 */
const COURSEPACK_OWN = /(\.cursor\.json|^report\.json|-xapi-activities\.json)$/i;

/**
 * A JSON report under a name of its own (`--format json --out reports/week-12.json`, as the README names
 * them) is known by how it starts: its `course` object, then `generatedAt`. Read as an export, it stopped
 * the next `--from reports/` with "not a JSON array of statements".
 */
function isOwnReport(file: string): boolean {
  if (!/\.json$/i.test(file)) return false;
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    // 8 KB: the course's IRI and a name of 200 characters in a non-Latin script come before generatedAt.
    const head = Buffer.alloc(8192);
    const text = head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('utf8');
    return /^\s*\{\s*"course"\s*:\s*\{/.test(text) && text.includes('"generatedAt"');
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function listExports(named: readonly string[]): string[] {
  const files: string[] = [];
  for (const given of named) {
    const base = path.basename(given);
    if (/[*?]/.test(path.dirname(given))) {
      throw new ReportError(`${given}: a pattern can name the files of one folder (--from "exports/2026-*.ndjson"), not folders; name each folder instead (--from exports/2025 --from exports/2026)`);
    }
    if (/[*?]/.test(base)) {
      const dir = path.dirname(given);
      const pattern = new RegExp(`^${base.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, process.platform === 'win32' ? 'i' : '');
      const found = namesIn(dir, given).filter((name) => pattern.test(name) && isExport(dir, name));
      if (found.length === 0) throw new ReportError(`${given} matches no .ndjson or .json export (nor one gzip-compressed)`);
      files.push(...found.map((name) => path.join(dir, name)));
    } else if (isFolder(given)) {
      const found = namesIn(given, given).filter((name) => isExport(given, name));
      if (found.length === 0) throw new ReportError(`${given} is a folder with no .ndjson or .json export in it (nor one gzip-compressed)`);
      files.push(...found.map((name) => path.join(given, name)));
    } else files.push(given);
  }
  return files;
}

/** A file in a folder or a pattern's match that is an export, not one coursepack wrote beside them. */
function isExport(dir: string, name: string): boolean {
  return exportKind(name) !== undefined && !COURSEPACK_OWN.test(name) && isFile(path.join(dir, name)) && !isOwnReport(path.join(dir, name));
}

function namesIn(dir: string, given: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    throw new ReportError(`${given}: the folder ${dir} does not exist or cannot be read`);
  }
}

/** Whether `file` is a folder (false when it is anything else or cannot be read). */
export function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
