/**
 * format=ids and format=canonical (Communication §2.1.3), activity merging for the Activities
 * resource (§2.5) and CORS (XAPI.md §6).
 */
import { describe, expect, it } from 'vitest';
import { formatStatement, parseAcceptLanguage } from '../../src/lrs/format-statements.js';
import { mergeActivity } from '../../src/lrs/merge-activity.js';
import { corsHeaders, isOriginAllowed, preflightHeaders } from '../../src/lrs/apply-cors.js';
import { makeLrs, statement } from './lrs-fixture.js';

const s = {
  actor: { objectType: 'Group', name: 'Team', member: [{ mbox: 'mailto:a@b.org', name: 'A' }] },
  verb: { id: 'http://x.org/v', display: { 'en-US': 'did', 'fr-FR': 'a fait' } },
  object: { id: 'http://x.org/a', definition: { name: { 'en-GB': 'Colour', 'en-US': 'Color' }, extensions: { 'http://x.org/e': { name: { en: 'kept' } } } } },
};

/** An in-memory LRS for one test, closed after it. */
function withLrs(run: (lrs: ReturnType<typeof makeLrs>) => void): void {
  const lrs = makeLrs();
  try {
    run(lrs);
  } finally {
    lrs.close();
  }
}

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

  it.each([
    ['zh-TW,zh;q=0.9', '學習'],
    ['zh-Hant-TW', '學習'],
    ['zh-HK', '學習'],
    ['zh-CN', '学习'],
    ['zh', '学习'],
  ])('canonical with Accept-Language %s picks the map\'s entry in the script the reader reads', (language, name) => {
    // A course published in Simplified and Traditional Chinese: a browser in Taiwan asks for zh-TW, which a
    // match on `zh` alone answered with the first zh-* key, Simplified.
    const chinese = { ...s, object: { id: 'http://x.org/zh', definition: { name: { 'zh-Hans': '学习', 'zh-Hant': '學習' } } } };
    const out = formatStatement(chinese, 'canonical', language) as typeof chinese;
    expect(Object.values(out.object.definition.name)).toEqual([name]);
  });

  it.each(['en-GB', 'en'])('canonical with Accept-Language %s picks the map\'s English entry, not its undetermined (und) one', (language) => {
    // `und` maximizes to en-Latn-US: as a script match it came before the map's en-US.
    const undetermined = { ...s, verb: { id: 'http://x.org/v', display: { und: 'did?', 'en-US': 'did' } } };
    expect((formatStatement(undetermined, 'canonical', language) as typeof undetermined).verb.display).toEqual({ 'en-US': 'did' });
  });

  it('canonical gives each activity the definition the LRS holds, merged from every statement, in the language asked for (Communication §2.1.3)', () => withLrs((lrs) => {
    const page = 'https://coursepack.invalid/courses/c1/pages/p1';
    const defining = statement({
      object: { objectType: 'Activity', id: 'http://x.org/canon', definition: { name: { 'en-US': 'Canon EN' } } },
      context: { contextActivities: { parent: [{ id: page, definition: { name: { en: 'Page one', es: 'Página uno' } } }] } },
    });
    expect(lrs.call('POST', 'statements', { body: defining }).status).toBe(200);
    expect(lrs.call('POST', 'statements', { body: statement({ object: { id: 'http://x.org/canon', definition: { name: { es: 'Canon ES' } } } }) }).status).toBe(200);
    // Ids alone: the object, a context activity, and a SubStatement's object.
    const bare = statement({
      object: { objectType: 'SubStatement', actor: { mbox: 'mailto:a@b.org' }, verb: { id: 'http://x.org/v' }, object: { id: page } },
      context: { contextActivities: { grouping: { id: 'http://x.org/canon' }, other: [{ id: 'http://x.org/never-defined' }] } },
    });
    const [id] = lrs.call('POST', 'statements', { body: bare }).json as string[];
    const got = lrs.call('GET', 'statements', { params: { statementId: id ?? '', format: 'canonical' }, headers: { 'accept-language': 'es' } }).json;
    expect(got.object.object).toEqual({ id: page, definition: { name: { es: 'Página uno' } } });
    expect(got.context.contextActivities.grouping).toEqual([{ id: 'http://x.org/canon', definition: { name: { es: 'Canon ES' } } }]);
    expect(got.context.contextActivities.other).toEqual([{ id: 'http://x.org/never-defined' }]);
    // The same in a page of statements, in English; exact leaves the statement as it was sent.
    const listed = lrs.call('GET', 'statements', { params: { format: 'canonical' }, headers: { 'accept-language': 'en-US' } }).json.statements as Array<Record<string, any>>;
    expect(listed.find((x) => x.id === id)?.context.contextActivities.grouping[0].definition).toEqual({ name: { 'en-US': 'Canon EN' } });
    expect(lrs.call('GET', 'statements', { params: { statementId: id ?? '' } }).json.context.contextActivities.grouping).toEqual([{ id: 'http://x.org/canon' }]);
  }));

  it('follows StatementRef chains ten hops, not without end (a write key\'s chain made statement k cost k rows)', () => withLrs((lrs) => {
    const activity = 'http://x.org/chained';
    const ids = Array.from({ length: 25 }, (_, i) => `00000000-0000-4000-8000-${String(900 + i).padStart(12, '0')}`);
    const chain = ids.map((id, i) => statement(i === 0 ? { id, object: { objectType: 'Activity', id: activity } } : { id, object: { objectType: 'StatementRef', id: ids[i - 1] } }));
    expect(lrs.call('POST', 'statements', { body: chain }).status).toBe(200);
    const found = lrs.call('GET', 'statements', { params: { activity, limit: '100' } }).json.statements as Array<{ id: string }>;
    // The statement itself and the ten nearest references to it, as matched by its activity.
    expect(found.map((x) => x.id).sort()).toEqual(ids.slice(0, 11).sort());
  }));

  it('always matches a statement one StatementRef away, also when the chain was stored referrers first', () => withLrs((lrs) => {
    const activity = 'http://x.org/one';
    const id = (n: number) => `00000000-0000-4000-8000-${String(800 + n).padStart(12, '0')}`;
    // X1 … X11, each referencing the next and stored before it; X1 carries the activity.
    for (let n = 1; n <= 12; n++) {
      const s = n === 1
        ? statement({ id: id(1), object: { objectType: 'StatementRef', id: id(2) }, context: { contextActivities: { other: [{ id: activity }] } } })
        : statement({ id: id(n), object: n < 12 ? { objectType: 'StatementRef', id: id(n + 1) } : { objectType: 'Activity', id: 'http://x.org/end' } });
      expect(lrs.call('POST', 'statements', { body: s }).status).toBe(200);
    }
    const near = statement({ id: id(20), object: { objectType: 'StatementRef', id: id(1) } });
    expect(lrs.call('POST', 'statements', { body: near }).status).toBe(200);
    const found = lrs.call('GET', 'statements', { params: { activity, related_activities: 'true', limit: '100' } }).json.statements as Array<{ id: string }>;
    expect(found.map((x) => x.id)).toContain(id(20));
  }));

  it('reads a page whose statements name more activities than SQLite takes in one query (32,766)', () => withLrs((lrs) => {
    const many = Array.from({ length: 20_000 }, (_, i) => ({ id: `http://x.org/a/${i}` }));
    for (const part of [0, 1]) {
      const s = statement({ context: { contextActivities: { other: many.map((a) => ({ id: `${a.id}/${part}` })) } } });
      expect(lrs.call('POST', 'statements', { body: s }).status).toBe(200);
    }
    const page = lrs.call('GET', 'statements', { params: { format: 'canonical' } });
    expect(page.status).toBe(200);
    expect(page.json.statements).toHaveLength(2);
  }));

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
