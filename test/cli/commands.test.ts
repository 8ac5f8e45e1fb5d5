import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS, usage } from '../../src/cli/commands.js';

describe('the command table', () => {
  // The first import of a command transforms its whole pipeline from source (~1 s alone, near 5 s with the cores
  // busy): more than vitest's 5 s default allows on a loaded CI machine.
  it.each(Object.entries(COMMANDS))('%s: its module exports the function the table names', async (_name, entry) => {
    const module = (await import(`../../src/cli/${entry.module}.ts`)) as Record<string, unknown>;
    expect(typeof module[entry.run]).toBe('function');
  }, 60_000);

  it('names every command module in src/cli (src/bundle.mjs bundles each run-*.ts)', () => {
    const modules = readdirSync(new URL('../../src/cli/', import.meta.url)).filter((f) => /^run-.*\.ts$/.test(f)).map((f) => f.slice(0, -3));
    expect(Object.values(COMMANDS).map((c) => c.module).sort()).toEqual(modules.sort());
  });

  it('lists every command in the help', () => {
    for (const [name, entry] of Object.entries(COMMANDS)) expect(usage()).toContain(`  ${name}`.padEnd(13) + entry.summary);
  });
});
