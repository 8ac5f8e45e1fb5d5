import { describe, expect, it } from 'vitest';
import { isVagueLinkText } from '../../src/compile/vague-link-text.js';

describe('isVagueLinkText: link words that say nothing of where the link goes (WCAG 2.4.4)', () => {
  it.each([
    ['here', 'en'], ['Click here!', 'en'], ['click  HERE', 'en'], ['Read more…', 'en'], ['“this”', 'en'], ['Learn more →', 'en'], ['more', 'en-US'],
    ['aquí', 'es'], ['Haga clic aquí', 'es-MX'], ['Leer más', 'es'],
  ])('%s (%s) is vague', (words, language) => {
    expect(isVagueLinkText(words, language)).toBe(true);
  });

  it.each([
    ['the mentoring agreement template', 'en'], ['Read more about trust', 'en'], ['here is the 2024 survey', 'en'], ['this week\'s plan', 'en'],
    // Another language's words are not judged by English lists, nor the other way round.
    ['here', 'fr'], ['aquí', 'en'], ['la guía de mentores', 'es'],
  ])('%s (%s) is not', (words, language) => {
    expect(isVagueLinkText(words, language)).toBe(false);
  });
});
