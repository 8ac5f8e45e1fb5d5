import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { optionWords, shellWord } from '../../src/shared/shell-word.js';
import { missing } from '../helpers/require-tools.js';
import { SHELLS, shellWords } from '../helpers/shell-words.js';

/** Values people's paths, IRIs and agents hold, each of which a shell reads as something else when bare. */
const HOSTILE = [
  'my course', "it's", 'say "hi"', '$b', '${b}', '$(echo no)', '`echo no`', 'wow!', 'a!b', '!!', '*', 'x?', '[x]',
  '#1', 'a #b', 'a&b', 'a;b', 'a|b', '<a>', '(a)', '{a,b}', '~', '~/x', 'back\\slash', 'tab\there', 'two\nlines',
  'café', '日本語 講座', '-x', '--yes', '', ' ', '=x', '=ls', 'a=b', '%1', '^a^b', "'", '"', '\\',
  'https://example.org/c?a=1&b=it\'s$HOME#top', 'account:https://lms.example.org|ana', '{"mbox":"mailto:a!b@x.org"}',
];

describe('shellWord: a word reads back as itself in each shell', () => {
  describe.each(SHELLS)('%s', (shell) => {
    it.skipIf(missing(shell))('every hostile value', () => {
      const line = ['npx', 'coursepack', ...HOSTILE.map(shellWord)].join(' ');
      expect(shellWords(line, shell)).toEqual(['npx', 'coursepack', ...HOSTILE]);
    });
  });

  it.each([
    ['a plain word as it is', 'course', 'course'],
    ['a path as it is', './dist/reports-2026', './dist/reports-2026'],
    ['an address as it is', 'https://lms.example.org/xAPI/', 'https://lms.example.org/xAPI/'],
    ['an address with user@ as it is', 'mailto:ana+1@district.org', 'mailto:ana+1@district.org'],
    ['a space in double quotes (which cmd.exe and PowerShell read too)', 'my course', '"my course"'],
    ['a $ in single quotes', '/tmp/$HOME', "'/tmp/$HOME'"],
    ['a ! in single quotes (history in bash and zsh)', 'wow!', "'wow!'"],
    ['a single quote inside single quotes', "it's $x", "'it'\\''s $x'"],
    ['nothing as an empty pair of quotes', '', '""'],
    ['a leading = quoted (zsh reads =ls as /usr/bin/ls)', '=ls', '"=ls"'],
  ])('%s', (_name, word, quoted) => {
    expect(shellWord(word)).toBe(quoted);
  });
});

describe('optionWords: an option and its value as parseArgs reads them back', () => {
  it.each(['dist', 'my dist', '-x/', '--yes', '', '$b', '=x'])('%j', (value) => {
    const line = `npx coursepack build ${optionWords('out', value)}`;
    const words = shellWords(line, 'sh').slice(3);
    const { values } = parseArgs({ args: words, options: { out: { type: 'string' }, yes: { type: 'boolean' } }, strict: true });
    expect(values.out).toBe(value);
  });

  it('stays as people write it when plain', () => {
    expect(optionWords('out', 'dist')).toBe('--out dist');
    expect(optionWords('out', '-x/')).toBe('--out=-x/');
  });
});
