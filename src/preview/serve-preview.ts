/**
 * The preview's web server: the package the last build made, served from memory on 127.0.0.1, with a
 * script in its launch page that reloads the page when the course is built again (server-sent events).
 * When the last build found errors, the launch page is the list of them instead, and it reloads too.
 *
 * Never in a package: the reload script is added to the page as it is served. Only this machine can
 * reach it: it listens on 127.0.0.1 and answers only requests addressed to that name or `localhost` (a
 * page on the web could otherwise point a name of its own at 127.0.0.1 and read the course, DNS
 * rebinding). Files come from the package in memory, never from the disk, so no path reaches another file.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PackageFile } from '../package/index.js';

export const RELOAD_PATH = '/__coursepack/reload.js';
export const EVENTS_PATH = '/__coursepack/events';

/** What the preview shows now: the files of the last good build, and the problems page when the last build failed. */
export interface PreviewState {
  readonly files: ReadonlyMap<string, Uint8Array>;
  /** The launch page to show instead of the course (the last build's errors), or null. */
  readonly problems: string | null;
}

export interface PreviewServer {
  readonly port: number;
  /** Shows `state` and tells every open page to reload. */
  update(state: PreviewState): void;
  close(): Promise<void>;
}

const TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', json: 'application/json',
  xml: 'application/xml', xsd: 'application/xml', svg: 'image/svg+xml', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg',
  gif: 'image/gif', webp: 'image/webp', vtt: 'text/vtt; charset=utf-8', mp4: 'video/mp4', webm: 'video/webm', mp3: 'audio/mpeg',
  m4a: 'audio/mp4', ogg: 'audio/ogg', wav: 'audio/wav', pdf: 'application/pdf', txt: 'text/plain; charset=utf-8',
};

/**
 * Reloads when the server says the course was built again. EventSource reconnects by itself after the
 * preview restarts; a reload then shows whatever it serves.
 */
const RELOAD_SCRIPT = `new EventSource(${JSON.stringify(EVENTS_PATH)}).addEventListener('rebuilt', function () { location.reload(); });\n`;

export function filesOf(files: readonly PackageFile[]): Map<string, Uint8Array> {
  return new Map(files.map((f) => [f.path, f.data]));
}

export async function servePreview(port: number, initial: PreviewState): Promise<PreviewServer> {
  let state = initial;
  const listeners = new Set<ServerResponse>();
  let bound = 0;
  const server = createServer((request, response) => handle(request, response));

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const host = (request.headers.host ?? '').toLowerCase();
    if (host !== `127.0.0.1:${bound}` && host !== `localhost:${bound}`) return send(response, 403, 'text/plain; charset=utf-8', 'The preview answers only http://127.0.0.1 and http://localhost.\n');
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain; charset=utf-8', 'The preview only reads.\n', { Allow: 'GET, HEAD' });
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url ?? '/', 'http://preview.invalid').pathname).replace(/^\/+/, '');
    } catch {
      return send(response, 400, 'text/plain; charset=utf-8', 'Bad address.\n');
    }
    if (`/${path}` === EVENTS_PATH) return listen(request, response);
    if (`/${path}` === RELOAD_PATH) return send(response, 200, TYPES['js'] ?? '', RELOAD_SCRIPT, {}, request.method === 'HEAD');
    if (path === '' || path === 'index.html') {
      const page = state.problems ?? new TextDecoder().decode(state.files.get('index.html') ?? new Uint8Array());
      return send(response, 200, TYPES['html'] ?? '', withReload(page), {}, request.method === 'HEAD');
    }
    const data = state.files.get(path);
    if (!data) return send(response, 404, 'text/plain; charset=utf-8', `Not in the package: ${path}\n`, {}, request.method === 'HEAD');
    send(response, 200, TYPES[path.slice(path.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream', data, {}, request.method === 'HEAD');
  }

  function listen(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    response.write(': coursepack preview\n\n');
    listeners.add(response);
    request.on('close', () => listeners.delete(response));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      bound = (server.address() as AddressInfo).port;
      resolve();
    });
  });

  return {
    port: bound,
    update(next) {
      state = next;
      for (const listener of listeners) listener.write('event: rebuilt\ndata: \n\n');
    },
    close() {
      for (const listener of listeners) listener.end();
      listeners.clear();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** The reload script before `</body>` (or at the end of a page without one). */
function withReload(html: string): string {
  const tag = `<script src="${RELOAD_PATH}"></script>\n`;
  const at = html.lastIndexOf('</body>');
  return at < 0 ? `${html}\n${tag}` : `${html.slice(0, at)}${tag}${html.slice(at)}`;
}

function send(response: ServerResponse, status: number, type: string, body: string | Uint8Array, headers: Record<string, string> = {}, headOnly = false): void {
  const data = typeof body === 'string' ? Buffer.from(body) : body;
  response.writeHead(status, {
    'Content-Type': type, 'Content-Length': String(data.byteLength), 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers,
  });
  response.end(headOnly ? undefined : data);
}
