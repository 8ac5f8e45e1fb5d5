/**
 * collate-text.ts writes out ICU's root order for printable ASCII so a build need not load ICU's collation
 * data: here it is held to ICU's own answers, pair by pair, in every language it answers for alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collationFor, compareRoot } from '../../src/compile/collate-text.js';

const ROOT_ORDER_TAGS = ['en', 'en-US', 'en-GB', 'es', 'es-419', 'es-MX', 'fr', 'fr-CA', 'de', 'de-CH', 'it', 'pt', 'pt-BR', 'nl', 'nl-BE'];

// Few characters, so that strings share prefixes, differ only in case or in leading zeros, and hold numbers.
const char = fc.constantFrom(...'aAbBzZ0019 -_,.\'"()&#~$@*/\\|`^+<=>?!;:[]{}%'.split(''));
const text = fc.array(char, { maxLength: 10 }).map((cs) => cs.join(''));
const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 12 });
const either = fc.oneof(text, printable);
/** Two texts that differ only where the lower levels decide: the case of letters, zeros before a number. */
const nearTwins = fc.tuple(text, fc.array(fc.boolean(), { minLength: 10, maxLength: 10 })).map(([x, flips]) => {
  const y = [...x].map((c, i) => (flips[i] ? (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) : c)).join('');
  return [x, flips[0] ? y.replace(/\d+/, (n) => `0${n}`) : y] as const;
});

describe('compareRoot', () => {
  it.each(ROOT_ORDER_TAGS)('orders printable ASCII as Intl.Collator(%s, { numeric: true }) does', (tag) => {
    const icu = new Intl.Collator(tag, { numeric: true });
    fc.assert(fc.property(either, either, (x, y) => Math.sign(compareRoot(x, y)) === Math.sign(icu.compare(x, y))), { numRuns: 3000 });
    fc.assert(fc.property(nearTwins, ([x, y]) => Math.sign(compareRoot(x, y)) === Math.sign(icu.compare(x, y))), { numRuns: 1000 });
  });

  it('agrees with ICU on the cases that make the rules: case last, lower first, numbers by value, zeros for nothing, punctuation before digits before letters', () => {
    const icu = new Intl.Collator('en', { numeric: true });
    const cases: [string, string][] = [
      ['a', 'A'], ['ab', 'aB'], ['aB', 'Ab'], ['a9', 'a10'], ['x010', 'x10'], ['0', '00'], ['007', '7'], ['a01B', 'a1b'],
      ['a-b', 'ab'], ['a b', 'a1'], ['$', '0'], ['9', 'a'], ['', ' '], ['a', 'a '], [`n${'9'.repeat(254)}`, `n1${'0'.repeat(253)}`],
      ['Future-oriented', 'Focused on growth and development'], ['A trusting, safe relationship', 'a trusting, safe relationship'],
    ];
    for (const [x, y] of cases) expect(Math.sign(compareRoot(x, y)), `${x} vs ${y}`).toBe(Math.sign(icu.compare(x, y)));
  });
});

describe('collationFor', () => {
  it.each(ROOT_ORDER_TAGS)('sorts and tells bases apart as ICU does in %s, written-out order or not', (tag) => {
    const numeric = new Intl.Collator(tag, { numeric: true });
    const base = new Intl.Collator(tag, { sensitivity: 'base' });
    const collation = collationFor(tag);
    const anyText = fc.oneof(either, fc.constantFrom('él', 'el', 'Él', 'año', 'ano', 'Choose…', 'ﬁle', 'file', '١٢', '12', `x${'1'.repeat(300)}`));
    fc.assert(fc.property(anyText, anyText, (x, y) => Math.sign(collation.compare(x, y)) === Math.sign(numeric.compare(x, y))
      && collation.sameBase(x, y) === (base.compare(x, y) === 0)), { numRuns: 2000 });
  });

  it('asks ICU for a language whose order of ASCII is its own: Danish puts "aa" after "z", Lithuanian "y" beside "i"', () => {
    expect(collationFor('da').compare('aa', 'z')).toBe(new Intl.Collator('da', { numeric: true }).compare('aa', 'z'));
    expect(collationFor('da').compare('aa', 'z')).toBeGreaterThan(0);
    expect(collationFor('lt').compare('y', 'j')).toBe(new Intl.Collator('lt', { numeric: true }).compare('y', 'j'));
    expect(collationFor('lt').compare('y', 'j')).toBeLessThan(0);
    // And for a tag with extensions, which may change the order (upper case first).
    expect(collationFor('en-u-kf-upper').compare('A', 'a')).toBeLessThan(0);
  });

  it('takes English\'s order for a tag ICU does not read', () => {
    expect(collationFor('not a tag').compare('b', 'a')).toBeGreaterThan(0);
  });
});
