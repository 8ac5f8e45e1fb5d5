import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrastRatio, parseConfig } from '../../src/compile/parse-config.js';
import { PLAYER_WORDS } from '../../src/compile/player-word-lists.js';
import { readBrandSurfaces } from '../../src/compile/read-theme.js';
import { collectMessages } from '../../src/compile/rules.js';

/** The installed theme's surfaces, as the build reads them (load-tool.ts). */
const THEME = readFileSync(new URL('../../templates/player.css', import.meta.url), 'utf8');
const brandSurfaces = readBrandSurfaces(THEME);

function parse(yaml: string) {
  const { report, messages } = collectMessages('docs/authoring.md');
  const config = parseConfig({ path: 'course.yaml', text: yaml }, report, { brandSurfaces });
  return { config, messages: messages.map((m) => `${m.line}:${m.column}-${m.place && 'end' in m.place ? `${m.place.end.line}:${m.place.end.column}` : ''} ${m.ruleId} ${m.reason}`) };
}

describe('parseConfig: tracking and xapi', () => {
  it('defaults: private reflections, no learner names, the default course IRI, no endpoint', () => {
    const { config, messages } = parse('id: my-course\ntitle: T\n');
    expect(messages).toEqual([]);
    expect(config?.tracking).toEqual({ reflections: 'private', learnerNames: false, practiceInteractions: false });
    expect(config?.xapi).toEqual({ activityBase: 'https://coursepack.invalid/courses/my-course', endpoint: null, homePage: null });
  });

  it('reads every field', () => {
    const { config, messages } = parse([
      'id: c', 'title: T', 'tracking:', '  reflections: share', '  learnerNames: true', 'xapi:',
      '  activityBase: https://district.example.org/xapi/courses/c', '  endpoint: https://lrs.example.org/xapi/', '  homePage: https://lms.example.org',
    ].join('\n'));
    expect(messages).toEqual([]);
    expect(config?.tracking).toEqual({ reflections: 'share', learnerNames: true, practiceInteractions: false });
    expect(config?.xapi).toEqual({
      activityBase: 'https://district.example.org/xapi/courses/c', endpoint: 'https://lrs.example.org/xapi/', homePage: 'https://lms.example.org',
      // Where the endpoint is written: a message about it points there (xapi-endpoint-insecure).
      endpointAt: { start: { line: 8, column: 13 }, end: { line: 8, column: 42 } },
    });
  });

  it.each([
    ['https://lms.example.org/xapi-token', { start: { line: 5, column: 13 }, end: { line: 5, column: 47 } }],
    ['http://127.0.0.1:8081/token', { start: { line: 5, column: 13 }, end: { line: 5, column: 40 } }],
    ['http://localhost:8081/token', { start: { line: 5, column: 13 }, end: { line: 5, column: 40 } }],
  ])('reads a token service, with where it is written: %s', (tokenUrl, tokenUrlAt) => {
    const { config, messages } = parse(`id: c\ntitle: T\nxapi:\n  endpoint: https://lrs.example.org/xapi/\n  tokenUrl: ${tokenUrl}\n`);
    expect(messages).toEqual([]);
    expect(config?.xapi).toMatchObject({ tokenUrl, tokenUrlAt });
  });

  it('refuses a key in course.yaml, at the key, with its own rule', () => {
    const { config, messages } = parse('id: c\ntitle: T\nxapi:\n  auth: Basic abc=\n');
    expect(config).toBeNull();
    expect(messages).toEqual(['4:9-4:19 xapi-key-in-config An LRS key in course.yaml ends up in git, where anyone can read it']);
  });

  it.each([
    ['a relative activityBase', 'xapi:\n  activityBase: courses/c', '`xapi.activityBase` must be an absolute http(s) address'],
    ['an IRI that is not http(s)', 'xapi:\n  activityBase: urn:course:c', '`xapi.activityBase` must be an absolute http(s) address'],
    ['a non-http endpoint', 'xapi:\n  endpoint: ftp://lrs', '`xapi.endpoint` must be an absolute http(s) address'],
    ['a home page that is a number', 'xapi:\n  homePage: 3', '`xapi.homePage` must be an absolute http(s) address'],
    // Copied from an LRS's page: the player posted to …/statements/statements, and statements waited in browsers for good.
    ['an endpoint that is the statements resource', 'xapi:\n  endpoint: https://lrs.example.org/xapi/statements',
      '`xapi.endpoint` names the LRS\'s `statements` resource, not its endpoint: statements would go to …/statements/statements, which no LRS answers'],
    ['reflections: public', 'tracking:\n  reflections: public', '`tracking.reflections` must be `private` or `share`'],
    ['learnerNames: yes please', 'tracking:\n  learnerNames: yes please', '`tracking.learnerNames` must be true or false'],
    ['xapi as a list', 'xapi: [a]', '`xapi` must be a mapping (activityBase, endpoint, homePage, tokenUrl)'],
    ['a relative tokenUrl', 'xapi:\n  tokenUrl: /xapi-token', '`xapi.tokenUrl` must be an absolute http(s) address'],
    // The service is sent the LMS session cookie and answers with a key: never in clear, but on this machine.
    ['a tokenUrl over plain http', 'xapi:\n  tokenUrl: http://lms.example.org/xapi-token',
      '`xapi.tokenUrl` is plain http: the LMS session cookie and the LRS key it answers with would cross the network readable by anyone on it, and an LMS served over https blocks the request as mixed content'],
    // The key where people put one in a URL: browsers refuse to fetch such an address, so no statement ever went.
    ['an endpoint with a key and secret in it', 'xapi:\n  endpoint: https://key:secret@lrs.example.org/xapi/',
      '`xapi.endpoint` has a user name or password in it (`https://…@lrs.example.org/xapi/`): browsers refuse to send requests to an address with credentials, so no statement would ever reach the LRS, and the package would carry them for anyone to read'],
    // Baked into the package for anyone to read, and browsers refuse to fetch such an address: no key was ever given.
    ['a tokenUrl with a user name and password in it', 'xapi:\n  tokenUrl: https://svc:secret@lms.example.org/xapi-token',
      '`xapi.tokenUrl` has a user name or password in it (`https://…@lms.example.org/xapi-token`): the package would carry it for anyone to read, and browsers refuse to fetch an address with credentials, so the player would never get a key'],
  ])('refuses %s', (_name, yaml, reason) => {
    const { config, messages } = parse(`id: c\ntitle: T\n${yaml}\n`);
    expect(config).toBeNull();
    expect(messages.map((m) => m.replace(/^\S+ /, ''))).toEqual([`course-config-invalid ${reason}`]);
  });
});

