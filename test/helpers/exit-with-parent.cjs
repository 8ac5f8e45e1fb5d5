'use strict';
// Preloaded into a long-running command a test starts (`node --import …/exit-with-parent.cjs`, or required
// by a runner; CommonJS so both kinds of runner can): the command exits by itself once the test process (CP_PARENT_PID) is gone, so a killed
// test run never leaves a server behind.
const parent = Number(process.env.CP_PARENT_PID);
if (parent) {
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      process.exit(0);
    }
  }, 500).unref();
}
