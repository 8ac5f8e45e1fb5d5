/**
 * multipart/mixed as RFC 2046 §5.1.1 delimits it: a boundary counts only as a line of its own (after a line break,
 * or at the very start), so an attachment may hold the boundary's text anywhere else. A signature's JWS holding
 * `--b` (base64url has both `-` and `b`) cut its part short, and the statement was refused (check-signature.test.ts
 * failed about once in 200 runs, with a new RSA key each run).
 */
import { describe, expect, it } from 'vitest';
import { parseMultipart } from '../../src/lrs/parse-multipart.js';

const text = (parts: ReturnType<typeof parseMultipart>) => parts.map((p) => ({ headers: p.headers, body: p.body.toString('utf8') }));

describe('parseMultipart', () => {
  it('reads each part\'s headers and content, the line break before a delimiter being the delimiter\'s', () => {
    const body = '--b\r\nContent-Type: application/json\r\n\r\n{"a":1}\r\n--b\r\nContent-Type: application/octet-stream\r\nX-Experience-API-Hash: 00\r\n\r\nraw\r\n--b--\r\n';
    expect(text(parseMultipart(Buffer.from(body), 'b'))).toEqual([
      { headers: { 'content-type': 'application/json' }, body: '{"a":1}' },
      { headers: { 'content-type': 'application/octet-stream', 'x-experience-api-hash': '00' }, body: 'raw' },
    ]);
  });

  it('keeps the boundary\'s text inside a line as content: a JWS holding "--b", "x--b--" at the end of a part', () => {
    const jws = 'eyJhbGciOiJSUzI1NiJ9.eyJhIjoxfQ.abc--bdef--b--xyz';
    const body = `--b\r\nContent-Type: application/json\r\n\r\n{"note":"a--b in text"}\r\n--b\r\nContent-Type: application/octet-stream\r\n\r\n${jws}\r\n--b--`;
    expect(text(parseMultipart(Buffer.from(body), 'b')).map((p) => p.body)).toEqual(['{"note":"a--b in text"}', jws]);
  });

  it('keeps a line that starts with the boundary but goes on as content (`--bx` is not `--b`)', () => {
    const body = '--b\r\nContent-Type: text/plain\r\n\r\nline one\r\n--bx not a delimiter\r\nline three\r\n--b--\r\n';
    expect(text(parseMultipart(Buffer.from(body), 'b')).map((p) => p.body)).toEqual(['line one\r\n--bx not a delimiter\r\nline three']);
  });

  it('takes a delimiter line with white space after the boundary (transport padding), bare LF line breaks, and a preamble', () => {
    const body = 'a preamble, ignored\n--b \t\nContent-Type: text/plain\n\nhello\n--b--';
    expect(text(parseMultipart(Buffer.from(body), 'b'))).toEqual([{ headers: { 'content-type': 'text/plain' }, body: 'hello' }]);
  });

  it('refuses a body without its boundary, or without its closing one', () => {
    expect(() => parseMultipart(Buffer.from('no delimiter here --b inside a line'), 'b')).toThrow(/does not contain its boundary/);
    expect(() => parseMultipart(Buffer.from('--b\r\nContent-Type: text/plain\r\n\r\nhello --b--'), 'b')).toThrow(/no closing boundary/);
  });
});
