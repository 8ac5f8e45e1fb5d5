/**
 * The same course opened again for the same learner in another window of this browser (the launch link
 * clicked twice, a tab left open from yesterday): each window saved the progress it held, and the last one to
 * save won, so a stale window wrote its old suspend_data over the one the learner had moved on in. A window
 * says it opened on a BroadcastChannel named for the course and the learner; each window that hears a later one
 * open calls `superseded`, once. Where BroadcastChannel is missing (Safari before 15.4, on many a school iPad)
 * the same is said through localStorage, whose `storage` event other windows of the origin hear (`storageChannel`).
 */
export interface ChannelLike {
  postMessage(message: unknown): void;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
}

export function watchOtherWindows(open: ((name: string) => ChannelLike) | null, name: string, id: string, superseded: () => void): void {
  if (!open) return;
  let channel: ChannelLike;
  try {
    channel = open(name);
  } catch {
    return;
  }
  let told = false;
  channel.onmessage = (event) => {
    const data = event.data as { readonly opened?: unknown } | null;
    if (told || typeof data?.opened !== 'string' || data.opened === id) return;
    told = true;
    superseded();
  };
  try {
    channel.postMessage({ opened: id });
  } catch {
    // a channel that cannot send: this window just says nothing
  }
}

/** What storageChannel needs of the window: its localStorage and its `storage` events. */
export interface StorageWindow {
  readonly localStorage: { setItem(key: string, value: string): void };
  addEventListener(type: 'storage', listener: (event: { readonly key: string | null; readonly newValue: string | null }) => void): void;
}

/** A channel over localStorage: a message is an item written under the name, heard by the origin's other windows. */
export function storageChannel(win: StorageWindow): (name: string) => ChannelLike {
  return (name) => {
    const channel: ChannelLike = {
      onmessage: null,
      postMessage(message) {
        // The time makes each write a change, so a window opened twice with one id would still be heard.
        win.localStorage.setItem(name, JSON.stringify({ message, at: Date.now() }));
      },
    };
    win.addEventListener('storage', (event) => {
      if (event.key !== name || event.newValue === null) return;
      try {
        channel.onmessage?.({ data: (JSON.parse(event.newValue) as { message?: unknown }).message });
      } catch {
        // not one of ours
      }
    });
    return channel;
  };
}
