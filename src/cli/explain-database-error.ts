/**
 * Why `coursepack lrs` could not open its database at start, in the words the running LRS uses for the same
 * trouble (src/lrs/explain-storage-error.ts). SQLite says only "unable to open database file" or "attempt to
 * write a readonly database", whether the file or its folder is at fault: keys made as root (a file only root
 * may open), or a folder the service user cannot write, where SQLite must make the -wal, -shm and .lock files
 * beside the database. So the file and its folder are looked at, and the one at fault is named.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { storageFailure, UNWRITABLE_ADVICE } from '../lrs/index.js';
import { isFolder } from '../report/list-exports.js';
import { shellWord } from '../shared/shell-word.js';
import { systemReason } from './describe-error.js';

/** What was found on disk: errno codes of the folder's and the file's access checks, and who runs this. */
export interface DatabaseAccess {
  readonly folder?: string | undefined;
  readonly file?: string | undefined;
  readonly user?: string | undefined;
}

/**
 * The folder must be writable, the file (when there) readable and writable, by the user running this. A folder
 * given as --db is EISDIR first: one the user may write passed the checks and was blamed on permissions.
 */
export function checkDatabaseAccess(file: string): DatabaseAccess {
  if (isFolder(file)) return { file: 'EISDIR', user: currentUser() };
  const folder = accessCode(path.dirname(file), constants.W_OK | constants.X_OK);
  return {
    folder,
    file: folder === undefined && existsSync(file) ? accessCode(file, constants.R_OK | constants.W_OK) : undefined,
    user: currentUser(),
  };
}

export function explainDatabaseError(error: unknown, file: string, found: DatabaseAccess): string {
  const folder = path.dirname(file);
  if (found.file === 'EISDIR') return `cannot open database ${file}: it is a folder; give a file for the database, e.g. --db ${shellWord(path.join(file, 'lrs.sqlite'))}`;
  const who = `the user running coursepack lrs${found.user ? ` (${found.user})` : ''}`;
  if (found.folder === 'ENOENT' || found.folder === 'ENOTDIR') return `cannot open database ${file}: its folder ${folder}: ${reasonOf(found.folder)}`;
  if (found.folder !== undefined) {
    return `cannot open database ${file}: ${UNWRITABLE_ADVICE}: the folder ${folder}: ${reasonOf(found.folder)}; ${who} must be able to write it, as SQLite keeps the database's -wal, -shm and .lock files there${chown(found.folder, found.user, shellWord(folder))}`;
  }
  if (found.file !== undefined) {
    return `cannot open database ${file}: ${UNWRITABLE_ADVICE}: the file: ${reasonOf(found.file)}; ${who} must be able to read and write it${chown(found.file, found.user, `${shellWord(file)}*`)}`;
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') return `cannot open database ${file}: ${UNWRITABLE_ADVICE}; ${who} must be able to write it and its folder ${folder}`;
  return `cannot open database ${file}: ${storageFailure(error)?.advice ?? (error as Error).message}`;
}

/**
 * A command to paste where ownership is the trouble (not a read-only disk, where chown cannot help). `target` comes
 * quoted for the shell, so a `*` after the quotes still matches the -wal, -shm and .lock files.
 */
function chown(code: string, user: string | undefined, target: string): string {
  return user && (code === 'EACCES' || code === 'EPERM') ? ` (sudo chown ${shellWord(user)} ${target})` : '';
}

function reasonOf(code: string): string {
  return systemReason(code) ?? code;
}

function accessCode(target: string, mode: number): string | undefined {
  try {
    accessSync(target, mode);
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'EACCES';
  }
}

/** The account's name, if the system has one for it (a container may run as a bare uid). */
function currentUser(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}
