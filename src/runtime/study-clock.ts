/**
 * The clock a session's time is counted by (`cmi.core.session_time`, the xAPI durations): milliseconds the
 * course was open and running, which is not the distance between two readings of the wall clock.
 *
 * - Monotonic (`performance.now()`), not `Date.now()`: a clock set back an hour mid-session gave the LMS
 *   `0000:00:00.00` for thirty minutes of study, one set a month ahead 720 hours (a Chromebook's clock put
 *   right after waking, NTP, a learner changing it).
 * - A stretch the page did not run is left out: the page looks at the clock every `tickMs` (30 s), and a gap
 *   between two looks longer than `maxGapMs` (5 min) means the device slept or the browser froze the tab, so it
 *   counts nothing. A laptop closed overnight with the course open gave a night of study time, which the
 *   report's own estimate for a session without a close already leaves out (IDLE_CAP_SECONDS). Timers in a
 *   hidden tab still run at least once a minute (Chrome's intensive throttling), so a tab merely in the
 *   background keeps counting, as the wall clock did.
 *
 * Pure: the monotonic clock and the interval timer are injected.
 */
export interface StudyClockOptions {
  /** Milliseconds from a fixed origin that never go back (`performance.now()`). */
  readonly monotonic: () => number;
  readonly setInterval: (fn: () => void, ms: number) => unknown;
  readonly tickMs?: number;
  readonly maxGapMs?: number;
}

export interface StudyClock {
  /** Milliseconds counted since the clock was made. */
  elapsed(): number;
}

export function createStudyClock(options: StudyClockOptions): StudyClock {
  const maxGapMs = options.maxGapMs ?? 5 * 60_000;
  let last = options.monotonic();
  let counted = 0;
  const look = (): void => {
    const at = options.monotonic();
    const gap = at - last;
    if (gap > 0 && gap <= maxGapMs) counted += gap;
    if (at > last) last = at;
  };
  options.setInterval(look, options.tickMs ?? 30_000);
  return {
    elapsed() {
      look();
      return counted;
    },
  };
}
