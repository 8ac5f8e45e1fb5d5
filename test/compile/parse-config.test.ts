import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/compile/parse-config.js';
import { collectMessages } from '../../src/compile/rules.js';

function parse(yaml: string) {
  const { report, messages } = collectMessages('docs/authoring.md');
  const config = parseConfig({ path: 'course.yaml', text: yaml }, report);
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
    });
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
    ['reflections: public', 'tracking:\n  reflections: public', '`tracking.reflections` must be `private` or `share`'],
    ['learnerNames: yes please', 'tracking:\n  learnerNames: yes please', '`tracking.learnerNames` must be true or false'],
    ['xapi as a list', 'xapi: [a]', '`xapi` must be a mapping (activityBase, endpoint, homePage)'],
  ])('refuses %s', (_name, yaml, reason) => {
    const { config, messages } = parse(`id: c\ntitle: T\n${yaml}\n`);
    expect(config).toBeNull();
    expect(messages.map((m) => m.replace(/^\S+ /, ''))).toEqual([`course-config-invalid ${reason}`]);
  });
});