describe('parseConfig: text fields are what the author typed (issue 13 point 3)', () => {
  it.each([
    ['version: 2.10', 'version', '2.10'],
    ['version: 1e3', 'version', '1e3'],
    ['title: 2.50', 'title', '2.50'],
    ['title: 3.10', 'title', '3.10'],
    ['title: true', 'title', 'true'],
    ['title: "quoted 2.10"', 'title', 'quoted 2.10'],
    ['description: 0x1F', 'description', '0x1F'],
  ])('%s', (line, field, expected) => {
    const text = ['id: c', 'title: T', line].filter((l, i, all) => !(i === 1 && all[2]?.startsWith('title:'))).join('\n');
    const { config, messages } = parse(text);
    expect(messages).toEqual([]);
    expect((config as unknown as Record<string, unknown>)[field]).toBe(expected);
  });

  it('keeps numbers where the field is a number', () => {
    expect(parse('id: c\ntitle: T\ncompletion:\n  passMark: 80\n').config?.completion.passMark).toBe(80);
  });

  it('says a long version is a long version, not a long title', () => {
    expect(parse('id: c\ntitle: T\nversion: 2.10.0-release-candidate-1234\n').messages).toEqual([
      "3:10-3:39 course-config-invalid `version` has 29 characters; the limit is 20 (the manifest's version attribute, SCORM 1.2 CAM)",
    ]);
  });

  it('counts a title in UTF-16 units, as Java\'s schema validator counts the manifest\'s (an emoji is two)', () => {
    const { messages } = parse(`id: c\ntitle: "${'x'.repeat(199)}🚀"\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/title-too-long `title` has 201 characters \(an emoji counts as two or more\); the limit is 200$/);
    expect(parse(`id: c\ntitle: "${'x'.repeat(198)}🚀"\n`).messages).toEqual([]);
    // A teacher (woman, joiner, school) is five: "an emoji counts as two" had the author count 198 where 201 were.
    expect(parse(`id: c\ntitle: "${'x'.repeat(196)}👩‍🏫"\n`).messages).toEqual([expect.stringMatching(/ `title` has 201 characters \(an emoji counts as two or more\); the limit is 200$/)]);
  });

  it('refuses an empty version, which no manifest can carry', () => {
    expect(parse('id: c\ntitle: T\nversion: ""\n').messages).toEqual(['3:10-3:12 course-config-invalid `version` is empty']);
  });

  it('reads package.maxSize in MB, or with a unit', () => {
    const at = (end: number) => ({ start: { line: 4, column: 12 }, end: { line: 4, column: end } });
    expect(parse('id: c\ntitle: T\npackage:\n  maxSize: 200\n').config?.package).toEqual({ maxSize: 200_000_000, at: at(15) });
    expect(parse('id: c\ntitle: T\npackage:\n  maxSize: 1.5 GB\n').config?.package).toEqual({ maxSize: 1_500_000_000, at: at(18) });
    expect(parse('id: c\ntitle: T\npackage:\n  maxSize: big\n').messages).toEqual(['4:12-4:15 course-config-invalid `package.maxSize` must be a size such as `200 MB`']);
  });

  it('points at an unclosed quote where it opens, not at the end of the file', () => {
    expect(parse('id: c\ntitle: "Mentoring\nversion: 1.0\nlanguage: en\n').messages[0]).toMatch(/^2:8-2:9 course-config-invalid course.yaml is not valid YAML: This quoted value is never closed$/);
  });

  it('finds the unclosed quote after brackets and commas (the search once looped forever on them)', () => {
    expect(parse('id: c\ntitle: [a, {b: "c\n').messages[0]).toMatch(/^2:\d+-2:\d+ course-config-invalid course.yaml is not valid YAML: /);
  });

  it('refuses YAML aliases that expand without bound, outright', () => {
    const bomb = ['id: c', 'title: T', 'a: &a [x,x,x,x,x,x,x,x,x,x]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]'].join('\n');
    expect(() => parse(bomb)).toThrow(/^course\.yaml:4:8: YAML aliases here expand to too many values/);
  });
});

describe('parseConfig: brand.logo against the files in assets/', () => {
  function parseWith(assets: string[], links: string[]) {
    const { report, messages } = collectMessages('docs/authoring.md');
    parseConfig({ path: 'course.yaml', text: 'id: c\ntitle: T\nbrand:\n  logo: assets/logo.svg\n' }, report, { brandSurfaces, assets, assetLinks: links });
    return messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`);
  }

  it.each([
    ['a link', [], ['assets/logo.svg'], '4:9 symlink-not-followed `assets/logo.svg`: it is a symbolic link, which coursepack does not follow'],
    ['under a linked folder', [], ['assets'], '4:9 symlink-not-followed `assets/logo.svg`: assets, a folder on its path, is a symbolic link, which coursepack does not follow'],
    ['beside a file named the same but for case', ['assets/Logo.svg', 'assets/logo.svg'], [],
      '4:9 asset-name-case `assets/logo.svg` and assets/Logo.svg differ only in case, and Windows and macOS keep them as one'],
  ])('%s', (_name, assets, links, message) => {
    expect(parseWith(assets, links)).toEqual([message]);
  });
});

describe('parseConfig: brand.logo as a Windows author writes it', () => {
  function parseLogo(logo: string) {
    const { report, messages } = collectMessages('docs/authoring.md');
    const config = parseConfig({ path: 'course.yaml', text: `id: c\ntitle: T\nbrand:\n  logo: ${logo}\n` }, report, { brandSurfaces, assets: ['assets/logo.svg'], assetLinks: [] });
    return { logo: config?.brand.logo, messages: messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason} | ${m.note ?? ''}`) };
  }

  it('reads backslashes as slashes, as in a page (`..\\assets\\logo.svg` there is accepted)', () => {
    // Before: "must be an image in assets/ with a plain file name", beside a file of that very name.
    expect(parseLogo('assets\\logo.svg')).toEqual({ logo: 'assets/logo.svg', messages: [] });
  });

  it.each([
    ['a drive path pasted from Explorer', 'C:\\Users\\me\\course\\assets\\logo.svg'],
    ['a file: URL', 'file:///C:/Users/me/course/assets/logo.svg'],
  ])('%s is said to be a file on this computer, with the line to write', (_name, logo) => {
    expect(parseLogo(logo).messages).toEqual([
      `4:9 course-config-invalid \`brand.logo\` \`${logo}\` is a file on this computer, which learners do not have | Copy the file into the course's assets/ folder and write \`logo: assets/logo.svg\`.`,
    ]);
  });
});

