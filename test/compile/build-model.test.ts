/**
 * Course-wide judgements of the model stage (build-model.ts) that no single module shows: here, a pass mark
 * with no scored question to apply it to.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { validateCourse } from '../../src/compile/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'coursepack-model-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let count = 0;
async function messagesOf(completion: string, body: string): Promise<string[]> {
  const dir = path.join(work, `course-${++count}`);
  mkdirSync(path.join(dir, 'modules'), { recursive: true });
  writeFileSync(path.join(dir, 'course.yaml'), `id: c\ntitle: C\ncompletion:\n${completion}`);
  writeFileSync(path.join(dir, 'modules', '01-final.md'), `---\nid: final\ntitle: Final\nobjectives: [Show it.]\nminutes: 5\nassessment: true\n---\n\n## Page\n\n${body}`);
  const { messages } = await validateCourse({ courseDir: dir, cwd: root, toolDir: root });
  return messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.reason}`);
}

const CHECK = ':::check{#q}\nWhich?\n\n- [x] This\n  Yes.\n- [ ] That\n  No.\n:::\n';

describe('a pass mark with no scored question', () => {
  it('is said at passMark: the LMS would hear only completed, never passed or failed', async () => {
    expect(await messagesOf('  passMark: 80\n', 'No questions yet.\n')).toEqual([
      'pass-mark-unused 4:13 `completion.passMark` is 80, but the assessment module `final` has no question: no one passes or fails, and the LMS hears only completed',
    ]);
  });

  it('is an error with `pages: none`: nothing could complete the course', async () => {
    const [message] = await messagesOf('  pages: none\n  passMark: 80\n', 'No questions yet.\n');
    expect(message).toMatch(/^course-config-invalid 5:13 The course can never be completed: `pages: none`/);
  });

  it('is nothing when a check was refused (its question is not lost on purpose: its own error says why)', async () => {
    expect((await messagesOf('  pages: none\n  passMark: 80\n', CHECK.replace('{#q}', ''))).map((m) => m.split(' ')[0])).toEqual(['directive-missing-id']);
  });

  it('is nothing when a scored question is there', async () => {
    expect(await messagesOf('  passMark: 80\n', CHECK)).toEqual([]);
  });
});

describe('a reference with no definition', () => {
  it('is said for an image, and not for brackets written escaped or as character references', async () => {
    const [image] = await messagesOf('  passMark: 80\n', `${CHECK}\n![A chart][chart]\n\nPress \\[Ctrl\\]\\[Alt\\], or [Ctrl]&#91;Alt].\n\n[glossary]: https://example.org/g\n`);
    expect(image).toMatch(/^reference-undefined 20:1 `!\[A chart\]\[chart\]`/);
    // Words in brackets written on purpose, in a module that writes references: escaped, or `&#91;`.
    const escaped = await messagesOf('  passMark: 80\n', `${CHECK}\nSee \\[the mentoring guide\\]\\[guide\\] and &#91;the handbook][guide].\n\n[Read it][glossary]\n\n[glossary]: https://example.org/g\n`);
    expect(escaped.filter((m) => m.startsWith('reference-undefined'))).toEqual([]);
    // Written as is, the same is said.
    const plain = await messagesOf('  passMark: 80\n', `${CHECK}\nSee [the mentoring guide][guide].\n\n[Read it][glossary]\n\n[glossary]: https://example.org/g\n`);
    expect(plain.filter((m) => m.startsWith('reference-undefined'))).toHaveLength(1);
  });
});

describe('ids two directives would give one element', () => {
  const reflect = (id: string) => `:::reflect{#${id}}\nWhat do you think?\n:::\n`;
  const check = (id: string) => CHECK.replace('{#q}', `{#${id}}`);

  // The player finds each box by its element id (`reflect-<id>`): reflection `goals` has the note
  // `reflect-goals-note`, which is the box of reflection `goals-note`, so that box was never kept.
  it('is an error for a reflection whose box has the id of another reflection\'s note or prompt', async () => {
    const messages = await messagesOf('  passMark: 80\n', `${CHECK}\n${reflect('goals')}\n${reflect('goals-note')}`);
    expect(messages).toEqual([
      'duplicate-id 24:1 Reflection `goals-note` gives its box the element id `reflect-goals-note`, which reflection `goals` (line 20) gives its note: the player would find the wrong one',
    ]);
  });

  // Check `check`'s first option is `check-a`, the form of check `a`: the player took the option for the form,
  // and "Check answer" on `a` submitted the page itself, reloading the course in the LMS.
  it('is an error for a check whose form has the id of another check\'s option', async () => {
    const messages = await messagesOf('  passMark: 80\n', `${check('check')}\n${check('a')}`);
    expect(messages).toEqual([
      'duplicate-id 20:1 Check `a` gives its form the element id `check-a`, which check `check` (line 11) gives its option a: the player would find the wrong one',
    ]);
  });

  it('is nothing for ids that only look alike', async () => {
    expect(await messagesOf('  passMark: 80\n', `${check('q-a-b')}\n${check('q')}\n${reflect('r')}\n${reflect('r-2')}\n${reflect('note')}`)).toEqual([]);
  });
});
