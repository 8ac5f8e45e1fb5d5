import { describe, expect, it } from 'vitest';

describe('src/compile public face', () => {
  it('exports only the build entry points, the message helpers and the rule catalog', async () => {
    expect(Object.keys(await import('../../src/compile/index.js')).sort()).toEqual([
      'RULES', 'ToolError', 'buildCourse', 'formatDiagnostic', 'hasErrors', 'summarize', 'validateCourse',
    ]);
  });

  it('documents every rule id in docs/authoring.md', async () => {
    const { RULES } = await import('../../src/compile/index.js');
    const { readFileSync } = await import('node:fs');
    const docs = readFileSync(new URL('../../docs/authoring.md', import.meta.url), 'utf8');
    const documented = [...docs.matchAll(/^\| `([a-z-]+)` \| (error|warning) \|/gm)].map((m) => [m[1], m[2]]);
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(Object.entries(RULES).map(([id, [severity]]) => [id, severity])));
  });
});