describe('parseConfig: brand.color against every surface of the light theme (WCAG 1.4.3)', () => {
  it.each([
    ['the theme\'s own blue', '#0b5cad', null],
    ['dark enough for white, the panels and every tint', '#0a6270', null],
    // 4.98:1 on white and 4.67:1 on the panel grey (which the check knew), but 4.38:1 for a link in a tip
    // callout (axe found it) and, the worst, 4.32:1 in the welcome box.
    ['fine on white, too light on the tints', '#0f7b8a', '`#0f7b8a` has a contrast of 4.32:1 with the light blue of the welcome box (#e7f0fa)'],
    ['too light on white', '#7fb2e5', '`#7fb2e5` has a contrast of 1.94:1 with the light blue of the welcome box (#e7f0fa)'],
  ])('%s: %s', (_name, color, reason) => {
    const { messages } = parse(`id: c\ntitle: T\nbrand:\n  color: "${color}"\n`);
    expect(messages.map((m) => m.replace(/^\S+ \S+ /, '').replace(/; WCAG AA.*$/, ''))).toEqual(reason ? [reason] : []);
  });
});

describe('readBrandSurfaces: the theme is the one source of the colours the brand colour is checked on', () => {
  it('reads the light theme (the first :root), not the dark one', () => {
    expect(Object.fromEntries(brandSurfaces.map((s) => [s.name, s.color]))).toEqual({
      '--cp-bg': '#ffffff', '--cp-panel': '#f3f5f8', '--cp-raised': '#ffffff', '--cp-accent-soft': '#e7f0fa',
      '--cp-good-soft': '#e6f4ea', '--cp-bad-soft': '#fdf3f3', '--cp-warn-soft': '#fff4ce', '--cp-accent-text': '#ffffff',
    });
  });

  it('lists every tinted background of the theme (a new --cp-*-soft is a surface links may sit on)', () => {
    const soft = [...new Set([...THEME.matchAll(/(--cp-[a-z]+-soft)\s*:/g)].map((m) => m[1]))].sort();
    expect(soft.filter((name) => !brandSurfaces.some((s) => s.name === name))).toEqual([]);
  });

  it('a theme without one of them is a broken install (ToolError), not a pass', () => {
    expect(() => readBrandSurfaces(THEME.replace('--cp-good-soft: #e6f4ea;', ''))).toThrow(/--cp-good-soft/);
  });

  it('the theme\'s own accent passes its own check', () => {
    expect(Math.min(...brandSurfaces.map((s) => contrastRatio('#0b5cad', s.color)))).toBeGreaterThanOrEqual(4.5);
  });
});

