/** The clock session time is counted by: monotonic, without the stretches the device slept. */
import { describe, expect, it } from 'vitest';
import { createStudyClock } from '../../src/runtime/study-clock.js';

function setup() {
  let monotonic = 5_000;
  let tick: (() => void) | undefined;
  const clock = createStudyClock({ monotonic: () => monotonic, setInterval: (fn) => (tick = fn) });
  return {
    clock,
    /** `ms` of the page running, looked at every 30 s as the interval would. */
    run(ms: number) {
      for (let left = ms; left > 0; left -= 30_000) {
        monotonic += Math.min(30_000, left);
        tick?.();
      }
    },
    /** The device asleep: the monotonic clock moves (as it does on Windows) and no timer fires. */
    sleep(ms: number) {
      monotonic += ms;
    },
  };
}

describe('study clock', () => {
  it('counts the time the page ran, whatever the wall clock says (it is never read)', () => {
    const { clock, run } = setup();
    run(20 * 60_000);
    run(10 * 60_000);
    expect(clock.elapsed()).toBe(30 * 60_000);
  });

  it('leaves out a night asleep with the course open, and counts on after it', () => {
    const { clock, run, sleep } = setup();
    run(20 * 60_000);
    sleep(10 * 3_600_000);
    run(10 * 60_000);
    expect(clock.elapsed()).toBe(30 * 60_000 - 30_000);
  });

  it('counts a tab in the background whose timers run once a minute, and a look between two ticks', () => {
    const { clock, sleep } = setup();
    let counted = 0;
    for (let i = 0; i < 10; i++) {
      sleep(60_000);
      counted = clock.elapsed();
    }
    expect(counted).toBe(10 * 60_000);
  });
});
