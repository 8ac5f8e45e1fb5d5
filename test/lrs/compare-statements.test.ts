/**
 * The comparable form of a statement (prepare-statement.ts comparableStatement) and the fingerprints
 * made from it: Data §2.3.1 "Differences which could have been caused by exceptions to Statement
 * immutability MUST be ignored". The Statement resource's 204/409 answers are in
 * statements-resource.test.ts; this file pins the pure functions.
 */
import { describe, expect, it } from 'vitest';
import { comparableStatement, fingerprints, isResend, storedFingerprint } from '../../src/lrs/prepare-statement.js';
import { statement } from './lrs-fixture.js';

describe('comparableStatement', () => {
  it('leaves out or normalises what Data §2.3.1 tells to ignore, and keeps the rest', () => {
    const sub = {
      objectType: 'SubStatement',
      actor: { objectType: 'Group', member: [{ mbox: 'mailto:B@X.org' }, { mbox: 'mailto:a@x.org' }] },
      verb: { id: 'http://x.org/v', display: { en: 'v' } },
      object: { id: 'http://x.org/a', definition: { name: { en: 'A' } } },
      context: { contextActivities: { other: { id: 'http://x.org/o', definition: {} } } },
      timestamp: '2026-01-01T12:00:00+02:00',
    };
    const sent = statement({
      id: 'AAAAAAAA-0000-4000-8000-000000000001',
      actor: { mbox_sha1sum: 'A9993E364706816ABA3E25717850C26C9CD0D89D', name: 'Kept As Sent' },
      object: sub,
      context: {
        registration: 'BBBBBBBB-0000-4000-8000-000000000001',
        statement: { objectType: 'StatementRef', id: 'CCCCCCCC-0000-4000-8000-000000000001' },
        team: { objectType: 'Group', mbox: 'mailto:Team@X.org', member: [{ openid: 'http://x.org/z' }, { openid: 'http://x.org/y' }] },
        contextActivities: { parent: [{ id: 'http://x.org/P', definition: { type: 'http://x.org/t' } }] },
        extensions: { 'http://x.org/e': { Case: 'Kept' } },
      },
      result: { response: 'Kept' },
      timestamp: '2026-01-01T11:00:00.5+01:00',
      stored: '2026-01-02T00:00:00.000Z',
      authority: { mbox: 'mailto:lrs@x.org' },
      version: '1.0.3',
    });
    expect(comparableStatement(sent)).toEqual({
      id: 'aaaaaaaa-0000-4000-8000-000000000001',
      actor: { mbox_sha1sum: 'a9993e364706816aba3e25717850c26c9cd0d89d', name: 'Kept As Sent' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
      object: {
        objectType: 'SubStatement',
        actor: { objectType: 'Group', member: [{ mbox: 'mailto:a@x.org' }, { mbox: 'mailto:b@x.org' }] },
        verb: { id: 'http://x.org/v' },
        object: { id: 'http://x.org/a' },
        context: { contextActivities: { other: { id: 'http://x.org/o' } } },
        timestamp: '2026-01-01T10:00:00.000Z',
      },
      context: {
        registration: 'bbbbbbbb-0000-4000-8000-000000000001',
        statement: { objectType: 'StatementRef', id: 'cccccccc-0000-4000-8000-000000000001' },
        team: { objectType: 'Group', mbox: 'mailto:team@x.org', member: [{ openid: 'http://x.org/y' }, { openid: 'http://x.org/z' }] },
        contextActivities: { parent: [{ id: 'http://x.org/P' }] },
        extensions: { 'http://x.org/e': { Case: 'Kept' } },
      },
      result: { response: 'Kept' },
      timestamp: '2026-01-01T10:00:00.500Z',
    });
  });

  it('does not change the statement it is given', () => {
    const sent = statement({ actor: { objectType: 'Group', member: [{ mbox: 'mailto:B@x.org' }, { mbox: 'mailto:a@x.org' }] } });
    const copy = structuredClone(sent);
    comparableStatement(sent);
    expect(sent).toEqual(copy);
  });
});

describe('fingerprints and isResend', () => {
  const sent = statement({ id: 'aaaaaaaa-0000-4000-8000-000000000001' });
  const asReturned = { ...sent, timestamp: '2026-01-01T00:00:05.000Z', stored: '2026-01-01T00:00:05.000Z', authority: { mbox: 'mailto:a@x.org' }, version: '1.0.0' };

  it('matches a statement stored without timestamp with what GET returned for it, and not the other way round', () => {
    const stored = fingerprints(sent).fingerprint;
    expect(storedFingerprint(asReturned)).toBe(stored);
    expect(isResend(stored, fingerprints(asReturned))).toBe(true);
    expect(isResend(fingerprints(asReturned).fingerprint, fingerprints(sent))).toBe(false);
  });

  it('keeps a timestamp the client sent: the same instant in another serialization matches, another instant does not', () => {
    const timed = { ...sent, timestamp: '2026-01-01T10:00:00Z' };
    const stored = storedFingerprint({ ...timed, stored: '2026-01-01T10:00:05.000Z' });
    expect(stored).toBe(fingerprints(timed).fingerprint);
    expect(isResend(stored, fingerprints({ ...sent, timestamp: '2026-01-01T12:00:00.000+02:00' }))).toBe(true);
    expect(isResend(stored, fingerprints({ ...sent, timestamp: '2026-01-01T10:00:01Z' }))).toBe(false);
  });

  it('reads every ISO 8601 form of a timestamp as the report does: the basic format, and no zone as UTC wherever the LRS runs', () => {
    const stored = fingerprints({ ...sent, timestamp: '2026-01-01T10:00:00Z' }).fingerprint;
    expect(isResend(stored, fingerprints({ ...sent, timestamp: '20260101T100000Z' }))).toBe(true);
    expect(isResend(stored, fingerprints({ ...sent, timestamp: '2026-01-01T11:00+01' }))).toBe(true);
    const zone = process.env['TZ'];
    try {
      process.env['TZ'] = 'America/New_York';
      expect(isResend(stored, fingerprints({ ...sent, timestamp: '2026-01-01T10:00:00' }))).toBe(true);
    } finally {
      process.env['TZ'] = zone;
    }
  });
});
