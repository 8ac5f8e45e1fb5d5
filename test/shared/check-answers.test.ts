import { describe, expect, it } from 'vitest';
import { correctAnswer, isAnswerCorrect, isWholeAnswer, knownAnswer, matchesOf, typedOption } from '../../src/shared/check-answers.js';
import { fillInCheck, makeCourse, matchingCheck } from './course-fixture.js';

const course = makeCourse();
const check = (id: string) => course.checks.find((c) => c.id === id)!;

describe('check answers', () => {
  it.each([
    ['single, right', 'q-single', ['a'], true],
    ['single, wrong', 'q-single', ['b'], false],
    ['multiple, all right ones', 'q-multi', ['c', 'a'], true],
    ['multiple, one missed', 'q-multi', ['a'], false],
    ['multiple, one too many', 'q-multi', ['a', 'b', 'c'], false],
    ['true/false', 'q-tf', ['b'], true],
  ])('a choice check: %s', (_, id, chosen, right) => {
    expect(isAnswerCorrect(check(id), chosen)).toBe(right);
    expect(isWholeAnswer(check(id), chosen)).toBe(true);
  });

  it('a choice answer keeps the options the check has, in option order', () => {
    expect(knownAnswer(check('q-multi'), ['c', 'z', 'a', 'a.b'])).toEqual(['a', 'c']);
    expect(isWholeAnswer(check('q-multi'), ['z'])).toBe(false);
    expect(correctAnswer(check('q-multi'))).toEqual(['a', 'c']);
  });

  const matching = matchingCheck();
  it.each([
    ['every item matched right', ['a.b', 'b.a', 'c.b'], true, true],
    ['in another order', ['c.b', 'a.b', 'b.a'], true, true],
    ['one item matched wrong', ['a.b', 'b.a', 'c.c'], false, true],
    ['one item not matched', ['a.b', 'b.a'], false, false],
    ['nothing matched', [], false, false],
    ['an item matched twice: the first counts', ['a.b', 'a.c', 'b.a', 'c.b'], true, true],
  ])('a matching check: %s', (_, chosen, right, whole) => {
    expect(isAnswerCorrect(matching, chosen)).toBe(right);
    expect(isWholeAnswer(matching, chosen)).toBe(whole);
  });

  it('a matching answer keeps the pairs of items and answers the check has, in item order', () => {
    expect(knownAnswer(matching, ['c.b', 'z.a', 'a.z', 'b', 'b.a', 'a.c'])).toEqual(['a.c', 'b.a', 'c.b']);
    expect([...matchesOf(matching, ['b.a', 'b.c'])]).toEqual([['b', 'a']]);
    expect(correctAnswer(matching)).toEqual(['a.b', 'b.a', 'c.b']);
  });
});

describe('check answers: a fill-in check', () => {
  const typed = fillInCheck();

  it.each([
    ['an accepted answer', 'Learning', true, 'a'],
    ['another accepted answer, as a learner types it', '  To Learn. ', true, 'b'],
    ['a wrong answer the author foresaw', 'trust!', false, 'c'],
    ['any other answer', 'respect', false, 'd'],
    ['only punctuation', '...', false, 'd'],
  ])('%s: %j', (_, words, right, entry) => {
    expect(isAnswerCorrect(typed, [words])).toBe(right);
    expect(typedOption(typed, words)?.id).toBe(entry);
    expect(isWholeAnswer(typed, [words])).toBe(true);
  });

  it('keeps the words cleaned, at most 40 characters; blank is no answer', () => {
    expect(knownAnswer(typed, ['  to   learn  '])).toEqual(['to learn']);
    expect(knownAnswer(typed, ['x'.repeat(60)])).toEqual(['x'.repeat(40)]);
    expect(knownAnswer(typed, ['   '])).toEqual([]);
    expect(knownAnswer(typed, [])).toEqual([]);
    expect(isWholeAnswer(typed, [' '])).toBe(false);
    expect(isAnswerCorrect(typed, [])).toBe(false);
  });

  it('the right answer is the first accepted one; without a `*` entry another answer is no entry at all', () => {
    expect(correctAnswer(typed)).toEqual(['Learning']);
    const noOther = fillInCheck({ options: typed.options.filter((o) => !o.other) });
    expect(typedOption(noOther, 'respect')).toBeUndefined();
    expect(isAnswerCorrect(noOther, ['respect'])).toBe(false);
    expect(isAnswerCorrect(noOther, ['LEARNING'])).toBe(true);
  });
});
