/**
 * A command's output piped to a program that stops reading early (`npx coursepack report --format csv | head`,
 * a CI step's `| grep -m1 error`) is a closed pipe: Node emits 'error' (EPIPE) on process.stdout, and with no
 * listener the process died of it with a stack trace ("Unhandled 'error' event") and exit 1, after a build had
 * written its zip or a report its files. The reader has what it wanted, as for any Unix tool: the rest of the
 * output goes nowhere and the command finishes and exits as it would have. Any other write error (a full disk
 * under `> report.csv`) means the output was cut short: said once on the other stream, and `cutShort()` tells
 * main.ts to exit 2. A server handles its own output's errors (survive-output-errors.ts): with a listener of its
 * own on the stream, this one stays out of the way. Under `--format json` (`json`) stdout is one JSON document a
 * program parses: a failed stderr is told by the exit code alone there, not by a line of text after the document.
 */
let failed = false;

export function quietOnClosedOutput(json = false): void {
  const watch = (stream: NodeJS.WriteStream, other: NodeJS.WriteStream | null, what: string): void => {
    let told = false;
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (stream.listenerCount('error') > 1 || error.code === 'EPIPE' || told) return;
      told = true;
      failed = true;
      // The command may have returned already (its last write fails after it): the exit code is set here too.
      process.exitCode = Math.max(Number(process.exitCode ?? 0), 2);
      other?.write(`coursepack: ${what} could not be written whole (${error.code ?? error.message})\n`);
    });
  };
  watch(process.stdout, process.stderr, 'the output');
  watch(process.stderr, json ? null : process.stdout, 'the error output');
}

/** Whether writing the output failed other than by its reader going away. */
export function cutShort(): boolean {
  return failed;
}
