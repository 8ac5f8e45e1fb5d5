// Preloaded into a CLI run (`node --import <this file>`, see fakeClock() in run-cli.mjs) by tests that
// show a build does not depend on the wall clock: with COURSEPACK_FAKE_NOW set (ms since the epoch),
// `Date.now()` and `new Date()` read that instant instead of the system clock. Two builds "thirty
// years apart" then take milliseconds, where waiting out the zip format's 2-second time resolution
// took seconds and only moved the clock by two.
const fixed = Number(process.env.COURSEPACK_FAKE_NOW);
if (process.env.COURSEPACK_FAKE_NOW !== undefined && Number.isFinite(fixed)) {
  const RealDate = Date;
  class FakeDate extends RealDate {
    /** @param {any[]} args */
    constructor(...args) {
      if (args.length === 0) super(fixed);
      // @ts-ignore: the same arguments Date takes
      else super(...args);
    }
    static now() {
      return fixed;
    }
  }
  globalThis.Date = FakeDate;
}
