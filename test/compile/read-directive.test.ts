/**
 * A misspelt directive, attribute or callout kind is told what it was likely meant to be, as a check type's typo
 * (type=mutliple → type=multiple) already was: a new author's `:::chek`, `caption=` and `kind=tipp` got only the
 * list of names, to compare letter by letter.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { validateCourse } from '../../src/compile/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'coursepack-directive-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let count = 0;

/** `rule: reason | hint` of each problem of the minimal course with `text` added to its second module. */
async function problems(text: string): Promise<string[]> {
  const dir = path.join(work, String(++count));
  cpSync(path.join(root, 'test/fixtures/courses/minimal'), dir, { recursive: true });
  const file = path.join(dir, 'modules/02-check.md');
  writeFileSync(file, `${readFileSync(file, 'utf8')}\n${text}\n`);
  const { messages } = await validateCourse({ courseDir: dir, cwd: root, toolDir: root });
  return messages.map((m) => `${m.ruleId}: ${m.reason} | ${m.note ?? ''}`);
}

describe('a misspelt directive', () => {
  it.each([
    ['a check', ':::chek{#typo}\nWhich?\n\n- [x] This\n- [ ] That\n:::', 'unknown-directive', 'Did you mean :::check?'],
    ['a callout, closed or not', ':::calout{kind=tip}\nA tip.', 'unknown-directive', 'Did you mean :::callout?'],
    ['a video', '::vidoe{src="../assets/square.svg"}', 'unknown-directive', 'Did you mean ::video{src=…}?'],
    ['an attribute', '::audio{src="../assets/square.svg" transcrpt="../assets/square.svg"}', 'directive-invalid-attribute', 'Did you mean transcript=?'],
    ['a callout kind', ':::callout{kind=tipp}\nA tip.\n:::', 'directive-invalid-attribute', 'Did you mean kind=tip?'],
  ])('%s is told what it was likely meant to be', async (_what, text, rule, hint) => {
    const found = (await problems(text)).filter((p) => p.startsWith(`${rule}:`));
    expect(found.length).toBe(1);
    expect(found[0]).toContain(`| ${hint}`);
  });

  it('a check type in curly quotes is said to want straight ones, and the check is read as that type', async () => {
    const found = await problems(':::check{#curly type=“multiple”}\nWhich?\n\n- [x] This\n  Yes.\n- [x] That\n  Yes.\n- [ ] Neither\n  No.\n:::');
    expect(found).toEqual(['directive-invalid-attribute: Check type `“multiple”` is not known | Type straight quotes around it, or none: type=multiple. Text pasted from Word or the web brings curly ones.']);
  });

  it('a name like none of them gets the list alone', async () => {
    const found = (await problems(':::quizzical\nText.\n:::')).filter((p) => p.startsWith('unknown-directive:'));
    expect(found).toEqual(['unknown-directive: Unknown directive `:::quizzical` | Use one of :::check, :::reflect, :::callout, ::video or ::audio.']);
  });
});
