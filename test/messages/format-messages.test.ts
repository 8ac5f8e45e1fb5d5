import { describe, expect, it } from 'vitest';
import { workflowCommand } from '../../src/messages/github-commands.js';
import { formatGithub, formatHuman, formatJson, makeMessage, sortMessages, summarize } from '../../src/messages/index.js';

const error = makeMessage({
  ruleId: 'check-no-correct', severity: 'error', file: 'modules/02-trust.md',
  place: { start: { line: 14, column: 1 }, end: { line: 20, column: 4 } },
  reason: 'The check has no correct answer', hint: 'Mark the correct option with `[x]`.', url: 'file:///tool/docs/authoring.md#check-no-correct',
});
const warning = makeMessage({
  ruleId: 'empty-page', severity: 'warning', file: 'modules/01-intro.md', place: { line: 3, column: 1 },
  reason: 'Page "A" has no content', hint: 'Add content.', url: 'docs/authoring.md#empty-page',
});
const placeless = makeMessage({ ruleId: 'entry-directory', severity: 'error', file: 'assets/', reason: 'a directory entry', url: 'u' });

describe('makeMessage', () => {
  it('makes a vfile-message with every field filled in', () => {
    expect(error).toMatchObject({
      file: 'modules/02-trust.md', line: 14, column: 1, fatal: true, ruleId: 'check-no-correct', source: 'coursepack',
      reason: 'The check has no correct answer', note: 'Mark the correct option with `[x]`.', url: 'file:///tool/docs/authoring.md#check-no-correct',
      place: { start: { line: 14, column: 1 }, end: { line: 20, column: 4 } },
    });
    expect(error.name).toBe('14:1-20:4');
    expect(warning.fatal).toBe(false);
  });

  it('points at the start of the file when there is no place', () => {
    expect(placeless).toMatchObject({ line: 1, column: 1 });
  });
});

describe('formatHuman', () => {
  it('prints file:line:col, severity, message, rule id, the hint, and a summary', () => {
    expect(formatHuman(sortMessages([error, warning]), (f) => `course/${f}`)).toBe(
      'course/modules/01-intro.md:3:1  warning  Page "A" has no content  empty-page\n  hint: Add content.\n'
      + 'course/modules/02-trust.md:14:1  error    The check has no correct answer  check-no-correct\n  hint: Mark the correct option with `[x]`.\n'
      + '\n1 error, 1 warning\n',
    );
  });

  it('shows control characters in paths, reasons and hints as escapes, so no message moves the cursor or recolours the terminal', () => {
    const raw = makeMessage({
      ruleId: 'not-a-module', severity: 'warning', file: 'modules/photos/Icon\r', place: { line: 1, column: 1 },
      reason: 'Link `img\vbg.svg` and \u001b[2J', hint: 'Tab\there.', url: 'u',
    });
    expect(formatHuman([raw])).toBe('modules/photos/Icon\\r:1:1  warning  Link `img\\vbg.svg` and U+001B[2J  not-a-module\n  hint: Tab\\there.\n\n0 errors, 1 warning\n');
  });

  it('prints nothing when there is nothing to say, and no hint line without a hint', () => {
    expect(formatHuman([])).toBe('');
    expect(formatHuman([placeless])).toBe('assets/:1:1  error    a directory entry  entry-directory\n\n1 error, 0 warnings\n');
    expect(summarize([error, error])).toBe('2 errors, 0 warnings');
  });
});

describe('formatJson', () => {
  it('gives every field of every message, the counts and extra fields', () => {
    const document = JSON.parse(formatJson([error, placeless], (f) => `c/${f}`, { outputs: [] })) as unknown;
    expect(document).toEqual({
      ok: false, errors: 2, warnings: 0, outputs: [],
      messages: [
        {
          file: 'c/modules/02-trust.md', line: 14, column: 1, endLine: 20, endColumn: 4, severity: 'error',
          ruleId: 'check-no-correct', source: 'coursepack', message: 'The check has no correct answer',
          hint: 'Mark the correct option with `[x]`.', url: 'file:///tool/docs/authoring.md#check-no-correct',
        },
        {
          file: 'c/assets/', line: 1, column: 1, endLine: null, endColumn: null, severity: 'error',
          ruleId: 'entry-directory', source: 'coursepack', message: 'a directory entry', hint: null, url: 'u',
        },
      ],
    });
  });
});

describe('formatGithub', () => {
  it('gives one workflow command a message, the rule id as its title and the hint on a second line, then the summary', () => {
    expect(formatGithub(sortMessages([error, placeless]), (f) => `/w/c/${f}`)).toBe(
      '::error file=/w/c/assets/,line=1,col=1,title=entry-directory::a directory entry\n'
      + '::error file=/w/c/modules/02-trust.md,line=14,col=1,endLine=20,title=check-no-correct::The check has no correct answer%0Ahint: Mark the correct option with `[x]`.\n'
      + '2 errors, 0 warnings\n',
    );
    expect(formatGithub([])).toBe('');
  });

  it('escapes what would end a property (: and ,) or the command (a line break), and %, as the runner reads them back', () => {
    const windows = makeMessage({ ruleId: 'empty-page', severity: 'warning', file: 'modules\\50%, done.md', reason: '100% done\r', hint: 'a,b: c', url: 'u' });
    expect(formatGithub([windows], (f) => `C:\\a\\${f}`).split('\n')[0]).toBe(
      '::warning file=C%3A\\a\\modules\\50%25%2C done.md,line=1,col=1,title=empty-page::100%25 done\\r%0Ahint: a,b: c',
    );
    expect(workflowCommand('error', { file: 'a\r\nb', line: null }, 'x%\r\ny')).toBe('::error file=a%0D%0Ab::x%25%0D%0Ay');
    expect(workflowCommand('error', {}, 'plain')).toBe('::error::plain');
  });
});
