/**
 * What Word, Google Docs and old editors put into files: curly quotes and invisible characters on
 * directive and heading lines, titles of invisible characters, lone CR line endings, captions saved as
 * Windows-1252, curly quotes in YAML. Each made a check, a video or a page vanish, or shipped mangled
 * text, with "no problems found".
 */
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { validateCourse } from '../../src/compile/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'coursepack-pasted-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let count = 0;

/** Problems of the minimal course after `change` edits its second module's text (`null`: leave it). */
async function problems(change: (text: string) => string, extra?: (dir: string) => void): Promise<string[]> {
  const dir = path.join(work, String(++count));
  cpSync(path.join(root, 'test/fixtures/courses/minimal'), dir, { recursive: true });
  const file = path.join(dir, 'modules/02-check.md');
  writeFileSync(file, change(readFileSync(file, 'utf8')));
  extra?.(dir);
  const { messages } = await validateCourse({ courseDir: dir, cwd: root, toolDir: root });
  return messages.map((m) => `${m.line ?? ''}:${m.column ?? ''} ${m.ruleId}: ${m.reason}`);
}

const CHECK = ':::check{#pasted}\nWhich is a tool?\n\n- [x] A hammer\n  Yes.\n- [ ] A cloud\n  No.\n:::\n';

describe('pasted text on a directive or heading line', () => {
  it.each([
    ['a curly-quoted value with a space', ':::check{#pasted type=“multiple choice”}', /curly quote “/],
    ['a no-break space after the braces', ':::check{#pasted}\u00a0', /no-break space, U\+00A0/],
    ['a zero-width space before the colons', '\u200b:::check{#pasted}', /zero-width space, U\+200B/],
    ['a space after the colons', '::: check{#pasted}', /a space between the colons and the name/],
    ['a space before the braces', ':::check {#pasted}', /a space before its `\[` or `\{`/],
    ['an unclosed quote', ':::check{#pasted type="single}', /not closed/],
    ['words after the braces', ':::check{#pasted} (scored)', /words after it on its line: a directive is a line of its own/],
    // What a Chinese, Japanese or Korean keyboard types for a space in its full-width mode.
    ['a full-width space after the braces', ':::check{#pasted}\u3000', /a full-width space, U\+3000/],
    ['full-width colons', '\uff1a\uff1a\uff1acheck{#pasted}', /full-width colons `：：：` where `:::` belongs/],
    ['full-width braces', ':::check\uff5b#pasted\uff5d', /a full-width `｛` where `\{` belongs/],
  ])('%s is an error on its line that names the fault, not a check that silently vanished', async (_name, opener, said) => {
    const found = await problems((text) => `${text}\n${CHECK.replace(':::check{#pasted}', opener)}`);
    expect(found.filter((p) => p.includes('directive-unparsed'))).toEqual([expect.stringMatching(/^\d+:1 directive-unparsed: This line starts like a directive but is not read as one/)]);
    expect(found.find((p) => p.includes('directive-unparsed'))).toMatch(said);
  });

  it.each([
    ['a no-break space after the marks', '##\u00a0Pasted page'],
    ['a byte order mark before them', '\ufeff## Pasted page'],
    ['a zero-width space before them', '\u200b## Pasted page'],
    ['a full-width space after the marks (an East Asian keyboard in full-width mode)', '##\u3000Pasted page'],
    ['full-width marks', '\uff03\uff03 Pasted page'],
  ])('a heading with %s is an error, not a page silently merged into the one before', async (_name, heading) => {
    const found = await problems((text) => `${text}\n${heading}\n\nText.\n`);
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/ heading-unparsed: This line starts like a heading but is not read as one/)]));
  });

  it('a closing fence typed full-width is an error at it, beside the directive it left open', async () => {
    const found = await problems((text) => `${text}\n${CHECK.replace(/:::\n$/, '\uff1a\uff1a\uff1a\n')}\nAfter.\n`);
    expect(found.filter((p) => /directive-(?:unparsed|not-closed)/.test(p)).map((p) => p.replace(/^\d+:/, ''))).toEqual([
      '1 directive-not-closed: `:::check` is never closed: everything after it became part of it',
      '1 directive-unparsed: This line starts like a directive but is not read as one (full-width colons `：：：` where `:::` belongs): it shows as text, and what it holds as ordinary content',
    ]);
  });

  it('leaves alone full-width marks in prose: a ＃hashtag, ＃ inside a line, colons after words, ＃＃＃ as a divider', async () => {
    const found = await problems((text) => `${text}\n\uff03\u30bf\u30b0 and No\uff033, \u6ce8\uff1a\uff1a\u672c\u6587\n\n\uff03\uff03\uff03\n\n${CHECK}`);
    expect(found.filter((p) => /unparsed/.test(p))).toEqual([]);
  });

  it('leaves alone what only looks alike: C++ `::` in a sentence, a #hashtag, a directive that parses', async () => {
    const found = await problems((text) => `${text}\nCall it as ::std::sort in C++, and tag it #1 or #tools; std::audio{x} and \`::video{src="x"}\` as code.\n\n${CHECK}`);
    expect(found.filter((p) => /unparsed/.test(p))).toEqual([]);
  });

  it('words after a directive on its line: the hint says where they go, not to retype pasted quotes', async () => {
    const dir = path.join(work, String(++count));
    cpSync(path.join(root, 'test/fixtures/courses/minimal'), dir, { recursive: true });
    const file = path.join(dir, 'modules/02-check.md');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n${CHECK.replace(':::check{#pasted}', ':::check{#pasted} (scored)')}`);
    const { messages } = await validateCourse({ courseDir: dir, cwd: root, toolDir: root });
    expect(messages.filter((m) => m.ruleId === 'directive-unparsed').map((m) => m.note)).toEqual(['Put the words on a line of their own below it, or inside the directive.']);
  });

  it('a directive after other text on its line (in a quote, after emphasis) is an error at the directive, not a video shown as typed', async () => {
    const found = await problems((text) => `${text}\n> A quote with ::video{src="../assets/square.svg"}\n\n*Watch:* :::callout[Tip]{kind=tip}\n`);
    expect(found.filter((p) => /unparsed/.test(p)).map((p) => p.replace(/^\d+:/, ''))).toEqual([
      '16 directive-unparsed: `::video{…` comes after other text on its line, where Markdown reads it as text: it shows as typed',
      '10 directive-unparsed: `:::callout[…` comes after other text on its line, where Markdown reads it as text: it shows as typed',
    ]);
  });
});

describe('pasted lists', () => {
  it.each([
    ['a no-break space after a hyphen', '-\u00a0Ask about goals\n-\u00a0Meet the mentee', 2, /a no-break space, U\+00A0 where a space belongs/],
    ['a no-break space after a number', '1.\u00a0Ask about goals\n2.\u00a0Meet the mentee', 2, /a no-break space, U\+00A0 where a space belongs/],
    ['a zero-width space before the marker', '\u200b- Ask about goals', 1, /a zero-width space, U\+200B where a space belongs/],
    ['a full-width space after a hyphen', '-\u3000\u76ee\u6a19\u3092\u805e\u304f\n-\u3000\u4f1a\u3046', 2, /a full-width space, U\+3000 where a space belongs/],
    ['bullets Word pasted as characters', '• Ask about goals\n• Meet the mentee\n• Plan a project', 1, /a bullet `•` pasted as a character: it and the 2 lines after it run together as one paragraph, not a list/],
    ['a bullet from Word\'s Symbol font', '·\tAsk about goals', 1, /a bullet `·` pasted as a character: it shows as text, not as a list/],
    ['dashes Word made of hyphens', '– Ask about goals\n– Meet the mentee', 1, /a bullet `–` pasted as a character: it and the line after it run together/],
    // How Japanese writing marks bullets, and list markers from an East Asian keyboard in full-width mode.
    ['Japanese middle-dot bullets', '\u30fb\u76ee\u6a19\u3092\u805e\u304f\n\u30fb\u4f1a\u3046', 1, /a bullet `・` typed as a character: it and the line after it run together/],
    ['full-width hyphens', '\uff0d \u76ee\u6a19\n\uff0d \u4f1a\u3046', 1, /a full-width `－` where `-` belongs: it and the line after it run together/],
    ['full-width asterisks', '\uff0a\u76ee\u6a19\n\uff0a\u4f1a\u3046', 1, /a full-width `＊` where `\*` belongs: it and the line after it run together/],
    ['full-width numbers', '\uff11\uff0e\u76ee\u6a19\n\uff12\uff0e\u4f1a\u3046', 1, /a full-width `１．` where `1\.` belongs: it and the line after it run together/],
  ])('%s is a warning at the line, not a list run together in silence', async (_name, lines, count, said) => {
    const found = (await problems((text) => `${text}\n${lines}\n`)).filter((p) => p.includes('list-unparsed'));
    expect(found).toHaveLength(count);
    expect(found[0]).toMatch(/^\d+:1 list-unparsed: This line starts like a list item but is not read as one/);
    expect(found[0]).toMatch(said);
  });

  it('leaves alone a dash that begins one sentence, a row of bullets as a divider, and a list that parses', async () => {
    const found = await problems((text) => `${text}\n— Yes, she said, we can start there.\n\n• • •\n\n- Ask about goals\n- Meet the mentee\n\n\u30b8\u30e7\u30f3\u30fb\u30b9\u30df\u30b9\n\n\u30fb\u30fb\u30fb\n\n\uff0d \u4e00\u6587\n\n\uff11\uff0e\uff15\u500d\u306b\u306a\u3063\u305f\u3002\n\n\u7b2c\uff11\u7ae0\u3092\u8aad\u3080\u3002\n\uff0a\u8a73\u3057\u304f\u306f\u7b2c\uff12\u7ae0\u3067\u3002\n\n\uff0b\u03b1\u306e\u5de5\u592b\u3092\u3057\u307e\u3059\u3002\n`);
    expect(found.filter((p) => p.includes('list-unparsed'))).toEqual([]);
  });
});

describe('an indented paragraph', () => {
  it('is a warning that it became a code block; fenced code, in a list or a quote too, is not', async () => {
    const found = await problems((text) => `${text}\nA paragraph.\n\n    This paragraph is indented by four spaces.\n\n\`\`\`text\nfenced\n\`\`\`\n\n- An item\n\n  ~~~js\n  fenced in a list\n  ~~~\n\n> \`\`\`\n> fenced in a quote\n> \`\`\`\n`);
    expect(found.filter((p) => p.includes('code-indented')).map((p) => p.replace(/^\d+:/, ''))).toEqual([
      '1 code-indented: This text is indented by four spaces (or a tab), which makes it a code block: it shows in a box, in a typewriter font, as typed',
    ]);
  });
});

