/**
 * Stage 2b: a module file → front matter + Markdown tree (mdast with directives), positions intact.
 */
import type { Root } from 'mdast';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import remarkDirective from 'remark-directive';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { checkFields, reportYamlProblems } from './check-fields.js';
import { findTooDeep, findTooDeepFences, findTooDeepLines, MAX_DEPTH } from './find-too-deep.js';
import { findLongBlocks, MAX_BLOCK, MAX_TABLE_CELLS } from './find-long-blocks.js';
import { findStrayFences, findUnclosedDirectives } from './find-unclosed-directives.js';
import { findUnclosedHtml } from './find-unclosed-html.js';
import { unknownDirective, unknownDirectiveHint } from './read-directive.js';
import { isBlank } from './is-blank.js';
import type { SourceFile } from './load-course.js';
import { MAX_TITLE } from './parse-config.js';
import { isCleanYaml, isRecord, readYaml } from './read-yaml.js';
import type { Report } from './rules.js';
import { fullWidthNumber } from './full-width-number.js';

export interface ModuleMeta {
  readonly id: string;
  readonly title: string;
  readonly objectives: readonly string[];
  readonly minutes: number;
  readonly assessment: boolean;
}

/** Never changed after parsing: the parse cache hands the same object to every later build. */
export interface ParsedModule {
  /** Course-relative path, `modules/02-trust.md`. */
  readonly path: string;
  /** File name without `.md`, e.g. `02-trust`: how other modules link to it. */
  readonly name: string;
  /** Null when the front matter is missing or invalid (already reported); the body is still checked. */
  readonly meta: ModuleMeta | null;
  readonly tree: Root;
}

const FILE_NAME = /^\d{2}-[a-z0-9]+(-[a-z0-9]+)*\.md$/;
export const MODULE_ID = /^[a-z][a-z0-9-]{0,63}$/;
const KNOWN = ['id', 'title', 'objectives', 'minutes', 'assessment'];
/**
 * Lines that are Markdown and never front matter: a page heading (`## `; one `#` is a YAML comment) or a
 * directive (`:::check{…}`, `:::`).
 */
