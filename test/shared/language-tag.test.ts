/**
 * Language tags (src/shared/language-tag.ts): RFC 5646's grammar, and nothing a strict LRS would refuse,
 * since the course's language keys every name in its xAPI statements.
 */
import { describe, expect, it } from 'vitest';
import { isLanguageTag } from '../../src/shared/language-tag.js';
import { findStatementProblems } from '../../src/lrs/validate-statement.js';

const WELL_FORMED = ['en', 'en-US', 'es-419', 'zh-Hant-TW', 'sr-Latn-RS', 'de-CH-1996', 'sl-rozaj-biske', 'zh-yue-HK', 'en-US-x-district', 'ar-EG-u-nu-latn', 'haw', 'EN-us'];
const MALFORMED = ['english', 'en_US', 'e', 'en-12', 'ja-JP-mac', 'en-', 'en--US', 'x-only', 'en-US-a', 'english-US', 'en-US-1'];

describe('isLanguageTag', () => {
  it.each(WELL_FORMED)('takes %s', (tag) => {
    expect(isLanguageTag(tag)).toBe(true);
  });

  it.each(MALFORMED)('refuses %s', (tag) => {
    expect(isLanguageTag(tag)).toBe(false);
  });

  it('takes no tag a strict LRS refuses in a statement (xapi-validation, as Learning Locker checks)', () => {
    const statement = (tag: string) => ({
      actor: { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 's1' } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { [tag]: 'experienced' } },
      object: { objectType: 'Activity', id: 'https://coursepack.invalid/courses/c', definition: { name: { [tag]: 'A course' } } },
      context: { language: tag },
    });
    for (const tag of WELL_FORMED) expect(findStatementProblems(statement(tag)), tag).toEqual([]);
    // What the old, looser pattern let through: each refused.
    for (const tag of ['en-12', 'ja-JP-mac']) expect(findStatementProblems(statement(tag)).length, tag).toBeGreaterThan(0);
  });
});
