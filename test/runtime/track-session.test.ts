import { describe, expect, it } from 'vitest';
import { openLearnerStorage } from '../../src/runtime/learner-storage.js';
import { createLmsStore, createLocalStore, readLearner } from '../../src/runtime/progress-store.js';
import { TrackSession } from '../../src/runtime/track-session.js';
import type { LearnerState } from '../../src/shared/suspend-data.js';
import { encodeSuspendData, isNewerSuspendData } from '../../src/shared/suspend-data.js';
import { fillInCheck, makeCourse, matchingCheck } from '../shared/course-fixture.js';
import { makeFakeLms, makeManualClock, type FakeLmsOptions } from './fake-lms.js';
import { makeMemoryStorage } from './memory-storage.js';

const course = makeCourse();
const pages = course.pages.map((p) => p.id);

function setup(options: FakeLmsOptions = {}) {
  const lms = makeFakeLms(options);
  const store = createLmsStore(lms);
  if (!store) throw new Error('no store');
  const clock = makeManualClock();
  const session = new TrackSession(store, course, clock, { retryDelaysMs: [1000, 2000] });
  const commits = () => lms.calls.filter((c) => c === 'LMSCommit').length;
  return { lms, store, clock, session, commits };
}

/** A session whose saving notices (`onSaving`) are collected in `said`, retrying commits after `retryDelaysMs`. */
function savingSetup(options: FakeLmsOptions, retryDelaysMs: number[]) {
  const lms = makeFakeLms(options);
  const store = createLmsStore(lms);
  if (!store) throw new Error('no store');
  const clock = makeManualClock();
  const said: boolean[] = [];
  const session = new TrackSession(store, course, clock, { retryDelaysMs, onSaving: (saving) => said.push(saving) });
  return { lms, clock, session, said };
}

const at = (location: string, viewed: string[], answers: Array<[string, string[]]> = []): LearnerState =>
  ({ location, viewed: new Set(viewed), answers: new Map(answers), registration: null, submitted: true, attempt: 1, completedOn: null, kept: new Set() });
const right: Array<[string, string[]]> = [['q-single', ['a']], ['q-multi', ['a', 'c']], ['q-tf', ['b']]];

