import { describe, expect, it } from 'vitest';
import { readLrsEnvironment } from '../../src/compile/index.js';
import type { CourseConfig } from '../../src/compile/parse-config.js';
import { resolveXapiSettings, type LrsSettings } from '../../src/compile/resolve-xapi-settings.js';
import { PLAYER_WORDS } from '../../src/compile/player-word-lists.js';
import { collectMessages } from '../../src/compile/rules.js';

const KEY = 'Basic Y291cnNlcGFjazp0ZXN0';

function config(xapi: Partial<CourseConfig['xapi']> = {}): CourseConfig {
  return {
    id: 'c', title: 'T', description: '', language: 'en', version: '1.0.0', organization: '',
    completion: { allPages: true, passMark: null, lmsMastery: false, retry: 'all', revealAnswers: 'after-submit' },
  brand: { color: null, logo: null },
    tracking: { reflections: 'private', learnerNames: false, practiceInteractions: false },
    words: PLAYER_WORDS['en']!,
    xapi: { activityBase: 'https://coursepack.invalid/courses/c', endpoint: null, homePage: null, ...xapi },
  };
}

function resolve(c: CourseConfig, lrs: LrsSettings) {
  const { report, messages } = collectMessages('docs/authoring.md');
  return { xapi: resolveXapiSettings(c, lrs, report), rules: messages.map((m) => `${m.file} ${m.ruleId}`) };
}

describe('readLrsEnvironment', () => {
  it('reads the three variables, ignoring empty ones and everything else', () => {
    expect(readLrsEnvironment({
      COURSEPACK_LRS_ENDPOINT: 'https://lrs.example.org/xapi/', COURSEPACK_LRS_AUTH: KEY, COURSEPACK_LRS_HOMEPAGE: ' ', PATH: '/bin',
    })).toEqual({ settings: { endpoint: 'https://lrs.example.org/xapi/', auth: KEY }, problems: [] });
    expect(readLrsEnvironment({})).toEqual({ settings: {}, problems: [] });
  });

  it.each([
    ['COURSEPACK_LRS_ENDPOINT', 'lrs.example.org', 'COURSEPACK_LRS_ENDPOINT must be an absolute http(s) address (got `lrs.example.org`)'],
    ['COURSEPACK_LRS_HOMEPAGE', 'file:///x', 'COURSEPACK_LRS_HOMEPAGE must be an absolute http(s) address (got `file:///x`)'],
    ['COURSEPACK_LRS_ENDPOINT', 'https://lrs.example.org/xAPI/statements/', 'COURSEPACK_LRS_ENDPOINT names the LRS\'s `statements` resource, not its endpoint (statements would go to …/statements/statements, which no LRS answers): give https://lrs.example.org/xAPI/'],
    ['COURSEPACK_LRS_AUTH', 'key:secret', 'COURSEPACK_LRS_AUTH must be a whole Authorization header value: `Basic ` and the base64 of key:secret'],
    // cmd.exe's `set NAME="…"` keeps the quotes; the key is never repeated, nor a key inside an address.
    ['COURSEPACK_LRS_ENDPOINT', '"https://lrs.example.org/xapi/"', 'COURSEPACK_LRS_ENDPOINT has quotes around its value ("…"), which are then part of it, as cmd.exe\'s `set COURSEPACK_LRS_ENDPOINT="…"` keeps them: write `set COURSEPACK_LRS_ENDPOINT=https://lrs.example.org/xapi/` without quotes'],
    ['COURSEPACK_LRS_AUTH', `"${KEY}"`, 'COURSEPACK_LRS_AUTH has quotes around its value ("…"), which are then part of it, as cmd.exe\'s `set COURSEPACK_LRS_AUTH="…"` keeps them: write `set COURSEPACK_LRS_AUTH=Basic …` without quotes'],
    ['COURSEPACK_LRS_ENDPOINT', 'ftp://key:secret@lrs.example.org/', 'COURSEPACK_LRS_ENDPOINT must be an absolute http(s) address (got `ftp://…@lrs.example.org/`)'],
    ['COURSEPACK_LRS_TOKEN_URL', 'lms.example.org/xapi-token', 'COURSEPACK_LRS_TOKEN_URL must be an absolute http(s) address (got `lms.example.org/xapi-token`)'],
    ['COURSEPACK_LRS_TOKEN_URL', 'http://lms.example.org/xapi-token', 'COURSEPACK_LRS_TOKEN_URL is plain http (http://lms.example.org/xapi-token): the LMS session cookie and the LRS key it answers with would cross the network readable by anyone on it; give an https address (http only for localhost, 127.0.0.1)'],
    ['COURSEPACK_LRS_ENDPOINT', 'https://key:secret@lrs.example.org/xapi/', 'COURSEPACK_LRS_ENDPOINT has a user name or password in it (https://…@lrs.example.org/xapi/): browsers refuse to send requests to an address with credentials, so no statement would ever reach the LRS; give the endpoint without them, and the key as COURSEPACK_LRS_AUTH="Basic …" (the base64 of key:secret)'],
    ['COURSEPACK_LRS_TOKEN_URL', 'https://svc:secret@lms.example.org/xapi-token', 'COURSEPACK_LRS_TOKEN_URL has a user name or password in it (https://…@lms.example.org/xapi-token): the package would carry it for anyone to read, and browsers refuse to fetch an address with credentials, so the player would never get a key; give the address without them (the service knows the learner by the LMS session cookie)'],
  ])('refuses a malformed %s', (name, value, problem) => {
    expect(readLrsEnvironment({ [name]: value }).problems).toEqual([problem]);
  });
});

