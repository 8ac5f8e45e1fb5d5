// The fake clock that build-package.test.ts preloads into the CLI to show a build does not depend on the
// time: it must really reach the child process, or the byte-identical check would compare two builds
// made on the same real clock.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fakeClock } from './run-cli.mjs';

describe('fakeClock', () => {
  it('stops Date.now() and new Date() in the child process at the given instant, and leaves other dates alone', async () => {
    const at = Date.UTC(2001, 1, 3, 4, 5, 6);
    const { nodeArgs = [], env = {} } = fakeClock(at);
    const { stdout } = await promisify(execFile)(process.execPath, [...nodeArgs, '-e',
      'console.log(JSON.stringify([Date.now(), new Date().toISOString(), new Date(0).toISOString(), Date.UTC(1980, 0, 1)]))'],
    { env: { ...process.env, ...env } });
    expect(JSON.parse(stdout)).toEqual([at, '2001-02-03T04:05:06.000Z', '1970-01-01T00:00:00.000Z', 315532800000]);
  });
});
