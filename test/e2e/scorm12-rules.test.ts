import { describe, expect, it } from 'vitest';
import { findScorm12Violations } from './scorm12-rules.js';

// The helper is the oracle of the end-to-end tests, so it gets its own table of good and bad values.
describe('findScorm12Violations', () => {
  const good: Array<[string, string]> = [
    ['cmi.core.lesson_status', 'incomplete'],
    ['cmi.core.lesson_status', 'passed'],
    ['cmi.core.score.raw', '90'],
    ['cmi.core.score.raw', ''],
    ['cmi.core.exit', 'suspend'],
    ['cmi.core.exit', ''],
    ['cmi.core.session_time', '0000:01:30.25'],
    ['cmi.core.session_time', '00:01:30'],
    ['cmi.core.lesson_location', 'x'.repeat(255)],
    ['cmi.suspend_data', 'x'.repeat(4096)],
  ];
  const bad: Array<[string, string]> = [
    ['cmi.core.lesson_status', 'not attempted'],
    ['cmi.core.lesson_status', 'complete'],
    ['cmi.core.score.raw', '101'],
    ['cmi.core.exit', 'normal'],
    ['cmi.core.session_time', 'PT1M30S'],
    ['cmi.core.session_time', '1:00:00'],
    ['cmi.core.lesson_location', 'x'.repeat(256)],
    ['cmi.suspend_data', 'x'.repeat(4097)],
    ['cmi.core.student_name', 'Doe, Jane'],
    ['cmi.core.entry', 'resume'],
  ];
  it.each(good)('accepts %s = %j', (element, value) => {
    expect(findScorm12Violations([{ element, value }])).toEqual([]);
  });
  it.each(bad)('rejects %s = %j', (element, value) => {
    expect(findScorm12Violations([{ element, value: value }])).toHaveLength(1);
  });

  it('checks interactions: ids without spaces, result vocabulary, times, formats and contiguous indices', () => {
    const ok = [
      { element: 'cmi.interactions.0.id', value: 'q-1' },
      { element: 'cmi.interactions.0.type', value: 'choice' },
      { element: 'cmi.interactions.0.student_response', value: 'a,c' },
      { element: 'cmi.interactions.0.correct_responses.0.pattern', value: 'a,c' },
      { element: 'cmi.interactions.0.result', value: 'correct' },
      { element: 'cmi.interactions.0.latency', value: '0000:00:12.50' },
      { element: 'cmi.interactions.0.time', value: '14:03:59' },
      { element: 'cmi.interactions.1.id', value: 'q-2' },
      { element: 'cmi.interactions.1.type', value: 'true-false' },
      { element: 'cmi.interactions.1.student_response', value: 't' },
    ];
    expect(findScorm12Violations(ok)).toEqual([]);
    expect(findScorm12Violations([
      { element: 'cmi.interactions.0.id', value: 'has space' },
      { element: 'cmi.interactions.0.type', value: 'true-false' },
      { element: 'cmi.interactions.0.student_response', value: 'true' },
      { element: 'cmi.interactions.0.result', value: 'incorrect' },
      { element: 'cmi.interactions.0.time', value: '2026-01-01T10:00:00' },
      { element: 'cmi.interactions.2.id', value: 'gap' },
    ])).toHaveLength(5);
  });
});
