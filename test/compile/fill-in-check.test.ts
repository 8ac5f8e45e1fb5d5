/**
 * `:::check{type=fill-in}` from Markdown to the package: accepted answers (`[x]`), foreseen wrong ones (`[ ]`)
 * and the entry for any other answer (`- [ ] *`), feedback shared where an entry has none, the page's form (one
 * named text box that remembers nothing), the course data and the xAPI activity; every way to write one wrong is
 * a positional error, all of them at once.
 */
import { describe, expect, it } from 'vitest';
import { validateCourse } from '../../src/compile/index.js';
import type { CheckData, CourseData } from '../../src/shared/course-data.js';
import { checkCourses, root } from './check-courses.js';

const { courseWith, problems, packed } = checkCourses('fill-in');

const fillInOf = (data: CourseData): CheckData => {
  const check = data.checks.find((c) => c.type === 'fill-in');
  if (!check) throw new Error('no fill-in check');
  return check;
};

const PURPOSE = `:::check{#purpose type=fill-in}
Complete the sentence: a mentoring relationship exists for the mentee's ______.

- [x] learning
  It is the purpose, the process and the product.
- [x] \`growth\`
- [ ] trust
  Trust makes learning possible.
- [ ] respect
- [ ] *
  Look again at the first page.
:::
`;

