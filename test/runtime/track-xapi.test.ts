/**
 * The xAPI tracker's course results (src/runtime/track-xapi.ts): `passed` and `completed` once per
 * registration, each failed attempt reported, and the results' durations the attempt's time so far
 * (XAPI.md §2, §12 rule 7), with the session policy's status changes as input.
 */
import { describe, expect, it } from 'vitest';
import { trackXapi } from '../../src/runtime/track-xapi.js';
import { createStatementDelivery, type StatementDelivery } from '../../src/runtime/xapi/deliver-statements.js';
import { makeStatementContext } from '../../src/shared/xapi/build-statements.js';
import { makeUuid } from '../../src/shared/xapi/make-uuid.js';
import type { XapiStatement } from '../../src/shared/xapi/statement-types.js';
import { defaultCourseIri } from '../../src/shared/xapi/vocabulary.js';
import { makeCourse } from '../shared/course-fixture.js';
import { makeMemoryStorage } from './xapi/fake-lrs.js';

const course = makeCourse();

function tracker(earlierMs?: number) {
  const sent: XapiStatement[] = [];
  const delivery: StatementDelivery = {
    send: (s) => sent.push(s), sendAll: (list) => sent.push(...list), flushOnLaunch: () => undefined, retryNow: () => undefined, flushOnHide: () => undefined, queued: () => 0, unkept: () => 0,
  };
  let now = 1_000_000;
  let n = 0;
  const context = makeStatementContext(course, {
    actor: { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 's1' } },
    registration: makeUuid(new Uint8Array(16)),
    courseIri: defaultCourseIri(course.id),
    platform: 'test',
  });
  const t = trackXapi({
    course, context, delivery, now: () => now, lessonStatus: () => 'incomplete', ...(earlierMs === undefined ? {} : { earlierMs }),
    uuid: () => makeUuid(new Uint8Array(16).fill(++n)),
  });
  const verbs = () => sent.map((s) => s.verb.id.split('/').pop());
  return { t, sent, verbs, wait: (ms: number) => (now += ms) };
}

describe('xAPI durations', () => {
  it('are counted on the elapsed clock, while timestamps keep the wall clock (set back an hour mid-session here)', () => {
    const sent: XapiStatement[] = [];
    const delivery: StatementDelivery = {
      send: (s) => sent.push(s), sendAll: (list) => sent.push(...list), flushOnLaunch: () => undefined, retryNow: () => undefined, flushOnHide: () => undefined, queued: () => 0, unkept: () => 0,
    };
    let wall = Date.parse('2026-03-07T22:00:00Z');
    let elapsed = 0;
    const context = makeStatementContext(course, {
      actor: { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 's1' } },
      registration: makeUuid(new Uint8Array(16)), courseIri: defaultCourseIri(course.id), platform: 'test',
    });
    let n = 0;
    const t = trackXapi({ course, context, delivery, now: () => wall, elapsed: () => elapsed, lessonStatus: () => 'passed', uuid: () => makeUuid(new Uint8Array(16).fill(++n)) });
    t.start(false);
    wall += 20 * 60_000 - 3_600_000;
    elapsed += 20 * 60_000;
    t.onStatus({ status: 'passed', previous: 'incomplete', score: 90 });
    const passed = sent.find((s) => s.verb.id.endsWith('/passed'));
    expect(passed?.result?.duration).toBe('PT20M');
    expect(passed?.timestamp).toBe('2026-03-07T21:20:00.000Z');
  });
});

describe('a muted tracker (a later window of the course holds the attempt)', () => {
  it('sends nothing more: no answers, no result, no suspended at exit', () => {
    const { t, verbs } = tracker();
    t.start(false);
    t.mute();
    t.onStatus({ status: 'passed', previous: 'incomplete', score: 90 });
    t.subscriber({ state: undefined, events: [{ type: 'exited', trigger: 'exit', first: true }] } as unknown as Parameters<typeof t.subscriber>[0]);
    expect(verbs()).toEqual(['initialized']);
  });
});

