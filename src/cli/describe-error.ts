/**
 * What the CLI says when a command throws (issue 13 point 5). A person's mistake or the machine's state
 * (a file where a folder should be, no permission, a full disk) is one or two plain lines; only a real bug
 * gets a stack trace, with a line asking to report it. `--debug` shows the stack for everything.
 * Tiny and dependency-free: the bin loads it.
 */

const PLAIN_ERRORS = new Set(['ToolError', 'CourseInputError']);

/** Node's system errors, as a person reads them (errno names from libuv). */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'it does not exist',
  EACCES: 'permission denied (check who owns it and its permissions)',
  EPERM: 'the operation is not permitted',
  EISDIR: 'it is a folder, where a file was expected',
  ENOTDIR: 'a part of the path is a file, where a folder was expected',
  EEXIST: 'it already exists',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file is too large for this file system or for the limits set on this process',
  EROFS: 'the file system is read-only',
  EMFILE: 'too many files are open',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'it is a loop of symbolic links',
  EBUSY: 'it is busy',
  EIO: 'the disk reported an input/output error',
  ENOTEMPTY: 'it is a folder that is not empty',
  ENXIO: 'it is a device or socket, not a file',
  ETXTBSY: 'it is a program that is running',
  ESTALE: 'the network file system lost track of it (mount it again)',
  // Node's own codes for what libuv would report as EISDIR and EFBIG (`rmSync` on a folder, `readFileSync`
  // past 2 GB): the same plain line, not an internal error.
  ERR_FS_EISDIR: 'it is a folder, where a file was expected',
  ERR_FS_FILE_TOO_LARGE: 'the file is larger than 2 GB, more than coursepack can read',
};

/** Node's system error code as a person reads it (`EACCES` → "permission denied …"), or undefined. */
export function systemReason(code: string | undefined): string | undefined {
  return code === undefined ? undefined : REASONS[code];
}

const ACTIONS: Readonly<Record<string, string>> = {
  open: 'open', read: 'read', write: 'write', scandir: 'list', stat: 'read', lstat: 'read', mkdir: 'create the folder', rename: 'write', unlink: 'remove', rm: 'remove', rmdir: 'remove', copyfile: 'copy', opendir: 'list', realpath: 'read', readlink: 'read',
};

export interface ErrorReport {
  readonly text: string;
  /** True for a bug in coursepack (an internal error). */
  readonly internal: boolean;
}

export function describeError(error: unknown, debug: boolean): ErrorReport {
  const stack = error instanceof Error && debug && error.stack ? `\n${error.stack}` : '';
  if (error instanceof Error && PLAIN_ERRORS.has(error.name)) return { text: `coursepack: ${error.message}${stack}\n`, internal: false };
  const system = error as NodeJS.ErrnoException | undefined;
  if (system && typeof system.code === 'string' && REASONS[system.code]) {
    const action = ACTIONS[system.syscall ?? ''] ?? 'use';
    const target = system.path ? ` ${system.path}` : '';
    return { text: `coursepack: cannot ${action}${target}: ${REASONS[system.code]}${stack}\n`, internal: false };
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return {
    text: `coursepack: internal error: ${message}\nThis is a bug in coursepack, not a mistake in your course: please report it with the command you ran and the text above.\n`,
    internal: true,
  };
}
