/**
 * A server's own output can stop being writable while it serves: the disk its log is redirected to fills
 * up (ENOSPC), or the program reading its log through a pipe exits (EPIPE: `coursepack lrs | head`, a log
 * shipper restarted). Node then emits 'error' on process.stdout or process.stderr, and with no listener
 * the process dies: an LRS that answers 503 while its database's disk is full went down for a log line,
 * and every package's statements after it met a refused connection. A stream that fails is left alone
 * from then on; the server goes on serving, and says so once on the other stream while that one works.
 */
export function surviveOutputErrors(name: string): void {
  const broken = new Set<NodeJS.WriteStream>();
  const watch = (stream: NodeJS.WriteStream, other: NodeJS.WriteStream, what: string): void => {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (broken.has(stream)) return;
      broken.add(stream);
      if (!broken.has(other)) other.write(`${name}: ${what} cannot be written (${error.code ?? error.message}); serving on without it\n`);
    });
  };
  watch(process.stdout, process.stderr, 'its output (the request log)');
  watch(process.stderr, process.stdout, 'its error output (warnings)');
}