describe('resolveXapiSettings', () => {
  it('without any settings: the course IRI and xAPI off, nothing to say', () => {
    expect(resolve(config(), {})).toEqual({
      xapi: { courseIri: 'https://coursepack.invalid/courses/c', endpoint: null, auth: null, homePage: null }, rules: [],
    });
  });

  it('the environment overrides course.yaml', () => {
    const c = config({ endpoint: 'https://a.example.org/xapi/', homePage: 'https://lms-a.example.org', activityBase: 'https://d.example.org/c' });
    expect(resolve(c, { endpoint: 'https://b.example.org/xapi/', homePage: 'https://lms-b.example.org' }).xapi).toEqual({
      courseIri: 'https://d.example.org/c', endpoint: 'https://b.example.org/xapi/', auth: null, homePage: 'https://lms-b.example.org',
    });
  });

  it('an endpoint without a key is fine (an LRS proxy adds it)', () => {
    expect(resolve(config({ endpoint: 'https://proxy.example.org/xapi/' }), {}).rules).toEqual([]);
  });

  it('a baked key is a warning on course.yaml, every time', () => {
    const { xapi, rules } = resolve(config({ endpoint: 'https://lrs.example.org/xapi/' }), { auth: KEY });
    expect(xapi.auth).toBe(KEY);
    expect(rules).toEqual(['course.yaml xapi-key-in-package']);
  });

  // An https LMS's page may not send to an http address (mixed content): the statements would never arrive.
  it.each([
    ['an http LRS elsewhere', 'http://lrs.district.example.org/xapi/', ['course.yaml xapi-endpoint-insecure']],
    ['the embedded LRS on this machine', 'http://127.0.0.1:8080/xAPI/', []],
    ['localhost', 'http://localhost:8080/xAPI/', []],
    ['IPv6 loopback', 'http://[::1]:8080/xAPI/', []],
    ['https', 'https://lrs.district.example.org/xapi/', []],
  ])('an endpoint over plain http is a warning, but for this machine: %s', (_name, endpoint, rules) => {
    expect(resolve(config({ endpoint }), {}).rules).toEqual(rules);
    expect(resolve(config(), { endpoint }).rules).toEqual(rules);
  });

  it('an http endpoint with a key says the key crosses the network in clear', () => {
    const { report, messages } = collectMessages('docs/authoring.md');
    resolveXapiSettings(config(), { endpoint: 'http://lrs.district.example.org/xapi/', auth: KEY }, report);
    expect(messages.map((m) => m.reason)).toEqual([
      'The LRS key coursepack from COURSEPACK_LRS_AUTH is baked into the package, where anyone who opens it can read it',
      'The LRS endpoint in COURSEPACK_LRS_ENDPOINT is plain http (http://lrs.district.example.org/xapi/): an LMS served over https, as LMSs are, blocks the player\'s requests to it as mixed content, so statements would wait in learners\' browsers and never arrive; and the LRS key would cross the network readable by anyone on it',
    ]);
  });

  // The route exists to keep keys private: over plain http each learner's key is as readable as a baked one.
  it('an http endpoint with a token service says the keys it gives cross the network in clear', () => {
    const { report, messages } = collectMessages('docs/authoring.md');
    resolveXapiSettings(config({ tokenUrl: 'https://lms.district.example.org/xapi-token' }), { endpoint: 'http://lrs.district.example.org/xapi/' }, report);
    expect(messages.map((m) => [m.ruleId, m.reason])).toEqual([
      ['xapi-endpoint-insecure', 'The LRS endpoint in COURSEPACK_LRS_ENDPOINT is plain http (http://lrs.district.example.org/xapi/): an LMS served over https, as LMSs are, blocks the player\'s requests to it as mixed content, so statements would wait in learners\' browsers and never arrive; and the LRS keys the token service gives learners would cross the network readable by anyone on it'],
    ]);
  });

  it('names the key id it bakes (not the secret): the key to revoke once the package is replaced, among one write key per course', () => {
    const { report, messages } = collectMessages('docs/authoring.md');
    const auth = `Basic ${Buffer.from('k7Zp-course2:s3cr3t-value').toString('base64')}`;
    resolveXapiSettings(config({ endpoint: 'https://lrs.example.org/xapi/' }), { auth }, report);
    expect(messages.map((m) => m.reason)).toEqual(['The LRS key k7Zp-course2 from COURSEPACK_LRS_AUTH is baked into the package, where anyone who opens it can read it']);
    expect(messages[0]?.reason).not.toContain('s3cr3t');
  });

  it('reads COURSEPACK_LRS_TOKEN_URL, https or on this machine', () => {
    expect(readLrsEnvironment({ COURSEPACK_LRS_TOKEN_URL: 'https://lms.example.org/xapi-token' }).settings).toEqual({ tokenUrl: 'https://lms.example.org/xapi-token' });
    expect(readLrsEnvironment({ COURSEPACK_LRS_TOKEN_URL: 'http://127.0.0.1:8081/token' }).settings).toEqual({ tokenUrl: 'http://127.0.0.1:8081/token' });
  });

  it('bakes in a token service with its endpoint; the environment overrides course.yaml', () => {
    const c = config({ endpoint: 'https://lrs.example.org/xapi/', tokenUrl: 'https://a.example.org/token' });
    expect(resolve(c, {})).toEqual({
      xapi: { courseIri: 'https://coursepack.invalid/courses/c', endpoint: 'https://lrs.example.org/xapi/', auth: null, homePage: null, tokenUrl: 'https://a.example.org/token' },
      rules: [],
    });
    expect(resolve(c, { tokenUrl: 'https://b.example.org/token' }).xapi.tokenUrl).toBe('https://b.example.org/token');
  });

  it('a token service without an endpoint is an error, at tokenUrl, and is not baked', () => {
    const { report, messages } = collectMessages('docs/authoring.md');
    const at = { start: { line: 4, column: 13 }, end: { line: 4, column: 40 } };
    const xapi = resolveXapiSettings(config({ tokenUrl: 'https://a.example.org/token', tokenUrlAt: at }), {}, report);
    expect(xapi).not.toHaveProperty('tokenUrl');
    expect(messages.map((m) => [m.ruleId, m.line, m.reason])).toEqual([
      ['xapi-token-url-without-endpoint', 4, '`xapi.tokenUrl` names a token service, but the course has no LRS endpoint to send statements to with its keys'],
    ]);
  });

  // COURSEPACK_LRS_TOKEN_URL given the LRS's address too: the player asked the LRS for keys it never gives, and every
  // statement waited in learners' browsers on the refusal back-off.
  it.each([
    ['the endpoint itself', 'https://lrs.example.org/xapi/', {}, '`xapi.tokenUrl` is the LRS endpoint (https://lrs.example.org/xapi/), not a token service'],
    ['the endpoint without its last slash', 'https://lrs.example.org/xapi', {}, '`xapi.tokenUrl` is the LRS endpoint (https://lrs.example.org/xapi), not a token service'],
    ['its statements resource, from the environment', 'https://LRS.example.org/xapi/statements', { tokenUrl: 'https://LRS.example.org/xapi/statements' },
      'COURSEPACK_LRS_TOKEN_URL is the LRS endpoint\'s `statements` resource (https://LRS.example.org/xapi/statements), not a token service'],
  ])('a token URL that is %s is an error', (_name, tokenUrl, lrs, start) => {
    const { report, messages } = collectMessages('docs/authoring.md');
    resolveXapiSettings(config({ endpoint: 'https://lrs.example.org/xapi/', tokenUrl }), lrs, report);
    expect(messages.map((m) => [m.ruleId, m.reason])).toEqual([
      ['xapi-token-url-is-endpoint', `${start}: the player would ask the LRS for its keys, which no LRS gives, and no statement would ever be sent`],
    ]);
  });

  it('a token service on the LRS\'s site, beside its endpoint, is fine', () => {
    expect(resolve(config({ endpoint: 'https://lrs.example.org/xapi/', tokenUrl: 'https://lrs.example.org/token' }), {}).rules).toEqual([]);
  });

  // Two routes for the key, one of which publishes it: refused, not chosen between (docs/authoring.md).
  it('a token service and a baked key are refused together, and the key is not baked', () => {
    const { report, messages } = collectMessages('docs/authoring.md');
    const xapi = resolveXapiSettings(config({ endpoint: 'https://lrs.example.org/xapi/' }), { auth: KEY, tokenUrl: 'https://a.example.org/token' }, report);
    expect(xapi.auth).toBeNull();
    expect(messages.map((m) => [m.ruleId, m.reason])).toEqual([
      ['xapi-key-with-token-url', 'COURSEPACK_LRS_AUTH is set and COURSEPACK_LRS_TOKEN_URL names a token service: the package would carry a key anyone can read, which the token service is there to avoid'],
    ]);
  });

  it('a key with nowhere to go is an error, and is not baked', () => {
    const { xapi, rules } = resolve(config(), { auth: KEY });
    expect(xapi.auth).toBeNull();
    expect(rules).toEqual(['course.yaml xapi-auth-without-endpoint']);
  });
});
