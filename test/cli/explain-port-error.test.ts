/**
 * A port that cannot be listened on, said alike by `preview` and `lrs` (src/cli/explain-port-error.ts): what is
 * wrong with it and a command to paste, never a bare libuv code.
 */
import { describe, expect, it } from 'vitest';
import { explainPortError } from '../../src/cli/explain-port-error.js';
import { missing } from '../helpers/require-tools.js';
import { SHELLS, shellWords } from '../helpers/shell-words.js';

const failure = (code: string) => Object.assign(new Error(`listen ${code}`), { code });

describe('explainPortError', () => {
  it.each([
    [failure('EADDRINUSE'), 8080, 'lrs', 'port 8080 on 127.0.0.1 is in use; give another: npx coursepack lrs --port 8081 (or --port 0 for any free one)'],
    [failure('EADDRINUSE'), 8081, 'preview', 'port 8081 on 127.0.0.1 is in use; give another: npx coursepack preview --port 8082 (or --port 0 for any free one)'],
    [failure('EACCES'), 80, 'lrs', 'port 80 on 127.0.0.1 needs privileges (ports below 1024 do); use one of 1024 or above, behind the reverse proxy that answers on port 80 or 443: npx coursepack lrs --port 8080'],
    [failure('EACCES'), 443, 'preview', 'port 443 on 127.0.0.1 needs privileges (ports below 1024 do); use one of 1024 or above: npx coursepack preview --port 8080'],
    [failure('EACCES'), 8080, 'lrs', 'port 8080 on 127.0.0.1 may not be used by you; give another: npx coursepack lrs --port 8081 (or --port 0 for any free one)'],
    [failure('ECONNRESET'), 8080, 'lrs', 'port 8080 on 127.0.0.1 cannot be used (ECONNRESET); give another: npx coursepack lrs --port 8081 (or --port 0 for any free one)'],
    // --port 0 already asks for any free one: not suggested again (nor is it a privileged port).
    [failure('EACCES'), 0, 'lrs', 'port 0 on 127.0.0.1 may not be used by you; give another: npx coursepack lrs --port 8081'],
  ] as const)('%s on port %i (%s)', (error, port, command, said) => {
    expect(explainPortError(error, port, '127.0.0.1', command, [])).toBe(said);
  });

  // The host at fault, not the port: another port fails alike, so none is suggested.
  const instead = "give one of this computer's addresses (`ip address` lists them), 127.0.0.1 for it alone or 0.0.0.0 for every network: npx coursepack lrs --host 127.0.0.1";
  it.each([
    [failure('EADDRNOTAVAIL'), '10.255.255.1', `--host 10.255.255.1 is not an address of this computer; ${instead}`],
    [failure('ENOTFOUND'), 'lrs.distrct.example', `--host lrs.distrct.example is no such host name; ${instead}`],
    [failure('EAI_AGAIN'), 'lrs.district.example', `--host lrs.district.example could not be looked up (the name server did not answer); ${instead}`],
    [failure('EINVAL'), 'fe80::1', `--host fe80::1 is a link-local address, which needs its interface after a % (fe80::1%eth0); ${instead}`],
    [failure('EINVAL'), '::ffff:1.2.3.4%x', `--host ::ffff:1.2.3.4%x cannot be listened on (EINVAL); ${instead}`],
  ] as const)('%s for --host %s blames the host', (error, host, said) => {
    expect(explainPortError(error, 0, host, 'lrs', [])).toBe(said);
    expect(explainPortError(error, 8080, host, 'lrs', [])).toBe(said);
  });

  // The rest of the command line stays: `npx coursepack lrs --port 8081` alone served a new, empty ./lrs.sqlite
  // instead of the --db the admin gave (every key then failed), and preview showed course/ instead of --course.
  it.each([
    [failure('EADDRINUSE'), 8080, '127.0.0.1', 'lrs', ['--port', '8080', '--db', '/var/lib/coursepack/lrs.sqlite', '--origin', 'https://lms.district.org'],
      'port 8080 on 127.0.0.1 is in use; give another: npx coursepack lrs --port 8081 --db /var/lib/coursepack/lrs.sqlite --origin https://lms.district.org (or --port 0 for any free one)'],
    [failure('EADDRINUSE'), 8080, '127.0.0.1', 'lrs', ['--db', 'my lrs.sqlite'],
      'port 8080 on 127.0.0.1 is in use; give another: npx coursepack lrs --db "my lrs.sqlite" --port 8081 (or --port 0 for any free one)'],
    [failure('EADDRINUSE'), 8081, '127.0.0.1', 'preview', ['--course=course-es', '--port=8081'],
      'port 8081 on 127.0.0.1 is in use; give another: npx coursepack preview --course=course-es --port 8082 (or --port 0 for any free one)'],
    [failure('EACCES'), 80, '127.0.0.1', 'lrs', ['--port', '80', '--db', 'lrs.sqlite', '--quiet'],
      'port 80 on 127.0.0.1 needs privileges (ports below 1024 do); use one of 1024 or above, behind the reverse proxy that answers on port 80 or 443: npx coursepack lrs --port 8080 --db lrs.sqlite --quiet'],
    [failure('EADDRNOTAVAIL'), 8080, '10.255.255.1', 'lrs', ['--host', '10.255.255.1', '--db', 'lrs.sqlite', '--port', '8080'],
      `--host 10.255.255.1 is not an address of this computer; ${instead.replace('--host 127.0.0.1', '--host 127.0.0.1 --db lrs.sqlite --port 8080')}`],
  ] as const)('%s keeps the rest of the command line (%s)', (error, port, host, command, argv, said) => {
    expect(explainPortError(error, port, host, command, argv)).toBe(said);
  });

  it('says the address preview listens on, which it takes no option for', () => {
    expect(explainPortError(failure('EADDRNOTAVAIL'), 8080, '127.0.0.1', 'preview', [])).toBe('cannot listen on 127.0.0.1: it is not an address of this computer');
  });
});

describe('the command to paste reads back as the options given, in each shell', () => {
  describe.each(SHELLS)('%s', (shell) => {
    it.skipIf(missing(shell))('a database path with spaces, quotes, $, !, *, #, letters outside ASCII, a leading =', () => {
      for (const db of ['my lrs.sqlite', "it's $b!.sqlite", '*.sqlite', '#1.sqlite', 'café.sqlite', '=ls']) {
        const said = explainPortError(failure('EADDRINUSE'), 8080, '127.0.0.1', 'lrs', ['--db', db]);
        const line = /give another: (.*) \(or --port 0/.exec(said)?.[1] ?? '';
        expect(shellWords(line, shell), db).toEqual(['npx', 'coursepack', 'lrs', '--db', db, '--port', '8081']);
      }
    });
  });
});
