// Runs Learning Locker's xapi-statements@5.0.1 (GPL-3.0, a devDependency used only as a test peer,
// XAPI.md §10) in memory on 127.0.0.1, and exits by itself when the process that started it is gone,
// so a killed test run never leaves an LRS behind. Started by xapi-statements-lrs.ts.
'use strict';
require('./exit-with-parent.cjs');
require('xapi-statements/dist/index.js');
