import { describe, expect, it } from 'vitest';
import { parseLaunchParameters } from '../../../src/shared/xapi/parse-launch.js';
import {
  chooseRegistration, continuesRegistration, displayName, resolveXapiConfig, type ConfigInput,
} from '../../../src/shared/xapi/resolve-config.js';

const noLaunch = parseLaunchParameters('');
const launch = parseLaunchParameters(
  `?endpoint=${encodeURIComponent('https://launch-lrs.example.org/xAPI/')}&auth=${encodeURIComponent('Basic bGF1bmNoOmtleQ==')}`
  + '&registration=760e3480-ba55-4991-94b0-01820dbd23a2',
);
const base: ConfigInput = {
  launch: noLaunch,
  build: null,
  studentId: 's0003',
  studentName: 'Lovelace, Ada',
  learnerNames: false,
  lmsOrigin: 'https://lms.example.org',
};
const build = { endpoint: 'https://build-lrs.example.org/xAPI', auth: 'Basic YnVpbGQ6a2V5' };

describe('resolveXapiConfig: launch parameters → build settings → off', () => {
  it('off with neither, and says why', () => {
    const config = resolveXapiConfig(base);
    expect(config.enabled).toBe(false);
    expect(config.source).toBe('off');
    expect(config.enabled ? '' : config.reason).toMatch(/no LRS endpoint/);
  });

  it('build settings when there is no launch endpoint', () => {
    expect(resolveXapiConfig({ ...base, build })).toEqual({
      enabled: true, source: 'build', endpoint: build.endpoint, auth: build.auth, tokenUrl: null,
      actor: { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 's0003' } },
      registration: null, activityId: null,
    });
  });

  it('launch parameters win over build settings, with their own auth and registration', () => {
    const config = resolveXapiConfig({ ...base, launch, build });
    expect(config).toMatchObject({
      enabled: true, source: 'launch', endpoint: 'https://launch-lrs.example.org/xAPI/', auth: 'Basic bGF1bmNoOmtleQ==',
      registration: '760e3480-ba55-4991-94b0-01820dbd23a2',
    });
  });

  it('never pairs a launch endpoint with the build\'s key', () => {
    const launchWithoutAuth = parseLaunchParameters('?endpoint=https://elsewhere.example.org/xAPI');
    const config = resolveXapiConfig({ ...base, launch: launchWithoutAuth, build });
    expect(config).toMatchObject({ enabled: true, source: 'launch', endpoint: 'https://elsewhere.example.org/xAPI', auth: null });
  });

  it('the package\'s token service: source token, no key of its own, whatever the build data holds', () => {
    const tokenUrl = 'https://lms.example.org/xapi-token';
    expect(resolveXapiConfig({ ...base, build: { ...build, tokenUrl } })).toMatchObject({
      enabled: true, source: 'token', endpoint: build.endpoint, auth: null, tokenUrl,
    });
  });

  // A launch's LRS is the launch's: a key the district's service gives for this learner never goes to it.
  it('launch parameters win over a token service, and never get it', () => {
    const config = resolveXapiConfig({ ...base, launch, build: { endpoint: build.endpoint, tokenUrl: 'https://lms.example.org/xapi-token' } });
    expect(config).toMatchObject({ source: 'launch', auth: 'Basic bGF1bmNoOmtleQ==', tokenUrl: null });
  });

  it('an empty build auth is no auth', () => {
    expect(resolveXapiConfig({ ...base, build: { endpoint: build.endpoint, auth: ' ' } })).toMatchObject({ auth: null });
  });

  it('a build endpoint that is not http(s) is off', () => {
    expect(resolveXapiConfig({ ...base, build: { endpoint: 'lrs.example.org' } }).enabled).toBe(false);
  });
});

describe('the actor', () => {
  const actorOf = (input: ConfigInput): unknown => {
    const config = resolveXapiConfig(input);
    return config.enabled ? config.actor : config.reason;
  };

  it.each([
    ['account with the LMS origin, no name by default', { build }, { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 's0003' } }],
    ['name "First Last" only with learnerNames', { build, learnerNames: true }, { objectType: 'Agent', name: 'Ada Lovelace', account: { homePage: 'https://lms.example.org', name: 's0003' } }],
    ['homePage from the build over the origin', { build: { ...build, homePage: 'https://district.example.org' } }, { objectType: 'Agent', account: { homePage: 'https://district.example.org', name: 's0003' } }],
    // A launch that gives the endpoint but no actor: the package's home page still names the learner, as with the
    // build's endpoint (it named them under the LMS window's origin, another account in every report).
    ['homePage of the package with a launch endpoint and no actor', { launch, homePage: 'https://district.example.org' }, { objectType: 'Agent', account: { homePage: 'https://district.example.org', name: 's0003' } }],
    ['homePage of the package not http(s): the origin', { launch, homePage: 'district.example.org' }, { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 's0003' } }],
    ['student id trimmed', { build, studentId: ' s0003 ' }, { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 's0003' } }],
    ['an empty name is left out', { build, learnerNames: true, studentName: ' , ' }, { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 's0003' } }],
  ] as const)('%s', (_, overrides, expected) => {
    expect(actorOf({ ...base, ...overrides })).toEqual(expected);
  });

  it.each([
    ['no student id (no LMS)', { build, studentId: '' }],
    ['no home page (sandboxed frame, origin "null")', { build, lmsOrigin: 'null' }],
    ['no home page at all', { build, lmsOrigin: null }],
  ] as const)('off when the learner cannot be identified: %s', (_, overrides) => {
    const config = resolveXapiConfig({ ...base, ...overrides });
    expect(config.enabled).toBe(false);
    expect(config.enabled ? '' : config.reason).toMatch(/learner/);
  });

  it('takes the launch actor when given; its name only with learnerNames', () => {
    const withActor = parseLaunchParameters(`?endpoint=https://lrs.example.org/x&actor=${encodeURIComponent(JSON.stringify(
      { name: ['Student Three'], account: [{ accountServiceHomePage: 'https://tincan.example.org', accountName: 's3' }] },
    ))}`);
    expect(actorOf({ ...base, launch: withActor })).toEqual({ objectType: 'Agent', account: { homePage: 'https://tincan.example.org', name: 's3' } });
    expect(actorOf({ ...base, launch: withActor, learnerNames: true })).toEqual({
      objectType: 'Agent', name: 'Student Three', account: { homePage: 'https://tincan.example.org', name: 's3' },
    });
    const hostile = parseLaunchParameters(`?endpoint=https://lrs.example.org/x&actor=${encodeURIComponent(JSON.stringify({ name: 'Student\u202e Three\u0000', mbox: 'mailto:s3@example.org' }))}`);
    expect((actorOf({ ...base, launch: hostile, learnerNames: true }) as { name?: string }).name).toBe('Student Three');
  });

  it('a launch without an actor falls back to the SCORM account', () => {
    expect(actorOf({ ...base, launch })).toEqual({ objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 's0003' } });
  });

  it('a launch actor an LRS would refuse falls back to the SCORM account, and without one says why xAPI is off', () => {
    const refused = parseLaunchParameters(`?endpoint=https://lrs.example.org/x&actor=${encodeURIComponent(JSON.stringify({ mbox: 'mailto:zoë@schule.example' }))}`);
    expect(actorOf({ ...base, launch: refused })).toEqual({ objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 's0003' } });
    expect(actorOf({ ...base, launch: refused, studentId: '' })).toMatch(/^the launch's actor is not one an LRS accepts/);
    expect(actorOf({ ...base, launch: parseLaunchParameters('?endpoint=https://lrs.example.org/x'), studentId: '' })).toMatch(/^the launch gave no actor/);
  });
});

