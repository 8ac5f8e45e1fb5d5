/**
 * The same course opened again for the same learner in another window of this browser (the launch link
 * clicked twice, a tab left open from yesterday): each window saved the progress it held, and the last one to
 * save won, so a stale window wrote its old suspend_data over the one the learner had moved on in. A window
 * says it opened on a BroadcastChannel named for the course and the learner; each window that hears a later one
 * open calls `superseded`, once. Where BroadcastChannel is missing (Safari before 15.4) nothing is said.
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
