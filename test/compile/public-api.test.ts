import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/compile/index.js';
import { PACKAGE_RULES } from '../../src/package/index.js';

const docs = readFileSync(new URL('../../docs/authoring.md', import.meta.url), 'utf8');

describe('src/compile public face', () => {
  it('exports only the build entry points, the parse cache (and the parser version its stores key on), the LRS settings and the rule catalog', async () => {
    expect(Object.keys(await import('../../src/compile/index.js')).sort()).toEqual([
      'LRS_ENVIRONMENT', 'PARSE_VERSION', 'RULES', 'ToolError', 'buildCourse', 'createParseCache', 'packCourse', 'readLrsEnvironment', 'validateCourse',
    ]);
  });

  it('documents every rule id with its severity in docs/authoring.md', () => {
    const documented = [...docs.matchAll(/^\| <a id="([a-z0-9-]+)"><\/a>`\1` \| (error|warning) \|/gm)].map((m) => [m[1], m[2]]);
    const catalog = [
      ...Object.entries(RULES).map(([id, [severity]]) => [id, severity]),
      ...Object.keys(PACKAGE_RULES).map((id) => [id, 'error']),
    ];
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(catalog));
  });
});
