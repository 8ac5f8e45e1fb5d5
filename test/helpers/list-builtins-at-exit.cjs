// Preloaded (`node --require`) into a command under test: at exit, writes the Node built-in modules the
// process loaded to the file named by LIST_BUILTINS_TO, one a line, so a test can check what a command's
// start-up pulls in. process.moduleLoadList lists them as `NativeModule <name>`.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const names = process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
  writeFileSync(process.env.LIST_BUILTINS_TO, `${names.join('\n')}\n`);
});