describe('parseConfig: the player\'s words (language, words:)', () => {
  // Every word but the certificate's nine, the matching check's five and the fill-in check's four, which only
  // a course with a certificate or such a check shows (the checks' words are asked for at the check: build-model.ts).
  const WORDS = Object.keys(PLAYER_WORDS['en']!).length - 1 - 9 - 5 - 4;

  it('English and Spanish are built in: no message, the list of the primary subtag', () => {
    for (const [language, lang, next] of [['en', 'en', 'Next'], ['es-MX', 'es-MX', 'Siguiente']] as const) {
      const { config, messages } = parse(`id: c\ntitle: T\nlanguage: ${language}\n`);
      expect(messages).toEqual([]);
      expect(config?.words.next).toBe(next);
      expect(config?.words.lang).toBe(lang);
    }
  });

  it('words: changes any word of a built-in list, text for text and forms for a count', () => {
    const { config, messages } = parse('id: c\ntitle: T\nwords:\n  checkAnswer: Submit\n  moduleCount:\n    one: "{n} unit"\n    other: "{n} units"\n  pageCount: "{n} screens"\n');
    expect(messages).toEqual([]);
    expect(config?.words.checkAnswer).toBe('Submit');
    expect(config?.words.moduleCount).toEqual({ one: '{n} unit', other: '{n} units' });
    expect(config?.words.pageCount).toBe('{n} screens');
    expect(config?.words.next).toBe('Next');
  });

  it('a language the player does not speak: a warning at `language` saying how many words are English, and the build goes on', () => {
    const { config, messages } = parse('id: c\ntitle: T\nlanguage: vi\nwords:\n  next: Tiếp theo\n');
    expect(config?.words.next).toBe('Tiếp theo');
    expect(config?.words.previous).toBe('Previous');
    // The given word follows Vietnamese plural rules, the English ones English rules.
    expect(config?.words.lang).toBe('en');
    expect(config?.words.given).toEqual({ lang: 'vi', keys: ['next'] });
    expect(messages).toEqual([
      `3:11-3:13 language-words The player's own words are English in this \`vi\` course: ${WORDS - 1} of ${WORDS} (\`skipToContent\`, \`contents\`, \`pageNavigation\`, …) are not under \`words:\``,
    ]);
  });

  it('every word given: no warning', () => {
    const en = parse('id: c\ntitle: T\n').config!.words;
    const lines = Object.entries(en).filter(([k]) => k !== 'lang').flatMap(([k, v]) => typeof v === 'string'
      ? [`  ${k}: ${JSON.stringify(`[vi] ${v}`)}`]
      : [`  ${k}:`, `    one: ${JSON.stringify(`[vi] ${v.one}`)}`, `    other: ${JSON.stringify(`[vi] ${v.other}`)}`]);
    const { config, messages } = parse(`id: c\ntitle: T\nlanguage: vi\nwords:\n${lines.join('\n')}\n`);
    expect(messages).toEqual([]);
    expect(config?.words.next).toBe('[vi] Next');
  });

  it('no language-words warning for a tag that is not one: its own error says it', () => {
    const { messages } = parse('id: c\ntitle: T\nlanguage: english!\n');
    expect(messages.map((m) => m.split(' ')[1])).toEqual(['course-config-invalid']);
  });

  it.each([
    ['  nxet: Weiter', '5:3-5:7 course-config-invalid `words.nxet` is not one of the player\'s words'],
    ['  check-answer: Prüfen', '5:3-5:15 course-config-invalid `words.check-answer` is not one of the player\'s words'],
    ['  next: "Weiter {n}"', '5:9-5:21 course-config-invalid `words.next` uses {n}, which the player does not fill in'],
    ['  questionNumber: Frage {n} von {total} ({score})', '5:19-5:50 course-config-invalid `words.questionNumber` uses {score}, which the player does not fill in'],
    // Typed in a keyboard's full-width mode: learners read "問題｛n｝／｛total｝" on every question.
    ['  questionNumber: \u554f\u984c{n}\uff0f\uff5btotal\uff5d', '5:19-5:32 course-config-invalid `words.questionNumber` has `｛total｝`, typed with full-width characters, which the player does not fill in'],
    ['  aboutMinutes: \u7d04\uff5b\uff4e\uff5d\u5206', '5:17-5:22 course-config-invalid `words.aboutMinutes` has `｛ｎ｝`, typed with full-width characters, which the player does not fill in'],
    ['  next:', '5:8-5:8 course-config-invalid `words.next` must be text'],
    ['  next: [a, b]', '5:9-5:15 course-config-invalid `words.next` must be text'],
    ['  moduleCount:\n    one: Modul', '6:5-7:1 course-config-invalid `words.moduleCount.other` must be text'],
    [`  next: ${'x'.repeat(501)}`, `5:9-5:510 course-config-invalid \`words.next\` has 501 characters; the limit is 500`],
  ])('refuses %j', (line, expected) => {
    const { config, messages } = parse(`id: c\ntitle: T\nlanguage: de\nwords:\n${line}\n`);
    expect(config).toBeNull();
    expect(messages.filter((m) => !m.includes('language-words'))).toEqual([expected]);
  });

  it('names the nearest word: a typo, or the same word in another case or with dashes', () => {
    const hints = (line: string) => {
      const { report, messages } = collectMessages('docs/authoring.md');
      parseConfig({ path: 'course.yaml', text: `id: c\ntitle: T\nwords:\n${line}\n` }, report, { brandSurfaces });
      return messages.map((m) => m.note);
    };
    expect(hints('  nxet: Weiter')).toEqual(['Did you mean `next`? The words are listed in docs/authoring.md (Player words).']);
    expect(hints('  check-answer: Prüfen')).toEqual(['Did you mean `checkAnswer`? The words are listed in docs/authoring.md (Player words).']);
    expect(hints('  zzzzzzzz: x')).toEqual(['The words are listed in docs/authoring.md (Player words).']);
  });

  it('keeps the spaces a quoted word has at its ends, which several words need', () => {
    const { config, messages } = parse('id: c\ntitle: T\nlanguage: de\nwords:\n  taskDone: "Erledigt: "\n  viewed: " (gesehen)"\n  next:   Weiter  \n');
    expect(messages.filter((m) => !m.includes('language-words'))).toEqual([]);
    expect([config?.words.taskDone, config?.words.viewed, config?.words.next]).toEqual(['Erledigt: ', ' (gesehen)', 'Weiter']);
  });

  it('a word that counts takes the plural categories of its language; the given words keep the course language', () => {
    const { config, messages } = parse('id: c\ntitle: T\nlanguage: ru\nwords:\n  moduleCount:\n    one: "{n} модуль"\n    few: "{n} модуля"\n    many: "{n} модулей"\n    other: "{n} модуля"\n');
    expect(messages.filter((m) => !m.includes('language-words'))).toEqual([]);
    expect(config?.words.moduleCount).toEqual({ one: '{n} модуль', few: '{n} модуля', many: '{n} модулей', other: '{n} модуля' });
    expect(config?.words.lang).toBe('en');
    expect(config?.words.given).toEqual({ lang: 'ru', keys: ['moduleCount'] });
  });

  it.each([
    ['  moduleCount:\n    one: "{n} Modul"\n    several: "{n} Module"\n    other: "{n} Module"', '7:5-7:12 course-config-invalid `words.moduleCount.several` is not a plural category'],
    ['  authorVerdicts: "richtig|"', '5:19-5:29 course-config-invalid `words.authorVerdicts` has an empty or capitalised phrase'],
    ['  chooseAllSaid: "Alle zutreffenden"', '5:18-5:37 course-config-invalid `words.chooseAllSaid` has an empty or capitalised phrase'],
  ])('refuses %j', (line, expected) => {
    const { config, messages } = parse(`id: c\ntitle: T\nlanguage: de\nwords:\n${line}\n`);
    expect(config).toBeNull();
    expect(messages.filter((m) => !m.includes('language-words'))).toEqual([expected]);
  });

  it('warns when a word that counts lacks a form its language uses, and not when it has them all', () => {
    const lacking = parse('id: c\ntitle: T\nlanguage: ru\nwords:\n  pageCount:\n    one: "{n} страница"\n    other: "{n} страницы"\n');
    expect(lacking.messages.filter((m) => m.includes('words-plural-forms'))).toEqual([
      '5:3-5:12 words-plural-forms `words.pageCount` has no `few` form, which `ru` uses (2, 3, 4, …): those numbers read with `other`',
      '5:3-5:12 words-plural-forms `words.pageCount` has no `many` form, which `ru` uses (0, 5, 6, …): those numbers read with `other`',
    ]);
    expect(lacking.config).not.toBeNull();
    const whole = parse('id: c\ntitle: T\nlanguage: ru\nwords:\n  pageCount:\n    one: "{n} страница"\n    few: "{n} страницы"\n    many: "{n} страниц"\n    other: "{n} страницы"\n');
    expect(whole.messages.filter((m) => m.includes('words-plural-forms'))).toEqual([]);
    // French and Spanish have a `many` form, for millions only: nothing a course counts, no warning.
    for (const language of ['fr', 'es', 'it']) {
      expect(parse(`id: c\ntitle: T\nlanguage: ${language}\nwords:\n  pageCount:\n    one: "{n} p"\n    other: "{n} pp"\n`).messages.filter((m) => m.includes('words-plural-forms')), language).toEqual([]);
    }
    // One text for every number is the author's choice: no warning.
    expect(parse('id: c\ntitle: T\nlanguage: ru\nwords:\n  pageCount: "страниц: {n}"\n').messages.filter((m) => m.includes('words-plural-forms'))).toEqual([]);
  });
});

