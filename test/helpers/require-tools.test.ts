// The skip rule of the suite (require-tools.ts): a missing tool is a visible skip, a failure under
// COURSEPACK_STRICT_TESTS=1, and no test file skips any other way.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decideSkip } from './require-tools.js';
import { ROOT } from './run-cli.mjs';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('decideSkip', () => {
  it('runs the test when the tool is there, and says nothing', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(decideSkip('xmllint', true, false)).toBe(false);
    expect(decideSkip('xmllint', true, true)).toBe(false);
    expect(warn).not.toHaveBeenCalled();
  });

  it('skips when the tool is missing, naming it and the install command in the output once', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(decideSkip('zip', false, false)).toBe(true);
    expect(decideSkip('zip', false, false)).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/^SKIPPED: Info-ZIP zip is missing.*Install: apt-get install -y zip\./);
  });

  it('fails instead under COURSEPACK_STRICT_TESTS=1, with the same reason', () => {
    expect(() => decideSkip('chromium', false, true)).toThrow(/^COURSEPACK_STRICT_TESTS=1 and Chromium at .* is missing.*Install: apt-get install -y chromium/);
  });
});

/** Every test file below test/, as a path relative to the repository. */
function testFiles(dir = join(ROOT, 'test')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : testFiles(path);
    return entry.name.endsWith('.test.ts') ? [relative(ROOT, path)] : [];
  });
}

describe('the test files', () => {
  it('skip only through missing(): no .skip, .todo, or skipIf/runIf on another condition', () => {
    const files = testFiles();
    expect(files.length).toBeGreaterThan(40);
    const found = files.flatMap((file) => readFileSync(join(ROOT, file), 'utf8').split('\n').flatMap((line, i) => {
      const bad = /\.(?:skip|todo)\(/.test(line) || /\.(?:skipIf|runIf)\((?!missing\()/.test(line);
      return bad ? [`${file}:${i + 1}: ${line.trim()}`] : [];
    }));
    expect(found).toEqual([]);
  });
});