describe('a web address written as text', () => {
  it('is a warning at the address (learners cannot open it); a link\'s own words, an autolink, code and an email are left alone', async () => {
    const found = await problems((text) => `${text}\nVisit https://example.org/guide. Or www.example.org, and [https://example.org/x](https://example.org/x), <https://example.org/auto>, \`https://code.example\`, mentor@www.example.org.\n`);
    expect(found.filter((p) => p.includes('url-not-linked')).map((p) => p.replace(/^\d+:/, ''))).toEqual([
      '7 url-not-linked: `https://example.org/guide` is shown as text, not as a link: learners cannot open it',
      '37 url-not-linked: `www.example.org` is shown as text, not as a link: learners cannot open it',
    ]);
  });

  it('is not said of a page title, which may hold no link', async () => {
    const found = await problems((text) => `${text}\n## Resources at www.example.org\n\nText.\n`);
    expect(found.filter((p) => p.includes('url-not-linked'))).toEqual([]);
  });
});

describe('a line of dashes right under text', () => {
  it('is a warning at the dashes (the text became a page title), not a page split in silence; dashes after a blank line are a rule', async () => {
    const found = await problems((text) => `${text}\nSome closing thought.\n---\nNext words.\n\nAnother thought.\n\n---\n\nAfter the rule.\n`);
    expect(found.filter((p) => p.includes('heading-setext')).map((p) => p.replace(/^\d+:/, ''))).toEqual([
      '1 heading-setext: The line of dashes under `Some closing thought.` makes that text a page title: a new page starts there',
    ]);
  });
});

