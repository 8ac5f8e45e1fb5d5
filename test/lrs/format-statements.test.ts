/**
 * format=ids and format=canonical (Communication §2.1.3), activity merging for the Activities
 * resource (§2.5) and CORS (XAPI.md §6).
 */
import { describe, expect, it } from 'vitest';
import { formatStatement, parseAcceptLanguage } from '../../src/lrs/format-statements.js';
import { mergeActivity } from '../../src/lrs/merge-activity.js';
import { corsHeaders, isOriginAllowed, preflightHeaders } from '../../src/lrs/apply-cors.js';

const s = {
  actor: { objectType: 'Group', name: 'Team', member: [{ mbox: 'mailto:a@b.org', name: 'A' }] },
  verb: { id: 'http://x.org/v', display: { 'en-US': 'did', 'fr-FR': 'a fait' } },
  object: { id: 'http://x.org/a', definition: { name: { 'en-GB': 'Colour', 'en-US': 'Color' }, extensions: { 'http://x.org/e': { name: { en: 'kept' } } } } },
};

describe('formatStatement', () => {
  it('ids keeps identifying properties only', () => {
    expect(formatStatement(s, 'ids')).toEqual({
      actor: { objectType: 'Group', member: [{ objectType: 'Agent', mbox: 'mailto:a@b.org' }] },
      verb: { id: 'http://x.org/v' },
      object: { id: 'http://x.org/a' },
    });
  });

  it.each([
    ['fr-FR, en;q=0.5', { 'fr-FR': 'a fait' }, { 'en-GB': 'Colour' }],
    ['en-US', { 'en-US': 'did' }, { 'en-US': 'Color' }],
    [undefined, { 'en-US': 'did' }, { 'en-GB': 'Colour' }],
  ])('canonical with Accept-Language %s picks one language per map, extensions untouched', (language, display, name) => {
    const out = formatStatement(s, 'canonical', language) as typeof s;
    expect(out.verb.display).toEqual(display);
    expect(out.object.definition.name).toEqual(name);
    expect(out.object.definition.extensions).toEqual(s.object.definition.extensions);
  });

  it('exact returns the statement as stored', () => {
    expect(formatStatement(s, 'exact')).toBe(s);
  });

  it('orders Accept-Language by quality', () => {
    expect(parseAcceptLanguage('de;q=0.2, fr-CA, en;q=0.9, *;q=0.1')).toEqual(['fr-ca', 'en', 'de']);
  });
});

describe('mergeActivity', () => {
  it('unites language maps and extensions, newer values winning', () => {
    const first = mergeActivity(undefined, { id: 'http://x.org/a', definition: { name: { en: 'One' }, type: 'http://x.org/t1' } });
    const merged = mergeActivity(first, { id: 'http://x.org/a', definition: { name: { fr: 'Un' }, type: 'http://x.org/t2' } });
    expect(merged).toEqual({ objectType: 'Activity', id: 'http://x.org/a', definition: { name: { en: 'One', fr: 'Un' }, type: 'http://x.org/t2' } });
    expect(mergeActivity(merged, { id: 'http://x.org/a' })).toBe(merged);
  });
});

describe('CORS', () => {
  const options = { origins: ['https://lms.example.org'], allowNullOrigin: false };
  it.each([
    ['https://lms.example.org', options, true],
    ['https://evil.example.org', options, false],
    ['null', options, false],
    ['null', { ...options, allowNullOrigin: true }, true],
    ['https://any.example.org', { origins: ['*'], allowNullOrigin: false }, true],
    [undefined, options, false],
  ])('origin %s', (origin, opts, allowed) => {
    expect(isOriginAllowed(origin, opts)).toBe(allowed);
    expect(corsHeaders(origin, opts)['access-control-allow-origin']).toBe(allowed ? origin : undefined);
  });

  it('preflight allows the xAPI headers and exposes the ones clients read', () => {
    const headers = preflightHeaders('https://lms.example.org', options);
    for (const h of ['Authorization', 'Content-Type', 'X-Experience-API-Version', 'If-Match', 'If-None-Match']) {
      expect(headers['access-control-allow-headers']).toContain(h);
    }
    for (const h of ['ETag', 'Last-Modified', 'X-Experience-API-Consistent-Through']) expect(headers['access-control-expose-headers']).toContain(h);
    expect(headers['access-control-allow-methods']).toContain('POST');
  });
});