describe('parseConfig: certificate', () => {
  it('asks no translation of the certificate\'s words in a course that gives none', () => {
    const words = Object.keys(PLAYER_WORDS['en'] ?? {}).filter((k) => k !== 'lang' && !/certificate|Certificate|certifies|completedTheCourse|yourNameHere/.test(k));
    const yaml = `id: c\ntitle: T\nlanguage: fr\nwords:\n${words.map((k) => `  ${k}: ${JSON.stringify(PLAYER_WORDS['en']?.[k as 'next'])}`).join('\n')}\n`;
    expect(parse(yaml).messages).toEqual([]);
    expect(parse(`${yaml}certificate: true\n`).messages).toEqual([expect.stringMatching(/language-words .*: 9 of 147 \(`yourCertificate`, `certificateTitle`, `certifiesThat`, …\)/)]);
  });

  it.each([
    ['absent', '', null],
    ['false', 'certificate: false\n', null],
    ['true', 'certificate: true\n', { credit: '' }],
    ['a credit line, as typed', 'certificate:\n  credit: 2.50 PD hours\n', { credit: '2.50 PD hours' }],
    ['a mapping without credit', 'certificate:\n  credit:\n', { credit: '' }],
  ])('%s', (_, yaml, certificate) => {
    const { config, messages } = parse(`id: c\ntitle: T\n${yaml}`);
    expect(messages).toEqual([]);
    expect(config?.certificate).toEqual(certificate);
  });

  it.each([
    ['a word', 'certificate: yes please\n', /^4:14-4:24 course-config-invalid `certificate` must be `true`, `false` or a mapping with `credit`$/],
    ['an unknown key', 'certificate:\n  hours: 2\n', /course-config-invalid .*`certificate\.hours`/],
    ['a list as credit', 'certificate:\n  credit: [2, hours]\n', /course-config-invalid `certificate\.credit` must be text$/],
    ['a credit too long', `certificate:\n  credit: ${'x'.repeat(201)}\n`, /course-config-invalid `certificate\.credit` has 201 characters; the limit is 200$/],
    ['an empty certificate', 'certificate:\n', /course-config-invalid `certificate` is empty$/],
    ['a credit of two lines', 'certificate:\n  credit: |\n    2 PD hours\n    from the district\n', /course-config-invalid `certificate\.credit` has more than one line$/],
  ])('refuses %s, at the field', (_, yaml, said) => {
    const { config, messages } = parse(`id: c\ntitle: T\n\n${yaml}`);
    expect(config).toBeNull();
    expect(messages).toEqual([expect.stringMatching(said)]);
  });
});

