/** Two windows of one course for one learner: the earlier one hears the later one open (BroadcastChannel). */
import { describe, expect, it } from 'vitest';
import { storageChannel, watchOtherWindows, type ChannelLike, type StorageWindow } from '../../src/runtime/watch-other-windows.js';

/** Channels of one name deliver to every other channel of it, as BroadcastChannel does (not to the sender). */
function makeBus() {
  const channels = new Map<string, ChannelLike[]>();
  return (name: string): ChannelLike => {
    const list = channels.get(name) ?? [];
    const channel: ChannelLike = {
      onmessage: null,
      postMessage(message) {
        for (const other of list) if (other !== channel) other.onmessage?.({ data: message });
      },
    };
    list.push(channel);
    channels.set(name, list);
    return channel;
  };
}

describe('watchOtherWindows', () => {
  it('tells a window, once, when a later one of the same course and learner opens; not others', () => {
    const open = makeBus();
    const said: string[] = [];
    watchOtherWindows(open, 'course:ada', 'w1', () => said.push('w1'));
    watchOtherWindows(open, 'course:ben', 'w2', () => said.push('w2'));
    expect(said).toEqual([]);
    watchOtherWindows(open, 'course:ada', 'w3', () => said.push('w3'));
    watchOtherWindows(open, 'course:ada', 'w4', () => said.push('w4'));
    expect(said).toEqual(['w1', 'w3']);
  });

  it('does nothing where BroadcastChannel is missing or throws', () => {
    expect(() => watchOtherWindows(null, 'x', 'w', () => undefined)).not.toThrow();
    expect(() => watchOtherWindows(() => { throw new Error('blocked'); }, 'x', 'w', () => undefined)).not.toThrow();
  });
});

describe('storageChannel (where BroadcastChannel is missing: Safari before 15.4)', () => {
  it('carries the same messages through localStorage: the storage event reaches the origin\'s other windows only', () => {
    const store = new Map<string, string>();
    const windows: Array<{ listeners: Array<(event: { key: string | null; newValue: string | null }) => void> }> = [];
    const makeWindow = (): StorageWindow => {
      const me = { listeners: [] as Array<(event: { key: string | null; newValue: string | null }) => void> };
      windows.push(me);
      return {
        localStorage: {
          setItem(key, value) {
            store.set(key, value);
            for (const other of windows) if (other !== me) for (const l of other.listeners) l({ key, newValue: value });
          },
        },
        addEventListener: (_type, listener) => me.listeners.push(listener),
      };
    };
    const said: string[] = [];
    watchOtherWindows(storageChannel(makeWindow()), 'c:ada', 'w1', () => said.push('w1'));
    watchOtherWindows(storageChannel(makeWindow()), 'c:ben', 'w2', () => said.push('w2'));
    watchOtherWindows(storageChannel(makeWindow()), 'c:ada', 'w3', () => said.push('w3'));
    expect(said).toEqual(['w1']);
  });
});
