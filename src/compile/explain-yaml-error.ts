/**
 * A YAML syntax error as an author can act on it: where the mistake is (yaml reports an unclosed quote or
 * list where the file ends, not where it opened) and what to type instead. Pure; keyed on yaml's error
 * codes (yaml/dist/errors.d.ts), with the parser's own words as the fallback.
 */
import { INVISIBLE } from './find-unparsed-lines.js';

export interface ExplainedYamlError {
  readonly message: string;
  readonly hint: string | undefined;
  /** Offset in the YAML text where the mistake starts. */
  readonly offset: number;
}

const INVISIBLE_CHARACTER = new RegExp(`[${Object.keys(INVISIBLE).join('')}]`);
const QUOTE_HINT = 'Put the whole value in double quotes, e.g. `title: "Mentoring: A Course"`.';

export function explainYamlError(text: string, code: string, message: string, offset: number): ExplainedYamlError {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const line = text.slice(lineStart, text.indexOf('\n', lineStart) < 0 ? undefined : text.indexOf('\n', lineStart));
  const plain = (hint: string | undefined, at = offset, what = message): ExplainedYamlError => ({ message: what, hint, offset: at });

  if (code === 'MISSING_CHAR' && /quote/.test(message)) {
    const opened = findUnclosedQuote(text);
    return plain('Close the quote on the same value, or remove it.', opened ?? offset, 'This quoted value is never closed');
  }
  if ((code === 'MISSING_CHAR' || code === 'BAD_INDENT') && /[\]}]/.test(message)) {
    const opened = findUnclosedBracket(text, offset);
    if (opened !== null) {
      const close = text[opened] === '[' ? ']' : '}';
      return plain(`Close it with \`${close}\` on the same line, or write one \`- item\` per line.`, opened, `This \`${text[opened]}\` is never closed with \`${close}\``);
    }
  }
  // `title:` and a no-break space (pasted text, Option+Space on a Mac): JavaScript's \s matches it, so the
  // explanations below took `title: Intro` for well spaced, but YAML reads no space there: the field ran
  // into the next line ("Implicit keys need to be on a single line"). Nothing else on the line is to blame.
  if (code !== 'TAB_AS_INDENT' && code !== 'DUPLICATE_KEY') {
    const found = INVISIBLE_CHARACTER.exec(line);
    // Only right after `name:` (or a line that is nothing else): a no-break space before `:` or `?` in a value
    // is French typography, and the fault there is elsewhere (an unquoted `: `), said below.
    const before = found ? /^\s*([^\s:]+):$/.exec(line.slice(0, found.index))?.[1] : undefined;
    if (found && (before !== undefined || line.slice(0, found.index).trim() === '')) {
      const invisible = found.index;
      const character = found[0];
      return plain('Delete it and type an ordinary space where one belongs (it comes with text pasted from Word or the web, with Option+Space on a Mac, and from a Chinese, Japanese or Korean keyboard left in full-width mode; VS Code shows it with View > Render Whitespace).',
        lineStart + invisible, `${before ? `\`${before}:\` is followed by` : 'This line holds'} ${INVISIBLE[character] ?? 'an invisible character'}, which YAML does not read as a space`);
    }
  }
  // `title：Intro`: the colon typed in an East Asian keyboard's full-width mode, which YAML does not read as the
  // one after a field name; the line was text, said as "Implicit keys need to be on a single line".
  const wideColon = code !== 'TAB_AS_INDENT' && code !== 'DUPLICATE_KEY' ? /^(\s*)([A-Za-z][\w.-]*)[ \t\u3000]*\uff1a/.exec(line) : null;
  if (wideColon) {
    const field = wideColon[2] ?? '';
    return plain(`Type \`${field}: \` with an ordinary colon and space (the keyboard in half-width mode).`,
      lineStart + (wideColon[1]?.length ?? 0), `\`${field}\` is followed by a full-width colon \`：\`, which YAML does not read as the colon after a field name`);
  }
  if (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY') {
    // `pages: all` then `    passMark: 80`: the field below indented too far, which YAML reads as more of the
    // value above. "Put the value in quotes" made it worse; the fix is on the line below, so point there.
    const deeper = fieldIndentedMore(text, lineStart, line);
    if (deeper) {
      return plain(`Line \`${deeper.field}:\` up with \`${deeper.above}:\` : the same number of spaces before each.`,
        deeper.offset, `\`${deeper.field}:\` is indented more than \`${deeper.above}:\` above it, so YAML reads it as part of that field's value`);
    }
  }
  switch (code) {
    case 'TAB_AS_INDENT':
      return plain('Indent with spaces, not tabs.', offset, 'A tab is used for indentation');
    case 'DUPLICATE_KEY':
      return plain('Give each field once: remove or rename one of them.', offset, `The field \`${line.trim().split(':')[0] ?? ''}\` appears twice`);
    case 'BLOCK_AS_IMPLICIT_KEY':
      // `   - one` then `  - two`: a list item indented less than the one above it, with no `: ` on its line.
      if (/^\s*-(?:\s|$)/.test(line) && !/:\s/.test(line)) {
        return plain('Indent every `- item` of a list by the same number of spaces (two, under its field), with spaces, not tabs.', lineStart, 'This list item is not indented like the one above it');
      }
      // A value already in curly quotes (pasted from Word) is not quoted for YAML: say which quotes.
      if (/[\u201c\u201d\u2018\u2019]/.test(line)) return plain('Replace the curly quotes (“ ”) with straight ones ("): YAML reads only straight quotes, e.g. `title: "Mentoring: A Course"`.', offset, 'A value holds `: `, which YAML reads as another field');
      return plain(QUOTE_HINT, offset, 'A value holds `: `, which YAML reads as another field');
    case 'BAD_SCALAR_START':
      return plain(`A value cannot start with \`${text[offset] ?? ''}\` unless it is quoted: ${QUOTE_HINT.replace('Put', 'put')}`, offset, message);
    case 'MULTIPLE_DOCS':
      return plain('Keep one block of fields: remove the extra `---` line.', offset, 'A second YAML document starts here');
    case 'BAD_INDENT':
      return plain('Line fields of the same level up in the same column, indented with spaces.', offset, message);
    case 'MULTILINE_IMPLICIT_KEY':
      if (/^\s*[A-Za-z][\w.-]*:[^\s]/.test(line)) return plain('Put a space after the colon: `title: My course`.', offset, 'A field has no space after its colon');
      return plain('Write each field as `name: value` on a line of its own.', offset, message);
    case 'UNEXPECTED_TOKEN': {
      const found = /:\s+(\S)/.exec(line);
      const value = found?.[1];
      const valueAt = found ? lineStart + found.index + found[0].length - 1 : offset;
      if (value === "'") return plain("Inside '…' write an apostrophe twice (`'It''s'`), or use double quotes.", offset, 'Text after a quoted value');
      if (value === '"') return plain('Inside "…" write a quote as `\\"`, or use single quotes around the value.', offset, 'Text after a quoted value');
      if (value === '[' || value === '{') return plain(QUOTE_HINT, valueAt, `A value that starts with \`${value}\` is read as a ${value === '[' ? 'list' : 'mapping'}`);
      return plain(QUOTE_HINT, offset, message);
    }
    default:
      return plain(undefined, offset, message);
  }
}

