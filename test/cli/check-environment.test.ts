import { describe, expect, it } from 'vitest';
import { nodeTooOld, unknownSettings } from '../../src/cli/check-environment.js';

describe('unknownSettings: COURSEPACK_ variables coursepack does not read', () => {
  it.each([
    ['a typo', 'COURSEPACK_LRS_ENDPONT', 'did you mean COURSEPACK_LRS_ENDPOINT?'],
    ['the word without its family', 'COURSEPACK_ENDPOINT', 'did you mean COURSEPACK_LRS_ENDPOINT?'],
    ['the salt without its family', 'COURSEPACK_SALT', 'did you mean COURSEPACK_REPORT_SALT?'],
    ['the LRS\'s address in another tool\'s words (not the token service\'s, closer in spelling)', 'COURSEPACK_LRS_URL', 'did you mean COURSEPACK_LRS_ENDPOINT?'],
    ['the key in another tool\'s words', 'COURSEPACK_LRS_KEY', 'did you mean COURSEPACK_LRS_AUTH?'],
    ['another name in the LRS family', 'COURSEPACK_LRS_SERVER', 'the settings are COURSEPACK_LRS_ENDPOINT, COURSEPACK_LRS_AUTH, COURSEPACK_LRS_HOMEPAGE, COURSEPACK_LRS_TOKEN_URL, COURSEPACK_REPORT_ENDPOINT, COURSEPACK_REPORT_AUTH, COURSEPACK_REPORT_SALT'],
  ])('%s is said, with what was meant', (_name, variable, said) => {
    expect(unknownSettings({ [variable]: 'https://lrs.example.org/xapi/' })).toEqual([`${variable} is not a setting coursepack reads, so it changes nothing: ${said}`]);
  });

  it('leaves the settings, empty variables and other names alone (the test suite\'s switches, other tools\')', () => {
    expect(unknownSettings({
      COURSEPACK_LRS_ENDPOINT: 'https://lrs.example.org/xapi/', COURSEPACK_LRS_AUTH: 'Basic a2V5OnNlY3JldA==', COURSEPACK_LRS_HOMEPAGE: 'https://lms.example.org', COURSEPACK_LRS_TOKEN_URL: 'https://lms.example.org/xapi-token',
      COURSEPACK_REPORT_SALT: 's', COURSEPACK_LRS_ENDPONT: '', COURSEPACK_STRICT_TESTS: '1', COURSEPACK_FAKE_NOW: '0', PATH: '/bin', LRS_ENDPOINT: 'x',
    })).toEqual([]);
  });
});

describe('nodeTooOld', () => {
  it('says so for a Node older than 20.12 (Dirent.parentPath: every build stopped with an internal error), and nothing from 20.12 on', () => {
    expect(nodeTooOld('20.11.1')).toBe('coursepack needs Node 20.12.0 or later (21.4 or later on Node 21), and this is Node 20.11.1: install the current Node 20 or 22 LTS (nodejs.org), then run the command again');
    // Node 21 had Dirent.parentPath from 21.4.
    for (const version of ['18.19.0', '21.0.0', '21.3.0']) expect(nodeTooOld(version), version).toMatch(/^coursepack needs Node 20\.12\.0 or later/);
    for (const version of ['20.12.0', '20.20.2', '21.4.0', '22.1.0', '24.0.0']) expect(nodeTooOld(version), version).toBeNull();
  });
});