describe('a table pasted from a spreadsheet', () => {
  it('rows of cells between tabs are a warning at the first, not one run-on paragraph in silence; a single tab is left alone', async () => {
    const found = await problems((text) => `${text}\nShape\tColour\tSides\nSquare\tBlue\t4\nTriangle\tRed\t3\n\nA line with\ta tab.\n\nTwo lines\nwith\tdifferent\tcells.\n`);
    expect(found.filter((p) => p.includes('table-unparsed')).map((p) => p.replace(/^\d+:/, ''))).toEqual([
      '1 table-unparsed: This looks like a table but is not read as one (3 lines of 3 cells between tabs, pasted from a spreadsheet or a Word table): the rows run together as one paragraph',
    ]);
  });

  it('a GitHub table without its line of dashes, or with one of another width, is a warning at its header; a whole table is not', async () => {
    const found = await problems((text) => `${text}\n| Shape | Colour |\n|---|\n| Square | Blue |\n\n| Name | School |\n| Ada | North |\n\n| Good | Table |\n|:--|--:|\n| a \\| b | c |\n`);
    expect(found.filter((p) => p.includes('table-unparsed')).map((p) => p.replace(/^\d+:/, ''))).toEqual([
      '1 table-unparsed: This looks like a table but is not read as one (its line of dashes has 1 column and its header 2: they must match): the rows run together as one paragraph',
      '1 table-unparsed: This looks like a table but is not read as one (2 lines between `|` but no line of dashes under the first, `|---|---|`): the rows run together as one paragraph',
    ]);
  });
});