describe('xAPI course results', () => {
  it('a pass is sent once per registration: not again after Start over, nor in a later session of it that finds the LMS passed', () => {
    const { t, verbs } = tracker();
    t.start(false);
    t.onStatus({ status: 'passed', previous: 'incomplete', score: 90 });
    // Start over in the same session, passed again: the session policy reports the attempt (previous: passed).
    t.onStatus({ status: 'passed', previous: 'passed', score: 100 });
    expect(verbs()).toEqual(['initialized', 'passed', 'completed']);
    const later = tracker();
    later.t.start(true);
    later.t.onStatus({ status: 'passed', previous: 'passed', score: 100 });
    later.t.onStatus({ status: 'completed', previous: 'completed', score: null });
    expect(later.verbs()).toEqual(['resumed']);
  });

  it('a new registration passes with passed and completed even where the LMS kept passed from an earlier attempt', () => {
    const { t, verbs } = tracker();
    t.start(false);
    t.onStatus({ status: 'passed', previous: 'passed', score: 100 });
    expect(verbs()).toEqual(['initialized', 'passed', 'completed']);
  });

  it('a new registration failing where the LMS kept an earlier pass sends failed; a registration that passed sends no failed after it', () => {
    const fresh = tracker();
    fresh.t.start(false);
    fresh.t.onStatus({ status: 'failed', previous: 'passed', score: 33 });
    expect(fresh.verbs()).toEqual(['initialized', 'failed']);
    const same = tracker();
    same.t.start(true);
    same.t.onStatus({ status: 'failed', previous: 'passed', score: 33 });
    same.t.onStatus({ status: 'passed', previous: 'incomplete', score: 90 });
    same.t.onStatus({ status: 'failed', previous: 'passed', score: 40 });
    expect(same.verbs()).toEqual(['resumed', 'passed', 'completed']);
  });

  it('a new registration completing where the LMS kept completed sends completed; a continued one does not', () => {
    const fresh = tracker();
    fresh.t.start(false);
    fresh.t.onStatus({ status: 'completed', previous: 'completed', score: null });
    expect(fresh.verbs()).toEqual(['initialized', 'completed']);
    const same = tracker();
    same.t.start(true);
    same.t.onStatus({ status: 'completed', previous: 'completed', score: null });
    expect(same.verbs()).toEqual(['resumed']);
  });

  it('each failed attempt is reported; a pass after them is sent with completed', () => {
    const { t, verbs, sent } = tracker();
    t.onStatus({ status: 'failed', previous: 'incomplete', score: 40 });
    t.onStatus({ status: 'failed', previous: 'failed', score: 60 });
    t.onStatus({ status: 'passed', previous: 'failed', score: 90 });
    expect(verbs()).toEqual(['failed', 'failed', 'passed', 'completed']);
    expect(sent.map((s) => s.result?.score?.raw)).toEqual([40, 60, 90, undefined]);
  });

  it('passed and completed carry the attempt\'s time so far: earlier sessions (the LMS\'s total_time) and this one', () => {
    const { t, sent, wait } = tracker(4_700);
    wait(1_090);
    t.onStatus({ status: 'passed', previous: 'incomplete', score: 90 });
    expect(sent.map((s) => s.result?.duration)).toEqual(['PT5.79S', 'PT5.79S']);
  });
});

