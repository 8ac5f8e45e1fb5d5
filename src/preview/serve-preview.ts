/**
 * The preview's web server: the package the last build made, served from memory on 127.0.0.1, with a
 * script in its launch page that reloads the page when the course is built again (server-sent events).
 * When the last build found errors, the launch page is the list of them instead, and it reloads too.
 *
 * Never in a package: the script is added to the page as it is served. It also tells the player there is
 * no LMS to look for (`apiSearchMs: 0`, docs/architecture.md "Player options"): the course showed after
 * the player's 3 s API search, on every reload. Only this machine can reach it: it listens on 127.0.0.1
 * and answers only requests addressed to that name or `localhost` (a page on the web could otherwise point
 * a name of its own at 127.0.0.1 and read the course, DNS rebinding). Files come from the package in
 * memory, never from the disk, so no path reaches another file.
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
  html: 'text/html; charset=utf-8', htm: 'text/html; charset=utf-8', xhtml: 'application/xhtml+xml', js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8', json: 'application/json', xml: 'application/xml', xsd: 'application/xml', dtd: 'application/xml-dtd',
  txt: 'text/plain; charset=utf-8', csv: 'text/csv; charset=utf-8', md: 'text/markdown; charset=utf-8', vtt: 'text/vtt; charset=utf-8',
  svg: 'image/svg+xml', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif', ico: 'image/x-icon',
  mp4: 'video/mp4', m4v: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm', ogv: 'video/ogg',
  mp3: 'audio/mpeg', m4a: 'audio/mp4', oga: 'audio/ogg', ogg: 'audio/ogg', opus: 'audio/ogg', wav: 'audio/wav',
  pdf: 'application/pdf', zip: 'application/zip', woff: 'font/woff', woff2: 'font/woff2',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', odt: 'application/vnd.oasis.opendocument.text',
};

/**
 * Runs in the page's head, before the player: no LMS to look for, and a reload when the course is built
 * again. A hidden tab lets its event stream go (a browser keeps six connections to a host, and each open
 * tab held one: the seventh never loaded) and, shown again, asks which build is current and reloads if it
 * missed one. EventSource reconnects by itself after the preview restarts.
 */
const RELOAD_SCRIPT = `(function () {
  window.coursepackPlayerOptions = { apiSearchMs: 0 };
  var script = document.currentScript;
  var shown = script && script.getAttribute('data-build');
  var source = null;
  function open() {
    if (source) return;
    source = new EventSource(${JSON.stringify(EVENTS_PATH)});
    source.addEventListener('build', function (event) { if (event.data !== shown) location.reload(); });
  }
  function close() { if (source) { source.close(); source = null; } }
  document.addEventListener('visibilitychange', function () { if (document.hidden) close(); else open(); });
  if (!document.hidden) open();
})();
`;

export function filesOf(files: readonly PackageFile[]): Map<string, Uint8Array> {
  return new Map(files.map((f) => [f.path, f.data]));
}

export async function servePreview(port: number, initial: PreviewState): Promise<PreviewServer> {
  let state = initial;
  /**
   * Counts the builds shown: a page knows the one it was served with (`data-build`), the event stream says the
   * current one. Counted from the time this preview started, in ms, not from 1: a tab left open while the
   * preview was stopped and started again (the course edited meanwhile) heard the same number the new run
   * gave its own first build, and went on showing the old course. Builds are more than 1 ms apart, so no
   * later run reaches a number an earlier one gave.
   */
  let build = Date.now();
  const listeners = new Set<ServerResponse>();
  let bound = 0;
  const server = createServer((request, response) => handle(request, response));

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const host = (request.headers.host ?? '').toLowerCase();
    // A browser leaves the port out of Host when it is the scheme's own (80).
    const names = bound === 80 ? ['127.0.0.1', 'localhost', '127.0.0.1:80', 'localhost:80'] : [`127.0.0.1:${bound}`, `localhost:${bound}`];
    if (!names.includes(host)) return send(request, response, 403, TYPES['txt'] ?? '', 'The preview answers only http://127.0.0.1 and http://localhost.\n');
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(request, response, 405, TYPES['txt'] ?? '', 'The preview only reads.\n', { Allow: 'GET, HEAD' });
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url ?? '/', 'http://preview.invalid').pathname).replace(/^\/+/, '');
    } catch {
      return send(request, response, 400, TYPES['txt'] ?? '', 'Bad address.\n');
    }
    if (`/${path}` === EVENTS_PATH) return listen(request, response);
    if (`/${path}` === RELOAD_PATH) return send(request, response, 200, TYPES['js'] ?? '', RELOAD_SCRIPT);
    if (path === '' || path === 'index.html') {
      const page = state.problems ?? new TextDecoder().decode(state.files.get('index.html') ?? new Uint8Array());
      return send(request, response, 200, TYPES['html'] ?? '', withReload(page, build));
    }
    const data = state.files.get(path);
    if (!data) return send(request, response, 404, TYPES['txt'] ?? '', `Not in the package: ${path}\n`);
    send(request, response, 200, TYPES[path.slice(path.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream', data);
  }

  function listen(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    response.write(`: coursepack preview\n\nevent: build\ndata: ${build}\n\n`);
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
  // A comment line now and then: an idle stream is not dropped as dead by a client or a proxy (Node's fetch after 300 s).
  const heartbeat = setInterval(() => {
    for (const listener of listeners) listener.write(': still here\n\n');
  }, 60_000);
  heartbeat.unref();

  return {
    port: bound,
    update(next) {
      state = next;
      build++;
      for (const listener of listeners) listener.write(`event: build\ndata: ${build}\n\n`);
    },
    close() {
      clearInterval(heartbeat);
      for (const listener of listeners) listener.end();
      listeners.clear();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** The preview's script first in the head (before the player reads its options), with the build it shows. */
function withReload(html: string, build: number): string {
  const tag = `<script src="${RELOAD_PATH}" data-build="${build}"></script>`;
  const at = html.indexOf('<head>');
  return at < 0 ? `${tag}\n${html}` : `${html.slice(0, at + 6)}\n${tag}${html.slice(at + 6)}`;
}

/**
 * One answer, a HEAD without its body. Files answer a single byte range (`Range: bytes=a-b`): a browser asks
 * video and audio in ranges to seek, and Safari plays video only from a server that answers them.
 */
function send(request: IncomingMessage, response: ServerResponse, status: number, type: string, body: string | Uint8Array, headers: Record<string, string> = {}): void {
  let data = typeof body === 'string' ? Buffer.from(body) : body;
  const common = { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Accept-Ranges': 'bytes', ...headers };
  const range = status === 200 ? /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? '') : null;
  if (range && (range[1] || range[2])) {
    const size = data.byteLength;
    const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
    const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    if (start >= size || start > end) {
      response.writeHead(416, { ...common, 'Content-Range': `bytes */${size}`, 'Content-Length': '0' });
      response.end();
      return;
    }
    data = data.subarray(start, end + 1);
    response.writeHead(206, { ...common, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': String(data.byteLength) });
  } else {
    response.writeHead(status, { ...common, 'Content-Length': String(data.byteLength) });
  }
  response.end(request.method === 'HEAD' ? undefined : data);
}
