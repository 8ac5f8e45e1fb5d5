import { describe, expect, it } from 'vitest';
import { LmsTransport } from '../../src/runtime/lms-transport.js';
import { makeFakeLms } from './fake-lms.js';

describe('LMS transport', () => {
  it('initializes once and finishes once, whatever the caller does', () => {
    const lms = makeFakeLms();
    const transport = new LmsTransport(lms);
    expect(transport.initialize()).toBe(true);
    expect(transport.initialize()).toBe(true);
    expect(transport.finish().ok).toBe(true);
    expect(transport.finish().ok).toBe(false);
    expect(lms.calls.filter((c) => c === 'LMSInitialize')).toHaveLength(1);
    expect(lms.calls.filter((c) => c === 'LMSFinish')).toHaveLength(1);
  });

  it('makes no call before LMSInitialize or after LMSFinish (301 otherwise)', () => {
    const lms = makeFakeLms();
    const transport = new LmsTransport(lms);
    expect(transport.set('cmi.core.exit', 'suspend').ok).toBe(false);
    transport.initialize();
    transport.finish();
    expect(transport.commit().ok).toBe(false);
    expect(lms.calls).toEqual(['LMSInitialize', 'LMSFinish']);
  });

  it('uses the session a reloaded frame finds still open (101 on Initialize, and a Get answers)', () => {
    const lms = makeFakeLms();
    new LmsTransport(lms).initialize();
    const reloaded = new LmsTransport(lms);
    expect(reloaded.initialize()).toBe(true);
    expect(reloaded.set('cmi.core.lesson_location', 'p2').ok).toBe(true);
    expect(reloaded.finish().ok).toBe(true);
  });

  it('after a reload that follows LMSFinish, calls nothing more: no Set, no Commit, no second LMSFinish', () => {
    const lms = makeFakeLms({ finishIsFinal: true });
    const first = new LmsTransport(lms);
    first.initialize();
    first.finish();
    const reloaded = new LmsTransport(lms);
    expect(reloaded.initialize()).toBe(false);
    expect(reloaded.isOpen).toBe(false);
    expect(reloaded.set('cmi.core.lesson_location', 'p2').ok).toBe(false);
    expect(reloaded.commit().ok).toBe(false);
    expect(reloaded.finish().ok).toBe(false);
    expect(reloaded.initialize()).toBe(false);
    // The finished page marked the API, so not even a Get is asked.
    expect(lms.calls).toEqual(['LMSInitialize', 'LMSFinish', 'LMSInitialize']);
  });

  it('without the mark (the session was finished by other code), a Get that fails shows the session is over', () => {
    const lms = makeFakeLms({ finishIsFinal: true });
    lms.LMSInitialize('');
    lms.LMSFinish('');
    const transport = new LmsTransport(lms);
    expect(transport.initialize()).toBe(false);
    expect(transport.set('cmi.core.lesson_location', 'p2').ok).toBe(false);
    expect(lms.calls).toEqual(['LMSInitialize', 'LMSFinish', 'LMSInitialize', 'get cmi.core.lesson_status']);
  });

  it('trusts error 0 over a "false" return', () => {
    const transport = new LmsTransport(makeFakeLms({ setReturnsFalse: true }));
    transport.initialize();
    expect(transport.set('cmi.core.lesson_location', 'p1')).toEqual({ ok: true, error: 0 });
  });

  it('reports a real error code as failure', () => {
    const transport = new LmsTransport(makeFakeLms());
    transport.initialize();
    expect(transport.set('cmi.core.lesson_status', 'not attempted')).toEqual({ ok: false, error: 405 });
  });

  it('falls back to the return value when LMSGetLastError is unusable', () => {
    const transport = new LmsTransport(makeFakeLms({ junkErrorCodes: true }));
    expect(transport.initialize()).toBe(true);
    expect(transport.set('cmi.core.lesson_status', 'not attempted').ok).toBe(false);
    expect(transport.set('cmi.core.lesson_status', 'incomplete').ok).toBe(true);
  });

  it.each([1, '1', 'TRUE', ' true ', true])('without a usable LMSGetLastError, reads %j as success (and "false", "", 0 as failure)', (yes) => {
    // An LMS answering 1 for true with no error codes was not used at all: its Initialize read as failed.
    const lms = makeFakeLms({ junkErrorCodes: true });
    const answer = (r: string): string => (r === 'true' ? yes : r) as string;
    const transport = new LmsTransport({
      ...lms,
      LMSInitialize: (a) => answer(lms.LMSInitialize(a)),
      LMSSetValue: (e, v) => answer(lms.LMSSetValue(e, v)),
      LMSCommit: (a) => answer(lms.LMSCommit(a)),
    });
    expect(transport.initialize()).toBe(true);
    expect(transport.set('cmi.core.lesson_status', 'incomplete').ok).toBe(true);
    expect(transport.set('cmi.core.lesson_status', 'not attempted').ok).toBe(false);
    expect(transport.commit().ok).toBe(true);
    for (const no of ['false', '', 0, 'FALSE', null, undefined]) {
      expect(new LmsTransport({ ...makeFakeLms({ junkErrorCodes: true }), LMSInitialize: () => no as string }).initialize()).toBe(false);
    }
  });

  it('survives an API that throws', () => {
    const lms = makeFakeLms();
    const transport = new LmsTransport({ ...lms, LMSInitialize: () => { throw new Error('boom'); } });
    expect(transport.initialize()).toBe(false);
    expect(transport.get('cmi.core.entry')).toEqual({ ok: false, error: Number.NaN, value: '' });
  });
});
