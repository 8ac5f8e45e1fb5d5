/**
 * The answer to a request Node gave up on before the LRS could ('clientError'): headers that never finished
 * (headersTimeout, 10 s) or a body that trickled (requestTimeout, 120 s), headers too large, bytes no HTTP parser
 * reads. All were answered 400, which the packaged player takes as "this batch was rejected": it halved the batch
 * and in the end dropped a statement that had done nothing wrong but travel on a slow network
 * (src/runtime/xapi/deliver-statements.ts, classify). A timeout is 408, which the player sends again later.
 */
import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/** The status line for the error's code: 408 and 431 as Node's own default answers, 400 for a parse error. */
export function clientErrorStatus(code: string | undefined): string {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return '408 Request Timeout';
  if (code === 'HPE_HEADER_OVERFLOW') return '431 Request Header Fields Too Large';
  return '400 Bad Request';
}

/**
 * Writes the status and closes the connection, or only closes it when nothing may be written: a connection reset
 * or no longer writable, or a response already under way on it (Node's docs for 'clientError'; a status line in
 * the middle of a response would be read as part of its body). Ended and then destroyed: `end` alone half-closes,
 * and a client that keeps its side open (headers sent slowly, then never closed) kept its slot of maxConnections
 * for good, 512 of them locking every learner out.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex, responseBegun: boolean): void {
  if (error.code === 'ECONNRESET' || !socket.writable || responseBegun) {
    socket.destroy();
    return;
  }
  socket.end(`HTTP/1.1 ${clientErrorStatus(error.code)}\r\nConnection: close\r\n\r\n`, () => socket.destroy());
}

/**
 * The responses not yet finished on each connection (more than one when requests are pipelined), so that
 * 'clientError', which is given the connection alone, can tell whether one of them has begun.
 */
export function trackResponses(): { add(socket: Duplex, res: ServerResponse): void; begun(socket: Duplex): boolean } {
  const open = new WeakMap<Duplex, Set<ServerResponse>>();
  return {
    add(socket, res) {
      const mine = open.get(socket) ?? new Set<ServerResponse>();
      open.set(socket, mine);
      mine.add(res);
      res.once('close', () => mine.delete(res));
    },
    begun(socket) {
      return [...(open.get(socket) ?? [])].some((res) => res.headersSent && !res.writableFinished);
    },
  };
}