describe('xAPI records waiting', () => {
  it('counts this learner\'s statements only, not those another learner left queued on this computer', () => {
    const { t, sent } = tracker();
    t.start(false);
    const other = { ...(sent[0] as XapiStatement), id: 'other', actor: { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 's2' } } } as XapiStatement;
    // The same learner under another name (an earlier launch's spelling) is still this learner.
    const renamed = { ...(sent[0] as XapiStatement), id: 'renamed', actor: { objectType: 'Agent', name: 'Jane Doe', account: { homePage: 'https://lms.example.org', name: 's1' } } } as XapiStatement;
    const queue = [...sent, other, other, renamed];
    // A delivery whose queue holds this learner's statement and two another learner left.
    const counting: StatementDelivery = {
      send: () => undefined, sendAll: () => undefined, flushOnLaunch: () => undefined, retryNow: () => undefined, flushOnHide: () => undefined,
      queued: (of) => queue.filter((s) => !of || of(s)).length, unkept: (of) => queue.filter((s) => !of || of(s)).length,
    };
    const context = makeStatementContext(course, {
      actor: sent[0]?.actor ?? { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 's1' } },
      registration: makeUuid(new Uint8Array(16)), courseIri: defaultCourseIri(course.id), platform: 'test',
    });
    const mine = trackXapi({ course, context, delivery: counting, now: () => 0, lessonStatus: () => 'incomplete', uuid: () => makeUuid(new Uint8Array(16)) });
    expect([mine.queued(), mine.unkept()]).toEqual([2, 2]);
  });

  it('an e-mail address in other capitals is the same learner, as the report and the embedded LRS count them', () => {
    const me = { objectType: 'Agent', mbox: 'mailto:jane.doe@district.org' } as const;
    const { sent } = tracker();
    const base = sent[0] ?? ({} as XapiStatement);
    // What an earlier launch queued for the same teacher, their LMS writing the address as Jane.Doe@District.org.
    const queue = [{ ...base, id: 'earlier', actor: { objectType: 'Agent', mbox: 'mailto:Jane.Doe@District.org' } }, { ...base, id: 'hashed', actor: me }] as XapiStatement[];
    const counting: StatementDelivery = {
      send: () => undefined, sendAll: () => undefined, flushOnLaunch: () => undefined, retryNow: () => undefined, flushOnHide: () => undefined,
      queued: (of) => queue.filter((s) => !of || of(s)).length, unkept: (of) => queue.filter((s) => !of || of(s)).length,
    };
    const context = makeStatementContext(course, { actor: me, registration: makeUuid(new Uint8Array(16)), courseIri: defaultCourseIri(course.id), platform: 'test' });
    const mine = trackXapi({ course, context, delivery: counting, now: () => 0, lessonStatus: () => 'incomplete', uuid: () => makeUuid(new Uint8Array(16)) });
    // Before: 1, the earlier launch's record told as already on its way nowhere.
    expect(mine.queued()).toBe(2);
  });

  it('a queued item whose statement has no actor (or none of its identifiers) is no one\'s, and the learner\'s own still count', () => {
    const { t, sent } = tracker();
    t.start(false);
    const base = sent[0] ?? ({} as XapiStatement);
    const storage = makeMemoryStorage();
    // The queue reads any item whose statement has an id: one with no actor, or an actor that is no agent.
    storage.setItem('q:a', JSON.stringify({ n: 1, s: { id: 'a', verb: base.verb } }));
    storage.setItem('q:b', JSON.stringify({ n: 2, s: { ...base, id: 'b', actor: null } }));
    storage.setItem('q:c', JSON.stringify({ n: 3, s: { ...base, id: 'c' } }));
    const delivery = createStatementDelivery({
      endpoint: 'https://lrs.example.org/xAPI', auth: null, storage, storageKey: 'q', fetch: () => new Promise(() => {}),
      timers: { setTimeout: () => 0, clearTimeout: () => undefined }, random: () => 0, warn: () => undefined,
    });
    const context = makeStatementContext(course, { actor: base.actor, registration: makeUuid(new Uint8Array(16)), courseIri: defaultCourseIri(course.id), platform: 'test' });
    const mine = trackXapi({ course, context, delivery, now: () => 0, lessonStatus: () => 'incomplete', uuid: () => makeUuid(new Uint8Array(16)) });
    // Before: 0, identityOf threw on the first and the count gave up: "every record has reached" with one waiting.
    expect([mine.queued(), delivery.queued()]).toEqual([1, 3]);
  });
});