describe('parseConfig: a folded description in Chinese or Japanese', () => {
  it('joins its lines without the space YAML folds a line break into; Korean lines and typed spaces keep theirs', () => {
    // Before: "…講座です。 メンタリング…" on the cover, a space after the full stop where Japanese has none.
    const folded = (lines: string[]) => parse(`id: c\ntitle: T\ndescription: >-\n${lines.map((l) => `  ${l}`).join('\n')}\n`).config?.description;
    expect(folded(['\u81ea\u7fd2\u8b1b\u5ea7\u3067\u3059\u3002', '\u30e1\u30f3\u30bf\u30ea\u30f3\u30b0\u3068\u306f\u3002'])).toBe('\u81ea\u7fd2\u8b1b\u5ea7\u3067\u3059\u3002\u30e1\u30f3\u30bf\u30ea\u30f3\u30b0\u3068\u306f\u3002');
    expect(folded(['\uc790\uc2b5 \uac15\uc88c\uc785\ub2c8\ub2e4.', '\uba58\ud1a0\ub9c1.'])).toBe('\uc790\uc2b5 \uac15\uc88c\uc785\ub2c8\ub2e4. \uba58\ud1a0\ub9c1.');
    expect(folded(['\u7b2c1\u7ae0 \u4fe1\u983c', 'and more'])).toBe('\u7b2c1\u7ae0 \u4fe1\u983c and more');
  });
});