const MARKDOWN_LINE = /^(#{2,6}[ \t]|:{3,}(\s*$|[A-Za-z]))/;
/** A front matter line: blank, a comment, a list item or a `name:` field. */
const YAML_LINE = /^\s*($|#|-(\s|$)|[A-Za-z_][\w.-]*:(\s|$))/;

/**
 * Bumped whenever parsing or its messages change meaning, so a parse cache never hands out a tree made
 * by other rules (src/compile/parse-cache.ts keys on it with the file's content).
 */
export const PARSE_VERSION = 9;

/**
 * The GitHub extensions authors use (tables, strikethrough, task lists: knowledge-check options), without
 * remark-gfm's autolink literals and footnotes: finding bare URLs in every text node was ~15% of the parse
 * time of the mentoring course, and a course should link with words anyway (WCAG 2.4.4).
 */
function remarkCourseGfm(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable(), gfmStrikethrough(), gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTaskListItemFromMarkdown());
}

/** The container directives coursepack has (read-directive.ts). */
const CONTAINERS = ['check', 'reflect', 'callout'];

const parser = unified().use(remarkParse).use(remarkCourseGfm).use(remarkDirective);

export function parseMarkdown(text: string): Root {
  return parser.parse(text);
}

export function parseModule(file: SourceFile, report: Report): ParsedModule {
  const base = file.path.slice(file.path.lastIndexOf('/') + 1);
  const name = base.slice(0, -3);
  const done = (meta: ModuleMeta | null, text: string): ParsedModule => {
    const readable = withoutUnparsable(text, file.path, report);
    // Cut at MAX_MODULE_LINES (module-too-long, reported): a directive open at the cut may close after it.
    const cut = readable !== text && readable.split('\n').length < text.split(/\r?\n/).length;
    const tree = withoutTooDeep(parseMarkdown(readable), file.path, report);
    for (const { node, outer } of findUnclosedDirectives(tree, text)) {
      if (cut && !outer) continue;
      // Marked while the tree is still new (no later stage changes it): its content is not read as a check
      // or a callout, which would only add messages about what it swallowed.
      node.data = { ...node.data, unclosed: true } as typeof node.data;
      // `:::video{…}` (three colons, as checks are written): not a container coursepack has, so that is the
      // fault to name; "close it" led to an unknown-directive error once closed.
      if (!CONTAINERS.includes(node.name)) {
        report('unknown-directive', file.path, node.position?.start, `${unknownDirective(':::', node.name)}: never closed, everything after it became part of it`, unknownDirectiveHint(node.name));
        continue;
      }
      report('directive-not-closed', file.path, node.position?.start, outer
        ? `\`:::${node.name}\` is never closed: the \`:::\` on line ${outer.fenceLine} closes the \`:::${outer.name}\` of line ${outer.line} around it`
        : `\`:::${node.name}\` is never closed: everything after it became part of it`);
    }
    for (const { node, opening, closing, until, swallowed } of findUnclosedHtml(tree)) {
      if (cut && until === null) continue;
      const hidden = opening === '<!--' ? 'hidden from learners' : 'shown as typed, not as pages or checks';
      const reach = until === null ? 'everything after it' : `everything up to the \`${closing}\` on line ${until} (which closes a later \`${opening}\`)`;
      report('html-not-closed', file.path, node.position?.start, `This \`${opening}\` is never closed with \`${closing}\`: ${reach}${swallowed ? `, ${swallowed.what} on line ${swallowed.line} among it,` : ''} is ${hidden}`);
    }
    for (const fence of findStrayFences(tree, text)) {
      const where = { line: fence.line, column: fence.column };
      if (fence.afterDirective) {
        report('directive-unparsed', file.path, where, `This \`${fence.fence}\` closes a directive, but the one above it is closed already: it shows as typed`,
          `Delete the line: one \`${fence.fence}\` closes one \`${fence.fence}name\` (a directive inside another gives the outer one more colons, \`::::callout\` … \`::::\`).`);
      } else {
        report('directive-unparsed', file.path, where, `This \`${fence.fence}\` closes no directive (none is open here): it shows as typed`,
          `Delete the line, or put back the \`${fence.fence}name\` line it closed (\`${fence.fence}callout\`, \`${fence.fence}check{#id}\`, \`${fence.fence}reflect{#id}\`).`);
      }
    }
    return { path: file.path, name, meta, tree };
  };
  if (!FILE_NAME.test(base)) {
    // The name to use, when the file has one in it: `01 What is mentoring.md` → 01-what-is-mentoring.md.
    const slug = base.slice(0, -3).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    // `1-intro`, `005-intro`: the number in two digits (a number past 99 has none to give).
    const numbered = /^(\d+)-([a-z0-9].*)$/.exec(slug);
    const twoDigits = numbered && Number(numbered[1]) <= 99 ? `${String(Number(numbered[1])).padStart(2, '0')}-${numbered[2]}` : slug;
    const fixed = /^\d{2}-[a-z0-9]/.test(twoDigits) ? `${twoDigits}.md` : undefined;
    report('module-file-name', file.path, undefined, `Module file name \`${base}\` is not NN-slug.md`, fixed ? `Rename it to ${fixed}.` : undefined);
  }
  const lines = file.text.split(/\r?\n/);
  if (lines[0]?.trimEnd() !== '---') {
    report('front-matter-missing', file.path, undefined, 'The module has no front matter');
    return done(null, file.text);
  }
  const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  // A page heading or a directive before the closing `---` is the body: the front matter was left open, and the
  // `---` found is a line across a page further down. Read as front matter up to it, the page's text was
  // "not valid YAML" and the module had "no pages", with a link to it wrong too.
  // `## …` is also a YAML comment: the body only when prose, not fields, follows it before the `---`, and
  // never when the lines up to the `---` are YAML without a fault (a comment above a folded `title: >`).
  const clean = end > 0 && isCleanYaml(lines.slice(1, end).join('\n'));
  const body = clean ? -1 : lines.findIndex((l, i) => i > 0 && MARKDOWN_LINE.test(l) && (end < 0 || (i < end && !lines.slice(i + 1, end).every((f) => YAML_LINE.test(f)))));
  if (body > 0) {
    report('front-matter-missing', file.path, { line: body + 1, column: 1 }, `The front matter is not closed: add \`---\` before line ${body + 1} (\`${lines[body]?.trim()}\`)`,
      'Put a line of three dashes `---` after the last field (minutes, say), before the first page.');
    const meta = readMeta(file.path, lines.slice(1, body).join('\n'), report);
    return done(meta, lines.map((l, i) => (i < body ? '' : l)).join('\n'));
  }
  if (end < 0) {
    report('front-matter-missing', file.path, undefined, 'The front matter is not closed with a `---` line');
    return done(null, file.text);
  }
  const meta = readMeta(file.path, lines.slice(1, end).join('\n'), report);
  // Blank out the front matter instead of cutting it, so Markdown positions stay file positions.
  return done(meta, lines.map((l, i) => (i <= end ? '' : l)).join('\n'));
}

/**
 * The text with what would take minutes to parse blanked out (reported): runs of too deeply nested
 * directives, quotes or list items (find-too-deep.ts), and paragraphs too long (find-long-blocks.ts).
 * Blank lines keep every position.
 */
function withoutUnparsable(text: string, path: string, report: Report): string {
  // Cheap tests first: fewer `:::` than this cannot nest that deep, nor a shorter prefix of `>` and
  // white space, and a shorter text holds no paragraph that long.
  const fences = text.split(':::', MAX_DEPTH + 2).length > MAX_DEPTH + 1;
  const prefixes = TOO_LONG_PREFIX.test(text);
  const long = text.length > MAX_BLOCK;
  if (!fences && !prefixes && !long) return text;
  const lines = text.split(/\r?\n/);
  let found = false;
  // Past these, even plain text costs too much: micromark keeps every token of a file at once, and
  // 200,000 one-word paragraphs (600 KB) took 24 s and 2.4 GB to validate; as many list items overflowed
  // the stack. The mentoring course's longest module has 221 lines.
  let cut = -1;
  for (let i = 0, chars = 0; i < lines.length && cut < 0; i++) {
    chars += (lines[i] as string).length + 1;
    if (i >= MAX_MODULE_LINES || chars > MAX_MODULE_CHARS) cut = i;
  }
  if (cut >= 0) {
    found = true;
    // Images written into the text as data: URLs (a Google Docs export) are most of such a module.
    const images = dataImageIn(lines) ? ': images written into it as data: URLs count, and belong in assets/ as files' : '';
    report('module-too-long', path, { line: cut + 1, column: 1 }, `The module is longer than coursepack reads (${MAX_MODULE_LINES.toLocaleString('en-US')} lines or ${MAX_MODULE_CHARS.toLocaleString('en-US')} characters): it has ${lines.length.toLocaleString('en-US')} lines, and was read up to here${images}`);
    lines.length = cut;
  }
  for (const [find, what] of [[findTooDeepFences, 'The directives (`:::`)'], [findTooDeepLines, 'The quotes or lists']] as const) {
    if (find === findTooDeepFences ? !fences : !prefixes) continue;
    for (let deep = find(lines); deep; deep = find(lines, deep.to)) {
      found = true;
      report('content-too-deep', path, { line: deep.line + 1, column: deep.column }, `${what} nest more than ${MAX_DEPTH} levels deep here`);
      for (let i = deep.from; i < deep.to; i++) lines[i] = '';
    }
  }
  for (const block of long ? findLongBlocks(lines) : []) {
    found = true;
    const count = block.length.toLocaleString('en-US');
    const span = block.to - block.from > 1 ? ` (lines ${block.from + 1}-${block.to}${block.kind === 'table' ? '' : ', no blank line between them'})` : '';
    const at = { line: block.from + 1, column: 1 };
    if (block.kind === 'table') report('table-too-large', path, at, `This table has ${count} cells${span}; the limit is ${MAX_TABLE_CELLS.toLocaleString('en-US')}`);
    else if (block.kind === 'paragraph') {
      const image = dataImageIn(lines.slice(block.from, block.to));
      if (image) {
        report('paragraph-too-long', path, at, `This line holds an image written into the text as a data: URL (${image.type}, ${image.kilobytes} KB), past the ${MAX_BLOCK.toLocaleString('en-US')} characters coursepack reads in one paragraph: Google Docs exports pasted images this way`,
          'Save the image as a file in the course\'s assets/ folder (Google Docs: File > Download > Web page gives each image as a file) and show it with ![what it shows](../assets/its-name.png).');
      } else report('paragraph-too-long', path, at, `This paragraph has ${count} characters${span}; the limit is ${MAX_BLOCK.toLocaleString('en-US')}`);
    }
    else report('paragraph-too-long', path, at, `This paragraph (${count} characters${span}) is full of unfinished tags, comments, links or code (\`<\`, \`<!--\`, \`[\`, backticks) that the parser reads to its end: with the module's other paragraphs like it, more than coursepack reads in reasonable time`);
    for (let i = block.from; i < block.to; i++) lines[i] = '';
  }
  return found ? lines.join('\n') : text;
}

/** The first image written as a data: URL in the lines (its media type and the kilobytes of its text), if any. */
function dataImageIn(lines: readonly string[]): { type: string; kilobytes: number } | undefined {
  for (const line of lines) {
    const m = /data:(image\/[\w.+-]+)[^,\s)>]*,([^\s)>"']*)/i.exec(line);
    if (m) return { type: (m[1] as string).toLowerCase(), kilobytes: Math.max(1, Math.round((m[2] ?? '').length / 1024)) };
  }
  return undefined;
}

const MAX_MODULE_LINES = 20_000;
const MAX_MODULE_CHARS = 1_000_000;

const TOO_LONG_PREFIX = new RegExp(`^[ \\t>]{${MAX_DEPTH + 1}}`, 'm');

/** The tree without the top-level blocks that nest too deeply (reported), so no later stage overflows. */
function withoutTooDeep(tree: Root, path: string, report: Report): Root {
  if (!findTooDeep(tree)) return tree;
  const children = tree.children.filter((block) => {
    const deep = findTooDeep(block);
    if (deep) report('content-too-deep', path, deep.position?.start, `The content nests more than ${MAX_DEPTH} levels deep here (quotes, lists or emphasis)`);
    return !deep;
  });
  return { ...tree, children };
}

function readMeta(path: string, text: string, report: Report): ModuleMeta | null {
  const yaml = readYaml(text, 2);
  if (reportYamlProblems(yaml, path, 'front-matter-invalid', 'Front matter', report)) return null;
  const data = yaml.value;
  if (!isRecord(data)) {
    report('front-matter-invalid', path, { line: 2, column: 1 }, 'Front matter must be a mapping of fields (id, title, …)');
    return null;
  }
  const fields = checkFields(yaml, path, 'front-matter-invalid', report);
  // `objective:` is said once, at its key ("did you mean `objectives`?"), not also as no `objectives`
  // (`meant` holds only fields the front matter lacks).
  const meant = fields.rejectUnknown(data, KNOWN, [], 'front matter');
  const { bad } = fields;
  // Text as typed, whatever YAML would guess (`title: 2.50` is a title, not the number 2.5).
  const id = data['id'] === undefined ? undefined : (yaml.textOf('id') ?? data['id']);
  if ((typeof id !== 'string' || !MODULE_ID.test(id)) && !meant.has('id')) {
    bad(id === undefined ? [] : ['id'], id === undefined ? 'Front matter has no `id`' : `Module id \`${String(id)}\` is not valid`,
      'Use lower-case letters, digits and -, starting with a letter: `id: building-trust`.');
  }
  const title = data['title'] === undefined ? undefined : (yaml.textOf('title') ?? data['title']);
  if (typeof title !== 'string' || isBlank(title)) {
    if (!meant.has('title')) bad(title === undefined ? [] : ['title'], 'Front matter has no `title`', 'Add `title: …`.');
  } else if (title.trim().length > MAX_TITLE) {
    fields.other('title-too-long', ['title'], `The module title has ${title.trim().length} characters; the limit is ${MAX_TITLE}`);
  }
  const objectives = Array.isArray(data['objectives']) ? data['objectives'].map((o, i) => (typeof o === 'object' ? o : (yaml.textOf('objectives', i) ?? o))) : data['objectives'];
  // `- Plan a first meeting: what to ask`: an unquoted `: ` makes the item a key and its value, which the
  // author reads as a sentence; said at that item, with the quotes that keep it one.
  const keyed = Array.isArray(objectives) ? objectives.findIndex((o) => isRecord(o) && Object.keys(o).length === 1) : -1;
  if (keyed >= 0 && Array.isArray(objectives)) {
    const [key, value] = Object.entries(objectives[keyed] as Record<string, unknown>)[0] ?? ['', ''];
    const sentence = `${key}: ${value === null ? '' : String(value)}`.trim();
    bad(['objectives', keyed], `Objective ${keyed + 1} holds \`: \`, which YAML reads as a field name and its value, not a sentence`, `Put the sentence in double quotes: \`- "${sentence}"\`.`);
  } else if (Array.isArray(objectives) && objectives.some((_, i) => /\n[ \t]*- /.test(yaml.writtenOf('objectives', i) ?? ''))) {
    // `  - Explain …` then `    - Plan …`: indented deeper, the second item is more words of the first, one
    // objective on the page where the author wrote two.
    const i = objectives.findIndex((_, n) => /\n[ \t]*- /.test(yaml.writtenOf('objectives', n) ?? ''));
    bad(['objectives', i], `Objective ${i + 1} runs on into the \`- …\` on a line below it, which YAML reads as more words of it, not another objective`,
      'Line up every `- ` of the list in the same column (two spaces in, under `objectives:`).');
  } else if (typeof objectives === 'string' && /^-[\u3000\u00a0]/.test(objectives.trim()) && !meant.has('objectives')) {
    // `-　Explain …`: a full-width space (an East Asian keyboard in full-width mode) or a no-break space after the
    // dash, where YAML needs a space: no list, but one line of text that looks like one.
    const space = /^-([\u3000\u00a0])/.exec(objectives.trim())?.[1] === '\u3000' ? 'a full-width space (U+3000)' : 'a no-break space (U+00A0)';
    bad(['objectives'], `\`objectives\` is not read as a list: its \`-\` is followed by ${space}, which YAML does not read as a space`,
      'Type an ordinary space after each `-` (the keyboard in half-width mode): `  - Explain …`.');
  } else if ((!Array.isArray(objectives) || objectives.length === 0 || !objectives.every((o) => typeof o === 'string' && !isBlank(o))) && !meant.has('objectives')) {
    bad(objectives === undefined ? [] : ['objectives'], objectives === undefined ? 'Front matter has no `objectives`' : '`objectives` must be a list of sentences',
      'Add `objectives:` with one `- …` line per objective.');
  }
  const minutes = data['minutes'];
  if ((typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1) && !meant.has('minutes')) {
    const ascii = fullWidthNumber(minutes);
    bad(minutes === undefined ? [] : ['minutes'], minutes === undefined ? 'Front matter has no `minutes`'
      : ascii === null ? '`minutes` must be a whole number of 1 or more' : `\`minutes\` is \`${String(minutes)}\`, in full-width digits, which YAML reads as text`,
    ascii === null ? 'Add the estimated time, e.g. `minutes: 15`.' : `Type it with ordinary digits (the keyboard in half-width mode): \`minutes: ${ascii}\`.`);
  }
  const assessment = data['assessment'] ?? false;
  if (typeof assessment !== 'boolean') bad(['assessment'], '`assessment` must be true or false');
  if (!fields.ok) return null;
  return {
    id: id as string,
    title: (title as string).trim(),
    objectives: (objectives as string[]).map((o) => o.trim()),
    minutes: minutes as number,
    assessment: assessment as boolean,
  };
}
