/**
 * Agent identity keys and the checks on an `agent` parameter (Data §2.4.2).
 */
import { describe, expect, it } from 'vitest';
import { agentKey, checkAgent, isIri } from '../../src/lrs/read-agent.js';

describe('agentKey', () => {
  it.each([
    [{ mbox: 'mailto:A@B.org' }, 'Agent|mbox|mailto:a@b.org'],
    [{ objectType: 'Group', mbox: 'mailto:g@b.org' }, 'Group|mbox|mailto:g@b.org'],
    [{ mbox_sha1sum: 'ABCDEF0123456789ABCDEF0123456789ABCDEF01' }, 'Agent|sha1|abcdef0123456789abcdef0123456789abcdef01'],
    [{ openid: 'http://id.example.org/me' }, 'Agent|openid|http://id.example.org/me'],
    [{ account: { homePage: 'https://lms.example.org', name: 's1' } }, 'Agent|account|https://lms.example.org|s1'],
    [{ objectType: 'Group', member: [{ mbox: 'mailto:a@b.org' }] }, undefined],
    ['text', undefined],
  ])('%j → %s', (agent, key) => {
    expect(agentKey(agent)).toBe(key);
  });

  it('gives two accounts one key only when homePage and name are both the same, whatever `|` or backslash they hold', () => {
    const accounts = [
      ['http://h.org|s1', 'x'],
      ['http://h.org', 's1|x'],
      ['http://h.org\\', '|x'],
      ['http://h.org\\|', 'x'],
      ['http://h.org', '\\|x'],
    ];
    const keys = accounts.map(([homePage, name]) => agentKey({ account: { homePage, name } }));
    expect(new Set(keys).size).toBe(accounts.length);
  });
});

describe('checkAgent', () => {
  it.each([
    [{ name: 'nobody' }, /exactly one of/],
    [{ mbox: 'mailto:a@b.org', openid: 'http://x.org' }, /exactly one of/],
    [{ mbox: 'a@b.org' }, /mailto:/],
    [{ mbox_sha1sum: 'xyz' }, /40 hex/],
    [{ account: { name: 's1' } }, /homePage/],
    [{ objectType: 'Person', mbox: 'mailto:a@b.org' }, /objectType/],
    [[], /JSON object/],
  ])('refuses %j', (agent, message) => {
    expect(() => checkAgent(agent, 'agent')).toThrow(message);
  });

  it('refuses a Group where only an Agent may be named', () => {
    expect(() => checkAgent({ objectType: 'Group', mbox: 'mailto:g@b.org' }, 'agent', false)).toThrow(/objectType 'Group'/);
  });

  it.each([
    ['http://adlnet.gov/expapi/verbs/voided', true],
    ['urn:uuid:1234', true],
    ['no scheme', false],
    ['http://x.org/with space', false],
    [42, false],
  ])('isIri(%j) = %s', (value, ok) => {
    expect(isIri(value)).toBe(ok);
  });
});