describe('session policy', () => {
  it('starts: reads what it needs, not attempted → incomplete, exit=suspend, one commit', () => {
    const { lms, clock, session, commits } = setup();
    const start = session.start();
    clock.settle();
    expect(start.passMark).toBe(80);
    expect(start.resumed).toBe(false);
    for (const element of ['entry', 'lesson_status', 'lesson_location', 'lesson_mode']) {
      expect(lms.calls).toContain(`get cmi.core.${element}`);
    }
    expect(lms.calls).toContain('get cmi.suspend_data');
    expect(lms.calls).toContain('get cmi.student_data.mastery_score');
    expect(lms.committed.get('cmi.core.lesson_status')).toBe('incomplete');
    expect(lms.committed.get('cmi.core.exit')).toBe('suspend');
    expect(commits()).toBe(1);
  });

  it('resumes from lesson_location and suspend_data, and uses the LMS mastery score', () => {
    const state = at('m2--a', ['m1--a', 'm1--b', 'm2--a'], [['practice', ['b']]]);
    const { session } = setup({ initial: {
      'cmi.core.entry': 'resume', 'cmi.core.lesson_status': 'incomplete', 'cmi.core.lesson_location': 'm2--a',
      'cmi.suspend_data': encodeSuspendData(course, state), 'cmi.student_data.mastery_score': '70',
    } });
    const start = session.start();
    expect(start.state).toEqual({ ...state, registration: null });
    expect(start.resumed).toBe(true);
    expect(start.passMark).toBe(70);
  });

  it('a start-up Get the LMS fails once is asked again: a passed learner stays passed, saved progress is read', () => {
    const state = at('m2--a', pages, right);
    const { lms, clock, session } = setup({ initial: {
      'cmi.core.entry': 'resume', 'cmi.core.lesson_status': 'passed', 'cmi.core.score.raw': '100',
      'cmi.core.lesson_location': 'm2--a', 'cmi.suspend_data': encodeSuspendData(course, state),
    } });
    for (const element of ['cmi.core.lesson_status', 'cmi.suspend_data', 'cmi.core.lesson_location', 'cmi.core.score.raw']) lms.failGets(element, 1);
    const start = session.start();
    clock.settle();
    expect(start.state).toEqual({ ...state, registration: null });
    expect(start.bestScore).toBe(100);
    expect(session.lessonStatus).toBe('passed');
    expect(lms.calls.filter((c) => c.startsWith('set cmi.core.lesson_status'))).toEqual([]);
    expect(lms.committed.get('cmi.core.lesson_status')).toBe('passed');
  });

  it('a lesson_status it cannot read at all is written by no one until a later read says what it is', () => {
    const { lms, clock, session } = setup({ initial: { 'cmi.core.lesson_status': 'passed', 'cmi.core.score.raw': '100' } });
    lms.failGets('cmi.core.lesson_status', 2);
    session.start();
    clock.settle();
    // Before: read as not attempted, so `incomplete` went over `passed`.
    expect(lms.calls.filter((c) => c.startsWith('set cmi.core.lesson_status'))).toEqual([]);
    lms.failGets('cmi.core.lesson_status', 2);
    session.save(at('m1--a', ['m1--a']));
    clock.settle();
    expect(lms.committed.get('cmi.core.lesson_status')).toBe('passed');
    // Readable again: known, and kept as the LMS has it (an incomplete page view is no upgrade of passed).
    session.save(at('m1--b', ['m1--a', 'm1--b']));
    clock.settle();
    expect(session.lessonStatus).toBe('passed');
    expect(lms.committed.get('cmi.core.lesson_status')).toBe('passed');
  });

  it('a second window of the attempt on one API (a second frame) never sets back what the first raised', () => {
    const lms = makeFakeLms();
    const store = createLmsStore(lms);
    if (!store) throw new Error('no store');
    const clock = makeManualClock();
    const first = new TrackSession(store, course, clock);
    const second = new TrackSession(store, course, clock);
    first.start();
    second.start();
    first.save(at('m2--a', pages, right));
    clock.settle();
    expect([lms.values.get('cmi.core.lesson_status'), lms.values.get('cmi.core.score.raw')]).toEqual(['passed', '100']);
    // The other window, read before the pass, submits wrong answers: failed/0 went over passed/100.
    second.save(at('m2--a', pages, [['q-single', ['b']], ['q-multi', ['b']], ['q-tf', ['a']]]));
    clock.settle();
    expect([lms.values.get('cmi.core.lesson_status'), lms.values.get('cmi.core.score.raw')]).toEqual(['passed', '100']);
    expect(lms.calls.filter((c) => /^set cmi\.core\.(lesson_status=failed|score\.raw=0)$/.test(c))).toEqual([]);
  });

  it('an LMS that takes no score is not asked for it again at every page turn', () => {
    const { lms, clock, session } = setup();
    session.start();
    lms.refuseSets('cmi.core.score.raw');
    session.save(at('m2--a', pages, right));
    clock.settle();
    const before = lms.calls.filter((c) => c.startsWith('get ')).length;
    session.save(at('m1--a', pages, right));
    session.save(at('m1--b', pages, right));
    clock.settle();
    expect(lms.calls.filter((c) => c.startsWith('get ')).length).toBe(before);
  });

  it.each([
    { commitFails: false, finishFails: false, unsaved: false },
    { commitFails: true, finishFails: false, unsaved: false },
    { commitFails: false, finishFails: true, unsaved: false },
    { commitFails: true, finishFails: true, unsaved: true },
  ])('Exit with the last commit failing $commitFails and LMSFinish failing $finishFails: unsaved at the end $unsaved', ({ commitFails, finishFails, unsaved }) => {
    const { lms, clock, session } = setup();
    session.start();
    clock.settle();
    session.save(at(pages[1] ?? '', pages.slice(0, 2)));
    if (commitFails) lms.failCommits(100);
    if (finishFails) lms.failFinish();
    clock.settle();
    expect(session.unsavedAtEnd).toBe(false);
    session.end('exit');
    expect(session.unsavedAtEnd).toBe(unsaved);
  });

  it('a commit refused with every retry is said once (onSaving false); the next one taken says so (true)', () => {
    const { lms, clock, session, said } = savingSetup({}, [1000, 2000]);
    session.start();
    clock.settle();
    lms.failCommits(100);
    session.save(at(pages[1] ?? '', pages.slice(0, 2)));
    clock.settle();
    clock.advance(1000);
    expect(said).toEqual([]);
    clock.advance(2000);
    expect(said).toEqual([false]);
    // The next step's commit refused too: not said again.
    session.save(at(pages[2] ?? '', pages.slice(0, 3)));
    clock.settle();
    expect(said).toEqual([false]);
    lms.failCommits(0);
    session.save(at(pages[1] ?? '', pages.slice(0, 3)));
    clock.settle();
    expect(said).toEqual([false, true]);
    expect(lms.committed.get('cmi.core.lesson_location')).toBe(pages[1]);
  });

  it.each([
    { finishFails: false, said: [false, true] },
    { finishFails: true, said: [false] },
  ])('the commits refused, then the end taken (LMSFinish failing $finishFails): saving said again $said', ({ finishFails, said: expected }) => {
    const { lms, clock, session, said } = savingSetup({}, [1000]);
    session.start();
    clock.settle();
    lms.failCommits(100);
    session.save(at(pages[1] ?? '', pages.slice(0, 2)));
    clock.settle();
    clock.advance(1000);
    expect(said).toEqual([false]);
    // The LMS's own saving at LMSFinish (SCORM12.md §3.2) keeps what the refused commits did not.
    if (finishFails) lms.failFinish();
    session.end('exit');
    expect(said).toEqual(expected);
  });

  it.each([
    { name: 'error 101', junkErrorCodes: false },
    { name: '"false" and an error code it cannot read', junkErrorCodes: true },
  ])('progress whose Set the LMS keeps refusing ($name) is retried, said as not saving, and not called saved at the end', ({ junkErrorCodes }) => {
    // The commits around it were taken, so nothing said the answers never reached the LMS, and Exit said they were saved.
    const { lms, clock, session, said } = savingSetup({ junkErrorCodes }, [1000, 2000]);
    session.start();
    clock.settle();
    const answered = at('m2--b', ['m1--a', 'm2--b'], [['q-single', ['a']]]);
    lms.failSets('cmi.suspend_data', 100);
    session.save(answered);
    clock.advance(1000);
    clock.advance(2000);
    expect(said).toEqual([false]);
    const tries = lms.calls.filter((c) => c.startsWith('set cmi.suspend_data')).length;
    // Retried with the commits' backoff, not in a loop: the Set, the save's commit, two retries.
    expect(tries).toBe(4);
    expect(clock.pending()).toBe(0);
    session.end('exit');
    expect(lms.committed.get('cmi.suspend_data') ?? '').not.toBe(encodeSuspendData(course, answered));
    expect(session.unsavedAtEnd).toBe(true);
    // Taken at last (the LMS's trouble passed): saving again, and saved at the end.
    const again = setup();
    again.session.start();
    again.clock.settle();
    again.lms.failSets('cmi.suspend_data', 2);
    again.session.save(answered);
    again.clock.advance(1000);
    again.session.end('exit');
    expect(again.lms.committed.get('cmi.suspend_data')).toBe(encodeSuspendData(course, answered));
    expect(again.session.unsavedAtEnd).toBe(false);
  });

  it('a browse launch whose commit is refused with every retry says nothing of not saving (nothing is recorded)', () => {
    const { lms, clock, session, said } = savingSetup({ initial: { 'cmi.core.lesson_mode': 'browse' } }, [1000]);
    lms.failCommits(100);
    session.start();
    clock.settle();
    clock.advance(1000);
    expect(said).toEqual([]);
    // Nor does one whose `browsed` the LMS keeps refusing: its exit page says nothing was recorded, not that it was lost.
    const refused = setup({ initial: { 'cmi.core.lesson_mode': 'browse' } });
    refused.lms.failSets('cmi.core.lesson_status', 100);
    refused.session.start();
    refused.clock.advance(1000);
    refused.clock.advance(2000);
    refused.session.end('exit');
    expect(refused.session.unsavedAtEnd).toBe(false);
  });

  it('a browse launch whose status cannot be read writes no browsed over it', () => {
    const { lms, clock, session } = setup({ initial: { 'cmi.core.lesson_status': 'passed', 'cmi.core.lesson_mode': 'browse' } });
    lms.failGets('cmi.core.lesson_status', 2);
    session.start();
    clock.settle();
    session.end('exit');
    expect(lms.calls.filter((c) => c.startsWith('set cmi.core.lesson_status'))).toEqual([]);
    expect(lms.committed.get('cmi.core.lesson_status')).toBe('passed');
  });

  it('a not attempted learner whose status read failed at start gets incomplete once it is read', () => {
    const { lms, clock, session } = setup();
    lms.failGets('cmi.core.lesson_status', 2);
    session.start();
    session.save(at('m1--a', ['m1--a']));
    clock.settle();
    expect(lms.committed.get('cmi.core.lesson_status')).toBe('incomplete');
  });

  it('saved progress it cannot read is never written over: the LMS keeps it, and the outcome still only goes up', () => {
    const saved = encodeSuspendData(course, at('m2--a', ['m1--a', 'm1--b', 'm2--a']));
    const { lms, clock, session } = setup({ initial: { 'cmi.core.entry': 'resume', 'cmi.core.lesson_status': 'incomplete', 'cmi.suspend_data': saved } });
    lms.failGets('cmi.suspend_data', 3);
    const start = session.start();
    expect(start.state.viewed.size).toBe(0);
    session.save(at('m1--a', ['m1--a']));
    clock.settle();
    expect(lms.committed.get('cmi.suspend_data')).toBe(saved);
    expect(lms.calls.filter((c) => c.startsWith('set cmi.suspend_data'))).toEqual([]);
    // A first launch whose read failed: read again at the first save, empty, so saving goes on.
    const fresh = setup();
    fresh.lms.failGets('cmi.suspend_data', 2);
    fresh.session.start();
    fresh.session.save(at('m1--a', ['m1--a']));
    fresh.clock.settle();
    expect(fresh.lms.committed.get('cmi.suspend_data')).toBe(encodeSuspendData(course, at('m1--a', ['m1--a'])));
  });

  it('an LMS that answers "null" for a value never set starts a first launch, not a reset of progress', () => {
    const { session } = setup({ initial: {
      'cmi.suspend_data': 'null', 'cmi.core.lesson_location': 'null', 'cmi.core.score.raw': 'null', 'cmi.core.entry': 'undefined',
    } });
    const start = session.start();
    expect(start.progressReset).toBe(false);
    expect(start.resumed).toBe(false);
    expect(start.bestScore).toBeNull();
    expect(start.state.location).toBeNull();
  });

  it('a learner id or name the LMS answers as "null" or "undefined" (never set, written out) is no id or name', () => {
    // Read as written, every such learner shared one corner of the browser (the key of the id "null"), the next one on
    // a shared computer reading the last one's reflections, and the cover said "Welcome back, null".
    for (const never of ['null', 'undefined', 'NULL ']) {
      const lms = makeFakeLms({ initial: { 'cmi.core.student_id': never, 'cmi.core.student_name': never } });
      expect(readLearner(createLmsStore(lms)!)).toEqual({ id: '', name: '' });
    }
    const lms = makeFakeLms({ initial: { 'cmi.core.student_id': 'stu-9 ', 'cmi.core.student_name': 'Null, Jane' } });
    lms.failGets('cmi.core.student_id', 1);
    // Anything else as given (a padded id stays the key its learner's browser storage is under).
    expect(readLearner(createLmsStore(lms)!)).toEqual({ id: 'stu-9 ', name: 'Null, Jane' });
  });

  it('values handed back with a trailing NUL or padded with spaces (C strings, CHAR(n) columns) still resume', () => {
    const state = at('m2--a', ['m1--a', 'm1--b', 'm2--a'], [['practice', ['b']]]);
    for (const tail of ['\u0000', '   ']) {
      const { session } = setup({ initial: {
        'cmi.core.entry': `resume${tail}`, 'cmi.core.lesson_status': `incomplete${tail}`, 'cmi.core.lesson_location': `m2--a${tail}`,
        'cmi.suspend_data': encodeSuspendData(course, state) + tail,
      } });
      const start = session.start();
      expect(start.progressReset).toBe(false);
      expect(start.state).toEqual({ ...state, registration: null });
      expect(session.lessonStatus).toBe('incomplete');
    }
  });

  it('vocabulary values in another letter case ("Passed", "COMPLETED ", "Review") are read as the words they are', () => {
    // A passed or completed attempt read as an unknown word ranked below incomplete: the first page turn wrote
    // incomplete over it, and exit=suspend kept the finished attempt open.
    for (const held of ['Passed', 'PASSED ', 'Completed', ' completed']) {
      const { lms, clock, session } = setup({ initial: { 'cmi.core.entry': 'Resume', 'cmi.core.lesson_status': held, 'cmi.core.score.raw': '90' } });
      const start = session.start();
      expect(start.resumed).toBe(true);
      session.save(at('m1--a', ['m1--a']));
      clock.settle();
      session.end('exit');
      expect(lms.calls.filter((c) => c.startsWith('set cmi.core.lesson_status'))).toEqual([]);
      expect(lms.calls.filter((c) => c.startsWith('set cmi.core.exit'))).toEqual(['set cmi.core.exit=']);
      expect(session.lessonStatus).toBe(held.trim().toLowerCase());
    }
    // A first launch whose LMS says "Not Attempted" is started; one in "Review" or "BROWSE" mode records nothing more.
    const first = setup({ initial: { 'cmi.core.lesson_status': 'Not Attempted' } });
    first.session.start();
    first.clock.settle();
    expect(first.lms.committed.get('cmi.core.lesson_status')).toBe('incomplete');
    for (const mode of ['Review', 'BROWSE ']) {
      const { lms, session } = setup({ initial: { 'cmi.core.lesson_mode': mode, 'cmi.core.lesson_status': 'failed' } });
      expect(session.start().unrecorded).toBe(mode.trim().toLowerCase());
      session.save(at('m2--b', pages, right));
      session.end('exit');
      expect(lms.calls.filter((c) => c.startsWith('set '))).toEqual(['set cmi.core.session_time=0000:00:00.00']);
    }
  });

  it('every page shown is committed at once (the bookmark), never on a timer', () => {
    const { lms, clock, session, commits } = setup();
    session.start();
    clock.settle();
    for (let i = 1; i <= pages.length; i++) {
      session.save(at(pages[i - 1] ?? '', pages.slice(0, i)));
      clock.settle();
      expect(commits()).toBe(1 + i);
      expect(lms.committed.get('cmi.core.lesson_location')).toBe(pages[i - 1]);
    }
    expect(clock.pending()).toBe(0);
  });

  it('milestones of one task share one commit, and a commit with nothing new is skipped', () => {
    const { clock, session, commits } = setup();
    session.start();
    session.save(at('m1--a', ['m1--a'])); // the first page, shown in the same task as start-up
    clock.settle();
    expect(commits()).toBe(1);
    session.save(at('m1--a', ['m1--a']));
    session.flush();
    clock.settle();
    expect(commits()).toBe(1);
  });

  it('an answer is committed at once, with its interaction and any status change', () => {
    const { lms, clock, session, commits } = setup();
    session.start();
    session.save(at('m2--b', pages, right.slice(0, 2)));
    clock.settle();
    const before = commits();
    const tf = course.checks[3];
    if (!tf) throw new Error('fixture');
    session.recordAnswer(tf, ['b'], 1000);
    session.save(at('m2--b', pages, right));
    clock.settle();
    expect(commits()).toBe(before + 1);
    expect(lms.committed.get('cmi.interactions.0.id')).toBe('q-tf');
    expect(lms.committed.get('cmi.core.lesson_status')).toBe('passed');
  });

  it('skips Sets of unchanged values', () => {
    const { lms, session } = setup();
    session.start();
    session.save(at('m1--a', ['m1--a']));
    session.save(at('m1--a', ['m1--a']));
    expect(lms.calls.filter((c) => c.startsWith('set cmi.suspend_data'))).toHaveLength(1);
  });

  it('a status change is committed at once, in the order score, status, exit', () => {
    const { lms, clock, session } = setup();
    session.start();
    clock.settle();
    session.save(at('m2--b', pages, right));
    clock.settle();
    const sets = lms.calls.filter((c) => c.startsWith('set ') || c === 'LMSCommit');
    const tail = sets.slice(sets.indexOf('set cmi.core.score.min=0'));
    expect(tail).toEqual(['set cmi.core.score.min=0', 'set cmi.core.score.max=100', 'set cmi.core.score.raw=100',
      'set cmi.core.lesson_status=passed', 'set cmi.core.exit=', 'LMSCommit']);
  });

  it('never downgrades: passed stays passed, and a lower score is not written', () => {
    const { lms, session } = setup({ initial: { 'cmi.core.lesson_status': 'passed', 'cmi.core.score.raw': '100' } });
    session.start();
    session.save(at('m2--b', pages, [['q-single', ['b']], ...right.slice(1)]));
    expect(lms.calls.some((c) => c.startsWith('set cmi.core.lesson_status'))).toBe(false);
    expect(lms.calls.some((c) => c.startsWith('set cmi.core.score'))).toBe(false);
    expect(lms.calls).toContain('set cmi.core.exit=');
  });

  it('failed → passed after a retry raises the score', () => {
    const { lms, session } = setup();
    session.start();
    session.save(at('m2--b', pages, [['q-single', ['b']], ...right.slice(1)]));
    expect(lms.values.get('cmi.core.lesson_status')).toBe('failed');
    expect(lms.values.get('cmi.core.score.raw')).toBe('67');
    session.save(at('m2--b', pages, right));
    expect(lms.values.get('cmi.core.lesson_status')).toBe('passed');
    expect(lms.values.get('cmi.core.score.raw')).toBe('100');
  });

  it('a failed retake that scores better keeps failed but raises the score, and reports each attempt once', () => {
    const lms = makeFakeLms();
    const store = createLmsStore(lms);
    if (!store) throw new Error('no store');
    const changes: Array<{ status: string; previous: string; score: number | null }> = [];
    const session = new TrackSession(store, course, makeManualClock(), { onStatus: (change) => changes.push(change) });
    session.start();
    const wrong2: Array<[string, string[]]> = [['q-single', ['b']], ['q-multi', ['a']], ['q-tf', ['b']]];
    const wrong1: Array<[string, string[]]> = [['q-single', ['b']], ...right.slice(1)];
    session.save(at('m2--b', pages, wrong2));
    expect(lms.values.get('cmi.core.score.raw')).toBe('33');
    // Try again: the answers are cleared and the attempt is not submitted until its answers are.
    session.save({ ...at('m2--b', pages), submitted: false, attempt: 2 });
    session.save({ ...at('m2--b', pages, wrong1), attempt: 2 });
    expect(lms.values.get('cmi.core.lesson_status')).toBe('failed');
    expect(lms.values.get('cmi.core.score.raw')).toBe('67');
    // Page turns after it report nothing new; a worse third attempt lowers nothing.
    session.save({ ...at('m1--a', pages, wrong1), attempt: 2 });
    session.save({ ...at('m2--b', pages), submitted: false, attempt: 3 });
    session.save({ ...at('m2--b', pages, wrong2), attempt: 3 });
    expect(lms.values.get('cmi.core.score.raw')).toBe('67');
    expect(changes).toEqual([
      { status: 'failed', previous: 'incomplete', score: 33 },
      { status: 'failed', previous: 'failed', score: 67 },
      { status: 'failed', previous: 'failed', score: 33 },
    ]);
  });

  it('an attempt whose result the LMS does not take (it holds passed from an earlier attempt) is still news for the LRS', () => {
    const lms = makeFakeLms({ initial: { 'cmi.core.lesson_status': 'passed', 'cmi.core.score.raw': '90' } });
    const store = createLmsStore(lms);
    if (!store) throw new Error('no store');
    const changes: unknown[] = [];
    const session = new TrackSession(store, course, makeManualClock(), { onStatus: (change) => changes.push(change) });
    session.start();
    session.save(at('m2--b', pages, [['q-single', ['b']], ['q-multi', ['a']], ['q-tf', ['b']]]));
    expect(lms.values.get('cmi.core.lesson_status')).toBe('passed');
    expect(changes).toEqual([{ status: 'failed', previous: 'passed', score: 33 }]);
  });

  it('a course without a pass mark completed where the LMS holds completed already says so once (news for a new registration)', () => {
    const unscored = makeCourse({ completion: { ...course.completion, passMark: null }, checks: course.checks.map((c) => ({ ...c, scored: false })) });
    const lms = makeFakeLms({ initial: { 'cmi.core.lesson_status': 'completed' } });
    const store = createLmsStore(lms);
    if (!store) throw new Error('no store');
    const changes: unknown[] = [];
    const session = new TrackSession(store, unscored, makeManualClock(), { onStatus: (change) => changes.push(change) });
    session.start();
    session.save(at('m1--a', ['m1--a']));
    expect(changes).toEqual([]);
    session.save(at('m2--b', pages));
    session.save(at('m1--a', pages));
    expect(changes).toEqual([{ status: 'completed', previous: 'completed', score: null }]);
  });

  it('says when the LMS holds progress this course cannot read (a republished course of another shape), not when it holds none or readable', () => {
    const saved = encodeSuspendData(course, at('m2--a', ['m1--a', 'm1--b', 'm2--a']));
    const launch = (suspendData: string, of = course) => {
      const store = createLmsStore(makeFakeLms({ initial: { 'cmi.core.entry': 'resume', 'cmi.suspend_data': suspendData, 'cmi.core.lesson_location': 'm2--a' } }));
      if (!store) throw new Error('no store');
      return new TrackSession(store, of, makeManualClock()).start();
    };
    expect(launch(saved).progressReset).toBe(false);
    expect(launch('').progressReset).toBe(false);
    // A page added: the saved progress is of another course shape.
    const republished = makeCourse({ pages: [...course.pages, { id: 'm2--c', module: 'm2', title: 'New page' }] });
    const reset = launch(saved, republished);
    expect(reset.progressReset).toBe(true);
    expect(reset.state.viewed.size).toBe(0);
    // Nor is its bookmark: afresh is from the cover, not the old page with nothing viewed.
    expect(reset.state.location).toBeNull();
    expect(launch(saved).state.location).toBe('m2--a');
  });

  it('an older copy of the course (the LMS holds progress a newer player saved) says so and never saves over it', () => {
    // What a later coursepack writes: a version this player does not know, in this format.
    const newer = `7${encodeSuspendData(course, at('m2--a', ['m1--a', 'm1--b', 'm2--a'])).slice(1)}`;
    expect(isNewerSuspendData(course, newer)).toBe(true);
    // Another tool's data that starts with a digit, or this format of another course: not a newer copy's.
    for (const other of ['AAAAAAAAAAAAAAAAAAAA', '8675309', '70000', '7AAAA', encodeSuspendData(course, at('m1--a', ['m1--a']))]) expect(isNewerSuspendData(course, other)).toBe(false);
    const other = makeCourse({ pages: [...course.pages, { id: 'm2--c', module: 'm2', title: 'New page' }] });
    expect(isNewerSuspendData(other, newer)).toBe(false);
    const lms = makeFakeLms({ initial: { 'cmi.core.entry': 'resume', 'cmi.core.lesson_status': 'incomplete', 'cmi.suspend_data': newer, 'cmi.core.lesson_location': 'm2--a' } });
    const store = createLmsStore(lms);
    if (!store) throw new Error('no store');
    const session = new TrackSession(store, course, makeManualClock());
    const start = session.start();
    expect([start.olderCopy, start.progressReset]).toEqual([true, false]);
    session.save(at('m1--a', ['m1--a']));
    session.flush();
    expect(lms.values.get('cmi.suspend_data')).toBe(newer);
    expect(lms.values.get('cmi.core.lesson_location')).toBe('m2--a');
    session.save(at('m2--b', pages, right));
    session.flush();
    expect(lms.values.get('cmi.suspend_data')).toBe(newer);
    // The outcome still goes, and only up: what the learner passed in this copy is theirs.
    expect(lms.values.get('cmi.core.lesson_status')).toBe('passed');
  });

  it('a submission an earlier session reported is not reported again on resume', () => {
    const saved = { ...at('m2--b', pages, [['q-single', ['b']], ...right.slice(1)]), attempt: 2 };
    const lms = makeFakeLms({ initial: {
      'cmi.core.entry': 'resume', 'cmi.core.lesson_status': 'failed', 'cmi.core.score.raw': '67',
      'cmi.suspend_data': encodeSuspendData(course, saved),
    } });
    const store = createLmsStore(lms);
    if (!store) throw new Error('no store');
    const changes: unknown[] = [];
    const session = new TrackSession(store, course, makeManualClock(), { onStatus: (change) => changes.push(change) });
    const start = session.start();
    session.save({ ...start.state, location: 'm1--a' });
    expect(changes).toEqual([]);
  });

  it('records interactions with SCORM 1.2 formats and stops for good after a 401', () => {
    const { lms, session } = setup();
    session.start();
    const multi = course.checks[2];
    const tf = course.checks[3];
    if (!multi || !tf) throw new Error('fixture');
    session.recordAnswer(multi, ['c', 'a'], 12_345);
    session.recordAnswer(tf, ['a'], 500);
    expect(Object.fromEntries([...lms.values].filter(([k]) => k.startsWith('cmi.interactions.')))).toEqual({
      'cmi.interactions._count': '0',
      'cmi.interactions.0.id': 'q-multi', 'cmi.interactions.0.type': 'choice', 'cmi.interactions.0.time': '10:00:00',
      'cmi.interactions.0.correct_responses.0.pattern': 'a,c', 'cmi.interactions.0.student_response': 'a,c',
      'cmi.interactions.0.result': 'correct', 'cmi.interactions.0.latency': '0000:00:12.35',
      'cmi.interactions.1.id': 'q-tf', 'cmi.interactions.1.type': 'true-false', 'cmi.interactions.1.time': '10:00:00',
      'cmi.interactions.1.correct_responses.0.pattern': 'f', 'cmi.interactions.1.student_response': 't',
      'cmi.interactions.1.result': 'wrong', 'cmi.interactions.1.latency': '0000:00:00.50',
    });
    const minimal = setup({ noInteractions: true });
    minimal.session.start();
    minimal.session.recordAnswer(multi, ['a'], 1);
    minimal.session.recordAnswer(tf, ['a'], 1);
    expect(minimal.lms.calls.filter((c) => c.startsWith('set cmi.interactions'))).toHaveLength(0);
    minimal.session.save(at('m2--b', pages, right));
    minimal.clock.settle();
    expect(minimal.lms.committed.get('cmi.core.lesson_status')).toBe('passed');
  });

  it('records a matching check as a matching interaction: item.answer pairs in item order (RTE 3.4.2.4.3)', () => {
    const { lms, session } = setup();
    session.start();
    session.recordAnswer(matchingCheck(), ['c.b', 'a.c', 'b.a'], 2_000);
    expect(Object.fromEntries([...lms.values].filter(([k]) => k.startsWith('cmi.interactions.0.')))).toEqual({
      'cmi.interactions.0.id': 'q-match', 'cmi.interactions.0.type': 'matching', 'cmi.interactions.0.time': '10:00:00',
      'cmi.interactions.0.correct_responses.0.pattern': 'a.b,b.a,c.b', 'cmi.interactions.0.student_response': 'a.c,b.a,c.b',
      'cmi.interactions.0.result': 'wrong', 'cmi.interactions.0.latency': '0000:00:02.00',
    });
  });

  it('records a fill-in check as a fill-in interaction: the words typed, cleaned, and each accepted answer a pattern', () => {
    const { lms, session } = setup();
    session.start();
    session.recordAnswer(fillInCheck(), ['  TO   learn. '], 3_000);
    session.recordAnswer(fillInCheck(), ['respect'], 1_000);
    expect(Object.fromEntries([...lms.values].filter(([k]) => /^cmi\.interactions\.[01]\./.test(k)))).toEqual({
      'cmi.interactions.0.id': 'q-typed', 'cmi.interactions.0.type': 'fill-in', 'cmi.interactions.0.time': '10:00:00',
      'cmi.interactions.0.correct_responses.0.pattern': 'Learning', 'cmi.interactions.0.correct_responses.1.pattern': 'to learn', 'cmi.interactions.0.student_response': 'TO learn.',
      'cmi.interactions.0.result': 'correct', 'cmi.interactions.0.latency': '0000:00:03.00',
      'cmi.interactions.1.id': 'q-typed', 'cmi.interactions.1.type': 'fill-in', 'cmi.interactions.1.time': '10:00:00',
      'cmi.interactions.1.correct_responses.0.pattern': 'Learning', 'cmi.interactions.1.correct_responses.1.pattern': 'to learn', 'cmi.interactions.1.student_response': 'respect',
      'cmi.interactions.1.result': 'wrong', 'cmi.interactions.1.latency': '0000:00:01.00',
    });
  });

  it('a fill-in answer read as a wrong one listed before it (`- [ ] 12`, then `- [x] ١٢`) is no correct response: the player judges it wrong', () => {
    const { lms, session } = setup();
    session.start();
    const entry = (id: string, correct: boolean, text: string) => ({ id, correct, text, feedback: '<p>f</p>' });
    const check = fillInCheck({ options: [entry('a', true, 'twelve'), entry('b', false, '12'), entry('c', true, '\u0661\u0662'), { ...entry('d', false, ''), other: true }] });
    session.recordAnswer(check, ['\u0661\u0662'], 1_000);
    // Before: correct_responses.1.pattern "١٢", the response itself, with result "wrong".
    expect(Object.fromEntries([...lms.values].filter(([k]) => /^cmi\.interactions\.0\.(correct|student|result)/.test(k)))).toEqual({
      'cmi.interactions.0.correct_responses.0.pattern': 'twelve', 'cmi.interactions.0.student_response': '\u0661\u0662', 'cmi.interactions.0.result': 'wrong',
    });
  });

  it('continues interaction numbering from cmi.interactions._count', () => {
    const { lms, session } = setup({ initial: { 'cmi.interactions._count': '4' } });
    session.start();
    const single = course.checks[1];
    if (!single) throw new Error('fixture');
    session.recordAnswer(single, ['a'], 1);
    expect(lms.values.get('cmi.interactions.4.id')).toBe('q-single');
  });

  it('retries a failed commit with backoff', () => {
    const { lms, clock, session } = setup({ commitFailures: 2 });
    session.start();
    clock.settle();
    expect(lms.committed.size).toBe(0);
    clock.advance(1000);
    expect(lms.committed.size).toBe(0);
    clock.advance(2000);
    expect(lms.committed.get('cmi.core.lesson_status')).toBe('incomplete');
  });

  it('ends once: exit, session_time, commit, LMSFinish; nothing set after, whatever triggers follow', () => {
    const { lms, clock, session } = setup();
    session.start();
    clock.advance(61_000);
    session.end('beforeunload');
    for (const trigger of ['pagehide', 'unload', 'exit'] as const) session.end(trigger);
    session.save(at('m1--a', ['m1--a']));
    session.flush();
    clock.settle();
    expect(lms.calls.slice(-3)).toEqual(['set cmi.core.session_time=0000:01:01.00', 'LMSCommit', 'LMSFinish']);
    expect(lms.calls.filter((c) => c === 'LMSFinish')).toHaveLength(1);
    expect(lms.calls.filter((c) => c.startsWith('set cmi.core.session_time'))).toHaveLength(1);
    expect(clock.pending()).toBe(0);
    expect(session.isEnding).toBe(true);
  });

  it.each([
    { name: 'pagehide after a refused beforeunload commit', triggers: ['beforeunload', 'pagehide'] as const, finishAt: 1 },
    { name: 'unload after refused beforeunload and pagehide commits', triggers: ['beforeunload', 'pagehide', 'unload'] as const, finishAt: 2 },
  ])('a commit the LMS refuses during dismissal waits for the next trigger: $name', ({ triggers, finishAt }) => {
    // An LMS saving by sync XHR, which Chrome refuses during dismissal until the LMS switches to sendBeacon.
    const { lms, clock, session } = setup();
    session.start();
    clock.settle();
    lms.failCommits(finishAt);
    triggers.forEach((trigger, i) => {
      session.end(trigger);
      expect(lms.calls.includes('LMSFinish')).toBe(i >= finishAt);
    });
    expect(lms.committed.get('cmi.core.exit')).toBe('suspend');
    expect(lms.calls.filter((c) => c.startsWith('set cmi.core.session_time'))).toHaveLength(1);
  });

  it('a Set the LMS refuses for now (101) is set again before the next commit: an answer saved just before Exit is not lost', () => {
    const { lms, clock, session } = setup();
    session.start();
    clock.settle();
    const answered = at('m2--b', ['m1--a', 'm2--b'], [['q-single', ['a']]]);
    // Refused at the Set and again when the save's own commit sets it again; the commit at Exit saves it.
    lms.failSets('cmi.suspend_data', 2);
    session.save(answered);
    clock.settle();
    expect(lms.committed.get('cmi.suspend_data') ?? '').not.toBe(encodeSuspendData(course, answered));
    session.end('exit');
    expect(lms.committed.get('cmi.suspend_data')).toBe(encodeSuspendData(course, answered));
    expect(lms.calls.at(-1)).toBe('LMSFinish');
  });

  it('a score or status refused for now counts as set for the session: a worse attempt later does not lower the score, and the pass is reported', () => {
    const lms = makeFakeLms();
    const store = createLmsStore(lms);
    if (!store) throw new Error('no store');
    const clock = makeManualClock();
    const changes: string[] = [];
    const session = new TrackSession(store, course, clock, { onStatus: (c) => changes.push(c.status) });
    session.start();
    clock.settle();
    const wrong2: Array<[string, string[]]> = [['q-single', ['b']], ['q-multi', ['a']], ['q-tf', ['b']]];
    const wrong1: Array<[string, string[]]> = [['q-single', ['b']], ...right.slice(1)];
    lms.failSets('cmi.core.score.raw', 1);
    session.save(at('m2--b', pages, wrong1));
    clock.settle();
    expect(lms.committed.get('cmi.core.score.raw')).toBe('67');
    session.save({ ...at('m2--b', pages), submitted: false, attempt: 2 });
    session.save({ ...at('m2--b', pages, wrong2), attempt: 2 });
    clock.settle();
    expect(lms.committed.get('cmi.core.score.raw')).toBe('67');
    // Attempt 3 passes, its status refused once: reported, and exit cleared for the final status.
    lms.failSets('cmi.core.lesson_status', 1);
    session.save({ ...at('m2--b', pages), submitted: false, attempt: 3 });
    session.save({ ...at('m2--b', pages, right), attempt: 3 });
    clock.settle();
    expect(changes.at(-1)).toBe('passed');
    expect(lms.committed.get('cmi.core.lesson_status')).toBe('passed');
    expect(lms.committed.get('cmi.core.exit')).toBe('');
  });

  it('a value refused for now is set again before every commit until the LMS takes it, and a newer value replaces it', () => {
    const { lms, clock, session, store } = setup();
    session.start();
    clock.settle();
    const tries = () => lms.calls.filter((c) => c === 'set cmi.core.lesson_location=m1--b').length;
    lms.failSets('cmi.core.lesson_location', 4);
    store.set('cmi.core.lesson_location', 'm1--b');
    for (let i = 0; i < 6; i++) store.commit();
    // The Set and three commits refused; the fourth commit's Set taken; nothing after.
    expect(tries()).toBe(5);
    expect(lms.committed.get('cmi.core.lesson_location')).toBe('m1--b');
    // A value waiting for its next try gives way to a newer one, and the LMS gets the newer one.
    lms.failSets('cmi.core.lesson_location', 1);
    store.set('cmi.core.lesson_location', 'm2--a');
    store.set('cmi.core.lesson_location', 'm2--b');
    store.commit();
    expect(lms.committed.get('cmi.core.lesson_location')).toBe('m2--b');
  });

  it('an interaction the LMS refuses, with an error code it cannot read, stops interactions (best effort), never status', () => {
    const { lms, clock, session } = setup({ noInteractions: true, junkErrorCodes: true });
    session.start();
    clock.settle();
    for (const [i, answers] of [[['q-single', ['a']]], [['q-single', ['a']], ['q-multi', ['a', 'c']]], right].entries()) {
      session.save(at('m2--b', pages, answers as Array<[string, string[]]>));
      session.recordAnswer(course.checks.find((c) => c.scored) ?? course.checks[0]!, ['a'], 1000 * (i + 1));
      clock.settle();
    }
    expect(lms.calls.filter((c) => c.startsWith('set cmi.interactions.'))).toHaveLength(1);
    expect(lms.committed.get('cmi.core.lesson_status')).toBe('passed');
  });

  it('unload and Exit finish even when their commit fails: there is no later chance', () => {
    for (const trigger of ['unload', 'exit'] as const) {
      const { lms, clock, session } = setup();
      session.start();
      clock.settle();
      lms.failCommits(1);
      session.end(trigger);
      expect(lms.calls.at(-1)).toBe('LMSFinish');
    }
  });

  it('in browse mode a first launch is browsed, not incomplete', () => {
    const { lms, clock, session } = setup({ initial: { 'cmi.core.lesson_mode': 'browse' } });
    session.start();
    clock.settle();
    expect(lms.committed.get('cmi.core.lesson_status')).toBe('browsed');
  });

  it('in browse mode a first launch is committed at the end of the start-up task', () => {
    const { lms, clock, session } = setup({ initial: { 'cmi.core.lesson_mode': 'browse' } });
    session.start();
    expect(lms.committed.size).toBe(0);
    clock.settle();
    expect(lms.committed.size).toBeGreaterThan(0);
  });

  it('an answer whose time is not known is recorded without a latency (optional), not as no time at all', () => {
    const { lms, clock, session } = setup();
    session.start();
    session.recordAnswer(course.checks[0]!, ['a'], null);
    clock.settle();
    expect([...lms.committed.keys()].filter((k) => k.startsWith('cmi.interactions.0.'))).not.toContain('cmi.interactions.0.latency');
    expect(lms.committed.get('cmi.interactions.0.id')).toBe(course.checks[0]!.id);
  });

  it('in review mode writes nothing but session_time, and says the launch is not recorded', () => {
    const { lms, clock, session } = setup({ initial: { 'cmi.core.lesson_mode': 'review', 'cmi.core.lesson_status': 'failed' } });
    expect(session.start().unrecorded).toBe('review');
    // A retake passed in review: the LMS keeps its failed attempt (Moodle opens a new one only when asked).
    session.recordAnswer(course.checks[0]!, ['a'], 1000);
    session.save(at('m2--b', course.pages.map((p) => p.id), right));
    clock.settle();
    session.end('exit');
    expect(lms.calls.filter((c) => c.startsWith('set '))).toEqual(['set cmi.core.session_time=0000:00:00.00']);
  });

  it('in browse mode stays browsed, however far the learner goes: no bookmark, answers, score or status of a preview reach the attempt', () => {
    const { lms, clock, session } = setup({ initial: { 'cmi.core.lesson_mode': 'browse' } });
    expect(session.start().unrecorded).toBe('browse');
    clock.settle();
    session.recordAnswer(course.checks[0]!, ['b'], 1000);
    session.save(at('m2--b', course.pages.map((p) => p.id), [['q-single', ['b']]]));
    clock.settle();
    session.flush();
    session.end('exit');
    expect(lms.calls.filter((c) => c.startsWith('set '))).toEqual(['set cmi.core.lesson_status=browsed', 'set cmi.core.session_time=0000:00:00.00']);
    expect(lms.committed.get('cmi.core.lesson_status')).toBe('browsed');
    // Browsed again later: nothing but the time.
    const again = setup({ initial: { 'cmi.core.lesson_mode': 'browse', 'cmi.core.lesson_status': 'browsed' } });
    again.session.start();
    again.session.save(at('m1--a', ['m1--a']));
    again.clock.settle();
    again.session.end('exit');
    expect(again.lms.calls.filter((c) => c.startsWith('set '))).toEqual(['set cmi.core.session_time=0000:00:00.00']);
  });

  it('a normal launch after a preview is recorded: browsed moves on to incomplete, then the result', () => {
    const { lms, clock, session } = setup({ initial: { 'cmi.core.lesson_status': 'browsed' } });
    expect(session.start().unrecorded).toBeNull();
    session.save(at('m1--a', ['m1--a']));
    clock.settle();
    expect(lms.committed.get('cmi.core.lesson_status')).toBe('incomplete');
    session.save(at('m2--b', course.pages.map((p) => p.id), right));
    clock.settle();
    expect(lms.committed.get('cmi.core.lesson_status')).toBe('passed');
  });
});