describe('a highlight from another editor', () => {
  it('==words== is a warning at them; an equation and a row of = are left alone', async () => {
    const found = await problems((text) => `${text}\nThe ==first meeting== matters. If x==y, or a == b, and ====.\n`);
    expect(found.filter((p) => p.includes('highlight-unsupported')).map((p) => p.replace(/^\d+:/, ''))).toEqual([
      '5 highlight-unsupported: `==first meeting==` is a highlight, which coursepack does not read: the `==` show as typed',
    ]);
  });
});

describe('an emoji shortcode', () => {
  it(':smile: and :+1: are warnings at them; times, ratios and words with colons are left alone', async () => {
    const found = await problems((text) => `${text}\nGreat job :smile: and :+1: at 10:30:45, a ratio 3:1, note:tip: and Step:one.\n`);
    expect(found.filter((p) => p.includes('emoji-shortcode')).map((p) => p.replace(/^\d+:/, ''))).toEqual([
      '11 emoji-shortcode: `:smile:` is an emoji shortcode, which coursepack does not read: it shows as typed',
      '23 emoji-shortcode: `:+1:` is an emoji shortcode, which coursepack does not read: it shows as typed',
    ]);
  });
});

describe('links Markdown did not read', () => {
  it('a space between `]` and `(`, or in the address, is a warning at the link, not brackets shown in silence', async () => {
    const found = await problems((text) => `${text}\nRead [the guide] (https://example.org/guide) first.\n\n![A square] (../assets/square.svg)\n\nSee [this](https://example.org/a b).\n`);
    expect(found.filter((p) => p.includes('link-unparsed')).map((p) => p.replace(/^\d+:/, ''))).toEqual([
      '6 link-unparsed: `[the guide] (https://example.org/guide)` is not read as a link (a space between `]` and `(`): it shows as typed',
      '1 link-unparsed: `![A square] (../assets/square.svg)` is not read as an image (a space between `]` and `(`): it shows as typed',
      '5 link-unparsed: `[this](https://example.org/a b)` is not read as a link (a space in its address): it shows as typed',
    ]);
  });

  it('leaves alone brackets in prose and links that parse', async () => {
    const found = await problems((text) => `${text}\nHe wrote it [sic] (1999), see [1] (p. 5); [a link](https://example.org "with a title"), [one](<../assets/square.svg>), and \`[code] (x.md)\`.\n`);
    expect(found.filter((p) => p.includes('link-unparsed'))).toEqual([]);
  });

  it('an address in curly quotes is said to be one, not a file outside assets/', async () => {
    const found = await problems((text) => `${text}\nSee [the guide](\u201chttps://example.org/guide\u201d).\n`);
    expect(found.filter((p) => /broken-link|asset-outside/.test(p)).map((p) => p.replace(/^\d+:\d+ /, ''))).toEqual([
      'broken-link: Link `\u201chttps://example.org/guide\u201d` is in curly quotes, which are read as part of the address',
    ]);
  });

  it('a directive value in curly quotes is told to go between straight quotes, not to be written as a Markdown link', async () => {
    const dir = path.join(work, String(++count));
    cpSync(path.join(root, 'test/fixtures/courses/minimal'), dir, { recursive: true });
    const file = path.join(dir, 'modules/02-check.md');
    const text = readFileSync(file, 'utf8').replace('review="01-basics.md#welcome"', 'review=\u201c01-basics.md#welcome\u201d');
    writeFileSync(file, `${text}\n::audio{src=\u201c../assets/square.svg\u201d transcript="../assets/handout.pdf" title="Sound"}\n`);
    const { messages } = await validateCourse({ courseDir: dir, cwd: root, toolDir: root });
    expect(messages.filter((m) => /curly quotes/.test(m.reason)).map((m) => `${m.ruleId}: ${m.note ?? ''}`)).toEqual([
      'broken-link: Type straight quotes around the value: review="01-basics.md#welcome". Text pasted from Word or the web brings curly ones.',
      'missing-asset: Type straight quotes around the value: src="../assets/square.svg". Text pasted from Word or the web brings curly ones.',
    ]);
  });
});

