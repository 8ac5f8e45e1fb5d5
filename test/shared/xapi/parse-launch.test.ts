import { describe, expect, it } from 'vitest';
import { launchLearnerKey, parseLaunchActor, parseLaunchParameters } from '../../../src/shared/xapi/parse-launch.js';
import { statementWarnings } from './validate-statement.js';

const q = (params: Record<string, string>): string =>
  `?${Object.entries(params).map((pair) => `${encodeURIComponent(pair[0])}=${encodeURIComponent(pair[1])}`).join('&')}`;

describe('parseLaunchParameters', () => {
  it('reads endpoint, auth, actor, registration and activity_id', () => {
    const launch = parseLaunchParameters(q({
      endpoint: 'https://lrs.example.org/xAPI/',
      auth: 'Basic a2V5OnNlY3JldA==',
      actor: JSON.stringify({ objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 's1' }, name: 'Ada' }),
      registration: '760e3480-ba55-4991-94b0-01820dbd23a2',
      activity_id: 'https://lms.example.org/course/42',
      grouping: 'ignored', activity_platform: 'ignored',
    }));
    expect(launch).toEqual({
      endpoint: 'https://lrs.example.org/xAPI/',
      auth: 'Basic a2V5OnNlY3JldA==',
      actor: { objectType: 'Agent', name: 'Ada', account: { homePage: 'https://lms.example.org', name: 's1' } },
      registration: '760e3480-ba55-4991-94b0-01820dbd23a2',
      activityId: 'https://lms.example.org/course/42',
      learnerKey: 'launch-actor account ["https://lms.example.org","s1"]',
    });
  });

  it.each([
    ['an empty query', ''],
    ['no query', 'https://lms.example.org/content/index.html'],
    ['unrelated parameters', '?lang=en&page=2'],
  ])('gives all nulls for %s', (_, search) => {
    expect(parseLaunchParameters(search)).toEqual({ endpoint: null, auth: null, actor: null, registration: null, activityId: null, learnerKey: '' });
  });

  it.each([
    ['endpoint not http(s)', { endpoint: 'javascript:alert(1)' }, 'endpoint'],
    ['endpoint relative', { endpoint: '/xAPI/' }, 'endpoint'],
    ['registration not a UUID', { registration: '1234' }, 'registration'],
    // A strict LRS refuses every statement carrying these: a registration of the player's own is used instead.
    ['registration the nil UUID', { registration: '00000000-0000-0000-0000-000000000000' }, 'registration'],
    ['registration of another variant than RFC 4122\'s', { registration: '6f1c2d3e-4a5b-4c6d-0e7f-112233445566' }, 'registration'],
    ['actor not JSON', { actor: '{name:' }, 'actor'],
    ['activity_id not an IRI', { activity_id: 'course 42' }, 'activityId'],
  ] as const)('drops a malformed field: %s', (_, params, field) => {
    expect(parseLaunchParameters(q(params))[field]).toBeNull();
  });

  it('skips a parameter with a broken %-escape, keeps the others', () => {
    const launch = parseLaunchParameters('?auth=%E0%A4%A&endpoint=https%3A%2F%2Flrs.example.org%2FxAPI');
    expect(launch.auth).toBeNull();
    expect(launch.endpoint).toBe('https://lrs.example.org/xAPI');
  });

  it('takes the first of repeated parameters and ignores the fragment', () => {
    const launch = parseLaunchParameters('?endpoint=https://a.example.org/x&endpoint=https://b.example.org/x#endpoint=https://c.example.org');
    expect(launch.endpoint).toBe('https://a.example.org/x');
  });

  it('repairs a Basic token whose + was not encoded (decoded as a space)', () => {
    expect(parseLaunchParameters('?auth=Basic+ab+c/d=&endpoint=https://lrs.example.org').auth).toBe('Basic ab+c/d=');
    expect(parseLaunchParameters(`?auth=${encodeURIComponent('Basic ab+c/d=')}`).auth).toBe('Basic ab+c/d=');
  });
});