describe('displayName', () => {
  it.each([
    ['Lovelace, Ada', 'Ada Lovelace'],
    ['Lovelace,Ada', 'Ada Lovelace'],
    ['  de la Cruz ,  María José ', 'María José de la Cruz'],
    ['Ada Lovelace', 'Ada Lovelace'],
    ['Smith, John, Jr.', 'John Smith Jr.'],
    ['King, Martin Luther, Jr.', 'Martin Luther King Jr.'],
    ['\u0627\u0644\u062e\u0637\u064a\u0628\u060c \u0623\u062d\u0645\u062f', '\u0623\u062d\u0645\u062f \u0627\u0644\u062e\u0637\u064a\u0628'],
    ['\u738b, \u5c0f\u660e', '\u738b\u5c0f\u660e'],
    ['\u738b\uff0c\u5c0f\u660e', '\u738b\u5c0f\u660e'],
    ['\uae40, \ubbfc\uc900', '\uae40\ubbfc\uc900'],
    ['Doe, ', 'Doe'],
    [' , ', ''],
    ['', ''],
    // What no name holds and would act on the text around it: a bidi override, NUL, a half surrogate pair.
    ['Doe, \u202eJane', 'Jane Doe'],
    ['Doe\u0000, Jane\ud800', 'Jane Doe'],
    ['\u2067Doe\u2069, Jane \ud83d\ude00', 'Jane \ud83d\ude00 Doe'],
    ['\ude00Doe, Jane\ud800\ud83d\ude00\ude00', 'Jane\ud83d\ude00 Doe'],
    ['Doe, Jane, Jr., , ', 'Jane Doe Jr.'],
    // A tab or a line break between the parts is a space.
    ['Jane\tDoe', 'Jane Doe'],
    ['Doe,\tMary\nAnn', 'Mary Ann Doe'],
  ])('%j → %j', (name, expected) => {
    expect(displayName(name)).toBe(expected);
  });
});

describe('chooseRegistration', () => {
  const made = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
  const stored = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
  const launched = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
  it.each([
    ['first launch: a new one', null, null, made],
    ['later launch: the stored one', null, stored, stored],
    ['a launch registration beats the stored one', launched, stored, launched],
    ['a stored one strict LRSs refuse (the nil UUID, kept by an older player): a new one', null, '00000000-0000-0000-0000-000000000000', made],
  ])('%s', (_, launch, kept, expected) => {
    let calls = 0;
    expect(chooseRegistration(launch, kept, () => { calls++; return made; })).toBe(expected);
    expect(calls).toBe(expected === made ? 1 : 0);
  });
});

describe('continuesRegistration (resumed, or initialized)', () => {
  const stored = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
  const launched = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
  const made = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
  it.each([
    ['saved progress, its registration kept', true, stored, null, stored, true],
    ['saved progress, the launch names the same one', true, stored, stored, stored, true],
    ['saved progress from before xAPI, a launch registration: the LMS\'s attempt goes on', true, null, launched, launched, true],
    ['a launch naming another registration than the progress\'s: a new one', true, stored, launched, launched, false],
    ['no saved progress', false, null, launched, launched, false],
    ['saved progress without a registration and no launch: a new one is made', true, null, null, made, false],
    ['an LMS that launches with the registration in upper case (kept in lower case with the progress)', true, stored, stored.toUpperCase(), stored.toUpperCase(), true],
    // Kept by an older player from a launch strict LRSs refuse (the nil UUID): as if none were kept.
    ['a kept registration strict LRSs refuse, and a launch one', true, '00000000-0000-0000-0000-000000000000', launched, launched, true],
  ] as const)('%s', (_, progress, kept, launch, chosen, expected) => {
    expect(continuesRegistration(progress, kept, launch, chosen)).toBe(expected);
  });
});