describe('local store (no LMS)', () => {
  it('keeps progress across launches in this learner\'s storage and resumes', async () => {
    const storage = makeMemoryStorage();
    const clock = makeManualClock();
    const first = new TrackSession(createLocalStore(await openLearnerStorage(storage, course.id, '')), course, clock);
    first.start();
    first.save(at('m2--a', ['m1--a', 'm1--b', 'm2--a'], [['practice', ['b']]]));
    first.end('pagehide');
    const second = new TrackSession(createLocalStore(await openLearnerStorage(storage, course.id, '')), course, clock);
    const start = second.start();
    expect(start.resumed).toBe(true);
    expect(start.state.location).toBe('m2--a');
    expect(start.state.answers.get('practice')).toEqual(['b']);
    expect([...storage.map.keys()].every((k) => k.startsWith(`coursepack:${course.id}:`))).toBe(true);
  });

  it('adds each session\'s time to total_time at the end, as an LMS does, for the next session to read', async () => {
    const storage = makeMemoryStorage();
    const clock = makeManualClock();
    for (const minutes of [2, 3]) {
      const session = new TrackSession(createLocalStore(await openLearnerStorage(storage, course.id, '')), course, clock);
      session.start();
      clock.advance(minutes * 60_000);
      session.end('exit');
    }
    expect(createLocalStore(await openLearnerStorage(storage, course.id, '')).get('cmi.core.total_time')).toBe('0000:05:00.00');
  });

  it('works when storage is missing or throws', async () => {
    const throwing = makeMemoryStorage({ throwing: true });
    const session = new TrackSession(createLocalStore(await openLearnerStorage(throwing, course.id, '')), course, makeManualClock());
    expect(() => { session.start(); session.save(at('m1--a', ['m1--a'])); session.end('exit'); }).not.toThrow();
    const none = new TrackSession(createLocalStore(await openLearnerStorage(null, course.id, '')), course, makeManualClock());
    expect(none.start().state.location).toBeNull();
  });
});