describe('parseConfig: a field name followed by a full-width colon', () => {
  it('names the colon at its line, where YAML said "Implicit keys need to be on a single line"', () => {
    expect(parse('id: c\ntitle: T\nversion\uff1a1.0.0\nlanguage: ja\n').messages).toEqual([
      expect.stringMatching(/^3:1-.* course-config-invalid course\.yaml is not valid YAML: `version` is followed by a full-width colon `：`, which YAML does not read as the colon after a field name$/),
    ]);
  });
});

describe('parseConfig: a number typed in full-width digits', () => {
  it('says that `passMark: ８０` is full-width, where it said "must be a number from 0 to 100" beside what looks like 80', () => {
    expect(parse('id: c\ntitle: T\ncompletion:\n  passMark: \uff18\uff10\n').messages).toEqual([
      expect.stringMatching(/ course-config-invalid `completion.passMark` is `８０`, in full-width digits, which YAML reads as text$/),
    ]);
  });
});

describe('parseConfig: an invisible character in a field', () => {
  it('is named only right after `name:`: a no-break space before `:` or `?` in a value is French typography', () => {
    const { messages } = parse('id: c\ntitle: Le mentorat\u00a0: guide pratique\nlanguage: fr\n');
    expect(messages.join('\n')).not.toMatch(/no-break space/);
    expect(messages.join('\n')).toMatch(/course-config-invalid|yaml/);
    expect(parse('id: c\ntitle:\u00a0Le mentorat\n').messages.join('\n')).toMatch(/`title:` is followed by a no-break space/);
  });

  it('names a full-width space after `name:` (a Japanese, Chinese or Korean keyboard in full-width mode), and leaves one inside a value alone', () => {
    // Before: "Implicit keys need to be on a single line", with the hint to write each field as `name: value`.
    expect(parse('id: c\ntitle:\u3000\u4fe1\u983c\n').messages.join('\n')).toMatch(/`title:` is followed by a full-width space, U\+3000, which YAML does not read as a space/);
    expect(parse('id: c\ntitle: \u7b2c1\u7ae0\u3000\u4fe1\u983c\n').messages).toEqual([]);
  });
});
