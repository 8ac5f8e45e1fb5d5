/**
 * What a request Node gave up on is answered (src/lrs/answer-client-error.ts): a timeout is 408, which the packaged
 * player sends again, not the 400 it takes as "rejected" and halves its batch over until a statement is dropped.
 */
import { createServer, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { answerClientError, clientErrorStatus, trackResponses } from '../../src/lrs/answer-client-error.js';

const failure = (code: string) => Object.assign(new Error(code), { code });

/** A connection that records what is written to it and whether it was destroyed. */
function fakeSocket(writable = true) {
  const written: string[] = [];
  const socket = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      written.push(chunk.toString('latin1'));
      done();
    },
  });
  if (!writable) socket.end();
  return { socket, written };
}

describe('clientErrorStatus', () => {
  it.each([
    ['ERR_HTTP_REQUEST_TIMEOUT', '408 Request Timeout'],
    ['HPE_HEADER_OVERFLOW', '431 Request Header Fields Too Large'],
    ['HPE_INVALID_METHOD', '400 Bad Request'],
    ['HPE_INVALID_URL', '400 Bad Request'],
    [undefined, '400 Bad Request'],
  ] as const)('%s → %s', (code, status) => {
    expect(clientErrorStatus(code)).toBe(status);
  });
});

describe('answerClientError', () => {
  it('writes the status, then closes the connection', async () => {
    const { socket, written } = fakeSocket();
    const closed = new Promise((resolve) => socket.once('close', resolve));
    answerClientError(failure('ERR_HTTP_REQUEST_TIMEOUT'), socket, false);
    await closed;
    expect(written.join('')).toBe('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
    expect(socket.destroyed).toBe(true);
  });

  it.each([
    ['a response already under way (a status line would be read as part of its body)', failure('ERR_HTTP_REQUEST_TIMEOUT'), true, true],
    ['a connection the client reset', failure('ECONNRESET'), true, false],
    ['a connection no longer writable', failure('HPE_INVALID_METHOD'), false, false],
  ] as const)('only closes %s', (_case, error, writable, begun) => {
    const { socket, written } = fakeSocket(writable);
    answerClientError(error, socket, begun);
    expect(written).toEqual([]);
    expect(socket.destroyed).toBe(true);
  });
});

describe('trackResponses', () => {
  it('says a connection\'s response has begun from its headers until it finishes', async () => {
    const responses = trackResponses();
    let held: ServerResponse | undefined;
    const server = createServer((req, res) => {
      responses.add(req.socket, res);
      held = res;
      res.writeHead(200, { 'content-length': '4' });
      res.write('ab');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client: Socket = connect((server.address() as { port: number }).port, '127.0.0.1');
    client.on('data', () => undefined);
    client.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await expect.poll(() => held?.headersSent).toBe(true);
    const socket = (held as ServerResponse).socket as Socket;
    expect(responses.begun(socket)).toBe(true);
    const finished = new Promise((resolve) => (held as ServerResponse).once('finish', resolve));
    (held as ServerResponse).end('cd');
    await finished;
    // Finished, the next request on the same kept-alive connection may be answered again.
    expect(responses.begun(socket)).toBe(false);
    client.destroy();
    server.close();
  });
});
