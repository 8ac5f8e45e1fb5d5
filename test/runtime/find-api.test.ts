import { describe, expect, it, vi } from 'vitest';
import { findApi, findApiNow, type WindowLike } from '../../src/runtime/find-api.js';
import { makeFakeLms } from './fake-lms.js';

interface FakeWindow { parent: FakeWindow | null; opener?: unknown; API?: unknown }

function chain(depth: number, apiAt: number | null): FakeWindow {
  const top: FakeWindow = { parent: null };
  top.parent = top; // a top window is its own parent
  let win = top;
  if (apiAt === 0) top.API = makeFakeLms();
  for (let i = 1; i <= depth; i++) {
    const child: FakeWindow = { parent: win };
    if (apiAt === i) child.API = makeFakeLms();
    win = child;
  }
  return win;
}

describe('API discovery', () => {
  it('finds API in itself, in a parent, or at the top', () => {
    expect(findApiNow(chain(0, 0) as WindowLike)).not.toBeNull();
    expect(findApiNow(chain(3, 1) as WindowLike)).not.toBeNull();
    expect(findApiNow(chain(3, 0) as WindowLike)).not.toBeNull();
  });

  it('prefers the nearest API (bottom-up)', () => {
    const win = chain(2, 1);
    const nearest = win.parent?.API;
    expect(findApiNow(win as WindowLike)).toBe(nearest);
  });

  it('climbs past a cross-origin frame that throws', () => {
    const top: FakeWindow = { parent: null, API: makeFakeLms() };
    top.parent = top;
    const crossOrigin = { parent: top } as FakeWindow;
    Object.defineProperty(crossOrigin, 'API', { get() { throw new Error('SecurityError'); } });
    const sco: FakeWindow = { parent: crossOrigin };
    expect(findApiNow(sco as WindowLike)).toBe(top.API);
  });

  it('looks in the opener when the frames have none', () => {
    const popup = chain(1, null);
    popup.opener = chain(1, 0);
    expect(findApiNow(popup as WindowLike)).not.toBeNull();
  });

  it('looks in the opener of the top window: a SCO framed inside an LMS popup (pipwerks: top.opener)', () => {
    const sco = chain(2, null);
    const popupTop = sco.parent?.parent as FakeWindow;
    popupTop.opener = chain(1, 0);
    expect(findApiNow(sco as WindowLike)).toBe((popupTop.opener as FakeWindow).parent?.API);
    // A popup opened by another popup of the LMS: the opener's top window's opener, a few hops at most.
    const inner = chain(1, null);
    const middle = chain(1, null);
    (inner.parent as FakeWindow).opener = middle;
    (middle.parent as FakeWindow).opener = chain(0, 0);
    expect(findApiNow(inner as WindowLike)).not.toBeNull();
    // Openers that open each other do not loop.
    const a = chain(0, null);
    const b = chain(0, null);
    a.opener = b;
    b.opener = a;
    expect(findApiNow(a as WindowLike)).toBeNull();
  });

  it('ignores objects that are not a SCORM 1.2 API', () => {
    const win = chain(0, null);
    win.API = { LMSInitialize: 'nope' };
    expect(findApiNow(win as WindowLike)).toBeNull();
  });

  it('retries for a while: an API attached after load is found, none at all gives null', async () => {
    vi.useFakeTimers();
    try {
      const late = chain(1, null);
      const found = findApi(late as WindowLike, 2000, 250);
      setTimeout(() => { late.API = makeFakeLms(); }, 600);
      await vi.advanceTimersByTimeAsync(1000);
      expect(await found).not.toBeNull();
      const never = findApi(chain(1, null) as WindowLike, 2000, 250);
      await vi.advanceTimersByTimeAsync(2500);
      expect(await never).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
