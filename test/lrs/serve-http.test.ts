/**
 * The HTTP shell on 127.0.0.1 (random port): credentials, CORS, body limits, HEAD, the request
 * log, and that an unexpected failure costs one 500, not the server.
 */
import { connect, type Socket } from 'node:net';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addKey, createLrsServer, makeDeps, openSqliteStore, type LrsServer, type LrsStore } from '../../src/lrs/index.js';
import { shellWords } from '../helpers/shell-words.js';
import { statement } from './lrs-fixture.js';

let store: LrsStore;
let lrs: LrsServer;
let base: string;
let auth: string;
const lines: string[] = [];
// Set by a test: the next activity lookup throws, standing for a bug deep inside a request.
let failNextLookup = false;
// Set by a test: the next activity lookup finds the database held by another process (SQLITE_BUSY).
let busyNextLookup = false;

beforeAll(async () => {
  store = openSqliteStore(':memory:');
  const { key, secret } = addKey(store, 'admin', new Date());
  auth = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
  const deps = makeDeps(store, { now: () => new Date(), uuid: () => crypto.randomUUID() }, { maxBatch: 5 });
  const flaky: LrsStore = {
    ...store,
    getActivities(ids) {
      if (failNextLookup) {
        failNextLookup = false;
        throw new Error('disk on fire');
      }
      if (busyNextLookup) {
        busyNextLookup = false;
        throw new Database.SqliteError('database is locked', 'SQLITE_BUSY');
      }
      return store.getActivities(ids);
    },
  };
  lrs = createLrsServer({
    deps: { ...deps, store: flaky },
    cors: { origins: ['https://lms.example.org'], allowNullOrigin: true },
    maxBodyBytes: 64 * 1024,
    log: (line) => lines.push(line),
  });
  const address = await lrs.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${address.port}/xAPI`;
});

afterAll(async () => {
  await lrs?.close();
  store?.close();
});

const headers = (extra: Record<string, string> = {}) => ({ Authorization: auth, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json', ...extra });

describe('the LRS over HTTP', () => {
  it('says the --origin to give for an origin it refused as a shell reads it back: a request chooses its Origin, and a bare $( ) in it ran when pasted', async () => {
    const origin = 'https://lms.example.net$(echo no)&x';
    await fetch(`${base}/statements`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    const said = lines.map((l) => /start the LRS with (--origin .*)$/.exec(l)?.[1]).find((g) => g !== undefined) ?? '';
    expect(shellWords(`npx coursepack lrs ${said}`, 'bash')).toEqual(['npx', 'coursepack', 'lrs', '--origin', origin]);
  });

  it('stores and reads a statement, logging one line per request', async () => {
    const before = lines.length;
    const post = await fetch(`${base}/statements`, { method: 'POST', headers: headers(), body: JSON.stringify(statement()) });
    expect(post.status).toBe(200);
    const [id] = (await post.json()) as string[];
    const get = await fetch(`${base}/statements?statementId=${id}`, { headers: headers() });
    expect(get.status).toBe(200);
    expect(((await get.json()) as { id: string }).id).toBe(id);
    expect(lines.slice(before)).toHaveLength(2);
    expect(lines[before]).toMatch(/^\S+Z POST \/xAPI\/statements 200 [\d.]+ms key=\S+$/);
  });

  it('logs no learner identity: the agent parameter is left out of the request line', async () => {
    const agent = encodeURIComponent(JSON.stringify({ mbox: 'mailto:student@school.example.org' }));
    await fetch(`${base}/statements?agent=${agent}&limit=1`, { headers: headers() });
    const line = lines[lines.length - 1] ?? '';
    expect(line).toMatch(/GET \/xAPI\/statements\?agent=-&limit=1 200/);
    expect(line).not.toContain('student');
  });

  it('logs the values of the statement API\'s own parameters only: credentials or an actor put in a query are left out', async () => {
    const secret = Buffer.from('key:very-secret').toString('base64');
    const actor = encodeURIComponent(JSON.stringify({ mbox: 'mailto:ada.lovelace@students.example.org' }));
    await fetch(`${base}/statements?method=GET&Authorization=Basic+${secret}&actor=${actor}&verb=http%3A%2F%2Fv`, { method: 'POST', headers: headers() });
    const line = lines[lines.length - 1] ?? '';
    expect(line).toContain('method=GET&Authorization=-&actor=-&verb=http%3A%2F%2Fv');
    expect(line).not.toContain(secret);
    expect(line).not.toContain('lovelace');
  });

  it('answers 401 with a Basic challenge without credentials, and with a wrong secret', async () => {
    const none = await fetch(`${base}/statements`, { headers: { 'X-Experience-API-Version': '1.0.3' } });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic/);
    const wrong = await fetch(`${base}/statements`, { headers: headers({ Authorization: `Basic ${Buffer.from('k:s').toString('base64')}` }) });
    expect(wrong.status).toBe(401);
  });

  it('answers HEAD like GET without a body', async () => {
    const head = await fetch(`${base}/statements`, { method: 'HEAD', headers: headers() });
    expect(head.status).toBe(200);
    expect(head.headers.get('x-experience-api-consistent-through')).toBeTruthy();
    expect(await head.text()).toBe('');
  });

  it('lists and deletes State across registrations when none is given, HEAD included (Communication §2.3.4, §2.3.5, §1.1)', async () => {
    const agent = encodeURIComponent(JSON.stringify({ objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 'http-state' } }));
    const context = `${base}/activities/state?activityId=${encodeURIComponent('https://coursepack.invalid/courses/c1')}&agent=${agent}`;
    const registration = 'bbbbbbbb-0000-4000-8000-000000000001';
    expect((await fetch(`${context}&registration=${registration}&stateId=s1`, { method: 'PUT', headers: headers(), body: '{"a":1}' })).status).toBe(204);
    expect((await fetch(`${context}&stateId=s2`, { method: 'PUT', headers: headers(), body: '{"b":1}' })).status).toBe(204);
    const list = await fetch(context, { headers: headers() });
    expect(await list.json()).toEqual(['s1', 's2']);
    const head = await fetch(context, { method: 'HEAD', headers: headers() });
    expect([head.status, head.headers.get('etag'), head.headers.get('last-modified'), await head.text()]).toEqual([
      200, list.headers.get('etag'), list.headers.get('last-modified'), '',
    ]);
    expect((await fetch(context, { method: 'DELETE', headers: headers() })).status).toBe(204);
    expect((await fetch(`${context}&registration=${registration}&stateId=s1`, { headers: headers() })).status).toBe(404);
    expect(await (await fetch(context, { headers: headers() })).json()).toEqual([]);
  });

  it.each([
    ['https://lms.example.org', 'https://lms.example.org'],
    ['null', 'null'],
    ['https://evil.example.org', null],
  ])('preflight from %s', async (origin, allowed) => {
    const answer = await fetch(`${base}/statements`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type,x-experience-api-version' },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe(allowed);
    if (allowed) expect(answer.headers.get('access-control-allow-headers')).toMatch(/X-Experience-API-Version/);
  });

  it('adds CORS headers to real responses for allowed origins only', async () => {
    const ok = await fetch(`${base}/about`, { headers: { Origin: 'https://lms.example.org' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://lms.example.org');
    expect(ok.headers.get('access-control-expose-headers')).toMatch(/X-Experience-API-Consistent-Through/);
    // The player waits as long as a 503 or 429 asks, which a page reads only when it is exposed.
    expect(ok.headers.get('access-control-expose-headers')).toMatch(/Retry-After/);
    const other = await fetch(`${base}/about`, { headers: { Origin: 'https://evil.example.org' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses an oversized body with 413 and a message, declared or streamed', async () => {
    const big = JSON.stringify([statement({ result: { response: 'x'.repeat(70 * 1024) } })]);
    const declared = await fetch(`${base}/statements`, { method: 'POST', headers: headers(), body: big });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { message: string }).message).toMatch(/larger than 65536 bytes/);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const streamed = await fetch(`${base}/statements`, { method: 'POST', headers: headers(), body: stream, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it.each([
    ['malformed JSON', '{"actor":', 400],
    ['a batch over the limit', JSON.stringify(Array.from({ length: 6 }, () => statement())), 413],
    ['a bad IRI', JSON.stringify(statement({ object: { id: 'not an iri' } })), 400],
  ])('answers %s with %i and a JSON message', async (_name, body, status) => {
    const answer = await fetch(`${base}/statements`, { method: 'POST', headers: headers(), body });
    expect(answer.status).toBe(status);
    expect(((await answer.json()) as { message: string }).message.length).toBeGreaterThan(5);
  });

  it('answers a request without working credentials before reading its body (no one unknown makes it hold megabytes)', async () => {
    const port = new URL(base).port;
    for (const authorization of ['', `Authorization: Basic ${Buffer.from('k:s').toString('base64')}\r\n`]) {
      const socket = connect(Number(port), '127.0.0.1');
      // A body under the limit announced, none sent: the answer comes anyway, and the connection closes.
      socket.write(`POST /xAPI/statements HTTP/1.1\r\nHost: x\r\n${authorization}X-Experience-API-Version: 1.0.3\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n`);
      const answer = await readUntilClosed(socket);
      expect(answer).toMatch(/^HTTP\/1\.1 401 /);
      expect(answer.toLowerCase()).toContain('www-authenticate: basic');
    }
  });

  it('answers an address no URL parser reads with 400, not 500 and a stack in the log; gives up on headers that never end in seconds', async () => {
    const before = lines.length;
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    socket.write('GET http://[/xAPI/about HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(await readUntilClosed(socket)).toMatch(/^HTTP\/1\.1 400 /);
    expect(lines.slice(before).filter((l) => l.startsWith('error'))).toEqual([]);
    // A client that opens connections and never finishes their headers (slowloris) held each for 90 s.
    expect(lrs.server.headersTimeout).toBeLessThanOrEqual(10_000);
  });

  it('answers headers too large with 431, and a request that timed out with 408 (which the player sends again), not 400', async () => {
    const port = Number(new URL(base).port);
    const big = connect(port, '127.0.0.1');
    big.write(`GET /xAPI/about HTTP/1.1\r\nHost: x\r\nX-Filler: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(await readUntilClosed(big)).toMatch(/^HTTP\/1\.1 431 /);
    // Node's timers give up with ERR_HTTP_REQUEST_TIMEOUT (after 10 s for headers, 120 s for a body): said to
    // the server's side of a connection whose body trickles, without the wait.
    const arrived = new Promise<Socket>((resolve) => lrs.server.once('connection', resolve));
    const slow = connect(port, '127.0.0.1');
    const answer = readUntilClosed(slow);
    slow.write(`POST /xAPI/statements HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth}\r\nX-Experience-API-Version: 1.0.3\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":`);
    const serverSide = await arrived;
    await new Promise((resolve) => setTimeout(resolve, 200));
    lrs.server.emit('clientError', Object.assign(new Error('Request timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }), serverSide);
    expect(await answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
  });

  it('logs a client that drops mid-upload as closed by the client, not as an internal error', async () => {
    const before = lines.length;
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    const arrived = new Promise((resolve) => lrs.server.once('request', resolve));
    socket.write(`POST /xAPI/statements HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth}\r\nX-Experience-API-Version: 1.0.3\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":`);
    // The server has the request and waits for the rest of its body (its key verified already: no scrypt first).
    // Waited for, not 200 ms: a client gone before the server had read its headers made no request to log.
    await arrived;
    socket.destroy();
    await vi.waitFor(() => expect(lines.slice(before).some((l) => l.includes('POST /xAPI/statements closed by the client'))).toBe(true), { timeout: 2000, interval: 20 });
    expect(lines.slice(before).filter((l) => l.startsWith('error'))).toEqual([]);
  });

  it('logs a client that drops while its credentials are still being checked as closed by the client too', async () => {
    // A key this server has not verified yet: its secret goes through scrypt (~50 ms) before the body is read.
    const { key, secret } = addKey(store, 'write', new Date());
    const before = lines.length;
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    socket.on('error', () => undefined);
    // Gone as soon as the server has the request, while scrypt runs: the request was never logged, and its
    // handler waited for good on a body that could no longer come.
    lrs.server.once('request', () => socket.destroy());
    socket.write(`POST /xAPI/statements HTTP/1.1\r\nHost: x\r\nAuthorization: Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}\r\nX-Experience-API-Version: 1.0.3\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":`);
    await vi.waitFor(() => expect(lines.slice(before).some((l) => l.includes('POST /xAPI/statements closed by the client'))).toBe(true), { timeout: 5000, interval: 20 });
    expect(lines.slice(before).filter((l) => l.startsWith('error'))).toEqual([]);
  });

  it('checks wrong secrets sent in an alternate-syntax form off the event loop and throttled, as in a header: a flood gets 503', async () => {
    const key = Buffer.from(auth.slice(6), 'base64').toString().split(':')[0] ?? '';
    const form = (i: number) => new URLSearchParams({
      Authorization: `Basic ${Buffer.from(`${key}:wrong-${i}`).toString('base64')}`, 'X-Experience-API-Version': '1.0.3',
    }).toString();
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => fetch(`${base}/statements?method=GET`, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form(i),
    })));
    const statuses = answers.map((r) => r.status);
    // Two checked at a time, 32 waiting, the rest answered busy without running scrypt at all.
    expect(statuses.filter((x) => x === 503).length).toBeGreaterThan(0);
    expect(statuses.every((x) => x === 401 || x === 503)).toBe(true);
    expect(answers.find((r) => r.status === 503)?.headers.get('retry-after')).toBe('1');
    // The right secret in a form still works.
    const right = await fetch(`${base}/statements?method=GET`, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ Authorization: auth, 'X-Experience-API-Version': '1.0.3', limit: '1' }).toString(),
    });
    expect(right.status).toBe(200);
  });

  it('takes the credentials of an alternate-syntax request from its form alone, never from a header the browser added', async () => {
    const form = (fields: Record<string, string>) => new URLSearchParams({ 'X-Experience-API-Version': '1.0.3', content: JSON.stringify(statement()), ...fields }).toString();
    const post = (body: string, extra: Record<string, string> = {}) => fetch(`${base}/statements?method=POST`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...extra }, body });
    // A page on another site posting a form: the browser adds the Basic credentials it remembers (an admin's).
    // Sandboxed frames (Origin: null) may send with --allow-null-origin, but their header credentials do not count.
    expect((await post(form({}), { Authorization: auth, Origin: 'null' })).status).toBe(401);
    expect((await post(form({ Authorization: auth }), { Origin: 'null' })).status).toBe(200);
    // No page at all (a server, the ADL conformance suite, Communication §1.3.s3.b6: headers MAY be in the form),
    // or a page of an origin given by name: the header counts.
    expect((await post(form({}), { Authorization: auth })).status).toBe(200);
    expect((await post(form({}), { Authorization: auth, Origin: 'https://lms.example.org' })).status).toBe(200);
  });

  it('refuses a request that changes something from an origin it was not told of, whatever its credentials', async () => {
    const body = JSON.stringify(statement());
    const refused = await fetch(`${base}/statements`, { method: 'POST', headers: headers({ Origin: 'https://attacker.example' }), body });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect((await fetch(`${base}/statements`, { method: 'POST', headers: headers({ Origin: 'https://lms.example.org' }), body })).status).toBe(200);
    // A page of the LRS's own site (the LMS's host, its proxy passing /xAPI/ on), which the browser says it is.
    expect((await fetch(`${base}/statements`, { method: 'POST', headers: headers({ Origin: 'https://lms.district.org', 'Sec-Fetch-Site': 'same-origin' }), body })).status).toBe(200);
    // Reading from there is CORS's to refuse (the browser keeps the answer from the page); a server or a script has no Origin.
    expect((await fetch(`${base}/about`, { headers: { Origin: 'https://attacker.example' } })).status).toBe(200);
  });

  it('answers 404 outside /xAPI/', async () => {
    expect((await fetch(`${base.replace('/xAPI', '')}/other`)).status).toBe(404);
  });

  it('logs the key of a request the store could not serve (503): IT reads it to tell which course is affected', async () => {
    const before = lines.length;
    busyNextLookup = true;
    const refused = await fetch(`${base}/statements`, { method: 'POST', headers: headers(), body: JSON.stringify(statement()) });
    expect(refused.status).toBe(503);
    const key = Buffer.from(auth.slice('Basic '.length), 'base64').toString().split(':')[0] as string;
    expect(lines.slice(before).filter((l) => l.includes('POST /xAPI/statements'))).toEqual([expect.stringMatching(new RegExp(` 503 [\\d.]+ms key=${key}$`))]);
  });

  it('turns an unexpected failure into one 500 and keeps serving', async () => {
    failNextLookup = true;
    const failed = await fetch(`${base}/statements`, { method: 'POST', headers: headers(), body: JSON.stringify(statement()) });
    expect(failed.status).toBe(500);
    expect(lines.some((l) => l.includes('disk on fire'))).toBe(true);
    const next = await fetch(`${base}/statements`, { method: 'POST', headers: headers(), body: JSON.stringify(statement()) });
    expect(next.status).toBe(200);
  });
});

