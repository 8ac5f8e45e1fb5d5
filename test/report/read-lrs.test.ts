/**
 * The LRS reader against a scripted fetch: the query it sends, `more` paging to the end, and one
 * clear sentence (never with credentials) for each way an LRS can fail.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { readLrs, ReadStopped, ReportError } from '../../src/report/index.js';
import { freePort } from '../helpers/xapi-statements-lrs.js';
import { COURSE } from './make-statements.js';

const AUTH = `Basic ${Buffer.from('reportkey:topsecret').toString('base64')}`;
const SOURCE = { endpoint: 'https://lrs.example.org/data/xAPI', auth: AUTH };

type Reply = { status?: number; body?: unknown; headers?: Record<string, string> };

function scripted(replies: Reply[]): { fetch: typeof fetch; requests: Array<{ url: string; headers: Record<string, string> }> } {
  const requests: Array<{ url: string; headers: Record<string, string> }> = [];
  const fake = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    requests.push({ url: String(url), headers: (init?.headers ?? {}) as Record<string, string> });
    const reply = replies.shift() ?? { status: 500 };
    const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
    return new Response(body, { status: reply.status ?? 200, headers: reply.headers ?? {} });
  };
  return { fetch: fake as typeof fetch, requests };
}

async function read(replies: Reply[]) {
  const s = scripted(replies);
  const got: unknown[] = [];
  const result = await readLrs(SOURCE, { activity: COURSE, fetch: s.fetch }, (x) => got.push(x));
  return { result, got, requests: s.requests };
}

/** Retries that wait for nothing, with each wait and each retry line kept. */
function noWait(delaysMs?: number[]) {
  const waits: number[] = [];
  const lines: string[] = [];
  return { waits, lines, retry: { delaysMs, sleep: async (ms: number) => void waits.push(ms), onRetry: (line: string) => void lines.push(line) } };
}

async function failure(replies: Reply[], source = SOURCE): Promise<string> {
  const s = scripted(replies);
  try {
    await readLrs(source, { activity: COURSE, fetch: s.fetch, retry: { delaysMs: [] } }, () => undefined);
  } catch (error) {
    expect(error).toBeInstanceOf(ReportError);
    const message = (error as Error).message;
    for (const secret of ['topsecret', 'reportkey', AUTH.slice(6)]) expect(message).not.toContain(secret);
    expect(message).not.toMatch(/\n/);
    return message;
  }
  throw new Error('expected a failure');
}