describe('fill-in checks', () => {
  it('reads accepted, foreseen wrong and other answers; an entry without feedback shares its kind\'s', async () => {
    const { data } = await packed(PURPOSE);
    const check = fillInOf(data);
    expect(check.options).toEqual([
      { id: 'a', correct: true, text: 'learning', feedback: '<p>It is the purpose, the process and the product.</p>' },
      { id: 'b', correct: true, text: 'growth', feedback: '<p>It is the purpose, the process and the product.</p>' },
      { id: 'c', correct: false, text: 'trust', feedback: '<p>Trust makes learning possible.</p>' },
      { id: 'd', correct: false, text: 'respect', feedback: '<p>Look again at the first page.</p>' },
      { id: 'e', correct: false, text: '', feedback: '<p>Look again at the first page.</p>', other: true },
    ]);
    expect(check).toMatchObject({ type: 'fill-in', shuffle: false, prompt: 'Complete the sentence: a mentoring relationship exists for the mentee\'s ______.' });
  });

  it('puts one text box in the page, named "Your answer" in the question\'s group, its 40 characters said, no autocomplete, spelling or autocorrect help, the learner\'s own direction, and no answer', async () => {
    const { html } = await packed(PURPOSE);
    const form = /<form class="cp-check cp-fill-in"[^]*?<\/form>/.exec(html)?.[0] ?? '';
    expect(form).toContain('<legend>Complete the sentence: a mentoring relationship exists for the mentee\'s ______.</legend>');
    expect(form).toContain('<label for="purpose-typed">Your answer</label><p class="cp-check-hint" id="purpose-limit">Up to 40 characters.</p>'
      + '<input type="text" id="purpose-typed" name="answer-purpose" maxlength="40" autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off" dir="auto" aria-describedby="purpose-limit">');
    expect(form).not.toMatch(/learning|growth|trust/i);
  });

  it('describes it to the LRS as a fill-in interaction with every accepted answer a correct response', async () => {
    const { activities } = await packed(PURPOSE);
    const purpose = (JSON.parse(activities) as { activities: Array<{ id: string; definition: Record<string, unknown> }> }).activities.find((a) => a.id.endsWith('/questions/purpose'));
    expect(purpose?.definition).toMatchObject({ interactionType: 'fill-in', correctResponsesPattern: ['learning', 'growth'] });
  });

  it('reports every mistake at its entry, all at once', async () => {
    const found = await problems(`:::check{#wrong type=fill-in shuffle}
Type it.

- [x] Learning
  Right.
- [x] "learning."
- Trust
- [ ] [a link](https://example.org)
- [ ] ${'long '.repeat(9)}
- [ ] ?!
- [x] *
- [ ] *
  Any other.
- [ ] *
:::
`);
    expect(found).toHaveLength(9);
    // Each mistake once, at its entry (the link at its own column).
    for (const [i, pattern] of [
      /:1 directive-invalid-attribute: A fill-in check has no options to shuffle$/, /has no feedback/, /"Learning" and "\"learning\.\"" read as one/, /no `\[x\]` or `\[ \]` marker/, /:7 check-fill-in-answer: The answer has a link/, /is too long: a learner can type at most 40 characters \(44,/, /only punctuation/, /would accept any answer/, /A second/,
    ].entries()) expect(found.filter((f) => pattern.test(f)), `${i}: ${pattern}`).toHaveLength(1);
  });

  it('says what was meant: a catch-all with its feedback on its line, a marker with no words, an answer too long by an emoji', async () => {
    const found = await problems(`:::check{#meant type=fill-in}
Type it.

- [x] Learning
  Right.
- [ ] * any other answer
- [ ] *anything else
- [x]
- [x]
  Yes, that is it.
- [ ] ${'x'.repeat(39)}\u{1f331}
- [ ] *
  Again.
:::
`);
    expect(found.map((f) => f.replace(/^\d+:\d+ /, ''))).toEqual([
      'check-fill-in-answer: The answer "* any other answer" starts with `*`: the entry for any other answer is `*` alone',
      'check-fill-in-answer: The answer "*anything else" starts with `*`: the entry for any other answer is `*` alone',
      'check-fill-in-answer: The answer has no words after its marker',
      'check-fill-in-answer: The answer has no words after its marker',
      `check-fill-in-answer: The answer "${'x'.repeat(39)}\u{1f331}" is too long: a learner can type at most 40 characters (41, an emoji counting as two or more)`,
    ]);
  });

  it('refuses an answer written as a pattern (Moodle\'s short answer, a regular expression), which only its own characters would match', async () => {
    const found = await problems(`:::check{#patterns type=fill-in}
Type it.

- [x] learn*
  Right.
- [x] colou?r
- [x] grow|growth
- [x] /trust(ing)?/
- [x] 2*3
- [x] 2*x
- [x] /etc/
- [x] /usr/local/etc
- [x] Why?
- [ ] *
  Again.
:::
`);
    expect(found.map((f) => f.replace(/^\d+:\d+ /, '').replace(/ \(.*\), but/, ' (…), but'))).toEqual([
      'check-fill-in-answer: The answer "learn*" is written as a pattern (…), but answers are compared as typed: it accepts only "learn*" itself',
      'check-fill-in-answer: The answer "colou?r" is written as a pattern (…), but answers are compared as typed: it accepts only "colou?r" itself',
      'check-fill-in-answer: The answer "grow|growth" is written as a pattern (…), but answers are compared as typed: it accepts only "grow|growth" itself',
      'check-fill-in-answer: The answer "/trust(ing)?/" is written as a pattern (…), but answers are compared as typed: it accepts only "/trust(ing)?/" itself',
    ]);
    expect(found[0]).toMatch(/\(`\*` for any letters\)/);
  });

  it('warns when no accepted answer has feedback, and when there is no `- [ ] *` entry; refuses a check that accepts nothing', async () => {
    const found = await problems(':::check{#bare type=fill-in}\nType it.\n\n- [x] learning\n- [ ] trust\n  Not this.\n:::\n\n:::check{#none type=fill-in}\nType it.\n\n- [ ] trust\n  Not this.\n- [ ] *\n  Again.\n:::\n');
    expect(found.map((f) => f.replace(/^\d+:\d+ /, ''))).toEqual([
      'check-option-no-feedback: No accepted answer of the fill-in check has feedback',
      'check-option-no-feedback: The fill-in check has no `- [ ] *` entry: an answer nobody foresaw gets no feedback but "Not quite."',
      'check-no-correct: The fill-in check accepts no answer',
    ]);
  });

  it('asks for the fill-in words at the first fill-in check of a course in a language without built-in words', async () => {
    const check = ':::check{#f1 type=fill-in}\nType it.\n\n- [x] oui\n  Bien.\n- [ ] *\n  Non.\n:::\n';
    const dir = courseWith(`${check}\n${check.replace('#f1', '#f2')}`, (yaml) => `${yaml.replace(/^language: .*$/m, 'language: fr')}words:\n  answerBox: Votre réponse\n`);
    const { messages } = await validateCourse({ courseDir: dir, cwd: root, toolDir: root });
    const asked = messages.filter((m) => m.ruleId === 'language-words' && m.file?.endsWith('02-check.md'));
    expect(asked.map((m) => m.reason)).toEqual(['The fill-in check\'s own words are English in this `fr` course: `typeAnAnswer`, `acceptedAnswer`, `typedLimit` are not under `words:`']);
  });

  it('quotes a long answer or option in its message without cutting a character in two', async () => {
    // 39 characters, then a teacher (woman, joiner, school) across the cut at 40: the message named a woman.
    const answer = `${'x'.repeat(39)}👩‍🏫 more`;
    const typed = await problems(`:::check{#quoted type=fill-in}\nType it.\n\n- [x] ${answer}\n  Right.\n- [ ] *\n  Again.\n:::\n`);
    expect(typed).toEqual([expect.stringContaining(`The answer "${'x'.repeat(39)}…" is too long`)]);
    // An option with no feedback is quoted to 40 UTF-16 units: 39 kanji and half an emoji (�) before.
    const option = `${'学'.repeat(39)}😀の続き`;
    const chosen = await problems(`:::check{#quoted-option}\nChoose.\n\n- [x] ${option}\n- [ ] 二\n  No.\n:::\n`);
    expect(chosen).toEqual([expect.stringContaining(`Option "${'学'.repeat(39)}" has no feedback`)]);
  });

  it('names a marker typed full-width (an East Asian keyboard in full-width mode), in a fill-in check and a choice check', async () => {
    // Before: "has no `[x]` or `[ ]` marker", beside a line that shows one to the eye.
    const typed = await problems(':::check{#wide type=fill-in}\nType it.\n\n- \uff3b\uff58\uff3d 12\n  Right.\n- [\u3000] *\n  Again.\n:::\n');
    expect(typed.map((p) => p.replace(/^\d+:\d+ /, ''))).toEqual(expect.arrayContaining([
      'check-fill-in-answer: The answer\'s `［ｘ］` is typed with full-width characters, so Markdown does not read it as a marker',
      'check-fill-in-answer: The answer\'s `[　]` is typed with full-width characters, so Markdown does not read it as a marker',
    ]));
    const chosen = await problems(':::check{#wide-choice}\nChoose.\n\n- [\uff58] Yes\n  Right.\n- [ ]\u3000No\n  Wrong.\n:::\n');
    expect(chosen.map((p) => p.replace(/^\d+:\d+ /, ''))).toEqual(expect.arrayContaining([
      'check-option-marker: The option\'s `[ｘ]` is typed with full-width characters, so Markdown does not read it as a marker',
      'check-option-marker: The option\'s `[ ]` is followed by a full-width space (U+3000), not a space, so Markdown does not read it as a marker',
    ]));
  });

  it('reads an answer that starts with a full-width asterisk (`＊印`) as an answer, not as a `*` with words after it', async () => {
    expect(await problems(':::check{#wide-star-word type=fill-in}\nWhat is this mark called in Japanese?\n\n- [x] \uff0a\u5370\n  Right.\n- [ ] *\n  Look again.\n:::\n')).toEqual([]);
  });

  it('reads `- [ ] ＊` (a full-width asterisk) as the entry for any other answer', async () => {
    // Before: an answer "＊" nobody types, and a warning that the check had no `- [ ] *` entry.
    const { data } = await packed(':::check{#wide-star type=fill-in}\nType it.\n\n- [x] 12\n  Right.\n- [ ] \uff0a\n  Look again.\n:::\n');
    const check = data.checks.find((c) => c.id === 'wide-star');
    expect(check?.options.map((o) => [o.text, o.correct, o.other ?? false])).toEqual([['12', true, false], ['', false, true]]);
    expect(await problems(':::check{#wide-star type=fill-in}\nType it.\n\n- [x] 12\n  Right.\n- [ ] \uff0a\n  Look again.\n:::\n')).toEqual([]);
  });
  it('builds a check that lists an answer in two scripts\' digits or with a danda (a course that built before those were read as one); true twins stay an error', async () => {
    // Before: "The answers "12" and "१२" read as one", an error, where the same course built the day before.
    const both = ':::check{#digits type=fill-in}\nHow many months?\n\n- [x] 12\n  Right.\n- [x] \u0967\u0968\n- [x] \u0e51\u0e52\n- [x] \u0938\u0940\u0916\u0928\u093e\n- [x] \u0938\u0940\u0916\u0928\u093e\u0964\n- [ ] *\n  Count again.\n:::\n';
    expect(await problems(both)).toEqual([]);
    const check = fillInOf((await packed(both)).data);
    expect(check.options.map((o) => o.text)).toEqual(['12', '\u0967\u0968', '\u0e51\u0e52', '\u0938\u0940\u0916\u0928\u093e', '\u0938\u0940\u0916\u0928\u093e\u0964', '']);
    // Marked differently, the later is now judged as the earlier: a warning, not an error.
    const marked = await problems(':::check{#marked type=fill-in}\nHow many?\n\n- [x] 12\n  Right.\n- [ ] \u0967\u0968\n  Type 0-9.\n- [ ] *\n  Again.\n:::\n');
    expect(marked.map((p) => p.replace(/^\d+:\d+ /, ''))).toEqual(['check-fill-in-folded: The answers "12" and "\u0967\u0968" are now read as one (every script\'s digits are the digits they stand for, and a danda closes an answer as a full stop does), so "\u0967\u0968" is judged right, as "12" is']);
    // A true twin of either is still an error, as it was.
    const twins = await problems(':::check{#twins type=fill-in}\nHow many?\n\n- [x] 12\n  Right.\n- [x] \u0967\u0968\n- [x] \u0967\u0968.\n- [x] 12!\n- [ ] *\n  Again.\n:::\n');
    expect(twins.map((p) => p.replace(/^\d+:\d+ /, ''))).toEqual([
      'check-fill-in-answer: The answers "12" and "\u0967\u0968." read as one: the player compares answers without capitals, spaces, quotes, invisible characters, full-width or keyboard-specific letter forms, or a closing full stop',
      'check-fill-in-answer: The answers "12" and "12!" read as one: the player compares answers without capitals, spaces, quotes, invisible characters, full-width or keyboard-specific letter forms, or a closing full stop',
    ]);
  });
  it('refuses a check whose only accepted answer is read as a wrong one listed before it: no answer would be judged right', async () => {
    // Before: only check-fill-in-folded, a warning; the package built with a question no learner can get right,
    // "١٢" shown as the right answer and sent as the correct response, yet judged wrong when typed.
    const md = ':::check{#unreachable type=fill-in}\nHow many?\n\n- [ ] 12\n  Type the other digits.\n- [x] \u0661\u0662\n  Right.\n- [ ] *\n  Again.\n:::\n';
    expect((await problems(md)).map((p) => p.replace(/^\d+:\d+ /, '').replace(/:.*/, ''))).toEqual(['check-no-correct', 'check-fill-in-folded']);
    // Another accepted answer the player judges right: the warning alone, as before.
    expect((await problems(md.replace('- [ ] *', '- [x] twelve\n- [ ] *'))).map((p) => p.replace(/^\d+:\d+ /, '').replace(/:.*/, ''))).toEqual(['check-fill-in-folded']);
  });
});
