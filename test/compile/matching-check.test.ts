/**
 * `:::check{type=matching}` from Markdown to the package: items and answers read from `item → answer`
 * lines (or `->`), extra answers from `- → answer`, answers listed alphabetically in the course's
 * language, feedback under an item, the page's form (a named list per item), the course data, the xAPI
 * activity; and every way to write one wrong is a positional error, all of them at once.
 */
import { describe, expect, it } from 'vitest';
import { validateCourse } from '../../src/compile/index.js';
import type { CheckData, CourseData } from '../../src/shared/course-data.js';
import { checkCourses, root } from './check-courses.js';

const { courseWith, problems, packed } = checkCourses('matching');

const matchingOf = (data: CourseData): CheckData => {
  const check = data.checks.find((c) => c.type === 'matching');
  if (!check) throw new Error('no matching check');
  return check;
};

const TOOLS = `:::check{#tools type=matching}
Match each tool to what it does.

- Saw → Cuts wood
  A saw's teeth cut across the grain.
- Hammer -> Drives \`nails\`
- Clamp → Holds parts
- → Measures length
:::
`;

describe('a matching check', () => {
  it('reads items, answers (an extra one too) and feedback, lists the answers alphabetically, and builds a list per item', async () => {
    const { data, html, activities } = await packed(TOOLS);
    const check = matchingOf(data);
    expect(check.targets).toEqual([
      { id: 'a', text: 'Cuts wood' }, { id: 'b', text: 'Drives nails' }, { id: 'c', text: 'Holds parts' }, { id: 'd', text: 'Measures length' },
    ]);
    expect(check.options.map((o) => [o.id, o.text, o.match])).toEqual([['a', 'Saw', 'a'], ['b', 'Hammer', 'b'], ['c', 'Clamp', 'c']]);
    expect(check.options[0]?.feedback).toBe('<p>A saw\'s teeth cut across the grain.</p>');
    expect(check.options[1]?.feedback).toBe('');
    expect(check.prompt).toBe('Match each tool to what it does.');
    // The page has each item's label and list, and no answer: which answer is right is in the course data only.
    const form = /<form class="cp-check cp-matching" id="check-tools".*?<\/form>/s.exec(html)?.[0] ?? '';
    expect(form).toContain('<label for="tools-b">Hammer</label><select id="tools-b" name="tools-b" autocomplete="off"><option value="">Choose an answer</option><option value="a">Cuts wood</option>');
    expect(form.match(/<select /g)).toHaveLength(3);
    expect(form).not.toContain('data-match');
    // "Match each" is in the question, so the hint that says it is left out.
    expect(form).not.toContain('cp-check-hint');
    // The xAPI activity: a matching interaction with its items as source and answers as target.
    const activity = (JSON.parse(activities) as { activities: Array<{ id: string; definition: Record<string, unknown> }> }).activities.find((a) => a.id.endsWith('/questions/tools'));
    expect(activity?.definition).toMatchObject({
      interactionType: 'matching',
      source: [{ id: 'a', description: { en: 'Saw' } }, { id: 'b', description: { en: 'Hammer' } }, { id: 'c', description: { en: 'Clamp' } }],
      target: [{ id: 'a', description: { en: 'Cuts wood' } }, { id: 'b', description: { en: 'Drives nails' } }, { id: 'c', description: { en: 'Holds parts' } }, { id: 'd', description: { en: 'Measures length' } }],
      correctResponsesPattern: ['a[.]a[,]b[.]b[,]c[.]c'],
    });
  });

  it('shares an answer between items, and orders answers by the course language (accents, numbers)', async () => {
    const { data, html } = await packed(`:::check{#es type=matching}
Relacione cada palabra.

- Pino → Árbol
- Roble → Árbol
- Sol → Estrella 10
- Luna → Estrella 2
- → Casa
:::
`, (yaml) => yaml.replace(/^language: .*$/m, 'language: es'));
    const check = matchingOf(data);
    // The letters follow the author's order (so rewording an answer moves no letter); the lists are alphabetical.
    expect(check.targets?.map((t) => [t.id, t.text])).toEqual([['a', 'Árbol'], ['b', 'Estrella 10'], ['c', 'Estrella 2'], ['d', 'Casa']]);
    expect(check.options.map((o) => o.match)).toEqual(['a', 'a', 'b', 'c']);
    const list = /<select id="es-a".*?<\/select>/s.exec(html)?.[0] ?? '';
    expect([...list.matchAll(/<option value="(\w*)">([^<]*)</g)].map((m) => `${m[1]}:${m[2]}`)).toEqual(['_:Elija una respuesta'.replace('_', ''), 'a:Árbol', 'd:Casa', 'c:Estrella 2', 'b:Estrella 10']);
  });

  it('says every mistake at once, each at its item', async () => {
    const found = await problems(`:::check{#bad-matching type=matching}
Match them.

- [x] Saw → Cuts
- Hammer drives nails
- Glue →
- Saw → Joins
- ![](../assets/none.png "decorative") → Holds
- → Extra
  Feedback nobody sees.
:::

:::check{#same-answer type=matching}
Match them.

- Red → Colour
- Blue → Colour
:::

:::check{#one-item type=matching}
Match it.

- Red → Colour
- → Shape
:::

:::check{#twins type=matching}
Match them.

- **Red** → Colour
- Red → Shape
- US → A country
- us → A word
:::
`);
    expect(found.filter((p) => /check-|missing-asset/.test(p))).toEqual([
      expect.stringMatching(/^\d+:1 check-matching-item: A matching item has a `\[ \]` or `\[x\]` marker$/),
      expect.stringMatching(/^\d+:1 check-matching-item: The item "Hammer drives nails" has no `→` \(or `->`\) before its answer$/),
      expect.stringMatching(/^\d+:1 check-matching-item: The matching item has no answer after its arrow$/),
      expect.stringMatching(/^\d+:1 check-matching-item: The matching item has no words before its arrow$/),
      expect.stringMatching(/^\d+:3 missing-asset: /),
      expect.stringMatching(/^\d+:1 check-content-after-options: Feedback under an extra answer, which no item matches, is never shown$/),
      expect.stringMatching(/^\d+:1 check-no-options: Every item of the matching check has the same answer$/),
      expect.stringMatching(/^\d+:1 check-no-options: A matching check needs at least two items/),
      expect.stringMatching(/^\d+:1 check-matching-item: Two items of the matching check read alike: "Red" and "Red"$/),
    ]);
  });

  it('takes one arrow outside code, formatting and raw HTML, and a plain-text answer; says so at the item otherwise', async () => {
    const found = await problems(`:::check{#arrows type=matching}
Match them.

- \`a -> b\` → Reads a member through a pointer
- <code>p->x</code> → Also a member
- Press <kbd>-></kbd> → Goes right
- a->b and c-->d → Words with arrows inside
- **Saw →** Cuts
- Ctrl -> S → Save
- Clamp → Holds <b>parts</b>
- Awl → [a link](https://example.org)
- Hammer → cuts wood
- Mallet → Cuts wood
- Drill ⟶ Makes holes
- File->Smooths edges
- → Choose an answer
:::
`);
    expect(found.filter((p) => /check-|raw-html/.test(p))).toEqual([
      expect.stringMatching(/^\d+:1 check-matching-item: The arrow of the item "Saw → Cuts" is inside bold text, so it does not split the item from its answer$/),
      expect.stringMatching(/^\d+:1 check-matching-item: The item "Ctrl -> S → Save" has 2 arrows; which one splits it from its answer is not clear$/),
      expect.stringMatching(/^\d+:\d+ check-matching-item: The answer after the arrow has raw HTML, which a drop-down list cannot show$/),
      expect.stringMatching(/^\d+:\d+ check-matching-item: The answer after the arrow has a link, which a drop-down list cannot show$/),
      expect.stringMatching(/^\d+:1 check-matching-item: The item "Drill ⟶ Makes holes" has `⟶` \(U\+27F6\), which is not the arrow that splits an item from its answer$/),
      expect.stringMatching(/^\d+:1 check-matching-item: The item "File->Smooths edges" has `->` without a space on each side, so it does not split the item from its answer$/),
      expect.stringMatching(/^\d+:1 check-matching-item: The answer "Choose an answer" reads like the list's empty entry \("Choose an answer"\)$/),
    ]);
    const { data } = await packed(`:::check{#ok type=matching}
Match them.

- \`a -> b\` → Reads a member through a pointer
- <code>p->x</code> → Also \`p->x\`
- Press <kbd>-></kbd> → Goes right
- a->b and c-->d → Words with arrows inside
- Caf\u00e9 → One answer
- Other → One  answer
- Saw <!-- <b> --> blade → Cuts
- <a href="https://example.org/">Saw → blade</a> link → Links
- → Caf\u0065\u0301 and more
:::
`);
    const check = matchingOf(data);
    expect(check.options.map((o) => o.text)).toEqual(['a -> b', 'p->x', 'Press ->', 'a->b and c-->d', 'Caf\u00e9', 'Other', 'Saw blade', 'Saw → blade link']);
    expect(check.targets?.map((t) => t.text)).toEqual(['Reads a member through a pointer', 'Also p->x', 'Goes right', 'Words with arrows inside', 'One answer', 'Cuts', 'Links', 'Caf\u00e9 and more']);
  });

  it('hints at type=matching for arrow items in a check without it, and at the bullet for a list cut in two', async () => {
    const { messages } = await validateCourse({ courseDir: courseWith(`:::check{#forgot}
Match each tool.

- Saw → Cuts
- Hammer → Drives nails
:::

:::check{#bullets type=matching}
Match each tool.

- Saw → Cuts
* Hammer → Drives nails
:::
`), cwd: root, toolDir: root });
    const said = messages.filter((m) => m.ruleId?.startsWith('check-')).map((m) => `${m.ruleId}: ${m.reason} | ${m.note ?? ''}`);
    expect(said).toEqual(expect.arrayContaining([
      'check-option-marker: The option has no `[ ]` or `[x]` marker | For items matched to answers, make it a matching check: :::check{#id type=matching}.',
      'check-content-after-options: Content after the options of a check | A line with another bullet (`*` or `+` instead of `-`) starts a new list: give every option the same bullet.',
    ]));
  });

  it('asks for the matching words at the first matching check of a course in a language without built-in words', async () => {
    const dir = courseWith(`:::check{#m1 type=matching}\nMatch them.\n\n- Saw → Cuts\n- Hammer → Nails\n:::\n\n:::check{#m2 type=matching}\nMatch them.\n\n- Saw → Cuts\n- Hammer → Nails\n:::\n`,
      (yaml) => `${yaml.replace(/^language: .*$/m, 'language: fr')}words:\n  chooseMatch: Choisissez une réponse\n`);
    const { messages } = await validateCourse({ courseDir: dir, cwd: root, toolDir: root });
    const asked = messages.filter((m) => m.ruleId === 'language-words' && m.file?.endsWith('02-check.md'));
    expect(asked.map((m) => m.reason)).toEqual(['The matching check\'s own words are English in this `fr` course: `matchEach`, `matchEachSaid`, `matchEveryItem`, `correctMatch` are not under `words:`']);
  });

  it('refuses more than 26 items or answers (SCORM 1.2 matching responses are single characters)', async () => {
    const items = Array.from({ length: 27 }, (_, i) => `- Item ${i} → Answer ${i}`).join('\n');
    const found = await problems(`:::check{#many type=matching}\nMatch them.\n\n${items}\n:::\n`);
    expect(found.filter((p) => p.includes('check-too-many-options'))).toEqual([
      expect.stringMatching(/check-too-many-options: The matching check has 27 items; the limit is 26$/),
      expect.stringMatching(/check-too-many-options: The matching check has 27 different answers; the limit is 26$/),
    ]);
  });

  it('quotes a long item in its message without cutting a character in two', async () => {
    // 39 kanji, then an emoji across the 40-unit cut: the message printed half of it, an unpaired surrogate (�).
    const item = `${'学'.repeat(39)}😀の続き`;
    const found = await problems(`:::check{#quoted type=matching}\nMatch them.\n\n- ${item} → 答え → 二\n- 二 → 答え二\n:::\n`);
    expect(found).toEqual(expect.arrayContaining([expect.stringContaining(`The item "${'学'.repeat(39)}…" has 2 arrows`)]));
    for (const f of found) expect(f).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('names `->` typed in a keyboard\'s full-width mode (－＞, ー＞) as a look-alike arrow, not "no arrow"', async () => {
    const found = await problems(`:::check{#wide-arrows type=matching}\nMatch them.\n\n- \u8a66\u4f5c \uff0d\uff1e \u805e\u304f\n- \u76ee\u6a19 \u30fc\uff1e \u5206\u3051\u308b\n- \u751f\u5f92 \uffeb \u8fd4\u3059\n:::\n`);
    expect(found.filter((p) => p.includes('check-matching-item')).map((p) => p.replace(/^\d+:\d+ /, ''))).toEqual([
      'check-matching-item: The item "試作 －＞ 聞く" has `－＞`, which is not the arrow that splits an item from its answer',
      'check-matching-item: The item "目標 ー＞ 分ける" has `ー＞`, which is not the arrow that splits an item from its answer',
      'check-matching-item: The item "生徒 ￫ 返す" has `￫` (U+FFEB), which is not the arrow that splits an item from its answer',
    ]);
  });
});

