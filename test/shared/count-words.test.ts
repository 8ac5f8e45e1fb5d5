import { describe, expect, it } from 'vitest';
import { countParts } from '../../src/shared/count-words.js';

describe('countParts: the counts a text holds, at odd places', () => {
  it.each([
    ['About 140 minutes · 7 modules · 33 pages', ['About ', '140 minutes', ' · ', '7 modules', ' · ', '33 pages', '']],
    ['Alrededor de 1.234 minutos', ['Alrededor de ', '1.234 minutos', '']],
    [' · 20 分', [' · ', '20 分', '']],
    // Written with no space: the run of one script after the number, not the rest up to a space.
    ['約140分 · 7モジュール · 33ページのコース', ['約', '140分', ' · ', '7モジュール', ' · ', '33ページ', 'のコース']],
    ['약 140분 · 7개 모듈', ['약 ', '140분', ' · ', '7개', ' 모듈']],
    ['共33页', ['共', '33页', '']],
    ['Not started', ['Not started']],
    ['25%', ['25%']],
  ])('%s', (text, parts) => {
    expect(countParts(text)).toEqual(parts);
  });
});
