/**
 * What a shell makes of a command line coursepack printed, as a person who pastes it gets it: the words the
 * command would be given. Each shell reads the line from its input, as typed at a prompt: bash with history
 * expansion on and zsh interactive (`!` in double quotes is an event there), in an empty folder but for one
 * file, so an unquoted `*` or `?` matches it, with `$b` set, so an unquoted `$b` shows. The line's first word
 * (`npx`, `sqlite3`, `sudo`) is run as a function that only lists its words: nothing is run for real.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const SHELLS = ['sh', 'bash', 'zsh'] as const;
export type Shell = (typeof SHELLS)[number];

/** How each shell is started to read lines as from a prompt (-f: zsh reads no startup files). */
const START: Record<Shell, { readonly args: readonly string[]; readonly first: string }> = {
  sh: { args: ['-s'], first: '' },
  bash: { args: ['-s'], first: 'set -o history -H\n' },
  zsh: { args: ['-f', '-i'], first: '' },
};

/** The words `line` gives its first word, read by `shell`. */
export function shellWords(line: string, shell: Shell): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'cp-shell-words-'));
  try {
    writeFileSync(path.join(dir, 'x'), '');
    const first = /^\S+/.exec(line)?.[0] ?? '';
    const script = `${START[shell].first}${first}() { printf '%s\\0' ${JSON.stringify(first)} "$@"; }\n${line}\n`;
    const run = spawnSync(shell, [...START[shell].args], {
      cwd: dir,
      input: script,
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: dir, LANG: 'C.UTF-8', b: 'EXPANDED' },
      timeout: 20_000,
    });
    return run.stdout.split('\0').slice(0, -1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