/** A server of its own on a store of its own, for a test that closes it: no origins, a 200 ms grace at close. */
function ownServer(): { own: LrsStore; server: LrsServer } {
  const own = openSqliteStore(':memory:');
  const server = createLrsServer({
    deps: makeDeps(own, { now: () => new Date(), uuid: () => crypto.randomUUID() }),
    cors: { origins: [], allowNullOrigin: false },
    maxBodyBytes: 64 * 1024,
    log: () => undefined,
    closeGraceMs: 200,
  });
  return { own, server };
}

it('closes a request still under way once close() has given it its grace period', async () => {
  const { own, server } = ownServer();
  const { key, secret } = addKey(own, 'write', new Date());
  const { port } = await server.listen(0, '127.0.0.1');
  const socket = connect(port, '127.0.0.1');
  socket.write(`POST /xAPI/statements HTTP/1.1\r\nHost: x\r\nAuthorization: Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}\r\nX-Experience-API-Version: 1.0.3\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":`);
  const closed = readUntilClosed(socket);
  // Give the server the time to take the request in (its credentials are checked with scrypt first).
  await new Promise((resolve) => setTimeout(resolve, 300));
  const started = performance.now();
  await server.close();
  // Without the grace period close() waited for the client, up to Node's request timeout.
  expect(performance.now() - started).toBeLessThan(5000);
  await closed;
  own.close();
});

it('frees the connection of a request it refuses as malformed, even when the client keeps its side open', async () => {
  const { own, server } = ownServer();
  const { port } = await server.listen(0, '127.0.0.1');
  // A client that never closes its side (slowloris, or a broken proxy): half-closed by the server, each kept
  // one of its 512 connections for good, and 512 of them locked every learner out.
  const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
  socket.on('error', () => undefined);
  const ended = new Promise((resolve) => socket.once('end', resolve));
  socket.resume();
  socket.write('NOT AN HTTP REQUEST\r\n\r\n');
  await ended;
  const open = () => new Promise<number>((resolve, reject) => server.server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
  await expect.poll(open, { timeout: 3000 }).toBe(0);
  socket.destroy();
  await server.close();
  own.close();
});

/** Everything a raw socket receives until the server closes it. */
function readUntilClosed(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('close', () => resolve(text));
    socket.on('error', () => undefined);
  });
}
