/**
 * A port that cannot be listened on, said alike by `preview` and `lrs` (src/cli/explain-port-error.ts): what is
 * wrong with it and a command to paste, never a bare libuv code.
 */
import { describe, expect, it } from 'vitest';
import { explainPortError } from '../../src/cli/explain-port-error.js';

const failure = (code: string) => Object.assign(new Error(`listen ${code}`), { code });

describe('explainPortError', () => {
  it.each([
    [failure('EADDRINUSE'), 8080, 'lrs', 'port 8080 on 127.0.0.1 is in use; give another: npx coursepack lrs --port 8081 (or --port 0 for any free one)'],
    [failure('EADDRINUSE'), 8081, 'preview', 'port 8081 on 127.0.0.1 is in use; give another: npx coursepack preview --port 8082 (or --port 0 for any free one)'],
    [failure('EACCES'), 80, 'lrs', 'port 80 on 127.0.0.1 needs privileges (ports below 1024 do); use one of 1024 or above, behind the reverse proxy that answers on port 80 or 443: npx coursepack lrs --port 8080'],
    [failure('EACCES'), 443, 'preview', 'port 443 on 127.0.0.1 needs privileges (ports below 1024 do); use one of 1024 or above: npx coursepack preview --port 8080'],
    [failure('EACCES'), 8080, 'lrs', 'port 8080 on 127.0.0.1 may not be used by you; give another: npx coursepack lrs --port 8081 (or --port 0 for any free one)'],
    [failure('EADDRNOTAVAIL'), 8080, 'lrs', 'port 8080 on 127.0.0.1 cannot be used (EADDRNOTAVAIL); give another: npx coursepack lrs --port 8081 (or --port 0 for any free one)'],
  ] as const)('%s on port %i (%s)', (error, port, command, said) => {
    expect(explainPortError(error, port, '127.0.0.1', command)).toBe(said);
  });
});