describe('parseLaunchActor', () => {
  it.each([
    [
      '0.95 form (TinCanJS, XAPI.md §4)',
      { name: ['Student Three'], account: [{ accountServiceHomePage: 'https://lms.example.org', accountName: 's0003' }] },
      { objectType: 'Agent', name: 'Student Three', account: { homePage: 'https://lms.example.org', name: 's0003' } },
    ],
    [
      '0.95 form with mbox array',
      { name: ['Ada'], mbox: ['mailto:ada@example.org'] },
      { objectType: 'Agent', name: 'Ada', mbox: 'mailto:ada@example.org' },
    ],
    [
      '1.0 mbox form, kept',
      { objectType: 'Agent', mbox: 'mailto:ada@example.org' },
      { objectType: 'Agent', mbox: 'mailto:ada@example.org' },
    ],
    ['mbox without mailto:', { mbox: 'ada@example.org' }, { objectType: 'Agent', mbox: 'mailto:ada@example.org' }],
    ['an mbox refused by strict LRSs, another identifier beside it', { mbox: 'mailto:a@localhost', account: { homePage: 'https://lms.example.org', name: 's1' } }, { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 's1' } }],
    [
      '1.0 account form',
      { account: { homePage: 'https://lms.example.org', name: 's1' } },
      { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 's1' } },
    ],
    [
      'mbox_sha1sum',
      { mbox_sha1sum: 'ebd31e95054c018b10727ccffd2ef2ec3a016ee9' },
      { objectType: 'Agent', mbox_sha1sum: 'ebd31e95054c018b10727ccffd2ef2ec3a016ee9' },
    ],
    ['openid', { openid: 'https://id.example.org/ada' }, { objectType: 'Agent', openid: 'https://id.example.org/ada' }],
    [
      'two identifiers: mbox wins (spec order), one IFI only',
      { mbox: 'mailto:ada@example.org', account: { homePage: 'https://lms.example.org', name: 's1' } },
      { objectType: 'Agent', mbox: 'mailto:ada@example.org' },
    ],
  ])('%s', (_, actor, expected) => {
    const agent = parseLaunchActor(JSON.stringify(actor));
    expect(agent).toEqual(expected);
    const statement = { actor: agent, verb: { id: 'http://adlnet.gov/expapi/verbs/initialized' }, object: { id: 'https://example.org/c' } };
    expect(statementWarnings(statement)).toEqual([]);
  });

  it.each([
    ['a Group', { objectType: 'Group', mbox: 'mailto:team@example.org' }],
    ['no identifier', { name: 'Ada' }],
    ['an account without a name', { account: { homePage: 'https://lms.example.org' } }],
    ['an account home page that is not a URL', { account: { homePage: 'lms', name: 's1' } }],
    ['a bad mbox', { mbox: 'mailto:nobody' }],
    // Addresses a strict LRS refuses in every statement (xapi-validation's form).
    ['an mbox without a dot in its domain', { mbox: 'mailto:a@localhost' }],
    ['an mbox with letters outside ASCII', { mbox: 'mailto:j\u00f6rg@example.de' }],
    ['not an object', ['mailto:ada@example.org']],
  ])('null for %s', (_, actor) => {
    expect(parseLaunchActor(JSON.stringify(actor))).toBeNull();
  });
});

describe('learnerKey', () => {
  const keyOf = (actor: string) => parseLaunchParameters(`?actor=${encodeURIComponent(actor)}`).learnerKey;

  it('scopes a learner whose actor the player will not send by the actor as given: two such learners never share one corner', () => {
    // A non-ASCII mailbox, an address with no dot in its domain, an account whose home page is no URL, JSON
    // cut short: none is sent to an LRS, and under the empty key all of them were one anonymous learner.
    const refused = [
      JSON.stringify({ mbox: 'mailto:zoë@schule.example' }),
      JSON.stringify({ mbox: 'mailto:jürgen@schule.example' }),
      JSON.stringify({ mbox: 'mailto:ann@localhost' }),
      JSON.stringify({ account: { homePage: 'lms', name: 's1' } }),
      JSON.stringify({ account: { homePage: 'lms', name: 's2' } }),
      '{"mbox":"mailto:a@example.org"',
    ];
    for (const actor of refused) expect(parseLaunchParameters(`?actor=${encodeURIComponent(actor)}`).actor).toBeNull();
    const keys = refused.map(keyOf);
    expect(keys.every((key) => key !== '')).toBe(true);
    expect(new Set(keys).size).toBe(refused.length);
    // Stable: the same learner launched again finds their own progress, under another display name too.
    expect(keyOf(refused[0]!)).toBe(keys[0]);
    expect(keyOf(JSON.stringify({ name: 'Zoë M.', mbox: 'mailto:Zoë@schule.example' }))).toBe(keyOf(JSON.stringify({ mbox: 'mailto:zoë@schule.example', name: 'Zoë' })));
  });

  it('is the identifier\'s key for an actor it sends, and empty with no actor', () => {
    expect(keyOf(JSON.stringify({ name: 'Ann', mbox: 'mailto:Ann@Example.org' }))).toBe(launchLearnerKey({ objectType: 'Agent', mbox: 'mailto:ann@example.org' }));
    expect(parseLaunchParameters('?endpoint=https://lrs.example.org/x').learnerKey).toBe('');
    expect(keyOf('  ')).toBe('');
  });
});

describe('launchLearnerKey', () => {
  it('tells learners apart by their identifier only: not by name, nor by an e-mail address\'s case', () => {
    const key = (actor: object) => launchLearnerKey(parseLaunchActor(JSON.stringify(actor)) ?? { objectType: 'Agent', mbox: 'mailto:none@example.org' });
    const keys = [
      { mbox: 'mailto:a@example.org' },
      { mbox: 'mailto:b@example.org' },
      { mbox_sha1sum: 'a'.repeat(40) },
      { openid: 'https://id.example.org/a' },
      { account: { homePage: 'https://lms.example.org', name: 'a' } },
      { account: { homePage: 'https://lms.example.org', name: 'b' } },
      // Joined without structure these two were one learner.
      { account: { homePage: 'https://lms.example.org/x', name: 'a' } },
      { account: { homePage: 'https://lms.example.org', name: 'x/a' } },
    ].map(key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(key({ name: 'Ann', mbox: 'mailto:A@Example.org' })).toBe(key({ name: 'Someone else', mbox: 'mailto:a@example.org' }));
  });
});