describe('bold Markdown did not read', () => {
  it('a space inside the marks is a warning at them, not stars shown in silence; arithmetic and names are left alone', async () => {
    const found = await problems((text) => `${text}\n**Note: **Mentors listen first.\n\nThen ** ask questions** and wait.\n\nA __dunder__, __init__, 2**3 and 5 ** 2 are fine, and so is **bold**.\n`);
    expect(found.filter((p) => p.includes('emphasis-unparsed')).map((p) => p.replace(/^\d+:/, ''))).toEqual([
      '1 emphasis-unparsed: `**Note: **` is not read as bold (a space before the closing `**`): the marks show as typed',
      '6 emphasis-unparsed: `** ask questions**` is not read as bold (a space after the opening `**`): the marks show as typed',
    ]);
  });
});

describe('an option marker followed by a no-break space', () => {
  it('says what follows the marker instead of only "no marker"', async () => {
    const found = await problems((text) => text.replace('- [x] Blue', '- [x]\u00a0Blue'));
    expect(found).toEqual([expect.stringMatching(/check-option-marker: The option's `\[x\]` is followed by a no-break space \(U\+00A0\), not a space/)]);
  });
});

describe('invisible titles, lone CR, captions and YAML quotes', () => {
  it('a page, module or course title of invisible characters has no words', async () => {
    const found = await problems((text) => text.replace('## The check', '## \u200b\u00ad').replace('title: Check', 'title: "\u200b"'));
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/heading-empty: The page has no title/), expect.stringMatching(/front-matter-invalid: Front matter has no `title`/)]));
  });

  it('reads a module saved with lone CR line endings (classic Mac OS) like one with LF, at the same positions', async () => {
    const lf = await problems((text) => `${text}\n## Empty\n`);
    const cr = await problems((text) => `${text}\n## Empty\n`.replace(/\n/g, '\r'));
    expect(cr).toEqual(lf);
    expect(lf).toEqual([expect.stringMatching(/ empty-page: /)]);
  });

  it('refuses WebVTT captions that are not UTF-8, which browsers would show with �', async () => {
    const found = await problems(
      (text) => `${text}\n::video{src="../assets/clip.webm" captions="../assets/clip.vtt"}\n`,
      (dir) => {
        writeFileSync(path.join(dir, 'assets/clip.webm'), Buffer.from([0x1a, 0x45, 0xdf, 0xa3]));
        writeFileSync(path.join(dir, 'assets/clip.vtt'), Buffer.from('WEBVTT\n\n00:00.000 --> 00:01.000\ncaf\xe9\n', 'latin1'));
      },
    );
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^4:4 file-encoding: The WebVTT captions file is not UTF-8/)]));
  });

  it('says to straighten curly quotes around a YAML value, not to quote it', async () => {
    const found = await problems((text) => text.replace('title: Check', 'title: “Quiz: the end”'));
    expect(found).toEqual([expect.stringMatching(/front-matter-invalid/)]);
    const { messages } = await validateCourse({ courseDir: path.join(work, String(count)), cwd: root, toolDir: root });
    expect(messages[0]?.note).toMatch(/curly quotes/);
  });
});

