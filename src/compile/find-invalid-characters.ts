/**
 * Characters a package cannot carry. XML 1.0 §2.2 allows only tab, line feed, carriage return and
 * U+0020-U+D7FF, U+E000-U+FFFD, U+10000-U+10FFFF in the manifest (xmlbuilder2 and every LMS's parser
 * refuse the rest); the launch page is HTML, where the same control characters, lone surrogates and
 * noncharacters are parse errors (HTML §13.2.5 "control-character-in-input-stream", "noncharacter-in-input-
 * stream"). Word pastes a vertical tab (U+000B) for Shift+Enter; mis-decoded Windows-1252 leaves C1 controls.
 * Pure.
 */

export interface InvalidCharacter {
  /** Offset in UTF-16 code units. */
  readonly offset: number;
  readonly codePoint: number;
}

// Outside XML 1.0's Char, plus DEL and the C1 controls, plus the noncharacters U+FDD0-U+FDEF and U+nFFFE/F.
const INVALID = /[^\t\n\r\u0020-\u007E\u00A0-\uD7FF\uE000-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{10FFFF}]|[\u{1FFFE}\u{1FFFF}\u{2FFFE}\u{2FFFF}\u{3FFFE}\u{3FFFF}\u{4FFFE}\u{4FFFF}\u{5FFFE}\u{5FFFF}\u{6FFFE}\u{6FFFF}\u{7FFFE}\u{7FFFF}\u{8FFFE}\u{8FFFF}\u{9FFFE}\u{9FFFF}\u{AFFFE}\u{AFFFF}\u{BFFFE}\u{BFFFF}\u{CFFFE}\u{CFFFF}\u{DFFFE}\u{DFFFF}\u{EFFFE}\u{EFFFF}\u{FFFFE}\u{FFFFF}\u{10FFFE}\u{10FFFF}]/gu;

export function findInvalidCharacters(text: string): InvalidCharacter[] {
  return [...text.matchAll(INVALID)].map((m) => ({ offset: m.index, codePoint: m[0].codePointAt(0) ?? 0 }));
}

const NAMES: Readonly<Record<number, string>> = {
  0x0: 'a null character',
  0x8: 'a backspace',
  0xb: 'a vertical tab, which Word inserts for Shift+Enter',
  0xc: 'a form feed (page break)',
  0x1b: 'an escape character',
  0x7f: 'a delete character',
};

/** `U+000B (a vertical tab, which Word inserts for Shift+Enter)`. */
export function describeCharacter(codePoint: number): string {
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = NAMES[codePoint]
    ?? (codePoint >= 0xd800 && codePoint <= 0xdfff ? 'half of a character: an unpaired surrogate'
      : codePoint >= 0x80 && codePoint <= 0x9f ? 'a control character, often a Windows-1252 quote or dash read wrongly'
        : codePoint < 0x20 ? 'a control character'
          : 'a noncharacter');
  return `${hex} (${name})`;
}

/** 1-based line and column of an offset in `text`. */
export function pointAt(text: string, offset: number, firstLine = 1): { line: number; column: number } {
  let line = firstLine;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