describe('reading an LRS', () => {
  it('asks for the course with related activities and follows every more link', async () => {
    const { result, got, requests } = await read([
      { body: { statements: [{ id: '1' }, { id: '2' }], more: '/data/xAPI/statements?cursor=abc' }, headers: { 'X-Experience-API-Consistent-Through': '2026-09-01T00:00:00Z' } },
      { body: { statements: [{ id: '3' }], more: 'https://lrs.example.org/data/xAPI/statements?cursor=def' } },
      { body: { statements: [{ id: '4' }], more: 'statements?cursor=ghi' } },
      { body: { statements: [], more: '' } },
    ]);
    expect(got).toEqual([{ id: '1' }, { id: '2' }, { id: '3' }, { id: '4' }]);
    expect(result).toEqual({ statements: 4, pages: 4, consistentThrough: '2026-09-01T00:00:00Z' });
    const first = new URL(requests[0]?.url ?? '');
    expect(first.pathname).toBe('/data/xAPI/statements');
    expect(first.searchParams.get('activity')).toBe(COURSE);
    expect(first.searchParams.get('related_activities')).toBe('true');
    expect(requests[0]?.headers).toMatchObject({ 'X-Experience-API-Version': '1.0.3', Authorization: AUTH });
    expect(requests.slice(1).map((r) => r.url)).toEqual([
      'https://lrs.example.org/data/xAPI/statements?cursor=abc',
      'https://lrs.example.org/data/xAPI/statements?cursor=def',
      'https://lrs.example.org/data/xAPI/statements?cursor=ghi',
    ]);
  });

  it('sends the stored cursor as since, ascending, for an incremental sync', async () => {
    const s = scripted([{ body: { statements: [] } }]);
    await readLrs(SOURCE, { activity: COURSE, fetch: s.fetch, storedSince: '2026-09-01T00:00:00.000Z' }, () => undefined);
    const url = new URL(s.requests[0]?.url ?? '');
    expect(url.searchParams.get('since')).toBe('2026-09-01T00:00:00.000Z');
    expect(url.searchParams.get('ascending')).toBe('true');
  });

  it.each([
    [401, /refused the credentials \(HTTP 401\)/],
    [403, /does not let these credentials read statements/],
    [404, /no xAPI statement API at https:\/\/lrs\.example\.org\/data\/xAPI/],
    [400, /rejected the query/],
    [503, /failed \(HTTP 503\); try again later$/],
  ])('HTTP %i is one clear line', async (status, message) => {
    expect(await failure([{ status, body: `Authorization: ${AUTH} was wrong` }])).toMatch(message);
  });

  it('an answer that is not JSON, or not a statement result', async () => {
    expect(await failure([{ body: '<html>login</html>' }])).toMatch(/not JSON/);
    expect(await failure([{ body: { hello: 1 } }])).toMatch(/did not answer with a statement result/);
  });

  it('a more link that leads nowhere (404 on a later page) says so, not that the endpoint is wrong: the first page came from it', async () => {
    // An LRS behind a proxy that serves it under another path, not told so: its `more` went past the proxy.
    const message = await failure([{ body: { statements: [{ id: '1' }], more: '/xAPI/statements?cursor=2' } }, { status: 404, body: '<p>Page not found</p>' }]);
    expect(message).not.toMatch(/no xAPI statement API/);
    expect(message).toMatch(/^the LRS at https:\/\/lrs\.example\.org\/data\/xAPI sent a link to its next page \(more\), \/xAPI\/statements, that leads nowhere \(HTTP 404\); .*--public-url/);
  });

  it('a more link to another host is not followed with the credentials', async () => {
    expect(await failure([{ body: { statements: [], more: 'https://evil.example/steal' } }])).toMatch(/another host \(evil\.example\)/);
  });

  it('a refused connection (a closed port on 127.0.0.1)', async () => {
    const port = await freePort();
    const error = await readLrs({ endpoint: `http://127.0.0.1:${port}/xAPI`, auth: AUTH }, { activity: COURSE }, () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportError);
    const message = (error as Error).message;
    expect(message).not.toContain('topsecret');
    expect(message).toMatch(new RegExp(`cannot reach the LRS at http://127\\.0\\.0\\.1:${port}/xAPI: connection refused`));
  });

  it('a timeout', async () => {
    const timeout = (async () => {
      throw Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
    }) as typeof fetch;
    await expect(readLrs(SOURCE, { activity: COURSE, fetch: timeout, timeoutMs: 5000 }, () => undefined)).rejects.toThrow(/did not answer within 5 s/);
  });

  it.each([
    ['not a URL', 'lrs.example.org', /not a valid URL/],
    ['not http', 'ftp://lrs.example.org/xAPI', /must start with http:\/\/ or https:\/\//],
    ['credentials in the URL', 'https://key:topsecret@lrs.example.org/xAPI', /not in the URL/],
    // Parsed, the key becomes the scheme: the message must not echo it.
    ['the scheme forgotten before credentials', 'KEYUSER:SECRETPW@lrs.example.org/xAPI', /must start with http:\/\/ or https:\/\//],
    // Copied from the LRS's page: it asked for …/statements/statements, and the LRS's 404 said nothing of why.
    ['the statements resource, not the endpoint', 'https://lrs.example.org/xAPI/statements', /names its `statements` resource; give the address without it: https:\/\/lrs\.example\.org\/xAPI/],
  ])('a bad endpoint (%s) fails before any request', async (_name, endpoint, message) => {
    const s = scripted([]);
    const failure = readLrs({ endpoint, auth: AUTH }, { activity: COURSE, fetch: s.fetch }, () => undefined);
    await expect(failure).rejects.toThrow(message);
    await expect(failure).rejects.not.toThrow(/keyuser|secretpw/i);
    expect(s.requests).toEqual([]);
  });

  it('a "more" link the LRS sent before stops the report instead of looping forever', async () => {
    const loop = { body: { statements: [{ id: '1' }], more: '/data/xAPI/statements?cursor=same' } };
    expect(await failure([loop, loop, loop])).toMatch(/sent a "more" link it had sent before \(page 2\)/);
  });

  it('empty pages without end stop the report', async () => {
    const pages = Array.from({ length: 101 }, (_, i) => ({ body: { statements: [], more: `/data/xAPI/statements?cursor=${i}` } }));
    expect(await failure(pages)).toMatch(/sent 100 empty pages in a row/);
  });

  it('a "more" link that is not a URL is one clear error naming the LRS, not an internal one', async () => {
    const s = scripted([{ body: { statements: [], more: 'http://[::1' } }]);
    await expect(readLrs(SOURCE, { activity: COURSE, fetch: s.fetch }, () => undefined)).rejects.toThrow(/sent a "more" link that is not a URL/);
  });

  it('a page refused for now (503, 429 with Retry-After, a dropped connection) is asked for again, each retry said in one line', async () => {
    const page1 = { body: { statements: [{ id: '1' }], more: '/data/xAPI/statements?cursor=2' } };
    const page2 = { body: { statements: [{ id: '2' }], more: '/data/xAPI/statements?cursor=3' } };
    const page3 = { body: { statements: [{ id: '3' }] } };
    const s = scripted([
      { status: 503, body: 'restarting' },
      page1,
      { status: 429, headers: { 'Retry-After': '7' } },
      { status: 502 },
      page2,
      page3,
    ]);
    const lost = s.fetch;
    let calls = 0;
    // The fifth request (page 2's fourth try): headers, then the connection drops in the body.
    const fetchWithDrop = (async (url: string | URL | Request, init?: RequestInit) => {
      if (++calls === 5) {
        s.requests.push({ url: String(url), headers: {} });
        const body = new ReadableStream({ start: (c) => c.error(Object.assign(new TypeError('terminated'), { cause: { code: 'ECONNRESET' } })) });
        return new Response(body, { status: 200 });
      }
      return lost(url, init);
    }) as typeof fetch;
    const w = noWait();
    const got: unknown[] = [];
    const result = await readLrs(SOURCE, { activity: COURSE, fetch: fetchWithDrop, retry: w.retry }, (x) => got.push(x));
    expect(got).toEqual([{ id: '1' }, { id: '2' }, { id: '3' }]);
    expect(result.pages).toBe(3);
    // 1 s, then the LRS's own 7 s, then 2 s and 4 s: each page's retries wait longer and longer.
    expect(w.waits).toEqual([1000, 7000, 2000, 4000]);
    expect(w.lines).toEqual([
      'page 1 from the LRS at https://lrs.example.org/data/xAPI: HTTP 503; trying again in 1 s (try 2 of 6)',
      'page 2 from the LRS at https://lrs.example.org/data/xAPI: HTTP 429; trying again in 7 s (try 2 of 6)',
      'page 2 from the LRS at https://lrs.example.org/data/xAPI: HTTP 502; trying again in 2 s (try 3 of 6)',
      'page 2 from the LRS at https://lrs.example.org/data/xAPI: the connection was lost; trying again in 4 s (try 4 of 6)',
    ]);
    // The same page is asked for again: the same URL, with the credentials.
    expect(s.requests.map((r) => new URL(r.url).searchParams.get('cursor'))).toEqual([null, null, '2', '2', '2', '2', '3']);
    for (const line of w.lines) expect(line).not.toContain('topsecret');
  });

  it('gives up after six tries, saying how many and over how long; a Retry-After of hours is not waited out', async () => {
    const w = noWait();
    const s = scripted(Array.from({ length: 6 }, () => ({ status: 503 })));
    const error = await readLrs(SOURCE, { activity: COURSE, fetch: s.fetch, retry: w.retry }, () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportError);
    expect((error as Error).message).toBe('the LRS at https://lrs.example.org/data/xAPI failed (HTTP 503); try again later (after 6 tries over 31 s)');
    expect(s.requests).toHaveLength(6);
    expect(w.waits).toEqual([1000, 2000, 4000, 8000, 16000]);

    const hours = noWait();
    const busy = scripted([{ status: 429, headers: { 'Retry-After': '7200' } }]);
    await expect(readLrs(SOURCE, { activity: COURSE, fetch: busy.fetch, retry: hours.retry }, () => undefined))
      .rejects.toThrow(/^the LRS at https:\/\/lrs\.example\.org\/data\/xAPI is busy \(HTTP 429\) and asks to be read again in 120 min \(Retry-After\); run the report again then$/);
    expect(hours.waits).toEqual([]);
    // An HTTP date (RFC 9110 §10.2.3), 3 s from now.
    const dated = noWait();
    const soon = scripted([{ status: 503, headers: { 'Retry-After': new Date(Date.now() + 3000).toUTCString() } }, { body: { statements: [] } }]);
    await readLrs(SOURCE, { activity: COURSE, fetch: soon.fetch, retry: dated.retry }, () => undefined);
    expect(dated.waits[0]).toBeGreaterThan(1000);
    expect(dated.waits[0]).toBeLessThanOrEqual(3000);
  });

  it('answers that say no (401, 403, 404, 400) are not asked again', async () => {
    for (const status of [401, 403, 404, 400]) {
      const w = noWait();
      const s = scripted([{ status }, { body: { statements: [] } }]);
      await expect(readLrs(SOURCE, { activity: COURSE, fetch: s.fetch, retry: w.retry }, () => undefined)).rejects.toThrow(ReportError);
      expect(s.requests).toHaveLength(1);
      expect(w.lines).toEqual([]);
    }
  });

  it('a network failure is retried once the LRS has answered, not on the first request (a wrong address is said at once)', async () => {
    const refused = () => Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const first = noWait();
    let tries = 0;
    const never = (async () => {
      tries++;
      throw refused();
    }) as typeof fetch;
    await expect(readLrs(SOURCE, { activity: COURSE, fetch: never, retry: first.retry }, () => undefined)).rejects.toThrow(/connection refused \(is it running/);
    expect(tries).toBe(1);

    const later = noWait();
    const s = scripted([{ body: { statements: [{ id: '1' }], more: '/data/xAPI/statements?cursor=2' } }, { body: { statements: [{ id: '2' }] } }]);
    let calls = 0;
    const restarting = (async (url: string | URL | Request, init?: RequestInit) => {
      calls++;
      if (calls === 2 || calls === 3) throw refused();
      return s.fetch(url, init);
    }) as typeof fetch;
    const got: unknown[] = [];
    await readLrs(SOURCE, { activity: COURSE, fetch: restarting, retry: later.retry }, (x) => got.push(x));
    expect(got).toEqual([{ id: '1' }, { id: '2' }]);
    expect(later.lines).toEqual([
      'page 2 from the LRS at https://lrs.example.org/data/xAPI: connection refused; trying again in 1 s (try 2 of 6)',
      'page 2 from the LRS at https://lrs.example.org/data/xAPI: connection refused; trying again in 2 s (try 3 of 6)',
    ]);
  });

  it('an untrusted TLS certificate is never retried', async () => {
    const w = noWait();
    let tries = 0;
    const s = scripted([{ body: { statements: [{ id: '1' }], more: '/data/xAPI/statements?cursor=2' } }]);
    const tls = (async (url: string | URL | Request, init?: RequestInit) => {
      if (++tries === 1) return s.fetch(url, init);
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'SELF_SIGNED_CERT_IN_CHAIN' } });
    }) as typeof fetch;
    await expect(readLrs(SOURCE, { activity: COURSE, fetch: tls, retry: w.retry }, () => undefined)).rejects.toThrow(/TLS certificate is not trusted \(SELF_SIGNED_CERT_IN_CHAIN\)$/);
    expect(tries).toBe(2);
  });

  it('a stop signal ends the read at once, in a request or in the wait before a retry', async () => {
    // In the wait: the LRS answered 503, and the retry waits; the stop comes during the wait.
    const stop = new AbortController();
    const s = scripted([{ status: 503 }, { body: { statements: [] } }]);
    const reading = readLrs(SOURCE, { activity: COURSE, fetch: s.fetch, stop: stop.signal, retry: { sleep: () => new Promise<void>(() => undefined), onRetry: () => stop.abort('SIGINT') } }, () => undefined);
    await expect(reading).rejects.toThrow(ReadStopped);
    await expect(reading).rejects.toThrow(/^stopped \(SIGINT\)$/);
    expect(s.requests).toHaveLength(1);

    // In a request that hangs: the stop aborts the fetch.
    const again = new AbortController();
    const hanging = ((_url: string | URL | Request, init?: RequestInit) => new Promise<Response>((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })));
      setTimeout(() => again.abort('SIGTERM'), 5);
    })) as typeof fetch;
    await expect(readLrs(SOURCE, { activity: COURSE, fetch: hanging, stop: again.signal }, () => undefined)).rejects.toThrow(/^stopped \(SIGTERM\)$/);
  });
  it('an LRS that redirects to another address, or without end, says so (real sockets); fetch drops the credentials there, and the 401 that followed said "check --user/--password"', async () => {
    const listen = async (server: Server): Promise<string> => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    };
    const seen: Array<string | undefined> = [];
    // The LRS itself, on another port (another origin, as https:// is to http://): it wants the credentials.
    const lrs = createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(req.headers.authorization === AUTH ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ statements: [{ id: '1' }] }));
    });
    const there = await listen(lrs);
    const moved = createServer((req, res) => res.writeHead(301, { location: `${there}${req.url ?? '/'}` }).end());
    const looping = createServer((req, res) => res.writeHead(302, { location: `${req.url ?? '/'}&again=1` }).end());
    const sameHost = createServer((req, res) => {
      if (req.url?.startsWith('/old/')) return void res.writeHead(308, { location: req.url.replace('/old/', '/xAPI/') }).end();
      res.writeHead(req.headers.authorization === AUTH ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ statements: [{ id: '2' }] }));
    });
    try {
      const movedAt = await listen(moved);
      const moving = readLrs({ endpoint: `${movedAt}/xAPI`, auth: AUTH }, { activity: COURSE, retry: { delaysMs: [] } }, () => undefined);
      await expect(moving).rejects.toThrow(ReportError);
      await expect(moving).rejects.toThrow(`the LRS at ${movedAt}/xAPI sends its requests on to ${there}/xAPI, another address, where the credentials are not sent; if the LRS is there, give that address`);
      expect(seen).toEqual([undefined]);

      const loopAt = await listen(looping);
      await expect(readLrs({ endpoint: `${loopAt}/xAPI`, auth: AUTH }, { activity: COURSE, retry: { delaysMs: [] } }, () => undefined))
        .rejects.toThrow(`the LRS at ${loopAt}/xAPI sends its requests on from address to address without end (redirects); check the address`);

      // On the same host a redirect keeps the credentials, and is followed.
      const got: unknown[] = [];
      await readLrs({ endpoint: `${await listen(sameHost)}/old/`, auth: AUTH }, { activity: COURSE }, (s) => got.push(s));
      expect(got).toEqual([{ id: '2' }]);
    } finally {
      for (const server of [lrs, moved, looping, sameHost]) server.close();
    }
  });
  it('a page past the size limit is one clear error, never retried (real sockets); a 600 MB page was "the connection was lost", asked for six times', async () => {
    // The limit is 256 MB by default; a page of 2 MiB against a limit of 1 MiB, with its length declared and without.
    let served = 0;
    const big = createServer((req, res) => {
      served++;
      const declared = req.url?.includes('declared') === true;
      res.writeHead(200, { 'content-type': 'application/json', ...(declared ? { 'content-length': String((2 << 20) + 24) } : {}) });
      res.write('{"statements":[],"x":"');
      res.write(Buffer.alloc(2 << 20, 0x61));
      res.end('"}');
    });
    await new Promise<void>((resolve) => big.listen(0, '127.0.0.1', resolve));
    const at = `http://127.0.0.1:${(big.address() as AddressInfo).port}`;
    try {
      for (const path of ['/declared/xAPI', '/chunked/xAPI']) {
        const lines: string[] = [];
        const reading = readLrs({ endpoint: `${at}${path}`, auth: AUTH }, { activity: COURSE, maxPageBytes: 1 << 20, retry: { delaysMs: [0, 0], onRetry: (line) => lines.push(line) } }, () => undefined);
        await expect(reading).rejects.toThrow(ReportError);
        await expect(reading).rejects.toThrow(`the LRS at ${at}${path} sent a page of more than 1 MB; ask for fewer statements a page (--page-size)`);
        expect(lines).toEqual([]);
      }
      expect(served).toBe(2);
      // Under the limit the same page is read.
      const pages = await readLrs({ endpoint: `${at}/chunked/xAPI`, auth: AUTH }, { activity: COURSE, maxPageBytes: 3 << 20 }, () => undefined);
      expect(pages.pages).toBe(1);
    } finally {
      big.close();
    }
  });
});