describe('file names as Word and Finder write them', () => {
  it('a module named with spaces, capitals and accents gets the name to use in its hint', async () => {
    const dir = path.join(work, 'named');
    cpSync(path.join(root, 'test/fixtures/courses/minimal'), dir, { recursive: true });
    renameSync(path.join(dir, 'modules/02-check.md'), path.join(dir, 'modules/02 Check Café.md'));
    const { messages } = await validateCourse({ courseDir: dir, cwd: root, toolDir: root });
    const named = messages.find((m) => m.ruleId === 'module-file-name');
    expect(named?.reason).toBe('Module file name `02 Check Café.md` is not NN-slug.md');
    expect(named?.note).toBe('Rename it to 02-check-cafe.md.');
  });
});

describe('what is refused still counts for the rest', () => {
  it('an unquoted brand colour (a YAML comment) is an error, not a colour silently dropped', async () => {
    const found = await problems((text) => text, (dir) => {
      const yaml = path.join(dir, 'course.yaml');
      writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('color: "#1f5fa8"', 'color: #1f5fa8'));
    });
    expect(found).toEqual([expect.stringMatching(/course-config-invalid: `brand.color` is empty: an unquoted `#…` is a comment to YAML/)]);
  });

  it('a module a Japanese Notepad saved as Shift_JIS ("ANSI") is named so, with how to convert it, and read as Japanese', async () => {
    // Before: "UTF-8 but for some bytes from another encoding: byte 0x90 here is U+0090 in Windows-1252 (and 44 more)",
    // with the advice to retype each of them, and the checks after it read mojibake.
    const found = await problems((text) => text, (dir) => {
      writeFileSync(path.join(dir, 'modules/03-sjis.md'), Buffer.from('2d2d2d0a69643a20736a69730a7469746c653a20904d978a0a6f626a656374697665733a205b93c782de81425d0a6d696e757465733a20350a2d2d2d0a0a232320904d978a82f0927a82ad0a0a904d978a82aa82c882af82ea82ce8a7782d182cd8e6e82dc82e882dc82b982f181420a', 'hex'));
    });
    expect(found.filter((p) => !p.includes('language-words'))).toEqual(['3:8 file-encoding: The file is saved as Japanese (Shift JIS), not UTF-8']);
  });

  it('an SVG refused for its encoding still has its own images checked and counted as used', async () => {
    const found = await problems((text) => `${text}\n[The chart](../assets/chart.svg)\n`, (dir) => {
      writeFileSync(path.join(dir, 'assets/chart.svg'), '<?xml version="1.0" encoding="ISO-8859-1"?><svg xmlns="http://www.w3.org/2000/svg"><image href="photo.png"/></svg>');
      writeFileSync(path.join(dir, 'assets/photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    });
    expect(found.map((p) => p.replace(/^\S+ /, '').split(':')[0])).toEqual(['file-encoding']);
  });
});

describe('a true/false check in the course\'s language', () => {
  const inSpanish = (dir: string) => {
    const file = path.join(dir, 'course.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^language: .*$/m, '').concat('language: es\n'));
  };
  it('takes Verdadero then Falso in a Spanish course, and still True then False', async () => {
    expect(await problems((text) => text.replace('- [ ] True', '- [ ] Verdadero').replace('- [x] False', '- [x] Falso'), inSpanish)).toEqual([]);
    expect(await problems((text) => text, inSpanish)).toEqual([]);
  });
  it('refuses other words, naming the course language\'s pair', async () => {
    expect(await problems((text) => text.replace('- [ ] True', '- [ ] Sí').replace('- [x] False', '- [x] No'), inSpanish)).toEqual([
      '39:1 check-truefalse-options: True/false options must be `True` then `False` (or `Verdadero` then `Falso`)',
    ]);
    // Its hint names the course's pair first, not only English's.
    const dir = path.join(work, String(++count));
    cpSync(path.join(root, 'test/fixtures/courses/minimal'), dir, { recursive: true });
    inSpanish(dir);
    const file = path.join(dir, 'modules/02-check.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('- [ ] True', '- [ ] Sí').replace('- [x] False', '- [x] No'));
    const { messages } = await validateCourse({ courseDir: dir, cwd: root, toolDir: root });
    expect(messages.map((m) => m.note)).toEqual(['A true/false check has exactly two options: `Verdadero` and `Falso` (the course\'s words), or `True` and `False`.']);
    // Not in an English course.
    expect(await problems((text) => text.replace('- [ ] True', '- [ ] Verdadero').replace('- [x] False', '- [x] Falso'))).toEqual([
      '39:1 check-truefalse-options: True/false options must be `True` then `False`',
    ]);
  });

  it('a mistake elsewhere in course.yaml leaves the checks judged in the course\'s language, not English', async () => {
    // Before: course.yaml with any error was set aside for an English placeholder, so a Spanish course's every
    // Verdadero/Falso check was a second error, `True` then `False`, that went away once the first was fixed.
    const withMistakes = (dir: string) => {
      inSpanish(dir);
      writeFileSync(path.join(dir, 'course.yaml'), `${readFileSync(path.join(dir, 'course.yaml'), 'utf8')}words:\n  strat: Empezar\n  falseOption: Falsa\n`);
    };
    expect(await problems((text) => text.replace('- [ ] True', '- [ ] Verdadero').replace('- [x] False', '- [x] Falsa'), withMistakes)).toEqual([
      expect.stringMatching(/ course-config-invalid: `words.strat` is not one of the player's words$/),
    ]);
  });

  it('a YAML mistake in course.yaml (a field given twice) leaves the checks judged in the course\'s language too', async () => {
    // Before: the English placeholder judged them, so a version: written twice also made every Verdadero/Falso check an error.
    const twice = (dir: string) => {
      inSpanish(dir);
      writeFileSync(path.join(dir, 'course.yaml'), `${readFileSync(path.join(dir, 'course.yaml'), 'utf8')}version: 1.0.1\n`);
    };
    expect(await problems((text) => text.replace('- [ ] True', '- [ ] Verdadero').replace('- [x] False', '- [x] Falso'), twice)).toEqual([
      expect.stringMatching(/ course-config-invalid: course.yaml is not valid YAML: The field `version` appears twice$/),
    ]);
    // A language the player does not speak has its words under `words:`, not read past the mistake: not told they are missing.
    const inFrench = (dir: string) => {
      const file = path.join(dir, 'course.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^language: .*$/m, '').concat('language: fr\nversion: 1.0.1\n'));
    };
    expect(await problems((text) => `${text}\n:::check{#paired type=matching}\nMatch them.\n\n- A hammer → nails\n- A saw → wood\n:::\n`, inFrench)).toEqual([
      expect.stringMatching(/ course-config-invalid: course.yaml is not valid YAML: The field `version` appears twice$/),
    ]);
  });

  it('a trueOption given with a space at its end (quoted) still matches the option', async () => {
    const withWords = (dir: string) => {
      inSpanish(dir);
      writeFileSync(path.join(dir, 'course.yaml'), `${readFileSync(path.join(dir, 'course.yaml'), 'utf8')}words:\n  trueOption: "Cierto "\n`);
    };
    expect(await problems((text) => text.replace('- [ ] True', '- [ ] Cierto').replace('- [x] False', '- [x] Falso'), withWords)).toEqual([]);
  });

  it('a YAML mistake in course.yaml leaves a check in the words it gives unjudged, not an error of its own', async () => {
    // Before: `words:` was not read past the mistake, so every Vrai/Faux check of a French course that gives them
    // was also an error, `True` then `False`, which went away once the tab was made spaces.
    const tabbed = (dir: string) => {
      const file = path.join(dir, 'course.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^language: .*$/m, 'language: fr').replace('  retry: missed', '\tretry: missed')
        .concat('words:\n  trueOption: Vrai\n  falseOption: Faux\n'));
    };
    expect(await problems((text) => text.replace('- [ ] True', '- [ ] Vrai').replace('- [x] False', '- [x] Faux'), tabbed)).toEqual([
      expect.stringMatching(/ course-config-invalid: course.yaml is not valid YAML: A tab is used for indentation$/),
    ]);
    // Still two options, though: that needs no words.
    expect((await problems((text) => text.replace('- [x] False\n  Right.\n', '- [x] Faux\n  Right.\n- [ ] Maybe\n  No.\n'), tabbed)).filter((p) => !p.includes('course-config-invalid'))).toEqual([
      '39:1 check-truefalse-options: A true/false check has 3 options; it needs two',
    ]);
  });

  it('a field indented with a tab is said once, not also the correct field under it as indented too far', async () => {
    // Before: `\tpassMark: 80` then `  retry: missed` also said that `retry:` was indented more than `passMark:`,
    // sending the author to a line that was right.
    const tabbed = (dir: string) => {
      const file = path.join(dir, 'course.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('  passMark: 80', '\tpassMark: 80'));
    };
    expect(await problems((text) => text, tabbed)).toEqual([
      '9:1 course-config-invalid: course.yaml is not valid YAML: A tab is used for indentation',
    ]);
    // Nor, with more fields under it, that one of theirs holds `: ` (YAML read them all as one value).
    const tabbedFirst = (dir: string) => {
      const file = path.join(dir, 'course.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('  pages: all', '\tpages: all'));
    };
    expect(await problems((text) => text, tabbedFirst)).toEqual([
      '8:1 course-config-invalid: course.yaml is not valid YAML: A tab is used for indentation',
    ]);
  });

  it('a mistake in course.yaml does not call its brand.logo used by no page', async () => {
    // Before: course.yaml with any error (a pass mark of 150) left the logo out of the course's assets, and it was
    // said to be used by no page, with the advice to link it from one or move it out of assets/.
    const withLogo = (change: (yaml: string) => string) => (dir: string) => {
      cpSync(path.join(dir, 'assets/square.svg'), path.join(dir, 'assets/logo.svg'));
      const file = path.join(dir, 'course.yaml');
      writeFileSync(file, change(readFileSync(file, 'utf8').replace('logo: assets/square.svg', 'logo: assets/logo.svg')));
    };
    expect(await problems((text) => text, withLogo((yaml) => yaml.replace('passMark: 80', 'passMark: 150')))).toEqual([
      expect.stringMatching(/ course-config-invalid: `completion.passMark` must be a number from 0 to 100$/),
    ]);
    expect(await problems((text) => text, withLogo((yaml) => yaml.replace('  retry: missed', '\tretry: missed')))).toEqual([
      expect.stringMatching(/ course-config-invalid: course.yaml is not valid YAML: A tab is used for indentation$/),
    ]);
  });
});
