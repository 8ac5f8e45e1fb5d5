/**
 * A gate in front of a test LRS, on 127.0.0.1: it forwards every request (CORS preflights
 * included) while up, and answers 503 while down, so a test can take the LRS away for part of a
 * session. It counts what it saw, to prove a course with xAPI off sends nothing at all.
 */
import { createServer, type IncomingMessage } from 'node:http';

export interface LrsGate {
  /** `http://127.0.0.1:PORT/xAPI`: give this to the course. */
  readonly endpoint: string;
  /** Every request the gate received: method and path. */
  readonly seen: Array<{ method: string; path: string; forwarded: boolean }>;
  down: boolean;
  /**
   * Answers a request the LRS never sees, when it returns one: `n` counts the requests for that method and
   * path from 1 (a flaky proxy, a rate limit). `{ hold: true }`: never answered (a stalled LRS), until `stop()`.
   * Unset or undefined: the request goes on (or 503 while down).
   */
  fault: ((request: { method: string; path: string; n: number }) => { status: number; headers?: Record<string, string> } | { hold: true } | undefined) | undefined;
  /**
   * Resolves once no request has come or been open for `quietMs`: requests a closed page left to the browser (a
   * keepalive POST at pagehide, its CORS preflight) reach the gate after the page is gone, and one that came
   * after the gate went up again was taken, where the test meant it refused.
   */
  settled(quietMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startLrsGate(target: string): Promise<LrsGate> {
  const base = new URL(target);
  const seen: LrsGate['seen'] = [];
  const gate: Pick<LrsGate, 'down' | 'fault'> = { down: false, fault: undefined };
  const counts = new Map<string, number>();
  let open = 0;
  let lastSeen = Date.now();
  const server = createServer(async (req, res) => {
    open++;
    lastSeen = Date.now();
    res.once('close', () => {
      open--;
      lastSeen = Date.now();
    });
    // Up or down as the request comes, not once its body has been read: a test that takes the gate up again
    // right after a request came meant that one refused.
    const downAtArrival = gate.down;
    const body = await read(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? '';
    const key = `${method} ${url.pathname}`;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    const fault = gate.fault?.({ method, path: url.pathname, n });
    seen.push({ method, path: url.pathname, forwarded: !downAtArrival && !fault });
    if (fault && 'hold' in fault) return;
    if (fault) {
      res.writeHead(fault.status, fault.headers ?? {}).end('unavailable');
      return;
    }
    if (downAtArrival) {
      res.writeHead(503, { 'access-control-allow-origin': req.headers.origin ?? '*' }).end('down');
      return;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name)) headers[name] = value;
    }
    try {
      const answer = await fetch(`${base.origin}${url.pathname}${url.search}`, {
        method: req.method ?? 'GET', headers, ...(body.length ? { body } : {}),
      });
      const out: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(name)) out[name] = value;
      });
      res.writeHead(answer.status, out).end(Buffer.from(await answer.arrayBuffer()));
    } catch {
      res.writeHead(502).end('bad gateway');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}${base.pathname.replace(/\/$/, '')}`,
    seen,
    get down() {
      return gate.down;
    },
    set down(value: boolean) {
      gate.down = value;
    },
    get fault() {
      return gate.fault;
    },
    set fault(value) {
      gate.fault = value;
    },
    settled: async (quietMs = 300) => {
      for (;;) {
        const quietFor = Date.now() - lastSeen;
        if (open === 0 && quietFor >= quietMs) return;
        await new Promise((resolve) => setTimeout(resolve, Math.max(20, quietMs - quietFor)));
      }
    },
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function read(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Every statement the LRS holds for a query, following `more` to the end (XAPI.md §12 item 6). */
export async function fetchStatements(endpoint: string, auth: string, query: Record<string, string>): Promise<Array<Record<string, any>>> {
  const headers = { 'X-Experience-API-Version': '1.0.3', Authorization: auth };
  const origin = new URL(endpoint).origin;
  let url = `${endpoint}/statements?${new URLSearchParams({ limit: '200', ascending: 'true', ...query })}`;
  const all: Array<Record<string, any>> = [];
  for (;;) {
    const response = await fetch(url, { headers });
    if (!response.ok) throw new Error(`GET statements: ${response.status} ${await response.text()}`);
    const page = await response.json() as { statements: Array<Record<string, any>>; more?: string };
    all.push(...page.statements);
    if (!page.more) return all;
    url = new URL(page.more, origin).href;
  }
}