const FIELD = /^(\s*)([A-Za-z_][\w.-]*):(?:\s|$)/;

/** The field on the next line when it is indented more than the `name: value` field on this one. */
function fieldIndentedMore(text: string, lineStart: number, line: string): { field: string; above: string; offset: number } | null {
  const above = FIELD.exec(line);
  if (!above || /^\s*[A-Za-z_][\w.-]*:\s*$/.test(line)) return null;
  const nextStart = lineStart + line.length + 1;
  const nextEnd = text.indexOf('\n', nextStart);
  const next = FIELD.exec(text.slice(nextStart, nextEnd < 0 ? undefined : nextEnd));
  if (!next || (next[1] ?? '').length <= (above[1] ?? '').length) return null;
  return { field: next[2] ?? '', above: above[2] ?? '', offset: nextStart + (next[1] ?? '').length };
}

/** The first quote that opens a value and is never closed, skipping comments and closed quotes. */
function findUnclosedQuote(text: string): number | null {
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if ((c === '"' || c === "'") && /(?:^|[\s:,[{-])$/.test(text.slice(Math.max(0, i - 1), i))) {
      const close = findClose(text, i + 1, c);
      if (close < 0) return i;
      i = close + 1;
    } else if (c !== undefined && !/[\s,[\]{}]/.test(c)) {
      // Skip the rest of a plain word, so an apostrophe inside it (It's) opens nothing.
      while (i < text.length && !/[\s,[\]{}]/.test(text[i] ?? '')) i++;
    } else i++;
  }
  return null;
}

function findClose(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

/** The last `[` or `{` before `offset` that its own line does not close. */
function findUnclosedBracket(text: string, offset: number): number | null {
  const lines = text.slice(0, offset).split('\n');
  let base = offset - (lines.at(-1)?.length ?? 0);
  for (let n = lines.length - 1; n >= 0; n--) {
    const line = lines[n] ?? '';
    if (n < lines.length - 1) base -= line.length + 1;
    let depth = 0;
    let open = -1;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c === '[' || c === '{') {
        if (depth === 0) open = i;
        depth++;
      } else if ((c === ']' || c === '}') && depth > 0) depth--;
    }
    if (depth > 0 && open >= 0) return base + open;
  }
  return null;
}
