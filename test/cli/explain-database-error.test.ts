/**
 * Why the LRS could not open its database at start (src/cli/explain-database-error.ts): the file or the folder at
 * fault named, in the running LRS's words, with who must be able to write it; never SQLite's bare "unable to
 * open database file".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { checkDatabaseAccess, explainDatabaseError } from '../../src/cli/explain-database-error.js';

const cantOpen = new Database.SqliteError('unable to open database file', 'SQLITE_CANTOPEN');
const readOnly = new Database.SqliteError('attempt to write a readonly database', 'SQLITE_READONLY_DIRECTORY');
const db = '/var/lib/coursepack/lrs.sqlite';
const unwritable = 'the database file or its folder cannot be written (permissions, or a read-only disk)';

describe('explainDatabaseError', () => {
  it.each([
    ['keys made as root, served as the service user', cantOpen, { file: 'EACCES', user: 'lrs' },
      `cannot open database ${db}: ${unwritable}: the file: permission denied (check who owns it and its permissions); the user running coursepack lrs (lrs) must be able to read and write it (sudo chown lrs ${db}*)`],
    ['a file anyone may write in a folder the service user may not', readOnly, { folder: 'EACCES', user: 'lrs' },
      `cannot open database ${db}: ${unwritable}: the folder /var/lib/coursepack: permission denied (check who owns it and its permissions); the user running coursepack lrs (lrs) must be able to write it, as SQLite keeps the database's -wal, -shm and .lock files there (sudo chown lrs /var/lib/coursepack)`],
    ['a read-only disk (no chown helps)', cantOpen, { folder: 'EROFS', user: 'lrs' },
      `cannot open database ${db}: ${unwritable}: the folder /var/lib/coursepack: the file system is read-only; the user running coursepack lrs (lrs) must be able to write it, as SQLite keeps the database's -wal, -shm and .lock files there`],
    ['a folder not made (a mistyped --db)', new TypeError('Cannot open database because the directory does not exist'), { folder: 'ENOENT' },
      `cannot open database ${db}: its folder /var/lib/coursepack: it does not exist`],
    ['SQLite refusing with nothing found wrong on disk, and no user name', cantOpen, {},
      `cannot open database ${db}: ${unwritable}; the user running coursepack lrs must be able to write it and its folder /var/lib/coursepack`],
    ['a damaged file, said as the running LRS says it', new Database.SqliteError('file is not a database', 'SQLITE_NOTADB'), { user: 'lrs' },
      `cannot open database ${db}: the database file is damaged: stop the server and copy a backup in (README, "The embedded LRS")`],
  ] as const)('%s', (_case, error, found, said) => {
    expect(explainDatabaseError(error, db, found)).toBe(said);
  });

  // The command in brackets is pasted into a POSIX shell: a space split the path in two, and `$` was expanded.
  it.each([
    ['a file in a folder with a space', '/tmp/svc dir/lrs.sqlite', { file: 'EACCES', user: 'lrs' }, '(sudo chown lrs "/tmp/svc dir/lrs.sqlite"*)'],
    ['a folder with a space', '/tmp/svc dir/lrs.sqlite', { folder: 'EACCES', user: 'lrs' }, '(sudo chown lrs "/tmp/svc dir")'],
    ['a file whose path holds a $', '/srv/$lrs/lrs.sqlite', { file: 'EPERM', user: 'lrs' }, "(sudo chown lrs '/srv/$lrs/lrs.sqlite'*)"],
    ['a user name with a space (a Windows-style account)', db, { file: 'EACCES', user: 'svc lrs' }, `(sudo chown "svc lrs" ${db}*)`],
  ] as const)('quotes the chown for the shell, the * outside the quotes: %s', (_case, file, found, command) => {
    expect(explainDatabaseError(cantOpen, file, found)).toContain(` ${command}`);
  });

  // `--db /srv/lrs` for the folder: one the user may write passed every check and was called a permissions problem.
  it('names a folder given as --db as a folder, with a file to give instead', () => {
    const folder = mkdtempSync(join(tmpdir(), 'cp-db-folder '));
    try {
      expect(explainDatabaseError(cantOpen, folder, checkDatabaseAccess(folder))).toBe(`cannot open database ${folder}: it is a folder; give a file for the database, e.g. --db "${folder}/lrs.sqlite"`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
